"""The JSON API of one-time codes and online hearings, mirroring the online hearing page."""

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from omnicourt.db import Database
from omnicourt.hearings.online import service
from omnicourt.limits import PathId
from omnicourt.security import one_time_codes
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import court_now, current_actor, get_db, get_settings

router = APIRouter(tags=["online-hearings"])
ONLINE = "/api/v1/hearings/{hearing_id}/online"
Id = Field(ge=1, le=2**62)


class CodeIn(BaseModel):
    purpose: Literal["online_hearing", "record_signature"]


class CodeOut(BaseModel):
    code_id: int
    expires_at: datetime


class VerifyIn(BaseModel):
    code_id: int = Id
    code: str = Field(min_length=1, max_length=12)


class ProofOut(BaseModel):
    proof_id: int
    expires_at: datetime


class ProofIn(BaseModel):
    proof_id: int = Id


class JoinedOut(BaseModel):
    link: str
    late_minutes: int


class MarkIn(BaseModel):
    participant_id: int = Id
    status: Literal["absent", "departed"]
    valid_reason: bool = False
    note: str = Field("", max_length=500)


class RecordIn(BaseModel):
    text: str = Field(max_length=service.RECORD_MAX)


class RefusalIn(BaseModel):
    participant_id: int = Id
    note: str = Field(max_length=500)


class ProposalOut(BaseModel):
    conduct: str
    measure: str
    basis: str


class AttendanceOut(BaseModel):
    participant_id: int
    role: str
    name: str
    status: str
    joined_at: datetime | None
    left_at: datetime | None
    late_minutes: int
    proposal: ProposalOut | None


class RecordOut(BaseModel):
    hearing_id: int
    status: str
    text: str
    version: int
    updated_at: datetime | None
    text_sha256: str
    signed: list[str]
    refused: list[str]
    document_id: int | None


@router.post("/api/v1/one-time-codes", response_model=CodeOut, status_code=201)
def issue_code(data: CodeIn, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
               now: datetime = Depends(court_now),
        settings: Settings = Depends(get_settings)):
    """Text a 6-digit code to the account's phone (valid 5 minutes; at most 5 codes in 15 minutes)."""
    with db.transaction() as session:
        row = one_time_codes.issue(session, settings, account_id=actor.id, purpose=data.purpose, now=now)
        return CodeOut(code_id=row.id, expires_at=row.expires_at)


@router.post("/api/v1/one-time-codes/verification", response_model=ProofOut)
def verify_code(data: VerifyIn, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                now: datetime = Depends(court_now)):
    """A right code gives a proof (10 minutes, single use) that joining or signing requires; a wrong try counts."""
    with db.transaction() as session:
        row = one_time_codes.verify(session, account_id=actor.id, code_id=data.code_id, code=data.code, now=now)
        refusal = one_time_codes.refused(row)
        proof = ProofOut(proof_id=row.id, expires_at=row.proof_expires_at) if refusal is None else None
    if refusal is not None:
        raise refusal
    return proof


def _record(db: Database, actor: Actor, hearing_id: int) -> RecordOut:
    with db.reading() as session:
        view = service.record_view(session, actor=actor, hearing_id=hearing_id)
    return RecordOut(hearing_id=view.hearing_id, status=view.status, text=view.text, version=view.version,
                     updated_at=view.updated_at, text_sha256=view.text_sha256, signed=view.signed,
                     refused=view.refused, document_id=view.document_id)


@router.post(f"{ONLINE}/join", response_model=JoinedOut)
def join(hearing_id: PathId, data: ProofIn, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
         now: datetime = Depends(court_now),
        settings: Settings = Depends(get_settings)):
    with db.transaction() as session:
        joined = service.join(session, settings, actor=actor, hearing_id=hearing_id, proof_id=data.proof_id,
                              now=now)
    return JoinedOut(link=joined.link, late_minutes=joined.late_minutes)


@router.post(f"{ONLINE}/leave", status_code=204)
def leave(hearing_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
          now: datetime = Depends(court_now)):
    with db.transaction() as session:
        service.leave(session, actor=actor, hearing_id=hearing_id, now=now)


@router.get(f"{ONLINE}/attendance", response_model=list[AttendanceOut])
def attendance(hearing_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """Everyone's attendance; the art. 25 proposals for the bench and the clerk only."""
    with db.reading() as session:
        lines = service.attendance(session, actor=actor, hearing_id=hearing_id)
    return [AttendanceOut(participant_id=x.participant_id, role=x.role, name=x.name, status=x.status.value,
                          joined_at=x.joined_at, left_at=x.left_at, late_minutes=x.late_minutes,
                          proposal=ProposalOut(conduct=x.proposal.conduct, measure=x.proposal.measure,
                                               basis=x.proposal.basis) if x.proposal else None) for x in lines]


@router.post(f"{ONLINE}/marks", response_model=list[AttendanceOut])
def mark(hearing_id: PathId, data: MarkIn, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
         now: datetime = Depends(court_now)):
    with db.transaction() as session:
        service.mark(session, actor=actor, hearing_id=hearing_id, participant_id=data.participant_id,
                     status=data.status, valid_reason=data.valid_reason, note=data.note, now=now)
    return attendance(hearing_id, actor, db)


@router.get(f"{ONLINE}/record", response_model=RecordOut)
def record(hearing_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    return _record(db, actor, hearing_id)


@router.put(f"{ONLINE}/record", response_model=RecordOut)
def write_record(hearing_id: PathId, data: RecordIn, actor: Actor = Depends(current_actor),
                 db: Database = Depends(get_db), now: datetime = Depends(court_now)):
    with db.transaction() as session:
        service.write_record(session, actor=actor, hearing_id=hearing_id, text=data.text, now=now)
    return _record(db, actor, hearing_id)


@router.post(f"{ONLINE}/record/closing", response_model=RecordOut)
def close_record(hearing_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                 now: datetime = Depends(court_now),
        settings: Settings = Depends(get_settings)):
    with db.transaction() as session:
        service.close_record(session, settings, actor=actor, hearing_id=hearing_id, now=now)
    return _record(db, actor, hearing_id)


@router.post(f"{ONLINE}/record/signatures", response_model=RecordOut)
def sign_record(hearing_id: PathId, data: ProofIn, actor: Actor = Depends(current_actor),
                db: Database = Depends(get_db), now: datetime = Depends(court_now),
        settings: Settings = Depends(get_settings)):
    with db.transaction() as session:
        service.sign_record(session, settings, actor=actor, hearing_id=hearing_id, proof_id=data.proof_id,
                            now=now)
    return _record(db, actor, hearing_id)


@router.post(f"{ONLINE}/record/refusals", response_model=RecordOut)
def note_refusal(hearing_id: PathId, data: RefusalIn, actor: Actor = Depends(current_actor),
                 db: Database = Depends(get_db), now: datetime = Depends(court_now),
        settings: Settings = Depends(get_settings)):
    with db.transaction() as session:
        service.note_refusal(session, settings, actor=actor, hearing_id=hearing_id,
                             participant_id=data.participant_id, note=data.note, now=now)
    return _record(db, actor, hearing_id)
