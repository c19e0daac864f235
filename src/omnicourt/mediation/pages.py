"""The mediation pages: a party applies for pre-filing mediation and follows it (messages, the agreement to
sign, the hand-over to filing); the mediator accepts, writes, proposes the agreement and ends it."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from omnicourt.cases import service as cases
from omnicourt.dossier.service import read_uploads
from omnicourt.errors import InvalidInput
from omnicourt.filing.schemas import FilingIn
from omnicourt.limits import PathId
from omnicourt.mediation import records, referral, rules, schemas, service, statements
from omnicourt.mediation.schemas import MessageText, Password
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code, LongText, Name, ShortText, invalid_input
from omnicourt.web.deps import court_today, current_actor, current_public, current_staff
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

DONE = {"applied": "诉前调解申请已提交，等待特邀调解员接受。", "accepted": "已接受调解，调解期限开始计算。",
        "message": "留言已发送。", "proposed": "调解协议已发送各方当事人签署。", "signed": "已签署调解协议。",
        "failed": "已记录调解不成及无争议事实。", "withdrawn": "已撤回调解。",
        "consent": "您对异步调解的意见已记录。"}
LABELS = {"statuses": rules.STATUS_LABELS, "kinds": rules.KINDS, "roles": records.ROLE_NAMES,
          "events": rules.EVENT_LABELS}


def _causes(request: Request, session) -> list:
    """The causes the courts refer to mediation, and those under them."""
    referred = request.app.state.settings.mediation_referred_causes
    return [c for c in reference.list_causes(session) if c.level > 1 and rules.referred(c.code, referred)]


@router.get("/portal/mediations")
def my_mediations(request: Request, done: str | None = None, actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        found = service.mine(session, actor=actor)
        referrals = referral.pending(session, actor=actor) if actor.kind == "public" else []
    return render(request, "mediation/list.html", {"mediations": found, "labels": LABELS,
                                                   "flash": done_flash(done, DONE), "referrals": referrals})


@router.get("/portal/mediations/new")
def new_mediation(request: Request, actor: Actor = Depends(current_public)):
    with request.app.state.db.reading() as session:
        context = {"courts": reference.list_courts(session), "causes": _causes(request, session)}
    return render(request, "mediation/new.html", context)


def _application(actor: Actor, form) -> FilingIn:
    """The compact form as a filing: the signed-in party as the applicant, one respondent, one claim."""
    me = {"role": "plaintiff", "party_type": "legal" if actor.person_type_is_legal else "natural",
          "name": actor.display_name, "id_number": actor.id_number, "uscc": actor.uscc,
          "legal_representative": str(form.get("my_representative") or "") or None}
    kind = str(form.get("respondent_type") or "natural")
    number = str(form.get("respondent_number") or "").strip()
    respondent = {"role": "defendant", "party_type": kind, "name": str(form.get("respondent_name") or ""),
                  "id_number": number if kind == "natural" else None, "uscc": None if kind == "natural" else number,
                  "legal_representative": str(form.get("respondent_representative") or "") or None}
    amount = str(form.get("amount") or "").replace(",", "").strip()
    try:
        return FilingIn.model_validate({
            "court_code": str(form.get("court_code") or ""), "cause_code": str(form.get("cause_code") or ""),
            "parties": [me, respondent],
            "claims": [{"description": str(form.get("claim") or ""), "amount": amount or None}],
            "facts_and_reasons": str(form.get("facts_and_reasons") or "")})
    except ValidationError as error:
        raise invalid_input(error) from None


@router.post("/portal/mediations/new")
async def apply(request: Request, actor: Actor = Depends(current_public), today: date = Depends(court_today)):
    form = await request.form()
    settings = request.app.state.settings
    data = _application(actor, form)
    uploads = await read_uploads([f for f in form.getlist("attachments") if isinstance(f, UploadFile)],
                                 max_bytes=settings.max_upload_bytes)

    def submit() -> int:
        with request.app.state.db.transaction() as session:
            return service.apply(session, settings, actor=actor, data=data, uploads=uploads,
                                 consent=form.get("consent") == "yes", today=today).id
    mediation_id = await run_in_threadpool(submit)
    return see_other(request, f"/portal/mediations/{mediation_id}?done=applied")


@router.get("/portal/mediations/{mediation_id}")
def mediation_page(request: Request, mediation_id: PathId, done: str | None = None,
                   actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        found = service.view(session, actor=actor, mediation_id=mediation_id)
    signer = any(p.id in found.own_party_ids and p.role in service.SIGNING_ROLES for p in found.parties)
    return render(request, "mediation/detail.html", {
        "view": found, "m": found.mediation, "labels": LABELS, "flash": done_flash(done, DONE),
        "is_mediator": actor.is_mediator, "is_party": bool(found.own_party_ids), "signer": signer,
        "signed_by_me": bool(found.own_party_ids & found.signed_party_ids),
        "is_applicant": found.mediation.applicant_id == actor.id})


def _done(request: Request, mediation_id: int, done: str):
    return see_other(request, f"/portal/mediations/{mediation_id}?done={done}")


@router.post("/portal/mediations/{mediation_id}/accept")
def accept(request: Request, mediation_id: PathId, actor: Actor = Depends(current_actor),
           today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.accept(session, actor=actor, mediation_id=mediation_id, today=today)
    return _done(request, mediation_id, "accepted")


@router.post("/portal/mediations/{mediation_id}/async-consent")
def async_consent(request: Request, mediation_id: PathId, consented: str = Form(""),
                  actor: Actor = Depends(current_actor)):
    if consented not in ("yes", "no"):
        raise InvalidInput("请选择同意或不同意异步调解", field="consented")
    with request.app.state.db.transaction() as session:
        service.give_async_consent(session, actor=actor, mediation_id=mediation_id, consented=consented == "yes")
    return _done(request, mediation_id, "consent")


@router.post("/portal/mediations/{mediation_id}/message")
async def message(request: Request, mediation_id: PathId, text: Annotated[MessageText, Form()] = "",
                  actor: Actor = Depends(current_actor)):
    form = await request.form()
    settings = request.app.state.settings
    uploads = await read_uploads([f for f in form.getlist("file") if isinstance(f, UploadFile)],
                                 max_bytes=settings.max_upload_bytes, max_files=1, field="file")

    def post() -> None:
        with request.app.state.db.transaction() as session:
            service.post_message(session, settings, actor=actor, mediation_id=mediation_id, text=text,
                                 upload=uploads[0] if uploads else None)
    await run_in_threadpool(post)
    return _done(request, mediation_id, "message")


@router.post("/portal/mediations/{mediation_id}/agreement")
def propose(request: Request, mediation_id: PathId, obligor: Annotated[Name, Form()],
            content: Annotated[ShortText, Form()], default_consequence: Annotated[ShortText, Form()],
            amount: Annotated[Code, Form()] = "", due_on: Annotated[Code, Form()] = "",
            other_terms: Annotated[LongText, Form()] = "", actor: Actor = Depends(current_actor)):
    try:
        terms = schemas.AgreementIn.model_validate({
            "obligations": [{"obligor": obligor, "content": content, "amount": amount.replace(",", "") or None,
                             "due_on": due_on or None}],
            "default_consequence": default_consequence, "other_terms": other_terms}).terms()
    except ValidationError as error:
        raise invalid_input(error) from None
    with request.app.state.db.transaction() as session:
        service.propose(session, actor=actor, mediation_id=mediation_id, terms=terms)
    return _done(request, mediation_id, "proposed")


@router.post("/portal/mediations/{mediation_id}/sign")
def sign(request: Request, mediation_id: PathId, version: Annotated[int, Form(ge=1, le=10000)],
         password: Annotated[Password, Form()], actor: Actor = Depends(current_actor),
         today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.sign(session, actor=actor, mediation_id=mediation_id, version=version, password=password,
                     today=today)
    return _done(request, mediation_id, "signed")


@router.post("/portal/mediations/{mediation_id}/failure")
def fail(request: Request, mediation_id: PathId, reason: Annotated[ShortText, Form()],
         undisputed_facts: Annotated[LongText, Form()], actor: Actor = Depends(current_actor),
         today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.fail(session, actor=actor, mediation_id=mediation_id, reason=reason,
                     undisputed_facts=undisputed_facts, today=today)
    return _done(request, mediation_id, "failed")


@router.post("/portal/mediations/{mediation_id}/withdrawal")
def withdraw(request: Request, mediation_id: PathId, actor: Actor = Depends(current_actor),
             today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.withdraw(session, actor=actor, mediation_id=mediation_id, today=today)
    return _done(request, mediation_id, "withdrawn")


@router.post("/portal/mediations/{mediation_id}/hand-over")
def hand_over(request: Request, mediation_id: PathId, actor: Actor = Depends(current_actor),
              today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        application = service.hand_over(session, request.app.state.settings, actor=actor,
                                        mediation_id=mediation_id, today=today)
        application_id = application.id
    return see_other(request, f"/portal/filings?submitted={application_id}")



# ---------------------------------------------------------------- mediation statements (调解书)

STATEMENT_DONE = {"issued": "调解书已制作，等待当事人签收。", "signed": "已签收调解书。"}


@router.get("/bench/cases/{case_id}/mediation-statement")
def statement_bench(request: Request, case_id: PathId, done: str | None = None,
                    actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        case = cases.get_case(session, actor=actor, case_id=case_id, with_parties_and_claims=True)
        found = statements.view(session, actor=actor, case_id=case_id)
    return render(request, "mediation/statement.html", {
        "case": case, "found": found, "bench": True, "statuses": rules.STATEMENT_STATUSES,
        "flash": done_flash(done, STATEMENT_DONE), "may_issue": actor.role == "judge" and case.judge_id == actor.id
        and case.stage in cases.OPEN_STAGES})


@router.post("/bench/cases/{case_id}/mediation-statement")
def statement_issue(request: Request, case_id: PathId, obligor: Annotated[Name, Form()] = "",
                    content: Annotated[ShortText, Form()] = "", default_consequence: Annotated[ShortText, Form()] = "",
                    amount: Annotated[Code, Form()] = "", due_on: Annotated[Code, Form()] = "",
                    other_terms: Annotated[LongText, Form()] = "", actor: Actor = Depends(current_staff),
                    today: date = Depends(court_today)):
    """From the form's terms, or with none typed, from the case's settled entrusted mediation."""
    terms = None
    if obligor or content:
        try:
            terms = schemas.AgreementIn.model_validate({
                "obligations": [{"obligor": obligor, "content": content, "amount": amount.replace(",", "") or None,
                                 "due_on": due_on or None}],
                "default_consequence": default_consequence, "other_terms": other_terms}).terms()
        except ValidationError as error:
            raise invalid_input(error) from None
    with request.app.state.db.transaction() as session:
        statements.issue(session, request.app.state.settings, actor=actor, case_id=case_id, terms=terms,
                         today=today)
    return see_other(request, f"/bench/cases/{case_id}/mediation-statement?done=issued")


@router.get("/portal/cases/{case_id}/mediation-statement")
def statement_portal(request: Request, case_id: PathId, done: str | None = None,
                     actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        case = cases.get_case(session, actor=actor, case_id=case_id)
        found = statements.view(session, actor=actor, case_id=case_id)
    return render(request, "mediation/statement.html", {
        "case": case, "found": found, "bench": False, "statuses": rules.STATEMENT_STATUSES,
        "flash": done_flash(done, STATEMENT_DONE), "may_issue": False})


@router.post("/portal/cases/{case_id}/mediation-statement/receipt")
def statement_sign(request: Request, case_id: PathId, password: Annotated[Password, Form()],
                   actor: Actor = Depends(current_actor), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        statements.sign(session, request.app.state.settings, actor=actor, case_id=case_id, password=password,
                        today=today)
    return see_other(request, f"/portal/cases/{case_id}/mediation-statement?done=signed")


# ---------------------------------------------------------------- referral before acceptance


@router.post("/bench/filings/{application_id}/mediation-referral")
def refer(request: Request, application_id: PathId, actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        referral.refer(session, actor=actor, application_id=application_id)
    return see_other(request, "/bench/filings")


@router.post("/portal/filings/{application_id}/mediation-referral")
def answer_referral(request: Request, application_id: PathId, consent: Annotated[Code, Form()],
                    actor: Actor = Depends(current_actor), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        answered = referral.answer(session, actor=actor, application_id=application_id, consent=consent == "yes",
                                   today=today)
        mediation_id = answered.mediation_id
    if mediation_id is None:
        return see_other(request, "/portal/filings")
    return see_other(request, f"/portal/mediations/{mediation_id}?done=applied")


# ---------------------------------------------------------------- the court's roster

ROSTER_DONE = {"registered": "特邀调解员已登记，可以用其账号登录。", "status": "已更新调解员状态。",
               "organisation": "调解组织已登记。"}


@router.get("/bench/mediation/roster")
def roster_page(request: Request, done: str | None = None, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        mediators = service.roster(session, actor=actor)
        found = service.organisations(session, actor=actor)
        loads = service.caseloads(session, actor=actor)
    return render(request, "mediation/roster.html", {
        "mediators": mediators, "organisations": found, "loads": loads, "labels": LABELS,
        "organisation_kinds": rules.ORGANISATION_KINDS, "mediator_statuses": rules.MEDIATOR_STATUSES,
        "flash": done_flash(done, ROSTER_DONE)})


@router.post("/bench/mediation/roster")
def roster_register(request: Request, username: Annotated[schemas.Username, Form()],
                    password: Annotated[Password, Form()], name: Annotated[Name, Form()],
                    phone: Annotated[Code, Form()], organisation_id: Annotated[str, Form(max_length=20)] = "",
                    specialities: Annotated[ShortText, Form()] = "", areas: Annotated[ShortText, Form()] = "",
                    actor: Actor = Depends(current_staff)):
    """Specialities (cause codes) and areas one a comma or space apart."""
    try:
        data = schemas.MediatorIn.model_validate({
            "username": username, "password": password, "name": name, "phone": phone,
            "organisation_id": int(organisation_id) if organisation_id.strip().isdigit() else None,
            "specialities": specialities.replace("，", ",").replace(",", " ").split(),
            "areas": areas.replace("，", ",").replace(",", " ").split()})
    except ValidationError as error:
        raise invalid_input(error) from None
    with request.app.state.db.transaction() as session:
        service.register_mediator(session, actor=actor, username=data.username, password=data.password,
                                  name=data.name, phone=data.phone, organisation_id=data.organisation_id,
                                  specialities=data.specialities, areas=data.areas)
    return see_other(request, "/bench/mediation/roster?done=registered")


@router.post("/bench/mediation/roster/{mediator_id}/status")
def roster_status(request: Request, mediator_id: PathId, status: Annotated[Code, Form()],
                  actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.set_mediator_status(session, actor=actor, mediator_id=mediator_id, status=status)
    return see_other(request, "/bench/mediation/roster?done=status")


@router.post("/bench/mediation/organisations")
def roster_organisation(request: Request, name: Annotated[Name, Form()], kind: Annotated[Code, Form()],
                        actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.add_organisation(session, actor=actor, name=name, kind=kind)
    return see_other(request, "/bench/mediation/roster?done=organisation")
