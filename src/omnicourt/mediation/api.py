"""The JSON API of online mediation, mirroring its pages: the roster, a party applying, the mediator's work, the
parties' signatures and the hand-over to filing."""

from datetime import date
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from omnicourt.db import Database
from omnicourt.dossier.service import read_uploads
from omnicourt.filing.schemas import FilingOut
from omnicourt.limits import PathId
from omnicourt.mediation import referral, schemas, service, statements
from omnicourt.mediation.schemas import MessageText
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.textcheck import Code
from omnicourt.web.deps import court_today, current_actor, current_staff, get_db, get_settings
from omnicourt.web.pages import private_file

router = APIRouter(prefix="/api/v1", tags=["mediation"])
ONE = "/mediations/{mediation_id}"


@router.get("/mediations/offer")
def offer(cause_code: Code = Query(), settings: Settings = Depends(get_settings)) -> dict:
    """Whether the courts refer this cause to mediation before filing (the party still chooses)."""
    return {"cause_code": cause_code, "referred": service.offered(settings, cause_code)}


@router.post("/mediations", response_model=schemas.MediationOut, status_code=201)
def apply(data: schemas.MediationApplyIn, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
          settings: Settings = Depends(get_settings), today: date = Depends(court_today)):
    """File choosing mediation first (诉前调解): the filing is kept as sent and handed over if mediation fails.
    Documents follow as messages."""
    with db.transaction() as session:
        return service.apply(session, settings, actor=actor, data=schemas.filing_of(data), uploads=[],
                             consent=data.consent, today=today)


