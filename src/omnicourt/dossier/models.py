"""Documents, stored once by content (SHA-256 and SM3 digests); a row ties a file to a filing or a case, and on a
case to its place in a volume's catalogue."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_catalogue", "case_id", "volume", "position"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int | None] = mapped_column(BigId, index=True)
    filing_application_id: Mapped[int | None] = mapped_column(BigId, index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))  # a Word file's media type is 71 characters
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    sm3: Mapped[str | None] = mapped_column(String(64))  # GB/T 32905; None for files stored before it was kept
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The catalogue (dossier/rules.py): the volume follows the kind; position orders a case's volume (None while
    # the document belongs to a filing application only); pages None where the count is not known.
    volume: Mapped[str] = mapped_column(String(16), default="main", server_default="main")
    kind: Mapped[str] = mapped_column(String(32), default="other", server_default="other")
    position: Mapped[int | None] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    # The case party the document is addressed to (a notice, a delivery certificate); None: the case's as a whole.
    addressee_party_id: Mapped[int | None] = mapped_column(BigId)
    # The case a document of no case yet waits to enter (an asynchronous trial's answer, until every party may read
    # it); the archive files it before packing the case (casework/archive.py). None once in the dossier.
    awaiting_case_id: Mapped[int | None] = mapped_column(BigId, index=True)


class DocumentText(Base):
    """The text read from a document (dossier/text.py): its text layer, or OCR of its scanned pages. Written as
    "waiting" in the transaction that stores the document, read by the job `dossier.read_text`, one row a document
    (a second run finds it read and does nothing)."""

    __tablename__ = "document_texts"
    __table_args__ = (Index("ix_document_texts_state", "state", "document_id"),)

    document_id: Mapped[int] = mapped_column(BigId, ForeignKey("documents.id"), primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    state: Mapped[str] = mapped_column(String(16))  # waiting, reading, read, failed
    method: Mapped[str] = mapped_column(String(16), default="")  # text, pdf, docx, ocr, pdf+ocr, none
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    pages_total: Mapped[int | None] = mapped_column(Integer)
    # Pages that needed OCR and were left unread because Tesseract is not installed (read again once it is).
    pages_unread: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")  # pages separated by form feeds
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(500))
    # Who says what kind the document is: "given" its uploader or the platform (never overridden), "auto" nobody
    # yet (the classifier's kind is applied when the text is read), "clerk" a clerk's correction (kept).
    kind_source: Mapped[str] = mapped_column(String(16))
    suggested_kind: Mapped[str | None] = mapped_column(String(32))
    suggestion_reason: Mapped[str] = mapped_column(String(200), default="")
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
class DossierArchive(Base):
    """A closed case's archive package (archive.py): a zip of the files, the catalogue and a manifest of their
    digests, stored once under its SHA-256 like any file and never rewritten; the manifest's signature is a row of
    the signing domain (its id here)."""

    __tablename__ = "dossier_archives"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int] = mapped_column(BigId, unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    sm3: Mapped[str] = mapped_column(String(64))
    files: Mapped[int] = mapped_column(Integer)
    signature_id: Mapped[int] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DossierBundle(Base):
    """A case's documents as one PDF (bundle.py), built by a job for whoever asked: the volumes they may read."""

    __tablename__ = "dossier_bundles"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    requested_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    volumes: Mapped[str] = mapped_column(String(32))  # "main" or "main,secondary"
    state: Mapped[str] = mapped_column(String(16))  # waiting / running / done / failed
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str | None] = mapped_column(String(64))
    pages: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
