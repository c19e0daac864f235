"""Online filing pages: the party's one-door filing form and applications; the filing officer's queue."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, Depends, Form, Request
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from omnicourt.cases import service as cases
from omnicourt.dossier import service as dossier
from omnicourt.dossier.service import Upload
from omnicourt.errors import Conflict, DomainError, InvalidInput
from omnicourt.filing import batches, bulk, rules, service
from omnicourt.filing.elements import cells as sheet_cells
from omnicourt.filing.elements import rows as sheet_rows
from omnicourt.filing.intake import read_sheet_upload, read_uploads, start_bulk_filing, submit_once
from omnicourt.filing.models import FilingApplication
from omnicourt.filing.schemas import REFUSAL_REASON_LIMIT, FilingIn
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.textcheck import form_text, invalid_input
from omnicourt.web.deps import court_today, current_actor, current_public, current_staff, get_queue
from omnicourt.web.pages import see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

PARTY_FIELDS = ("role", "party_type", "name", "id_number", "uscc", "legal_representative", "address", "phone")
CIRCUMSTANCE_LABELS = {"foreign": "涉外或涉港澳台", "appraisal": "需要鉴定、评估",
                       "whereabouts_unknown": "被告下落不明", "public_interest": "公益诉讼"}
URGENT_DAYS = 1  # the decision clock turns red with one day or less left

# ---------------------------------------------------------------- the filing form


def court_groups(session: Session) -> list[tuple[str, list]]:
    """Every court of the province, grouped by city in the order of the court table."""
    groups = defaultdict(list)
    for court in reference.list_courts(session):
        groups[court.city].append(court)
    return list(groups.items())


def cause_groups(session: Session) -> list[tuple[str, list[tuple[str, str]]]]:
    """Causes under their 第X部分 heading, indented by level (level 1 is the heading itself)."""
    causes = reference.list_causes(session)
    parts = {c.code: c.name for c in causes if c.level == 1}
    groups = defaultdict(list)
    for cause in causes:
        if cause.level > 1:
            groups[parts[cause.code.split(".")[0]]].append((cause.code, "　" * (cause.level - 2) + cause.name))
    return list(groups.items())


def blank_state(actor: Actor) -> dict:
    """A new filing: the signed-in party as the first plaintiff (a lawyer: as the agent), one defendant
    and one claim to fill."""
    me = {"role": "plaintiff", "party_type": "legal" if actor.person_type_is_legal else "natural",
          "name": actor.display_name, "id_number": actor.id_number, "uscc": actor.uscc}
    parties = [me, {"role": "defendant", "party_type": "natural"}]
    if actor.role == "lawyer":
        me |= {"role": "agent", "party_type": "natural", "uscc": None}
        parties = [{"role": "plaintiff", "party_type": "natural"}, parties[1], me]
    return {"parties": parties, "claims": [{}], "circumstances": [], "delivery_address": None}


def application_state(application: FilingApplication, court_code: str) -> dict:
    """What the party filed, to correct it."""
    return {"court_code": court_code, "cause_code": application.cause_code, "parties": application.parties,
            "claims": application.claims, "facts_and_reasons": application.facts_and_reasons,
            "circumstances": application.circumstances, "delivery_address": application.delivery_address}


def form_rows(form: FormData, names: tuple[str, ...]) -> list[dict[str, str]]:
    """The repeated rows of a form (one value per field per row), stripped."""
    columns = [form.getlist(name) for name in names]
    if len({len(column) for column in columns}) > 1:
        raise InvalidInput("表单数据不完整，请刷新页面后重试", field=names[0])
    return [dict(zip(names, (str(v).strip() for v in row), strict=True)) for row in zip(*columns, strict=True)]


def submitted_state(form: FormData) -> dict:
    """The form as typed: kept whole so a refused submission comes back with nothing lost."""
    parties = [{field: row[f"party_{field}"] for field in PARTY_FIELDS}
               for row in form_rows(form, tuple(f"party_{field}" for field in PARTY_FIELDS))]
    claims = [{"description": row["claim_description"], "amount": row["amount"]}
              for row in form_rows(form, ("claim_description", "amount"))]
    return {"court_code": str(form.get("court_code") or ""), "cause_code": str(form.get("cause_code") or ""),
            "parties": [p for p in parties if p["name"] or p["id_number"] or p["uscc"]],
            "claims": [c for c in claims if c["description"] or c["amount"]],
            "facts_and_reasons": str(form.get("facts_and_reasons") or ""),
            "circumstances": [str(c) for c in form.getlist("circumstances")],
            "delivery_address": submitted_address(form)}


def submitted_address(form: FormData) -> dict | None:
    """The address confirmation section: consent yes or no (unanswered: none given), the e-mail and mobile."""
    consent = str(form.get("delivery_consent") or "")
    if consent not in ("yes", "no"):
        return None
    return {"consented": consent == "yes", "email": str(form.get("delivery_email") or "").strip(),
            "mobile": str(form.get("delivery_mobile") or "").strip()}


def claim_amount(index: int, text: str) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise InvalidInput(f"第{index + 1}项诉讼请求金额应为数字，例如 12000.00",
                           field=f"claims[{index}].amount") from None


def party_fields(party: dict) -> dict:
    return {field: party[field] if field in PARTY_FIELDS[:3] else party.get(field) or None
            for field in PARTY_FIELDS}


def filing_in(state: dict) -> FilingIn:
    """The form as the API's schema, checked by the same rules (textcheck) as the API's body."""
    amounts = [claim_amount(i, c["amount"]) for i, c in enumerate(state["claims"])]
    try:
        return FilingIn.model_validate({
            "court_code": state["court_code"], "cause_code": state["cause_code"],
            "parties": [party_fields(p) for p in state["parties"]],
            "claims": [{"description": c["description"], "amount": amount}
                       for c, amount in zip(state["claims"], amounts, strict=True)],
            "facts_and_reasons": state["facts_and_reasons"], "circumstances": state["circumstances"],
            "delivery_address": state.get("delivery_address")})
    except ValidationError as error:
        raise invalid_input(error) from None


async def attachments(request: Request, form: FormData, *, max_files: int = dossier.MAX_FILES) -> list[Upload]:
    chosen = [f for f in form.getlist("attachments") if isinstance(f, UploadFile)]
    return await read_uploads(chosen, request.app.state.settings, max_files=max_files)


def render_form(request: Request, state: dict, *, action: str, correcting: FilingApplication | None = None,
                error: DomainError | None = None, idempotency_key: str | None = None):
    """The form; a new filing carries a key of its own, so that submitting it twice (a double click, a resent
    page) files it once."""
    with request.app.state.db.reading() as session:
        context = {"state": state, "action": action, "correcting": correcting, "courts": court_groups(session),
                   "causes": cause_groups(session), "circumstance_labels": CIRCUMSTANCE_LABELS,
                   "idempotency_key": None if correcting else idempotency_key or uuid.uuid4().hex}
    if error:
        context["flash"] = {"kind": "error", "message": f"{error.message}（附件如已选择，请重新选择）"}
    return render(request, "filing/form.html", context, status=error.status if error else 200)


@router.get("/portal/filings/new")
def new_filing(request: Request, actor: Actor = Depends(current_public)):
    return render_form(request, blank_state(actor), action="/portal/filings/new")


@router.post("/portal/filings/new")
async def submit_filing(request: Request, actor: Actor = Depends(current_public), today: date = Depends(court_today)):
    form = await request.form()
    state = submitted_state(form)
    key = str(form.get("idempotency_key") or "") or None
    try:
        data, uploads = filing_in(state), await attachments(request, form)
        application = await run_in_threadpool(submit_once, request.app.state.db, request.app.state.settings,
                                              actor=actor, key=key, data=data, uploads=uploads, today=today)
    except DomainError as error:
        return render_form(request, state, action="/portal/filings/new", error=error, idempotency_key=key)
    return see_other(request, f"/portal/filings?submitted={application['id']}")


def correctable(request: Request, actor: Actor, application_id: int) -> tuple[FilingApplication, str]:
    with request.app.state.db.reading() as session:
        application = service.get_application(session, actor=actor, application_id=application_id)
        court_code = names(session)[0][application.court_id].code
    if application.status != "needs_correction":
        raise Conflict(f"该申请当前状态为「{rules.STATUS_LABELS[application.status]}」，不需要补正")
    return application, court_code


@router.get("/portal/filings/{application_id}/correct")
def correction_form(request: Request, application_id: PathId, actor: Actor = Depends(current_public)):
    application, court_code = correctable(request, actor, application_id)
    return render_form(request, application_state(application, court_code), correcting=application,
                       action=f"/portal/filings/{application_id}/correct")


def correct_with_uploads(request: Request, actor: Actor, application_id: int, data: FilingIn,
                         uploads: list[Upload], today: date) -> None:
    """Correct in one transaction; run in the threadpool, as opening each upload to check it is heavy work."""
    with request.app.state.db.transaction() as session:
        service.correct(session, request.app.state.settings, actor=actor, application_id=application_id,
                        data=data, uploads=uploads, today=today)


@router.post("/portal/filings/{application_id}/correct")
async def submit_correction(request: Request, application_id: PathId, actor: Actor = Depends(current_public),
                            today: date = Depends(court_today)):
    application, _ = correctable(request, actor, application_id)
    form = await request.form()
    state = submitted_state(form)
    try:
        data, uploads = filing_in(state), await attachments(request, form)
        await run_in_threadpool(correct_with_uploads, request, actor, application_id, data, uploads, today)
    except DomainError as error:
        return render_form(request, state, action=f"/portal/filings/{application_id}/correct",
                           correcting=application, error=error)
    return see_other(request, f"/portal/filings?corrected={application_id}")

# ---------------------------------------------------------------- element sheets (要素式起诉) of loan cases

SHEET_SECTIONS = {"court_code": "受理法院", "reference": "受理法院", "lender": "原告（贷款人）", "borrower": "借款人",
                  "guarantor": "保证人", "collateral": "抵押物", "claim": "诉讼请求（金额暂计至计算截止日）"}
SHEET_CHOICES = {"yes_no": ("是", "否"), "day_count": ("360", "365"), "method": sheet_cells.REPAYMENT_METHODS,
                 "kind": tuple(sheet_cells.GUARANTEE_KINDS)}


def sheet_sections() -> list[tuple[str, list[sheet_cells.Column]]]:
    """The sheet's columns under their headings, in sheet order: one heading per party slot."""
    sections: dict[str, list] = {}
    for column in sheet_cells.SHEET_COLUMNS:
        parts = column.key.split(".")
        title = SHEET_SECTIONS.get(parts[0], "借款合同与履行情况")
        if len(parts) == 3:
            title += parts[1] if parts[0] == "borrower" and parts[1] == "1" else f"{parts[1]}（选填）"
        sections.setdefault(title, []).append(column)
    return list(sections.items())


