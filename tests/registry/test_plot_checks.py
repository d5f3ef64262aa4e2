"""Plot figures that look wrong are flagged for curators (a warning on the plot, a list filter),
never refused: outside the zone's outline, a data-centre plot under 5 MW, a lease price far from
the zone's other plots'."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from registry.models import Plot
from registry.plot_checks import flagged, plot_flags
from registry.polygons import contains
from tests.conftest import ZONE, lines, run_import

pytestmark = pytest.mark.django_db

# A square around the zone's point (10.8, 106.98), about 2 km a side.
OUTLINE = {
    "type": "Polygon",
    "coordinates": [
        [[106.97, 10.79], [106.99, 10.79], [106.99, 10.81], [106.97, 10.81], [106.97, 10.79]]
    ],
}
FENCED_ZONE = {**ZONE, "boundary": OUTLINE}


def plot(ref: str, lat=10.8, lon=106.98, **fields) -> dict:
    return {
        "kind": "plot",
        "ref": ref,
        "zone": "test-park",
        "code": ref.upper(),
        "name": f"Lô {ref}",
        "status": "available",
        "area_m2": 10000,
        "location": {"lat": lat, "lon": lon},
        **fields,
    }


def imported(*records) -> dict[str, list[str]]:
    result = run_import(lines(FENCED_ZONE, *records))
    assert result.ok, result.problems  # flagged, never refused
    refs = dict(Plot.objects.values_list("pk", "ref"))
    return {refs[pk]: [f.check for f in flags] for pk, flags in flagged().items()}


def test_point_in_polygon_with_a_hole():
    outer = [[106, 10], [107, 10], [107, 11], [106, 11], [106, 10]]
    hole = [[106.4, 10.4], [106.6, 10.4], [106.6, 10.6], [106.4, 10.6], [106.4, 10.4]]
    polygon = {"type": "Polygon", "coordinates": [outer, hole]}
    assert contains(polygon, 106.1, 10.1) is True
    assert contains(polygon, 106.5, 10.5) is False and contains(polygon, 107.5, 10.5) is False
    assert contains(None, 106.1, 10.1) is None


def test_a_plot_outside_its_zones_outline_is_flagged():
    flags = imported(plot("inside"), plot("outside", lat=10.9, lon=107.1))
    assert flags == {"outside": ["outside_zone"]}


def test_a_data_centre_plot_under_5_mw_is_flagged_and_others_are_not():
    flags = imported(
        plot("dc-small", power_capacity_mw=3, suitable_for=["data_centre.edge"]),
        plot("dc-land-use", power_capacity_mw=2, land_use="data_centre"),
        plot("dc-big", power_capacity_mw=40, suitable_for=["data_centre"]),
        plot("factory-small", power_capacity_mw=3, suitable_for=["semiconductor"]),
        plot("dc-unknown", suitable_for=["data_centre"]),  # no figure: completeness says so
    )
    assert flags == {"dc-small": ["data_centre_power"], "dc-land-use": ["data_centre_power"]}


def test_a_price_far_from_the_zones_other_plots_is_flagged():
    usual = [plot(f"p{i}", lease_price_usd_m2=price) for i, price in enumerate([90, 100, 110, 120])]
    flags = imported(
        *usual, plot("dear", lease_price_usd_m2=900), plot("fair", lease_price_usd_m2=105)
    )
    assert flags == {"dear": ["price_outlier"]}
    dear = plot_flags(Plot.objects.get(ref="dear"))[0]
    # The other five (fair's 105 among them): median 105, deviations 15, 5, 5, 15, 0 → MAD 5.
    assert dear.others == 5 and dear.price_median == 105 and dear.price_mad == 5
    assert "outside 90–120 USD/m²" in dear.message and "± 3 ×" in dear.message


def test_with_fewer_than_four_other_prices_nothing_is_judged():
    usual = [plot(f"p{i}", lease_price_usd_m2=price) for i, price in enumerate([90, 100, 110])]
    assert imported(*usual, plot("dear", lease_price_usd_m2=900)) == {}


def test_curators_see_the_warnings_and_can_list_the_flagged_plots(client):
    usual = [plot(f"p{i}", lease_price_usd_m2=price) for i, price in enumerate([90, 100, 110, 120])]
    imported(*usual, plot("dear", lease_price_usd_m2=900, lat=10.9, lon=107.1))
    client.force_login(get_user_model().objects.create_superuser("c", "c@example.invalid", "pw"))
    dear = Plot.objects.get(ref="dear")
    text = client.get(
        reverse("wagtailsnippets_registry_plot:edit", args=[dear.pk])
    ).content.decode()
    assert "Hãy kiểm tra giá thuê" in text and "Hãy kiểm tra tọa độ hoặc ranh giới của khu" in text
    assert "900 USD/m² nằm ngoài khoảng 75–135 USD/m²" in text
    assert "Chỉ đánh dấu để kiểm tra; không có gì bị từ chối." in text
    fine = Plot.objects.get(ref="p1")
    text = client.get(
        reverse("wagtailsnippets_registry_plot:edit", args=[fine.pk])
    ).content.decode()
    assert "Hãy kiểm tra giá thuê" not in text
    listing = reverse("wagtailsnippets_registry_plot:list")
    text = client.get(listing, {"check": "price_outlier"}).content.decode()
    assert "Lô dear" in text and "Lô p1" not in text
    text = client.get(listing, {"check": "data_centre_power"}).content.decode()
    assert "Lô dear" not in text


def test_a_curator_saves_a_flagged_plot(client):
    imported(plot("outside", lat=10.9, lon=107.1))
    client.force_login(get_user_model().objects.create_superuser("c", "c@example.invalid", "pw"))
    outside = Plot.objects.get(ref="outside")
    edit = reverse("wagtailsnippets_registry_plot:edit", args=[outside.pk])
    page = client.get(edit)
    form = page.context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("technologies", "suitable_for")
    }
    data.update(zone=outside.zone_id, name="Lô đã sửa", **{"action-publish": "action-publish"})
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    outside.refresh_from_db()
    assert outside.name == "Lô đã sửa" and [f.check for f in plot_flags(outside)] == [
        "outside_zone"
    ]
