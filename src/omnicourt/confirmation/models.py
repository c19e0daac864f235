"""Judicial confirmation (司法确认) of a settlement agreement: the parties' joint application, each party's
confirmation of it, and the 民特 case it became with the judge's ruling."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class ConfirmationApplication(Base):
    __tablename__ = "confirmation_applications"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    mediation_id: Mapped[int] = mapped_column(ForeignKey("mediations.id"), unique=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("settlement_agreements.id"))
    effective_on: Mapped[date] = mapped_column(Date)  # the agreement took effect
    last_day: Mapped[date] = mapped_column(Date)  # rules.last_day_to_apply
    status: Mapped[str] = mapped_column(String(16))  # rules.STATUS_LABELS
    applied_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    applied_on: Mapped[date] = mapped_column(Date)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), unique=True)
    grounds: Mapped[list] = mapped_column(JSON, default=list)  # rules.REFUSAL_GROUNDS codes found
    reason: Mapped[str | None] = mapped_column(Text)
    ruled_on: Mapped[date | None] = mapped_column(Date)
    ruling_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    enforceable: Mapped[bool] = mapped_column(Boolean, default=False)  # CPL art. 206: may start enforcement
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ConfirmationJoin(Base):
    """A party's confirmation of the joint application, with its password re-entered."""

    __tablename__ = "confirmation_joins"
    __table_args__ = (UniqueConstraint("application_id", "party_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("confirmation_applications.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("mediation_parties.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    e_delivery: Mapped[bool] = mapped_column(Boolean)  # consents to electronic delivery of the ruling
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime)
