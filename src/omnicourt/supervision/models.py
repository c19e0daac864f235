"""Supervision tables: the long-pending ledger, its weekly progress, and reminders / supervision notices.

Every row carries court_id (the case's court) so a PostgreSQL sharded by court can hold it.
"""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class LedgerEntry(Base):
    """One long-pending case on the ledger (台账); a case enters once and leaves when it closes."""

    __tablename__ = "supervision_ledger_entries"
    __table_args__ = (
        Index("ix_supervision_ledger_entries_court_left", "court_id", "left_on"),
        Index("ix_supervision_ledger_entries_division_left", "division_id", "left_on"),
        Index("ix_supervision_ledger_entries_judge", "responsible_judge_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"))
    tier_months: Mapped[int] = mapped_column(Integer)
    entered_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)  # the case closed: the entry leaves the ledger
    responsible_judge_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))  # 督办领导
    target_on: Mapped[date | None] = mapped_column(Date)  # 计划结案日期
    plan: Mapped[str] = mapped_column(Text, default="")
    planned_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    planned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LedgerProgress(Base):
    """The responsible judge's progress note for one ISO week (a second note that week replaces it)."""

    __tablename__ = "supervision_progress"
    __table_args__ = (UniqueConstraint("entry_id", "iso_year", "iso_week"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("supervision_ledger_entries.id"))
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)
    week_start: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SupervisionNotice(Base):
    """A reminder (催办) or supervision notice (督办) to the case's judge; current state here, the path on the
    case timeline and in the audit log."""

    __tablename__ = "supervision_notices"
    __table_args__ = (
        Index("ix_supervision_notices_recipient_status", "recipient_id", "status"),
        Index("ix_supervision_notices_issuer", "issuer_id"),
        Index("ix_supervision_notices_due_status", "due_on", "status"),  # the escalation sweep
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # reminder / supervision_notice
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # issued / acknowledged / replied
    issuer_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    replied_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    replied_on: Mapped[date | None] = mapped_column(Date)  # the court day of the reply, against due_on
    reply: Mapped[str | None] = mapped_column(Text)
    escalated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    escalated_to_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
