"""What each public endpoint allows and how long its answers may be kept, by route name.

Caching: search-like answers change with every publish, so caches keep them briefly; the
downloads and the catalogue are bigger and read by harvesters, so they are kept longer but
revalidated (cheaply: a 304) once stale. An answer to a POST is never stored, nor is an error,
except a 404 (an address that names nothing stays so for a while)."""

from dataclasses import dataclass

from search.api_http import is_api

SHORT = "public, max-age=60"
LONG = "public, max-age=900, must-revalidate"
NO_STORE = "no-store"
READ_ONLY = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Endpoint:
    """`methods`: what it answers (cross-origin too); `cache_control`: for its successful
    answers; `by_state`: validated by the data's state rather than its body (streamed
    downloads, whose body is never held whole); `known`: an endpoint, not a JSON 404;
    `dated`: answers carry Last-Modified (False where the data state cannot see every change
    the answer reflects: an agency's reported value moves no registry date)."""

    methods: tuple[str, ...] = READ_ONLY
    cache_control: str = SHORT
    by_state: bool = False
    known: bool = True
    dated: bool = True


DOWNLOAD = Endpoint(cache_control=LONG, by_state=True)
CATALOGUE = Endpoint(cache_control=LONG)

ENDPOINTS = {
    "api-search": Endpoint(),
    "api-suggest": Endpoint(),
    "api-record": Endpoint(),
    "api-geojson": Endpoint(),
    "api-match-profiles": Endpoint(),
    "api-match": Endpoint(methods=("POST", "OPTIONS"), cache_control=NO_STORE),
    "api-export": DOWNLOAD,
    "api-catalog": CATALOGUE,
    "data-json": CATALOGUE,
    "api-openapi": CATALOGUE,
    "api-docs": Endpoint(),
    # Indicators are not in the data state (freshness.py): validated by their body's ETag only.
    "api-indicators": Endpoint(dated=False),
    "api-indicator": Endpoint(dated=False),
    "api-indicator-values": Endpoint(methods=("POST", "OPTIONS"), cache_control=NO_STORE),
    "api-indicator-targets": Endpoint(methods=("POST", "OPTIONS"), cache_control=NO_STORE),
}
UNLISTED = Endpoint()  # an /api/ route added without a row here: read-only, briefly cached
NOWHERE = Endpoint(known=False)  # an /api/ path that names no endpoint


def endpoint_for(request) -> Endpoint | None:
    """The policy of the endpoint this request resolved to; None outside the public API."""
    match = getattr(request, "resolver_match", None)
    name = match.url_name if match else None
    if name in ENDPOINTS:
        return ENDPOINTS[name]
    if not is_api(request):
        return None
    return UNLISTED if name else NOWHERE


def cache_control_for(endpoint: Endpoint, status: int) -> str:
    if 200 <= status < 300 or status == 304:
        return endpoint.cache_control
    if status in (404, 308):
        return SHORT
    return NO_STORE
