"""The similar-case search index: one interface (base.py), three backends.

`open_index(backend, path, opensearch_url=...)` is the one entry point; `open_configured(settings)` opens the one the
settings name.
Backends are imported lazily so a deployment only needs the library of the backend it uses.
"""

from __future__ import annotations

from pathlib import Path

from omnicourt.retrieval.index.base import Filters, Hit, IndexedJudgment, SearchIndex
from omnicourt.settings import Settings

__all__ = ["BACKENDS", "Filters", "Hit", "IndexedJudgment", "SearchIndex", "open_configured", "open_index"]

BACKENDS = ("tantivy", "bm25s", "opensearch")


def open_index(backend: str, path: Path, *, opensearch_url: str = "") -> SearchIndex:
    """Open (creating if needed) the index of `backend` persisted under `path` (or at `opensearch_url`)."""
    if backend == "tantivy":
        from omnicourt.retrieval.index.tantivy_backend import TantivyIndex

        return TantivyIndex(Path(path))
    if backend == "bm25s":
        from omnicourt.retrieval.index.bm25s_backend import Bm25sIndex

        return Bm25sIndex(Path(path))
    if backend == "opensearch":
        from omnicourt.retrieval.index.opensearch_backend import OpenSearchIndex

        return OpenSearchIndex(opensearch_url)
    raise ValueError(f"未知的检索后端：{backend!r}（可选：{', '.join(BACKENDS)}）")


def open_configured(settings: Settings) -> SearchIndex:
    """The index of Settings.retrieval_backend at Settings.retrieval_index_dir (or retrieval_opensearch_url)."""
    return open_index(settings.retrieval_backend, settings.retrieval_index_dir,
                      opensearch_url=settings.retrieval_opensearch_url)
