"""Documents stored by content hash, checked by opening them (dossier.checks) rather than by their names.

A file reaches its place under its hash only when the transaction that records it commits: until then it waits
under a staging name, and a rollback deletes it, so a failed request leaves no file behind. Where files live is the
store's (storage.py: local files or an S3-compatible object store); the same guarantees hold for both.
"""

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, SessionTransaction, object_session

from omnicourt import clock
from omnicourt.db import utcnow
from omnicourt.dossier import checks, isolation, rules, text
from omnicourt.dossier.models import Document, DossierArchive, DossierBundle
from omnicourt.dossier.rules import DocumentKind, Volume
from omnicourt.dossier.storage import Storage
from omnicourt.errors import InvalidInput, PayloadTooLarge

# What a party may attach: documents a browser shows (PDF, images), Word files the assistant reads, and OFD, the
# format of Chinese e-documents and e-invoices (stored and downloaded; no page renders it yet).
PARTY_FORMATS = (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".ofd")
FORMAT_LABELS = {".pdf": "PDF", ".jpg": "JPG", ".jpeg": "JPG", ".png": "PNG", ".docx": "DOCX", ".ofd": "OFD",
                 ".txt": "TXT"}
_STAGED = "omnicourt.dossier.staged"  # Session.info key: {digest: (store, staged name)} of this transaction


def sm3_digest(content: bytes) -> str:
    """SM3 (GB/T 32905) through OpenSSL, as the audit chain's HMAC-SM3: a pure-Python SM3 takes seconds a
    megabyte (tests/dossier check this one against gmssl's)."""
    if "sm3" not in hashlib.algorithms_available:
        raise RuntimeError("OpenSSL 未提供 SM3 算法，无法计算卷宗材料的 SM3 摘要")
    return hashlib.new("sm3", content).hexdigest()


@dataclass(frozen=True)
class Checked:
    """What opening a file found: its media type and its page count as far as known (dossier/checks.py)."""

    content_type: str
    pages: int | None


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


MAX_FILES = 20  # files sent at once with a filing, a correction or an addition to a case


def check_file_count(count: int, *, max_files: int = MAX_FILES, field: str = "files") -> None:
    if count > max_files:
        raise InvalidInput(f"一次最多提交{max_files}个文件，本次{count}个，请分批提交", field=field)


async def read_uploads(files: Sequence, *, max_bytes: int, max_files: int = MAX_FILES,
                       field: str = "files") -> list[Upload]:
    """The chosen files of a multipart request (objects with `filename` and async `read`, as Starlette's
    UploadFile), counted before any is read and each read one byte past the limit: enough to refuse it
    without holding more."""
    chosen = [f for f in files if getattr(f, "filename", None)]
    check_file_count(len(chosen), max_files=max_files, field=field)
    return [Upload(f.filename, await f.read(max_bytes + 1)) for f in chosen]


def check_upload(upload: Upload, *, max_bytes: int, field: str = "attachments",
                 accepted: tuple[str, ...] = PARTY_FORMATS) -> Checked:
    """The upload's content type and pages once it opened as the format its name claims, or a refusal naming the
    file."""
    name = checks.display_name(upload.filename)
    suffix = Path(name).suffix.lower()
    if suffix not in accepted:
        labels = "、".join(dict.fromkeys(FORMAT_LABELS[s] for s in accepted))
        raise InvalidInput(f"文件「{name}」格式不支持，仅接受 {labels}", field=field)
    if len(upload.content) > max_bytes:
        raise PayloadTooLarge(f"文件「{name}」超过 {max_bytes // (1024 * 1024)} MB 上限", field=field)
    if not upload.content:
        raise InvalidInput(f"文件「{name}」是空文件", field=field)
    content_type = checks.CONTENT_TYPES[suffix]
    pages = isolation.run(partial(checks.check, field=field), name, upload.content, content_type, name=name,
                          field=field)
    return Checked(content_type, pages)


def generated_pdf(upload: Upload) -> Checked:
    """A PDF the platform wrote itself (a receipt): counted here, as it needs no guard."""
    from pypdf import PdfReader

    return Checked(checks.PDF, len(PdfReader(io.BytesIO(upload.content)).pages))


