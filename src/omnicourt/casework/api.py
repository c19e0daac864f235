"""The JSON API of closing a case (its route stays under /api/v1/cases: the judge closes the case)."""

from datetime import date

from fastapi import APIRouter, Depends, File, Form, UploadFile

from omnicourt.cases import schemas
from omnicourt.casework import closing
from omnicourt.db import Database
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import court_today, current_actor, get_db, get_queue, get_settings

router = APIRouter(prefix="/api/v1/cases", tags=["cases"])


@router.post("/{case_id}/closing", response_model=schemas.CaseDetail)
def close_case(case_id: PathId, method: str = Form(..., description="judgment / mediation / withdrawal / dismissal"),
               closed_on: date = Form(...), confirmed: bool = Form(False, description="the judge confirms the closing"),
               document: UploadFile | None = File(None, description="the signed deciding document (PDF)"),
               actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
               settings: Settings = Depends(get_settings), today: date = Depends(court_today),
               queue: Queue = Depends(get_queue)):
    """Close the case with its deciding document (multipart); the fee follows the closing method."""
    upload = closing.read_document(document, settings.max_upload_bytes)
    request = closing.ClosingRequest(method, closed_on, confirmed, upload)
    with db.transaction() as session:
        case = closing.close(session, settings, actor=actor, case_id=case_id, request=request, today=today,
                             queue=queue)
        return schemas.CaseDetail.model_validate(case)
