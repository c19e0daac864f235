"""Online filing applications (网上立案), decided by a filing officer."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, Money, UtcDateTime


class FilingApplication(Base):
    __tablename__ = "filing_applications"
    __table_args__ = (Index("ix_filing_applications_court_status", "court_id", "status"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    cause_code: Mapped[str] = mapped_column(String(64))
    parties: Mapped[list] = mapped_column(JSON)
    claims: Mapped[list] = mapped_column(JSON)
    facts_and_reasons: Mapped[str] = mapped_column(Text)
    circumstances: Mapped[list] = mapped_column(JSON, default=list)  # triage exclusions the party declared
    amount_in_dispute: Mapped[Decimal] = mapped_column(Money)
    estimated_fee: Mapped[Decimal] = mapped_column(Money)
    procedure_hint: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24))  # submitted / needs_correction / accepted / refused
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    decision_due_on: Mapped[date] = mapped_column(Date)
    correction_items: Mapped[list] = mapped_column(JSON, default=list)
    correction_count: Mapped[int] = mapped_column(Integer, default=0)
    refusal_reason: Mapped[str | None] = mapped_column(String(500))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    case_id: Mapped[int | None] = mapped_column(BigId)
    element_sheet: Mapped[dict | None] = mapped_column(JSON)  # 要素式起诉: filing/elements/rows.py to_json
    # The filer's delivery address confirmation (送达地址确认书): {"consented", "email", "mobile"}; None when not given
    delivery_address: Mapped[dict | None] = mapped_column(JSON)


class BulkFiling(Base):
    """An uploaded element sheet filed row by row by a job (filing/batches.py): its rows and its state; each row's
    outcome is a BulkFilingRow."""

    __tablename__ = "bulk_filings"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    state: Mapped[str] = mapped_column(String(16))  # waiting / running / done / failed
    filed_on: Mapped[date] = mapped_column(Date)  # the court's day of the upload: the rows are filed as of it
    rows: Mapped[list] = mapped_column(JSON)
    total: Mapped[int] = mapped_column(Integer)
    run_id: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class BulkFilingRow(Base):
    """A row's outcome (schemas.BulkRow as JSON), written in the transaction that files the row: a job run again
    files each row once, and the count of these rows is how far the job has come."""

    __tablename__ = "bulk_filing_rows"

    batch_id: Mapped[int] = mapped_column(ForeignKey("bulk_filings.id", ondelete="CASCADE"), primary_key=True)
    row_index: Mapped[int] = mapped_column(Integer, primary_key=True)  # from 1, in the order sent
    outcome: Mapped[dict] = mapped_column(JSON)


class BulkFilingFile(Base):
    """An attachment waiting for its row to be filed; removed when the batch is done (the filed ones are in the
    dossier by then)."""

    __tablename__ = "bulk_filing_files"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("bulk_filings.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class AcceptancePapersRetry(Base):
    """A case whose acceptance papers were never written (the job `filing.acceptance_papers` lost) and which the
    hourly sweep deferred that job for again: once, so a job that keeps failing is not deferred for ever."""

    __tablename__ = "acceptance_paper_retries"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    deferred_at: Mapped[datetime] = mapped_column(UtcDateTime)
