"""JSON API of online filing: parties submit and correct; filing officers decide."""

import json
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, File, Form, Query, Response, UploadFile
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from omnicourt.cases.schemas import CaseDetail
from omnicourt.db import Database
from omnicourt.errors import InvalidInput
from omnicourt.filing import batches, bulk, schemas, service
from omnicourt.filing.elements import workbook as sheet_workbook
from omnicourt.filing.intake import read_sheet_upload, read_uploads, start_bulk_filing, submit_once
from omnicourt.idempotency.header import IdempotencyKey
from omnicourt.limits import AfterId, PathId
from omnicourt.paging import CURSOR_HEADER, parse_cursor, send_next_cursor
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.textcheck import invalid_input
from omnicourt.web.deps import court_today, current_actor, current_public, get_db, get_queue, get_settings

router = APIRouter(prefix="/api/v1/filings", tags=["filing"])


def parse_filing_json(text: str) -> schemas.FilingIn:
    try:
        return schemas.FilingIn.model_validate(json.loads(text))
    except ValidationError as error:
        raise invalid_input(error) from None
    except (ValueError, RecursionError):
        raise InvalidInput("立案申请数据不是有效的 JSON", field="filing") from None


@router.post("", response_model=schemas.FilingOut, status_code=201)
def submit_json(body: schemas.FilingIn, idempotency_key: IdempotencyKey = None,
                actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                settings: Settings = Depends(get_settings), today: date = Depends(court_today)):
    """File a case (no attachments). Use /api/v1/filings/multipart to attach PDF or image files."""
    return submit_once(db, settings, actor=actor, key=idempotency_key, data=body, uploads=[], today=today)


@router.post("/multipart", response_model=schemas.FilingOut, status_code=201)
async def submit_multipart(filing: str = Form(..., description="FilingIn as JSON"),
                           attachments: list[UploadFile] = File(default=[]), idempotency_key: IdempotencyKey = None,
                           actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                           settings: Settings = Depends(get_settings), today: date = Depends(court_today)):
    data = parse_filing_json(filing)
    uploads = await read_uploads(attachments, settings)
    return await run_in_threadpool(submit_once, db, settings, actor=actor, key=idempotency_key, data=data,
                                   uploads=uploads, today=today)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


BATCH_STATUS = "/api/v1/filings/element-sheets/batches/{batch_id}"


def batch_out(state: batches.BatchStatus) -> schemas.BulkFilingOut:
    return schemas.BulkFilingOut(id=state.id, state=state.state, done=state.done, total=state.total,
                                 error=state.error, status_url=BATCH_STATUS.format(batch_id=state.id),
                                 report=state.report)


def _started(db: Database, actor: Actor, batch_id: int, response: Response) -> schemas.BulkFilingOut:
    response.status_code = 202
    response.headers["Location"] = BATCH_STATUS.format(batch_id=batch_id)
    with db.reading() as session:
        return batch_out(batches.status(session, actor=actor, batch_id=batch_id))


@router.post("/element-sheets", response_model=schemas.BulkFilingOut, status_code=202)
async def file_element_sheets(response: Response,
                              rows: list[dict[str, Any]] = Body(..., description="rows of the element sheet: "
                                                                                 "{column key: cell text}"),
                              actor: Actor = Depends(current_public), db: Database = Depends(get_db),
                              queue: Queue = Depends(get_queue), settings: Settings = Depends(get_settings),
                              today: date = Depends(court_today)):
    """File financial loan cases by element sheet (要素式起诉), up to 2,000 rows, in the background: 202 with the
    batch to poll; each valid row becomes an application in its own transaction, and the report, once done, gives
    each row's application id or its cell errors. What refuses the whole sheet (too many rows, none) is a 4xx now."""
    batch_id = await run_in_threadpool(start_bulk_filing, db, queue, settings, actor, rows, [], today)
    return _started(db, actor, batch_id, response)


