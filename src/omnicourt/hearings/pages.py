"""The hearing pages: the bench's (a case's hearings with scheduling, postponing and holding; the judge's and the
room's calendars, printable; the president's postponements to approve), a party's (its case's hearings on the case
page, its own hearings), and the public announcements (开庭公告), open without signing in."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request

from omnicourt.delivery import sending
from omnicourt.hearings import rules, service
from omnicourt.limits import Id, PathId
from omnicourt.queue import Queue
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code, ShortText
from omnicourt.web.deps import court_today, current_actor, current_staff, get_queue
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

DONE = {
    "scheduled": "庭审已排期，传票与出庭通知书已存入电子卷宗并电子送达。",
    "postponed": "已延期开庭，新的传票已送达。",
    "requested": "延期申请已提交，待院长审批。",
    "held": "开庭已记录，案件进程已更新。",
    "approved": "已批准延期开庭，新的传票已送达。",
    "refused": "已不予批准，原定庭审不变。",
}
LABELS = {"kinds": rules.KIND_LABELS, "modes": rules.MODE_LABELS, "statuses": rules.STATUS_LABELS,
          "roles": rules.PARTICIPANT_ROLES, "grounds": rules.GROUND_LABELS}


# ---------------------------------------------------------------- the court


@router.get("/bench/cases/{case_id}/hearings")
def bench_page(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_staff),
               today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        page = service.case_page(session, actor=actor, case_id=case_id)
        return render(request, "hearings/bench.html", {"page": page, "case": page.case, "today": today,
                                                        "earliest": rules.earliest_trial_day(today), "labels": LABELS,
                                                        "flash": done_flash(done, DONE)})


@router.post("/bench/cases/{case_id}/hearings/schedule")
def schedule(request: Request, case_id: PathId, starts_on: date = Form(...), starts_time: time = Form(...),
             minutes: int = Form(120, ge=1, le=1440), kind: Annotated[Code, Form()] = "trial",
             mode: Annotated[Code, Form()] = "in_person", courtroom_id: Annotated[Id | None, Form()] = None,
             judge_ids: Annotated[list[Id], Form(max_length=15)] = [],  # noqa: B006
             clerk_id: Annotated[Id | None, Form()] = None, public: str = Form(""),
             actor: Actor = Depends(current_staff), queue: Queue = Depends(get_queue),
             today: date = Depends(court_today)):
    data = service.ScheduleIn(kind, mode, courtroom_id, starts_on, starts_time, minutes, tuple(judge_ids),
                              clerk_id or 0, public == "yes")
    with request.app.state.db.transaction() as session:
        booked = service.schedule(session, request.app.state.settings, actor=actor, case_id=case_id, data=data,
                                  today=today)
    sending.queue_sending(queue, booked.delivery_ids)
    return see_other(request, f"/bench/cases/{case_id}/hearings?done=scheduled")


@router.post("/bench/hearings/{hearing_id}/postponement")
def postpone(request: Request, hearing_id: PathId, ground: Annotated[Code, Form()] = "",
             reason: Annotated[ShortText, Form()] = "", next_on: date = Form(...), next_time: time = Form(...),
             minutes: int = Form(120, ge=1, le=1440), force_majeure: str = Form(""), parties_agree: str = Form(""),
             actor: Actor = Depends(current_staff), queue: Queue = Depends(get_queue),
             today: date = Depends(court_today)):
    data = service.PostponeIn(ground, reason, next_on, next_time, minutes, force_majeure == "yes",
                              parties_agree == "yes")
    with request.app.state.db.transaction() as session:
        postponement, booked = service.postpone(session, request.app.state.settings, actor=actor,
                                                hearing_id=hearing_id, data=data, today=today)
        case_id = postponement.case_id
    if booked:
        sending.queue_sending(queue, booked.delivery_ids)
    return see_other(request, f"/bench/cases/{case_id}/hearings?done={'postponed' if booked else 'requested'}")


@router.post("/bench/hearings/{hearing_id}/held")
def hold(request: Request, hearing_id: PathId, present: Annotated[list[Id], Form(max_length=100)] = [],  # noqa: B006
         summary: Annotated[ShortText, Form()] = "", actor: Actor = Depends(current_staff),
         today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        hearing = service.hold(session, actor=actor, hearing_id=hearing_id, present_party_ids=present,
                               summary=summary, today=today)
        case_id = hearing.case_id
    return see_other(request, f"/bench/cases/{case_id}/hearings?done=held")


@router.get("/bench/hearings/postponements")
def postponements(request: Request, done: str | None = None, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        waiting = service.waiting_postponements(session, actor=actor)
        return render(request, "hearings/postponements.html", {"waiting": waiting, "labels": LABELS,
                                                                "flash": done_flash(done, DONE)})


@router.post("/bench/hearings/postponements/{postponement_id}/decision")
def decide(request: Request, postponement_id: PathId, approve: str = Form(""), actor: Actor = Depends(current_staff),
           queue: Queue = Depends(get_queue), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        _, booked = service.decide_postponement(session, request.app.state.settings, actor=actor,
                                                postponement_id=postponement_id, approve=approve == "yes",
                                                today=today)
    if booked:
        sending.queue_sending(queue, booked.delivery_ids)
    return see_other(request, f"/bench/hearings/postponements?done={'approved' if booked else 'refused'}")


@router.get("/bench/calendar")
def calendar(request: Request, view: str = Query("week", max_length=8), day: date | None = None,
             judge_id: Id | None = None, courtroom_id: Id | None = None, actor: Actor = Depends(current_staff),
             today: date = Depends(court_today)):
    """A judge's (by default one's own) or a room's day or week, printable."""
    with request.app.state.db.reading() as session:
        found = service.calendar(session, actor=actor, first_day=day or today, view=view, judge_id=judge_id,
                                 courtroom_id=courtroom_id)
        rooms = reference.courtrooms_of(session, actor.court_id) if actor.court_id else ()
        step = timedelta(days=1 if found.view == "day" else 7)
        return render(request, "hearings/calendar.html", {
            "calendar": found, "rooms": rooms, "today": today, "labels": LABELS, "judge_id": judge_id,
            "courtroom_id": courtroom_id, "step": step.days, "previous": found.first_day - step,
            "following": found.first_day + step})


# ---------------------------------------------------------------- parties and the public


@router.get("/portal/cases/{case_id}/hearings")
def party_case_hearings(request: Request, case_id: PathId, actor: Actor = Depends(current_actor)):
    """The case page's section: the case's hearings (a case not the party's: 404)."""
    with request.app.state.db.reading() as session:
        views = service.for_case(session, actor=actor, case_id=case_id)
        return render(request, "hearings/_case_hearings.html", {"views": views, "labels": LABELS})


@router.get("/portal/hearings")
def my_hearings(request: Request, actor: Actor = Depends(current_actor), today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        views = service.mine(session, actor=actor, today=today)
        return render(request, "hearings/mine.html", {"views": views, "labels": LABELS})


@router.get("/hearing-announcements")
def announcements(request: Request, court: Code = "", today: date = Depends(court_today)):
    """开庭公告, for anyone: no sign-in."""
    with request.app.state.db.reading() as session:
        found = service.announcements(session, today=today, court_code=court)
        courts = reference.list_courts(session)
        return render(request, "hearings/announcements.html", {"announcements": found, "courts": courts,
                                                                "court": court})
