import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from registry.interchange.exporter import iter_records
from tests.conftest import ALL_KINDS, DOCS, ZONE, lines, run_import

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def normalised(records):
    """Records compared as the spec says: key order, absent-vs-null and number types aside, and
    an absent `sample` is false."""

    def clean(value):
        if isinstance(value, dict):
            return {
                k: clean(v)
                for k, v in value.items()
                if v not in (None, [], {}) and not (k == "sample" and v is False)
            }
        if isinstance(value, list):
            return (
                sorted(clean(v) for v in value) if all(isinstance(v, str) for v in value) else value
            )
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    return sorted((clean(r) for r in records), key=lambda r: (r["kind"], r["ref"]))


def export_jsonl(*args) -> list[dict]:
    out = io.StringIO()
    call_command("export_registry", *args, stdout=out, stderr=io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_export_of_an_import_holds_the_same_records():
    run_import(lines(*ALL_KINDS))
    assert normalised(export_jsonl()) == normalised(ALL_KINDS)


def test_round_trip_of_the_spec_example():
    text = (DOCS / "example.jsonl").read_text(encoding="utf-8")
    assert run_import(text).ok
    assert normalised(export_jsonl()) == normalised(json.loads(line) for line in text.splitlines())


def test_round_trip_of_the_seed_data():
    records = [
        json.loads(line)
        for path in sorted(SEEDS.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    result = run_import(lines(*records))
    assert result.ok, result.problems[:5]
    assert normalised(export_jsonl()) == normalised(records)


def test_export_holds_published_records_only_unless_drafts_are_asked_for():
    run_import(lines(ZONE))
    run_import(lines(ZONE | {"ref": "draft-park", "name": "Khu nháp"}), publish=False)
    assert [r["ref"] for r in export_jsonl()] == ["test-park"]
    assert sorted(r["ref"] for r in export_jsonl("--include-drafts")) == ["draft-park", "test-park"]


def test_export_of_one_kind_and_the_exported_file_imports_again(tmp_path):
    run_import(lines(*ALL_KINDS))
    target = tmp_path / "zones.jsonl"
    call_command("export_registry", "--kind", "zone", "-o", str(target), stderr=io.StringIO())
    exported = target.read_text(encoding="utf-8")
    assert [json.loads(line)["kind"] for line in exported.splitlines()] == ["zone"]
    again = run_import(exported)
    assert again.ok and again.unchanged["zone"] == 1


def test_csv_export_has_one_file_per_kind_readable_by_spreadsheets(tmp_path):
    run_import(lines(*ALL_KINDS))
    call_command("export_registry", "--format", "csv", "-o", str(tmp_path), stderr=io.StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{kind}.csv"
        for kind in (
            "landmark",
            "zone",
            "plot",
            "enterprise",
            "rd_organisation",
            "incubator",
            "challenge",
            "expert",
        )
    )
    raw = (tmp_path / "zone.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 (Vietnamese) correctly with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["ref"] == "test-park"
    assert rows[0]["name"] == "Khu thử nghiệm"
    assert rows[0]["technologies"] == "ai; semiconductor"
    assert rows[0]["location.lat"] == "10.8"
    assert rows[0]["description.en"] == "Chips and AI."


def test_iter_records_uses_a_constant_number_of_queries_per_chunk(django_assert_max_num_queries):
    run_import(lines(*ALL_KINDS))
    # A few per kind (its refs and links) and per chunk, never per record.
    with django_assert_max_num_queries(40):
        assert len(list(iter_records())) == len(ALL_KINDS)


def test_every_exported_record_says_whether_it_is_sample_data_in_jsonl_and_csv(tmp_path):
    run_import(lines(ZONE | {"source": "https://dongnai.gov.vn/", "sample": True}, *ALL_KINDS[2:]))
    flags = {r["ref"]: r["sample"] for r in export_jsonl()}
    assert flags == {"test-park": True} | {r["ref"]: False for r in ALL_KINDS[2:]}
    call_command("export_registry", "--format", "csv", "-o", str(tmp_path), stderr=io.StringIO())
    zone, plot = (
        next(csv.DictReader(io.StringIO((tmp_path / f"{kind}.csv").read_text("utf-8-sig"))))
        for kind in ("zone", "plot")
    )
    assert (zone["sample"], zone["source"]) == ("true", "https://dongnai.gov.vn/")
    assert (plot["sample"], plot["source"]) == ("false", "")
