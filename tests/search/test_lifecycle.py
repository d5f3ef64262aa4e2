import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search import lifecycle
from search.backends import elasticsearch_backend
from search.backends.elasticsearch import ElasticsearchError
from search.models import IndexRebuild
from tests.conftest import ENTERPRISE, PLOT, ZONE
from tests.search.conftest import find, refs

pytestmark = pytest.mark.django_db


def test_rebuild_replaces_the_index_and_replays_writes_made_meanwhile(backend, seeded, publish):
    before = find(backend).count
    old_indices = backend.current_indices() if backend.name == "elasticsearch" else []
    written = []

    def write_during_copy(_count):
        if not written:  # a curator publishes while the rebuild is copying
            publish(ZONE | {"ref": "during-rebuild", "name": "Khu Quetzalcoatl"})
            written.append(True)

    run = lifecycle.rebuild(backend, progress=write_during_copy)
    assert run.documents == before
    assert find(backend).count == before + 1
    assert refs(find(backend, q="quetzalcoatl")) == ["during-rebuild"]
    if backend.name == "elasticsearch":
        assert backend.current_indices() == [run.index_name]
        assert not any(backend.client.indices.exists(index=name) for name in old_indices)
    assert IndexRebuild.objects.filter(backend=backend.name).first() == run


def test_verify_finds_missing_extra_and_stale_documents_and_repair_fixes_them(backend, publish):
    publish(ZONE, PLOT, ENTERPRISE)
    backend.remove(["plot:test-a01"])  # missing
    fake = {
        "kind": "zone",
        "ref": "ghost",
        "name": "Ghost",
        "name_en": "",
        "name_sort": "ghost",
        "names": " ghost ",
        "text": " ghost ",
        "technologies": [],
        "zone": "ghost",
        "ownership": None,
        "status": None,
        "org_kind": None,
        "zone_kind": "it_park",
        "area_m2": None,
        "power_capacity_mw": None,
        "lease_price_usd_m2": None,
        "location": None,
        "description": "",
        "description_en": "",
        "sample": False,
        "fingerprint": "x",
    }
    stale = fake | {"ref": "test-chip", "kind": "enterprise", "name": "Old name"}
    backend.index([fake, stale])
    if backend.name == "elasticsearch":
        backend.refresh()
    expected = lifecycle.expected_fingerprints()
    drift = lifecycle.verify(backend, expected)
    assert drift.missing == ["plot:test-a01"]
    assert drift.extra == ["zone:ghost"]
    assert drift.stale == ["enterprise:test-chip"]
    lifecycle.repair(backend, drift)
    if backend.name == "elasticsearch":
        backend.refresh()
    assert lifecycle.verify(backend, expected).clean
    assert refs(find(backend, q="cong ty vi mach")) == ["test-chip"]


def test_verify_command_exits_non_zero_on_drift_and_repair_makes_it_clean(publish):
    from search.backends import database_backend

    publish(ZONE)
    database_backend().remove(["zone:test-park"])
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "verify", stdout=out)
    assert "database: 1 missing, 0 extra, 0 stale" in out.getvalue()
    call_command("search_index", "verify", "--repair", stdout=io.StringIO())
    call_command("search_index", "verify", stdout=io.StringIO())  # clean: no error


def test_status_reports_counts_and_the_outbox(publish):
    publish(ZONE, PLOT)
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    text = out.getvalue()
    assert "Published searchable records in the database: 2" in text
    assert "Outbox: 0 pending, 0 failing" in text
    if elasticsearch_backend() is not None:
        assert "elasticsearch: 2" in text


