"""Elasticsearch through elasticsearch-dsl: one index of every searchable kind, behind an alias.

Versioned indices (`<prefix>-records-<timestamp>`) sit behind the alias `<prefix>-records`;
a rebuild fills a new one and swaps the alias in one atomic request.
"""

import json
import logging
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.utils import timezone
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import scan, streaming_bulk
from elasticsearch_dsl import MultiSearch, Search

from registry.geo import haversine_km
from registry.textfold import fold

from ..documents import FACETS, INDEXED_KINDS, OWN_FACETS, RecordDocument
from ..matching.engine import Candidate
from ..query import Hit, SearchQuery, SearchResults
from .base import SearchBackend
from .elasticsearch_requests import BASELINE, TIEBREAK, ElasticsearchRequests

logger = logging.getLogger("dnhub.search")

# A rebuild's bulk load: bodies of about this many bytes (Elasticsearch's advice: a few MB),
# sent by this many threads while the next documents are built.
BULK_BYTES = 4 * 2**20
LOAD_THREADS = 2
LOAD_TIMEOUT_SECONDS = 120
# While loading a new index no one searches it: no refreshes, and the translog synced in the
# background rather than at each request. Restored to the defaults once loaded.
LOADING = {"refresh_interval": "-1", "translog.durability": "async"}
LOADED = dict.fromkeys(LOADING)


def bulk_lines(doc: dict) -> bytes:
    """A document's two lines of a bulk body (action, source), serialised once."""
    action = json.dumps({"index": {"_id": f"{doc['kind']}:{doc['ref']}"}}, ensure_ascii=False)
    source = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    return f"{action}\n{source}\n".encode()


class ElasticsearchError(Exception):
    """Elasticsearch could not do what was asked (unreachable, timed out, refused)."""


# Every way a call to Elasticsearch fails when the server is down, slow or refuses.
ES_FAILURES = (TransportError, ApiError, ElasticsearchError)


