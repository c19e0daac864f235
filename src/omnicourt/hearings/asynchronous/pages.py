"""The asynchronous trial's pages: the party's (apply, consent, answer each stage, confirm the record) and the judge's
(the conditions, open the trial and its stages, end a stage, switch to a live hearing, assemble the record), and an
answer's file for whoever may read it."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from omnicourt import clock
from omnicourt.dossier import service as dossier
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import InvalidInput
from omnicourt.hearings.asynchronous import rules, service
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.web.deps import client_address, court_now, current_actor, current_staff
from omnicourt.web.pages import done_flash, private_file, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

DONE = {
    "applied": "异步审理申请已提交，等待其他当事人表示意见。",
    "consent": "您的意见已记录。",
    "opened": "本案已适用异步审理。",
    "stage": "审理阶段已开启，已通知各方在期限内答复。",
    "answered": "答复已提交。",
    "closed": "本阶段已结束。",
    "switched": "已转为同步庭审，已完成的审理活动继续有效。",
    "record": "庭审笔录已生成并存入电子卷宗正卷，等待各方当事人在线确认。",
    "confirmed": "您已在线确认庭审笔录。",
}
LABELS = {"stages": rules.STAGE_LABELS, "statuses": rules.STATUS_LABELS, "visibility": rules.VISIBILITY_LABELS,
          "consequences": rules.DEFAULT_CONSEQUENCES}


def _page(request: Request, actor: Actor, case_id: int, now: datetime, template: str, done: str | None):
    with request.app.state.db.reading() as session:
        view = service.trial_view(session, actor=actor, case_id=case_id, now=now)
        local_now = clock.local(now)
        return render(request, template, {"view": view, "case": view.case, "labels": LABELS, "Status": rules.Status,
                                          "default_closes_at": f"{local_now.date().isoformat()}T18:00",
                                          "flash": done_flash(done, DONE)})


def _back(request: Request, prefix: str, case_id: int, done: str):
    return see_other(request, f"/{prefix}/cases/{case_id}/async-trial?done={done}")


@router.get("/portal/cases/{case_id}/async-trial")
def party_page(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_actor),
               now: datetime = Depends(court_now)):
    return _page(request, actor, case_id, now, "async_trial/party.html", done)


@router.get("/bench/cases/{case_id}/async-trial")
def bench_page(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_staff),
               now: datetime = Depends(court_now)):
    return _page(request, actor, case_id, now, "async_trial/bench.html", done)


@router.get("/cases/{case_id}/async-trial/files/{document_id}")
def answer_file(request: Request, case_id: PathId, document_id: PathId, actor: Actor = Depends(current_actor),
                now: datetime = Depends(court_now)):
    """A file or video of an answer, downloaded, for whoever may read that answer."""
    with request.app.state.db.reading() as session:
        document = service.answer_file(session, actor=actor, case_id=case_id, document_id=document_id, now=now)
        content = dossier.read(storage_of(request.app.state.settings), document)
    return private_file(content, media_type=document.content_type,
                        disposition=f"attachment; filename*=UTF-8''{quote(document.filename)}")


# ---------------------------------------------------------------- a party


@router.post("/portal/cases/{case_id}/async-trial/application")
def apply(request: Request, case_id: PathId, reason: str = Form(""), actor: Actor = Depends(current_actor),
          now: datetime = Depends(court_now)):
    with request.app.state.db.transaction() as session:
        service.apply(session, actor=actor, case_id=case_id, reason=reason, now=now)
    return _back(request, "portal", case_id, "applied")


@router.post("/portal/cases/{case_id}/async-trial/consent")
def consent(request: Request, case_id: PathId, consented: str = Form(""), actor: Actor = Depends(current_actor),
            now: datetime = Depends(court_now)):
    if consented not in ("yes", "no"):
        raise InvalidInput("请选择同意或不同意", field="consented")
    with request.app.state.db.transaction() as session:
        service.give_consent(session, actor=actor, case_id=case_id, consented=consented == "yes", now=now)
    return _back(request, "portal", case_id, "consent")


def _read(upload: UploadFile | None, max_bytes: int) -> dossier.Upload | None:
    if upload is None or not upload.filename:
        return None
    return dossier.Upload(upload.filename, upload.file.read(max_bytes + 1))


@router.post("/portal/cases/{case_id}/async-trial/stages/{stage_id}/answer")
def answer(request: Request, case_id: PathId, stage_id: PathId, text: str = Form(""),
           files: list[UploadFile] = File(default=[]), video: UploadFile | None = File(None),
           actor: Actor = Depends(current_actor), now: datetime = Depends(court_now)):
    """A plain def: reading and checking the files runs in the threadpool."""
    settings = request.app.state.settings
    chosen = [f for f in files if f.filename]
    dossier.check_file_count(len(chosen), max_files=service.MAX_ANSWER_FILES)
    given = service.AnswerIn(text, tuple(u for f in chosen if (u := _read(f, settings.max_upload_bytes))),
                             _read(video, settings.async_trial_video_max_bytes))
    with request.app.state.db.transaction() as session:
        service.answer(session, settings, actor=actor, case_id=case_id, stage_id=stage_id, given=given, now=now)
    return _back(request, "portal", case_id, "answered")


@router.post("/portal/cases/{case_id}/async-trial/confirmation")
def confirm(request: Request, case_id: PathId, password: str = Form(""), actor: Actor = Depends(current_actor),
            now: datetime = Depends(court_now)):
    with request.app.state.db.transaction() as session:
        confirmed = service.confirm_record(session, request.app.state.settings, actor=actor, case_id=case_id,
                                           password=password[:256], address=client_address(request), now=now)
    if confirmed is None:
        raise InvalidInput(service.WRONG_PASSWORD, field="password")
    return _back(request, "portal", case_id, "confirmed")


# ---------------------------------------------------------------- the judge


def _closes_at(value: str) -> datetime:
    """A datetime-local field, in the court's time."""
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=clock.zone())
    except ValueError:
        raise InvalidInput("答复截止时间应为有效的日期和时间", field="closes_at") from None


