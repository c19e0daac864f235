"""The text of a case's documents: read by the job `dossier.read_text` (jobs.py), shown and searched within the case.

A document stored (service.store) gets its row here in the same transaction, waiting: so nothing stored is ever
missed, whatever happens to the process after the commit. The job, every minute, claims waiting rows one at a time
and reads each (extract.py: text layers, OCR of scans), writing its pages done as it goes, so the case page shows
how far it has come. A second run finds a row read and leaves it; a row whose reader died is taken up again after
STALE_AFTER. Once read, the classifier (cataloguing.py) names the document's kind, and it is applied when nobody
gave a kind: not the uploader (or the platform, for what it generates), not a clerk's correction; and never so as to
move a document to the other volume, as the volume decides who may read it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.db import Database
from omnicourt.dossier import cataloguing, extract, ocr
from omnicourt.dossier.models import Document, DocumentText
from omnicourt.dossier.rules import KIND_LABELS, DocumentKind, Volume, volume_of
from omnicourt.dossier.storage import Storage
from omnicourt.errors import InvalidInput

log = logging.getLogger("omnicourt.dossier")
JOB = "dossier.read_text"
RUN_SECONDS = 50.0  # a run takes no new document after this: the next minute's run goes on
STALE_AFTER = timedelta(minutes=15)  # a row "reading" this long lost its reader (a worker killed mid-way)
MAX_ATTEMPTS = 3
MAX_QUERY = 50

WAITING, READING, READ, FAILED = "waiting", "reading", "read", "failed"
GIVEN, AUTO, CLERK = "given", "auto", "clerk"


def waiting(session: Session, document: Document, *, kind_given: bool) -> None:
    """Mark a document being stored for reading, in the transaction that stores it."""
    if document.id is None:
        session.flush()  # the document's id, which the text row is keyed by
    session.add(DocumentText(document_id=document.id, court_id=document.court_id, state=WAITING, method="",
                             pages_done=0, pages_unread=0, text="", attempts=0,
                             kind_source=GIVEN if kind_given else AUTO, suggestion_reason=""))


def kind_corrected(session: Session, document: Document) -> None:
    """A clerk set the document's kind: the classifier never changes it again."""
    row = session.get(DocumentText, document.id)
    if row is not None:
        row.kind_source = CLERK


# --- the job ---------------------------------------------------------------------------------------------------

def run(db: Database, storage: Storage, *, seconds: float = RUN_SECONDS, only: Sequence[int] | None = None,
        on_page: Callable[[int, int, str], None] = lambda done, total, name: None) -> int:
    """Read waiting documents (of ``only``, when given) one at a time until none is left or ``seconds`` have
    passed; how many were read."""
    started, count = time.monotonic(), 0
    with_ocr = ocr.available()
    while time.monotonic() - started < seconds:
        document_id = claim(db, with_ocr=with_ocr, only=only)
        if document_id is None:
            break
        read_document(db, storage, document_id, use_ocr=with_ocr, on_page=on_page)
        count += 1
    return count


def claim(db: Database, *, with_ocr: bool, only: Sequence[int] | None = None) -> int | None:
    """The next document to read, marked as being read: a waiting one, one whose reader died, or (once OCR is
    installed) one read before with scanned pages left unread. Row locks skip what another worker holds."""
    now = clock.utcnow()
    due = or_(DocumentText.state == WAITING,
              and_(DocumentText.state == READING, DocumentText.claimed_at < now - STALE_AFTER))
    if with_ocr:
        due = or_(due, and_(DocumentText.state == READ, DocumentText.pages_unread > 0))
    if only is not None:
        due = and_(due, DocumentText.document_id.in_(list(only)))
    with db.transaction() as session:
        while True:
            row = session.scalar(select(DocumentText).where(due).order_by(DocumentText.document_id).limit(1)
                                 .with_for_update(skip_locked=True))
            if row is None:
                return None
            if row.state == READING and row.attempts >= MAX_ATTEMPTS:  # its readers died each time: give up
                row.state, row.error = FAILED, "多次读取未完成，已放弃（文件可能过大或格式异常）"
                session.flush()
                continue
            row.state, row.claimed_at, row.attempts = READING, now, row.attempts + 1
            return row.document_id


def read_document(db: Database, storage: Storage, document_id: int, *, use_ocr: bool,
                  on_page: Callable[[int, int, str], None] = lambda done, total, name: None) -> None:
    """Read one claimed document and record its text, or why it could not be read."""
    with db.reading() as session:
        document = session.get_one(Document, document_id)
        name, content_type, digest = document.filename, document.content_type, document.sha256

    def progress(done: int, total: int) -> None:
        with db.transaction() as session:
            row = session.get_one(DocumentText, document_id)
            row.pages_done, row.pages_total = done, total
        on_page(done, total, name)

    try:
        reading = extract.read(name, storage.read(digest), content_type, progress=progress, use_ocr=use_ocr)
    except (InvalidInput, OSError, TimeoutError) as error:  # the file, not the platform: reading again won't help
        message = error.message if isinstance(error, InvalidInput) else f"{type(error).__name__}: {error}"
        _failed(db, document_id, message)
        return
    except Exception as error:
        log.exception("reading document %s", document_id)
        _failed(db, document_id, f"{type(error).__name__}: {error}", final=False)
        raise
    with db.transaction() as session:
        _record(session, document_id, reading)


def _failed(db: Database, document_id: int, message: str, *, final: bool = True) -> None:
    with db.transaction() as session:
        row = session.get_one(DocumentText, document_id)
        row.error = message[:500]
        row.state = FAILED if final or row.attempts >= MAX_ATTEMPTS else WAITING


