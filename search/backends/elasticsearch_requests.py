"""The requests the Elasticsearch backend sends, built without a server (tests read them
through `.to_dict()`): searches with their disjunctive facets and relevance tiers, and the
investor match as filters plus function_score preferences."""

from elasticsearch_dsl import A, Q, Search

from ..documents import FACETS, INDEXED_KINDS
from ..query import SearchQuery
from ..textquery import (
    DIGITAL_ZONE_KINDS,
    DIGITAL_ZONE_NAME_MATCH,
    NAME_MATCH,
    TAGGED,
    ZONE_NAME_MATCH,
    TextQuery,
)
from ..textquery import read as read_text

FACET_FIELDS = {"technology": "technologies"}
SORT_FIELDS = {
    "name": [{"name_sort": "asc"}],
    "-area_m2": [{"area_m2": {"order": "desc", "missing": "_last"}}],
    "-power_capacity_mw": [{"power_capacity_mw": {"order": "desc", "missing": "_last"}}],
    "lease_price_usd_m2": [{"lease_price_usd_m2": {"order": "asc", "missing": "_last"}}],
}
# Added to every plot's match score (see build_match), subtracted from what comes back.
BASELINE = 1.0
# Far beyond any value a plot field takes (areas of 10^8 m², prices, years): see _preference.
FAR = 1e9
# A relevance tier point in score. BM25 gives the two text clauses at most about 100 per query
# word (idf ≈ 11.5 for a word in 1 of 100,000 documents, × 2.2 for term frequency, × 4 for the
# boosts), so with the smallest tier step of 2 points, tiers decide for any query of up to
# 20 words and BM25 orders within a tier.
TIER = 1000.0
TIEBREAK = [{"name_sort": "asc"}, {"kind": "asc"}, {"ref": "asc"}]


