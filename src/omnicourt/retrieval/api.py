"""JSON API of similar-case retrieval: search the case base, the cases like a case, statutes by cause, cases by
article. Staff who try cases only (service.SEARCHERS)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from omnicourt.db import Database
from omnicourt.limits import Offset, PathId, Year
from omnicourt.retrieval import service
from omnicourt.retrieval.deps import get_index, get_reranker
from omnicourt.retrieval.graph import ArticleUse
from omnicourt.retrieval.index import SearchIndex
from omnicourt.retrieval.models import Judgment
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_staff, get_db

Limit = Annotated[int, Query(ge=1, le=service.MAX_LIMIT)]

router = APIRouter(tags=["retrieval"])


class JudgmentOut(BaseModel):
    id: int
    source: str
    case_number: str
    title: str
    court_name: str
    court_level: str
    cause: str
    year: int | None
    procedure: str
    outcome: str
    case_id: int | None
    elements: list[str]
    model_case: bool = False  # a model case (参考案例)


class ResultOut(BaseModel):
    judgment: JudgmentOut
    score: float
    highlights: list[str]
    shared_elements: list[str]
    shared_statutes: list[str]
    openable: bool  # a platform case this account may open in full


class ArticleOut(BaseModel):
    law: str
    article: str
    label: str
    cases: int


class SimilarOut(BaseModel):
    case_id: int
    similar: list[ResultOut]
    statutes: list[ArticleOut]


class ArticleCasesOut(BaseModel):
    law: str
    article: str
    cases: list[JudgmentOut]


def judgment_out(judgment: Judgment) -> JudgmentOut:
    return JudgmentOut.model_validate({**{k: getattr(judgment, k) for k in JudgmentOut.model_fields},
                                       "elements": list(judgment.elements or [])})


def result_out(result: service.Result) -> ResultOut:
    return ResultOut(judgment=judgment_out(result.judgment), score=result.score, highlights=list(result.highlights),
                     shared_elements=list(result.shared_elements), shared_statutes=list(result.shared_statutes),
                     openable=result.openable)


def article_out(use: ArticleUse) -> ArticleOut:
    return ArticleOut(law=use.law, article=use.article, label=use.label, cases=use.cases)


@router.get("/api/v1/retrieval/search", response_model=list[ResultOut])
def search(q: str = "", cause: str | None = None, court: str | None = None, court_level: str | None = None,
           year_from: Year = None, year_to: Year = None, procedure: str | None = None,
           outcome: str | None = None, limit: Limit = 20, actor: Actor = Depends(current_staff),
           db: Database = Depends(get_db), index: SearchIndex = Depends(get_index),
           reranker: service.Reranker | None = Depends(get_reranker)):
    """Search the case base by facts; the matching passages come with the terms in <mark>."""
    filters = service.filters_of(cause=cause, court=court, court_level=court_level, year_from=year_from,
                                 year_to=year_to, procedure=procedure, outcome=outcome)
    with db.reading_replica() as session:
        results = service.search(session, index, actor=actor, query=q, filters=filters, limit=limit,
                                 reranker=reranker)
        return [result_out(r) for r in results]


@router.get("/api/v1/retrieval/cases/{case_id}/similar", response_model=SimilarOut)
def similar(case_id: PathId, limit: Limit = 10, actor: Actor = Depends(current_staff),
            db: Database = Depends(get_db), index: SearchIndex = Depends(get_index),
            reranker: service.Reranker | None = Depends(get_reranker), today: date = Depends(court_today)):
    """The decided cases most like this case, why each matches, and the statutes they rely on most."""
    with db.reading() as session:  # the primary: it starts from the case, which may have changed a moment ago
        results = service.similar_to_case(session, index, actor=actor, case_id=case_id, limit=limit,
                                          reranker=reranker)
        statutes = service.statutes_for_similar(session, index, actor=actor, case_id=case_id, similar=results,
                                                today=today)
        return SimilarOut(case_id=case_id, similar=[result_out(r) for r in results],
                          statutes=[article_out(s) for s in statutes])


@router.get("/api/v1/retrieval/statutes", response_model=list[ArticleOut])
def statutes(cause: str = "", limit: Limit = 20, actor: Actor = Depends(current_staff),
             db: Database = Depends(get_db), today: date = Depends(court_today)):
    """Which articles cases of a cause cite, in how many cases, under the numbers in force today."""
    with db.reading_replica() as session:
        return [article_out(s) for s in service.statutes_for_cause(session, actor=actor, cause=cause, limit=limit,
                                                                   today=today)]


@router.get("/api/v1/retrieval/articles/{law}/{article}/cases", response_model=ArticleCasesOut)
def article_cases(law: str, article: str, limit: Limit = 50, offset: Offset = 0,
                  actor: Actor = Depends(current_staff), db: Database = Depends(get_db)):
    """The judgments applying an article (the law by full or short name), including under earlier numbers."""
    with db.reading_replica() as session:
        canonical, number, found = service.cases_applying(session, actor=actor, law=law, article=article,
                                                          limit=limit, offset=offset)
        return ArticleCasesOut(law=canonical, article=number, cases=[judgment_out(j) for j in found])