@router.post("/bench/cases/{case_id}/async-trial/opening")
def open_trial(request: Request, case_id: PathId, hardship: str = Form(""), actor: Actor = Depends(current_staff),
               now: datetime = Depends(court_now)):
    with request.app.state.db.transaction() as session:
        service.open_trial(session, actor=actor, case_id=case_id, hardship=hardship, now=now)
    return _back(request, "bench", case_id, "opened")


@router.post("/bench/cases/{case_id}/async-trial/stages")
def open_stage(request: Request, case_id: PathId, kind: str = Form(""), questions: str = Form(""),
               closes_at: str = Form(""), consequence: str = Form(""), visibility: str = Form("after_close"),
               internal_note: str = Form(""), actor: Actor = Depends(current_staff),
               now: datetime = Depends(court_now)):
    asked = questions.splitlines()[:rules.QUESTIONS_MAX + 1]
    with request.app.state.db.transaction() as session:
        service.open_stage(session, actor=actor, case_id=case_id, kind=kind, questions=asked,
                           closes_at=_closes_at(closes_at), consequence=consequence, visibility=visibility,
                           internal_note=internal_note, now=now)
    return _back(request, "bench", case_id, "stage")


@router.post("/bench/cases/{case_id}/async-trial/stages/{stage_id}/closing")
def close_stage(request: Request, case_id: PathId, stage_id: PathId, actor: Actor = Depends(current_staff),
                now: datetime = Depends(court_now)):
    with request.app.state.db.transaction() as session:
        service.close_stage(session, actor=actor, case_id=case_id, stage_id=stage_id, now=now)
    return _back(request, "bench", case_id, "closed")


@router.post("/bench/cases/{case_id}/async-trial/switch")
def switch(request: Request, case_id: PathId, reason: str = Form(""), actor: Actor = Depends(current_staff),
           now: datetime = Depends(court_now)):
    with request.app.state.db.transaction() as session:
        service.switch_to_live(session, actor=actor, case_id=case_id, reason=reason, now=now)
    return _back(request, "bench", case_id, "switched")


@router.post("/bench/cases/{case_id}/async-trial/record")
def record(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
           now: datetime = Depends(court_now)):
    with request.app.state.db.transaction() as session:
        service.assemble_record(session, request.app.state.settings, actor=actor, case_id=case_id, now=now)
    return _back(request, "bench", case_id, "record")
