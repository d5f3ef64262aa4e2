"""The embedded backend: the SearchEntry table, queried through the ORM (SQLite, PostgreSQL)."""

import math

from django.db import connection, transaction
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import ASin, Cast, Cos, Greatest, Least, Power, Radians, Sin, Sqrt

from registry.geo import EARTH_RADIUS_KM, haversine_km
from registry.textfold import fold

from ..documents import FACET_COLUMNS, FACETS, OWN_FACETS, RANKED, VALUE_COLUMNS
from ..matching.engine import Candidate
from ..models import SearchEntry, SearchEntryTechnology
from ..query import Hit, SearchQuery, SearchResults
from ..textquery import (
    DIGITAL_ZONE_KINDS,
    DIGITAL_ZONE_NAME_MATCH,
    NAME_MATCH,
    TAGGED,
    ZONE_NAME_MATCH,
    TextQuery,
    phrase_pattern,
)
from ..textquery import read as read_text
from .base import SearchBackend
from .database_facets import counts as facet_counts
from .database_facets import facet_values

TABLE = SearchEntry._meta.db_table
TEXT_COLUMNS = ["zone", *FACET_COLUMNS, "plot_zone_kind", "code"]
ENTRY_FIELDS = [
    "kind",
    "ref",
    "name",
    "name_en",
    "name_sort",
    "names",
    "text",
    *TEXT_COLUMNS,
    *VALUE_COLUMNS,
    *(attribute.field for attribute in RANKED),
    "description",
    "description_en",
    "sample",
    "fingerprint",
]
SORT_FIELDS = {
    "name": [F("name_sort").asc()],
    "-area_m2": [F("area_m2").desc(nulls_last=True)],
    "-power_capacity_mw": [F("power_capacity_mw").desc(nulls_last=True)],
    "lease_price_usd_m2": [F("lease_price_usd_m2").asc(nulls_last=True)],
}


