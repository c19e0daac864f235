"""The case pages: a party's and the bench's, each showing the case with its documents and fee accounts; closing a
case from the bench case page."""

from __future__ import annotations

import secrets
from datetime import date
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from sqlalchemy.orm import Session

from omnicourt.cases import permissions, service
from omnicourt.cases import rules as case_rules
from omnicourt.casework import closing, documents
from omnicourt.dossier import ocr
from omnicourt.dossier.rules import KIND_LABELS, VOLUME_LABELS
from omnicourt.fees import payments
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.reference import service as reference
from omnicourt.security import lawyers
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code
from omnicourt.web.deps import court_today, current_actor, current_staff, get_queue
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

if TYPE_CHECKING:
    from omnicourt.cases.models import Case

router = APIRouter(include_in_schema=False)

# What the case page confirms after each action (`?done=`); the deadline actions come back here too.
DONE_MESSAGES = {
    "hearing": "开庭记录已保存，案件进入审理阶段。",
    "closed": "案件已结案：结案文书已存入电子卷宗，诉讼费已按结案方式核定。",
    "reassigned": "已改派承办法官。",
    "extension": "延长审限申请已提交，等待审批。",
    "suspension": "扣除审限申请已提交。",
    "suspension_ended": "扣除审限期间已结束。",
    "conversion": "审理程序已转换，审限已重新计算。",
    "step": "程序事项已记录。",
    "paid": "诉讼费已交纳，交费凭证已存入电子卷宗。",
    "documents": "材料已提交，已存入电子卷宗。",
    "catalogue": "卷宗目录已更正。",
    "delivery_address": "送达地址确认书已记录。",
    "delivered": "已送达：平台送达已到达受送达人账户，邮件与短信随后发出，送达生效后电子送达凭证存入卷宗。",
    "public_notice": "已公告送达，公告期满视为送达。",
    "paper_service": "纸质送达已登记：送达回证已存入电子卷宗，以签收日期为送达日期。",
}


def _judge_name(session: Session, judge_id: int | None) -> str:
    return security.display_names(session, [judge_id]).get(judge_id, "尚未分案") if judge_id else "尚未分案"


def case_context(session: Session, actor: Actor, case: Case, today: date) -> dict:
    """What both case pages show: the case, its court, judge, parties, claims, fee notices, timeline."""
    left = case_rules.days_left(case.deadline_on, today)
    return {"case": case, "court": reference.court(session, case.court_id),
            "judge_name": _judge_name(session, case.judge_id),
            "parties": list(case.parties), "claims": list(case.claims),
            "agents": lawyers.agent_credentials(session, [p for p in case.parties if p.role == "agent"]),
            "fee_accounts": payments.accounts_for_case(session, case.id),
            "timeline": service.timeline(session, actor=actor, case=case),
            "days_left": left, "deadline_class": case_rules.deadline_class(left), "volume_labels": VOLUME_LABELS}


def _decisions(request: Request, session: Session, actor: Actor, case: Case) -> dict:
    """The signed decisions with their effective date and appeal periods: judgments' (app.py hands the reader
    over: casework may not import judgments, which builds on it)."""
    return {"decisions": request.app.state.case_decisions(session, actor=actor, case_id=case.id)}


@router.get("/portal/cases/{case_id}")
def party_case(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_actor),
               today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        case = service.get_case(session, actor=actor, case_id=case_id)
        context = case_context(session, actor, case, today) | _decisions(request, session, actor, case) | {
            "may_pay": not actor.is_staff and service.is_party(session, actor, case.id),
            "payment_key": secrets.token_urlsafe(16),  # one per page shown: a form sent twice makes one order
            # the catalogue of each volume the actor may see: what get_document opens for them
            "catalogues": documents.catalogues(session, actor=actor, case_id=case.id),
            # another party's own papers (its fee receipts): no link to what would be a 404
            "hidden_documents": documents.hidden_from(session, actor, case.id)}
        context["text_status"] = documents.text_statuses(session, context["catalogues"])
    return render(request, "cases/party_case.html", context | {"flash": done_flash(done, DONE_MESSAGES)})


@router.get("/bench/cases/{case_id}")
def bench_case(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_staff),
               today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        case = service.get_case(session, actor=actor, case_id=case_id)
        context = case_context(session, actor, case, today) | _decisions(request, session, actor, case) | {
            "catalogues": documents.catalogues(session, actor=actor, case_id=case.id),
            "may_correct_catalogue": actor.court_id == case.court_id, "kinds": KIND_LABELS,
            "may_conduct": permissions.may_conduct(actor, case), "may_close": permissions.may_close(actor, case),
            "may_reassign": permissions.may_reassign(actor, case),
            "judges": [j for j in security.judges_of(session, division_id=case.division_id) if j.id != case.judge_id]
            if case.division_id else [],
            "today": today, "flash": done_flash(done, DONE_MESSAGES), "ocr_available": ocr.available()}
        context["text_status"] = documents.text_statuses(session, context["catalogues"])
    return render(request, "cases/bench_case.html", context)


@router.post("/bench/cases/{case_id}/closing")
def close_case(request: Request, case_id: PathId, method: Annotated[Code, Form()], closed_on: date = Form(...),
               confirmed: str = Form(""), document: UploadFile | None = File(None),
               actor: Actor = Depends(current_staff), today: date = Depends(court_today),
               queue: Queue = Depends(get_queue)):
    settings = request.app.state.settings
    closing_request = closing.ClosingRequest(method, closed_on, confirmed == "yes",
                                             closing.read_document(document, settings.max_upload_bytes))
    with request.app.state.db.transaction() as session:
        closing.close(session, settings, actor=actor, case_id=case_id, request=closing_request, today=today,
                      queue=queue)
    return see_other(request, f"/bench/cases/{case_id}?done=closed")
