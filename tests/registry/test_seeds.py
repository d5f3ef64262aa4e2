import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from registry.models import Enterprise, Incubator, Landmark, Plot, RDOrganisation, Zone

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def seeded():
    call_command("load_initial_data", stdout=io.StringIO(), stderr=io.StringIO())


def test_seed_data_meets_the_minimum_counts(seeded):
    assert Plot.objects.published().count() >= 80
    assert Enterprise.objects.published().count() >= 150
    assert RDOrganisation.objects.published().count() >= 20
    assert Incubator.objects.published().count() >= 15
    parks = Zone.objects.published().filter(zone_kind__in=["industrial_park", "high_tech_park"])
    assert parks.exclude(ref__startswith="sample-").count() >= 10


def test_seed_has_the_landmarks_investors_measure_from(seeded):
    kinds = set(Landmark.objects.published().values_list("landmark_kind", flat=True))
    assert {"airport", "seaport", "city_centre", "pop"} <= kinds
    assert Zone.objects.get(ref="lt-digital-park").zone_kind == "it_park"
    assert Zone.objects.filter(zone_kind="innovation_zone").exists()


def test_invented_records_are_marked_as_sample_and_real_ones_are_not():
    for path in sorted(SEEDS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            invented = path.name.startswith("10_")
            assert record["ref"].startswith("sample-") == invented, record["ref"]
            if invented:
                assert record["name"].endswith("(mẫu)") and record["name_en"].endswith("(sample)")


def test_vietnamese_names_keep_their_diacritics_and_have_english_names(seeded):
    zone = Zone.objects.get(ref="lt-digital-park")
    assert zone.name == "Khu công nghệ số tập trung Long Thành"
    assert not Zone.objects.filter(name_en="").exists()


def test_loading_the_seeds_twice_changes_nothing(seeded):
    out = io.StringIO()
    call_command("load_initial_data", stdout=out, stderr=io.StringIO())
    assert "0 created, 0 updated" in out.getvalue()