class ElasticsearchRequests:
    """Builds the request bodies; the backend that inherits it supplies `client` and `alias`."""

    # -- searches -------------------------------------------------------------------------------
    @staticmethod
    def _facet_filters(query: SearchQuery) -> dict[str, Q]:
        return {
            facet: Q("terms", **{FACET_FIELDS.get(facet, facet): list(query.facet_values(facet))})
            for facet in FACETS
            if query.facet_values(facet)
        }

    def build_search(self, query: SearchQuery) -> Search:
        """The request for a query; testable without a server through `.to_dict()`."""
        search = Search(using=self.client, index=self.alias)
        search = search.filter("terms", kind=list(INDEXED_KINDS))
        if query.words:
            search = search.query(self._text_query(read_text(query.words)))
        if query.min_area_m2 is not None:
            search = search.filter("range", area_m2={"gte": query.min_area_m2})
        if query.min_power_mw is not None:
            search = search.filter("range", power_capacity_mw={"gte": query.min_power_mw})
        for area in query.areas:
            search = search.filter(self._within(area))
        if query.near is not None:
            lat, lon = query.near
            search = search.filter("exists", field="location")
            if query.within_km is not None:
                search = search.filter(
                    "geo_distance",
                    distance=f"{query.within_km}km",
                    distance_type="arc",
                    location={"lat": lat, "lon": lon},
                )
        # Disjunctive facets: the hits obey every facet filter (post_filter); each facet's
        # counts obey all the others but its own.
        facet_filters = self._facet_filters(query)
        if facet_filters:
            search = search.post_filter(Q("bool", filter=list(facet_filters.values())))
        for facet in FACETS if query.with_facets else ():
            others = [q for name, q in facet_filters.items() if name != facet]
            agg = A("filter", Q("bool", filter=others))
            agg.bucket("values", "terms", field=FACET_FIELDS.get(facet, facet), size=200)
            search.aggs.bucket(facet, agg)
        search = search.sort(*self._sort(query))
        start = (query.page - 1) * query.page_size
        return search[start : start + query.page_size].extra(track_total_hits=True)

    @staticmethod
    def _text_query(text: TextQuery) -> Q:
        """Which records the text matches (filters) and how they rank (should clauses): the
        tiers of search.textquery as constant scores far above BM25, which orders within a
        tier."""
        fuzzy = {"operator": "and", "fuzziness": "AUTO", "prefix_length": 1}
        matches = []
        if text.free_words:
            matches.append(Q("match", text={"query": " ".join(text.free_words), **fuzzy}))
        for named in text.technologies:
            matches.append(
                Q(
                    "bool",
                    minimum_should_match=1,
                    should=[
                        Q("match_phrase", text=" ".join(named.phrase)),
                        Q("terms", technologies=list(named.codes)),
                    ],
                )
            )
        everything = " ".join(text.words)
        name_match = Q("match", names={"query": everything, **fuzzy})
        tiers = [
            (name_match, NAME_MATCH),
            (Q("bool", filter=[Q("term", kind="zone"), name_match]), ZONE_NAME_MATCH),
            (
                Q("bool", filter=[Q("terms", zone_kind=list(DIGITAL_ZONE_KINDS)), name_match]),
                DIGITAL_ZONE_NAME_MATCH,
            ),
        ]
        if text.codes:
            tiers.append((Q("terms", technologies=list(text.codes)), TAGGED))
        return Q(
            "bool",
            filter=matches,
            should=[
                Q("match", names={"query": everything, **fuzzy, "boost": 3}),
                Q("match", text={"query": everything, **fuzzy}),
                *(Q("constant_score", filter=q, boost=points * TIER) for q, points in tiers),
            ],
        )

    @staticmethod
    def _sort(query: SearchQuery) -> list:
        if query.sort == "distance":
            lat, lon = query.near
            head = [
                {
                    "_geo_distance": {
                        "location": {"lat": lat, "lon": lon},
                        "order": "asc",
                        "unit": "km",
                        "distance_type": "arc",
                    }
                }
            ]
        elif query.sort == "relevance" and query.words:
            head = ["_score"]
        else:
            head = SORT_FIELDS.get(query.sort, [])
        return [*head, *TIEBREAK]

    # -- investor matching ----------------------------------------------------------------------
    def build_match(self, spec, size: int, min_score: float | None = None) -> Search:
        """Requirements as filters, preferences as function_score functions (no scripts: the
        bare server has no painless). Testable without a server through `.to_dict()`."""
        filters = [Q("term", kind="plot"), *(self._requirement(c) for c in spec.conditions)]
        functions = [
            # Every plot gets this 1: without it, one matching no function would get 1 anyway.
            {"filter": {"match_all": {}}, "weight": BASELINE},
            *(self._preference(p) for p in spec.preferences),
        ]
        query = Q(
            "function_score",
            query=Q("bool", filter=filters),
            functions=functions,
            score_mode="sum",
            boost_mode="replace",
        )
        if min_score is not None:
            query.min_score = min_score + BASELINE
        search = Search(using=self.client, index=self.alias).query(query)
        search = search.sort({"_score": "desc"}, {"ref": "asc"}).extra(
            track_total_hits=True, track_scores=True
        )
        return search.source(excludes=["names", "text", "description", "description_en"])[:size]

    @staticmethod
    def _requirement(condition) -> Q:
        match condition.op:
            case "gte" | "lte":
                return Q("range", **{condition.field: {condition.op: condition.value}})
            case "in" | "codes":
                return Q("terms", **{condition.field: list(condition.value)})
            case "true":
                return Q("term", **{condition.field: True})
            case "within":
                return ElasticsearchRequests._within(condition.value)
        raise ValueError(condition.op)

    @staticmethod
    def _within(area) -> Q:
        return Q(
            "geo_distance",
            distance=f"{area.km}km",
            distance_type="arc",
            location={"lat": area.lat, "lon": area.lon},
        )

    def _preference(self, preference) -> dict:
        if preference.op == "when":
            return {
                "filter": self._requirement(preference.condition).to_dict(),
                "weight": preference.points,
            }
        span = abs(preference.target - preference.zero_at)
        if preference.point is not None:
            lat, lon = preference.point
            # Full points within `target` km, none beyond `zero_at` km.
            decay = {
                "location": {
                    "origin": {"lat": lat, "lon": lon},
                    "offset": f"{preference.target}km",
                    "scale": f"{span / 2}km",
                    "decay": 0.5,
                }
            }
            return {"linear": decay, "weight": preference.points}
        # A linear decay is symmetric around its origin; moving the origin FAR past the target
        # and the offset with it leaves only the side below (or above) the target: full points
        # from the target on, none beyond zero_at. decay 0.5 at scale span/2 reaches 0 at span.
        direction = 1 if preference.target > preference.zero_at else -1
        decay = {
            preference.field: {
                "origin": preference.target + direction * FAR,
                "offset": FAR,
                "scale": span / 2,
                "decay": 0.5,
            }
        }
        # A missing value would score 1 in a decay function: only plots that have one.
        return {
            "filter": {"exists": {"field": preference.field}},
            "linear": decay,
            "weight": preference.points,
        }
