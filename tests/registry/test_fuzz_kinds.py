"""Hostile challenge and expert lines (issue #16): whatever a line holds, the import answers with
problems naming line and key, never an exception, and writes nothing from a refused file."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.models import Challenge, Expert
from tests.conftest import CHALLENGE, ENTERPRISE, EXPERT, RD, ZONE, lines, run_import

pytestmark = pytest.mark.django_db

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
LINK_KEYS = ["poster", "awarded_to", "affiliation", "languages", "consent_on", "deadline"]
KEYS = st.sampled_from(
    [*LINK_KEYS, "status", "budget_vnd", "posted_on", "wanted", "accepts_questions", "ref", "kind"]
)
LINKISH = st.one_of(
    JSON_VALUES,
    st.fixed_dictionaries(
        {"kind": st.sampled_from(["enterprise", "zone", "expert", ""]), "ref": JSON_VALUES}
    ),
    st.lists(
        st.fixed_dictionaries({"kind": st.text(max_size=12), "ref": st.text(max_size=12)}),
        max_size=3,
    ),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    base=st.sampled_from([CHALLENGE, EXPERT]),
    changes=st.dictionaries(KEYS, st.one_of(JSON_VALUES, LINKISH), min_size=1, max_size=4),
)
def test_hostile_lines_get_problems_and_write_nothing_or_a_valid_record(base, changes):
    record = base | changes
    text = lines(ZONE, ENTERPRISE, RD, json.dumps(record, ensure_ascii=False, default=str))
    result = run_import(text)
    if result.ok:  # hypothesis found a valid record: it must read back as written
        model = Challenge if record["kind"] == "challenge" else Expert
        assert model.objects.filter(ref=record["ref"]).exists()
        model.objects.all().delete()
        return
    for problem in result.problems:
        assert problem.line >= 1 and problem.field and problem.reason, problem
        assert "Traceback" not in problem.reason and "IntegrityError" not in problem.reason
    assert not Challenge.objects.exists() and not Expert.objects.exists()
