import json

import pytest
from wagtail.models import ModelLogEntry, Revision

from registry.models import Enterprise, Incubator, Landmark, Plot, Zone
from tests.conftest import ALL_KINDS, ENTERPRISE, INCUBATOR, PLOT, ZONE, lines, run_import

pytestmark = pytest.mark.django_db


def problems_of(result):
    return [str(p) for p in result.problems]


def assert_nothing_written():
    for model in (Landmark, Zone, Plot, Enterprise, Incubator):
        assert not model.objects.exists()
    assert not Revision.objects.exists()


def test_valid_file_publishes_every_record_with_revision_and_audit_entries():
    result = run_import(lines(*ALL_KINDS))
    assert result.ok, problems_of(result)
    plot = Plot.objects.get(ref="test-a01")
    assert plot.live and plot.zone.ref == "test-park"
    assert plot.live_revision == plot.latest_revision
    assert list(plot.suitable_for.values_list("code", flat=True)) == ["data_centre.hyperscale"]
    assert Revision.objects.for_instance(plot).count() == 1
    actions = set(
        ModelLogEntry.objects.filter(
            object_id=str(plot.pk), content_type__model="plot"
        ).values_list("action", flat=True)
    )
    assert actions == {"wagtail.publish"}
    assert sum(result.created.values()) == len(ALL_KINDS)


def test_forward_reference_to_a_zone_later_in_the_file():
    result = run_import(lines(PLOT, ENTERPRISE, ZONE))
    assert result.ok, problems_of(result)
    assert Plot.objects.get(ref="test-a01").zone == Zone.objects.get(ref="test-park")


def test_importing_the_same_file_twice_changes_nothing():
    text = lines(*ALL_KINDS)
    run_import(text)
    revisions, logs = Revision.objects.count(), ModelLogEntry.objects.count()
    result = run_import(text)
    assert result.ok
    assert sum(result.unchanged.values()) == len(ALL_KINDS)
    assert sum(result.created.values()) == sum(result.updated.values()) == 0
    assert (Revision.objects.count(), ModelLogEntry.objects.count()) == (revisions, logs)


def test_upsert_by_ref_updates_and_absent_keys_become_unknown():
    run_import(lines(ZONE, PLOT))
    changed = {k: v for k, v in PLOT.items() if k != "power_capacity_mw"} | {"status": "reserved"}
    result = run_import(lines(changed))
    assert result.ok and result.updated["plot"] == 1
    plot = Plot.objects.get(ref="test-a01")
    assert plot.status == "reserved"
    assert plot.power_capacity_mw is None  # absent means unknown, never zero
    assert Revision.objects.for_instance(plot).count() == 2


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (ZONE | {"zone_kynd": "it_park"}, "line 1: zone_kynd: unknown key for zone"),
        ({k: v for k, v in ZONE.items() if k != "zone_kind"}, "line 1: zone_kind: required"),
        (ZONE | {"total_area_ha": "100"}, "line 1: total_area_ha: expected a number"),
        (ZONE | {"total_area_ha": -5}, "line 1: total_area_ha:"),
        (
            ZONE | {"available_area_ha": 150},
            "line 1: available_area_ha: Available area cannot exceed",
        ),
        (
            ZONE | {"location": {"lat": 1.0, "lon": 106.9}},
            "line 1: location.lat: 1.0 is outside Vietnam",
        ),
        (ZONE | {"ward_code": 99999999}, "line 1: ward_code: 99999999 is not a ward"),
        (
            ZONE | {"ward_code": 70},
            "line 1: ward_code: 70 is Phường Hoàn Kiếm in Thành phố Hà Nội, not in Đồng Nai",
        ),
        (ZONE | {"ref": "Bad Ref"}, "line 1: ref:"),
        (ZONE | {"zone_kind": "theme_park"}, "line 1: zone_kind:"),
        (
            ZONE | {"technologies": ["quantum"]},
            "line 1: technologies: unknown taxonomy code quantum",
        ),
        (ZONE | {"established_year": 2001.5}, "line 1: established_year: expected a whole number"),
        (
            ZONE | {"has_international_pop": "yes"},
            "line 1: has_international_pop: expected true or false",
        ),
        (
            ZONE | {"description": {"vi": "x", "fr": "y"}},
            "line 1: description.fr: unknown language",
        ),
        (ENTERPRISE | {"tax_code": "12345"}, "line 1: tax_code: A tax code is 10 digits"),
        (
            INCUBATOR | {"ticket_min_usd": 5_000_000},
            "line 1: ticket_min_usd: The minimum ticket cannot exceed",
        ),
        (PLOT | {"area_m2": 0}, "line 1: area_m2:"),
        (PLOT | {"power_feeds": 7}, "line 1: power_feeds:"),
        (
            PLOT | {"available_from": "2027-13-01"},
            "line 1: available_from: expected a date YYYY-MM-DD",
        ),
        ({"kind": "spaceport", "ref": "x1", "name": "X"}, "line 1: kind: unknown kind"),
        (ZONE | {"name": "Khu\u0000"}, "line 1: name: contains a NUL character"),
        (ZONE | {"description": {"vi": "a\u0000"}}, "line 1: description.vi: contains a NUL"),
        (ZONE | {"labs": ["x"]}, "line 1: labs: unknown key for zone"),
    ],
)
def test_bad_value_is_reported_with_line_and_field_and_nothing_is_written(record, expected):
    with_zone = [record] if record.get("kind") not in ("plot", "enterprise") else [record, ZONE]
    result = run_import(lines(*with_zone))
    assert not result.ok
    assert any(p.startswith(expected) for p in problems_of(result)), problems_of(result)
    assert_nothing_written()


