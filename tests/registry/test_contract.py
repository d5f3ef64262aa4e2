"""The models, the interchange mapping, the importer and the exporter hold to the contract in
docs/: format v1.1 (`interchange-1.1.schema.json`), which keeps every v1 file valid."""

import io
import json

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator, FormatChecker

from registry.interchange.mapping import mapping_for
from registry.models import KINDS, Plot, Zone
from tests.conftest import ALL_KINDS, DOCS, PLOT, ZONE, lines, run_import

V11_KEYS = {"source", "sample", "verified_by"}  # what v1.1 adds to every kind


def load(name: str) -> dict:
    return json.loads((DOCS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema():
    return load("interchange-1.1.schema.json")


@pytest.fixture(scope="module")
def schema_v1():
    return load("interchange.schema.json")


def validator(schema) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def example() -> list[dict]:
    text = (DOCS / "example.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


V1_KINDS = ["landmark", "zone", "plot", "enterprise", "rd_organisation", "incubator"]


def test_the_format_names_every_kind_the_registry_holds(schema, schema_v1):
    assert set(schema["$defs"]) == set(KINDS)
    assert set(schema_v1["$defs"]) == set(V1_KINDS)  # v1.1 added challenge and expert


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_spec_key_is_mapped_and_no_other(schema, kind):
    definition = schema["$defs"][kind]
    mapping = mapping_for(kind)
    assert mapping.keys == set(definition["properties"])
    assert mapping.required == set(definition["required"])


@pytest.mark.parametrize("kind", V1_KINDS)
def test_v1_is_v1_1_without_the_provenance_keys(schema, schema_v1, kind):
    v1, v11 = schema_v1["$defs"][kind], schema["$defs"][kind]
    assert set(v1["properties"]) == set(v11["properties"]) - V11_KEYS
    assert v1["required"] == v11["required"]


@pytest.mark.parametrize("kind", list(KINDS))
def test_enumerations_match_the_spec(schema, kind):
    properties = schema["$defs"][kind]["properties"]
    model = KINDS[kind]
    for name, prop in properties.items():
        enum = prop.get("enum") or prop.get("items", {}).get("enum")
        if not enum or name == "kind":
            continue
        field = model._meta.get_field(name)
        choices = getattr(field, "item_choices", None) or field.choices
        assert {key for key, _label in choices} == {v for v in enum if v is not None}, name


@pytest.mark.parametrize("kind", list(KINDS))
def test_text_lengths_match_the_spec(schema, kind):
    properties = schema["$defs"][kind]["properties"]
    for field in mapping_for(kind).plain:
        prop = properties[field.name]
        # A pattern (ref, tax code, country) bounds the length itself.
        if (
            field.get_internal_type() == "CharField"
            and "enum" not in prop
            and "pattern" not in prop
        ):
            assert prop.get("maxLength") == field.max_length, field.name


def test_the_example_is_valid_v1_1_and_without_the_new_keys_valid_v1(schema, schema_v1):
    new, old = validator(schema), validator(schema_v1)
    assert {r["kind"] for r in example()} == set(KINDS)
    for record in example():
        assert not list(new.iter_errors(record)), record["ref"]
        if record["kind"] not in V1_KINDS:
            continue
        v1_record = {k: v for k, v in record.items() if k not in V11_KEYS}
        assert not list(old.iter_errors(v1_record)), record["ref"]


@pytest.mark.django_db
def test_a_v1_file_still_imports_and_its_records_are_not_sample(schema_v1):
    v1_lines = [
        {k: v for k, v in r.items() if k not in V11_KEYS}
        for r in example()
        if r["kind"] in V1_KINDS
    ]
    result = run_import(lines(*v1_lines))
    assert result.ok, result.problems
    assert not any(model.objects.samples().exists() for model in KINDS.values())


@pytest.mark.django_db
def test_import_reads_source_and_sample_and_an_absent_sample_is_false():
    source = "Quyết định 1234/QĐ-UBND, https://dongnai.gov.vn/"
    result = run_import(lines(ZONE | {"source": source, "sample": True}, PLOT))
    assert result.ok, result.problems
    zone = Zone.objects.get(ref=ZONE["ref"])
    assert (zone.source, zone.sample) == (source, True)
    assert Plot.objects.get(ref=PLOT["ref"]).sample is False
    # Re-imported without the key, the record is no longer sample data.
    assert run_import(lines(ZONE)).updated["zone"] == 1
    assert Zone.objects.get(ref=ZONE["ref"]).sample is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("yes", "expected true or false"),
        (1, "expected true or false"),
    ],
)
def test_sample_must_be_a_boolean(value, reason):
    result = run_import(lines(ZONE | {"sample": value}))
    assert [str(p) for p in result.problems] == [
        f"line 1: sample: {reason}, got {json.dumps(value)}"
    ]


@pytest.mark.django_db
def test_a_source_is_public_so_it_holds_no_e_mail_address_and_at_most_500_characters():
    result = run_import(
        lines(
            ZONE | {"source": "Phone call with ban.quanly@kcn-dongnai.vn"},
            ZONE | {"ref": "long-source", "source": "x" * 501},
        )
    )
    problems = [str(p) for p in result.problems]
    assert problems[0].startswith("line 1: source: Remove the e-mail address")
    assert problems[1].startswith("line 2: source: Ensure this value has at most 500 characters")
    assert not Zone.objects.exists()


@pytest.mark.django_db
def test_every_kind_imports_and_exports_valid_v1_1_with_its_links(schema):
    check = validator(schema)
    for record in ALL_KINDS:
        assert not list(check.iter_errors(record)), record["ref"]
    result = run_import(lines(*ALL_KINDS))
    assert result.ok, result.problems
    out = io.StringIO()
    call_command("export_registry", stdout=out, stderr=io.StringIO())
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["kind"] for r in records} == set(KINDS)
    for record in records:
        assert not [e.message for e in check.iter_errors(record)], record["ref"]
    by_ref = {r["ref"]: r for r in records}
    assert by_ref["test-cooling"]["awarded_to"] == [{"kind": "rd_organisation", "ref": "test-lab"}]
    assert by_ref["test-expert"]["affiliation"] == {"kind": "rd_organisation", "ref": "test-lab"}


@pytest.mark.django_db
def test_the_export_of_the_whole_seed_data_is_valid_v1_1(schema):
    call_command("load_initial_data", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("export_registry", stdout=out, stderr=io.StringIO())
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    check = validator(schema)
    invalid = {r["ref"]: [e.message for e in check.iter_errors(r)] for r in records}
    assert {ref: errors for ref, errors in invalid.items() if errors} == {}
    assert {r["kind"] for r in records} == set(KINDS)
    # `sample` is on every record, true or false: the invented ones, and only those.
    assert all(r["sample"] is r["ref"].startswith("sample-") for r in records)