def _record(session: Session, document_id: int, reading: extract.Reading) -> None:
    row = session.get_one(DocumentText, document_id, with_for_update=True)
    document = session.get_one(Document, document_id)
    row.text, row.method, row.pages_total, row.pages_done = reading.text, reading.method, reading.pages, reading.pages
    row.pages_unread, row.state, row.error, row.read_at = reading.unread, READ, None, clock.utcnow()
    volume = Volume(document.volume)
    found = cataloguing.classify(document.filename, reading.text, volume=volume)
    row.suggested_kind, row.suggestion_reason = found.kind.value, found.reason[:200]
    if row.kind_source == AUTO and volume_of(found.kind) == volume:
        document.kind = found.kind.value


# --- reading what was read ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TextStatus:
    """How far a document's text has been read, for the case page and `omnicourt dossier text-status`."""

    state: str
    method: str
    pages_done: int
    pages_total: int | None
    pages_unread: int
    error: str | None
    suggested_kind: str | None
    reason: str
    kind_source: str

    @property
    def label(self) -> str:
        if self.state == WAITING:
            return "等待识别"
        if self.state == READING:
            return f"识别中 {self.pages_done}/{self.pages_total or '?'} 页"
        if self.state == FAILED:
            return f"未能识别：{self.error or ''}"
        if self.pages_unread:
            return f"已读取，{self.pages_unread} 页扫描件待 OCR（本机未安装 OCR）"
        how = {"ocr": "OCR", "pdf+ocr": "文字层+OCR"}.get(self.method, "文字层")
        return f"已识别（{how}，{self.pages_total or 1} 页）"

    @property
    def suggestion_label(self) -> str:
        if not self.suggested_kind:
            return ""
        return f"自动编目：{KIND_LABELS[DocumentKind(self.suggested_kind)]}（{self.reason}）"


def statuses(session: Session, document_ids: Iterable[int]) -> dict[int, TextStatus]:
    ids = list(document_ids)
    if not ids:
        return {}
    rows = session.execute(select(DocumentText.document_id, DocumentText.state, DocumentText.method,
                                  DocumentText.pages_done, DocumentText.pages_total, DocumentText.pages_unread,
                                  DocumentText.error, DocumentText.suggested_kind, DocumentText.suggestion_reason,
                                  DocumentText.kind_source).where(DocumentText.document_id.in_(ids)))
    return {row[0]: TextStatus(state=row[1], method=row[2], pages_done=row[3], pages_total=row[4],
                               pages_unread=row[5], error=row[6], suggested_kind=row[7], reason=row[8],
                               kind_source=row[9]) for row in rows}


def for_document(session: Session, document_id: int) -> str:
    """One document's text as read so far (empty while waiting)."""
    return session.scalar(select(DocumentText.text).where(DocumentText.document_id == document_id)) or ""


@dataclass(frozen=True)
class CaseText:
    document_id: int
    filename: str
    kind: DocumentKind
    volume: Volume
    text: str  # pages separated by form feeds (extract.PAGE_BREAK); empty while not read


def for_case(session: Session, case_id: int, *, volume: Volume | Sequence[Volume] | None = None) -> list[CaseText]:
    """The text of the case's documents in catalogue order (the assistant's reading of a case), one volume's or
    several; who may read the secondary volume is casework's to decide."""
    volumes = [volume] if isinstance(volume, Volume) else list(volume or Volume)
    query = (select(Document, DocumentText.text).outerjoin(DocumentText, DocumentText.document_id == Document.id)
             .where(Document.case_id == case_id, Document.volume.in_([v.value for v in volumes]))
             .order_by(Document.volume, Document.position, Document.id))
    return [CaseText(d.id, d.filename, DocumentKind(d.kind), Volume(d.volume), text or "")
            for d, text in session.execute(query)]


@dataclass(frozen=True)
class Hit:
    document_id: int
    filename: str
    kind: DocumentKind
    volume: Volume
    page: int  # the page of the first match, 1 the first
    matches: int
    before: str
    match: str
    after: str


SNIPPET = 40  # characters either side of the match


def search(session: Session, case_id: int, query: str, *, volumes: Sequence[Volume]) -> list[Hit]:
    """The case's documents in ``volumes`` whose text contains ``query``, ignoring spaces and line breaks (a scan's
    OCR and a PDF's layout break phrases anywhere) and case; each with its first match in context."""
    wanted = cataloguing.compact(query).lower()
    if not wanted:
        raise InvalidInput("请输入要检索的文字", field="q")
    if len(wanted) > MAX_QUERY:
        raise InvalidInput(f"检索词不超过{MAX_QUERY}个字", field="q")
    hits = []
    for item in for_case(session, case_id, volume=volumes):
        found = _find(item.text, wanted)
        if found is not None:
            hits.append(Hit(item.document_id, item.filename, item.kind, item.volume, *found))
    return hits


def _find(text: str, wanted: str) -> tuple[int, int, str, str, str] | None:
    """(page, matches, before, match, after) of ``wanted`` in ``text``, spaces ignored; None when absent."""
    positions = [i for i, c in enumerate(text) if not c.isspace()]
    compacted = "".join(text[i] for i in positions).lower()
    start = compacted.find(wanted)
    if start < 0:
        return None
    first, last = positions[start], positions[start + len(wanted) - 1] + 1

    def flat(part: str) -> str:
        return " ".join(part.split())

    return (text.count(extract.PAGE_BREAK, 0, first) + 1, compacted.count(wanted),
            flat(text[max(0, first - SNIPPET):first]), flat(text[first:last]), flat(text[last:last + SNIPPET]))
