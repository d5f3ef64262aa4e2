"""The Elasticsearch request for a query, checked without a server (`Search.to_dict()`)."""

import pytest

from search.backends.elasticsearch import ElasticsearchBackend
from tests.search.conftest import query

backend = ElasticsearchBackend("http://127.0.0.1:1", "unit")  # never contacted


def body(**params):
    return backend.build_search(query(**params)).to_dict()


@pytest.mark.django_db
def test_text_is_folded_and_fuzzy_on_names_and_descriptions():
    text = body(q="Khu Thử")["query"]["bool"]
    fuzzy = {"operator": "and", "fuzziness": "AUTO", "prefix_length": 1}
    assert {"match": {"text": {"query": "khu thu", **fuzzy}}} in text["filter"]
    assert text["should"][0] == {"match": {"names": {"query": "khu thu", **fuzzy, "boost": 3}}}
    assert text["should"][1] == {"match": {"text": {"query": "khu thu", **fuzzy}}}


@pytest.mark.django_db
def test_a_technology_named_in_the_text_matches_its_mention_or_its_tag_and_ranks_tagged_first():
    text = body(q="OSAT Long Thành")["query"]["bool"]
    codes = ["semiconductor.packaging_testing"]
    mention_or_tag = {"match_phrase": {"text": "osat"}}, {"terms": {"technologies": codes}}
    assert {"bool": {"minimum_should_match": 1, "should": list(mention_or_tag)}} in text["filter"]
    free_words = next(f["match"]["text"] for f in text["filter"] if "match" in f)
    assert free_words["query"] == "long thanh"
    tagged = {"constant_score": {"filter": {"terms": {"technologies": codes}}, "boost": 2000.0}}
    assert tagged in text["should"]


def test_facet_filters_go_to_the_post_filter_and_each_aggregation_skips_its_own():
    request = body(kind=["plot"], ownership=["fdi"])
    post = request["post_filter"]["bool"]["filter"]
    assert {"terms": {"kind": ["plot"]}} in post and {"terms": {"ownership": ["fdi"]}} in post
    kind_agg = request["aggs"]["kind"]["filter"]["bool"]["filter"]
    assert kind_agg == [{"terms": {"ownership": ["fdi"]}}]
    assert request["aggs"]["technology"]["aggs"]["values"]["terms"]["field"] == "technologies"


def test_geo_filter_and_distance_sort():
    request = body(near="10.77,107.05", within_km=10, sort="distance")
    filters = request["query"]["bool"]["filter"]
    geo = next(f["geo_distance"] for f in filters if "geo_distance" in f)
    assert geo["distance"] == "10.0km" and geo["location"] == {"lat": 10.77, "lon": 107.05}
    assert request["sort"][0]["_geo_distance"]["unit"] == "km"


def test_paging_and_deterministic_tiebreak():
    request = body(page=3, page_size=25, sort="-area_m2")
    assert (request["from"], request["size"]) == (50, 25)
    assert request["sort"][0] == {"area_m2": {"order": "desc", "missing": "_last"}}
    assert request["sort"][-1] == {"ref": "asc"}
    assert request["track_total_hits"] is True


def test_landmarks_are_never_searched():
    filters = body()["query"]["bool"]["filter"]
    kinds = next(f["terms"]["kind"] for f in filters if "terms" in f)
    assert "landmark" not in kinds and "plot" in kinds
