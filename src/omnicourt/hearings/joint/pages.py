"""The joint session pages, for the judge and the court's staff only: the judge's batches with a form grouping open
cases, and the joint screen (schedule the sitting, record it held once for all, then per case the assistant's
elements and amounts side by side and a button generating that case's judgment draft, back on the same screen)."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request

from omnicourt.cases import service as cases
from omnicourt.delivery import sending
from omnicourt.hearings import rules as hearing_rules
from omnicourt.hearings import service as hearings
from omnicourt.hearings.joint import service
from omnicourt.limits import Id, PathId
from omnicourt.queue import Queue
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code, ShortText
from omnicourt.web.deps import court_today, current_staff, get_queue
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

DONE = {
    "grouped": "联审批次已建立。",
    "scheduled": "联合开庭已排期，每位当事人的传票（列明其全部案件）已存入各案电子卷宗并电子送达。",
    "held": "联合开庭已记录，各案的开庭笔录已分别记入案件进程。",
    "drafted": "判决书草稿已生成。",
}


@router.get("/bench/joint-sessions")
def index(request: Request, done: str | None = None, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        batches = service.mine(session, actor=actor)
        open_cases = cases.list_cases(session, actor=actor, open_only=True, mine_only=True, limit=200) \
            if actor.role == "judge" else []
        return render(request, "joint/index.html", {"batches": batches, "open_cases": open_cases,
                                                    "statuses": service.STATUS_LABELS,
                                                    "flash": done_flash(done, DONE)})


@router.post("/bench/joint-sessions")
def group(request: Request, case_ids: Annotated[list[Id], Form(max_length=60)] = [],  # noqa: B006
          actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        joint_id = service.group(session, actor=actor, case_ids=case_ids).id
    return see_other(request, f"/bench/joint-sessions/{joint_id}?done=grouped")


@router.get("/bench/joint-sessions/{joint_id}")
def screen(request: Request, joint_id: PathId, done: str | None = None, actor: Actor = Depends(current_staff),
           today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        joint, rows = service.screen(session, actor=actor, joint_id=joint_id)
        hearing = hearings.one(session, actor=actor, hearing_id=joint.hearing_id) if joint.hearing_id else None
        lead = rows[0].case
        clerks = security.staff_of(session, court_id=lead.court_id, roles=("clerk",))
        return render(request, "joint/screen.html", {
            "joint": joint, "rows": rows, "hearing": hearing, "today": today,
            "rooms": reference.courtrooms_of(session, lead.court_id), "clerks": clerks,
            "earliest": hearing_rules.earliest_trial_day(today), "statuses": service.STATUS_LABELS,
            "modes": hearing_rules.MODE_LABELS, "roles": hearing_rules.PARTICIPANT_ROLES,
            "flash": done_flash(done, DONE)})


@router.post("/bench/joint-sessions/{joint_id}/schedule")
def schedule(request: Request, joint_id: PathId, starts_on: date = Form(...), starts_time: time = Form(...),
             minutes: int = Form(120, ge=1, le=1440), mode: Annotated[Code, Form()] = "in_person",
             courtroom_id: Annotated[Id | None, Form()] = None, clerk_id: Annotated[Id | None, Form()] = None,
             public: str = Form(""), actor: Actor = Depends(current_staff), queue: Queue = Depends(get_queue),
             today: date = Depends(court_today)):
    data = hearings.ScheduleIn("trial", mode, courtroom_id, starts_on, starts_time, minutes, (actor.id,),
                               clerk_id or 0, public == "yes")
    with request.app.state.db.transaction() as session:
        done = service.schedule(session, request.app.state.settings, actor=actor, joint_id=joint_id, data=data,
                                today=today)
    sending.queue_sending(queue, done.delivery_ids)
    return see_other(request, f"/bench/joint-sessions/{joint_id}?done=scheduled")


@router.post("/bench/joint-sessions/{joint_id}/held")
def hold(request: Request, joint_id: PathId,
         present: Annotated[list[Id], Form(max_length=300)] = [],  # noqa: B006
         summary: Annotated[ShortText, Form()] = "", actor: Actor = Depends(current_staff),
         today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.hold(session, actor=actor, joint_id=joint_id, present_party_ids=present, summary=summary,
                     today=today)
    return see_other(request, f"/bench/joint-sessions/{joint_id}?done=held")


@router.post("/bench/joint-sessions/{joint_id}/cases/{case_id}/draft")
def draft(request: Request, joint_id: PathId, case_id: PathId, actor: Actor = Depends(current_staff),
          today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.generate_draft(session, actor=actor, joint_id=joint_id, case_id=case_id, today=today)
    return see_other(request, f"/bench/joint-sessions/{joint_id}?done=drafted#case-{case_id}")