class DatabaseBackend(SearchBackend):
    name = "database"

    # -- writes ---------------------------------------------------------------------------------
    def index(self, docs):
        if not docs:
            return
        with transaction.atomic():
            self.remove(f"{d['kind']}:{d['ref']}" for d in docs)
            self._insert(docs)

    def _insert(self, docs):
        entries = SearchEntry.objects.bulk_create(
            SearchEntry(
                doc_id=f"{d['kind']}:{d['ref']}",
                lat=(d["location"] or {}).get("lat"),
                lon=(d["location"] or {}).get("lon"),
                **{name: d.get(name) for name in ENTRY_FIELDS if name not in TEXT_COLUMNS},
                **{name: d.get(name) or "" for name in TEXT_COLUMNS},
                facet_values=facet_values(d),
            )
            for d in docs
        )
        SearchEntryTechnology.objects.bulk_create(
            SearchEntryTechnology(entry_id=entry.pk, code=code)
            for entry, d in zip(entries, docs, strict=True)
            for code in d["technologies"]
        )

    def remove(self, doc_ids):
        doc_ids = list(doc_ids)
        # Codes first, in one DELETE; the entries' cascade then finds nothing left to load.
        SearchEntryTechnology.objects.filter(entry__doc_id__in=doc_ids).delete()
        SearchEntry.objects.filter(doc_id__in=doc_ids).delete()

    def fingerprints(self):
        return dict(SearchEntry.objects.values_list("doc_id", "fingerprint"))

    def rebuild(self, batches, catch_up, started=None):
        if started:
            started(TABLE)
        # One transaction: readers keep seeing the old rows until it commits.
        count = 0
        with transaction.atomic():
            SearchEntryTechnology.objects.all().delete()
            SearchEntry.objects.all().delete()
            for docs in batches:
                self._insert(docs)  # the table is empty: nothing to replace
                count += len(docs)
            catch_up()
            if connection.vendor == "postgresql":
                # The planner's statistics of the new rows at once, not when autovacuum wakes:
                # with stale ones it misjudges how many rows a text filter keeps.
                with connection.cursor() as cursor:
                    cursor.execute(f"ANALYZE {TABLE}, {SearchEntryTechnology._meta.db_table}")
        return {"index": TABLE, "documents": count}

    def describe(self):
        return {
            "index": "search_searchentry (database table)",
            "documents": SearchEntry.objects.count(),
        }

    # -- reads ----------------------------------------------------------------------------------
    def _facet_filters(self, query: SearchQuery) -> dict[str, Q]:
        filters = {}
        for facet in FACETS:
            values = query.facet_values(facet)
            if not values:
                continue
            if facet == "technology":
                filters[facet] = Q(
                    pk__in=SearchEntryTechnology.objects.filter(code__in=values).values("entry_id")
                )
            else:
                filters[facet] = Q(**{f"{facet}__in": values})
        return filters

    def _base(self, query: SearchQuery, text: TextQuery):
        queryset = SearchEntry.objects.all()
        for word in text.free_words:
            queryset = queryset.filter(text__contains=f" {word}")
        for named in text.technologies:
            # Mentioned in the text, or tagged with the technology (ancestors are indexed, so
            # its children too).
            # The plain substring test first: cheap in SQL, it spares the regex most rows.
            mentioned = Q(text__contains=max(named.phrase, key=len)) & Q(
                text__regex=phrase_pattern(named.phrase)
            )
            queryset = queryset.filter(mentioned | self._codes_q(named.codes))
        if query.min_area_m2 is not None:
            queryset = queryset.filter(area_m2__gte=query.min_area_m2)
        if query.min_power_mw is not None:
            queryset = queryset.filter(power_capacity_mw__gte=query.min_power_mw)
        for i, area in enumerate(query.areas):
            queryset = self._within(queryset, area, i)
        if query.near is not None:
            lat, lon = query.near
            queryset = queryset.filter(lat__isnull=False).annotate(
                distance=self._distance_expression(lat, lon)
            )
            if query.within_km is not None:
                # A bounding box first, so the index on (lat, lon) narrows the scan.
                dlat = query.within_km / 111.0
                dlon = dlat / max(0.01, math.cos(math.radians(lat)))
                queryset = queryset.filter(
                    lat__range=(lat - dlat, lat + dlat),
                    lon__range=(lon - dlon, lon + dlon),
                    distance__lte=query.within_km,
                )
        return queryset

    @staticmethod
    def _distance_expression(lat, lon):
        """Haversine, as Elasticsearch's arc distance computes it."""
        half_dlat = (Radians(F("lat")) - Value(math.radians(lat))) / 2
        half_dlon = (Radians(F("lon")) - Value(math.radians(lon))) / 2
        a = Power(Sin(half_dlat), 2) + Value(math.cos(math.radians(lat))) * Cos(
            Radians(F("lat"))
        ) * Power(Sin(half_dlon), 2)
        return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(a), output_field=FloatField())

    def search(self, query: SearchQuery) -> SearchResults:
        text = read_text(query.words)
        base = self._base(query, text)
        facet_filters = self._facet_filters(query)
        count, facets = facet_counts(base, facet_filters, query.with_facets)
        results = base.filter(*facet_filters.values())
        start = (query.page - 1) * query.page_size
        if query.sort == "relevance" and query.words:
            rows = self._relevance_page(results, text, start, query.page_size)
        else:
            ordering = self._ordering(query, text)
            rows = results.order_by(*ordering)[start : start + query.page_size]
        hits = [self._hit(row, query) for row in rows]
        return SearchResults(self.name, count, hits, facets)

    def _relevance_page(self, results, text: TextQuery, start: int, size: int) -> list:
        """The page in relevance order, in two parts: the records of some tier (named so, or
        tagged), by rank; then the rest by name. The rest is most of a broad query's matches
        ("lo dat cong nghiep" matches every plot): walked in the name index, never ranked."""
        ranked_q = self._ranked_q(text)
        ranked = results.filter(ranked_q).order_by(*self._ordering_by_rank(text))
        rows = list(ranked[start : start + size])
        if len(rows) == size:
            return rows
        # Every ranked record is before this page's rest: how many, to know where it starts.
        before = start + len(rows) if rows or not start else ranked.count()
        rest = results.exclude(ranked_q).order_by("name_sort", "kind", "ref")
        offset = start + len(rows) - before
        return rows + list(rest[offset : offset + size - len(rows)])

    def _ordering(self, query: SearchQuery, text: TextQuery) -> list:
        if query.sort == "distance":
            head = [F("distance").asc()]
        elif query.sort == "relevance" and query.words:
            return self._ordering_by_rank(text)
        else:
            head = SORT_FIELDS.get(query.sort, [])
        return [*head, "name_sort", "kind", "ref"]

    def _tiers(self, text: TextQuery) -> list[tuple[Q, int]]:
        """The relevance tiers of search.textquery, then names: the database's stand-in for
        Elasticsearch's scores. Every tier needs the names to match, or a tag."""
        name_match = Q(*(Q(names__contains=f" {w}") for w in text.words))
        tiers = [
            (name_match, NAME_MATCH),
            (name_match & Q(kind="zone"), ZONE_NAME_MATCH),
            (name_match & Q(zone_kind__in=DIGITAL_ZONE_KINDS), DIGITAL_ZONE_NAME_MATCH),
        ]
        if text.codes:
            tiers.append((self._codes_q(text.codes), TAGGED))
        return tiers

    def _ranked_q(self, text: TextQuery) -> Q:
        """The records some tier gives points: their names match, or they are tagged."""
        tiers = self._tiers(text)
        return tiers[0][0] | tiers[-1][0] if text.codes else tiers[0][0]

    def _ordering_by_rank(self, text: TextQuery) -> list:
        rank = sum(
            (
                Case(When(q, then=Value(points)), default=Value(0), output_field=IntegerField())
                for q, points in self._tiers(text)
            ),
            start=Value(0, output_field=IntegerField()),
        )
        return [
            ExpressionWrapper(rank, output_field=IntegerField()).desc(),
            "name_sort",
            "kind",
            "ref",
        ]

    @staticmethod
    def _hit(row: SearchEntry, query: SearchQuery) -> Hit:
        distance = None
        if query.near is not None and row.lat is not None:
            distance = round(haversine_km(*query.near, row.lat, row.lon), 3)
        return Hit(
            row.kind,
            row.ref,
            row.name,
            row.name_en,
            None,
            distance,
            row.description,
            row.description_en,
            {"lat": row.lat, "lon": row.lon} if row.lat is not None else None,
            row.zone or None,
            row.status or None,
            row.area_m2,
            row.power_capacity_mw,
            row.code or None,
            row.lease_price_usd_m2,
            row.sample,
            {name: getattr(row, name) for name in OWN_FACETS if getattr(row, name)},
        )

    def suggest(self, text, limit=10):
        words = fold(text).split()
        if not words:
            return []
        queryset = SearchEntry.objects.all()
        for word in words:
            queryset = queryset.filter(names__contains=f" {word}")
        return [
            Hit(r.kind, r.ref, r.name, r.name_en)
            for r in queryset.order_by("name_sort", "kind", "ref")[:limit]
        ]

    # -- investor matching ----------------------------------------------------------------------
    def match(self, spec, size, min_score=None):
        candidates = SearchEntry.objects.filter(kind="plot")
        for i, condition in enumerate(spec.conditions):
            candidates = self._require(candidates, condition, i)
        count = candidates.count()
        ranked = candidates.annotate(match_score=self._score_expression(spec))
        if min_score is not None:
            ranked = ranked.filter(match_score__gte=min_score)
        rows = list(ranked.order_by("-match_score", "ref")[:size])
        codes: dict[int, list[str]] = {}
        for entry_id, code in SearchEntryTechnology.objects.filter(
            entry_id__in=[row.pk for row in rows]
        ).values_list("entry_id", "code"):
            codes.setdefault(entry_id, []).append(code)
        return count, [
            Candidate(self._match_doc(row, sorted(codes.get(row.pk, []))), row.match_score)
            for row in rows
        ]

    def _require(self, queryset, condition, i):
        name = condition.field
        match condition.op:
            case "gte" | "lte":
                return queryset.filter(**{f"{name}__{condition.op}": condition.value})
            case "in":
                return queryset.filter(**{f"{name}__in": condition.value})
            case "true":
                return queryset.filter(**{name: True})
            case "codes":
                return queryset.filter(self._codes_q(condition.value))
            case "within":
                return self._within(queryset, condition.value, i)
        raise ValueError(condition.op)

    def _within(self, queryset, area, i: int):
        """Records at most `area.km` from its centre; a bounding box first, for the index."""
        dlat = area.km / 110.0  # a degree of latitude is at least 110.5 km
        dlon = dlat / max(0.01, math.cos(math.radians(abs(area.lat) + dlat)))
        return (
            queryset.filter(
                lat__range=(area.lat - dlat, area.lat + dlat),
                lon__range=(area.lon - dlon, area.lon + dlon),
            )
            .alias(**{f"within_{i}": self._distance_expression(area.lat, area.lon)})
            .filter(**{f"within_{i}__lte": area.km})
        )

    @staticmethod
    def _codes_q(codes) -> Q:
        return Q(pk__in=SearchEntryTechnology.objects.filter(code__in=codes).values("entry_id"))

    def _score_expression(self, spec):
        """Each preference's points, as `engine.explain` computes them, summed in SQL."""
        terms = []
        for preference in spec.preferences:
            if preference.op == "when":
                condition = preference.condition
                q = (
                    self._codes_q(condition.value)
                    if condition.op == "codes"
                    else Q(**{condition.field: True})
                )
                terms.append(Case(When(q, then=Value(preference.points)), default=Value(0.0)))
                continue
            if preference.point is not None:
                value = self._distance_expression(*preference.point)  # plots always have one
                known = Q(lat__isnull=False)
            else:
                value = Cast(F(preference.field), FloatField())
                known = Q(**{f"{preference.field}__isnull": False})
            fraction = (value - Value(float(preference.zero_at))) / Value(
                float(preference.target - preference.zero_at)
            )
            clamped = Greatest(Value(0.0), Least(Value(1.0), fraction))
            # GREATEST/LEAST skip NULLs on PostgreSQL: unknown values must be caught first.
            terms.append(
                Case(
                    When(known, then=clamped * Value(preference.points)),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
            )
        if not terms:
            return Value(0.0, output_field=FloatField())
        total = terms[0]
        for term in terms[1:]:
            total = total + term
        return ExpressionWrapper(total, output_field=FloatField())

    @staticmethod
    def _match_doc(row: SearchEntry, codes: list[str]) -> dict:
        doc = {name: getattr(row, name) for name in ENTRY_FIELDS}
        for name in TEXT_COLUMNS:
            doc[name] = doc[name] or None
        doc["technologies"] = codes
        doc["location"] = {"lat": row.lat, "lon": row.lon}
        return doc
