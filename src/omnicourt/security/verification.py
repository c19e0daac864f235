"""Real-name verification of public accounts, and the links it opens to cases.

An account is linked to cases by ID number or USCC only through its IdentityBinding, which exists only
after verification: a natural person by the verifier; a company by its verified legal representative whom
the company register confirms, or by a filing officer's approval. Until then it sees only what it filed.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.db import Database, utcnow
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound, TooManyRequests
from omnicourt.reference import service as reference
from omnicourt.security import identity, rules, schemas
from omnicourt.security.identity import PersonClaim
from omnicourt.security.models import (
    Account,
    CompanyLinkRequest,
    IdentityBinding,
    IdentityRefusal,
    SuspendedCaseLink,
)
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

NUMBER_LABELS = {"id_number": "公民身份号码", "uscc": "统一社会信用代码"}
MAX_LISTED = 200


@dataclass(frozen=True)
class PendingCheck:
    """What the verifier is asked about one account."""

    claim: PersonClaim
    uscc: str | None  # a company account: its representative is checked against the company register


def bound_number(session: Session, account_id: int) -> str | None:
    return session.scalar(select(IdentityBinding.number).where(IdentityBinding.account_id == account_id))


def require_public(actor: Actor) -> None:
    if actor.is_staff:
        raise Forbidden("实名认证仅适用于当事人和律师账户")


def _public_account(session: Session, account_id: int, *, for_update: bool = False) -> Account:
    query = select(Account).where(Account.id == account_id)
    account = session.scalar(query.with_for_update() if for_update else query)
    if account is None or account.kind != "public":
        raise Forbidden("实名认证仅适用于当事人和律师账户")
    return account


def prepare_check(session: Session, settings: Settings, *, account_id: int, face_image: bytes | None
                  ) -> PendingCheck:
    """Refuse what need not or may not be checked; else say whom to check. No writes."""
    account = _public_account(session, account_id)
    if account.identity_verified_at is not None:
        raise Conflict("该账户已完成实名认证", field="account")
    since = utcnow() - timedelta(days=1)
    refusals = session.scalars(select(func.count()).select_from(IdentityRefusal).where(
        IdentityRefusal.account_id == account_id, IdentityRefusal.at >= since)).one()
    if refusals >= settings.identity_attempts_per_day:
        raise TooManyRequests("实名核验未通过次数过多，请于24小时后再试")
    legal = account.person_type == "legal"
    name = account.legal_representative if legal else account.display_name
    return PendingCheck(PersonClaim(name or "", account.id_number or "", face_image), account.uscc if legal else None)


def record_check(session: Session, *, account_id: int, person_confirmed: bool, representative_confirmed: bool
                 ) -> Account:
    """Store the verifier's answer. A refusal is recorded (the caller commits it, then refuses); a
    confirmation verifies the account and binds its number (a company's USCC only when the register
    confirms its representative; otherwise a filing officer may approve the link)."""
    account = _public_account(session, account_id, for_update=True)
    if not person_confirmed:
        session.add(IdentityRefusal(account_id=account.id, at=utcnow()))
        audit.record(session, actor_id=account.id, action=AuditAction.IDENTITY_REFUSED, object_type="account",
                     object_id=account.id)
        return account
    account.identity_verified_at = utcnow()
    if account.person_type != "legal" or representative_confirmed:
        bind(session, account, method="registry" if account.person_type == "legal" else "verifier")
    audit.record(session, actor_id=account.id, action=AuditAction.IDENTITY_VERIFIED, object_type="account",
                 object_id=account.id, details={"company_linked": representative_confirmed})
    return account


def bind(session: Session, account: Account, *, method: str, approved_by: int | None = None) -> IdentityBinding:
    """Bind the account's number (a company's USCC, a person's ID number) to it, unless another verified
    account holds it. One insert that does nothing on conflict: of two verifications at once, the second
    waits for the first's commit and then finds the number taken."""
    kind = "uscc" if account.person_type == "legal" else "id_number"
    number = account.uscc if kind == "uscc" else account.id_number
    insert_fn = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    inserted = session.execute(
        insert_fn(IdentityBinding).values(number=number, kind=kind, account_id=account.id, method=method,
                                          approved_by=approved_by, bound_at=utcnow())
        .on_conflict_do_nothing(index_elements=["number"]).returning(IdentityBinding.account_id)
    ).scalar()
    if inserted is None and bound_number(session, account.id) != number:
        raise Conflict(f"该{NUMBER_LABELS[kind]}已绑定另一个已实名认证的账户；如有疑问请联系法院立案庭",
                       field=kind)
    return session.get_one(IdentityBinding, number)


# ---------------------------------------------------------------- companies: a filing officer's approval


def request_company_link(session: Session, *, actor: Actor, court_code: str) -> CompanyLinkRequest:
    """A company whose representative is verified asks a court's filing officers to link its USCC."""
    account = _public_account(session, actor.id, for_update=True)
    if account.person_type != "legal":
        raise Forbidden("仅单位账户需要申请关联统一社会信用代码")
    if account.identity_verified_at is None:
        raise Conflict("请先完成法定代表人的实名认证", field="account")
    if bound_number(session, account.id):
        raise Conflict("该单位账户已关联统一社会信用代码", field="uscc")
    if session.scalar(select(CompanyLinkRequest.id).where(CompanyLinkRequest.account_id == account.id,
                                                          CompanyLinkRequest.status == "pending")):
        raise Conflict("已有待审核的关联申请，请等待法院审核", field="court_code")
    court = reference.court_by_code(session, court_code)
    request = CompanyLinkRequest(account_id=account.id, court_id=court.id, uscc=account.uscc, status="pending",
                                 requested_at=utcnow())
    session.add(request)
    session.flush()
    audit.record(session, actor_id=account.id, action=AuditAction.IDENTITY_COMPANY_LINK_REQUESTED,
                 object_type="company_link_request", object_id=request.id, court_id=court.id)
    return request


