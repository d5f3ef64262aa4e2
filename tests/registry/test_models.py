import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registry.models import Incubator, Landmark, Plot, Technology, Zone

pytestmark = pytest.mark.django_db


def make_zone(**fields):
    values = {"ref": "z1", "name": "Khu 1", "zone_kind": "it_park", "lat": 10.8, "lon": 106.98}
    return Zone(**values | fields)


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"total_area_ha": 10, "available_area_ha": 20}, "available_area_ha"),
        ({"lat": 30.0}, "lat"),
        ({"lon": 99.0}, "lon"),
        ({"lat": None, "lon": None}, "lat"),
        ({"ward_code": 123}, "ward_code"),
        ({"ref": "UPPER"}, "ref"),
        ({"total_area_ha": -1}, "total_area_ha"),
    ],
)
def test_zone_validation_names_the_field(fields, error_field):
    with pytest.raises(ValidationError) as caught:
        make_zone(**fields).full_clean()
    assert error_field in caught.value.message_dict


@pytest.mark.parametrize(
    "fields",
    [
        {"total_area_ha": 10, "available_area_ha": 20},
        {"lat": 30.0},
        {"total_area_ha": -1},
    ],
)
def test_database_constraints_hold_even_when_validation_is_bypassed(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_zone(**fields).save()


def test_ticket_min_above_max_is_refused_by_the_database():
    fund = Incubator(
        ref="f1", name="Quỹ", org_kind="venture_fund", ticket_min_usd=5, ticket_max_usd=1
    )
    with pytest.raises(ValidationError):
        fund.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        fund.save()


def test_plot_area_must_be_positive_in_the_database():
    zone = make_zone()
    zone.save()
    plot = Plot(
        ref="p1",
        name="Lô 1",
        zone=zone,
        code="A1",
        status="available",
        area_m2=0,
        lat=10.8,
        lon=106.98,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        plot.save()


def test_valid_ward_code_of_the_merged_province_is_accepted():
    make_zone(ward_code=25210).full_clean()  # Đồng Xoài, formerly Bình Phước


def test_published_queryset_hides_drafts():
    make_zone(ref="live-zone").save()
    make_zone(ref="draft-zone", live=False).save()
    assert list(Zone.objects.published().values_list("ref", flat=True)) == ["live-zone"]


def test_taxonomy_is_loaded_with_parents_and_a_parent_matches_its_children():
    chip = Technology.objects.get(code="semiconductor.chip_design")
    assert chip.parent.code == "semiconductor"
    codes = set(Technology.objects.matching("semiconductor").values_list("code", flat=True))
    assert {"semiconductor", "semiconductor.chip_design", "semiconductor.fabless"} <= codes
    assert "software" not in codes
    assert Technology.objects.filter(is_strategic=True).count() == 7


def test_technology_codes_are_never_renamed_and_children_extend_their_parent():
    chip = Technology.objects.get(code="semiconductor.chip_design")
    chip.code = "semiconductor.design"
    with pytest.raises(ValidationError) as caught:
        chip.full_clean()
    assert "code" in caught.value.message_dict
    child = Technology(
        code="ai.robotics",
        name="Robot",
        name_en="Robotics",
        parent=Technology.objects.get(code="semiconductor"),
    )
    with pytest.raises(ValidationError) as caught:
        child.full_clean()
    assert "parent" in caught.value.message_dict


def test_a_ward_of_another_province_is_refused_with_its_name_and_province():
    with pytest.raises(ValidationError) as caught:
        make_zone(ward_code=26506).full_clean()  # Phường Vũng Tàu, Ho Chi Minh City since 2025
    message = caught.value.message_dict["ward_code"][0]
    assert "Phường Vũng Tàu" in message and "Thành phố Hồ Chí Minh" in message
    assert "not in Đồng Nai (province 75)" in message


def test_a_landmark_may_lie_in_another_province():
    landmark = Landmark(
        ref="hcmc-centre", name="Trung tâm", landmark_kind="city_centre", lat=10.78, lon=106.70
    )
    landmark.ward_code = 26506
    landmark.full_clean()


@pytest.mark.parametrize(
    ("boundary", "words"),
    [
        ({"type": "Point", "coordinates": [107.1, 10.7]}, "Expected a GeoJSON Polygon"),
        ({"type": "Polygon", "coordinates": [[[10.7, 107.1], [10.8, 107.2]]]}, "inside Vietnam"),
        (
            {"type": "Polygon", "coordinates": [[[107.1, 10.7], [107.2, 10.7], [107.2, 10.8]]]},
            "at least 4 positions",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[107.1, 10.7], [107.3, 10.8], [107.3, 10.7], [107.1, 10.9], [107.1, 10.7]]
                ],
            },
            "crosses itself",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[107.1, 10.7], [107.2, 10.7], [107.3, 10.7], [107.1, 10.7]]],
            },
            "encloses no area",
        ),
    ],
)
def test_a_zone_outline_must_be_a_valid_polygon(boundary, words):
    with pytest.raises(ValidationError) as caught:
        make_zone(boundary=boundary).full_clean()
    assert words in caught.value.message_dict["boundary"][0]


def test_a_valid_outline_is_accepted_whichever_way_it_is_wound():
    ring = [[107.1, 10.7], [107.2, 10.7], [107.2, 10.8], [107.1, 10.7]]
    make_zone(boundary={"type": "Polygon", "coordinates": [ring]}).full_clean()
    make_zone(boundary={"type": "Polygon", "coordinates": [ring[::-1]]}).full_clean()
