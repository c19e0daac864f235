"""The filing office's form for a procuratorate's indictment, and the criminal side of a 刑初 case on the bench:
the indictment, the procedure chosen and why, and the assistant's sentencing suggestion beside the
procuratorate's."""

from datetime import date
from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from omnicourt.criminal import rules, service
from omnicourt.dossier.service import read_uploads
from omnicourt.errors import DomainError, InvalidInput
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_staff
from omnicourt.web.pages import see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
FIELD_MAX = 200  # any one field of the form, before the service's own limits


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return str(value).strip()[:FIELD_MAX] if isinstance(value, str) else ""


def _date(form: FormData, name: str, label: str, *, required: bool = True) -> date | None:
    raw = _field(form, name)
    if not raw:
        if required:
            raise InvalidInput(f"请填写{label}", field=name)
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(f"「{label}」不是有效的日期", field=name) from None


def _decimal(form: FormData, name: str, label: str) -> Decimal | None:
    raw = _field(form, name).replace(",", "")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise InvalidInput(f"「{label}」不是有效的数字", field=name) from None
    if not value.is_finite():
        raise InvalidInput(f"「{label}」不是有效的数字", field=name)
    return value


def indictment_from_form(form: FormData) -> service.IndictmentIn:
    suggestion = None
    months = _decimal(form, "suggestion_months", "建议刑期（月）")
    if months is not None:
        suggestion = rules.ProsecutionSentence(_field(form, "suggestion_penalty") or "拘役", months,
                                               _decimal(form, "suggestion_fine", "建议罚金"),
                                               form.get("suggestion_probation") == "yes")
    counsel = None
    if _field(form, "counsel_name"):
        counsel = service.PersonIn(name=_field(form, "counsel_name"), law_firm=_field(form, "counsel_law_firm") or None,
                                   phone=_field(form, "counsel_phone") or None)
    return service.IndictmentIn(
        procuratorate=_field(form, "procuratorate"), indictment_number=_field(form, "indictment_number"),
        indicted_on=_date(form, "indicted_on", "提起公诉日期") or date.min, charge=_field(form, "charge"),
        defendant=service.PersonIn(name=_field(form, "defendant_name"), id_number=_field(form, "defendant_id_number"),
                                   address=_field(form, "defendant_address") or None),
        counsel=counsel, custody_measure=_field(form, "custody_measure"),
        custody_since=_date(form, "custody_since", "强制措施日期", required=False),
        guilty_plea=form.get("guilty_plea") == "yes", admits_facts=form.get("admits_facts") == "yes",
        consents_fast_track=form.get("consents_fast_track") == "yes",
        consents_simple=form.get("consents_simple") == "yes", suggestion=suggestion,
        exclusions=frozenset(str(e)[:40] for e in form.getlist("exclusions")[:len(rules.EXCLUSIONS)]))


def _form_context(form: FormData | None = None) -> dict:
    values = {} if form is None else {key: _field(form, key) for key in form.keys() if key != "file"}
    return {"values": values, "charges": list(rules.CHARGES), "custody": rules.CUSTODY_MEASURES,
            "exclusions": rules.EXCLUSIONS, "chosen_exclusions": [] if form is None else form.getlist("exclusions")}


@router.get("/bench/criminal/indictments/new")
def new_indictment(request: Request, actor: Actor = Depends(current_staff)):
    service.require_officer(actor)
    return render(request, "criminal/new.html", _form_context())


@router.post("/bench/criminal/indictments/new")
async def register_indictment(request: Request, actor: Actor = Depends(current_staff),
                              today: date = Depends(court_today)):
    service.require_officer(actor)
    form = await request.form()
    settings = request.app.state.settings
    try:
        data = indictment_from_form(form)
        uploads = await read_uploads([f for f in form.getlist("file") if isinstance(f, UploadFile)],
                                     max_bytes=settings.max_upload_bytes, max_files=1, field="file")
        if not uploads:
            raise InvalidInput("请上传起诉书文件", field="file")

        def submit() -> int:
            with request.app.state.db.transaction() as session:
                return service.register(session, settings, actor=actor, data=data, upload=uploads[0],
                                        today=today).id
        case_id = await run_in_threadpool(submit)
    except DomainError as error:
        context = _form_context(form) | {"flash": {"kind": "error",
                                                   "message": f"{error.message}（起诉书文件如已选择，请重新选择）"}}
        return render(request, "criminal/new.html", context, status=error.status)
    return see_other(request, f"/bench/cases/{case_id}/criminal")


@router.get("/bench/cases/{case_id}/criminal")
def criminal_case(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                  today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        view = service.view(session, actor=actor, case_id=case_id, today=today)
        analysis = None if view.assistant is None else view.assistant.to_dict()
        return render(request, "criminal/case.html", {
            "case": view.case, "indictment": view.indictment, "analysis": analysis, "minor": view.minor,
            "custody": rules.CUSTODY_MEASURES, "procedures": rules.PROCEDURE_LABELS,
            "exclusions": rules.EXCLUSIONS})
