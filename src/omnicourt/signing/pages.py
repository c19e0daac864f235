"""/verify: the public page where anyone checks a court document, by uploading it or typing its code; no sign-in."""

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from omnicourt.errors import DomainError
from omnicourt.signing import verification
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/verify")
def verify_form(request: Request):
    return render(request, "signing/verify.html", {})


@router.post("/verify")
async def verify(request: Request):
    settings = request.app.state.settings
    form = await request.form()
    upload, code = form.get("file"), str(form.get("code") or "").strip()[:40]
    try:
        content = None
        if isinstance(upload, UploadFile) and upload.filename:
            content = await upload.read(settings.max_upload_bytes + 1)
        verification.check_content(content, max_bytes=settings.max_upload_bytes)
        result = await run_in_threadpool(verification.verify, request.app.state.db, content=content,
                                         code=code or None)
    except DomainError as error:
        return render(request, "signing/verify.html", {"code": code, "flash": {"kind": "error",
                                                                             "message": error.message}},
                      status=error.status)
    return render(request, "signing/verify.html", {"code": code, "result": result})
