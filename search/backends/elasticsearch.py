"""Elasticsearch through elasticsearch-dsl: one index of all kinds, behind an alias."""

import logging

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk
from elasticsearch_dsl import Q, Search

from registry.interchange.mapping import through_pairs
from registry.models import Technology

from ..documents import RecordDocument
from ..query import Hit, SearchQuery, SearchResults
from ..text import fold
from .base import SearchBackend

logger = logging.getLogger("dnhub.search")


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str, prefix: str):
        self.client = Elasticsearch(
            url,
            request_timeout=settings.SEARCH_TIMEOUT_SECONDS,
            max_retries=0,
            retry_on_timeout=False,
        )
        self.alias = f"{prefix}-records"

    # -- index lifecycle ------------------------------------------------------------------------
    def ensure_index(self) -> None:
        """Create the first versioned index behind the alias if there is none yet."""
        if self.client.indices.exists_alias(name=self.alias):
            return
        index = f"{self.alias}-v1"
        RecordDocument._index._name = index
        self.client.indices.create(
            index=index,
            mappings=RecordDocument._doc_type.mapping.to_dict(),
            settings={"number_of_shards": 1, "number_of_replicas": 0},
            aliases={self.alias: {}},
        )

    def drop(self) -> None:
        """Delete the alias and every versioned index behind it (tests and resets)."""
        self.client.indices.delete(index=f"{self.alias}-v*", ignore_unavailable=True)

    def refresh(self) -> None:
        self.client.indices.refresh(index=self.alias, ignore_unavailable=True)

    # -- writes ---------------------------------------------------------------------------------
    def index_records(self, records):
        if not records:
            return
        self.ensure_index()
        codes_by_id = dict(Technology.objects.values_list("id", "code"))
        model = type(records[0])
        codes = {}
        for record_id, tech_id in through_pairs(
            model._meta.get_field("technologies"), [r.pk for r in records]
        ):
            codes.setdefault(record_id, []).append(codes_by_id[tech_id])
        actions = (
            {
                **RecordDocument.from_record(r, codes.get(r.pk, [])).to_dict(include_meta=True),
                "_index": self.alias,
            }
            for r in records
        )
        for ok, item in streaming_bulk(self.client, actions, raise_on_error=False, chunk_size=500):
            if not ok:
                logger.error("Elasticsearch refused a document: %s", item)

    def remove(self, kind, refs):
        if not refs or not self.client.indices.exists_alias(name=self.alias):
            return
        actions = (
            {"_op_type": "delete", "_index": self.alias, "_id": RecordDocument.doc_id(kind, ref)}
            for ref in refs
        )
        for _ok, _item in streaming_bulk(self.client, actions, raise_on_error=False):
            pass  # a document already absent is what we wanted

    # -- reads ----------------------------------------------------------------------------------
    def build_search(self, query: SearchQuery) -> Search:
        search = Search(using=self.client, index=self.alias)
        search = search.filter(
            "terms",
            kind=list(query.kinds)
            or ["zone", "plot", "enterprise", "rd_organisation", "incubator"],
        )
        if query.technologies:
            search = search.filter("terms", technologies=list(query.technologies))
        if query.zone:
            search = search.filter("term", zone=query.zone)
        text = fold(query.text)
        if text:
            search = search.query(
                Q("match", text={"query": text, "operator": "and", "fuzziness": "AUTO"})
            )
            search = search.sort("_score", "name_sort", "kind", "ref")
        else:
            search = search.sort("name_sort", "kind", "ref")
        start = (query.page - 1) * query.page_size
        return search[start : start + query.page_size].extra(track_total_hits=True)

    def search(self, query: SearchQuery) -> SearchResults:
        try:
            response = self.build_search(query).execute()
        except NotFoundError:  # no index yet: nothing has been published
            return SearchResults(self.name, 0, [])
        hits = [Hit(h.kind, h.ref, h.name, h.name_en or "", h.meta.score) for h in response.hits]
        return SearchResults(self.name, response.hits.total.value, hits)
