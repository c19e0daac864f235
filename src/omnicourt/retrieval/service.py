"""Use cases of similar-case retrieval: search the case base by facts, the cases most like an open case (with why
each matches), the statutes those cases rely on, and the knowledge graph's questions. Judges and the staff who
work with them use it; parties do not search the case base through the bench."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.cases import service as cases
from omnicourt.cases.models import Case
from omnicourt.cases.permissions import case_scope
from omnicourt.errors import Forbidden, InvalidInput
from omnicourt.retrieval import citations, graph, ranking
from omnicourt.retrieval.index import Filters, Hit, SearchIndex
from omnicourt.retrieval.models import Judgment
from omnicourt.security.roles import CASE_HANDLERS, COURT_LEADERS, Actor

SEARCHERS = CASE_HANDLERS | COURT_LEADERS | {"division_chief"}
COURT_LEVELS = ("high", "intermediate", "basic")
MAX_QUERY_CHARS = 2000
MAX_LIMIT = 100
REASONS_PER_RESULT = 3


@dataclass(frozen=True)
class Result:
    judgment: Judgment
    score: float
    highlights: tuple[str, ...]
    shared_elements: tuple[str, ...] = ()  # elements of the case that this judgment's facts show too
    shared_statutes: tuple[str, ...] = ()  # articles it cites that other similar cases cite too (labels)
    openable: bool = False  # a platform case the searcher may open in full (cases.permissions); the rest is
    # only ever shown de-identified


def require_searcher(actor: Actor) -> None:
    if not actor.is_staff or actor.role not in SEARCHERS:
        raise Forbidden("类案检索仅供审判人员使用")


def filters_of(*, cause: str | None = None, court: str | None = None, court_level: str | None = None,
               year_from: int | None = None, year_to: int | None = None, procedure: str | None = None,
               outcome: str | None = None) -> Filters:
    """Filters from request parameters: blanks mean no filter; a bad court level or year range is refused."""
    def clean(value: str | None) -> str | None:
        return value.strip() or None if value else None

    if clean(court_level) and clean(court_level) not in COURT_LEVELS:
        raise InvalidInput("法院层级应为 high / intermediate / basic", field="court_level")
    if year_from and year_to and year_from > year_to:
        raise InvalidInput("起始年份不能晚于截止年份", field="year_from")
    return Filters(cause=clean(cause), court=clean(court), court_level=clean(court_level), year_from=year_from,
                   year_to=year_to, procedure=clean(procedure), outcome=clean(outcome))


def search(session: Session, index: SearchIndex, *, actor: Actor, query: str, filters: Filters = Filters(),
           limit: int = 20, reranker: Reranker | None = None) -> list[Result]:
    """Judgments whose facts match the query, best first, with the matching passages highlighted."""
    require_searcher(actor)
    query = (query or "").strip()
    if not query:
        raise InvalidInput("请输入检索内容（案件事实、争议焦点或关键词）", field="query")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidInput(f"检索内容过长：最多 {MAX_QUERY_CHARS} 字", field="query")
    hits = index.search(query, filters=filters, limit=_limit(limit))
    results = model_cases_first(_joined(session, hits, actor))
    return reranker.rerank(query, results) if reranker else results


def similar_to_case(session: Session, index: SearchIndex, *, actor: Actor, case_id: int, limit: int = 10,
                    reranker: Reranker | None = None) -> list[Result]:
    """The decided cases most like this case's own facts (its claims and facts and reasons), the case itself
    excluded; cases of the same cause first. Each result says why: shared elements and shared statutes. A case
    filed without facts and reasons has no similar cases."""
    require_searcher(actor)
    case = cases.get_case(session, actor=actor, case_id=case_id)
    if not (case.facts_and_reasons or "").strip():
        return []  # claims alone (判令被告支付…) are worded alike in every case: nothing to compare
    text = case_text(case)
    limit = _limit(limit)
    own = set(session.scalars(select(Judgment.id).where(Judgment.case_id == case.id)))
    exclude = min(own) if own else None
    hits = index.more_like_this(text, filters=Filters(cause=case.cause_name), limit=limit + len(own), exclude=exclude)
    if len(hits) < limit + len(own):  # too few of the same cause: fill up from every cause
        seen = {hit.doc_id for hit in hits}
        hits += [hit for hit in index.more_like_this(text, limit=limit + len(own), exclude=exclude)
                 if hit.doc_id not in seen]
    results = model_cases_first([r for r in _joined(session, [h for h in hits if h.doc_id not in own], actor)
                                 if r.judgment.case_id != case.id])
    results = reranker.rerank(text, results) if reranker else results
    return _with_reasons(session, results[:limit], graph.vocabulary().elements_in(text, case.cause_name))


def statutes_for_similar(session: Session, index: SearchIndex, *, actor: Actor, case_id: int, limit: int = 10,
                         today: date, similar: list[Result] | None = None) -> list[graph.ArticleUse]:
    """The articles the cases most like this one cite most, under their numbers in force today."""
    require_searcher(actor)
    if similar is None:
        similar = similar_to_case(session, index, actor=actor, case_id=case_id)
    return graph.articles_cited_by(session, [r.judgment.id for r in similar], as_of=today, limit=limit)


def statutes_for_cause(session: Session, *, actor: Actor, cause: str, today: date,
                       limit: int = 20) -> list[graph.ArticleUse]:
    require_searcher(actor)
    if not (cause or "").strip():
        raise InvalidInput("请指定案由", field="cause")
    return graph.articles_for_cause(session, cause.strip(), as_of=today, limit=_limit(limit))


def cases_applying(session: Session, *, actor: Actor, law: str, article: str, limit: int = 50,
                   offset: int = 0) -> tuple[str, str, list[Judgment]]:
    """The judgments applying an article, the law named by its full or short name, the article as 675,
    六百七十五 or 133之一; returns the canonical law and article with them."""
    require_searcher(actor)
    canonical = citations.law_book().canonical(law)
    number = parse_article(article)
    return canonical, number, graph.cases_applying(session, canonical, number, limit=_limit(limit),
                                                   offset=max(offset, 0))


def parse_article(text: str) -> str:
    base, _, inserted = (text or "").strip().removeprefix("第").replace("条", "").partition("之")
    try:
        number = str(citations.chinese_number(base))
        return f"{number}之{citations.chinese_number(inserted)}" if inserted else number
    except ValueError:
        raise InvalidInput(f"条文序号「{text}」无法识别：应为 675、六百七十五或 133之一", field="article") from None


def case_text(case) -> str:
    """What the platform holds of a case's facts: the claims and the facts and reasons of the filing."""
    claims = "；".join(claim.description for claim in case.claims)
    return "\n".join(part for part in (claims, case.facts_and_reasons or "") if part.strip()).strip()