def stage_file(session: Session, storage: Storage, content: bytes) -> str:
    """Put bytes the platform made (an archive package, a one-PDF dossier) in the store under their SHA-256 when the
    transaction commits, as an upload's; the digest."""
    digest = hashlib.sha256(content).hexdigest()
    staged = session.info.setdefault(_STAGED, {})
    if digest not in staged and not storage.exists(digest):
        staged[digest] = (storage, storage.stage(content))
    return digest


def store(session: Session, storage: Storage, *, upload: Upload, checked: Checked, court_id: int,
          uploaded_by: int, filing_application_id: int | None = None, case_id: int | None = None,
          kind: DocumentKind = DocumentKind.OTHER, addressee_party_id: int | None = None,
          awaiting_case_id: int | None = None) -> Document:
    """Record a checked upload; its bytes reach their place under their hash when the transaction commits. A
    document of a case enters its kind's volume last in the catalogue; `addressee_party_id` the party of the case it
    is addressed to."""
    digest = stage_file(session, storage, upload.content)
    volume = rules.volume_of(kind)
    document = Document(court_id=court_id, case_id=case_id, filing_application_id=filing_application_id,
                        filename=Path(upload.filename).name[:255], content_type=checked.content_type,
                        size=len(upload.content), sha256=digest, sm3=sm3_digest(upload.content),
                        uploaded_by=uploaded_by, uploaded_at=utcnow(), kind=kind.value, volume=volume.value,
                        pages=checked.pages, addressee_party_id=addressee_party_id,
                        awaiting_case_id=awaiting_case_id,
                        position=None if case_id is None else _next_position(session, case_id, volume))
    session.add(document)
    text.waiting(session, document, kind_given=kind != DocumentKind.OTHER)  # read by the job dossier.read_text
    return document


def _next_position(session: Session, case_id: int, volume: Volume) -> int:
    """Last in the volume. Two documents entering one case at the same instant may share a position: the
    catalogue then orders them by id, and the clerk's next correction renumbers the volume."""
    session.flush()  # documents added earlier in this transaction count
    last = session.scalar(select(func.max(Document.position))
                          .where(Document.case_id == case_id, Document.volume == volume.value))
    return (last or 0) + 1


def for_filing(session: Session, application_id: int) -> list[Document]:
    """An application's documents in the main volume: what its applicant filed, less anything the court has since
    filed in the secondary volume of the case it became."""
    return list(session.scalars(select(Document).where(Document.filing_application_id == application_id,
                                                       Document.volume == Volume.MAIN.value)
                                .order_by(Document.id)))


def for_filings(session: Session, application_ids: list[int]) -> dict[int, list[Document]]:
    """The main-volume documents of many applications at once, by application id."""
    found: dict[int, list[Document]] = {}
    if application_ids:
        for document in session.scalars(select(Document).where(Document.filing_application_id.in_(application_ids),
                                                                Document.volume == Volume.MAIN.value)
                                        .order_by(Document.id)):
            if document.filing_application_id is not None:  # always, by the query
                found.setdefault(document.filing_application_id, []).append(document)
    return found


def attach_filing_to_case(session: Session, *, application_id: int, case_id: int) -> None:
    """The filing's documents (all in the main volume) become the first of the case's catalogue, in the order they
    came."""
    for position, document in enumerate(for_filing(session, application_id), start=1):
        document.case_id, document.position = case_id, position


def attach_to_case(session: Session, document: Document, *, case_id: int) -> bool:
    """A document stored for no case (a file answering the asynchronous trial) enters the case's main volume, last
    in its catalogue; False when it is a case's already. Audio and video are not paged: they take no page numbers,
    so the pages after them keep theirs."""
    if document.case_id is not None:
        return False
    if document.content_type.startswith(("video/", "audio/")):
        document.pages = 0
    document.case_id, document.awaiting_case_id = case_id, None
    document.volume = rules.volume_of(DocumentKind(document.kind)).value
    document.position = _next_position(session, case_id, Volume(document.volume))
    return True


def attach_awaiting(session: Session, case_id: int) -> list[int]:
    """Every document still waiting to enter the case's dossier enters it now, in the order stored (before the case
    is archived: the package then holds them)."""
    waiting = session.scalars(select(Document).where(Document.awaiting_case_id == case_id,
                                                     Document.case_id.is_(None)).order_by(Document.id))
    filed = [d.id for d in waiting if attach_to_case(session, d, case_id=case_id)]
    session.flush()
    return filed