@router.get("/mediations", response_model=list[schemas.MediationOut])
def mine(actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.mine(session, actor=actor)


@router.get(ONE, response_model=schemas.MediationDetailOut)
def detail(mediation_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return schemas.detail_out(service.view(session, actor=actor, mediation_id=mediation_id))


@router.post(f"{ONE}/acceptance", response_model=schemas.MediationOut)
def accept(mediation_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
           today: date = Depends(court_today)):
    """The mediator signs for the file; the time limit runs from today."""
    with db.transaction() as session:
        return service.accept(session, actor=actor, mediation_id=mediation_id, today=today)


@router.post(f"{ONE}/async-consent", response_model=schemas.MediationOut)
def async_consent(mediation_id: PathId, body: schemas.AsyncConsentIn, actor: Actor = Depends(current_actor),
                  db: Database = Depends(get_db)):
    """A party's consent (or refusal) to asynchronous mediation; messages wait until every party consents."""
    with db.transaction() as session:
        return service.give_async_consent(session, actor=actor, mediation_id=mediation_id, consented=body.consented)


@router.post(f"{ONE}/refusal", response_model=schemas.MediationOut)
def decline(mediation_id: PathId, data: schemas.DeclineIn, actor: Actor = Depends(current_actor),
            db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.decline(session, actor=actor, mediation_id=mediation_id, reason=data.reason)


@router.post(f"{ONE}/designation", response_model=schemas.MediationOut)
def designate(mediation_id: PathId, data: schemas.DesignateIn, actor: Actor = Depends(current_staff),
              db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        return service.designate(session, actor=actor, mediation_id=mediation_id, mediator_id=data.mediator_id,
                                 today=today)


@router.post(f"{ONE}/extension", response_model=schemas.MediationOut)
def extend(mediation_id: PathId, data: schemas.ExtendIn, actor: Actor = Depends(current_actor),
           db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        return service.extend(session, actor=actor, mediation_id=mediation_id, ends_on=data.ends_on,
                              all_consent=data.all_consent, today=today)


@router.post(f"{ONE}/messages", response_model=schemas.MessageOut, status_code=201)
async def post_message(request: Request, mediation_id: PathId, text: MessageText = Form(""),
                       file: UploadFile | None = File(None), actor: Actor = Depends(current_actor),
                       db: Database = Depends(get_db), settings: Settings = Depends(get_settings)):
    """A message or a document from the mediator or a party."""
    uploads = await read_uploads([file] if file else [], max_bytes=settings.max_upload_bytes, max_files=1,
                                 field="file")

    def post():
        with db.transaction() as session:
            return schemas.MessageOut.model_validate(service.post_message(
                session, settings, actor=actor, mediation_id=mediation_id, text=text,
                upload=uploads[0] if uploads else None))
    return await run_in_threadpool(post)


@router.get(f"{ONE}/documents/{{document_id}}")
def open_document(mediation_id: PathId, document_id: PathId, actor: Actor = Depends(current_actor),
                  db: Database = Depends(get_db), settings: Settings = Depends(get_settings)) -> Response:
    with db.reading() as session:
        name, media_type, content = service.document(session, settings, actor=actor, mediation_id=mediation_id,
                                                     document_id=document_id)
    return private_file(content, media_type=media_type, disposition=f"attachment; filename*=UTF-8''{quote(name)}")


@router.post(f"{ONE}/agreements", response_model=schemas.AgreementOut, status_code=201)
def propose(mediation_id: PathId, data: schemas.AgreementIn, actor: Actor = Depends(current_actor),
            db: Database = Depends(get_db)):
    """A new version of the settlement agreement; earlier versions' signatures lapse."""
    with db.transaction() as session:
        return service.propose(session, actor=actor, mediation_id=mediation_id, terms=data.terms())


@router.post(f"{ONE}/signatures", response_model=schemas.AgreementOut)
def sign(mediation_id: PathId, data: schemas.SignIn, actor: Actor = Depends(current_actor),
         db: Database = Depends(get_db), today: date = Depends(court_today)):
    """The party signs the version it read, re-entering its password."""
    with db.transaction() as session:
        return service.sign(session, actor=actor, mediation_id=mediation_id, version=data.version,
                            password=data.password, today=today)


@router.post(f"{ONE}/withdrawal", response_model=schemas.MediationOut)
def withdraw(mediation_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
             today: date = Depends(court_today)):
    with db.transaction() as session:
        return service.withdraw(session, actor=actor, mediation_id=mediation_id, today=today)


@router.post(f"{ONE}/failure", response_model=schemas.MediationOut)
def fail(mediation_id: PathId, data: schemas.FailIn, actor: Actor = Depends(current_actor),
         db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        return service.fail(session, actor=actor, mediation_id=mediation_id, reason=data.reason,
                            undisputed_facts=data.undisputed_facts, today=today)


@router.post(f"{ONE}/hand-over", response_model=FilingOut)
def hand_over(mediation_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
              settings: Settings = Depends(get_settings), today: date = Depends(court_today)):
    """A failed pre-filing mediation becomes a filing application; asked again, the same one."""
    with db.transaction() as session:
        return FilingOut.model_validate(service.hand_over(session, settings, actor=actor,
                                                          mediation_id=mediation_id, today=today))


@router.post("/cases/{case_id}/mediation", response_model=schemas.MediationOut, status_code=201)
def entrust(case_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
            today: date = Depends(court_today)):
    """The case's judge entrusts its mediation (委托调解)."""
    with db.transaction() as session:
        return service.entrust(session, actor=actor, case_id=case_id, today=today)


@router.get("/mediation/roster", response_model=list[schemas.MediatorOut])
def roster(actor: Actor = Depends(current_staff), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.roster(session, actor=actor)


@router.post("/mediation/roster", response_model=schemas.MediatorOut, status_code=201)
def register_mediator(data: schemas.MediatorIn, actor: Actor = Depends(current_staff),
                      db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.register_mediator(session, actor=actor, username=data.username, password=data.password,
                                         name=data.name, phone=data.phone, organisation_id=data.organisation_id,
                                         specialities=data.specialities, areas=data.areas)


@router.put("/mediation/roster/{mediator_id}/status", response_model=schemas.MediatorOut)
def set_status(mediator_id: PathId, data: schemas.MediatorStatusIn, actor: Actor = Depends(current_staff),
               db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.set_mediator_status(session, actor=actor, mediator_id=mediator_id, status=data.status)


@router.post("/mediation/organisations", response_model=schemas.OrganisationOut, status_code=201)
def add_organisation(data: schemas.OrganisationIn, actor: Actor = Depends(current_staff),
                     db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.add_organisation(session, actor=actor, name=data.name, kind=data.kind)


STATEMENT = "/cases/{case_id}/mediation-statement"


@router.get(STATEMENT, response_model=schemas.StatementViewOut)
def statement(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The case's mediation statement (调解书), who signed for it and who has yet to."""
    with db.reading() as session:
        return schemas.statement_view_out(statements.view(session, actor=actor, case_id=case_id))


@router.post(STATEMENT, response_model=schemas.StatementOut, status_code=201)
def issue_statement(case_id: PathId, data: schemas.StatementIn, actor: Actor = Depends(current_staff),
                    db: Database = Depends(get_db), settings: Settings = Depends(get_settings),
                    today: date = Depends(court_today)):
    """The case's judge drafts the statement; the parties sign for it."""
    with db.transaction() as session:
        return statements.issue(session, settings, actor=actor, case_id=case_id,
                                terms=data.terms.terms() if data.terms else None, today=today)


@router.post(f"{STATEMENT}/receipt", response_model=schemas.StatementOut)
def sign_statement(case_id: PathId, data: schemas.ReceiptIn, actor: Actor = Depends(current_actor),
                   db: Database = Depends(get_db), settings: Settings = Depends(get_settings),
                   today: date = Depends(court_today)):
    """A party signs for the statement; the last of both sides' signatures makes it effective and closes the
    case by mediation."""
    with db.transaction() as session:
        return statements.sign(session, settings, actor=actor, case_id=case_id, password=data.password,
                               today=today)


@router.post("/filings/{application_id}/mediation-referral", response_model=schemas.ReferralOut, status_code=201)
def refer(application_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db)):
    """The filing officer refers a filing waiting for its decision to pre-filing mediation; the party answers."""
    with db.transaction() as session:
        return referral.refer(session, actor=actor, application_id=application_id)


@router.post("/filings/{application_id}/mediation-referral/answer", response_model=schemas.ReferralOut)
def answer_referral(application_id: PathId, data: schemas.ReferralAnswerIn, actor: Actor = Depends(current_actor),
                    db: Database = Depends(get_db), today: date = Depends(court_today)):
    """The applicant consents (a pre-filing mediation begins) or not (the filing goes to the filing officer)."""
    with db.transaction() as session:
        return referral.answer(session, actor=actor, application_id=application_id, consent=data.consent,
                               today=today)
