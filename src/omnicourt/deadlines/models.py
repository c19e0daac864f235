"""Deadline adjustments (extensions, suspensions, ...) with their approvals, and warnings sent.

An adjustment keeps its current state; its path (applied, approved or refused) is also written
to the case timeline and the audit log, which are append-only.
"""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class DeadlineAdjustment(Base):
    __tablename__ = "deadline_adjustments"
    __table_args__ = (
        Index("ix_deadline_adjustments_case", "case_id"),
        Index("ix_deadline_adjustments_approver_status", "approver_court_id", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    kind: Mapped[str] = mapped_column(String(16))  # extension / suspension / conversion
    suspension_kind: Mapped[str | None] = mapped_column(String(32))
    procedure_from: Mapped[str | None] = mapped_column(String(16))  # a conversion (简易转普通 ...)
    procedure_to: Mapped[str | None] = mapped_column(String(16))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)  # None: still running
    months: Mapped[int] = mapped_column(Integer, default=0)  # extension length
    days: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16))  # pending / approved / refused
    applied_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    applied_on: Mapped[date] = mapped_column(Date)
    approver_level: Mapped[str | None] = mapped_column(String(16))  # president / higher_court
    approver_court_id: Mapped[int | None] = mapped_column(ForeignKey("courts.id"))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_reason: Mapped[str | None] = mapped_column(String(500))


class DeadlineWarning(Base):
    """One row per case and threshold reached, so each warning is sent once."""

    __tablename__ = "deadline_warnings"
    __table_args__ = (UniqueConstraint("case_id", "threshold"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    threshold: Mapped[int] = mapped_column(Integer)  # days left; -1: overdue
    deadline_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