class ElasticsearchBackend(ElasticsearchRequests, SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str, prefix: str):
        # One attempt with a short timeout: a dead server must not hold requests hostage.
        self.client = Elasticsearch(
            url,
            request_timeout=settings.SEARCH_TIMEOUT_SECONDS,
            max_retries=0,
            retry_on_timeout=False,
        )
        # Bulk loads, rebuilds and index administration run in workers and commands, never in a
        # page request: they get a longer timeout.
        self.admin = self.client.options(request_timeout=settings.SEARCH_WRITE_TIMEOUT_SECONDS)
        self.alias = f"{prefix}-records"

    def reachable(self) -> bool:
        """One quick request: does the server answer? (Not `ping`: the bare server refuses
        requests to `/`.)"""
        try:
            self.client.cluster.health()
        except ES_FAILURES:
            return False
        return True

    # -- index lifecycle ------------------------------------------------------------------------
    def create_index(
        self, name: str, *, loading: bool = False, refresh_interval: str | None = None
    ) -> None:
        index_settings = {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            # Stored in name order: sorting by name and paging deep get cheap (measured on
            # 100,000 documents: page 400 by name went from ~33 ms to ~21 ms inside ES).
            "sort.field": ["name_sort", "kind", "ref"],
            "sort.order": ["asc", "asc", "asc"],
        }
        if loading:
            index_settings |= LOADING
        if refresh_interval:
            index_settings["refresh_interval"] = refresh_interval
        self.admin.indices.create(
            index=name,
            mappings=RecordDocument._doc_type.mapping.to_dict(),
            settings=index_settings,
        )

    def ensure_index(self) -> None:
        """Create the first versioned index behind the alias if there is none yet."""
        if self.admin.indices.exists_alias(name=self.alias):
            return
        name = self._new_index_name()
        self.create_index(name)
        self.admin.indices.put_alias(index=name, name=self.alias)

    def _new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def current_indices(self) -> list[str]:
        try:
            return sorted(self.admin.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            return []

    def all_indices(self) -> list[str]:
        """Every versioned index of this prefix, behind the alias or not."""
        found = self.admin.indices.get(
            index=f"{self.alias}-*", ignore_unavailable=True, allow_no_indices=True
        )
        return sorted(found.keys())

    def orphan_indices(self, keep=()) -> list[str]:
        """Versioned indices neither behind the alias nor in `keep` (being built now): what a
        rebuild killed mid-way leaves behind."""
        live = set(self.current_indices()) | set(keep)
        return [name for name in self.all_indices() if name not in live]

    def remove_orphans(self, keep=()) -> list[str]:
        orphans = self.orphan_indices(keep)
        for name in orphans:
            self.admin.indices.delete(index=name, ignore_unavailable=True)
        return orphans

    def refresh(self) -> None:
        self.admin.indices.refresh(index=self.alias, ignore_unavailable=True)

    def rebuild(self, batches, catch_up, started=None):
        new = self._new_index_name()
        if started:
            started(new)  # recorded before it exists: a killed rebuild's index is then known
        self.create_index(new, loading=True)
        try:
            count = self._load(new, batches)
            self.admin.indices.put_settings(index=new, settings=LOADED)
            self.admin.indices.refresh(index=new)
        except Exception:
            # A failed rebuild leaves the live index as it was, and no half-built one behind.
            self.admin.indices.delete(index=new, ignore_unavailable=True)
            raise
        old = self.current_indices()
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new, "alias": self.alias}})
        self.admin.indices.update_aliases(actions=actions)  # atomic: searches never miss
        catch_up()  # writes made while copying; now applied through the alias to the new index
        for name in old:
            self.admin.indices.delete(index=name, ignore_unavailable=True)
        return {"index": new, "documents": count}

    def _load(self, index: str, batches) -> int:
        """Bulk-load the documents as they are built: bodies of about BULK_BYTES go to the server
        from LOAD_THREADS threads while the next are built, so Elasticsearch indexes while Python
        builds. At most LOAD_THREADS + 1 bodies wait in memory."""
        count, body, size, in_flight = 0, [], 0, deque()
        with ThreadPoolExecutor(LOAD_THREADS, thread_name_prefix="bulk") as pool:
            for docs in batches:
                lines = [bulk_lines(doc) for doc in docs]
                body += lines
                size += sum(map(len, lines))
                count += len(docs)
                if size >= BULK_BYTES:
                    in_flight.append(pool.submit(self._send, index, body))
                    body, size = [], 0
                while len(in_flight) > LOAD_THREADS:
                    in_flight.popleft().result()  # raises the first refusal
            if body:
                in_flight.append(pool.submit(self._send, index, body))
            for sent in in_flight:
                sent.result()
        return count

    def _send(self, index: str, lines: list[bytes]) -> None:
        # Measured at a million documents on the loaded 2-core machine: a 4 MB body waited over
        # 30 s behind a merge and failed the rebuild. Each action names its _id, so sending a
        # body again is harmless: the load waits longer and retries.
        loader = self.admin.options(
            request_timeout=max(settings.SEARCH_WRITE_TIMEOUT_SECONDS, LOAD_TIMEOUT_SECONDS),
            retry_on_timeout=True,
            max_retries=2,
        )
        answer = loader.bulk(
            operations=b"".join(lines), index=index, filter_path="errors,items.*.error"
        )
        if answer.get("errors"):
            items = answer.get("items", [])
            refused = [op for item in items for op in item.values() if op.get("error")]
            raise ElasticsearchError(f"{len(refused)} documents refused, first: {refused[:1]}")

    def describe(self):
        indices = self.current_indices()
        count = self.admin.count(index=self.alias)["count"] if indices else 0
        return {"index": ", ".join(indices) or "(none)", "alias": self.alias, "documents": count}

    # -- writes ---------------------------------------------------------------------------------
    def _bulk(self, index, actions) -> None:
        errors = []
        for ok, item in streaming_bulk(
            self.admin,
            actions,
            index=index,
            chunk_size=500,
            raise_on_error=False,
            raise_on_exception=True,
        ):
            if not ok:
                op = next(iter(item.values()))
                if op.get("status") != 404:  # deleting what is already gone is fine
                    errors.append(op)
        if errors:
            raise ElasticsearchError(f"{len(errors)} documents refused, first: {errors[0]}")

    def index(self, docs):
        if not docs:
            return
        self.ensure_index()
        self._bulk(self.alias, ({**d, "_id": f"{d['kind']}:{d['ref']}"} for d in docs))

    def remove(self, doc_ids):
        doc_ids = list(doc_ids)
        if not doc_ids or not self.admin.indices.exists_alias(name=self.alias):
            return
        self._bulk(self.alias, ({"_op_type": "delete", "_id": i} for i in doc_ids))

    def fingerprints(self):
        if not self.current_indices():
            return {}
        return {
            hit["_id"]: hit["_source"].get("fingerprint")
            for hit in scan(
                self.admin,
                index=self.alias,
                _source=["fingerprint"],
                query={"query": {"match_all": {}}},
                size=2000,
            )
        }

    def search(self, query: SearchQuery) -> SearchResults:
        try:
            response = self.build_search(query).execute()
        except NotFoundError:  # no index yet: nothing has been published
            return SearchResults(self.name, 0, [], {facet: {} for facet in FACETS})
        return self._results(query, response)

    def search_many(self, queries: list[SearchQuery]) -> list[SearchResults]:
        """Several searches in one round trip (_msearch)."""
        many = MultiSearch(using=self.client, index=self.alias)
        for query in queries:
            many = many.add(self.build_search(query))
        try:
            responses = many.execute()
        except NotFoundError:
            return [SearchResults(self.name, 0, [], {}) for _query in queries]
        return [self._results(q, r) for q, r in zip(queries, responses, strict=True)]

    def _results(self, query: SearchQuery, response) -> SearchResults:
        hits = []
        for h in response.hits:
            distance = None
            location = getattr(h, "location", None)
            if query.near is not None and location is not None:
                distance = round(haversine_km(*query.near, location.lat, location.lon), 3)
            hits.append(
                Hit(
                    h.kind,
                    h.ref,
                    h.name,
                    h.name_en or "",
                    h.meta.score if query.words and query.sort == "relevance" else None,
                    distance,
                    getattr(h, "description", "") or "",
                    getattr(h, "description_en", "") or "",
                    {"lat": location.lat, "lon": location.lon} if location is not None else None,
                    getattr(h, "zone", None),
                    getattr(h, "status", None),
                    getattr(h, "area_m2", None),
                    getattr(h, "power_capacity_mw", None),
                    getattr(h, "code", None),
                    getattr(h, "lease_price_usd_m2", None),
                    bool(getattr(h, "sample", False)),
                    {name: getattr(h, name) for name in OWN_FACETS if getattr(h, name, None)},
                )
            )
        facets = {
            facet: dict(
                sorted((b.key, b.doc_count) for b in response.aggregations[facet].values.buckets)
            )
            for facet in (FACETS if query.with_facets else ())
        }
        return SearchResults(self.name, response.hits.total.value, hits, facets, response.took)

    def suggest(self, text, limit=10):
        words = fold(text).split()
        if not words:
            return []
        search = (
            Search(using=self.client, index=self.alias)
            .filter("terms", kind=list(INDEXED_KINDS))
            .query("match_bool_prefix", names={"query": " ".join(words), "operator": "and"})
        )
        search = search.sort("_score", *TIEBREAK).source(["kind", "ref", "name", "name_en"])
        try:
            response = search[:limit].execute()
        except NotFoundError:
            return []
        return [Hit(h.kind, h.ref, h.name, h.name_en or "") for h in response.hits]

    def match(self, spec, size, min_score=None):
        try:
            response = self.build_match(spec, size, min_score).execute()
        except NotFoundError:  # no index yet: nothing has been published
            return 0, []
        return response.hits.total.value, [
            Candidate(hit.to_dict(), hit.meta.score - BASELINE) for hit in response.hits
        ]
