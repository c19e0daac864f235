"""The enforcement pages: the calculators (four small forms over the calculators the CLI and the API use; the result
appears under the form that was sent), a party's application against its case, the filing officer's queue, and the
enforcement case's freezes, seizures and detentions."""

from datetime import date

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from omnicourt.cases import service as cases
from omnicourt.delivery.service import is_the_account
from omnicourt.enforcement import auctions, calculators, inquiry, payments, rules, sanctions, service
from omnicourt.enforcement.calculators import TEXT
from omnicourt.enforcement.schemas import ApplicationIn, ListingIn, MeasureIn, PaymentIn
from omnicourt.errors import DomainError, InvalidInput
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.textcheck import form_text, invalid_input
from omnicourt.web.deps import court_today, current_public, current_staff, get_queue
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

CALCULATORS = ("enforcement_fee", "preservation_fee", "double_interest", "auction")


def _compute(calc: str, form: dict) -> dict:
    if calc == "enforcement_fee":
        return calculators.enforcement_fee(form["amount"])
    if calc == "preservation_fee":
        return calculators.preservation_fee(form["amount"])
    if calc == "double_interest":
        return calculators.double_interest(form["amount"], form["from"], form["to"])
    return calculators.auction(form["reference_price"], form["kind"], form["round"], form["previous_start"] or None)


@router.get("/calculators/enforcement")
def enforcement_calculators(request: Request, calc: str = Query("", max_length=TEXT),
                            amount: str = Query("", max_length=TEXT),
                            from_: str = Query("", alias="from", max_length=TEXT),
                            to: str = Query("", max_length=TEXT),
                            reference_price: str = Query("", max_length=TEXT),
                            kind: str = Query("real_estate", max_length=TEXT),
                            auction_round: int = Query(1, alias="round", ge=1, le=2),
                            previous_start: str = Query("", max_length=TEXT)):
    form = {"amount": amount, "from": from_, "to": to, "reference_price": reference_price, "kind": kind,
            "round": auction_round, "previous_start": previous_start}
    context: dict = {"form": form, "calc": calc}
    if calc in CALCULATORS:
        try:
            context["result"] = _compute(calc, form)
        except DomainError as error:
            context["error"] = error.message
    elif calc:
        context["error"] = "请选择要使用的计算器"
    return render(request, "enforcement/calculators.html", context)


# ------------------------------------------------------------------ applying, accepting, the measures

DONE = {"applied": "执行申请已提交，立案庭将在七日内审查立案。",
        "accepted": "已立案。执行通知书、报告财产令已存入卷宗，同意电子送达的被执行人已在线送达，"
                    "其余请直接送达或者邮寄送达。",
        "refused": "已裁定不予受理。", "measure": "财产控制措施已记录。", "renewed": "措施已续行。",
        "released": "措施已解除。", "inquiry": "网络查控已发出，各机构反馈后显示在下方。",
        "paid": "执行款已入账。", "listed": "已决定纳入失信被执行人名单，决定书已存入卷宗并送达。",
        "unlisted": "失信信息已删除。"}
LABELS = {"documents": rules.SOURCE_DOCUMENTS, "statuses": service.STATUS_LABELS, "measures": rules.MEASURES,
          "asset_kinds": rules.ASSET_KINDS}


def _optional_date(value, field: str, label: str) -> date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"「{label}」应为日期，如 2026-03-01", field=field) from None


def _validated(model, data: dict):
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise invalid_input(error) from None


@router.get("/portal/cases/{case_id}/enforcement")
def application_form(request: Request, case_id: PathId, done: str | None = None,
                     actor: Actor = Depends(current_public)):
    with request.app.state.db.reading() as session:
        case = cases.get_case(session, actor=actor, case_id=case_id, with_parties_and_claims=True)
        mine = [a for a in service.applications_of_account(session, actor=actor) if a.source_case_id == case.id]
        own = [p for p in case.parties if p.role != "agent" and is_the_account(actor, p)]
        others = [p for p in case.parties if p.role != "agent" and p not in own]
    return render(request, "enforcement/apply.html", {
        "case": case, "own": own, "others": others, "applications": mine, "labels": LABELS,
        "flash": done_flash(done, DONE)})


