"""Case pages: a party's cases and public timeline; the bench docket and the case page with its steps."""

import secrets
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.cases import closing, permissions, service
from omnicourt.cases.models import Case
from omnicourt.dossier import service as dossier
from omnicourt.fees import payments
from omnicourt.limits import Id, PathId
from omnicourt.reference import service as reference
from omnicourt.security import lawyers
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code, LongText, Name, ShortText
from omnicourt.web.deps import current_actor, current_staff
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

DOCKET_SIZE = 100  # cases a page
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
}


def days_left(case: Case, today: date) -> int | None:
    """Days until the trial deadline (deadline_on − today); None without a deadline."""
    return (case.deadline_on - today).days if case.deadline_on else None


def deadline_class(days: int | None) -> str:
    """Overdue, within a week, within a month: how urgent the deadline looks on the docket."""
    if days is None or days > 30:
        return ""
    if days < 0:
        return "days-overdue"
    return "days-week" if days <= 7 else "days-month"


def person_names(session: Session, account_ids) -> dict[int, str]:
    accounts = (security.get_account(session, i) for i in set(account_ids) if i)
    return {a.id: a.display_name for a in accounts if a}


def case_context(session: Session, actor: Actor, case: Case) -> dict:
    """What both case pages show: the case, its court, judge, parties, claims, fee notices, timeline."""
    left = days_left(case, clock.today())
    return {"case": case, "court": reference.court(session, case.court_id),
            "judge_name": person_names(session, [case.judge_id]).get(case.judge_id, "尚未分案"),
            "parties": list(case.parties), "claims": list(case.claims),
            "agents": lawyers.agent_credentials(session, [p for p in case.parties if p.role == "agent"]),
            "fee_accounts": payments.accounts_for_case(session, case.id),
            "timeline": service.timeline(session, actor=actor, case=case),
            "days_left": left, "deadline_class": deadline_class(left)}

# ---------------------------------------------------------------- portal (parties)


@router.get("/portal/cases")
def my_cases(request: Request, actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        cases = service.list_cases(session, actor=actor, limit=200)
        courts = {c.id: c for c in reference.list_courts(session)}
    return render(request, "cases/mine.html", {"cases": cases, "courts": courts})


@router.get("/portal/cases/{case_id}")
def party_case(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        case = service.get_case(session, actor=actor, case_id=case_id)
        context = case_context(session, actor, case) | {
            "may_pay": not actor.is_staff and service.is_party(session, actor, case.id),
            "payment_key": secrets.token_urlsafe(16),  # one per page shown: a form sent twice makes one order
            # every document of the case: what get_document opens for whoever may see the case
            "documents": dossier.for_case(session, case.id)}
    return render(request, "cases/party_case.html", context | {"flash": done_flash(done, DONE_MESSAGES)})

# ---------------------------------------------------------------- bench (court staff)


@router.get("/bench/docket")
def docket(request: Request, page: int = Query(1, ge=1, le=100000), actor: Actor = Depends(current_staff)):
    """A judge's own open cases; a chief's division; a president's court — the most overdue first, page by page."""
    today = clock.today()
    scope = {"open_only": True, "mine_only": actor.role == "judge"}
    with request.app.state.db.reading() as session:
        total = service.count_cases(session, actor=actor, **scope)
        cases = service.list_cases(session, actor=actor, order="deadline", limit=DOCKET_SIZE,
                                   offset=(page - 1) * DOCKET_SIZE, **scope)
        judges = person_names(session, [c.judge_id for c in cases])
    rows = [{"case": c, "days_left": days_left(c, today)} for c in cases]
    for row in rows:
        row["deadline_class"] = deadline_class(row["days_left"])
    return render(request, "cases/docket.html", {"rows": rows, "judges": judges, "show_judge": actor.role != "judge",
                                                 "page": page, "pages": max(1, -(-total // DOCKET_SIZE)),
                                                 "total": total})


@router.get("/bench/cases/{case_id}")
def bench_case(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        case = service.get_case(session, actor=actor, case_id=case_id)
        context = case_context(session, actor, case) | {
            "documents": dossier.for_case(session, case.id),
            "may_conduct": permissions.may_conduct(actor, case), "may_close": permissions.may_close(actor, case),
            "may_reassign": permissions.may_reassign(actor, case),
            "judges": [j for j in security.judges_of(session, division_id=case.division_id) if j.id != case.judge_id]
            if case.division_id else [],
            "today": clock.today(), "flash": done_flash(done, DONE_MESSAGES)}
    return render(request, "cases/bench_case.html", context)


@router.post("/bench/cases/{case_id}/hearings")
def hold_hearing(request: Request, case_id: PathId, held_on: date = Form(...),
                 summary: Annotated[LongText, Form()] = "", present: Annotated[list[Name], Form()] = [],  # noqa: B006
                 absent: Annotated[list[Name], Form()] = [], online: bool = Form(False),  # noqa: B006
                 summoned_by_notice: bool = Form(False), actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.hold_hearing(session, actor=actor, case_id=case_id, held_on=held_on, summary=summary,
                             attendance=service.attendance_of(present, absent, online, summoned_by_notice))
    return see_other(request, f"/bench/cases/{case_id}?done=hearing")


@router.post("/bench/cases/{case_id}/closing")
def close_case(request: Request, case_id: PathId, method: Annotated[Code, Form()], closed_on: date = Form(...),
               confirmed: str = Form(""), document: UploadFile | None = File(None),
               actor: Actor = Depends(current_staff)):
    settings = request.app.state.settings
    closing_request = closing.ClosingRequest(method, closed_on, confirmed == "yes",
                                             closing.read_document(document, settings.max_upload_bytes))
    with request.app.state.db.transaction() as session:
        closing.close(session, settings, actor=actor, case_id=case_id, request=closing_request, today=clock.today())
    return see_other(request, f"/bench/cases/{case_id}?done=closed")


@router.post("/bench/cases/{case_id}/reassignment")
def reassign(request: Request, case_id: PathId, judge_id: Annotated[Id, Form()],
             reason: Annotated[ShortText, Form()] = "",
             actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        judge = security.get_account(session, judge_id)
        service.reassign(session, actor=actor, case_id=case_id, judge=judge, reason=reason)
    return see_other(request, f"/bench/cases/{case_id}?done=reassigned")
