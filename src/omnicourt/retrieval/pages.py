"""Pages of similar-case retrieval: the bench search page, and the similar-cases panel of the case page (an HTMX
fragment loaded into cases/bench_case.html, so that the cases domain knows nothing of retrieval)."""

import re

from fastapi import APIRouter, Depends, Request
from markupsafe import Markup

from omnicourt import clock
from omnicourt.errors import DomainError
from omnicourt.retrieval import service
from omnicourt.retrieval.api import get_index, get_reranker
from omnicourt.retrieval.index import SearchIndex
from omnicourt.security.roles import Actor
from omnicourt.web.deps import current_staff
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
OUTCOME_LABELS = {"supported": "支持", "partly_supported": "部分支持", "rejected": "驳回", "mediated": "调解",
                  "withdrawn": "撤诉", "convicted": "定罪", "upheld": "维持原判", "reversed": "改判",
                  "judged": "判决", "dismissed": "驳回起诉"}
COURT_LEVEL_LABELS = {"high": "高级人民法院", "intermediate": "中级人民法院", "basic": "基层人民法院"}
PROCEDURE_LABELS = {"ordinary": "普通程序", "simple": "简易程序", "small_claims": "小额诉讼程序",
                    "fast_track": "速裁程序", "second_instance": "二审"}
ONLY_MARK = re.compile(r"<(?!/?mark>)[^>]*>")


def highlighted(passage: str) -> Markup:
    """A passage from the index (already HTML-escaped) with only its <mark> tags kept as markup."""
    return Markup(ONLY_MARK.sub("", passage))


def _labels() -> dict:
    return {"OUTCOME_LABELS": OUTCOME_LABELS, "COURT_LEVEL_LABELS": COURT_LEVEL_LABELS,
            "RETRIEVAL_PROCEDURES": PROCEDURE_LABELS, "highlighted": highlighted}


def _year(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


@router.get("/bench/retrieval")
def search_page(request: Request, q: str = "", cause: str = "", court: str = "", court_level: str = "",
                year_from: str = "", year_to: str = "", procedure: str = "", outcome: str = "",
                actor: Actor = Depends(current_staff), index: SearchIndex = Depends(get_index),
                reranker: service.Reranker | None = Depends(get_reranker)):
    """Search the case base by facts, with filters; the passages that match are highlighted."""
    service.require_searcher(actor)
    form = {"q": q, "cause": cause, "court": court, "court_level": court_level, "year_from": year_from,
            "year_to": year_to, "procedure": procedure, "outcome": outcome}
    results, error = [], None
    if q.strip():
        try:
            filters = service.filters_of(cause=cause, court=court, court_level=court_level,
                                         year_from=_year(year_from), year_to=_year(year_to), procedure=procedure,
                                         outcome=outcome)
            with request.app.state.db.reading() as session:
                results = service.search(session, index, actor=actor, query=q, filters=filters, limit=30,
                                         reranker=reranker)
        except DomainError as refused:
            error = refused.message
    return render(request, "retrieval/search.html", {"form": form, "results": results, "error": error,
                                                      **_labels()})


@router.get("/bench/cases/{case_id}/similar")
def similar_panel(request: Request, case_id: int, actor: Actor = Depends(current_staff),
                  index: SearchIndex = Depends(get_index), reranker: service.Reranker | None = Depends(get_reranker)):
    """The similar-cases panel of the case page: the closest decided cases, why, and the statutes they cite."""
    with request.app.state.db.reading() as session:
        results = service.similar_to_case(session, index, actor=actor, case_id=case_id, limit=5, reranker=reranker)
        statutes = service.statutes_for_similar(session, index, actor=actor, case_id=case_id, similar=results,
                                                today=clock.today())
        return render(request, "retrieval/_similar.html", {"results": results, "statutes": statutes,
                                                            "case_id": case_id, **_labels()})