def render_sheet_form(request: Request, cells: dict[str, str], errors: Sequence[sheet_cells.CellError] = (),
                      status: int = 200):
    by_column = defaultdict(list)
    for error in errors:
        by_column[error.column].append(error.message)
    flash = None
    if errors:
        flash = {"kind": "error", "message": f"要素表有{len(errors)}处需要修改，请按各栏提示核对后再提交。"}
    # Optional slots stay folded (the form is long on a phone) unless something was typed in them.
    sections = [{"title": title, "columns": columns, "optional": title.endswith("（选填）"),
                 "open": any(cells.get(c.key) or by_column.get(c.key) for c in columns)}
                for title, columns in sheet_sections()]
    return render(request, "filing/element_sheet.html", {
        "sections": sections, "cells": cells, "errors": by_column, "row_errors": by_column.get("", []),
        "choices": SHEET_CHOICES, "flash": flash}, status=status)


@router.get("/portal/filings/element-sheet")
def element_sheet_form(request: Request, actor: Actor = Depends(current_public)):
    """One loan case by element sheet; a company's account is the lender."""
    cells = {"lender.name": actor.display_name, "lender.uscc": actor.uscc or ""} if actor.person_type_is_legal else {}
    return render_sheet_form(request, cells)


@router.post("/portal/filings/element-sheet")
async def submit_element_sheet(request: Request, actor: Actor = Depends(current_public),
                               today: date = Depends(court_today)):
    form = await request.form()
    cells = {key: str(form.get(key) or "").strip() for key in sheet_cells.COLUMNS_BY_KEY}
    checked = sheet_rows.check_row(cells, today=today)
    if isinstance(checked, list):
        return render_sheet_form(request, cells, checked, status=422)
    try:
        uploads = await attachments(request, form)
        application = await run_in_threadpool(file_one_sheet, request, actor, checked, uploads, today)
    except DomainError as error:
        return render_sheet_form(request, cells, [bulk.cell_error(error)], status=error.status)
    return see_other(request, f"/portal/filings?submitted={application.id}")