@router.post("/portal/cases/{case_id}/enforcement")
async def submit_application(request: Request, case_id: PathId, actor: Actor = Depends(current_public),
                             today: date = Depends(court_today)):
    form = await request.form()
    data = _validated(ApplicationIn, {
        "source_case_id": case_id, "source_document": str(form.get("source_document") or ""),
        "applicant_party_id": str(form.get("applicant_party_id") or ""),
        "respondent_party_ids": [str(v) for v in form.getlist("respondent_party_ids")],
        "amount": str(form.get("amount") or "").replace(",", "").strip(), "request": str(form.get("request") or ""),
        "effective_on": _optional_date(form.get("effective_on"), "effective_on", "生效日期"),
        "performance_due_on": _optional_date(form.get("performance_due_on"), "performance_due_on", "履行期限"),
        "last_instalment_on": _optional_date(form.get("last_instalment_on"), "last_instalment_on", "最后一期履行期限")})

    def submit() -> None:
        with request.app.state.db.transaction() as session:
            service.apply(session, actor=actor, data=data, today=today)
    await run_in_threadpool(submit)
    return see_other(request, f"/portal/cases/{case_id}/enforcement?done=applied")


@router.get("/bench/enforcement/applications")
def application_queue(request: Request, done: str | None = None, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        waiting = service.pending(session, actor=actor)
        numbers = service.case_numbers(session, [a.source_case_id for a in waiting])
    return render(request, "enforcement/queue.html", {"applications": waiting, "numbers": numbers, "labels": LABELS,
                                                      "flash": done_flash(done, DONE)})


@router.post("/bench/enforcement/applications/{enforcement_application_id}/accept")
async def accept_application(request: Request, enforcement_application_id: PathId,
                             actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    def accept() -> int:
        with request.app.state.db.transaction() as session:
            return service.accept(session, request.app.state.settings, actor=actor,
                                  application_id=enforcement_application_id, today=today).id
    case_id = await run_in_threadpool(accept)
    return see_other(request, f"/bench/enforcement/cases/{case_id}?done=accepted")


@router.post("/bench/enforcement/applications/{enforcement_application_id}/refuse")
async def refuse_application(request: Request, enforcement_application_id: PathId,
                             actor: Actor = Depends(current_staff)):
    form = await request.form()
    reason = form_text(str(form.get("reason") or ""), field="reason", label="不予受理理由", max_length=500)
    with request.app.state.db.transaction() as session:
        service.refuse(session, actor=actor, application_id=enforcement_application_id, reason=reason)
    return see_other(request, "/bench/enforcement/applications?done=refused")


@router.get("/bench/enforcement/cases/{case_id}")
def enforcement_case(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_staff),
                     today: date = Depends(court_today), asset_kind: str = Query("", max_length=16),
                     asset_key: str = Query("", max_length=64), description: str = Query("", max_length=255)):
    """The case's inquiries, measures and auctions; an inquiry's record fills the measure form (the query)."""
    with request.app.state.db.reading() as session:
        case = service.visible_case(session, actor, case_id)
        source, source_case = service.source_of(session, case)
        views = service.measures_of(session, actor=actor, case_id=case_id, today=today)
        held = auctions.of_case(session, case_id=case_id)
        asked = inquiry.of_case(session, case_id=case_id)
        book = payments.ledger(session, actor=actor, case_id=case_id, on=today)
        listings = sanctions.of_case(session, case_id=case_id)
        debtors = {p.id: p.name for p in case.parties}
    opens, closes = auctions.default_times(today, "real_estate")
    return render(request, "enforcement/case.html", {
        "case": case, "source": source, "source_case": source_case, "measures": views, "labels": LABELS,
        "auctions": held, "inquiries": asked, "book": book, "listings": listings,
        "grounds": rules.DISHONEST_GROUNDS, "deletions": rules.DELETION_GROUNDS, "sources": payments.PAYMENT_SOURCES,
        "debtors": debtors,
        "agencies": inquiry.AGENCIES,
        "asset_kind_of": inquiry.ASSET_KIND_OF, "default_opens": opens.strftime("%Y-%m-%dT%H:%M"),
        "prefill": {"asset_kind": asset_kind, "asset_key": asset_key, "description": description},
        "default_closes": closes.strftime("%Y-%m-%dT%H:%M"),
        "today": today, "may_act": actor.role == "enforcement_officer" and actor.division_id == case.division_id,
        "flash": done_flash(done, DONE)})


@router.post("/bench/enforcement/cases/{case_id}/inquiries")
def start_inquiry(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                  queue: Queue = Depends(get_queue), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        inquiry.start(session, actor=actor, case_id=case_id, queue=queue, today=today)
    return see_other(request, f"/bench/enforcement/cases/{case_id}?done=inquiry")


@router.post("/bench/enforcement/cases/{case_id}/payments")
async def record_payment(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                         today: date = Depends(court_today)):
    form = await request.form()
    data = _validated(PaymentIn, {
        "received_on": _optional_date(form.get("received_on"), "received_on", "到账日期") or today,
        "amount": str(form.get("amount") or "").replace(",", "").strip(), "source": str(form.get("source") or ""),
        "reference": str(form.get("reference") or "")})
    with request.app.state.db.transaction() as session:
        payments.record_payment(session, actor=actor, case_id=case_id, data=data, today=today)
    return see_other(request, f"/bench/enforcement/cases/{case_id}?done=paid")


@router.post("/bench/enforcement/cases/{case_id}/dishonest")
async def list_debtor(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                      today: date = Depends(court_today)):
    form = await request.form()
    data = _validated(ListingIn, {"debtor_party_id": str(form.get("debtor_party_id") or ""),
                                  "ground": str(form.get("ground") or ""),
                                  "extra_years": str(form.get("extra_years") or "0"),
                                  "facts": str(form.get("facts") or "")})
    with request.app.state.db.transaction() as session:
        sanctions.list_debtor(session, request.app.state.settings, actor=actor, case_id=case_id, today=today,
                              debtor_party_id=data.debtor_party_id, ground=data.ground,
                              extra_years=data.extra_years, facts=data.facts)
    return see_other(request, f"/bench/enforcement/cases/{case_id}?done=listed")


@router.post("/bench/enforcement/cases/{case_id}/dishonest/{listing_id}/removal")
async def remove_listing(request: Request, case_id: PathId, listing_id: PathId,
                         actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    form = await request.form()
    with request.app.state.db.transaction() as session:
        sanctions.remove_by_officer(session, actor=actor, case_id=case_id, listing_id=listing_id,
                                    ground=str(form.get("ground") or "")[:32], today=today)
    return see_other(request, f"/bench/enforcement/cases/{case_id}?done=unlisted")


@router.get("/dishonest-debtors")
def dishonest_debtors(request: Request, today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        entries = sanctions.published(session, today=today)
    return render(request, "enforcement/dishonest.html", {"entries": entries})


@router.post("/bench/enforcement/cases/{case_id}/measures")
async def take_measure(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                       today: date = Depends(court_today)):
    form = await request.form()
    data = _validated(MeasureIn, {
        "measure": str(form.get("measure") or ""), "asset_kind": str(form.get("asset_kind") or ""),
        "asset_key": str(form.get("asset_key") or ""), "description": str(form.get("description") or ""),
        "amount": str(form.get("amount") or "").replace(",", "").strip() or None,
        "starts_on": _optional_date(form.get("starts_on"), "starts_on", "起始日") or today,
        "ends_on": _optional_date(form.get("ends_on"), "ends_on", "截止日")})
    with request.app.state.db.transaction() as session:
        service.take_measure(session, actor=actor, case_id=case_id, data=data, today=today)
    return see_other(request, f"/bench/enforcement/cases/{case_id}?done=measure")


@router.post("/bench/enforcement/cases/{case_id}/measures/{measure_id}/renewal")
async def renew_measure(request: Request, case_id: PathId, measure_id: PathId, actor: Actor = Depends(current_staff),
                        today: date = Depends(court_today)):
    form = await request.form()
    ends_on = _optional_date(form.get("ends_on"), "ends_on", "续行截止日")
    with request.app.state.db.transaction() as session:
        service.renew(session, actor=actor, case_id=case_id, measure_id=measure_id, ends_on=ends_on, today=today)
    return see_other(request, f"/bench/enforcement/cases/{case_id}?done=renewed")


@router.post("/bench/enforcement/cases/{case_id}/measures/{measure_id}/release")
def release_measure(request: Request, case_id: PathId, measure_id: PathId, actor: Actor = Depends(current_staff),
                    today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.release(session, actor=actor, case_id=case_id, measure_id=measure_id, today=today)
    return see_other(request, f"/bench/enforcement/cases/{case_id}?done=released")
