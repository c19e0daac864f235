"""The similar-case index interface shared by the case base and every backend.

The case base hands the index `IndexedJudgment`s; the index answers `Hit`s. Every backend tokenises with
omnicourt.retrieval.segment.tokens so the same query means the same thing whichever backend is configured.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class IndexedJudgment:  # what the case base hands the index
    doc_id: int  # the case-base row id
    facts: str  # the facts section (what similarity is about)
    text: str  # the rest worth searching (claims, reasoning), may be ""
    cause: str  # cause name, e.g. 金融借款合同纠纷
    court: str  # court name
    court_level: str  # high / intermediate / basic
    year: int
    procedure: str  # ordinary / simple / small_claims / second_instance / ...
    outcome: str  # e.g. supported / partly_supported / rejected / mediated / withdrawn


@dataclass(frozen=True)
class Filters:  # all optional; None = no filter
    cause: str | None = None
    court: str | None = None
    court_level: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    procedure: str | None = None
    outcome: str | None = None


@dataclass(frozen=True)
class Hit:
    doc_id: int
    score: float
    highlights: tuple[str, ...]  # passages of facts/text with the matching terms wrapped in <mark>…</mark>


class SearchIndex(Protocol):
    def add(self, docs: Iterable[IndexedJudgment]) -> int: ...  # returns how many were added
    def commit(self) -> None: ...
    def search(self, query: str, *, filters: Filters = Filters(), limit: int = 20) -> list[Hit]: ...
    def more_like_this(
        self, text: str, *, filters: Filters = Filters(), limit: int = 20, exclude: int | None = None
    ) -> list[Hit]: ...
    def count(self) -> int: ...
    def clear(self) -> None: ...
