"""Real-name verification API: the account's profile and verification; companies ask a court to link their
USCC; filing officers decide those requests and see the links suspended until verification."""

import base64
import binascii

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from omnicourt.db import Database
from omnicourt.errors import InvalidInput
from omnicourt.limits import PathId
from omnicourt.security import identity, rules, schemas, verification
from omnicourt.security.models import Account, CompanyLinkRequest
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import current_actor, current_staff, get_db, get_settings

router = APIRouter(prefix="/api/v1/identity", tags=["identity"])


def run_verification(db: Database, settings: Settings, actor: Actor, face_image: bytes | None) -> None:
    """Ask the verifier outside any transaction (a remote call must not hold the write lock), then store
    the answer; a refusal is committed before the account is told."""
    face_image = identity.check_face_image(face_image)
    with db.reading() as session:
        check = verification.prepare_check(session, settings, account_id=actor.id, face_image=face_image)
    verifier = identity.verifier_from(settings)
    person = verifier.confirms_person(check.claim)
    representative = person and check.uscc is not None and verifier.confirms_representative(
        uscc=check.uscc, id_number=check.claim.id_number)
    with db.transaction() as session:
        verification.record_check(session, account_id=actor.id, person_confirmed=person,
                                  representative_confirmed=representative)
    if not person:
        raise InvalidInput("实名核验未通过：姓名与公民身份号码不一致，或人脸比对未通过", field="id_number")


def link_request_out(request: CompanyLinkRequest, company: str | None = None) -> schemas.CompanyLinkRequestOut:
    return schemas.CompanyLinkRequestOut(id=request.id, account_id=request.account_id, company=company,
                                         uscc=request.uscc, court_id=request.court_id, status=request.status,
                                         requested_at=request.requested_at, reason=request.reason)


def identity_out(session: Session, actor: Actor) -> schemas.IdentityOut:
    account = session.get_one(Account, actor.id)
    return schemas.IdentityOut(
        username=account.username, display_name=account.display_name, role=account.role,
        person_type=account.person_type, id_number=rules.mask_number(account.id_number), uscc=account.uscc,
        legal_representative=account.legal_representative, identity_verified=account.identity_verified_at is not None,
        linked_number=rules.mask_number(verification.bound_number(session, account.id)),
        practice_certificate_number=account.practice_certificate_number, law_firm=account.law_firm,
        company_link_requests=[link_request_out(r) for r in verification.company_link_requests_of(session,
                                                                                                   actor=actor)])


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
