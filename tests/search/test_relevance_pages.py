"""Pages of a text search in relevance order: the records some tier ranks (named so, tagged)
come first, then the rest by name; page by page the same order as all at once."""

import pytest

from tests.search.conftest import find, refs

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["Long Thanh", "semiconductor", "dong nai"])
def test_small_pages_follow_the_order_of_one_big_page(backend, seeded, text):
    everything = find(backend, q=text, page_size=100)
    assert 3 < everything.count <= 100
    paged, page = [], 1
    while len(paged) < everything.count:
        found = refs(find(backend, q=text, page_size=3, page=page))
        assert found, page
        paged += found
        page += 1
    assert paged == refs(everything)
