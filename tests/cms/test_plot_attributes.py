"""The plot attributes are declared once (registry.plot_attributes). Each consumer's list is the
table's: adding a row is enough (plus the model field and a migration). And the external
contract derived from it is today's: match API keys, finder URL parameters, index fields."""

import re

import pytest
from django.utils.text import capfirst

from cms.portal.compare import comparison
from cms.portal.finder import form_values, label
from cms.portal.records import field_label
from cms.portal.search_page import FACET_TITLES, RANGE_LABELS
from registry.labels import plot_facts
from registry.models import Plot
from registry.plot_attributes import (
    FLAG,
    NUMBER,
    PLOT_ATTRIBUTES,
    RANK,
    TECHNOLOGIES,
    WHOLE,
    attributes,
)
from search.backends.database import ENTRY_FIELDS
from search.documents import FACETS, RecordDocument, build_document
from search.match_profiles import listing
from search.matching.spec import (
    NUMBER_REQUIREMENTS,
    PREFERENCES,
    RAMP_PREFERENCES,
    REQUIREMENT_KEYS,
    preference_scale,
)
from search.models import SearchEntry
from search.query import PARAMETERS

ES_TYPES = {NUMBER: "double", WHOLE: "integer", RANK: "integer", FLAG: "boolean"}
DB_TYPES = {
    NUMBER: "FloatField",
    WHOLE: "PositiveSmallIntegerField",
    RANK: "PositiveSmallIntegerField",
    FLAG: "BooleanField",
}
FORM_KINDS = (NUMBER, WHOLE, RANK, FLAG)  # the finder's form asks for these requirements


def es_properties() -> dict[str, str]:
    return {
        name: mapping["type"]
        for name, mapping in RecordDocument._doc_type.mapping.to_dict()["properties"].items()
    }


def finder_fields(form: dict) -> list[str]:
    return [f["name"] for part in ("numbers", "ranks", "flags") for f in form[part]]


# -- the contract as it was before the table: nothing outside may notice ---------------------------
def test_the_match_api_keeps_its_keys():
    assert REQUIREMENT_KEYS == (
        "status", "min_area_m2", "min_power_mw", "min_power_feeds", "min_water_m3_day",
        "max_fibre_pop_distance_km", "min_fibre_bandwidth_gbps", "max_lease_price_usd_m2",
        "min_lease_term_end_year", "max_flood_risk", "cleanroom_ready", "ready_built_factory",
        "suitable_for", "zone_kind", "within_km",
    )  # fmt: skip
    assert {
        key: (a.field, a.requirement_op, a.kind == WHOLE) for key, a in NUMBER_REQUIREMENTS.items()
    } == {
        "min_area_m2": ("area_m2", "gte", False),
        "min_power_mw": ("power_capacity_mw", "gte", False),
        "min_power_feeds": ("power_feeds", "gte", True),
        "min_water_m3_day": ("water_supply_m3_day", "gte", False),
        "max_fibre_pop_distance_km": ("fibre_pop_distance_km", "lte", False),
        "min_fibre_bandwidth_gbps": ("fibre_bandwidth_gbps", "gte", False),
        "max_lease_price_usd_m2": ("lease_price_usd_m2", "lte", False),
        "min_lease_term_end_year": ("lease_term_end_year", "gte", True),
    }
    assert list(preference_scale()["keys"]) == [
        "area_m2", "power_capacity_mw", "power_feeds", "water_supply_m3_day",
        "fibre_pop_distance_km", "fibre_bandwidth_gbps", "lease_price_usd_m2",
        "lease_term_end_year", "km_to:<landmark>", "flood_risk", "cleanroom_ready",
        "ready_built_factory", "suitable_for",
    ]  # fmt: skip


def test_the_search_index_keeps_its_fields():
    assert FACETS == (
        "kind", "technology", "zone", "ownership", "status", "org_kind", "zone_kind",
        "challenge_status", "challenge_kind", "expert_title", "accepts_questions",
    )  # fmt: skip
    assert es_properties() == {
        "kind": "keyword", "ref": "keyword", "name": "keyword", "name_en": "keyword",
        "name_sort": "keyword", "names": "text", "text": "text", "technologies": "keyword",
        "zone": "keyword", "ownership": "keyword", "status": "keyword", "org_kind": "keyword",
        "zone_kind": "keyword", "challenge_status": "keyword", "challenge_kind": "keyword",
        "expert_title": "keyword", "accepts_questions": "keyword", "area_m2": "double",
        "power_capacity_mw": "double",
        "lease_price_usd_m2": "double", "code": "keyword", "power_feeds": "integer",
        "water_supply_m3_day": "double", "fibre_pop_distance_km": "double",
        "fibre_bandwidth_gbps": "double", "flood_rank": "integer", "cleanroom_ready": "boolean",
        "ready_built_factory": "boolean", "lease_term_end_year": "integer",
        "plot_zone_kind": "keyword", "location": "geo_point", "description": "text",
        "description_en": "text", "fingerprint": "keyword", "sample": "boolean",
    }  # fmt: skip
    assert set(ENTRY_FIELDS) == {f.name for f in SearchEntry._meta.fields} - {
        "id", "doc_id", "lat", "lon", "facet_values",
    }  # fmt: skip


