"""What a caller asks the search service, independent of the backend that answers."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    zone: str = ""
    page: int = 1
    page_size: int = 20


@dataclass
class Hit:
    kind: str
    ref: str
    name: str
    name_en: str
    score: float | None = None


@dataclass
class SearchResults:
    backend: str
    count: int
    hits: list[Hit] = field(default_factory=list)
