"""The JSON API of the panel and its deliberation, mirroring the bench page; the court's staff only (a party gets the
404 of a case that is not theirs)."""

from datetime import date

from fastapi import APIRouter, Depends

from omnicourt.db import Database
from omnicourt.deliberation import schemas, service
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import court_today, current_actor, get_db, get_settings

router = APIRouter(prefix="/api/v1/cases/{case_id}/deliberation", tags=["deliberation"])


def _view(db: Database, actor: Actor, case_id: int) -> schemas.ViewOut:
    with db.reading() as session:
        return schemas.view_out(service.view(session, actor=actor, case_id=case_id))


@router.get("", response_model=schemas.ViewOut)
def deliberation(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The panel, the points with every member's opinion and vote, the majority, the referral and the committee's
    decision."""
    return _view(db, actor, case_id)


@router.get("/proposals", response_model=list[schemas.ProposalOut])
def proposals(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """Points the list may start from: disputed evidence and the assistant's dispute focus."""
    with db.reading() as session:
        return [schemas.ProposalOut(label=p.label, kind=p.kind, source=p.source)
                for p in service.proposals(session, actor=actor, case_id=case_id)]


@router.put("/panel", response_model=schemas.ViewOut)
def form_panel(case_id: PathId, data: schemas.PanelIn, actor: Actor = Depends(current_actor),
               db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        service.form_panel(session, actor=actor, case_id=case_id, presiding_judge_id=data.presiding_judge_id,
                           member_ids=data.member_ids, today=today)
    return _view(db, actor, case_id)


@router.put("/points", response_model=schemas.ViewOut)
def set_points(case_id: PathId, data: schemas.PointsIn, actor: Actor = Depends(current_actor),
               db: Database = Depends(get_db), today: date = Depends(court_today)):
    points = [service.PointIn(p.label, p.kind.value, p.source) for p in data.points]
    with db.transaction() as session:
        service.set_points(session, actor=actor, case_id=case_id, points=points, today=today)
    return _view(db, actor, case_id)


@router.post("/points/{point_id}/votes", response_model=schemas.ViewOut, status_code=201)
def cast_vote(case_id: PathId, point_id: PathId, data: schemas.VoteIn, actor: Actor = Depends(current_actor),
              db: Database = Depends(get_db), settings: Settings = Depends(get_settings),
              today: date = Depends(court_today)):
    """The caller's opinion and vote on a point, once; the rapporteur speaks first and the presiding judge last."""
    with db.transaction() as session:
        service.cast_vote(session, settings, actor=actor, case_id=case_id, point_id=point_id, choice=data.choice,
                          opinion=data.opinion, today=today)
    return _view(db, actor, case_id)


@router.post("/referral", response_model=schemas.ViewOut)
def request_referral(case_id: PathId, data: schemas.ReferralIn, actor: Actor = Depends(current_actor),
                     db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        service.request_referral(session, actor=actor, case_id=case_id, grounds=data.grounds, report=data.report,
                                 today=today)
    return _view(db, actor, case_id)


@router.post("/referral/decision", response_model=schemas.ViewOut)
def decide_referral(case_id: PathId, data: schemas.ReferralDecisionIn, actor: Actor = Depends(current_actor),
                    db: Database = Depends(get_db), settings: Settings = Depends(get_settings),
                    today: date = Depends(court_today)):
    with db.transaction() as session:
        service.decide_referral(session, settings, actor=actor, case_id=case_id, refer=data.refer,
                                reason=data.reason, today=today)
    return _view(db, actor, case_id)


@router.post("/committee-decision", response_model=schemas.ViewOut)
def record_committee_decision(case_id: PathId, data: schemas.CommitteeDecisionIn,
                              actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                              settings: Settings = Depends(get_settings), today: date = Depends(court_today)):
    with db.transaction() as session:
        service.record_committee_decision(session, settings, actor=actor, case_id=case_id, held_on=data.held_on,
                                          members_present=data.members_present, decision=data.decision,
                                          today=today)
    return _view(db, actor, case_id)
