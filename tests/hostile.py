"""Hypothesis strategies for hostile input: what a fuzzer, a broken client or an attacker sends.
Shared by the API's and the portal's fuzz tests."""

import json
from urllib.parse import quote

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# A fixed budget and a fixed seed: CI runs the same examples every time.
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the seeded records serve every example, read-only
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

LONE_SURROGATES = st.sampled_from(["\ud800", "\udfff", "a\udbffb"])
NUMBERISH = st.sampled_from(
    ["NaN", "nan", "Infinity", "-Infinity", "inf", "1e400", "-1e400", "1e-400", "-0", "0x10",
     "1_000", "²", "١٢", "٣", "0" * 30 + "1", "1.", ".5", "+5", " 5 ", "5,5"]
)  # fmt: skip
HUGE_INTS = st.one_of(
    st.integers(min_value=-(10**400), max_value=10**400),
    st.sampled_from([10**400, -(10**400), 2**63, 2**64, -(2**63) - 1, 10**1000]),
)
LONG = st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "9", "ờ", "\x00", "[", "%"]),
                 st.integers(1000, 100_000))  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=30),
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(["", " ", "\x00", "a\x00b", "\r\n", "<script>", "'; --", "lt-airport",
                     "test-a01", "semiconductor", "plot", "zone", "available", "relevance",
                     "distance", "jsonl", "csv", "10.8,106.98", "lt-airport:30", "*", "?"]),
)  # fmt: skip


def hostile_strings(known: list[str]) -> st.SearchStrategy[str]:
    """Values a query parameter might carry: the endpoint's known values now and then, so that
    the fuzz also reaches past validation into the search."""
    return st.one_of(
        st.sampled_from(known) if known else st.nothing(),
        TEXT,
        NUMBERISH,
        HUGE_INTS.map(str),
        st.floats().map(repr),
        LONG,
        LONE_SURROGATES,
    )


def encode(value: str) -> str:
    """Percent-encoded UTF-8; a lone surrogate becomes the bytes it would be (%ED%A0%80),
    as a hand-made request would send it."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def query_strings(names: list[str], known: list[str]) -> st.SearchStrategy[str]:
    """Repeated, unknown and empty parameters included."""
    name = st.one_of(st.sampled_from(names), TEXT, LONE_SURROGATES)
    pairs = st.lists(st.tuples(name, hostile_strings(known)), max_size=8)
    return pairs.map(lambda ps: "&".join(f"{encode(k)}={encode(v)}" for k, v in ps))


JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(),  # NaN and infinities: json.dumps writes them as the literals
    HUGE_INTS,
    st.text(max_size=20),
    LONE_SURROGATES,
    st.sampled_from(["low", "available", "lt-airport", "semiconductor", "\x00", ""]),
)


def json_values(keys: list[str]) -> st.SearchStrategy:
    return st.recursive(
        JSON_LEAVES,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=8)), inner,
                            max_size=4),
        ),
        max_leaves=12,
    )  # fmt: skip


def match_bodies(profiles: list[str], requirements: list[str], preferences: list[str]):
    """Raw POST bodies for /api/v1/match/: well-shaped requests with hostile values, any JSON,
    and bytes that are not JSON at all."""
    fields = ["weight", "target", "zero_at", "codes", "landmark", "point", "km", "lat", "lon"]
    value = json_values(fields)
    ramp = dict.fromkeys(["weight", "target", "zero_at", "codes"], value)
    preference = st.one_of(st.fixed_dictionaries({}, optional=ramp), value)
    shaped = st.fixed_dictionaries(
        {},
        optional={
            "profile": st.one_of(st.sampled_from(profiles), value),
            "require": st.one_of(st.dictionaries(st.sampled_from(requirements), value), value),
            "prefer": st.one_of(st.dictionaries(st.sampled_from(preferences), preference), value),
            "limit": value,
        },
    )
    as_json = st.one_of(shaped, json_values(["profile", "require", "prefer", "limit"])).map(
        lambda body: json.dumps(body).encode()  # ASCII: surrogates as "\ud800" escapes
    )
    nested = st.integers(1, 50_000).flatmap(
        lambda n: st.sampled_from([b"[" * n, b'{"a":' * n, b"[" * n + b"]" * n])
    )
    return st.one_of(as_json, as_json, nested, st.binary(max_size=200))
