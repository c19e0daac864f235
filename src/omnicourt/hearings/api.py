"""The JSON API of hearings, mirroring the pages: scheduling, postponing, approving, holding; a case's hearings, a
party's own, the calendars, the public announcements and a court's rooms."""

from datetime import date

from fastapi import APIRouter, Depends, Query, Request

from omnicourt.db import Database
from omnicourt.delivery import sending
from omnicourt.hearings import schemas, service
from omnicourt.limits import Id, PathId
from omnicourt.queue import Queue
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code
from omnicourt.web.deps import court_today, current_actor, get_db, get_queue

router = APIRouter(prefix="/api/v1", tags=["hearings"])


@router.post("/hearings", response_model=schemas.ScheduledOut, status_code=201)
def schedule(request: Request, body: schemas.ScheduleBody, actor: Actor = Depends(current_actor),
             db: Database = Depends(get_db), queue: Queue = Depends(get_queue), today: date = Depends(court_today)):
    """Schedule a hearing or pre-trial meeting: a 409 names any clash; the summonses are filed and delivered."""
    with db.transaction() as session:
        booked = service.schedule(session, request.app.state.settings, actor=actor, case_id=body.case_id,
                                  data=body.data(), today=today)
        hearing_id = booked.hearing.id
    sending.queue_sending(queue, booked.delivery_ids)
    with db.reading() as session:
        view = service.one(session, actor=actor, hearing_id=hearing_id)
        return schemas.ScheduledOut(hearing=schemas.hearing_out(view), deliveries=booked.delivery_ids)


@router.get("/hearings", response_model=list[schemas.HearingOut])
def mine(actor: Actor = Depends(current_actor), db: Database = Depends(get_db), today: date = Depends(court_today)):
    """From today on: a party's (or its lawyer's) hearings; a judge's or clerk's own seat."""
    with db.reading() as session:
        return [schemas.hearing_out(v) for v in service.mine(session, actor=actor, today=today)]


@router.get("/hearings/calendar", response_model=schemas.CalendarOut)
def calendar(view: str = Query("week", max_length=8), day: date | None = None, judge_id: Id | None = None,
             courtroom_id: Id | None = None, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
             today: date = Depends(court_today)):
    """A judge's (by default the caller's own) or a room's hearings for a day or a week: the court's staff."""
    with db.reading() as session:
        found = service.calendar(session, actor=actor, first_day=day or today, view=view, judge_id=judge_id,
                                 courtroom_id=courtroom_id)
        return schemas.CalendarOut(title=found.title, view=found.view, days=[
            schemas.CalendarDayOut(day=d, hearings=[schemas.hearing_out(v) for v in views]) for d, views in found.days])


@router.get("/hearings/{hearing_id}", response_model=schemas.HearingOut)
def one(hearing_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """One hearing, for whoever may see its case (another party: 404)."""
    with db.reading() as session:
        return schemas.hearing_out(service.one(session, actor=actor, hearing_id=hearing_id))


@router.post("/hearings/{hearing_id}/postponements", response_model=schemas.PostponementOut, status_code=201)
def postpone(request: Request, hearing_id: PathId, body: schemas.PostponeBody, actor: Actor = Depends(current_actor),
             db: Database = Depends(get_db), queue: Queue = Depends(get_queue), today: date = Depends(court_today)):
    """Postpone (延期开庭): in effect at once, or on "other" grounds pending the president's approval."""
    with db.transaction() as session:
        postponement, booked = service.postpone(session, request.app.state.settings, actor=actor,
                                                hearing_id=hearing_id, data=body.data(), today=today)
        out = schemas.PostponementOut(id=postponement.id, hearing_id=postponement.hearing_id,
                                      status=postponement.status, ground=postponement.ground)
    if booked:
        sending.queue_sending(queue, booked.delivery_ids)
        with db.reading() as session:
            out.next_hearing = schemas.hearing_out(service.one(session, actor=actor, hearing_id=booked.hearing.id))
    return out


@router.post("/hearings/postponements/{postponement_id}/decision", response_model=schemas.PostponementOut)
def decide(request: Request, postponement_id: PathId, body: schemas.DecisionBody,
           actor: Actor = Depends(current_actor), db: Database = Depends(get_db), queue: Queue = Depends(get_queue),
           today: date = Depends(court_today)):
    """The president approves or refuses a postponement on "other" grounds."""
    with db.transaction() as session:
        postponement, booked = service.decide_postponement(session, request.app.state.settings, actor=actor,
                                                           postponement_id=postponement_id, approve=body.approve,
                                                           today=today)
        out = schemas.PostponementOut(id=postponement.id, hearing_id=postponement.hearing_id,
                                      status=postponement.status, ground=postponement.ground)
    if booked:
        sending.queue_sending(queue, booked.delivery_ids)
    return out


@router.post("/hearings/{hearing_id}/held", response_model=schemas.HearingOut)
def hold(hearing_id: PathId, body: schemas.HoldBody, actor: Actor = Depends(current_actor),
         db: Database = Depends(get_db), today: date = Depends(court_today)):
    """The hearing held, with who attended (the case's timeline records it as 开庭审理)."""
    with db.transaction() as session:
        service.hold(session, actor=actor, hearing_id=hearing_id, present_party_ids=body.present_party_ids,
                     summary=body.summary, today=today)
    with db.reading() as session:
        return schemas.hearing_out(service.one(session, actor=actor, hearing_id=hearing_id))


@router.get("/cases/{case_id}/scheduled-hearings", response_model=list[schemas.HearingOut])
def for_case(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """A case's hearings, postponed ones too, for whoever may see the case (another party: 404)."""
    with db.reading() as session:
        return [schemas.hearing_out(v) for v in service.for_case(session, actor=actor, case_id=case_id)]


@router.get("/hearing-announcements", response_model=list[schemas.AnnouncementOut])
def announcements(court: Code = "", db: Database = Depends(get_db), today: date = Depends(court_today)):
    """开庭公告 of the coming two weeks, for anyone: case number, cause, parties' names, time and place."""
    with db.reading() as session:
        return [schemas.AnnouncementOut(**vars(a)) for a in service.announcements(session, today=today,
                                                                                   court_code=court)]


@router.get("/courtrooms", response_model=list[schemas.CourtroomOut])
def courtrooms(court: Code, db: Database = Depends(get_db)):
    """The rooms of a court (by its 法院代字), as reference data."""
    with db.reading() as session:
        found = reference.courtrooms_of(session, reference.court_by_code(session, court).id)
        return [schemas.CourtroomOut(id=r.id, code=r.code, name=r.name, seats=r.seats) for r in found]