@pytest.mark.parametrize("size", [5, 40])
def test_documents_cost_a_constant_number_of_queries_per_chunk(
    publish, django_assert_max_num_queries, size
):
    from registry.models import Plot
    from search.documents import documents_for

    publish(ZONE, *[PLOT | {"ref": f"p-{i}", "code": f"P{i}"} for i in range(size)])
    ids = list(Plot.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(4):
        docs, _gone = documents_for("plot", ids)
    assert len(docs) == size and docs[0]["zone"] == "test-park"


@pytest.mark.elasticsearch
def test_elasticsearch_indices_are_stored_in_name_order(publish):
    publish(ZONE)
    es = elasticsearch_backend()
    (index,) = es.current_indices()
    settings = es.admin.indices.get_settings(index=index)[index]["settings"]["index"]
    assert settings["sort"]["field"] == ["name_sort", "kind", "ref"]


@pytest.mark.elasticsearch
def test_a_failed_rebuild_keeps_the_live_index_and_leaves_nothing_behind(publish):
    es = elasticsearch_backend()
    publish(ZONE)
    before = es.current_indices()

    def broken_batches():
        yield []
        raise RuntimeError("database went away mid-copy")

    with pytest.raises(RuntimeError):
        es.rebuild(broken_batches(), lambda: 0)
    assert es.current_indices() == before
    assert sorted(es.admin.indices.get(index=f"{es.alias}-*")) == before
    assert refs(find(es, q="khu thu nghiem")) == ["test-park"]


def test_a_rebuild_reads_every_published_record_once_chunk_by_chunk(backend, publish, monkeypatch):
    """Records are read id after id, a chunk at a time (no OFFSET, no list of every id in
    memory): none at a chunk's edge is skipped or read twice, and drafts stay out."""
    from search import documents
    from search.backends import elasticsearch as es_module

    monkeypatch.setattr(documents, "CHUNK", 2)
    monkeypatch.setattr(es_module, "BULK_BYTES", 1)  # each chunk its own bulk request
    publish(ZONE, *[PLOT | {"ref": f"p-{i}", "code": f"P{i}"} for i in range(5)])
    publish(PLOT | {"ref": "p-draft", "code": "PD"}, draft=True)
    chunks = list(documents.all_documents())
    read = sorted(documents.doc_id(d["kind"], d["ref"]) for docs in chunks for d in docs)
    assert read == ["plot:p-0", "plot:p-1", "plot:p-2", "plot:p-3", "plot:p-4", "zone:test-park"]
    assert max(len(docs) for docs in chunks) == 2

    run = lifecycle.rebuild(backend)
    assert run.documents == 6
    assert sorted(refs(find(backend, kind="plot"))) == [f"p-{i}" for i in range(5)]
    assert lifecycle.verify(backend, lifecycle.expected_fingerprints()).clean


@pytest.mark.elasticsearch
def test_a_document_elasticsearch_refuses_fails_the_rebuild_and_keeps_the_live_index(publish):
    from search.documents import all_documents

    es = elasticsearch_backend()
    publish(ZONE)
    before = es.current_indices()

    def batches():
        yield from all_documents()
        refused = next(all_documents())[0] | {"ref": "bad", "area_m2": "not a number"}
        yield [refused]

    with pytest.raises(ElasticsearchError, match="1 documents refused"):
        es.rebuild(batches(), lambda: 0)
    assert es.current_indices() == before
    assert sorted(es.admin.indices.get(index=f"{es.alias}-*")) == before
    assert refs(find(es, q="khu thu nghiem")) == ["test-park"]


@pytest.mark.elasticsearch
def test_a_rebuilt_index_is_searchable_and_keeps_no_folded_copies_in_its_source(publish):
    """The load's settings (no refresh, translog synced in the background) are undone, and the
    folded texts, searched but never shown, are not stored in each document's source."""
    es = elasticsearch_backend()
    publish(ZONE)
    run = lifecycle.rebuild(es)
    index = es.admin.indices.get_settings(index=run.index_name)[run.index_name]["settings"]
    assert "refresh_interval" not in index["index"]
    assert index["index"].get("translog", {}).get("durability", "request") == "request"
    source = es.admin.get(index=es.alias, id="zone:test-park")["_source"]
    assert source["name"] == ZONE["name"] and "fingerprint" in source
    assert "text" not in source and "names" not in source
    assert refs(find(es, q="khu thu nghiem")) == ["test-park"]