def cases_holding(session: Session, case_ids: Sequence[int], kind: DocumentKind) -> set[int]:
    """Which of the cases have a document of this kind in their dossier."""
    if not case_ids:
        return set()
    return set(session.scalars(select(Document.case_id).where(Document.case_id.in_(case_ids),
                                                              Document.kind == kind.value).distinct()))


def find(session: Session, document_id: int) -> Document | None:
    """The document with this id, whoever may open it (casework/documents.py decides that)."""
    return session.get(Document, document_id)


def for_case(session: Session, case_id: int, *, volume: Volume | None = None) -> list[Document]:
    """The case's documents in catalogue order (the main volume first); only one volume's when ``volume`` is given.
    Who may see the secondary volume is casework's to decide."""
    query = select(Document).where(Document.case_id == case_id)
    if volume is not None:
        query = query.where(Document.volume == volume.value)
    return list(session.scalars(query.order_by(Document.volume, Document.position, Document.id)))


@dataclass(frozen=True)
class CatalogueEntry:
    """One line of a volume's catalogue (卷宗目录)."""

    number: int
    document: Document
    pages: rules.PageRange

    @property
    def kind_label(self) -> str:
        return rules.KIND_LABELS[rules.DocumentKind(self.document.kind)]


def catalogue(session: Session, case_id: int, volume: Volume) -> list[CatalogueEntry]:
    documents = for_case(session, case_id, volume=volume)
    ranges = rules.page_ranges([d.pages for d in documents])
    return [CatalogueEntry(number, document, pages)
            for number, (document, pages) in enumerate(zip(documents, ranges, strict=True), start=1)]


def file_in_catalogue(session: Session, document: Document, *, kind: DocumentKind, number: int) -> None:
    """Give a document of a case its kind (which may move it to the other volume) and its number in its volume's
    catalogue; the volume is renumbered 1, 2, 3… around it."""
    if document.case_id is None:
        raise InvalidInput(f"材料「{document.filename}」尚未归入案件卷宗", field="document_id")
    volume = rules.volume_of(kind)
    if document.volume != volume.value or document.position is None:
        document.volume, document.position = volume.value, _next_position(session, document.case_id, volume)
    document.kind = kind.value
    text.kind_corrected(session, document)
    session.flush()
    documents = {d.id: d for d in for_case(session, document.case_id, volume=volume)}
    for position, document_id in enumerate(rules.moved(list(documents), document.id, number), start=1):
        documents[document_id].position = position


def read(storage: Storage, document: Document) -> bytes:
    """The document's bytes, also before the transaction that stored them has committed."""
    session = object_session(document)
    staged = session.info.get(_STAGED, {}).get(document.sha256) if session is not None else None
    return staged[0].read_staged(staged[1]) if staged else storage.read(document.sha256)


@event.listens_for(Session, "after_commit")
def _publish_staged(session: Session) -> None:
    for digest, (storage, staged) in session.info.pop(_STAGED, {}).items():
        storage.publish(staged, digest)


@event.listens_for(Session, "after_transaction_end")
def _discard_staged(session: Session, transaction: SessionTransaction) -> None:
    """Whatever a transaction staged and did not commit (a rollback, an error) is deleted with it."""
    if transaction.parent is None:
        for storage, staged in session.info.pop(_STAGED, {}).values():
            storage.discard(staged)


def _named_digests(session: Session, prefix: str) -> set[str]:
    """The digests starting with `prefix` that a row names: a document's file, an archive package, a one-PDF
    dossier."""
    named: set[str] = set()
    for column in (Document.sha256, DossierArchive.sha256, DossierBundle.sha256):
        named.update(session.scalars(select(column).where(column.startswith(prefix)).distinct()))
    return named


def sweep_orphans(session: Session, storage: Storage, *, older_than: timedelta = timedelta(hours=1)) -> list[str]:
    """Delete stored files no row names (documents, archive packages, one-PDF dossiers) and staging files left by a
    crash, once older than ``older_than``
    (a younger file may belong to a transaction still running). Returns the names of the files deleted."""
    cutoff = clock.utcnow() - older_than
    deleted = []
    known: dict[str, set[str]] = {}  # digests of documents by prefix, read one prefix at a time
    for stored in storage.files():
        if stored.modified >= cutoff:
            continue
        if not stored.staged:
            prefix = stored.digest[:2]
            if prefix not in known:
                known = {prefix: _named_digests(session, prefix)}
            if stored.digest in known[prefix]:
                continue
        storage.delete(stored.name)
        deleted.append(stored.name)
    return deleted
