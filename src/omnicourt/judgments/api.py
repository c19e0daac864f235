"""The JSON API of a case's court documents, mirroring the judge's document page: generate, read the sections,
download .docx or PDF."""

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Path, Request, UploadFile

from omnicourt.cases import service as cases
from omnicourt.casework import closing
from omnicourt.db import Database
from omnicourt.delivery import sending
from omnicourt.dossier.service import Upload
from omnicourt.judgments import appeals, schemas, service, workflow
from omnicourt.judgments.models import JudgmentDocument
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.signing.models import Signature
from omnicourt.signing.service import display_code
from omnicourt.web.deps import court_today, current_actor, get_db, get_queue
from omnicourt.web.pages import private_file

router = APIRouter(prefix="/api/v1/cases/{case_id}/judgment-documents", tags=["judgments"])
after = APIRouter(prefix="/api/v1/cases/{case_id}", tags=["judgments"])
SectionKey = Annotated[str, Path(pattern=r"^[a-z_]{1,20}$")]


def generate_in(data: schemas.GenerateIn) -> service.GenerateIn:
    return service.GenerateIn(kind=data.kind, ruling_kind=data.ruling_kind,
                              awards={award.claim: award.amount for award in data.awards},
                              preserved_amount=data.preserved_amount, transfer_to_court_id=data.transfer_to_court_id,
                              corrects_document_id=data.corrects_document_id)


@router.post("", response_model=schemas.DocumentDetailOut, status_code=201)
def generate(case_id: PathId, data: schemas.GenerateIn, actor: Actor = Depends(current_actor),
             db: Database = Depends(get_db), today: date = Depends(court_today)):
    """A draft from the case's record; gaps the record cannot fill are marked 【待法官补充：…】."""
    with db.transaction() as session:
        document = service.generate(session, actor=actor, case_id=case_id, data=generate_in(data),
                                    document_date=data.document_date or today)
        view = service.document(session, actor=actor, case_id=case_id, document_id=document.id)
        return schemas.detail_out(view.document, view.sections)


