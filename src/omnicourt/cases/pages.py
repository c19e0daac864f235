"""Case pages: a party's cases; the bench docket and the judge's steps on a case (hearing, reassignment). The case
pages themselves show documents and fees beside the case: they are casework's (casework/pages.py)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request

from omnicourt.cases import rules, service
from omnicourt.limits import Id, PathId
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.textcheck import LongText, Name, ShortText
from omnicourt.web.deps import court_today, current_actor, current_staff
from omnicourt.web.pages import see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

DOCKET_SIZE = 100  # cases a page

# ---------------------------------------------------------------- portal (parties)


@router.get("/portal/cases")
def my_cases(request: Request, actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        cases = service.list_cases(session, actor=actor, limit=200)
        courts = {c.id: c for c in reference.list_courts(session)}
    return render(request, "cases/mine.html", {"cases": cases, "courts": courts})


# ---------------------------------------------------------------- bench (court staff)


@router.get("/bench/docket")
def docket(request: Request, page: int = Query(1, ge=1, le=100000), actor: Actor = Depends(current_staff),
           today: date = Depends(court_today)):
    """A judge's own open cases; a chief's division; a president's court — the most overdue first, page by page."""
    mine_only = actor.role == "judge"
    with request.app.state.db.reading() as session:
        total = service.count_cases(session, actor=actor, open_only=True, mine_only=mine_only)
        cases = service.list_cases(session, actor=actor, order="deadline", limit=DOCKET_SIZE,
                                   offset=(page - 1) * DOCKET_SIZE, open_only=True, mine_only=mine_only)
        judges = security.display_names(session, [c.judge_id for c in cases])
    rows = []
    for case in cases:
        left = rules.days_left(case.deadline_on, today)
        rows.append({"case": case, "days_left": left, "deadline_class": rules.deadline_class(left)})
    return render(request, "cases/docket.html", {"rows": rows, "judges": judges, "show_judge": actor.role != "judge",
                                                 "page": page, "pages": max(1, -(-total // DOCKET_SIZE)),
                                                 "total": total})


@router.post("/bench/cases/{case_id}/hearings")
def hold_hearing(request: Request, case_id: PathId, held_on: date = Form(...),
                 summary: Annotated[LongText, Form()] = "", present: Annotated[list[Name], Form()] = [],  # noqa: B006
                 absent: Annotated[list[Name], Form()] = [], online: bool = Form(False),  # noqa: B006
                 summoned_by_notice: bool = Form(False), actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.hold_hearing(session, actor=actor, case_id=case_id, held_on=held_on, summary=summary,
                             attendance=service.attendance_of(present, absent, online, summoned_by_notice))
    return see_other(request, f"/bench/cases/{case_id}?done=hearing")


@router.post("/bench/cases/{case_id}/reassignment")
def reassign(request: Request, case_id: PathId, judge_id: Annotated[Id, Form()],
             reason: Annotated[ShortText, Form()] = "",
             actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        judge = security.get_account(session, judge_id)
        service.reassign(session, actor=actor, case_id=case_id, judge=judge, reason=reason)
    return see_other(request, f"/bench/cases/{case_id}?done=reassigned")
