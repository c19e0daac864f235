"""The evidence pages: the party's (submit a list with files, see the other side's submitted items, give opinions)
and the judge's (set the period and the time limit, see every item with its opinions, record findings), and the
summary both case pages load."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile  # what request.form() holds (FastAPI's is a subclass)

from omnicourt.cases import permissions
from omnicourt.dossier import service as dossier
from omnicourt.errors import InvalidInput
from omnicourt.evidence import rules, schemas, service
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Name
from omnicourt.web.deps import court_today, current_actor, current_staff
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

DONE = {
    "submitted": "证据清单已提交，清单与附件已存入电子卷宗。",
    "draft": "草稿已保存（附件请在提交时选择）。",
    "opinion": "质证意见已提交。",
    "period": "举证期限已指定。",
    "extension": "举证期限已延长。",
    "limit": "在线质证期限已指定。",
    "hearing": "当庭质证意见已记录。",
    "finding": "认证意见已记录。",
    "record": "质证记录已生成并存入电子卷宗正卷。",
    "consent": "您对在线异步质证的意见已记录。",
}
LABELS = {"sides": rules.SIDE_LABELS, "stances": rules.STANCE_LABELS, "aspects": rules.ASPECT_LABELS,
          "modes": rules.MODE_LABELS, "findings": rules.FINDING_LABELS, "bases": rules.BASIS_LABELS}


def _page(request: Request, actor: Actor, case_id: int, today: date, template: str, done: str | None):
    """Rendered inside the read: the lists' items and opinions load as the template walks them."""
    with request.app.state.db.reading() as session:
        view = service.exchange(session, actor=actor, case_id=case_id)
        period = view.period
        context = {"view": view, "case": view.case, "period": period, "today": today, "labels": LABELS,
                   "draft": service.draft_of(session, actor=actor, case_id=case_id) if not actor.is_staff else None,
                   "late_now": rules.is_late(today, period.ends_on if period else None),
                   "online_open": rules.online_open(due_on=period.cross_examination_due_on if period else None,
                                                    today=today),
                   "may_conduct": permissions.may_conduct(actor, view.case),
                   "consents": service.consent_lines(session, view.case),
                   "may_find": actor.role == "judge" and view.case.judge_id == actor.id,
                   "case_sides": [s for s in rules.EXAMINATION_ORDER if any(p.role == s for p in view.case.parties)],
                   "flash": done_flash(done, DONE)}
        return render(request, template, context)


@router.get("/portal/cases/{case_id}/evidence")
def party_page(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_actor),
               today: date = Depends(court_today)):
    return _page(request, actor, case_id, today, "evidence/party.html", done)


@router.get("/bench/cases/{case_id}/evidence")
def bench_page(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_staff),
               today: date = Depends(court_today)):
    return _page(request, actor, case_id, today, "evidence/bench.html", done)


def _summary(request: Request, actor: Actor, case_id: int, today: date, prefix: str):
    with request.app.state.db.reading() as session:
        view = service.exchange(session, actor=actor, case_id=case_id)
        return render(request, "evidence/_summary.html", {"view": view, "period": view.period, "today": today,
                                                           "prefix": prefix, "labels": LABELS})


@router.get("/portal/cases/{case_id}/evidence/summary")
def party_summary(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                  today: date = Depends(court_today)):
    return _summary(request, actor, case_id, today, "/portal")


@router.get("/bench/cases/{case_id}/evidence/summary")
def bench_summary(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                  today: date = Depends(court_today)):
    return _summary(request, actor, case_id, today, "/bench")


# ---------------------------------------------------------------- a party


@router.post("/portal/cases/{case_id}/evidence")
async def submit(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                 today: date = Depends(court_today)):
    """One form, two buttons: keep the draft (text) or submit the list with its files."""
    form = await request.form()
    texts = {field: [str(v) for v in form.getlist(field) if isinstance(v, str)]
             for field in ("item_name", "item_source", "item_purpose")}
    max_bytes = request.app.state.settings.max_upload_bytes
    # one file input per row: an empty one still sends its part (an empty name, or a plain field), keeping rows aligned
    parts = form.getlist("item_file")
    chosen = [f if isinstance(f, UploadFile) and f.filename else None for f in parts]
    dossier.check_file_count(sum(1 for f in chosen if f))
    files = [dossier.Upload(f.filename or "", await f.read(max_bytes + 1)) if f else None for f in chosen]
    items = schemas.items_from_rows(texts["item_name"], texts["item_source"], texts["item_purpose"], files)
    late_explanation = str(form.get("late_explanation") or "")
    action = "draft" if form.get("action") == "draft" else "submitted"
    await run_in_threadpool(_submit, request, actor, case_id, items, late_explanation, action, today)
    return see_other(request, f"/portal/cases/{case_id}/evidence?done={action}")


