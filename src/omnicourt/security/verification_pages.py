"""Pages of real-name verification: the account's page (profile, verification, a company's link request)
and the filing officers' page (company link requests, links suspended until verification)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from omnicourt.errors import DomainError
from omnicourt.limits import PathId
from omnicourt.reference import service as reference
from omnicourt.security import verification
from omnicourt.security.identity import MAX_FACE_IMAGE_BYTES
from omnicourt.security.roles import Actor
from omnicourt.security.verification import identity_out, run_verification
from omnicourt.textcheck import Code, ShortText
from omnicourt.web.deps import current_actor, current_staff
from omnicourt.web.pages import see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)


def _account_page(request: Request, actor: Actor, *, flash: dict | None = None, status: int = 200):
    verification.require_public(actor)
    with request.app.state.db.reading() as session:
        context = {"me": identity_out(session, actor), "courts": reference.list_courts(session)}
    return render(request, "security/account.html", context | {"flash": flash}, status=status)


def _refused(request: Request, actor: Actor, error: DomainError):
    if error.status == 403:
        raise error  # denials go to the error page, which audits them
    return _account_page(request, actor, flash={"kind": "error", "message": error.message}, status=error.status)


@router.get("/portal/account")
def account_page(request: Request, actor: Actor = Depends(current_actor)):
    return _account_page(request, actor)


@router.post("/portal/account/verification")
async def verify(request: Request, face_image: UploadFile | None = None, actor: Actor = Depends(current_actor)):
    # Read one byte past the limit: enough to refuse an oversized photo without reading it all.
    photo = await face_image.read(MAX_FACE_IMAGE_BYTES + 1) if face_image and face_image.filename else None
    # The database and the remote identity service block: off the event loop.
    return await run_in_threadpool(_verify_with_photo, request, actor, photo)


def _verify_with_photo(request: Request, actor: Actor, photo: bytes | None):
    try:
        verification.require_public(actor)
        run_verification(request.app.state.db, request.app.state.settings, actor, photo)
    except DomainError as error:
        return _refused(request, actor, error)
    return see_other(request, "/portal/account")


@router.post("/portal/account/company-link-requests")
def request_company_link(request: Request, court_code: Annotated[Code, Form()] = "",
                         actor: Actor = Depends(current_actor)):
    try:
        with request.app.state.db.transaction() as session:
            verification.request_company_link(session, actor=actor, court_code=court_code[:16])
    except DomainError as error:
        return _refused(request, actor, error)
    return see_other(request, "/portal/account")


@router.get("/bench/identity")
def officer_page(request: Request, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        context = {"requests": verification.company_link_queue(session, actor=actor),
                   "suspended": verification.suspended_links(session, actor=actor)}
    return render(request, "security/officer.html", context)


@router.post("/bench/identity/company-link-requests/{request_id}/decision")
def decide_company_link(request: Request, request_id: PathId, approve: str = Form("", max_length=8),
                        reason: Annotated[ShortText, Form()] = "",
                        actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        verification.decide_company_link(session, actor=actor, request_id=request_id, approve=approve == "yes",
                                         reason=reason[:500])
    return see_other(request, "/bench/identity")
