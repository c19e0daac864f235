"""Documents stored by content hash, checked by opening them (dossier.checks) rather than by their names.

A file reaches its place under its hash only when the transaction that records it commits: until then it waits
under a staging name, and a rollback deletes it, so a failed request leaves no file behind.
"""

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, SessionTransaction, object_session

from omnicourt import clock
from omnicourt.db import utcnow
from omnicourt.dossier import checks, isolation
from omnicourt.dossier.models import Document
from omnicourt.errors import InvalidInput, PayloadTooLarge

# What a party may attach: documents a browser shows (PDF, images) and Word files the assistant reads.
PARTY_FORMATS = (".pdf", ".jpg", ".jpeg", ".png", ".docx")
FORMAT_LABELS = {".pdf": "PDF", ".jpg": "JPG", ".jpeg": "JPG", ".png": "PNG", ".docx": "DOCX", ".txt": "TXT"}
STAGING_DIR = ".staging"
_STAGED = "omnicourt.dossier.staged"  # Session.info key: {final path: staged path} of this transaction


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
                 accepted: tuple[str, ...] = PARTY_FORMATS) -> str:
    """The upload's content type once it opened as the format its name claims, or a refusal naming the file."""
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
    isolation.run(partial(checks.check, field=field), name, upload.content, content_type, name=name, field=field)
    return content_type


def _path(storage_dir: Path, digest: str) -> Path:
    return storage_dir / digest[:2] / digest


def store(session: Session, storage_dir: Path, *, upload: Upload, content_type: str, court_id: int,
          uploaded_by: int, filing_application_id: int | None = None, case_id: int | None = None) -> Document:
    """Record a checked upload; its bytes reach their place under their hash when the transaction commits."""
    digest = hashlib.sha256(upload.content).hexdigest()
    path = _path(storage_dir, digest)
    staged = session.info.setdefault(_STAGED, {})
    if not path.exists() and path not in staged:
        staging = storage_dir / STAGING_DIR / f"{uuid.uuid4().hex}.part"
        staging.parent.mkdir(parents=True, exist_ok=True)
        staging.write_bytes(upload.content)
        staged[path] = staging
    document = Document(court_id=court_id, case_id=case_id, filing_application_id=filing_application_id,
                        filename=Path(upload.filename).name[:255], content_type=content_type,
                        size=len(upload.content), sha256=digest, uploaded_by=uploaded_by, uploaded_at=utcnow())
    session.add(document)
    return document


def for_filing(session: Session, application_id: int) -> list[Document]:
    return list(session.scalars(select(Document).where(Document.filing_application_id == application_id)
                                .order_by(Document.id)))


def for_filings(session: Session, application_ids: list[int]) -> dict[int, list[Document]]:
    """The documents of many applications at once, by application id."""
    found: dict[int, list[Document]] = {}
    if application_ids:
        for document in session.scalars(select(Document).where(Document.filing_application_id.in_(application_ids))
                                        .order_by(Document.id)):
            if document.filing_application_id is not None:  # always, by the query
                found.setdefault(document.filing_application_id, []).append(document)
    return found


def attach_filing_to_case(session: Session, *, application_id: int, case_id: int) -> None:
    """The filing's documents become the first documents of the case's dossier."""
    session.execute(update(Document).where(Document.filing_application_id == application_id)
                    .values(case_id=case_id))


def find(session: Session, document_id: int) -> Document | None:
    """The document with this id, whoever may open it (casework/documents.py decides that)."""
    return session.get(Document, document_id)


def for_case(session: Session, case_id: int) -> list[Document]:
    return list(session.scalars(select(Document).where(Document.case_id == case_id).order_by(Document.id)))


def read(storage_dir: Path, document: Document) -> bytes:
    """The document's bytes, also before the transaction that stored them has committed."""
    path = _path(storage_dir, document.sha256)
    session = object_session(document)
    staged = session.info.get(_STAGED, {}).get(path) if session is not None else None
    return (staged or path).read_bytes()


@event.listens_for(Session, "after_commit")
def _publish_staged(session: Session) -> None:
    for path, staging in session.info.pop(_STAGED, {}).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        staging.replace(path)  # atomic: a reader never sees half a file under its hash


@event.listens_for(Session, "after_transaction_end")
def _discard_staged(session: Session, transaction: SessionTransaction) -> None:
    """Whatever a transaction staged and did not commit (a rollback, an error) is deleted with it."""
    if transaction.parent is None:
        for staging in session.info.pop(_STAGED, {}).values():
            staging.unlink(missing_ok=True)


def sweep_orphans(session: Session, storage_dir: Path, *, older_than: timedelta = timedelta(hours=1)) -> list[Path]:
    """Delete stored files no document names and staging files left by a crash, once older than ``older_than``
    (a younger file may belong to a transaction still running). Returns the files deleted."""
    cutoff = (clock.utcnow() - older_than).timestamp()  # compared with the files' modification times
    deleted = []
    for folder in sorted(p for p in storage_dir.glob("*") if p.is_dir()):
        known = set() if folder.name == STAGING_DIR else set(session.scalars(
            select(Document.sha256).where(Document.sha256.startswith(folder.name)).distinct()))
        for path in folder.iterdir():
            if path.is_file() and path.name not in known and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                deleted.append(path)
    return deleted