@router.get("", response_model=list[schemas.DocumentOut])
def documents(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return [schemas.document_out(d) for d in service.documents_of(session, actor=actor, case_id=case_id)]


@router.get("/{document_id}", response_model=schemas.DocumentDetailOut)
def document(case_id: PathId, document_id: PathId, actor: Actor = Depends(current_actor),
             db: Database = Depends(get_db)):
    with db.reading() as session:
        view = service.document(session, actor=actor, case_id=case_id, document_id=document_id)
        return schemas.detail_out(view.document, view.sections)


@router.get("/{document_id}/{fmt}")
def download(case_id: PathId, document_id: PathId, fmt: str, actor: Actor = Depends(current_actor),
             db: Database = Depends(get_db)):
    """The document as `docx` (for editing) or `pdf` (for delivery), sealed over its date."""
    with db.reading() as session:
        content, media_type, filename = service.rendered(session, actor=actor, case_id=case_id,
                                                         document_id=document_id, fmt=fmt)
    return private_file(content, media_type=media_type,
                        disposition=f"attachment; filename*=UTF-8''{quote(filename)}")


def _detail(session, actor: Actor, case_id: int, document_id: int) -> schemas.DocumentDetailOut:
    view = service.document(session, actor=actor, case_id=case_id, document_id=document_id)
    return schemas.detail_out(view.document, view.sections)


@router.put("/{document_id}/sections/{key}", response_model=schemas.DocumentDetailOut)
def edit_section(case_id: PathId, document_id: PathId, key: SectionKey, data: schemas.SectionIn,
                 actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """Replace one section's paragraphs (one a line): a new version; refused once signed (a correction is a new
    document) or while waiting for sign-off."""
    with db.transaction() as session:
        workflow.edit_section(session, actor=actor, case_id=case_id, document_id=document_id, key=key,
                              text=data.text)
        return _detail(session, actor, case_id, document_id)


@router.post("/{document_id}/docx", response_model=schemas.DocumentDetailOut)
def upload_docx(request: Request, case_id: PathId, document_id: PathId, file: UploadFile = File(...),
                actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """An edited .docx as the next version: read back per section where the platform's section marks survive, else
    kept whole as the version's file."""
    settings = request.app.state.settings
    upload = closing.read_document(file, settings.max_upload_bytes) or Upload("", b"")
    with db.transaction() as session:
        workflow.upload_docx(session, settings, actor=actor, case_id=case_id, document_id=document_id, upload=upload)
        return _detail(session, actor, case_id, document_id)


@router.post("/{document_id}/signoff", response_model=schemas.DocumentOut)
def submit_for_signoff(case_id: PathId, document_id: PathId, actor: Actor = Depends(current_actor),
                       db: Database = Depends(get_db)):
    """Send the document to whoever must sign it off (签发): the court's rule, or the president for a case the
    judicial committee decided."""
    with db.transaction() as session:
        workflow.submit_for_signoff(session, actor=actor, case_id=case_id, document_id=document_id)
        return schemas.document_out(session.get_one(JudgmentDocument, document_id))


@router.post("/{document_id}/signoff-decision", response_model=schemas.DocumentOut)
def decide_signoff(case_id: PathId, document_id: PathId, data: schemas.SignoffDecisionIn,
                   actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The approver signs off or returns the document with a reason (kept inside the court)."""
    with db.transaction() as session:
        workflow.decide_signoff(session, actor=actor, case_id=case_id, document_id=document_id, approve=data.approve,
                                reason=data.reason)
        return schemas.document_out(session.get_one(JudgmentDocument, document_id))


def signed_out(session, document: JudgmentDocument) -> schemas.SignedOut:
    signature = session.get(Signature, document.signature_id) if document.signature_id else None
    return schemas.SignedOut(**schemas.document_out(document).model_dump(),
                             dossier_document_id=document.dossier_document_id,
                             verification_code=display_code(signature.code) if signature else None)


@router.post("/{document_id}/signing", response_model=schemas.SignedOut)
def sign(request: Request, case_id: PathId, document_id: PathId, actor: Actor = Depends(current_actor),
         db: Database = Depends(get_db), today: date = Depends(court_today), queue: Queue = Depends(get_queue)):
    """Sign: the sealed PDF enters the main volume with the court's SM2 signature; a judgment or a final ruling
    closes the case."""
    with db.transaction() as session:
        document = workflow.sign(session, request.app.state.settings, actor=actor, case_id=case_id,
                                 document_id=document_id, today=today, queue=queue)
        return signed_out(session, document)


@router.post("/{document_id}/delivery", response_model=schemas.DeliveryOut)
def deliver(request: Request, case_id: PathId, document_id: PathId, actor: Actor = Depends(current_actor),
            db: Database = Depends(get_db), queue: Queue = Depends(get_queue)):
    """Deliver the signed document electronically to every party that consented; the others are named, to be
    served on paper."""
    with db.transaction() as session:
        outcome = workflow.deliver(session, request.app.state.settings, actor=actor, case_id=case_id,
                                   document_id=document_id)
        ids = [d.id for d in outcome.delivered]
        out = schemas.DeliveryOut(delivered_party_ids=[d.case_party_id for d in outcome.delivered],
                                  on_paper=outcome.on_paper, delivered_before=outcome.before)
    sending.queue_sending(queue, ids)
    return out


@after.get("/judgment-effects", response_model=list[schemas.EffectOut])
def effects(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The case's signed documents: whether they may be appealed, each party's period, the effective date."""
    with db.reading() as session:
        return [schemas.EffectOut(document_id=v.document.id, title=v.document.title, appealable=v.appealable,
                                  effective_on=v.effect.effective_on, basis=v.effect.basis,
                                  periods=[schemas.PeriodOut(**vars(p)) for p in v.effect.periods])
                for v in appeals.signed_documents(session, actor=actor, case_id=case_id)]


@after.post("/appeals", response_model=schemas.AppealOut, status_code=201)
def file_appeal(case_id: PathId, data: schemas.AppealIn, actor: Actor = Depends(current_actor),
                db: Database = Depends(get_db), today: date = Depends(court_today)):
    """A party's appeal within its period: the second-instance case opened at the court above; after the period,
    409 naming the dates."""
    with db.transaction() as session:
        filed = appeals.appeal(session, actor=actor, case_id=case_id, today=today, data=appeals.AppealIn(
            data.document_id, data.party_id, data.requests, data.grounds))
        number = cases.case_for_platform(session, filed.appeal_case_id).case_number
        return schemas.AppealOut(id=filed.id, appeal_case_id=filed.appeal_case_id, appeal_case_number=number,
                                 last_day=filed.last_day)
