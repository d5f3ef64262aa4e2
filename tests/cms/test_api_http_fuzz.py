"""Conditional and range headers fuzzed with garbage and near-misses: never a 5xx, a 304 only
for the validator the answer carries (or `*`), never a partial answer."""

import pytest
from django.test import Client
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ZONE
from tests.hostile import FUZZ, LONG

pytestmark = pytest.mark.django_db

PATHS = ["/api/v1/search/?kind=zone", "/api/v1/records/zone/test-park/", "/api/v1/export/"]
HEADERS = ["If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "Range",
           "If-Range"]  # fmt: skip
# What arrives in a header: Latin-1 text (servers decode the bytes so), no line breaks.
HEADER_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=60)
NEAR_MISSES = st.sampled_from(
    ["*", "W/", 'W/"', '""', 'W/""', '"a", *', "*, *", ",", '"x",,"y"', "bytes=0-", "bytes=-1",
     "bytes=99999999999999999999-", "bytes=5-1", "bytes=0-0,0-0,0-0", "items=0-9",
     "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
     "Sun Nov  6 08:49:37 1994", "Mon, 31 Feb 2025 25:61:61 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
     "Thu, 01 Jan 0001 00:00:00 GMT", "-1", "0", "1e400", "\t", http_date(), http_date(0)]
)  # fmt: skip


def header_values(current: list[str]) -> st.SearchStrategy[str]:
    """Garbage, near-misses, and the answers' own validators, alone or in lists."""
    one = st.one_of(
        HEADER_TEXT, NEAR_MISSES, st.sampled_from(current), LONG.map(lambda s: s[:8000])
    )
    return st.one_of(one, st.lists(one, min_size=2, max_size=4).map(", ".join))


def revalidated(headers: dict, answer) -> bool:
    """Whether a 304 was due: the ETag among If-None-Match's, or else (none given) a date in
    If-Modified-Since no earlier than the Last-Modified the answer repeats."""
    none_match = headers.get("If-None-Match", "")
    if parse_etags(none_match):
        return answer["ETag"].removeprefix("W/") in none_match or "*" in none_match
    since = parse_http_date_safe(headers.get("If-Modified-Since", ""))
    last_modified = parse_http_date_safe(answer.get("Last-Modified", ""))
    return None not in (since, last_modified) and last_modified <= since


@pytest.mark.parametrize("path", PATHS)
def test_garbage_in_conditional_and_range_headers_is_ignored_safely(publish, path):
    publish(ZONE)
    api = Client(raise_request_exception=False)
    plain = api.get(path)
    body = b"".join(plain)
    validators = [plain["ETag"], plain.get("Last-Modified", http_date())]

    @FUZZ
    @given(st.dictionaries(st.sampled_from(HEADERS), header_values(validators), max_size=4))
    def run(headers):
        response = api.get(path, headers=headers)
        asked = f"{path} {headers!r}"[:500]
        assert response.status_code in (200, 304, 412), asked
        if response.status_code == 200:
            assert b"".join(response) == body, asked  # whole, never a range
        elif response.status_code == 304:
            assert b"".join(response) == b"", asked
            assert revalidated(headers, response), asked
        else:
            assert "If-Match" in headers or "If-Unmodified-Since" in headers, asked
            response.json()

    run()
