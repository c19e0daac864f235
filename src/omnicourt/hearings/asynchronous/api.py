"""The JSON API of the asynchronous trial, mirroring the party's and the judge's trial pages."""

from datetime import datetime

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from omnicourt.db import Database
from omnicourt.dossier.service import Upload
from omnicourt.errors import InvalidInput
from omnicourt.hearings.asynchronous import schemas, service
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.web.deps import client_address, court_now, current_actor, get_db

router = APIRouter(prefix="/api/v1/cases/{case_id}/async-trial", tags=["async-trial"])


def _view(db: Database, actor: Actor, case_id: int, now: datetime) -> schemas.TrialOut:
    with db.reading() as session:
        return schemas.trial_out(service.trial_view(session, actor=actor, case_id=case_id, now=now),
                                 staff=actor.is_staff)


@router.get("", response_model=schemas.TrialOut)
def trial(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
          now: datetime = Depends(court_now)):
    """The trial as the caller may see it: another party's answers once the stage lets them, the judge's notes for
    court staff only; before an application, the conditions not yet met (for staff)."""
    return _view(db, actor, case_id, now)


@router.post("/application", response_model=schemas.TrialOut, status_code=201)
def apply(case_id: PathId, data: schemas.ApplicationIn, actor: Actor = Depends(current_actor),
          db: Database = Depends(get_db), now: datetime = Depends(court_now)):
    with db.transaction() as session:
        service.apply(session, actor=actor, case_id=case_id, reason=data.reason, now=now)
    return _view(db, actor, case_id, now)


@router.put("/consent", response_model=schemas.TrialOut)
def consent(case_id: PathId, data: schemas.ConsentIn, actor: Actor = Depends(current_actor),
            db: Database = Depends(get_db), now: datetime = Depends(court_now)):
    with db.transaction() as session:
        service.give_consent(session, actor=actor, case_id=case_id, consented=data.consented, now=now)
    return _view(db, actor, case_id, now)


@router.post("/opening", response_model=schemas.TrialOut)
def open_trial(case_id: PathId, data: schemas.OpenIn, actor: Actor = Depends(current_actor),
               db: Database = Depends(get_db), now: datetime = Depends(court_now)):
    """The assigned judge opens the trial; refused (409) with every condition of art. 20(2) not met."""
    with db.transaction() as session:
        service.open_trial(session, actor=actor, case_id=case_id, hardship=data.hardship, now=now)
    return _view(db, actor, case_id, now)


@router.post("/stages", response_model=schemas.TrialOut, status_code=201)
def open_stage(case_id: PathId, data: schemas.StageIn, actor: Actor = Depends(current_actor),
               db: Database = Depends(get_db), now: datetime = Depends(court_now)):
    with db.transaction() as session:
        service.open_stage(session, actor=actor, case_id=case_id, kind=data.kind.value, questions=data.questions,
                           closes_at=data.closes_at, consequence=data.consequence, visibility=data.visibility.value,
                           internal_note=data.internal_note, now=now)
    return _view(db, actor, case_id, now)


@router.post("/stages/{stage_id}/closing", response_model=schemas.TrialOut)
def close_stage(case_id: PathId, stage_id: PathId, actor: Actor = Depends(current_actor),
                db: Database = Depends(get_db), now: datetime = Depends(court_now)):
    with db.transaction() as session:
        service.close_stage(session, actor=actor, case_id=case_id, stage_id=stage_id, now=now)
    return _view(db, actor, case_id, now)


def _read(upload: UploadFile | None, max_bytes: int) -> Upload | None:
    return Upload(upload.filename, upload.file.read(max_bytes + 1)) if upload is not None and upload.filename else None


@router.post("/stages/{stage_id}/answers", response_model=schemas.TrialOut, status_code=201)
def answer(case_id: PathId, stage_id: PathId, request: Request, text: str = Form(""),
           files: list[UploadFile] = File(default=[]), video: UploadFile | None = File(None),
           actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
           now: datetime = Depends(court_now)):
    """A party's answer (multipart: text, files, one self-recorded video); a plain def: checking files runs in the
    threadpool."""
    settings = request.app.state.settings
    chosen = [f for f in files if f.filename]
    if len(chosen) > service.MAX_ANSWER_FILES:
        raise InvalidInput(f"一次最多提交{service.MAX_ANSWER_FILES}个文件", field="files")
    given = service.AnswerIn(text, tuple(u for f in chosen if (u := _read(f, settings.max_upload_bytes))),
                             _read(video, settings.async_trial_video_max_bytes))
    with db.transaction() as session:
        service.answer(session, settings, actor=actor, case_id=case_id, stage_id=stage_id, given=given, now=now)
    return _view(db, actor, case_id, now)


@router.post("/switch", response_model=schemas.TrialOut)
def switch(case_id: PathId, data: schemas.SwitchIn, actor: Actor = Depends(current_actor),
           db: Database = Depends(get_db), now: datetime = Depends(court_now)):
    """Switch to a live hearing (在线诉讼规则 art. 21), keeping what was done."""
    with db.transaction() as session:
        service.switch_to_live(session, actor=actor, case_id=case_id, reason=data.reason, now=now)
    return _view(db, actor, case_id, now)


@router.post("/record", response_model=schemas.TrialOut, status_code=201)
def record(case_id: PathId, request: Request, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
           now: datetime = Depends(court_now)):
    """The record of the whole trial, a PDF in the main volume (kind 庭审笔录)."""
    with db.transaction() as session:
        service.assemble_record(session, request.app.state.settings, actor=actor, case_id=case_id, now=now)
    return _view(db, actor, case_id, now)


@router.post("/record/confirmations", response_model=schemas.TrialOut, status_code=201)
def confirm(case_id: PathId, data: schemas.ConfirmationIn, request: Request, actor: Actor = Depends(current_actor),
            db: Database = Depends(get_db), now: datetime = Depends(court_now)):
    """A party confirms the record with its password; a wrong one is counted as a failed sign-in, then refused."""
    with db.transaction() as session:
        confirmed = service.confirm_record(session, request.app.state.settings, actor=actor, case_id=case_id,
                                           password=data.password, address=client_address(request), now=now)
    if confirmed is None:
        raise InvalidInput(service.WRONG_PASSWORD, field="password")
    return _view(db, actor, case_id, now)