def model_cases_first(results: list[Result]) -> list[Result]:
    """Model cases (参考案例, judgments.model_case) first among equally similar results; otherwise the order kept."""
    order = ranking.order([r.score for r in results], [bool(r.judgment.model_case) for r in results], places=6)
    return [results[i] for i in order]


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"返回条数应在 1 到 {MAX_LIMIT} 之间", field="limit")
    return limit


def _joined(session: Session, hits: list[Hit], actor: Actor) -> list[Result]:
    """The hits with their case-base rows, in the hits' order; a hit whose row is gone is dropped."""
    if not hits:
        return []
    rows = {j.id: j for j in session.scalars(select(Judgment).where(Judgment.id.in_([h.doc_id for h in hits])))}
    platform = [j.case_id for j in rows.values() if j.case_id is not None]
    openable = set(session.scalars(select(Case.id).where(Case.id.in_(platform), case_scope(actor)))) \
        if platform else set()
    return [Result(rows[h.doc_id], h.score, h.highlights, openable=rows[h.doc_id].case_id in openable)
            for h in hits if h.doc_id in rows]


def _with_reasons(session: Session, results: list[Result], case_elements: list[str]) -> list[Result]:
    cited = graph.citations_of(session, [r.judgment.id for r in results])
    widely = Counter(pair for pairs in cited.values() for pair in pairs)

    def shared_statutes(judgment_id: int) -> tuple[str, ...]:
        common = sorted((p for p in cited[judgment_id] if widely[p] > 1), key=lambda p: (-widely[p], p))
        return tuple(graph.ArticleUse(law, article, widely[(law, article)]).label
                     for law, article in common[:REASONS_PER_RESULT])

    return [Result(r.judgment, r.score, r.highlights,
                   tuple(graph.shared_elements(case_elements, r.judgment.elements or [])),
                   shared_statutes(r.judgment.id), r.openable) for r in results]


class Reranker:
    """The optional dense re-ranker (Settings.retrieval_rerank_model_path, a sentence-transformers model on disk):
    orders the index's candidates by the cosine similarity of their facts to the query. Loaded on first use, so
    the platform and its tests never need sentence-transformers unless a model is configured."""

    def __init__(self, model_path: str):
        self.model_path = model_path
        self._model = None
        self._lock = threading.Lock()

    def rerank(self, query: str, results: list[Result]) -> list[Result]:
        if len(results) < 2:
            return results
        model = self._loaded()
        vectors = model.encode([query] + [r.judgment.facts[:2000] for r in results], normalize_embeddings=True)
        scores = vectors[1:] @ vectors[0]
        order = sorted(range(len(results)), key=lambda i: -float(scores[i]))
        return [results[i] for i in order]

    def _loaded(self):
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer  # optional dependency

                self._model = SentenceTransformer(self.model_path)
            return self._model
