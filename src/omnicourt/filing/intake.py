"""What the API and the pages both do with what a filer sends: read the attachments within the limits, submit
once per Idempotency-Key, read an uploaded element sheet in the worker process, start filing its rows."""

import logging
from collections.abc import Sequence
from datetime import date

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile  # FastAPI's is a subclass: the API's and the form's both

from omnicourt.db import Database
from omnicourt.dossier import isolation
from omnicourt.dossier import service as dossier
from omnicourt.dossier.service import Upload
from omnicourt.errors import PayloadTooLarge, Unavailable
from omnicourt.filing import batches, bulk, schemas, service
from omnicourt.filing.elements import workbook as sheet_workbook
from omnicourt.idempotency import service as idempotency
from omnicourt.queue import Queue, defer_or_refuse
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

log = logging.getLogger("omnicourt.filing")


async def read_uploads(files: Sequence[UploadFile], settings: Settings, *, max_files: int = dossier.MAX_FILES,
                       field: str = "attachments") -> list[Upload]:
    return await dossier.read_uploads(files, max_bytes=settings.max_upload_bytes, max_files=max_files, field=field)


def submit_once(db: Database, settings: Settings, *, actor: Actor, key: str | None, data: schemas.FilingIn,
                uploads: list[Upload], today: date) -> dict:
    """Submit in one transaction with the key's stored response: a retried request files nothing twice."""
    request = {"filing": data.model_dump(mode="json"), "attachments": [[u.filename, u.content] for u in uploads]}
    with db.transaction() as session:
        return idempotency.once(session, actor_id=actor.id, key=key, operation="filing.submit", request=request,
                                run=lambda: schemas.FilingOut.model_validate(service.submit(
                                    session, settings, actor=actor, data=data, uploads=uploads,
                                    today=today)))


async def read_sheet_upload(upload: UploadFile, settings: Settings) -> list[dict]:
    data = await upload.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise PayloadTooLarge(f"要素表文件超过{settings.max_upload_bytes // (1024 * 1024)}MB，请分批上传", field="file")
    # Parsing a sheet is heavy: in the worker process, within its time limit, off the event loop.
    return await run_in_threadpool(isolation.run, sheet_workbook.read_xlsx, data, name=upload.filename or "要素表",
                                   field="file")


def start_bulk_filing(db: Database, queue: Queue, settings: Settings, actor: Actor, rows: list[dict],
                      uploads: list[Upload], today: date) -> int:
    """Unpack and check the upload, store it and defer the job that files its rows (filing/batches.py); the batch's
    id. Run in the threadpool: unpacking a zip and deferring are blocking work."""
    attachments = bulk.unpack_attachments(uploads, max_bytes=settings.max_upload_bytes)
    batch_id = batches.start(db, actor=actor, rows=rows, attachments=attachments, today=today)
    try:
        run_id = defer_or_refuse(queue, batches.JOB, refusal="系统暂时无法开始处理该要素表，请稍后重新上传",
                                 batch_id=batch_id)
    except Unavailable as refused:
        batches.queued(db, batch_id, run_id=None, error=f"未能排队处理：{type(refused.__cause__).__name__}")
        raise
    batches.queued(db, batch_id, run_id=run_id)
    return batch_id
