"""Pages of similar-case retrieval: the bench search page, and the similar-cases panel of the case page (an HTMX
fragment loaded into cases/bench_case.html, so that the cases domain knows nothing of retrieval)."""

import re
from datetime import date

from fastapi import APIRouter, Depends, Request
from markupsafe import Markup

from omnicourt.cases import service as cases
from omnicourt.cases.rules import PROCEDURE_LABELS as CASE_PROCEDURE_LABELS
from omnicourt.errors import DomainError, InvalidInput
from omnicourt.limits import MAX_YEAR, MIN_YEAR, PathId
from omnicourt.retrieval import service
from omnicourt.retrieval.deps import get_index, get_reranker
from omnicourt.retrieval.index import SearchIndex
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_staff
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
OUTCOME_LABELS = {"supported": "支持", "partly_supported": "部分支持", "rejected": "驳回", "mediated": "调解",
                  "withdrawn": "撤诉", "convicted": "定罪", "upheld": "维持原判", "reversed": "改判",
                  "judged": "判决", "dismissed": "驳回起诉"}
COURT_LEVEL_LABELS = {"high": "高级人民法院", "intermediate": "中级人民法院", "basic": "基层人民法院"}
# Judgments in the case base come from every court level, so a second instance too.
PROCEDURE_LABELS = {**CASE_PROCEDURE_LABELS, "second_instance": "二审"}
ONLY_MARK = re.compile(r"<(?!/?mark>)[^>]*>")
# Searches shown under the search box, each with the causes of the judgments it is meant to find.
EXAMPLE_QUERIES = (
    ("借款到期未还 保证人 连带责任 罚息 复利", ("金融借款合同纠纷", "民间借贷纠纷")),
    ("借款 逾期 利息", ("金融借款合同纠纷", "民间借贷纠纷")),
    ("借条 微信转账 夫妻共同债务", ("民间借贷纠纷",)),
    ("醉酒驾驶 血液酒精含量", ("危险驾驶罪",)),
    ("入户盗窃 手机", ("盗窃罪",)),
    ("网络刷单返利 诈骗", ("诈骗罪",)),
    ("交通事故 伤残等级 误工费", ("机动车交通事故责任纠纷",)),
    ("未签订书面劳动合同 二倍工资 加班费", ("劳动争议",)),
    ("离婚 子女抚养 彩礼", ("离婚纠纷",)),
    ("货款 质量异议 违约金", ("买卖合同纠纷",)),
)


def highlighted(passage: str) -> Markup:
    """A passage from the index (already HTML-escaped) with only its <mark> tags kept as markup."""
    return Markup(ONLY_MARK.sub("", passage))


def _labels() -> dict:
    return {"OUTCOME_LABELS": OUTCOME_LABELS, "COURT_LEVEL_LABELS": COURT_LEVEL_LABELS,
            "RETRIEVAL_PROCEDURES": PROCEDURE_LABELS, "highlighted": highlighted}


def _year(text: str, field: str) -> int | None:
    """A year typed in the form: empty is none; anything but a year in range is refused (never a 500)."""
    year = text.strip()
    if not year:
        return None
    if not (len(year) == 4 and year.isascii() and year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR):
        raise InvalidInput(f"年份应为 {MIN_YEAR}–{MAX_YEAR} 之间的四位数字", field=field)
    return int(year)


@router.get("/bench/retrieval")
def search_page(request: Request, q: str = "", cause: str = "", court: str = "", court_level: str = "",
                year_from: str = "", year_to: str = "", procedure: str = "", outcome: str = "",
                actor: Actor = Depends(current_staff), index: SearchIndex = Depends(get_index),
                reranker: service.Reranker | None = Depends(get_reranker)):
    """Search the case base by facts, with filters; the passages that match are highlighted."""
    service.require_searcher(actor)
    form = {"q": q, "cause": cause, "court": court, "court_level": court_level, "year_from": year_from,
            "year_to": year_to, "procedure": procedure, "outcome": outcome}
    results, error, status = [], None, 200
    if q.strip():
        try:
            filters = service.filters_of(cause=cause, court=court, court_level=court_level,
                                         year_from=_year(year_from, "year_from"), year_to=_year(year_to, "year_to"),
                                         procedure=procedure,
                                         outcome=outcome)
            with request.app.state.db.reading_replica() as session:
                results = service.search(session, index, actor=actor, query=q, filters=filters, limit=30,
                                         reranker=reranker)
        except DomainError as refused:
            error, status = refused.message, refused.status
    return render(request, "retrieval/search.html", {"form": form, "results": results, "error": error,
                                                      "examples": EXAMPLE_QUERIES, **_labels()}, status=status)


@router.get("/bench/cases/{case_id}/similar")
def similar_panel(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                  index: SearchIndex = Depends(get_index), reranker: service.Reranker | None = Depends(get_reranker),
                  today: date = Depends(court_today)):
    """The similar-cases panel of the case page: the closest decided cases, why, and the statutes they cite; for a
    case without facts and reasons, the statutes cases of its cause cite most."""
    service.require_searcher(actor)
    with request.app.state.db.reading() as session:  # the primary, as the case page around the panel
        case = cases.get_case(session, actor=actor, case_id=case_id)
        results = service.similar_to_case(session, index, actor=actor, case_id=case_id, limit=5, reranker=reranker)
        if results:
            statutes = service.statutes_for_similar(session, index, actor=actor, case_id=case_id, similar=results,
                                                    today=today)
        else:
            statutes = service.statutes_for_cause(session, actor=actor, cause=case.cause_name, limit=5, today=today)
        return render(request, "retrieval/_similar.html", {"results": results, "statutes": statutes,
                                                            "case_id": case_id, "cause": case.cause_name,
                                                            "has_facts": bool((case.facts_and_reasons or "").strip()),
                                                            **_labels()})
