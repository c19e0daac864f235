"""A case's court documents (裁判文书) as structured data: the document with its current state, and a version row
per save holding the sections (current state + append-only history). Ready for what comes after drafting: approval
(签发) by a named approver, then signing."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
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
    # Signing: the signed PDF filed in the dossier's main volume and its SM2 signature (signing/)
    signoff_role: Mapped[str | None] = mapped_column(String(16))    # rules.SIGNOFF_ROLES, fixed when submitted
    dossier_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    signature_id: Mapped[int | None] = mapped_column(ForeignKey("signatures.id"))


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
    # draft (generated) / edit (sections edited in the browser) / docx (an edited .docx uploaded: its text read back
    # per section where its headings allow, else kept as the file below)
    source: Mapped[str] = mapped_column(String(8), default="draft", server_default="draft")
    docx: Mapped[bytes | None] = mapped_column(LargeBinary)


class JudgmentSignoff(Base):
    """One request for sign-off (签发) and its outcome. The reason for returning a document is internal: the court's
    staff see it, parties never (no timeline event a party reads carries it)."""

    __tablename__ = "judgment_signoffs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("judgment_documents.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    version: Mapped[int] = mapped_column(Integer)                   # the version submitted
    role: Mapped[str] = mapped_column(String(16))                   # rules.SIGNOFF_ROLES
    requested_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16))         # approved / returned; None while waiting
    reason: Mapped[str | None] = mapped_column(Text)                # why it was returned (internal)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Appeal(Base):
    """An appeal a party filed online against a signed document: the second-instance case (民终) it opened at the
    higher court, linked to the first instance (case_links)."""

    __tablename__ = "appeals"
    __table_args__ = (UniqueConstraint("judgment_document_id", "case_party_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))  # the first-instance court
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    judgment_document_id: Mapped[int] = mapped_column(ForeignKey("judgment_documents.id"))
    case_party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    appeal_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    requests: Mapped[str] = mapped_column(Text)                     # 上诉请求
    grounds: Mapped[str] = mapped_column(Text)                      # 事实与理由
    delivered_on: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    filed_on: Mapped[date] = mapped_column(Date)
    filed_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    filed_at: Mapped[datetime] = mapped_column(UtcDateTime)