def file_one_sheet(request: Request, actor: Actor, checked: sheet_rows.CheckedSheet, uploads: list[Upload],
                   today: date):
    """Checking the attachments is heavy: in the threadpool."""
    with request.app.state.db.transaction() as session:
        return bulk.file_sheet(session, request.app.state.settings, actor=actor, row=checked, today=today,
                               uploads=uploads)


@router.get("/portal/filings/element-sheets")
def bulk_upload_form(request: Request, actor: Actor = Depends(current_public)):
    return render(request, "filing/element_sheets.html", {"max_rows": sheet_rows.MAX_ROWS})


@router.post("/portal/filings/element-sheets")
async def bulk_upload(request: Request, actor: Actor = Depends(current_public), queue: Queue = Depends(get_queue),
                      today: date = Depends(court_today)):
    """Check and store an uploaded .xlsx sheet, start filing its rows in the background, and go to the page that
    shows how far it has come; what refuses the whole upload is shown here at once."""
    form = await request.form()
    upload = form.get("file")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InvalidInput("请选择要上传的要素表（.xlsx）", field="file")
        rows = await read_sheet_upload(upload, request.app.state.settings)
        uploads = await attachments(request, form, max_files=bulk.MAX_ATTACHMENTS)
        batch_id = await run_in_threadpool(start_bulk_filing, request.app.state.db, queue,
                                           request.app.state.settings, actor, rows, uploads, today)
    except DomainError as error:
        return render(request, "filing/element_sheets.html", {
            "max_rows": sheet_rows.MAX_ROWS, "flash": {"kind": "error", "message": error.message}},
            status=error.status)
    return see_other(request, f"/portal/filings/element-sheets/batches/{batch_id}")


