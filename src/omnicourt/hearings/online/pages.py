"""The online hearing's page, one for every participant: re-verify with a texted code and join; the attendance (with
the art. 25 proposals for the bench and the clerk); the live record, written by the clerk and polled by the others
every few seconds; signing it after a new code, or the clerk's note of a refusal."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Form, Request

from omnicourt.errors import InvalidInput
from omnicourt.hearings import rules as hearing_rules
from omnicourt.hearings.online import rules, service
from omnicourt.limits import PathId
from omnicourt.security import one_time_codes
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_now, current_actor
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE = "/hearings/{hearing_id}/online"
DONE = {
    "code": "验证码已发送至您登记的手机，5分钟内有效。",
    "left": "您已离开在线庭审。",
    "marked": "到庭情况已记录。",
    "saved": "庭审笔录已保存，各方页面将自动更新。",
    "closed": "庭审笔录已闭合，等待到庭的当事人、代理人在线签名。",
    "signed": "您已在线签名。",
    "refusal": "已记明拒绝签名的情况。",
}
LABELS = {"roles": hearing_rules.PARTICIPANT_ROLES, "attendance": rules.ATTENDANCE_LABELS}


def _context(request: Request, actor: Actor, hearing_id: int) -> dict:
    with request.app.state.db.reading() as session:
        return {"hearing_id": hearing_id, "labels": LABELS,
                "lines": service.attendance(session, actor=actor, hearing_id=hearing_id),
                "record": service.record_view(session, actor=actor, hearing_id=hearing_id),
                "court": actor.is_staff}


def _page(request: Request, actor: Actor, hearing_id: int, **extra):
    return render(request, "online_hearing/hearing.html", _context(request, actor, hearing_id) | extra)


@router.get(PAGE)
def hearing_page(request: Request, hearing_id: PathId, done: str | None = None, code_id: int | None = None,
                 purpose: str = "", actor: Actor = Depends(current_actor)):
    return _page(request, actor, hearing_id, flash=done_flash(done, DONE), code_id=code_id,
                 purpose=purpose if purpose in one_time_codes.PURPOSES else "")


@router.get(f"{PAGE}/record")
def record_fragment(request: Request, hearing_id: PathId, actor: Actor = Depends(current_actor)):
    """The record as it stands: what the parties' page polls."""
    with request.app.state.db.reading() as session:
        record = service.record_view(session, actor=actor, hearing_id=hearing_id)
    return render(request, "online_hearing/_record.html", {"record": record, "hearing_id": hearing_id})


@router.post(f"{PAGE}/code")
def send_code(request: Request, hearing_id: PathId, purpose: str = Form(""), actor: Actor = Depends(current_actor),
              now: datetime = Depends(court_now)):
    with request.app.state.db.reading() as session:
        service.record_view(session, actor=actor, hearing_id=hearing_id)  # a participant only
    with request.app.state.db.transaction() as session:
        row = one_time_codes.issue(session, request.app.state.settings, account_id=actor.id, purpose=purpose,
                                   now=now)
    return see_other(request, f"/hearings/{hearing_id}/online?done=code&code_id={row.id}&purpose={purpose}")


def _proof(request: Request, actor: Actor, code_id: str, code: str, now: datetime) -> int:
    if not code_id.isdigit() or len(code_id) > 18:
        raise InvalidInput("请先获取验证码", field="code")
    with request.app.state.db.transaction() as session:
        row = one_time_codes.verify(session, account_id=actor.id, code_id=int(code_id), code=code[:12], now=now)
        refusal, proof_id = one_time_codes.refused(row), row.id
    if refusal is not None:
        raise refusal
    return proof_id


@router.post(f"{PAGE}/join")
def join(request: Request, hearing_id: PathId, code_id: str = Form(""), code: str = Form(""),
         actor: Actor = Depends(current_actor), now: datetime = Depends(court_now)):
    proof_id = _proof(request, actor, code_id, code, now)
    with request.app.state.db.transaction() as session:
        joined = service.join(session, request.app.state.settings, actor=actor, hearing_id=hearing_id,
                              proof_id=proof_id, now=now)
    return _page(request, actor, hearing_id, joined=joined, flash=None, code_id=None, purpose="")


@router.post(f"{PAGE}/leave")
def leave(request: Request, hearing_id: PathId, actor: Actor = Depends(current_actor),
          now: datetime = Depends(court_now)):
    with request.app.state.db.transaction() as session:
        service.leave(session, actor=actor, hearing_id=hearing_id, now=now)
    return see_other(request, f"/hearings/{hearing_id}/online?done=left")


@router.post(f"{PAGE}/marks")
def mark(request: Request, hearing_id: PathId, participant_id: str = Form(""), status: str = Form(""),
         valid_reason: str = Form(""), note: str = Form(""), actor: Actor = Depends(current_actor),
         now: datetime = Depends(court_now)):
    if not participant_id.isdigit() or len(participant_id) > 18:
        raise InvalidInput("请选择参加人", field="participant_id")
    with request.app.state.db.transaction() as session:
        service.mark(session, actor=actor, hearing_id=hearing_id, participant_id=int(participant_id), status=status,
                     valid_reason=valid_reason == "yes", note=note, now=now)
    return see_other(request, f"/hearings/{hearing_id}/online?done=marked")


@router.post(f"{PAGE}/record")
def write_record(request: Request, hearing_id: PathId, text: str = Form(""), actor: Actor = Depends(current_actor),
                 now: datetime = Depends(court_now)):
    with request.app.state.db.transaction() as session:
        service.write_record(session, actor=actor, hearing_id=hearing_id, text=text, now=now)
    return see_other(request, f"/hearings/{hearing_id}/online?done=saved")


@router.post(f"{PAGE}/record/closing")
def close_record(request: Request, hearing_id: PathId, actor: Actor = Depends(current_actor),
                 now: datetime = Depends(court_now)):
    with request.app.state.db.transaction() as session:
        service.close_record(session, request.app.state.settings, actor=actor, hearing_id=hearing_id, now=now)
    return see_other(request, f"/hearings/{hearing_id}/online?done=closed")


@router.post(f"{PAGE}/record/signature")
def sign_record(request: Request, hearing_id: PathId, code_id: str = Form(""), code: str = Form(""),
                actor: Actor = Depends(current_actor), now: datetime = Depends(court_now)):
    proof_id = _proof(request, actor, code_id, code, now)
    with request.app.state.db.transaction() as session:
        service.sign_record(session, request.app.state.settings, actor=actor, hearing_id=hearing_id,
                            proof_id=proof_id, now=now)
    return see_other(request, f"/hearings/{hearing_id}/online?done=signed")


@router.post(f"{PAGE}/record/refusals")
def note_refusal(request: Request, hearing_id: PathId, participant_id: str = Form(""), note: str = Form(""),
                 actor: Actor = Depends(current_actor), now: datetime = Depends(court_now)):
    if not participant_id.isdigit() or len(participant_id) > 18:
        raise InvalidInput("请选择参加人", field="participant_id")
    with request.app.state.db.transaction() as session:
        service.note_refusal(session, request.app.state.settings, actor=actor, hearing_id=hearing_id,
                             participant_id=int(participant_id), note=note, now=now)
    return see_other(request, f"/hearings/{hearing_id}/online?done=refusal")
