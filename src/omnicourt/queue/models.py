"""What the queue libraries do not keep: how far a long job has come (read by `omnicourt jobs status`; the page that
started a job reads its domain's own record, as filing/batches.py keeps each row's outcome). One row per job run,
kept through its retries; the daily clean-up removes old ones."""

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, UtcDateTime


class JobRun(Base):
    __tablename__ = "job_runs"
    __table_args__ = (Index("ix_job_runs_updated_at", "updated_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # "<backend>:<the library's job id>"
    name: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(16))  # running, succeeded, failed
    attempt: Mapped[int] = mapped_column(Integer)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")
    error: Mapped[str | None] = mapped_column(String(500))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
