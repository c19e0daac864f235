"""The JSON API of a case's court documents, mirroring the judge's document page: generate, read the sections,
download .docx or PDF."""

from datetime import date
from urllib.parse import quote

from fastapi import APIRouter, Depends

from omnicourt.db import Database
from omnicourt.judgments import schemas, service
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_actor, get_db
from omnicourt.web.pages import private_file

router = APIRouter(prefix="/api/v1/cases/{case_id}/judgment-documents", tags=["judgments"])


def generate_in(data: schemas.GenerateIn) -> service.GenerateIn:
    return service.GenerateIn(kind=data.kind, ruling_kind=data.ruling_kind,
                              awards={award.claim: award.amount for award in data.awards},
                              preserved_amount=data.preserved_amount, transfer_to_court_id=data.transfer_to_court_id)


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