def _submit(request: Request, actor: Actor, case_id: int, items: list[service.ItemIn], late_explanation: str,
            action: str, today: date) -> None:
    """Checking each file is heavy: in the threadpool."""
    with request.app.state.db.transaction() as session:
        if action == "draft":
            service.save_draft(session, actor=actor, case_id=case_id,
                               items=[service.ItemIn(i.name, i.source, i.purpose) for i in items])
        else:
            service.submit_list(session, request.app.state.settings, actor=actor, case_id=case_id, items=items,
                                late_explanation=late_explanation, today=today)


@router.post("/portal/cases/{case_id}/evidence/items/{item_id}/opinion")
def give_opinion(request: Request, case_id: PathId, item_id: PathId, authenticity: str = Form(""),
                 legality: str = Form(""), relevance: str = Form(""), reasons: str = Form(""),
                 actor: Actor = Depends(current_actor), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.give_opinion(session, actor=actor, case_id=case_id, item_id=item_id, today=today,
                             opinion=service.OpinionIn(authenticity, legality, relevance, reasons))
    return see_other(request, f"/portal/cases/{case_id}/evidence?done=opinion")


@router.post("/portal/cases/{case_id}/evidence/online-consent")
def online_consent(request: Request, case_id: PathId, consented: str = Form(""),
                   actor: Actor = Depends(current_actor)):
    if consented not in ("yes", "no"):
        raise InvalidInput("请选择同意或不同意在线异步质证", field="consented")
    with request.app.state.db.transaction() as session:
        service.give_online_consent(session, actor=actor, case_id=case_id, consented=consented == "yes")
    return see_other(request, f"/portal/cases/{case_id}/evidence?done=consent")


# ---------------------------------------------------------------- the court


@router.post("/bench/cases/{case_id}/evidence/period")
def set_period(request: Request, case_id: PathId, served_on: date = Form(...), ends_on: date = Form(...),
               agreed: str = Form(""), actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.set_period(session, actor=actor, case_id=case_id, served_on=served_on, ends_on=ends_on,
                           agreed=agreed == "yes", today=today)
    return see_other(request, f"/bench/cases/{case_id}/evidence?done=period")


@router.post("/bench/cases/{case_id}/evidence/period/extension")
def extend_period(request: Request, case_id: PathId, applicant: Annotated[Name, Form()], applied_on: date = Form(...),
                  ends_on: date = Form(...), actor: Actor = Depends(current_staff),
                  today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.extend_period(session, actor=actor, case_id=case_id, applied_on=applied_on, applicant=applicant,
                              ends_on=ends_on, today=today)
    return see_other(request, f"/bench/cases/{case_id}/evidence?done=extension")


@router.post("/bench/cases/{case_id}/evidence/limit")
def set_limit(request: Request, case_id: PathId, due_on: date = Form(...), actor: Actor = Depends(current_staff),
              today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.set_cross_examination_limit(session, actor=actor, case_id=case_id, due_on=due_on, today=today)
    return see_other(request, f"/bench/cases/{case_id}/evidence?done=limit")


@router.post("/bench/cases/{case_id}/evidence/items/{item_id}/hearing-opinion")
def record_hearing_opinion(request: Request, case_id: PathId, item_id: PathId, side: str = Form(""),
                           given_on: date = Form(...), authenticity: str = Form(""), legality: str = Form(""),
                           relevance: str = Form(""), reasons: str = Form(""), actor: Actor = Depends(current_staff),
                           today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.record_hearing_opinion(session, actor=actor, case_id=case_id, item_id=item_id, side=side,
                                       given_on=given_on, today=today,
                                       opinion=service.OpinionIn(authenticity, legality, relevance, reasons))
    return see_other(request, f"/bench/cases/{case_id}/evidence?done=hearing")


@router.post("/bench/cases/{case_id}/evidence/items/{item_id}/finding")
def record_finding(request: Request, case_id: PathId, item_id: PathId, finding: str = Form(""),
                   public_reason: str = Form(""), internal_reason: str = Form(""),
                   actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.record_finding(session, actor=actor, case_id=case_id, item_id=item_id, finding=finding,
                               public_reason=public_reason, internal_reason=internal_reason, today=today)
    return see_other(request, f"/bench/cases/{case_id}/evidence?done=finding")


@router.post("/bench/cases/{case_id}/evidence/record")
def write_record(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                 today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.write_record(session, request.app.state.settings, actor=actor, case_id=case_id, today=today)
    return see_other(request, f"/bench/cases/{case_id}/evidence?done=record")
