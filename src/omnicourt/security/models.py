"""Accounts (staff and public), server-side sessions, failed logins for throttling, password resets;
real-name verification: identity bindings, company link requests, suspended case links."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, UtcDateTime


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(8))  # staff / public
    role: Mapped[str] = mapped_column(String(32))  # glossary roles; public accounts: party / lawyer
    display_name: Mapped[str] = mapped_column(String(128))
    court_id: Mapped[int | None] = mapped_column(ForeignKey("courts.id"), index=True)
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"), index=True)
    # Real-name identity of a public account (在线诉讼规则 art. 7).
    person_type: Mapped[str | None] = mapped_column(String(16))  # natural / legal
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    uscc: Mapped[str | None] = mapped_column(String(18), index=True)
    legal_representative: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20))
    # When the verifier confirmed the person (for a company: its legal representative); None: unverified.
    identity_verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Lawyers: 律师执业证号 and the law firm they practise at.
    practice_certificate_number: Mapped[str | None] = mapped_column(String(17))
    law_firm: Mapped[str | None] = mapped_column(String(128))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LoginSession(Base):
    __tablename__ = "login_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # When the session was opened (the oldest is closed past the cap) and last used (idle timeout).
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class FailedLogin(Base):
    __tablename__ = "failed_logins"
    __table_args__ = (Index("ix_failed_logins_username_at", "username", "at"),
                      Index("ix_failed_logins_address_at", "address", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(64))  # the client's IP address
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class IdentityBinding(Base):
    """An ID number or USCC bound to the one verified account it belongs to: the only way an account is
    linked to cases by number. The number is the primary key, so a second account cannot bind it."""

    __tablename__ = "identity_bindings"

    number: Mapped[str] = mapped_column(String(18), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # id_number / uscc
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    method: Mapped[str] = mapped_column(String(16))  # verifier / registry / officer / demo
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    bound_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CompanyLinkRequest(Base):
    """A company account whose representative is verified asks a court's filing officer to link its USCC."""

    __tablename__ = "company_link_requests"
    __table_args__ = (Index("ix_company_link_requests_court_status", "court_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    uscc: Mapped[str] = mapped_column(String(18))
    status: Mapped[str] = mapped_column(String(16))  # pending / approved / refused
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reason: Mapped[str | None] = mapped_column(String(500))


class SuspendedCaseLink(Base):
    """A link by ID number or USCC between an account that was never verified and a case, cut when
    verification became required; listed for the court until the account is verified."""

    __tablename__ = "suspended_case_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    number: Mapped[str] = mapped_column(String(18))
    suspended_at: Mapped[datetime] = mapped_column(UtcDateTime)


class IdentityRefusal(Base):
    """A verification the verifier refused: counted to cap attempts per account and day."""

    __tablename__ = "identity_refusals"
    __table_args__ = (Index("ix_identity_refusals_account_at", "account_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class PasswordReset(Base):
    """A single-use reset token sent by text message; only its hash is kept."""

    __tablename__ = "password_resets"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OneTimeCode(Base):
    """A 6-digit code texted as a second factor (在线诉讼规则 art. 7), kept as an HMAC of the code with its own salt.
    Verified once within its life, it becomes a short-lived proof that a use case consumes (security/one_time_codes.py).
    """

    __tablename__ = "one_time_codes"
    __table_args__ = (Index("ix_one_time_codes_account_created", "account_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    purpose: Mapped[str] = mapped_column(String(32))  # what the proof is for: "online_hearing"
    salt: Mapped[str] = mapped_column(String(32))
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    proof_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    consumed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