def test_every_problem_in_the_file_is_reported_not_just_the_first():
    text = lines(ZONE, PLOT | {"status": "sold"}, "{not json", INCUBATOR | {"ticket_max_usd": -1})
    result = run_import(text)
    reported = problems_of(result)
    assert [p.split(":")[0] for p in reported] == ["line 2", "line 3", "line 4"]
    assert reported[1].startswith("line 3: -: malformed JSON")
    assert_nothing_written()


def test_dangling_and_duplicate_refs():
    text = lines(PLOT | {"zone": "nowhere"}, ZONE, ZONE | {"name": "again"})
    reported = problems_of(run_import(text))
    assert "line 1: zone: no zone with ref nowhere in this file or the registry" in reported
    assert "line 3: ref: duplicate zone ref test-park, first on line 2" in reported
    assert_nothing_written()


def test_ref_to_a_zone_already_in_the_database_resolves():
    run_import(lines(ZONE))
    assert run_import(lines(PLOT)).ok


def test_non_utf8_bytes_are_reported_with_their_line():
    data = lines(ZONE).encode() + '{"kind": "zone", "name": "Bi\xean H\xf2a"}\n'.encode("latin-1")
    reported = problems_of(run_import(data))
    assert len(reported) == 1 and reported[0].startswith("line 2: -: not valid UTF-8")
    assert_nothing_written()


def test_a_50_mb_line_is_refused_without_parsing_it():
    huge = json.dumps(ZONE | {"description": {"vi": "x" * 50_000_000}})
    reported = problems_of(run_import(lines(ZONE | {"ref": "ok-zone"}, huge)))
    assert len(reported) == 1 and reported[0].startswith("line 2: -: line is 50.0 MB")
    assert_nothing_written()


def test_dry_run_reports_counts_and_writes_nothing():
    result = run_import(lines(*ALL_KINDS), dry_run=True)
    assert result.ok and sum(result.created.values()) == len(ALL_KINDS)
    assert_nothing_written()


def test_draft_import_creates_drafts_and_keeps_a_published_record_public():
    run_import(lines(ZONE))
    result = run_import(lines(ZONE | {"name": "Tên mới"}, PLOT), publish=False)
    assert result.ok
    zone = Zone.objects.get(ref="test-park")
    assert zone.live and zone.name == "Khu thử nghiệm"  # the public row is untouched
    assert zone.has_unpublished_changes
    assert zone.latest_revision.content["name"] == "Tên mới"
    plot = Plot.objects.get(ref="test-a01")
    assert not plot.live
    assert not Plot.objects.published().exists()


def test_a_published_import_publishes_a_pending_draft():
    run_import(lines(ZONE), publish=False)
    result = run_import(lines(ZONE))
    assert result.ok and result.updated["zone"] == 1
    assert Zone.objects.published().filter(ref="test-park").exists()


def test_command_prints_problems_and_exits_non_zero(tmp_path, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "bad.jsonl"
    path.write_text(lines(ZONE, PLOT | {"area_m2": "big"}), encoding="utf-8")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_registry", str(path))
    assert "line 2: area_m2: expected a number" in capsys.readouterr().err
    assert_nothing_written()


def test_command_imports_a_file(tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "good.jsonl"
    path.write_text(lines(*ALL_KINDS), encoding="utf-8")
    call_command("import_registry", str(path))
    assert "Imported 8 lines" in capsys.readouterr().out
    assert Zone.objects.published().count() == 1


def test_command_reports_a_missing_file_clearly():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cannot read /no/such/file.jsonl"):
        call_command("import_registry", "/no/such/file.jsonl")