@router.get("/portal/filings/element-sheets/batches/{batch_id}")
def bulk_batch(request: Request, batch_id: PathId, actor: Actor = Depends(current_actor)):
    """The filing of an uploaded sheet: rows decided so far while the job runs (the block refreshes itself), then
    the report."""
    with request.app.state.db.reading() as session:
        batch = batches.status(session, actor=actor, batch_id=batch_id)
    template = "filing/_batch.html" if request.headers.get("HX-Request") else "filing/batch.html"
    return render(request, template, {"batch": batch})

# ---------------------------------------------------------------- the party's applications


def names(session: Session) -> tuple[dict, dict[str, str]]:
    """Courts by id and cause names by code, to show applications."""
    return ({c.id: c for c in reference.list_courts(session)},
            {c.code: c.name for c in reference.list_causes(session)})


def outcome_flash(submitted: int | None, corrected: int | None) -> dict | None:
    if submitted:
        return {"kind": "ok", "message": f"立案申请（编号{submitted}）已提交，法院将在七日内决定是否立案。"}
    if corrected:
        return {"kind": "ok", "message": f"补正材料（申请编号{corrected}）已提交，审查期限自次日起重新计算。"}
    return None


@router.get("/portal/filings")
def my_filings(request: Request, submitted: int | None = None, corrected: int | None = None,
               actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        applications = service.mine(session, actor=actor)
        courts, causes = names(session)
        numbers = {c.id: c.case_number for c in cases.list_cases(session, actor=actor, limit=200)}
        attachments = dossier.for_filings(session, [a.id for a in applications])
    return render(request, "filing/mine.html", {
        "applications": applications, "courts": courts, "causes": causes, "case_numbers": numbers,
        "attachments": attachments,
        "flash": outcome_flash(submitted, corrected)})

# ---------------------------------------------------------------- the filing officer's queue


def clock(application: FilingApplication, today: date) -> dict:
    left = rules.days_left(application.decision_due_on, today)
    return {"due_on": application.decision_due_on, "days_left": left, "urgent": left <= URGENT_DAYS}


@router.get("/bench/filings")
def filing_queue(request: Request, actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        applications = service.queue(session, actor=actor)
        courts, causes = names(session)
    rows = [{"application": a, "clock": clock(a, today)} for a in applications]
    return render(request, "filing/queue.html", {"rows": rows, "causes": causes,
                                                 "court": courts.get(actor.court_id)})


@router.get("/bench/filings/{application_id}")
def review(request: Request, application_id: PathId, actor: Actor = Depends(current_staff),
           today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        application = service.get_application(session, actor=actor, application_id=application_id)
        courts, causes = names(session)
        documents = dossier.for_filing(session, application.id)
        applicant = security.get_account(session, application.applicant_id)
    return render(request, "filing/review.html", {
        "application": application, "court": courts[application.court_id], "cause_name":
        causes.get(application.cause_code, application.cause_code), "documents": documents,
        "applicant": applicant, "clock": clock(application, today),
        "may_decide": actor.role == "filing_officer", "circumstance_labels": CIRCUMSTANCE_LABELS})


@router.post("/bench/filings/{application_id}/acceptance")
def accept(request: Request, application_id: PathId, actor: Actor = Depends(current_staff),
           today: date = Depends(court_today), queue: Queue = Depends(get_queue)):
    with request.app.state.db.transaction() as session:
        case = service.accept(session, request.app.state.settings, actor=actor, application_id=application_id,
                              today=today, queue=queue)
    return see_other(request, f"/bench/cases/{case.id}")


@router.post("/bench/filings/{application_id}/correction-request")
def request_correction(request: Request, application_id: PathId, items: str = Form(""),
                       actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.request_correction(session, actor=actor, application_id=application_id, items=form_text(
            items, field="items", label="补正事项", max_length=5000, multiline=True).splitlines())
    return see_other(request, f"/bench/filings/{application_id}")


@router.post("/bench/filings/{application_id}/refusal")
def refuse(request: Request, application_id: PathId, reason: str = Form(""), actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.refuse(session, actor=actor, application_id=application_id,
                       reason=form_text(reason, field="reason", label="不予受理理由", max_length=REFUSAL_REASON_LIMIT,
                                        multiline=True))
    return see_other(request, f"/bench/filings/{application_id}")