@router.post("/element-sheets.xlsx", response_model=schemas.BulkFilingOut, status_code=202)
async def file_element_sheet_upload(response: Response,
                                    file: UploadFile = File(..., description="the filled .xlsx template"),
                                    attachments: list[UploadFile] = File(
                                        default=[], description="each row's documents (PDF, JPG, PNG, DOCX), named "
                                        "by its contract number (HT2024-001_借款合同.pdf), or a .zip of them"),
                                    actor: Actor = Depends(current_public), db: Database = Depends(get_db),
                                    queue: Queue = Depends(get_queue), settings: Settings = Depends(get_settings),
                                    today: date = Depends(court_today)):
    """The same from an uploaded .xlsx element sheet; rows are numbered as in the sheet. Each row is filed with the
    attachments whose names start with its contract number (in a .zip: also a folder named by it); an attachment
    that names no row refuses the upload now."""
    rows = await read_sheet_upload(file, settings)
    uploads = await read_uploads(attachments, settings, max_files=bulk.MAX_ATTACHMENTS)
    batch_id = await run_in_threadpool(start_bulk_filing, db, queue, settings, actor, rows, uploads, today)
    return _started(db, actor, batch_id, response)


@router.get("/element-sheets/batches/{batch_id}", response_model=schemas.BulkFilingOut)
def element_sheet_batch(batch_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """How far an element sheet's filing has come, and its report once done (the uploader's own only)."""
    with db.reading() as session:
        return batch_out(batches.status(session, actor=actor, batch_id=batch_id))


def xlsx_response(data: bytes, filename: str) -> Response:
    return Response(data, media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.get("/element-sheets/template.xlsx")
def element_sheet_template():
    """The blank element sheet of a financial loan case, with the Chinese headers and one example row."""
    return xlsx_response(sheet_workbook.template_xlsx(), "金融借款合同纠纷要素表.xlsx")


PageSize = Annotated[int, Query(ge=1, le=200)]


@router.get("", response_model=list[schemas.FilingOut])
def my_filings(response: Response, limit: PageSize = 100, after: AfterId = None,
               actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The caller's applications, newest first; a full page carries the next page's `after` in X-Next-Cursor."""
    with db.reading() as session:
        found = service.mine(session, actor=actor, limit=limit, after_id=after)
    if len(found) == limit:
        response.headers[CURSOR_HEADER] = str(found[-1].id)
    return found


@router.get("/queue", response_model=list[schemas.FilingOut])
def filing_queue(response: Response, limit: PageSize = 100,
                 cursor: str | None = Query(None, max_length=40, description="X-Next-Cursor of the previous page"),
                 actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The court's applications waiting for a decision, the nearest decision day first."""
    with db.reading() as session:
        found = service.queue(session, actor=actor, limit=limit, after=parse_cursor(cursor))
    send_next_cursor(response, found, limit, "decision_due_on")
    return found


@router.get("/{application_id}", response_model=schemas.FilingOut)
def get_filing(application_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.get_application(session, actor=actor, application_id=application_id)


@router.post("/{application_id}/acceptance", response_model=CaseDetail)
def accept(application_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
           settings: Settings = Depends(get_settings), today: date = Depends(court_today),
           queue: Queue = Depends(get_queue)):
    """Open the case; its notices are written and delivered by a job (201 before they are)."""
    with db.transaction() as session:
        case = service.accept(session, settings, actor=actor, application_id=application_id, today=today,
                              queue=queue)
        return CaseDetail.model_validate(case)


@router.post("/{application_id}/correction-request", response_model=schemas.FilingOut)
def request_correction(application_id: PathId, body: schemas.CorrectionIn, actor: Actor = Depends(current_actor),
                       db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.request_correction(session, actor=actor, application_id=application_id, items=body.items)


@router.post("/{application_id}/correction", response_model=schemas.FilingOut)
def correct(application_id: PathId, body: schemas.FilingIn, actor: Actor = Depends(current_actor),
            db: Database = Depends(get_db), settings: Settings = Depends(get_settings),
            today: date = Depends(court_today)):
    with db.transaction() as session:
        return service.correct(session, settings, actor=actor, application_id=application_id, data=body,
                               uploads=[], today=today)


@router.post("/{application_id}/refusal", response_model=schemas.FilingOut)
def refuse(application_id: PathId, body: schemas.RefusalIn, actor: Actor = Depends(current_actor),
           db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.refuse(session, actor=actor, application_id=application_id, reason=body.reason)
