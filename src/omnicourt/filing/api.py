"""JSON API of online filing: parties submit and correct; filing officers decide."""

import json
from datetime import date

from fastapi import APIRouter, Depends, File, Form, UploadFile
from pydantic import ValidationError

from omnicourt.cases.schemas import CaseDetail
from omnicourt.db import Database
from omnicourt.dossier.service import Upload
from omnicourt.errors import InvalidInput
from omnicourt.filing import schemas, service
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import current_actor, get_db, get_settings

router = APIRouter(prefix="/api/v1/filings", tags=["filing"])


async def read_uploads(files: list[UploadFile], settings: Settings) -> list[Upload]:
    uploads = []
    for f in files:
        # Read one byte past the limit: enough to refuse an oversized file without holding all of it.
        uploads.append(Upload(f.filename or "", await f.read(settings.max_upload_bytes + 1)))
    return uploads


def parse_filing_json(text: str) -> schemas.FilingIn:
    try:
        return schemas.FilingIn.model_validate(json.loads(text))
    except (ValueError, ValidationError) as error:
        raise InvalidInput(f"立案申请数据格式不正确：{str(error)[:200]}", field="filing") from None


@router.post("", response_model=schemas.FilingOut, status_code=201)
def submit_json(body: schemas.FilingIn, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                settings: Settings = Depends(get_settings)):
    """File a case (no attachments). Use /api/v1/filings/multipart to attach PDF or image files."""
    with db.transaction() as session:
        return service.submit(session, settings, actor=actor, data=body, uploads=[], today=date.today())


@router.post("/multipart", response_model=schemas.FilingOut, status_code=201)
async def submit_multipart(filing: str = Form(..., description="FilingIn as JSON"),
                           attachments: list[UploadFile] = File(default=[]),
                           actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                           settings: Settings = Depends(get_settings)):
    data = parse_filing_json(filing)
    uploads = await read_uploads(attachments, settings)
    with db.transaction() as session:
        return service.submit(session, settings, actor=actor, data=data, uploads=uploads, today=date.today())


@router.get("", response_model=list[schemas.FilingOut])
def my_filings(actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.mine(session, actor=actor)


@router.get("/queue", response_model=list[schemas.FilingOut])
def filing_queue(actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.queue(session, actor=actor)


@router.get("/{application_id}", response_model=schemas.FilingOut)
def get_filing(application_id: int, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.get_application(session, actor=actor, application_id=application_id)


@router.post("/{application_id}/acceptance", response_model=CaseDetail)
def accept(application_id: int, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
           settings: Settings = Depends(get_settings)):
    with db.transaction() as session:
        case = service.accept(session, settings, actor=actor, application_id=application_id, today=date.today())
        return CaseDetail.model_validate(case)


@router.post("/{application_id}/correction-request", response_model=schemas.FilingOut)
def request_correction(application_id: int, body: schemas.CorrectionIn, actor: Actor = Depends(current_actor),
                       db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.request_correction(session, actor=actor, application_id=application_id, items=body.items)


@router.post("/{application_id}/correction", response_model=schemas.FilingOut)
def correct(application_id: int, body: schemas.FilingIn, actor: Actor = Depends(current_actor),
            db: Database = Depends(get_db), settings: Settings = Depends(get_settings)):
    with db.transaction() as session:
        return service.correct(session, settings, actor=actor, application_id=application_id, data=body,
                               uploads=[], today=date.today())


@router.post("/{application_id}/refusal", response_model=schemas.FilingOut)
def refuse(application_id: int, body: schemas.RefusalIn, actor: Actor = Depends(current_actor),
           db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.refuse(session, actor=actor, application_id=application_id, reason=body.reason)
