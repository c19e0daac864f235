"""The JSON API of joint sessions (多案联审), mirroring the pages: group, schedule, hold, the batch with each case's
assistant figures, and one case's judgment draft. The court's staff only; a party gets the one 404."""

from datetime import date

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from omnicourt.assistant import pipeline
from omnicourt.db import Database
from omnicourt.delivery import sending
from omnicourt.hearings import schemas as hearing_schemas
from omnicourt.hearings.joint import rules, service
from omnicourt.limits import Id, PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_actor, get_db, get_queue

router = APIRouter(prefix="/api/v1", tags=["hearings"])


class GroupBody(BaseModel):
    case_ids: list[Id] = Field(min_length=rules.MIN_CASES, max_length=rules.MAX_CASES,
                               description="the cases in the order the judge takes them")


class CaseRowOut(BaseModel):
    case_id: int
    case_number: str
    defendants: str
    elements: dict[str, object]
    award: list
    amounts_missing: str
    draft_id: int | None


class JointOut(BaseModel):
    id: int
    status: str
    plaintiff: str
    hearing_id: int | None
    cases: list[CaseRowOut]


class DraftOut(BaseModel):
    document_id: int
    case_id: int
    status: str


def _out(joint, rows) -> JointOut:
    return JointOut(id=joint.id, status=joint.status, plaintiff=joint.plaintiff_name, hearing_id=joint.hearing_id,
                    cases=[CaseRowOut(
                        case_id=r.case.id, case_number=r.case.case_number, defendants=r.defendants,
                        elements={e.field: e.value for e in r.view.elements} if r.view else {},
                        award=pipeline.jsonable(r.view.award) if r.view else [],
                        amounts_missing=r.view.amounts_missing if r.view else "",
                        draft_id=r.draft.id if r.draft else None) for r in rows])


def _read(db: Database, actor: Actor, joint_id: int) -> JointOut:
    with db.reading() as session:
        return _out(*service.screen(session, actor=actor, joint_id=joint_id))


@router.post("/joint-sessions", response_model=JointOut, status_code=201)
def group(body: GroupBody, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """Group cases of one plaintiff and one cause that the caller conducts; a refusal names the failing case."""
    with db.transaction() as session:
        joint_id = service.group(session, actor=actor, case_ids=body.case_ids).id
    return _read(db, actor, joint_id)


@router.get("/joint-sessions/{joint_id}", response_model=JointOut)
def one(joint_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The batch: per case the assistant's elements and award lines, and its judgment draft."""
    return _read(db, actor, joint_id)


@router.post("/joint-sessions/{joint_id}/hearing", response_model=JointOut)
def schedule(request: Request, joint_id: PathId, body: hearing_schemas.ScheduleBody,
             actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
             queue: Queue = Depends(get_queue), today: date = Depends(court_today)):
    """One sitting for the batch (body as for one hearing; case_id: any case of the batch); one summons each."""
    with db.transaction() as session:
        done = service.schedule(session, request.app.state.settings, actor=actor, joint_id=joint_id,
                                data=body.data(), today=today)
    sending.queue_sending(queue, done.delivery_ids)
    return _read(db, actor, joint_id)


@router.post("/joint-sessions/{joint_id}/held", response_model=JointOut)
def hold(joint_id: PathId, body: hearing_schemas.HoldBody, actor: Actor = Depends(current_actor),
         db: Database = Depends(get_db), today: date = Depends(court_today)):
    """The sitting held once for all: attendance (party ids of any case of the batch) and each case's record."""
    with db.transaction() as session:
        service.hold(session, actor=actor, joint_id=joint_id, present_party_ids=body.present_party_ids,
                     summary=body.summary, today=today)
    return _read(db, actor, joint_id)


@router.post("/joint-sessions/{joint_id}/cases/{case_id}/draft", response_model=DraftOut, status_code=201)
def draft(joint_id: PathId, case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
          today: date = Depends(court_today)):
    """The judgment draft of one case of the held batch (judgments/service.generate)."""
    with db.transaction() as session:
        document = service.generate_draft(session, actor=actor, joint_id=joint_id, case_id=case_id, today=today)
        return DraftOut(document_id=document.id, case_id=document.case_id, status=document.status)
