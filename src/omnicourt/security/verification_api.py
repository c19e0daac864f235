"""Real-name verification API: the account's profile and verification; companies ask a court to link their
USCC; filing officers decide those requests and see the links suspended until verification."""

import base64
import binascii

from fastapi import APIRouter, Depends

from omnicourt.db import Database
from omnicourt.errors import InvalidInput
from omnicourt.limits import PathId
from omnicourt.security import schemas, verification
from omnicourt.security.roles import Actor
from omnicourt.security.verification import identity_out, link_request_out, run_verification
from omnicourt.settings import Settings
from omnicourt.web.deps import current_actor, current_staff, get_db, get_settings

router = APIRouter(prefix="/api/v1/identity", tags=["identity"])


def _decode_face(text: str | None) -> bytes | None:
    if not text:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise InvalidInput("人脸照片应为base64编码的图片", field="face_image") from None


@router.get("", response_model=schemas.IdentityOut)
def my_identity(actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        verification.require_public(actor)
        return identity_out(session, actor)


@router.post("/verification", response_model=schemas.IdentityOut)
def verify(body: schemas.VerificationIn, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
           settings: Settings = Depends(get_settings)):
    run_verification(db, settings, actor, _decode_face(body.face_image))
    with db.reading() as session:
        return identity_out(session, actor)


@router.post("/company-link-requests", response_model=schemas.CompanyLinkRequestOut, status_code=201)
def request_company_link(body: schemas.CompanyLinkRequestIn, actor: Actor = Depends(current_actor),
                         db: Database = Depends(get_db)):
    with db.transaction() as session:
        return link_request_out(verification.request_company_link(session, actor=actor, court_code=body.court_code))


@router.get("/company-link-requests", response_model=list[schemas.CompanyLinkRequestOut])
def company_link_queue(actor: Actor = Depends(current_staff), db: Database = Depends(get_db)):
    with db.reading() as session:
        return [link_request_out(r, a.display_name) for r, a in verification.company_link_queue(session, actor=actor)]


@router.post("/company-link-requests/{request_id}/decision", response_model=schemas.CompanyLinkRequestOut)
def decide_company_link(request_id: PathId, body: schemas.CompanyLinkDecisionIn, actor: Actor = Depends(current_staff),
                        db: Database = Depends(get_db)):
    with db.transaction() as session:
        return link_request_out(verification.decide_company_link(session, actor=actor, request_id=request_id,
                                                                 approve=body.approve, reason=body.reason))


@router.get("/suspended-links", response_model=list[schemas.SuspendedLinkOut])
def suspended_links(actor: Actor = Depends(current_staff), db: Database = Depends(get_db)):
    with db.reading() as session:
        return [schemas.SuspendedLinkOut(id=link.id, account_id=account.id, username=account.username,
                                         display_name=account.display_name, case_id=link.case_id, number=link.number,
                                         suspended_at=link.suspended_at)
                for link, account in verification.suspended_links(session, actor=actor)]
