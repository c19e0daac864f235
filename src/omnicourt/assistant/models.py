"""The AI judge assistant's work inside a case: the elements it proposes and the judge confirms or corrects,
the disputed points the judge decides, and a record of each analysis run.

The assistant proposes; the judge decides. A proposal never overwrites what a judge confirmed or corrected:
a later run that reads a different value keeps it beside the element as a conflict.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class CaseElement(Base):
    """One element of the case (要素): the value in force, where it came from, and who settled it.

    ``value`` is the judge's value once corrected; ``proposed_value`` keeps the assistant's reading beside it.
    Values are stored in their JSON form (dates ISO, amounts as decimal strings) and typed again on reading.
    """

    __tablename__ = "case_elements"
    __table_args__ = (UniqueConstraint("case_id", "field"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    field: Mapped[str] = mapped_column(String(64))
    value: Mapped[object] = mapped_column(JSON)
    proposed_value: Mapped[object] = mapped_column(JSON)
    document: Mapped[str] = mapped_column(String(255))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    quote: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))  # proposed / confirmed / corrected
    conflicts: Mapped[list] = mapped_column(JSON, default=list)  # other readings: {value, document, start, end, quote}
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DisputePoint(Base):
    """A disputed point of the dispute focus (争议焦点), with the statements raising it and the judge's decision."""

    __tablename__ = "dispute_points"
    __table_args__ = (UniqueConstraint("case_id", "code"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    code: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(255))
    issue: Mapped[str] = mapped_column(String(255), default="")
    statements: Mapped[list] = mapped_column(JSON, default=list)  # {document, start, end, quote}
    status: Mapped[str] = mapped_column(String(16))  # open / decided
    decision: Mapped[str | None] = mapped_column(String(16))  # supported / rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AnalysisRun(Base):
    """One run of the assistant over the case file: what it read and what it computed (amounts, focus)."""

    __tablename__ = "assistant_runs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    ran_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ran_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    cutoff: Mapped[date | None] = mapped_column(Date)
    documents: Mapped[list] = mapped_column(JSON, default=list)  # {id, name, kind, sha256}
    result: Mapped[dict] = mapped_column(JSON, default=dict)  # Analysis.to_json(): amounts, focus, conflicts


class AnalysisRequest(Base):
    """A judge's request to analyse the case file, run by the job `assistant.analysis` off the request: its state for
    the page that asked (waiting, running, done, failed) and, when done, the run it produced."""

    __tablename__ = "assistant_requests"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    requested_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cutoff: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16))
    job_run_id: Mapped[str | None] = mapped_column(String(64))
    analysis_run_id: Mapped[int | None] = mapped_column(ForeignKey("assistant_runs.id"))
    error: Mapped[str | None] = mapped_column(String(500))
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
