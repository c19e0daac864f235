"""The asynchronous trial of a case: the trial with its current state, each party's consent, the stages the judge
opens with their questions and windows, each party's answer to a stage, and each party's online confirmation of the
record. The path to the current state is in the case's timeline and the audit chain.

Parties are the case's party rows (case_parties, agents excepted); an answer's files and video are documents of
no case (dossier.store without a case: no catalogue shows them), opened through this trial's own visibility rule
and named with their digests in the record filed in the main volume.
"""

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class AsyncTrial(Base):
    """One per case: applied for by a party in writing, opened by the judge, ended by the confirmed record or a
    switch to a live hearing."""

    __tablename__ = "async_trials"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    status: Mapped[str] = mapped_column(String(16))  # rules.Status
    applicant_party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    application: Mapped[str] = mapped_column(Text)  # the written application's reasons
    applied_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime)
    hardship: Mapped[str] = mapped_column(Text, default="")  # the judge's finding, art. 20(2)(1)
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    switch_reason: Mapped[str] = mapped_column(Text, default="")
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    record_document_id: Mapped[int | None] = mapped_column(BigId)  # the record as assembled
    confirmed_document_id: Mapped[int | None] = mapped_column(BigId)  # the record with every confirmation
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AsyncTrialConsent(Base):
    """A party's answer to the application (art. 20(2)(2)); given again before the trial opens, it replaces the
    earlier one (the timeline keeps both)."""

    __tablename__ = "async_trial_consents"
    __table_args__ = (UniqueConstraint("trial_id", "party_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("async_trials.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    consented: Mapped[bool] = mapped_column(Boolean)
    given_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    given_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AsyncTrialStage(Base):
    """A stage the judge opened: its questions, its window, the consequence announced for missing it, when the
    parties read each other's answers, and the judge's note (the court's alone)."""

    __tablename__ = "async_trial_stages"
    __table_args__ = (UniqueConstraint("trial_id", "kind"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("async_trials.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    kind: Mapped[str] = mapped_column(String(32))  # rules.StageKind
    questions: Mapped[list] = mapped_column(JSON, default=list)
    consequence: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(16))  # rules.Visibility
    internal_note: Mapped[str] = mapped_column(Text, default="")
    opened_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closes_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # ended early by the judge
    # Set once the end is recorded (by the judge's close, or by the next use case after the window passed): the
    # names of the parties who missed it, to whom the announced consequence applies.
    ended_recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    missed: Mapped[list] = mapped_column(JSON, default=list)


class AsyncTrialAnswer(Base):
    """One party's answer to a stage, within its window: text, files, a self-recorded video; final once given."""

    __tablename__ = "async_trial_answers"
    __table_args__ = (UniqueConstraint("stage_id", "party_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("async_trial_stages.id"), index=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("async_trials.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    document_ids: Mapped[list] = mapped_column(JSON, default=list)  # the files, then the video if any
    video_document_id: Mapped[int | None] = mapped_column(BigId)
    answered_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AsyncTrialConfirmation(Base):
    """A party's online confirmation of the record (arts 33–34): who, when, how they proved it was them, and the
    SHA-256 of the record they confirmed."""

    __tablename__ = "async_trial_confirmations"
    __table_args__ = (UniqueConstraint("trial_id", "party_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("async_trials.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    method: Mapped[str] = mapped_column(String(16))  # "password": re-entered at confirmation
    record_sha256: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[datetime] = mapped_column(UtcDateTime)
