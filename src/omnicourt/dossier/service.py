"""Documents stored by content hash, checked by their bytes rather than their names."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import filetype
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from omnicourt.db import utcnow
from omnicourt.dossier.models import Document
from omnicourt.errors import InvalidInput, PayloadTooLarge

# What a party may attach, by the extension its name claims and the type its bytes show.
ACCEPTED = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


def check_upload(upload: Upload, *, max_bytes: int, field: str = "attachments") -> str:
    """The upload's content type, or a refusal naming the file."""
    name = Path(upload.filename or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise InvalidInput(f"附件「{name}」格式不支持，仅接受 PDF、JPG、PNG", field=field)
    if len(upload.content) > max_bytes:
        raise PayloadTooLarge(f"附件「{name}」超过 {max_bytes // (1024 * 1024)} MB 上限", field=field)
    if not upload.content:
        raise InvalidInput(f"附件「{name}」是空文件", field=field)
    kind = filetype.guess(upload.content)
    if kind is None or kind.mime != ACCEPTED[suffix]:
        raise InvalidInput(f"附件「{name}」的内容与其扩展名不符", field=field)
    return kind.mime


def store(session: Session, storage_dir: Path, *, upload: Upload, content_type: str, court_id: int,
          uploaded_by: int, filing_application_id: int | None = None, case_id: int | None = None) -> Document:
    digest = hashlib.sha256(upload.content).hexdigest()
    path = storage_dir / digest[:2] / digest
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(upload.content)
        tmp.replace(path)  # atomic: a crash never leaves half a file under its hash
    document = Document(court_id=court_id, case_id=case_id, filing_application_id=filing_application_id,
                        filename=Path(upload.filename).name[:255], content_type=content_type,
                        size=len(upload.content), sha256=digest, uploaded_by=uploaded_by, uploaded_at=utcnow())
    session.add(document)
    return document


def for_filing(session: Session, application_id: int) -> list[Document]:
    return list(session.scalars(select(Document).where(Document.filing_application_id == application_id)
                                .order_by(Document.id)))


def attach_filing_to_case(session: Session, *, application_id: int, case_id: int) -> None:
    """The filing's documents become the first documents of the case's dossier."""
    session.execute(update(Document).where(Document.filing_application_id == application_id)
                    .values(case_id=case_id))


def for_case(session: Session, case_id: int) -> list[Document]:
    return list(session.scalars(select(Document).where(Document.case_id == case_id).order_by(Document.id)))


def read(storage_dir: Path, document: Document) -> bytes:
    return (storage_dir / document.sha256[:2] / document.sha256).read_bytes()