def test_the_finder_form_keeps_its_parameters():
    assert finder_fields(form_values({}, None, {})) == [
        "r.min_area_m2", "r.min_power_mw", "r.min_power_feeds", "r.min_water_m3_day",
        "r.max_fibre_pop_distance_km", "r.min_fibre_bandwidth_gbps", "r.max_lease_price_usd_m2",
        "r.min_lease_term_end_year", "r.max_flood_risk", "r.cleanroom_ready",
        "r.ready_built_factory",
    ]  # fmt: skip


# -- every consumer reads the table ----------------------------------------------------------------
def test_every_declared_name_is_a_plot_field():
    for attribute in PLOT_ATTRIBUTES:
        Plot._meta.get_field(attribute.name)  # FieldDoesNotExist names the stray row


@pytest.mark.django_db
def test_both_search_indices_hold_each_indexed_attribute():
    indexed = attributes(indexed=True)
    properties = es_properties()
    entry_fields = {f.name: f.get_internal_type() for f in SearchEntry._meta.fields}
    row = {"ref": "p1", "name": "Lô A01", "name_en": "", "lat": None, "description": "",
           "description_en": "", "sample": False}  # fmt: skip
    document = build_document("plot", row, [])
    for attribute in indexed:
        kind = "facet" if attribute.facet else attribute.kind
        assert properties[attribute.field] == ES_TYPES.get(kind, "keyword"), attribute.name
        assert entry_fields[attribute.field] == DB_TYPES.get(kind, "CharField"), attribute.name
        assert attribute.field in ENTRY_FIELDS and attribute.field in document
    assert {a.name for a in indexed if a.facet} <= set(FACETS)


@pytest.mark.django_db
def test_the_match_spec_takes_each_requirement_and_preference():
    declared = {a.requirement for a in attributes(requirement=True)}
    assert set(REQUIREMENT_KEYS) == declared | {"zone_kind", "within_km"}
    assert set(PREFERENCES) == {a.name for a in attributes(preference=True)}
    assert set(RAMP_PREFERENCES) == {
        a.name for a in attributes(preference=True) if a.kind in (NUMBER, WHOLE)
    }
    assert set(listing("en")["requirement_keys"]) == set(REQUIREMENT_KEYS)


def test_the_finder_asks_for_each_requirement_and_names_each_criterion():
    asked = [f"r.{a.requirement}" for a in attributes(requirement=True) if a.kind in FORM_KINDS]
    assert sorted(finder_fields(form_values({}, None, {}))) == sorted(asked)
    for attribute in attributes(preference=True):
        assert label(attribute.name) != attribute.name  # named, not shown as a key
    for attribute in attributes(requirement=True):
        assert label(attribute.requirement) != attribute.requirement


@pytest.mark.django_db
def test_compare_shows_each_declared_row_with_its_label():
    _plots, rows = comparison([])
    labels = [row["label"] for row in rows]
    assert labels[1 : 1 + len(attributes(compare=True))] == [
        capfirst(str(a.label)) for a in attributes(compare=True)
    ]


def test_the_summary_shows_each_declared_figure():
    values = {"status": "available", "area_m2": 20_000, "power_capacity_mw": 40,
              "lease_price_usd_m2": 95}  # fmt: skip
    facts = plot_facts(values)
    assert facts == "2 ha · 40 MW · 95 USD/m² · Available"
    for attribute in attributes(summary=True):
        assert attribute.kind == "choice" or (attribute.summary_unit or attribute.unit) in facts
        shown = plot_facts({attribute.name: values[attribute.name]})
        assert shown and re.fullmatch(r"[^·]+", shown), attribute.name


def test_the_record_page_names_each_attribute_as_declared():
    plot = Plot()
    for attribute in PLOT_ATTRIBUTES:
        field = Plot._meta.get_field(attribute.name)
        assert field_label(plot, field) == str(attribute.label)
    assert not {a.kind for a in PLOT_ATTRIBUTES} - {*ES_TYPES, "choice", "date", TECHNOLOGIES}


def test_the_search_page_offers_each_facet_and_range_filter():
    for attribute in attributes(facet=True):
        assert (
            attribute.name in PARAMETERS and FACET_TITLES[attribute.name] == attribute.facet_label
        )
    # The search's "at least" parameters are the requirements' keys (search.query reads them).
    for attribute in attributes(range_filter=True):
        assert attribute.requirement in PARAMETERS and attribute.requirement in RANGE_LABELS
