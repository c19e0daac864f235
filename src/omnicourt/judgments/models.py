"""A case's court documents (裁判文书) as structured data: the document with its current state, and a version row
per save holding the sections (current state + append-only history). Ready for what comes after drafting: approval
(签发) by a named approver, then signing."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class JudgmentDocument(Base):
    __tablename__ = "judgment_documents"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    kind: Mapped[str] = mapped_column(String(24))                   # rules.DocumentKind
    ruling_kind: Mapped[str | None] = mapped_column(String(16))     # rules.RulingKind, rulings only
    title: Mapped[str] = mapped_column(String(32))                  # 民事判决书
    status: Mapped[str] = mapped_column(String(16))                 # draft → approved (签发) → signed
    document_date: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer)                   # the latest version's number
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    signed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class JudgmentVersion(Base):
    """One save of a document's sections; never changed afterwards."""

    __tablename__ = "judgment_versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("judgment_documents.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    number: Mapped[int] = mapped_column(Integer)
    sections: Mapped[list] = mapped_column(JSON)                    # sections.to_data
    saved_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime)
