from registry.models import Record

from ..query import SearchQuery, SearchResults


class SearchBackend:
    """One interface, two implementations: the same query gives the same records on both."""

    name: str
    # False where the search reads the registry tables themselves: nothing to send anywhere.
    keeps_own_index = True

    def index_records(self, records: list[Record]) -> None:
        """Make these published records findable (replacing what the index had for them)."""
        raise NotImplementedError

    def remove(self, kind: str, refs: list[str]) -> None:
        """Make these records unfindable (unpublished or deleted)."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError
