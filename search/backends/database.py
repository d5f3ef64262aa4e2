"""The embedded backend: the registry tables themselves, searched through the ORM.

Nothing to index: each record keeps its folded text in `search_text`, written with the row, and
only published rows are ever read.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from registry.models import KINDS, Technology

from ..query import Hit, SearchQuery, SearchResults
from ..text import fold
from .base import SearchBackend


class DatabaseBackend(SearchBackend):
    name = "database"
    keeps_own_index = False

    def index_records(self, records):
        pass

    def remove(self, kind, refs):
        pass

    def search(self, query: SearchQuery) -> SearchResults:
        words = fold(query.text).split()
        hits = []
        for kind, model in KINDS.items():
            if kind == "landmark" or (query.kinds and kind not in query.kinds):
                continue
            queryset = model.objects.published()
            for word in words:
                queryset = queryset.filter(search_text__contains=word)
            if query.technologies:
                matching = reduce(or_, (Technology.objects.matching(c) for c in query.technologies))
                queryset = queryset.filter(technologies__in=matching).distinct()
            if query.zone:
                queryset = queryset.filter(self._zone_filter(model, query.zone))
            hits += [
                Hit(kind, ref, name, name_en)
                for ref, name, name_en in queryset.values_list("ref", "name", "name_en")
            ]
        hits.sort(key=lambda hit: (fold(hit.name), hit.kind, hit.ref))
        start = (query.page - 1) * query.page_size
        return SearchResults(self.name, len(hits), hits[start : start + query.page_size])

    @staticmethod
    def _zone_filter(model, zone_ref: str) -> Q:
        if model.kind == "zone":
            return Q(ref=zone_ref)
        if any(f.name == "zone" for f in model._meta.fields):
            return Q(zone__ref=zone_ref)
        return Q(pk__in=[])
