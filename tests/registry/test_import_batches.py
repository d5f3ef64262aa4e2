"""The importer checks, spools and writes a file in batches (issue #17): what a batch boundary
could change must not change what an import means."""

import pytest
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import ModelLogEntry, Revision

from registry.interchange import spool, validation
from registry.interchange.bulk import new_instance, serializable_data
from registry.models import Plot, Zone
from search.models import IndexTask
from tests.conftest import ALL_KINDS, PLOT, ZONE, lines, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    """Batches of 3 records and spools that leave memory after 1 KB: a few lines cross both."""
    monkeypatch.setattr(validation, "BATCH", 3)
    monkeypatch.setattr(spool, "MEMORY_BYTES", 1024)


def plots(count: int, zone: str = "test-park") -> list[dict]:
    return [
        PLOT | {"ref": f"batch-{n}", "code": f"B{n}", "name": f"Lô {n}", "zone": zone}
        for n in range(count)
    ]


def test_a_bad_line_in_the_middle_of_a_batch_writes_nothing_of_the_file():
    run_import(lines(ZONE))
    before = Zone.objects.get().latest_revision_id
    records = plots(10)
    records[4] = records[4] | {"area_m2": "wide"}
    result = run_import(lines(ZONE | {"name": "Đổi tên"}, *records))
    assert [str(p) for p in result.problems] == ['line 6: area_m2: expected a number, got "wide"']
    assert not Plot.objects.exists()
    zone = Zone.objects.get()
    assert zone.name == ZONE["name"] and zone.latest_revision_id == before


def test_refs_to_records_several_batches_later_resolve():
    result = run_import(lines(*plots(10), ZONE))
    assert result.ok, [str(p) for p in result.problems]
    assert Plot.objects.filter(zone__ref="test-park").count() == 10


def test_a_ref_found_nowhere_is_reported_on_every_line_naming_it_in_the_files_order():
    result = run_import(lines(ZONE, *plots(4, zone="nowhere"), PLOT))
    assert [(p.line, p.field) for p in result.problems] == [(n, "zone") for n in (2, 3, 4, 5)]
    assert "no zone with ref nowhere in this file or the registry" in result.problems[0].reason
    assert not Zone.objects.exists()


def test_a_duplicate_in_a_later_batch_names_the_first_line():
    records = plots(5)
    result = run_import(lines(ZONE, *records, records[0]))
    assert [str(p) for p in result.problems] == [
        "line 7: ref: duplicate plot ref batch-0, first on line 2"
    ]


def test_reimporting_an_unchanged_file_changes_nothing():
    text = lines(*ALL_KINDS, *plots(7))
    first = run_import(text)
    assert first.ok
    counts = (Revision.objects.count(), ModelLogEntry.objects.count(), IndexTask.objects.count())
    again = run_import(text)
    assert sum(again.unchanged.values()) == len(ALL_KINDS) + 7
    assert sum(again.created.values()) == sum(again.updated.values()) == 0
    assert (
        Revision.objects.count(),
        ModelLogEntry.objects.count(),
        IndexTask.objects.count(),
    ) == counts


def test_every_record_points_at_its_own_revision_and_audit_entry_and_is_queued_for_search():
    result = run_import(lines(ZONE, *plots(8)))
    assert result.ok
    for plot in Plot.objects.all():
        revision = plot.latest_revision
        assert revision.object_id == str(plot.pk) and plot.live_revision_id == revision.pk
        assert revision.content["ref"] == plot.ref and revision.content["name"] == plot.name
        entry = ModelLogEntry.objects.get(object_id=str(plot.pk), content_type__model="plot")
        assert entry.revision_id == revision.pk and entry.action == "wagtail.publish"
    queued = set(IndexTask.objects.filter(kind="plot").values_list("ref", flat=True))
    assert queued == {f"batch-{n}" for n in range(8)}


def test_revision_content_is_what_wagtail_would_store():
    run_import(lines(*ALL_KINDS))
    for plot in [Plot.objects.get(), Zone.objects.get()]:
        expected = get_serializable_data_for_fields(plot)
        got = serializable_data(plot)
        expected.pop("updated_at"), got.pop("updated_at")  # both stamp "now"
        assert got == expected


def test_a_fast_instance_holds_what_the_constructor_gives():
    values = {"ref": "x", "name": "Lô", "area_m2": 5}
    fast, usual = new_instance(Plot, values), Plot(**values)
    for field in Plot._meta.concrete_fields:
        assert getattr(fast, field.attname) == getattr(usual, field.attname), field.name
    assert fast._state.adding and fast.pk is None
