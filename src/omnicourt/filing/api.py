"""JSON API of online filing: parties submit and correct; filing officers decide."""

import json
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, File, Form, Response, UploadFile
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from omnicourt import clock
from omnicourt.assistant.loans import sheet as sheets
from omnicourt.cases.schemas import CaseDetail
from omnicourt.db import Database
from omnicourt.dossier.service import Upload
from omnicourt.errors import InvalidInput, PayloadTooLarge
from omnicourt.filing import bulk, schemas, service
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import current_actor, current_public, get_db, get_settings

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
        return service.submit(session, settings, actor=actor, data=body, uploads=[], today=clock.today())


@router.post("/multipart", response_model=schemas.FilingOut, status_code=201)
async def submit_multipart(filing: str = Form(..., description="FilingIn as JSON"),
                           attachments: list[UploadFile] = File(default=[]),
                           actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                           settings: Settings = Depends(get_settings)):
    data = parse_filing_json(filing)
    uploads = await read_uploads(attachments, settings)
    with db.transaction() as session:
        return service.submit(session, settings, actor=actor, data=data, uploads=uploads, today=clock.today())


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.post("/element-sheets", response_model=schemas.BulkReport)
def file_element_sheets(rows: list[dict[str, Any]] = Body(..., description="rows of the element sheet: "
                                                                           "{column key: cell text}"),
                        actor: Actor = Depends(current_public), db: Database = Depends(get_db),
                        settings: Settings = Depends(get_settings)):
    """File financial loan cases by element sheet (要素式起诉), up to 2,000 rows: each valid row becomes an
    application in its own transaction; the report gives each row's application id or its cell errors."""
    return bulk.file_many(db, settings, actor=actor, rows=rows)


async def read_sheet_upload(upload: UploadFile, settings: Settings) -> list[dict]:
    data = await upload.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise PayloadTooLarge(f"要素表文件超过{settings.max_upload_bytes // (1024 * 1024)}MB，请分批上传", field="file")
    return sheets.read_xlsx(data)


@router.post("/element-sheets.xlsx", response_model=schemas.BulkReport)
async def file_element_sheet_upload(file: UploadFile = File(..., description="the filled .xlsx template"),
                                    actor: Actor = Depends(current_public), db: Database = Depends(get_db),
                                    settings: Settings = Depends(get_settings)):
    """The same from an uploaded .xlsx element sheet; rows are numbered as in the sheet."""
    rows = await read_sheet_upload(file, settings)
    return await run_in_threadpool(bulk.file_many, db, settings, actor=actor, rows=rows)


def xlsx_response(data: bytes, filename: str) -> Response:
    return Response(data, media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.get("/element-sheets/template.xlsx")
def element_sheet_template():
    """The blank element sheet of a financial loan case, with the Chinese headers and one example row."""
    return xlsx_response(sheets.template_xlsx(), "金融借款合同纠纷要素表.xlsx")


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
        case = service.accept(session, settings, actor=actor, application_id=application_id, today=clock.today())
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
                               uploads=[], today=clock.today())


@router.post("/{application_id}/refusal", response_model=schemas.FilingOut)
def refuse(application_id: int, body: schemas.RefusalIn, actor: Actor = Depends(current_actor),
           db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.refuse(session, actor=actor, application_id=application_id, reason=body.reason)
