"""The engines bench/side_by_side.py compares, each over the same imported registry records.

Searching in the database: ours (the SearchEntry table, `search.backends.database`), Wagtail's
built-in search (django-modelsearch's database backend, as `wagtail.search` configures it) and a
plain ORM `icontains` search. Indexing into Elasticsearch: ours (the bulk rebuild and the outbox)
against one request per saved record from a `post_save` handler, as django-elasticsearch-dsl
projects index.

The registry's models are not indexed by modelsearch in the product (that would hook every save).
Here, in the benchmark's process only, `register_modelsearch_proxies` declares a proxy model of each
kind that mixes in modelsearch's `Indexed` with `search_fields`; proxies share their concrete
model's table and content type, and being declared after `wagtail.search` connected its signal
handlers at start-up, they get none: only `manage.py update_index` fills their index.
"""

import time
from dataclasses import replace
from urllib.parse import urlencode

from django.db.models import Q
from django.db.models.signals import post_save
from django.http import QueryDict

from registry.models import KINDS
from registry.textfold import fold
from search.backends import database_backend
from search.documents import SEARCHABLE_KINDS, RecordDocument, doc_id, documents_for
from search.query import parse

PAGE = 20  # the portal's first page: each engine counts its results and loads one page
TEXT_FIELDS = ("ref", "name", "name_en", "description", "description_en")


def searched_models():
    """The registry kinds the portal's search covers (not landmarks)."""
    return [KINDS[kind] for kind in SEARCHABLE_KINDS]


# -- ours: the SearchEntry table ------------------------------------------------------------------
def ours(text: str, with_facets=False) -> int:
    """Our database backend, called as bench/search.py calls it; facets only when asked (the
    other engines compute none; the portal's page asks for them)."""
    query = replace(parse(QueryDict(urlencode({"q": text}))), with_facets=with_facets)
    return database_backend().search(query).count


# -- Wagtail's built-in search: django-modelsearch's database backend ------------------------------
def register_modelsearch_proxies() -> dict:
    """One `Indexed` proxy per searched kind, with the same text fields ours folds into its
    document; published records only, as the portal shows. Returns {kind: proxy model}."""
    from modelsearch import index
    from modelsearch.abstract_models import TextIDGenericRelation
    from modelsearch.conf import get_app_config

    index_entry = get_app_config().get_model("IndexEntry")
    proxies = {}
    for model in searched_models():
        meta = type("Meta", (), {"proxy": True, "app_label": model._meta.app_label})
        attrs = {
            "__module__": __name__,
            "Meta": meta,
            "search_fields": [
                index.SearchField("name", boost=2),
                index.SearchField("name_en", boost=2),
                index.SearchField("ref"),
                index.SearchField("description"),
                index.SearchField("description_en"),
                index.AutocompleteField("name"),
                index.FilterField("live"),
            ],
            "get_indexed_objects": classmethod(lambda cls: cls.objects.published()),
        }
        proxy = type(f"SideBySide{model.__name__}", (index.Indexed, model), attrs)
        # What modelsearch's app adds to each indexed model when it starts (PostgreSQL's
        # backend joins through it).
        TextIDGenericRelation(index_entry).contribute_to_class(proxy, "index_entries")
        proxies[model.kind] = proxy
    return proxies


def build_modelsearch_index() -> None:
    """Wagtail's own command, which (re)builds every indexed model's index, the proxies'
    included."""
    from django.core.management import call_command

    call_command("update_index", verbosity=0)


def modelsearch(proxies: dict):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()

    def search(text: str) -> int:
        found = loaded = 0
        for proxy in proxies.values():
            results = backend.search(text, proxy.objects.filter(live=True))
            found += results.count()
            if loaded < PAGE:
                loaded += len(list(results[: PAGE - loaded]))
        return found

    return search


# -- a plain ORM search ----------------------------------------------------------------------------
def orm(text: str) -> int:
    """Every word in one of the text fields, as Django admin's `search_fields` searches."""
    found = loaded = 0
    for model in searched_models():
        queryset = model.objects.published()
        for word in text.split():
            either = Q()
            for field in TEXT_FIELDS:
                either |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(either)
        found += queryset.count()
        if loaded < PAGE:
            loaded += len(list(queryset.order_by("name")[: PAGE - loaded]))
    return found


def relevant(text: str) -> int:
    """Published records whose text holds every word of `text`, compared folded (what a user
    typing without diacritics means): the yardstick for what each engine finds."""
    wanted = set(fold(text).split())
    count = 0
    for model in searched_models():
        for values in model.objects.published().values_list(*TEXT_FIELDS).iterator(2000):
            words = set(fold(" ".join(v for v in values if v)).split())
            count += wanted <= words
    return count


# -- per-object indexing into Elasticsearch through post_save ----------------------------------
class PerObjectIndexer:
    """What django-elasticsearch-dsl's real-time signal processor does: on each `post_save`,
    build that one record's document (here with the project's own builder, a few queries for
    one row, as `prepare()` following related fields does) and send it in its own request.
    `refresh=True` is that library's default (ELASTICSEARCH_DSL_AUTO_REFRESH)."""

    def __init__(self, client, index: str, refresh=False):
        self.client, self.index, self.refresh = client, index, refresh
        self.seconds = 0.0
        self.documents = 0

    def create_index(self) -> None:
        self.client.indices.create(
            index=self.index,
            mappings=RecordDocument._doc_type.mapping.to_dict(),
            settings={"number_of_shards": 1, "number_of_replicas": 0},
        )

    def on_save(self, sender, instance, raw=False, **kwargs):
        if raw:
            return
        started = time.perf_counter()
        docs, _unpublished = documents_for(instance.kind, [instance.pk])
        for doc in docs:
            self.client.index(
                index=self.index,
                id=doc_id(doc["kind"], doc["ref"]),
                document=doc,
                refresh=self.refresh,
            )
        self.seconds += time.perf_counter() - started
        self.documents += len(docs)

    def publish_each(self, limit: int) -> float:
        """Save up to `limit` published records one by one (kinds in turn, as a curator's
        publishes come) with the handler connected; returns the wall time of the saves."""
        uid = f"side-by-side-{self.index}"
        for model in searched_models():
            post_save.connect(self.on_save, sender=model, dispatch_uid=uid)
        started = time.perf_counter()
        try:
            for record in interleaved_records(limit):
                record.save()
        finally:
            for model in searched_models():
                post_save.disconnect(sender=model, dispatch_uid=uid)
        return time.perf_counter() - started


def interleaved_records(limit: int):
    """Up to `limit` published records, the kinds interleaved."""
    iterators = [
        iter(model.objects.published().order_by("pk")[:limit]) for model in searched_models()
    ]
    given = 0
    while iterators and given < limit:
        for iterator in list(iterators):
            record = next(iterator, None)
            if record is None:
                iterators.remove(iterator)
                continue
            yield record
            given += 1
            if given >= limit:
                return
