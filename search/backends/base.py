from collections.abc import Callable, Iterable

from ..query import Hit, SearchQuery, SearchResults


class SearchBackend:
    """One interface, two implementations: the same filters give the same records on both."""

    name: str

    def index(self, docs: list[dict]) -> None:
        """Add or replace these documents."""
        raise NotImplementedError

    def remove(self, doc_ids: list[str]) -> None:
        """Remove these documents; ids not in the index are ignored."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def search_many(self, queries: list[SearchQuery]) -> list[SearchResults]:
        return [self.search(query) for query in queries]

    def suggest(self, text: str, limit: int = 10) -> list[Hit]:
        """Records whose names start with the words typed so far."""
        raise NotImplementedError

    def fingerprints(self) -> dict[str, str]:
        """doc_id -> fingerprint of everything in the index (for verify)."""
        raise NotImplementedError

    def rebuild(
        self,
        batches: Iterable[list[dict]],
        catch_up: Callable[[], int],
        started: Callable[[str], None] | None = None,
    ) -> dict:
        """Build a complete new index from `batches`, replay `catch_up` (the writes made
        meanwhile), then replace the old index without a moment of unanswered searches.
        `started(name)` is told the new index's name before it is created."""
        raise NotImplementedError

    def orphan_indices(self, keep=()) -> list[str]:
        """Indices left behind by interrupted rebuilds (none where a rebuild cannot leave any)."""
        return []

    def remove_orphans(self, keep=()) -> list[str]:
        return []

    def describe(self) -> dict:
        """What `search_index status` shows: index names, aliases, document count."""
        raise NotImplementedError
