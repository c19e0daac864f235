"""The judge's document page of a case: choose the kind, generate a draft from the record, see its sections, download
.docx (to edit) or PDF (to deliver). Parties never reach it: a public account gets the 404 the service gives."""

from datetime import date
from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, Depends, Request

from omnicourt.cases import service as cases
from omnicourt.errors import InvalidInput
from omnicourt.judgments import rules, service
from omnicourt.limits import MAX_ID, PathId
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_actor
from omnicourt.web.pages import see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE = "/bench/cases/{case_id}/judgment-documents"
MAX_FIELD = 32


@router.get(PAGE)
def documents_page(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                   today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        documents = service.documents_of(session, actor=actor, case_id=case_id)
        case = cases.get_case(session, actor=actor, case_id=case_id, with_parties_and_claims=True)
        courts = [c for c in reference.list_courts(session) if c.id != case.court_id]
        return render(request, "judgments/documents.html", {
            "case": case, "documents": documents, "today": today, "courts": courts,
            "kinds": rules.KIND_LABELS, "ruling_kinds": rules.RULING_LABELS})


@router.post(PAGE)
async def generate(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                   today: date = Depends(court_today)):
    form = await request.form()
    text = {name: str(form.get(name) or "").strip()[:MAX_FIELD] for name in
            ("kind", "ruling_kind", "preserved_amount", "transfer_to_court_id", "document_date")}
    awards = {}
    for name, value in form.multi_items():
        if name.startswith("award_") and isinstance(value, str) and value.strip():
            awards[_number(name.removeprefix("award_"), "awards")] = _amount(value, "awards")
    data = service.GenerateIn(
        kind=text["kind"], ruling_kind=text["ruling_kind"] or None, awards=awards,
        preserved_amount=_amount(text["preserved_amount"], "preserved_amount") if text["preserved_amount"] else None,
        transfer_to_court_id=_number(text["transfer_to_court_id"], "transfer_to_court_id")
        if text["transfer_to_court_id"] else None)
    document_date = _date(text["document_date"]) if text["document_date"] else today
    with request.app.state.db.transaction() as session:
        document = service.generate(session, actor=actor, case_id=case_id, data=data, document_date=document_date)
    return see_other(request, f"{PAGE.format(case_id=case_id)}/{document.id}")


@router.get(PAGE + "/{document_id}")
def document_page(request: Request, case_id: PathId, document_id: PathId, actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        view = service.document(session, actor=actor, case_id=case_id, document_id=document_id)
        return render(request, "judgments/document.html", {
            "view": view, "case_id": case_id, "gaps": service.gaps_of(view),
            "api": f"/api/v1/cases/{case_id}/judgment-documents/{document_id}"})


def _amount(value: str, field: str) -> Decimal:
    try:
        amount = Decimal(value.strip()[:MAX_FIELD])
    except InvalidOperation:
        raise InvalidInput("金额格式不正确", field=field) from None
    if not amount.is_finite() or amount < 0 or amount > Decimal("1e13"):
        raise InvalidInput("金额应为不小于0的数字", field=field)
    return amount.quantize(Decimal("0.01"))


def _number(value: str, field: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
        raise InvalidInput("编号不正确", field=field)
    return int(value)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("文书日期格式不正确", field="document_date") from None
