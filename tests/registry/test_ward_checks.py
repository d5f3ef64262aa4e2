"""A record whose coordinates lie far from the other records of its ward is flagged for curators
(a warning on the record, a list filter), never refused."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from registry.models import Zone
from registry.ward_checks import flagged, ward_flag
from tests.conftest import lines, run_import

pytestmark = pytest.mark.django_db

AN_PHUOC = 26383  # Xã An Phước, Đồng Nai


def zone(ref: str, lat: float, lon: float, ward=AN_PHUOC) -> dict:
    return {
        "kind": "zone",
        "ref": ref,
        "name": f"Khu {ref}",
        "zone_kind": "industrial_park",
        "location": {"lat": lat, "lon": lon},
        "ward_code": ward,
    }


@pytest.fixture
def an_phuoc():
    """Three parks in An Phước and one given its ward code with Đồng Xoài's coordinates
    (some 85 km north)."""
    result = run_import(
        lines(
            zone("park-a", 10.80, 106.98),
            zone("park-b", 10.83, 106.95),
            zone("park-c", 10.81, 106.97),
            zone("misplaced", 11.54, 106.90),
        )
    )
    assert result.ok, result.problems


def test_the_record_far_from_its_wards_others_is_flagged_and_they_are_not(an_phuoc):
    flags = {Zone.objects.get(pk=pk).ref: flag for pk, flag in flagged("zone").items()}
    assert set(flags) == {"misplaced"}
    flag = flags["misplaced"]
    assert flag.others == 3 and flag.ward_name == "Xã An Phước"
    assert 75 < flag.distance_km < 90


def test_a_record_alone_in_its_ward_is_not_flagged(db):
    assert run_import(lines(zone("alone", 11.54, 106.90))).ok
    assert ward_flag(Zone.objects.get(ref="alone")) is None and not flagged("zone")


def test_curators_see_the_warning_on_the_record_and_can_list_the_flagged(client, an_phuoc):
    client.force_login(get_user_model().objects.create_superuser("c", "c@example.invalid", "pw"))
    misplaced = Zone.objects.get(ref="misplaced")
    page = client.get(reverse("wagtailsnippets_registry_zone:edit", args=[misplaced.pk]))
    text = page.content.decode()  # the curators' admin is Vietnamese
    assert "Hãy kiểm tra mã phường, xã hoặc tọa độ" in text
    assert "so với nơi có 3 bản ghi đã công bố khác của Xã An Phước (26383)" in text
    fine = Zone.objects.get(ref="park-a")
    page = client.get(reverse("wagtailsnippets_registry_zone:edit", args=[fine.pk]))
    assert "Hãy kiểm tra mã phường, xã hoặc tọa độ" not in page.content.decode()
    listing = client.get(reverse("wagtailsnippets_registry_zone:list"), {"ward_far": "true"})
    text = listing.content.decode()
    assert "Khu misplaced" in text and "Khu park-a" not in text
