"""Online mediation (在线调解): the court's roster of mediation organisations and invited mediators, each
mediation with its parties, its timeline, messages, settlement agreement versions and their signatures.

A pre-filing mediation (委派调解) holds what the party filed, unchanged, until it settles or is handed over to
filing; an entrusted mediation (委托调解) belongs to an open case. A mediation's current state is kept on its row,
its path in its own timeline (mediation_events), which its parties alone see.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class MediationOrganisation(Base):
    """A mediation organisation registered with a court (人民调解委员会, an industry or bank mediation centre,
    lawyers' mediation)."""

    __tablename__ = "mediation_organisations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))  # rules.ORGANISATION_KINDS
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Mediator(Base):
    """An invited mediator (特邀调解员) on a court's roster, signing in with an account of role `mediator`."""

    __tablename__ = "mediators"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("mediation_organisations.id"))
    name: Mapped[str] = mapped_column(String(64))
    specialities: Mapped[list] = mapped_column(JSON, default=list)  # cause codes (a prefix covers its children)
    areas: Mapped[list] = mapped_column(JSON, default=list)  # districts or towns served
    status: Mapped[str] = mapped_column(String(16))  # active / suspended
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Mediation(Base):
    __tablename__ = "mediations"
    __table_args__ = (Index("ix_mediations_status_accept_by", "status", "accept_by"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    number: Mapped[str] = mapped_column(String(40), index=True)  # （2026）浙0106民诉前调1号, or the case's
    kind: Mapped[str] = mapped_column(String(16))  # pre_filing (委派) / entrusted (委托)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    procedure: Mapped[str | None] = mapped_column(String(16))  # entrusted: the case's, which sets the limit
    cause_code: Mapped[str] = mapped_column(String(64))
    cause_name: Mapped[str] = mapped_column(String(64))
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    filing: Mapped[dict | None] = mapped_column(JSON)  # pre-filing: what the party filed (filing's FilingIn)
    consented_at: Mapped[datetime] = mapped_column(UtcDateTime)  # the consent to mediate (在线调解规则 art. 4)
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("mediators.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # rules.STATUS_LABELS
    assigned_on: Mapped[date | None] = mapped_column(Date)
    accept_by: Mapped[date | None] = mapped_column(Date)  # 3 working days after assignment
    accepted_on: Mapped[date | None] = mapped_column(Date)  # the mediator signed for it: the limit runs
    base_ends_on: Mapped[date | None] = mapped_column(Date)  # the limit the law gives (30 / 15 / 7 days)
    ends_on: Mapped[date | None] = mapped_column(Date)  # that limit, or as extended by consent
    ended_on: Mapped[date | None] = mapped_column(Date)
    undisputed_facts: Mapped[str | None] = mapped_column(Text)  # 无争议事实记载, on failure
    filing_application_id: Mapped[int | None] = mapped_column(BigId, unique=True)  # the hand-over's filing
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MediationParty(Base):
    """A party to a mediation; its account (the applicant's) or its bound ID number / USCC lets it in."""

    __tablename__ = "mediation_parties"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    mediation_id: Mapped[int] = mapped_column(ForeignKey("mediations.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    role: Mapped[str] = mapped_column(String(16))  # plaintiff / defendant / third_party / agent
    name: Mapped[str] = mapped_column(String(128))
    number: Mapped[str | None] = mapped_column(String(18), index=True)  # ID number or USCC
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    # 在线诉讼规则 art. 20(1): consent to asynchronous mediation; None until the party answers
    async_consent: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    async_consent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class MediationEvent(Base):
    """A step of a mediation, in order; its parties and mediator see them all."""

    __tablename__ = "mediation_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    mediation_id: Mapped[int] = mapped_column(ForeignKey("mediations.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(24))  # rules.EVENT_LABELS
    summary: Mapped[str] = mapped_column(String(500))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))


class MediationMessage(Base):
    """A message or proposal between the mediator and the parties (asynchronous, 在线诉讼规则 art. 20), with
    its document if one was sent."""

    __tablename__ = "mediation_messages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    mediation_id: Mapped[int] = mapped_column(ForeignKey("mediations.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    author: Mapped[str] = mapped_column(String(160))  # 调解员张三 / 原告李四, as written then
    text: Mapped[str] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class SettlementAgreement(Base):
    """A version of the settlement agreement (调解协议); a change is a new version and the earlier one's
    signatures lapse with it."""

    __tablename__ = "settlement_agreements"
    __table_args__ = (UniqueConstraint("mediation_id", "version"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    mediation_id: Mapped[int] = mapped_column(ForeignKey("mediations.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    version: Mapped[int] = mapped_column(Integer)
    terms: Mapped[dict] = mapped_column(JSON)  # obligations, amounts, dates, default consequences
    text: Mapped[str] = mapped_column(Text)  # the agreement as the parties read and sign it
    status: Mapped[str] = mapped_column(String(16))  # open / superseded / effective
    drafted_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    drafted_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AgreementSignature(Base):
    """A party's online signature of one version, after re-entering its password (在线诉讼规则 arts 7, 33)."""

    __tablename__ = "agreement_signatures"
    __table_args__ = (UniqueConstraint("agreement_id", "party_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("settlement_agreements.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("mediation_parties.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    method: Mapped[str] = mapped_column(String(16))  # password
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MediationStatement(Base):
    """A mediation statement (调解书) the judge drafts in a case from the settlement terms; it takes effect when
    every party has signed for it (CPL art. 100; 解释 art. 149: on the last signature's date)."""

    __tablename__ = "mediation_statements"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    mediation_id: Mapped[int | None] = mapped_column(ForeignKey("mediations.id"))  # the entrusted mediation's terms
    terms: Mapped[dict] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    status: Mapped[str] = mapped_column(String(16))  # issued / effective / withdrawn
    drafted_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    drafted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    effective_on: Mapped[date | None] = mapped_column(Date)


class StatementReceipt(Base):
    """A party's signature for receipt of a mediation statement online, after re-entering its password."""

    __tablename__ = "statement_receipts"
    __table_args__ = (UniqueConstraint("statement_id", "case_party_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("mediation_statements.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MediationReferral(Base):
    """A filing referred to pre-filing mediation before the filing officer decides on it: by the court's
    configured causes (referred_by None) or by the officer; the party's answer is its consent, or not."""

    __tablename__ = "mediation_referrals"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("filing_applications.id"), unique=True)
    referred_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    referred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    consent: Mapped[bool | None] = mapped_column(Boolean)  # None: not answered yet
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    mediation_id: Mapped[int | None] = mapped_column(ForeignKey("mediations.id"), unique=True)
