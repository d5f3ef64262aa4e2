"""One contract for every search backend, run on each this run can reach (the real
Elasticsearch in CI) and checked against a reference computed from the raw records."""

import math
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.moderation import CURATORS
from registry.geo import haversine_km
from registry.models import Technology, Zone
from registry.textfold import fold
from tests.conftest import ENTERPRISE, PLOT, ZONE
from tests.search.conftest import find, refs

pytestmark = pytest.mark.django_db


def all_refs(backend, **params):
    """Every result of a query, all pages."""
    found, page = [], 1
    while True:
        results = find(backend, page_size=100, page=page, **params)
        found += refs(results)
        if page * 100 >= results.count:
            assert len(found) == results.count
            return found
        page += 1


def reference(
    records,
    kind=(),
    technology=(),
    zone=(),
    ownership=(),
    status=(),
    org_kind=(),
    zone_kind=(),
    min_area_m2=None,
    min_power_mw=None,
    near=None,
    within_km=None,
):
    """What a query must return, computed from the interchange records themselves."""

    def ok(r):
        codes = r.get("technologies", []) + r.get("suitable_for", [])
        in_zone = r.get("zone") or (r["ref"] if r["kind"] == "zone" else None)
        loc = r.get("location")
        return (
            r["kind"] != "landmark"
            and (not kind or r["kind"] in kind)
            and (
                not technology
                or any(c == t or c.startswith(t + ".") for c in codes for t in technology)
            )
            and (not zone or in_zone in zone)
            and (not ownership or r.get("ownership") in ownership)
            and (not status or r.get("status") in status)
            and (not org_kind or r.get("org_kind") in org_kind)
            and (not zone_kind or r.get("zone_kind") in zone_kind)
            and (min_area_m2 is None or (r.get("area_m2") or -1) >= min_area_m2)
            and (min_power_mw is None or (r.get("power_capacity_mw") or -1) >= min_power_mw)
            and (
                near is None
                or (
                    loc is not None
                    and (
                        within_km is None
                        or haversine_km(*near, loc["lat"], loc["lon"]) <= within_km
                    )
                )
            )
        )

    return sorted(r["ref"] for r in records if ok(r))


FILTERS = [
    {},
    {"kind": ["plot"]},
    {"kind": ["enterprise", "incubator"]},
    {"technology": ["semiconductor"]},
    {"technology": ["semiconductor.packaging_testing", "ai"]},
    {"zone": ["lt-digital-park"]},
    {"zone": ["lt-digital-park"], "kind": ["plot"], "status": ["available"]},
    {"ownership": ["fdi", "joint_venture"]},
    {"org_kind": ["venture_fund", "lab"]},
    {"zone_kind": ["industrial_park"]},
    {"kind": ["plot"], "min_area_m2": 30000, "min_power_mw": 20},
    {"near": (10.77, 107.05), "within_km": 10},
    {"near": (10.77, 107.05), "within_km": 25, "kind": ["plot"], "technology": ["data_centre"]},
]


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_filters_return_exactly_the_reference_records(backend, seeded, filters):
    params = {k: (f"{v[0]},{v[1]}" if k == "near" else v) for k, v in filters.items()}
    assert sorted(all_refs(backend, **params)) == reference(seeded, **filters)


def test_facets_are_disjunctive_and_ignore_pagination(backend, seeded):
    results = find(backend, kind=["plot"], ownership=["fdi"], page_size=1)
    # Each facet counts with every other filter applied: kind counts ignore kind=plot...
    assert results.facets["kind"]["enterprise"] == len(
        reference(seeded, kind=["enterprise"], ownership=["fdi"])
    )
    assert "plot" not in results.facets["kind"]  # no plot has an ownership
    # ...and ownership counts keep kind=plot (plots have no ownership).
    assert results.facets["ownership"] == {}
    plots = find(backend, kind=["plot"])
    assert plots.facets["kind"]["zone"] == len(reference(seeded, kind=["zone"]))
    assert plots.facets["status"]["available"] == len(
        reference(seeded, kind=["plot"], status=["available"])
    )
    assert plots.facets["technology"]["data_centre"] == len(
        reference(seeded, kind=["plot"], technology=["data_centre"])
    )


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [
        ("-area_m2", "area_m2", True),
        ("-power_capacity_mw", "power_capacity_mw", True),
        ("lease_price_usd_m2", "lease_price_usd_m2", False),
    ],
)
def test_numeric_sorts_with_unknown_values_last(backend, seeded, sort, key, reverse):
    by_ref = {r["ref"]: r for r in seeded}
    values = [by_ref[ref].get(key) for ref in refs(find(backend, sort=sort, page_size=100))]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=reverse)
    assert values[: len(known)] == known  # unknown values come after every known one


