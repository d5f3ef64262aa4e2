"""Challenges and experts in the interchange format (v1.1, issue #16): their `{"kind","ref"}`
links, every v1.1 rule, and round trips through JSON Lines, CSV and XLSX."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from registry.interchange.exporter import iter_records
from registry.interchange.importer import import_file
from registry.interchange.spreadsheet import write_csv
from registry.interchange.workbook import write_xlsx
from registry.models import Challenge, Enterprise, Expert, RDOrganisation
from tests.conftest import CHALLENGE, ENTERPRISE, EXPERT, INCUBATOR, RD, ZONE, lines, run_import

pytestmark = pytest.mark.django_db

ORGANISATIONS = [ZONE, ENTERPRISE, RD, INCUBATOR]


def problems_of(result) -> list[str]:
    return [str(p) for p in result.problems]


def exported(kinds=("challenge", "expert"), **kwargs) -> list[dict]:
    return list(iter_records(list(kinds), **kwargs))


def as_exported(record: dict) -> dict:
    return {"sample": False} | record  # export writes `sample` on every record


def nothing_written():
    return not Challenge.objects.exists() and not Expert.objects.exists()


def test_jsonl_round_trip_of_both_kinds_with_their_links():
    second = CHALLENGE | {
        "ref": "test-training",
        "challenge_kind": "training_need",
        "status": "closed",
        "poster": {"kind": "incubator", "ref": "test-fund"},
        "awarded_to": [
            {"kind": "enterprise", "ref": "test-chip"},
            {"kind": "rd_organisation", "ref": "test-lab"},
        ],
    }
    agency = {
        k: v for k, v in CHALLENGE.items() if k not in ("poster", "awarded_to", "deadline")
    } | {"ref": "test-agency", "status": "open"}
    result = run_import(lines(*ORGANISATIONS, CHALLENGE, second, agency, EXPERT))
    assert result.ok, problems_of(result)
    records = [agency, CHALLENGE, second, EXPERT]  # by kind, then ref
    assert exported() == [as_exported(r) for r in records]
    challenge = Challenge.objects.get(ref="test-training")
    assert challenge.poster.ref == "test-fund"
    assert {r.ref for r in challenge.awarded_to} == {"test-chip", "test-lab"}
    assert Expert.objects.get(ref="test-expert").affiliation == RDOrganisation.objects.get()
    # The same file again changes nothing.
    again = run_import(lines(*ORGANISATIONS, CHALLENGE, second, agency, EXPERT))
    assert again.ok and again.unchanged["challenge"] == 3 and again.unchanged["expert"] == 1


def test_a_changed_link_is_rewritten_and_the_other_kinds_key_cleared():
    run_import(lines(*ORGANISATIONS, CHALLENGE, EXPERT))
    moved = EXPERT | {"affiliation": {"kind": "enterprise", "ref": "test-chip"}}
    fewer = CHALLENGE | {"awarded_to": [{"kind": "enterprise", "ref": "test-chip"}]}
    result = run_import(lines(fewer, moved))
    assert result.ok and result.updated["expert"] == 1 and result.updated["challenge"] == 1
    expert = Expert.objects.get()
    assert expert.affiliation == Enterprise.objects.get()
    assert expert.affiliation_rd_organisation_id is None
    assert [r.ref for r in Challenge.objects.get().awarded_to] == ["test-chip"]
    without = {k: v for k, v in EXPERT.items() if k != "affiliation"}
    assert run_import(lines(without)).ok
    assert Expert.objects.get().affiliation is None


def test_forward_refs_in_the_same_file_resolve_whatever_the_line_order():
    result = run_import(lines(EXPERT, CHALLENGE, *reversed(ORGANISATIONS)))
    assert result.ok, problems_of(result)
    assert Challenge.objects.get().poster.ref == "test-chip"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"poster": {"kind": "enterprise", "ref": "no-such"}},
            "line 5: poster: no enterprise with ref no-such in this file or the registry",
        ),
        (  # a ref of the wrong kind: test-lab is an R&D organisation
            {"poster": {"kind": "enterprise", "ref": "test-lab"}},
            "line 5: poster: no enterprise with ref test-lab in this file or the registry",
        ),
        (
            {"awarded_to": [{"kind": "incubator", "ref": "gone"}]},
            "line 5: awarded_to: no incubator with ref gone in this file or the registry",
        ),
        (
            {"poster": {"kind": "zone", "ref": "test-park"}},
            'line 5: poster.kind: "zone" is not a kind this key may name; one of: '
            "enterprise, rd_organisation, incubator",
        ),
        ({"poster": "test-chip"}, 'line 5: poster: expected an object {"kind": …, "ref": …}, '),
        (
            {"poster": {"kind": "enterprise", "ref": "test-chip", "name": "x"}},
            "line 5: poster.name: unknown key; use kind and ref",
        ),
        (
            {"awarded_to": {"kind": "enterprise", "ref": "test-chip"}},
            "line 5: awarded_to: expected a list",
        ),
        (
            {"awarded_to": [{"kind": "enterprise", "ref": "test-chip"}] * 2},
            "line 5: awarded_to: each record may appear only once",
        ),
        (
            {"status": "open"},
            "line 5: awarded_to: only a challenge whose status is awarded or closed names who "
            "was awarded it",
        ),
        (
            {"deadline": "2026-02-28"},
            "line 5: deadline: The deadline cannot be before the day the challenge was posted.",
        ),
        ({"budget_vnd": -1}, "line 5: budget_vnd: "),
        ({"challenge_kind": "grant"}, "line 5: challenge_kind: "),
        ({"posted_on": None}, "line 5: posted_on: required"),
    ],
)
def test_every_challenge_rule_names_line_and_key_and_nothing_is_written(change, expected):
    result = run_import(lines(*ORGANISATIONS, CHALLENGE | change))
    problems = problems_of(result)
    assert len(problems) == 1 and problems[0].startswith(expected), problems
    assert nothing_written() and not Enterprise.objects.exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"consent_on": None}, "line 5: consent_on: required"),
        ({"languages": ["vi", "vn", "english"]}, "line 5: languages: not ISO 639-1"),
        ({"languages": ["vi", "vi"]}, "line 5: languages: Each value may appear only once."),
        ({"accepts_questions": "yes"}, "line 5: accepts_questions: expected true or false"),
        ({"expert_title": "dr"}, "line 5: expert_title: "),
        ({"email": "minh@example.vn"}, "line 5: email: unknown key for expert"),
        ({"affiliation": {"kind": "expert", "ref": "test-expert"}}, "line 5: affiliation.kind: "),
    ],
)
def test_every_expert_rule_names_line_and_key_and_nothing_is_written(change, expected):
    record = {k: v for k, v in (EXPERT | change).items() if v is not None}
    result = run_import(lines(*ORGANISATIONS, record))
    problems = problems_of(result)
    assert len(problems) == 1 and problems[0].startswith(expected), problems
    assert nothing_written()


def test_problems_of_the_new_kinds_are_said_in_vietnamese():
    record = CHALLENGE | {"status": "open", "poster": {"kind": "enterprise", "ref": "khong-co"}}
    with translation.override("vi"):
        problems = problems_of(run_import(lines(*ORGANISATIONS, record)))
    assert problems == [
        "dòng 5: awarded_to: chỉ bài toán ở trạng thái đã trao (awarded) hoặc đã đóng (closed) "
        "mới ghi bên được trao",
    ]
    record = CHALLENGE | {"poster": {"kind": "enterprise", "ref": "khong-co"}}
    with translation.override("vi"):
        problems = problems_of(run_import(lines(*ORGANISATIONS, record)))
    assert problems == [
        "dòng 5: poster: không có enterprise nào với ref khong-co trong tệp này hoặc trong cơ sở "
        "dữ liệu"
    ]


def test_private_fields_and_an_experts_contact_details_never_leave():
    run_import(lines(*ORGANISATIONS, CHALLENGE, EXPERT))
    user = get_user_model().objects.create_user(
        "minh", email="minh.tran@example.vn", password="x", first_name="Minh"
    )
    Expert.objects.update(account=user)
    Challenge.objects.update(officer=user)
    text = json.dumps(exported(), ensure_ascii=False)
    assert "example.vn" not in text and "account" not in text and "officer" not in text
    for record in exported():
        assert not {"email", "phone", "contact_email", "account", "officer"} & set(record)


def test_drafts_are_exported_only_when_asked_for():
    run_import(lines(*ORGANISATIONS))
    run_import(lines(CHALLENGE, EXPERT), publish=False)
    assert exported() == []
    assert [r["ref"] for r in exported(include_drafts=True)] == ["test-cooling", "test-expert"]


def test_csv_round_trip_of_both_kinds_one_file_per_kind():
    run_import(lines(*ORGANISATIONS, CHALLENGE, EXPERT))
    files = {}
    for kind in ("challenge", "expert"):
        out = io.StringIO()
        write_csv(kind, iter_records([kind]), out)
        files[kind] = out.getvalue()
    assert "awarded_to" in files["challenge"] and "rd_organisation:test-lab" in files["challenge"]
    assert "poster.kind" in files["challenge"] and "vi; en" in files["expert"]
    before = exported()
    Challenge.objects.all().delete()
    Expert.objects.all().delete()
    for kind, text in files.items():
        result = import_file(io.BytesIO(text.encode("utf-8")), f"{kind}.csv")
        assert result.ok, problems_of(result)
    assert exported() == before


def test_xlsx_round_trip_of_both_kinds_one_sheet_per_kind():
    run_import(lines(*ORGANISATIONS, CHALLENGE, EXPERT))
    before = exported()
    out = io.BytesIO()
    by_kind = {"challenge": [before[0]], "expert": [before[1]]}
    write_xlsx(list(by_kind), lambda kind: by_kind[kind], out)
    Challenge.objects.all().delete()
    Expert.objects.all().delete()
    result = import_file(io.BytesIO(out.getvalue()), "registry.xlsx")
    assert result.ok, problems_of(result)
    assert exported() == before


def test_a_spreadsheet_link_without_its_kind_is_named():
    run_import(lines(*ORGANISATIONS))
    header = "kind,ref,name,challenge_kind,status,posted_on,awarded_to\n"
    row = "challenge,c-1,Tên,enterprise_need,closed,2026-01-05,test-chip\n"
    result = import_file(io.BytesIO((header + row).encode()), "challenge.csv")
    assert problems_of(result) == [
        'challenge.csv, row 2, column awarded_to: expected an object {"kind": …, "ref": …}, '
        'got "test-chip"'
    ]
    assert nothing_written()


def test_the_import_preview_shows_link_changes_field_by_field():
    run_import(lines(*ORGANISATIONS, CHALLENGE))
    changed = CHALLENGE | {
        "poster": {"kind": "incubator", "ref": "test-fund"},
        "awarded_to": [{"kind": "enterprise", "ref": "test-chip"}],
        "budget_vnd": 2_000_000_000,
    }
    result = run_import(lines(changed), dry_run=True)
    assert result.ok, problems_of(result)
    (change,) = result.changes
    assert {f.key: (f.old, f.new) for f in change.fields} == {
        "poster": ("enterprise:test-chip", "incubator:test-fund"),
        "awarded_to": ("rd_organisation:test-lab", "enterprise:test-chip"),
        "budget_vnd": ("1500000000", "2000000000"),
    }
    assert Challenge.objects.get().poster.ref == "test-chip"


def test_the_open_data_downloads_hold_both_kinds_and_say_what_experts_hold(client):
    run_import(lines(*ORGANISATIONS, CHALLENGE, EXPERT))
    user = get_user_model().objects.create_user("minh", email="minh.tran@example.vn")
    Expert.objects.update(account=user)
    for kind, ref in (("challenge", "test-cooling"), ("expert", "test-expert")):
        for fmt in ("jsonl", "csv", "xlsx"):
            response = client.get(f"/api/v1/export/?format={fmt}&kind={kind}")
            assert response.status_code == 200, (kind, fmt)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"example.vn" not in body
            if fmt != "xlsx":
                assert ref.encode() in body
    html = client.get("/en/open-data/").content.decode()
    assert "Only profiles whose owners consented to publication are published" in html
    assert "no contact details" in html


@pytest.mark.parametrize("kind", [["challenge"], {"kind": "expert"}])
def test_a_kind_that_is_a_list_or_an_object_is_a_problem_not_a_crash(kind):
    # Found by tests/registry/test_fuzz_kinds.py: an unhashable kind raised a TypeError.
    result = run_import(lines(EXPERT | {"kind": kind}))
    assert problems_of(result)[0].startswith("line 1: kind: unknown kind")
    poster = {"kind": ["enterprise"], "ref": "test-chip"}
    result = run_import(lines(*ORGANISATIONS, CHALLENGE | {"poster": poster}))
    assert problems_of(result)[0].startswith('line 5: poster.kind: ["enterprise"] is not a kind')


def test_an_object_in_a_list_of_choices_is_a_problem_not_a_crash():
    # Found by tests/registry/test_fuzz_kinds.py: a ChoiceListField hashed its items (any kind's
    # lists of choices: `wanted`, an enterprise's `value_chain_roles`).
    result = run_import(lines(*ORGANISATIONS, CHALLENGE | {"wanted": [{"a": 1}, "expert"]}))
    assert problems_of(result)[0].startswith("line 5: wanted: {'a': 1} not allowed; choose from")
    assert nothing_written()