def _require_filing_officer(actor: Actor) -> None:
    if actor.role != "filing_officer":
        raise Forbidden("只有立案庭工作人员可以处理实名关联事项")


def company_link_queue(session: Session, *, actor: Actor) -> list[tuple[CompanyLinkRequest, Account]]:
    """The court's pending requests, the oldest first, each with the company's account."""
    _require_filing_officer(actor)
    return list(session.execute(
        select(CompanyLinkRequest, Account).join(Account, Account.id == CompanyLinkRequest.account_id)
        .where(CompanyLinkRequest.court_id == actor.court_id, CompanyLinkRequest.status == "pending")
        .order_by(CompanyLinkRequest.id).limit(MAX_LISTED)
    ).tuples())


def decide_company_link(session: Session, *, actor: Actor, request_id: int, approve: bool, reason: str = ""
                        ) -> CompanyLinkRequest:
    """Approve (bind the USCC) or refuse with a reason, once, at the request's court."""
    _require_filing_officer(actor)
    request = session.scalar(select(CompanyLinkRequest).where(CompanyLinkRequest.id == request_id)
                             .with_for_update())
    if request is None:
        raise NotFound("关联申请不存在", field="request_id")
    if request.court_id != actor.court_id:
        raise Forbidden("该关联申请不属于本院", field="request_id")
    if request.status != "pending":
        raise Conflict("该关联申请已处理", field="request_id")
    reason = (reason or "").strip()
    if not approve and len(reason) < 4:
        raise InvalidInput("不予关联须写明理由（不少于4个字）", field="reason")
    if approve:
        bind(session, _public_account(session, request.account_id, for_update=True), method="officer",
             approved_by=actor.id)
    request.status = "approved" if approve else "refused"
    request.decided_by, request.decided_at, request.reason = actor.id, utcnow(), reason[:500] or None
    decided = AuditAction.IDENTITY_COMPANY_LINK_APPROVED if approve else AuditAction.IDENTITY_COMPANY_LINK_REFUSED
    audit.record(session, actor_id=actor.id, action=decided,
                 object_type="company_link_request", object_id=request.id, court_id=request.court_id,
                 details={"account_id": request.account_id, "reason": request.reason})
    return request


def company_link_requests_of(session: Session, *, actor: Actor) -> list[CompanyLinkRequest]:
    return list(session.scalars(select(CompanyLinkRequest).where(CompanyLinkRequest.account_id == actor.id)
                                .order_by(CompanyLinkRequest.id.desc()).limit(MAX_LISTED)))


# ---------------------------------------------------------------- links suspended by the migration


def suspended_links(session: Session, *, actor: Actor) -> list[tuple[SuspendedCaseLink, Account]]:
    """The court's links cut because the account was never verified, while it still is not."""
    _require_filing_officer(actor)
    still_unbound = ~exists().where(IdentityBinding.account_id == SuspendedCaseLink.account_id)
    return list(session.execute(
        select(SuspendedCaseLink, Account).join(Account, Account.id == SuspendedCaseLink.account_id)
        .where(SuspendedCaseLink.court_id == actor.court_id, still_unbound)
        .order_by(SuspendedCaseLink.id).limit(MAX_LISTED)
    ).tuples())


# ---------------------------------------------------------------- what the API and the pages both show and do


def run_verification(db: Database, settings: Settings, actor: Actor, face_image: bytes | None) -> None:
    """Ask the verifier outside any transaction (a remote call must not hold the write lock), then store
    the answer; a refusal is committed before the account is told."""
    face_image = identity.check_face_image(face_image)
    with db.reading() as session:
        check = prepare_check(session, settings, account_id=actor.id, face_image=face_image)
    verifier = identity.verifier_from(settings)
    person = verifier.confirms_person(check.claim)
    representative = person and check.uscc is not None and verifier.confirms_representative(
        uscc=check.uscc, id_number=check.claim.id_number)
    with db.transaction() as session:
        record_check(session, account_id=actor.id, person_confirmed=person,
                     representative_confirmed=representative)
    if not person:
        raise InvalidInput("实名核验未通过：姓名与公民身份号码不一致，或人脸比对未通过", field="id_number")


def link_request_out(request: CompanyLinkRequest, company: str | None = None) -> schemas.CompanyLinkRequestOut:
    return schemas.CompanyLinkRequestOut(id=request.id, account_id=request.account_id, company=company,
                                         uscc=request.uscc, court_id=request.court_id, status=request.status,
                                         requested_at=request.requested_at, reason=request.reason)


def identity_out(session: Session, actor: Actor) -> schemas.IdentityOut:
    account = session.get_one(Account, actor.id)  # the signed-in account
    return schemas.IdentityOut(
        username=account.username, display_name=account.display_name, role=account.role,
        person_type=account.person_type, id_number=rules.mask_number(account.id_number), uscc=account.uscc,
        legal_representative=account.legal_representative, identity_verified=account.identity_verified_at is not None,
        linked_number=rules.mask_number(bound_number(session, account.id)),
        practice_certificate_number=account.practice_certificate_number, law_firm=account.law_firm,
        company_link_requests=[link_request_out(r) for r in company_link_requests_of(session, actor=actor)])
