"""POST /api/v1/verify: anyone, signed in or not, checks a court document by its file and/or its code."""

from fastapi import APIRouter, Depends, File, Form, UploadFile
from starlette.concurrency import run_in_threadpool

from omnicourt.db import Database
from omnicourt.settings import Settings
from omnicourt.signing import verification
from omnicourt.signing.schemas import VerificationResult
from omnicourt.web.deps import get_db, get_settings

router = APIRouter(prefix="/api/v1", tags=["signing"])


@router.post("/verify", response_model=VerificationResult)
async def verify(file: UploadFile | None = File(None, description="the document to check"),
                 code: str = Form("", max_length=40, description="the verification code printed on it"),
                 db: Database = Depends(get_db), settings: Settings = Depends(get_settings)):
    """Who signed the document and when, and whether the file is unchanged; nothing about the case."""
    content = await file.read(settings.max_upload_bytes + 1) if file is not None and file.filename else None
    verification.check_content(content, max_bytes=settings.max_upload_bytes)
    return await run_in_threadpool(verification.verify, db, content=content, code=code.strip() or None)