def test_sort_by_distance_reports_distances_that_agree_with_haversine(backend, seeded):
    results = find(backend, near="10.77,107.05", within_km=15, sort="distance", page_size=50)
    by_ref = {r["ref"]: r for r in seeded}
    distances = [hit.distance_km for hit in results.hits]
    assert distances == sorted(distances) and results.count > 5
    for hit in results.hits:
        loc = by_ref[hit.ref]["location"]
        assert math.isclose(
            hit.distance_km, haversine_km(10.77, 107.05, loc["lat"], loc["lon"]), abs_tol=0.05
        )


def test_sort_by_name_then_pages_do_not_overlap(backend, seeded):
    first = refs(find(backend, sort="name", page_size=10, page=1))
    second = refs(find(backend, sort="name", page_size=10, page=2))
    assert len(first) == len(second) == 10 and not set(first) & set(second)


def test_text_is_diacritic_insensitive_in_both_directions(backend, publish):
    publish(ZONE, ENTERPRISE)
    assert refs(find(backend, q="vi mach dong nai")) == ["test-chip"]
    assert refs(find(backend, q="Vi Mạch ĐỒNG NAI")) == ["test-chip"]
    assert refs(find(backend, q="trí TUỆ")) == ["test-park"]
    assert refs(find(backend, q="chips and AI")) == ["test-park"]  # the English description


def test_text_combines_with_filters(backend, publish):
    publish(ZONE, ENTERPRISE, PLOT)
    assert refs(find(backend, q="dong nai", kind=["zone"])) == []
    assert refs(find(backend, q="lo a01", kind=["plot"])) == ["test-a01"]


def test_draft_is_never_findable(backend, publish):
    publish(ZONE, draft=True)
    assert find(backend, q="khu thu nghiem").count == 0
    assert find(backend).count == 0


def test_unpublished_record_disappears(backend, publish, django_capture_on_commit_callbacks):
    publish(ZONE)
    assert refs(find(backend, q="khu thu nghiem")) == ["test-park"]
    with django_capture_on_commit_callbacks(execute=True):
        Zone.objects.get(ref="test-park").unpublish()
    assert find(backend, q="khu thu nghiem").count == 0


def test_deleted_record_disappears(backend, publish, django_capture_on_commit_callbacks):
    publish(ZONE)
    with django_capture_on_commit_callbacks(execute=True):
        Zone.objects.get(ref="test-park").delete()
    assert find(backend).count == 0


def test_an_edit_published_later_replaces_the_old_text(
    backend, publish, django_capture_on_commit_callbacks
):
    publish(ZONE)
    publish(ZONE | {"name": "Khu đổi mới Nhơn Trạch"}, draft=True)
    assert refs(find(backend, q="khu thu nghiem")) == ["test-park"]  # the draft is not public
    with django_capture_on_commit_callbacks(execute=True):
        Zone.objects.get(ref="test-park").latest_revision.publish()
    assert refs(find(backend, q="nhon trach")) == ["test-park"]
    assert find(backend, q="khu thu nghiem").count == 0


def test_suggest_completes_names_as_the_user_types(backend, publish):
    publish(ZONE, ENTERPRISE)
    if backend.name == "elasticsearch":
        backend.refresh()
    assert [h.ref for h in backend.suggest("cong ty vi m")] == ["test-chip"]
    assert [h.ref for h in backend.suggest("Khu thử")] == ["test-park"]
    assert backend.suggest("") == []


@pytest.mark.elasticsearch
def test_elasticsearch_tolerates_one_typo_in_longer_words(publish):
    from search.backends import elasticsearch_backend

    publish(ZONE, ENTERPRISE)
    es = elasticsearch_backend()
    assert refs(find(es, q="khu thu ngheim")) == ["test-park"]  # nghiệm, letters swapped
    assert refs(find(es, q="microchpi")) == ["test-chip"]


# Queries naming a technology, in Vietnamese or English, with or without diacritics, by name,
# code, synonym or abbreviation; and the technology each names.
NAMED_TECHNOLOGIES = [
    ("semiconductor", "semiconductor"),
    ("bán dẫn", "semiconductor"),
    ("ban dan", "semiconductor"),
    ("data centre", "data_centre"),
    ("data center", "data_centre"),
    ("Data-Centre", "data_centre"),
    ("DC", "data_centre"),
    ("trung tâm dữ liệu", "data_centre"),
    ("trung tam du lieu", "data_centre"),
    ("OSAT", "semiconductor.packaging_testing"),
    ("đóng gói kiểm thử", "semiconductor.packaging_testing"),
    ("packaging and testing", "semiconductor.packaging_testing"),
    ("Packaging & testing", "semiconductor.packaging_testing"),
    ("chip design", "semiconductor.chip_design"),
    ("thiết kế vi mạch", "semiconductor.chip_design"),
    ("thiet ke vi mach", "semiconductor.chip_design"),
    ("AI", "ai"),
    ("trí tuệ nhân tạo", "ai"),
    ("tri tue nhan tao", "ai"),
    ("IoT", "iot"),
    ("Internet vạn vật", "iot"),
    ("internet van vat", "iot"),
    ("hyperscale", "data_centre.hyperscale"),
    ("colocation", "data_centre.colocation"),
    ("edge", "data_centre.edge"),
]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


