"""The aggregates behind the supervision screen, kept current from the case timeline.

Two grains: the judge grain (court, division, judge, cause, procedure, …) for drilling inside a
court, and the court rollup (cause, procedure, …, court) for the province and city screens, where
cause = procedure = '*' rows hold each court's totals. Division and judge are 0 before assignment.
`dashboard_case_marks` holds what each case contributes now, so a change is applied as new minus
old contributions (idempotent); `dashboard_watermarks` holds the last timeline event applied.
"""

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime

CAUSE = String(64)
PROCEDURE = String(16)


def _count() -> Mapped[int]:
    return mapped_column(BigInteger, default=0, server_default="0")


class Flow(Base):
    """Filings and closings per judge, cause, procedure and month (yyyymm)."""

    __tablename__ = "dashboard_flows"
    __table_args__ = (Index("ix_dashboard_flows_division_month", "division_id", "month"),
                      Index("ix_dashboard_flows_judge_month", "judge_id", "month"))

    court_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    division_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    judge_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cause_code: Mapped[str] = mapped_column(CAUSE, primary_key=True)
    procedure: Mapped[str] = mapped_column(PROCEDURE, primary_key=True)
    filed: Mapped[int] = _count()
    closed: Mapped[int] = _count()
    close_days: Mapped[int] = _count()  # Σ days to close of the cases closed in the month
    extended: Mapped[int] = _count()  # deadline_extended events in the month
    suspended: Mapped[int] = _count()  # deadline_suspended events in the month


class CourtFlow(Base):
    """Flow rolled up to the court; cause_code = procedure = '*' rows hold all causes and procedures."""

    __tablename__ = "dashboard_court_flows"

    cause_code: Mapped[str] = mapped_column(CAUSE, primary_key=True)
    procedure: Mapped[str] = mapped_column(PROCEDURE, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    court_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filed: Mapped[int] = _count()
    closed: Mapped[int] = _count()
    close_days: Mapped[int] = _count()
    extended: Mapped[int] = _count()
    suspended: Mapped[int] = _count()


class Duration(Base):
    """Cases closed per judge, cause, procedure, month and days-to-close bucket (rules.BUCKET_EDGES)."""

    __tablename__ = "dashboard_durations"
    __table_args__ = (Index("ix_dashboard_durations_division_month", "division_id", "month"),
                      Index("ix_dashboard_durations_judge_month", "judge_id", "month"))

    court_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    division_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    judge_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cause_code: Mapped[str] = mapped_column(CAUSE, primary_key=True)
    procedure: Mapped[str] = mapped_column(PROCEDURE, primary_key=True)
    bucket: Mapped[int] = mapped_column(Integer, primary_key=True)
    cases: Mapped[int] = _count()


class CourtDuration(Base):
    __tablename__ = "dashboard_court_durations"

    cause_code: Mapped[str] = mapped_column(CAUSE, primary_key=True)
    procedure: Mapped[str] = mapped_column(PROCEDURE, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    court_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[int] = mapped_column(Integer, primary_key=True)
    cases: Mapped[int] = _count()


class OpenCases(Base):
    """Pending cases per judge, cause, procedure, acceptance day and deadline (9999-12-31: none).

    Overdue, warning and long-pending counts are sums over these rows with today's cut-offs.
    """

    __tablename__ = "dashboard_open_cases"
    __table_args__ = (Index("ix_dashboard_open_cases_division_id", "division_id"),
                      Index("ix_dashboard_open_cases_judge_id", "judge_id"))

    court_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    division_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    judge_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cause_code: Mapped[str] = mapped_column(CAUSE, primary_key=True)
    procedure: Mapped[str] = mapped_column(PROCEDURE, primary_key=True)
    accepted_on: Mapped[date] = mapped_column(Date, primary_key=True)
    deadline_on: Mapped[date] = mapped_column(Date, primary_key=True)
    cases: Mapped[int] = _count()


class CourtOpenCases(Base):
    __tablename__ = "dashboard_court_open_cases"

    cause_code: Mapped[str] = mapped_column(CAUSE, primary_key=True)
    procedure: Mapped[str] = mapped_column(PROCEDURE, primary_key=True)
    accepted_on: Mapped[date] = mapped_column(Date, primary_key=True)
    deadline_on: Mapped[date] = mapped_column(Date, primary_key=True)
    court_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cases: Mapped[int] = _count()


class CaseMark(Base):
    """The facts of a case as last counted in the aggregates (read only when the case changes)."""

    __tablename__ = "dashboard_case_marks"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    court_id: Mapped[int] = mapped_column(Integer)
    division_id: Mapped[int] = mapped_column(Integer)
    judge_id: Mapped[int] = mapped_column(Integer)
    cause_code: Mapped[str] = mapped_column(CAUSE)
    procedure: Mapped[str] = mapped_column(PROCEDURE)
    accepted_on: Mapped[date] = mapped_column(Date)
    deadline_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)


class CaseAction(Base):
    """Deadline extensions and suspensions of a case as last counted, per kind and month."""

    __tablename__ = "dashboard_case_actions"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    court_id: Mapped[int] = mapped_column(Integer)
    events: Mapped[int] = mapped_column(Integer)


class Watermark(Base):
    """The id of the last timeline event applied to the aggregates (one row, name 'timeline')."""

    __tablename__ = "dashboard_watermarks"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_event_id: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


# Key columns of each aggregate, in the order rules.contributions builds the keys.
KEYS = {
    "flows": (Flow, ("court_id", "division_id", "judge_id", "cause_code", "procedure", "month")),
    "court_flows": (CourtFlow, ("cause_code", "procedure", "month", "court_id")),
    "durations": (Duration, ("court_id", "division_id", "judge_id", "cause_code", "procedure", "month", "bucket")),
    "court_durations": (CourtDuration, ("cause_code", "procedure", "month", "bucket", "court_id")),
    "open_cases": (OpenCases, ("court_id", "division_id", "judge_id", "cause_code", "procedure", "accepted_on",
                               "deadline_on")),
    "court_open_cases": (CourtOpenCases, ("cause_code", "procedure", "accepted_on", "deadline_on", "court_id")),
}
AGGREGATES = [model for model, _ in KEYS.values()]
