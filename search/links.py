"""Pagination links for search answers: absolute addresses (on the site's canonical address) of
the neighbouring pages, keeping every other parameter as the client gave it."""

import math

from registry.addresses import absolute_url

from .query import MAX_WINDOW


def pagination_links(request, page: int, page_size: int, count: int) -> dict:
    # The last page a client may ask for: the one holding the last record, within the window.
    last = max(1, min(math.ceil(count / page_size), MAX_WINDOW // page_size))

    def at(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return absolute_url(f"{request.path}?{params.urlencode()}")

    return {
        "self": at(page),
        "first": at(1),
        "last": at(last),
        "prev": at(min(page - 1, last)) if page > 1 else None,
        "next": at(page + 1) if page < last else None,
    }