def mentions(record, phrase: str) -> bool:
    """The record's searchable text (ref, names, descriptions) holds the phrase as whole words."""
    description = record.get("description", {})
    text = " ".join(
        [record["ref"], record["name"], record.get("name_en", ""), *description.values()]
    )
    wanted, have = words(phrase), words(text)
    return any(have[i : i + len(wanted)] == wanted for i in range(len(have)))


def test_a_query_naming_a_technology_finds_the_records_tagged_with_it_or_its_children(
    backend, seeded
):
    """Issue 11.4: "semiconductor" with Type = Plot found 0 of 43 tagged plots; "data centre",
    "OSAT", "hyperscale" found nothing. Each query must find exactly the records tagged with the
    technology or its children (a plot's `suitable_for` included), plus any that mention it."""
    wrong = {}
    for text, code in NAMED_TECHNOLOGIES:
        for kind in ([], ["plot"]):
            tagged = reference(seeded, kind=kind, technology=[code])
            mentioning = {
                r["ref"]
                for r in seeded
                if r["kind"] != "landmark" and (not kind or r["kind"] in kind)
                if mentions(r, text)
            }
            expected = sorted(set(tagged) | mentioning)
            found = sorted(all_refs(backend, q=text, kind=kind))
            if found != expected:
                wrong[(text, *kind)] = {
                    "missing": sorted(set(expected) - set(found)),
                    "extra": sorted(set(found) - set(expected)),
                }
    assert wrong == {}
    plots = reference(seeded, kind=["plot"], technology=["semiconductor"])
    assert len(plots) > 30 and len(all_refs(backend, q="semiconductor", kind=["plot"])) == len(
        plots
    )


def test_tagged_records_rank_above_those_that_only_mention_the_technology(backend, publish):
    untagged = ENTERPRISE | {
        "ref": "test-mentions",
        "name": "Công ty Tư vấn Sao Mai",
        "name_en": "Sao Mai Consulting",
        "tax_code": "3600000002",
        "technologies": ["software"],
        "description": {"en": "Advises firms on OSAT projects."},
    }
    publish(ZONE, ENTERPRISE | {"technologies": ["semiconductor.packaging_testing"]}, untagged)
    assert refs(find(backend, q="osat")) == ["test-chip", "test-mentions"]
    # The other words of the query still have to be in the text.
    assert refs(find(backend, q="OSAT Sao Mai")) == ["test-mentions"]
    assert refs(find(backend, q="OSAT Dong Nai")) == ["test-chip"]


def test_long_thanh_finds_the_places_named_so_before_firms_named_after_them(backend, seeded):
    """Issue 11.4: "Long Thanh" listed sample firms named after the district before the Long
    Thành digital park. Names weigh more than descriptions, and a zone's name most."""
    ranked = refs(find(backend, q="Long Thanh", page_size=100))
    zones = {r["ref"] for r in seeded if r["kind"] == "zone" and "long thanh" in fold(r["name"])}
    assert ranked[0] == "lt-digital-park"
    assert set(ranked[: len(zones)]) == zones
    named = [
        r["ref"]
        for r in seeded
        if r["kind"] != "landmark" and "long thanh" in fold(f"{r['name']} {r.get('name_en')}")
    ]
    only_described = [r for r in ranked if r not in named]
    assert only_described and max(map(ranked.index, named)) < ranked.index(only_described[0])


def test_a_synonym_a_curator_adds_in_the_admin_finds_records_at_once(backend, publish, client):
    """Synonyms are taxonomy data: no reindex is needed, the query is expanded when it runs."""
    publish(ZONE, ENTERPRISE, PLOT)
    assert find(backend, q="máy chủ quy mô lớn").count == 0
    curator = get_user_model().objects.create_user("curator", "c@example.invalid", "pw")
    curator.groups.add(Group.objects.get(name=CURATORS))
    client.force_login(curator)
    hyperscale = Technology.objects.get(code="data_centre.hyperscale")
    response = client.post(
        reverse("wagtailsnippets_registry_technology:edit", args=[hyperscale.pk]),
        {
            "code": hyperscale.code,
            "parent": hyperscale.parent_id,
            "name": hyperscale.name,
            "name_en": hyperscale.name_en,
            "is_strategic": "",
            "synonyms": "\n".join([*hyperscale.synonyms, "Máy chủ quy mô lớn"]),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert refs(find(backend, q="may chu quy mo lon")) == ["test-a01"]
