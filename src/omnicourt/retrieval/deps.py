"""Request dependencies of the retrieval routes (API and pages): the app's search index and dense re-ranker, each
opened once, on first use, and kept on the app's state."""

import threading

from fastapi import Request

from omnicourt.retrieval import service
from omnicourt.retrieval.index import SearchIndex, open_configured

_opening = threading.Lock()


def get_index(request: Request) -> SearchIndex:
    """The app's search index, opened on first use from the settings (backend and directory)."""
    state = request.app.state
    with _opening:
        if getattr(state, "retrieval_index", None) is None:
            state.retrieval_index = open_configured(state.settings)
    return state.retrieval_index


def get_reranker(request: Request) -> service.Reranker | None:
    """The dense re-ranker when a model path is configured; None (the default) otherwise."""
    state = request.app.state
    path = state.settings.retrieval_rerank_model_path
    if not path:
        return None
    with _opening:
        if getattr(state, "retrieval_reranker", None) is None:
            state.retrieval_reranker = service.Reranker(path)
    return state.retrieval_reranker
