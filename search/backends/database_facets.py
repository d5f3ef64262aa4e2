"""The database backend's total and facet counts, in one grouped query instead of one a facet.

Facets are disjunctive: each counts with every filter applied except its own, so a search with
filters on kind and status has three scopes (all filters; all but kind; all but status). Rather
than a scan per facet, one query groups the rows matched before any facet filter by a single
column holding all their facet values ("kind=plot zone=… technology=ai …") and counts each
scope in its own conditional column; Python then adds the groups up per facet. There are as
many groups as distinct combinations of facet values (a few per zone and kind), not rows; and
grouping on one column costs far less than on eleven.
"""

from django.db.models import Count, Q

from ..documents import FACETS

ALL_FILTERS = "n"  # the count of the results themselves


def facet_values(doc: dict) -> str:
    """The `facet_values` column of a document: its facet values as "facet=value" words (refs,
    choices and codes hold no space or "="); a facet without a value is left out."""
    pairs = [(facet, doc.get(facet)) for facet in FACETS if facet != "technology"]
    pairs += [("technology", code) for code in doc["technologies"]]
    return " ".join(f"{facet}={value}" for facet, value in pairs if value)


def scope_name(facet: str) -> str:
    return f"n_{facet}"


def counts(base, facet_filters: dict[str, Q], with_facets: bool) -> tuple[int, dict]:
    """(the number of results, {facet: {value: count}}) for the rows of `base` (text, ranges,
    geography applied) under the facet filters."""
    everything = Q(*facet_filters.values())
    if not with_facets:
        return base.filter(everything).count(), {}
    scopes = {ALL_FILTERS: everything}
    for facet in facet_filters:
        scopes[scope_name(facet)] = Q(*(q for name, q in facet_filters.items() if name != facet))
    # Count("pk", filter=Q()) would count every row: an empty scope needs no filter at all.
    groups = base.values("facet_values").annotate(
        **{name: Count("pk", filter=q) if q else Count("pk") for name, q in scopes.items()}
    )
    total = 0
    facets: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for group in groups:
        total += group[ALL_FILTERS]
        for word in group["facet_values"].split():
            facet, _, value = word.partition("=")
            if facet not in facets:
                continue  # a facet since removed, until the next rebuild
            n = group[scope_name(facet) if facet in facet_filters else ALL_FILTERS]
            if n:
                facets[facet][value] = facets[facet].get(value, 0) + n
    return total, {facet: dict(sorted(values.items())) for facet, values in facets.items()}
