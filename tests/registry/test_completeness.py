"""Completeness ("đủ"): a score per record from the fields that matter for its kind, stored so
the admin sorts and filters by it, kept current by saves and imports, shown to curators (what is
missing) and to the public (a badge), and counted on the dashboard."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.completeness import CRITERIA, counted, recompute, record_score, score
from registry.models import KINDS, Plot, Zone
from tests.conftest import PLOT, ZONE, lines, run_import

FULL_PLOT = {
    **PLOT,
    "ref": "test-full",
    "code": "F01",
    "name": "Lô đầy đủ",
    "land_use": "data_centre",
    "lease_price_usd_m2": 120,
    "lease_term_end_year": 2070,
    "water_supply_m3_day": 500,
    "fibre_pop_distance_km": 1.5,
    "fibre_bandwidth_gbps": 100,
    "flood_risk": "low",
    "available_from": "2026-06-01",
    "ward_code": 26383,
    "description": {"vi": "Lô cho trung tâm dữ liệu.", "en": "A data-centre plot."},
}
BARE_PLOT = {
    k: v for k, v in PLOT.items() if k not in ("power_capacity_mw", "power_feeds", "suitable_for")
}
BARE_PLOT.update(ref="test-bare", code="B01", name="Lô sơ sài")


def filled_value(field: str):
    """A value that counts as filled for any criterion's field."""
    return [1] if field in ("technologies", "suitable_for", "offers", "labs") else 1


# --- the score itself -------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(sorted(CRITERIA)), data=st.data())
def test_the_score_is_0_to_100_and_filling_a_field_never_lowers_it(kind, data):
    fields = sorted({f for c in CRITERIA[kind] for f in c.fields})
    empty = st.sampled_from([None, "", []])
    values = {f: data.draw(st.one_of(empty, st.just(filled_value(f))), label=f) for f in fields}
    before = score(kind, values)
    assert 0 <= before <= 100
    field = data.draw(st.sampled_from(fields), label="filled")
    after = score(kind, {**values, field: filled_value(field)})
    assert before <= after <= 100


@pytest.mark.parametrize("kind", sorted(CRITERIA))
def test_nothing_filled_is_0_and_everything_filled_is_100(kind):
    fields = {f for c in counted(kind) for f in c.fields}
    assert score(kind, {}) == 0
    assert score(kind, {f: filled_value(f) for f in fields}) == 100


def test_false_and_zero_are_answers_not_gaps():
    with_false = score("zone", {"has_international_pop": False})
    assert with_false == score("zone", {"has_international_pop": True}) > 0


# --- stored and kept current ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_import_stores_each_records_score_and_a_fuller_plot_scores_higher():
    assert run_import(lines(ZONE, FULL_PLOT, BARE_PLOT)).ok
    full, bare = Plot.objects.get(ref="test-full"), Plot.objects.get(ref="test-bare")
    assert full.completeness == record_score(full) and bare.completeness == record_score(bare)
    assert bare.completeness < full.completeness
    # Taxonomy codes count although the bulk import writes them after the rows.
    assert full.completeness > record_score(full, codes={"suitable_for": [], "technologies": []})


@pytest.mark.django_db
def test_an_import_that_adds_figures_raises_the_stored_score():
    assert run_import(lines(ZONE, BARE_PLOT)).ok
    before = Plot.objects.get(ref="test-bare").completeness
    assert run_import(lines({**BARE_PLOT, "lease_price_usd_m2": 90, "power_capacity_mw": 20})).ok
    assert Plot.objects.get(ref="test-bare").completeness > before


@pytest.mark.django_db
def test_a_save_keeps_the_score_current():
    assert run_import(lines(ZONE, FULL_PLOT)).ok
    plot = Plot.objects.get(ref="test-full")
    before = plot.completeness
    plot.lease_price_usd_m2 = None
    plot.save()
    assert Plot.objects.get(pk=plot.pk).completeness < before
    plot.lease_price_usd_m2 = 120
    plot.save(update_fields=["lease_price_usd_m2"])
    assert Plot.objects.get(pk=plot.pk).completeness == before


@pytest.mark.django_db
def test_recomputing_restores_every_stored_score():
    """What the migration does for the rows that existed before the field."""
    assert run_import(lines(ZONE, FULL_PLOT, BARE_PLOT)).ok
    expected = dict(Plot.objects.values_list("ref", "completeness"))
    Plot.objects.update(completeness=0)
    assert recompute(Plot, "plot") == 2
    assert dict(Plot.objects.values_list("ref", "completeness")) == expected


