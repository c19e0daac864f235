"""Judgments published online: the redacted text, or the placeholder of a document withheld (art. 6)."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class PublishedJudgment(Base):
    """One document of a case as the public reads it. Written once (a document is published once: the digest of
    the text it came from is unique per case); what the public sees is only ever this row."""

    __tablename__ = "published_judgments"
    __table_args__ = (
        UniqueConstraint("case_id", "source_sha256"),
        Index("ix_published_judgments_newest", "published_on", "id"),  # the public list, newest first
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    document_id: Mapped[int | None] = mapped_column(BigId)  # the dossier's document, when published from one
    source_sha256: Mapped[str] = mapped_column(String(64))
    case_number: Mapped[str] = mapped_column(String(40))
    court_name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(255))  # redacted like the text
    cause_name: Mapped[str] = mapped_column(String(64))
    document_name: Mapped[str] = mapped_column(String(16))  # 判决书, 裁定书 …
    category: Mapped[str] = mapped_column(String(16))  # art. 8's kind of case (redaction.Category)
    decided_on: Mapped[date] = mapped_column(Date)
    effective_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)  # art. 7: the last day to publish
    published_on: Mapped[date] = mapped_column(Date)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)
    published_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    withheld: Mapped[str] = mapped_column(String(100), default="")  # art. 4 reasons (rules.Withheld), comma-joined
    text: Mapped[str] = mapped_column(Text)  # the redacted document, or the placeholder of a withheld one
