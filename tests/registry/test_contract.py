"""The models, the interchange mapping, the importer and the exporter hold to the contract in
docs/: format v1.1 (`interchange-1.1.schema.json`), which keeps every v1 file valid."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation
from jsonschema import Draft202012Validator, FormatChecker

from registry.interchange.mapping import FORMAT_KINDS_NOT_HELD, mapping_for
from registry.models import KINDS, Plot, Zone
from tests.conftest import DOCS, PLOT, ZONE, lines, run_import

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


def test_the_format_names_every_kind_the_registry_holds_and_the_ones_it_refuses(schema):
    assert set(schema["$defs"]) == set(KINDS) | set(FORMAT_KINDS_NOT_HELD)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_spec_key_is_mapped_and_no_other(schema, kind):
    definition = schema["$defs"][kind]
    mapping = mapping_for(kind)
    assert mapping.keys == set(definition["properties"])
    assert mapping.required == set(definition["required"])


@pytest.mark.parametrize("kind", list(KINDS))
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
    for record in example():
        assert not list(new.iter_errors(record)), record["ref"]
        v1_record = {k: v for k, v in record.items() if k not in V11_KEYS}
        assert not list(old.iter_errors(v1_record)), record["ref"]


@pytest.mark.django_db
def test_a_v1_file_still_imports_and_its_records_are_not_sample(schema_v1):
    v1_lines = [{k: v for k, v in r.items() if k not in V11_KEYS} for r in example()]
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
@pytest.mark.parametrize("kind", FORMAT_KINDS_NOT_HELD)
def test_kinds_of_the_format_this_registry_does_not_hold_are_refused_by_name(kind):
    record = {"kind": kind, "ref": f"a-{kind}", "name": "Một bản ghi"}
    result = run_import(lines(ZONE, record))
    assert [str(p) for p in result.problems] == [
        f"line 2: kind: kind '{kind}' is part of format v1.1 but not yet supported by this registry"
    ]
    assert not Zone.objects.exists()  # nothing written
    with translation.override("vi"):
        problem = str(run_import(lines(record)).problems[0])
    assert (
        problem
        == f"dòng 1: kind: loại '{kind}' thuộc định dạng v1.1 nhưng cơ sở dữ liệu này chưa hỗ trợ"
    )


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