# --- the admin --------------------------------------------------------------------------------


@pytest.fixture
def curator(client, db):
    client.force_login(get_user_model().objects.create_superuser("c", "c@example.invalid", "pw"))


@pytest.fixture
def plots(db):
    assert run_import(lines(ZONE, FULL_PLOT, BARE_PLOT)).ok


def names_in_order(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=html.index)


def test_the_admin_lists_sort_by_completeness_and_filter_by_band(client, curator, plots):
    url = reverse("wagtailsnippets_registry_plot:list")
    full, bare = Plot.objects.get(ref="test-full"), Plot.objects.get(ref="test-bare")
    html = client.get(url, {"ordering": "completeness"}).content.decode()
    assert "Mức đầy đủ" in html  # the column, in the curators' Vietnamese
    assert f"{full.completeness}%" in html and f"{bare.completeness}%" in html
    assert names_in_order(html, ["Lô đầy đủ", "Lô sơ sài"]) == ["Lô sơ sài", "Lô đầy đủ"]
    html = client.get(url, {"ordering": "-completeness"}).content.decode()
    assert names_in_order(html, ["Lô đầy đủ", "Lô sơ sài"]) == ["Lô đầy đủ", "Lô sơ sài"]
    assert bare.completeness < 50 <= 80 <= full.completeness
    html = client.get(url, {"completeness": "low"}).content.decode()
    assert "Lô sơ sài" in html and "Lô đầy đủ" not in html
    html = client.get(url, {"completeness": "good"}).content.decode()
    assert "Lô đầy đủ" in html and "Lô sơ sài" not in html


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kinds_list_has_the_completeness_column(client, curator, registry_data, kind):
    html = client.get(reverse(f"wagtailsnippets_registry_{KINDS[kind]._meta.model_name}:list"))
    assert "ordering=completeness" in html.content.decode()


def test_the_edit_view_names_what_is_missing(client, curator, plots):
    bare = Plot.objects.get(ref="test-bare")
    html = client.get(reverse("wagtailsnippets_registry_plot:edit", args=[bare.pk]))
    text = html.content.decode()
    assert f"Mức đầy đủ dữ liệu: {bare.completeness}%" in text
    missing = text[text.index("Còn thiếu") :]
    assert "Công suất điện (MW)" in missing and "Giá thuê" in missing


def test_the_dashboard_counts_each_kind_by_band(client, curator, plots):
    text = client.get(reverse("wagtailadmin_home")).content.decode()
    table = text[text.index('id="registry-completeness-section"') :]
    table = table[: table.index("</table>")]
    plots_row = re.search(r"<th scope=\"row\">Lô đất</th>(.*?)</tr>", table, re.S).group(1)
    counts = [int(n) for n in re.findall(r">(\d+)</a>", plots_row)]
    assert counts == [1, 0, 1]  # under 50 %, 50–79 %, 80 % or more
    assert 'href="/admin/snippets/registry/plot/?completeness=low"' in plots_row
    zones_row = re.search(r"<th scope=\"row\">Khu</th>(.*?)</tr>", table, re.S).group(1)
    assert sum(int(n) for n in re.findall(r">(\d+)</a>", zones_row)) == 1


# --- the public badge -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "heading", "missing"),
    [
        ("en", "Data completeness", "lease price"),
        ("vi", "Mức đầy đủ dữ liệu", "giá thuê"),
    ],
)
def test_the_record_page_shows_the_completeness_badge(client, plots, lang, heading, missing):
    bare = Plot.objects.get(ref="test-bare")
    text = client.get(f"/{lang}/registry/plot/test-bare/").content.decode()
    badge = text[text.index('class="completeness"') :]
    badge = badge[: badge.index("</section>")]
    assert heading in badge and f"{bare.completeness}%" in badge and missing in badge
    assert f'value="{bare.completeness}"' in badge  # the meter says it to assistive technology


def test_a_zone_with_its_outline_scores_higher_than_without():
    zone = Zone(ref="z", name="Z", zone_kind="it_park")
    without = record_score(zone)
    zone.boundary = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    assert record_score(zone) > without


def test_a_band_or_check_the_filters_do_not_know_is_no_server_error(client, curator, plots):
    url = reverse("wagtailsnippets_registry_plot:list")
    for query in ({"completeness": "nonsense"}, {"check": "<b>"}, {"ordering": "completeness;"}):
        assert client.get(url, query).status_code < 500, query


def test_staff_who_cannot_list_records_get_no_completeness_panel(client, plots):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("officer", "o@example.invalid", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200 and b"registry-completeness-section" not in response.content
