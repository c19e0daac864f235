"""The documents of a case through the API: the file (inline or as a download), a party adding documents, the
catalogue of each volume the caller may see, and the court's staff correcting it."""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from pydantic import BaseModel, Field

from omnicourt.casework import documents as access
from omnicourt.db import Database
from omnicourt.dossier import service as dossier
from omnicourt.dossier import text
from omnicourt.dossier.rules import KIND_LABELS, VOLUME_LABELS, DocumentKind, Volume
from omnicourt.dossier.service import CatalogueEntry, Upload
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.textcheck import PlainText
from omnicourt.web.deps import current_actor, get_db, get_queue
from omnicourt.web.pages import private_file

router = APIRouter(prefix="/api/v1", tags=["dossier"])


class DocumentOut(BaseModel):
    model_config = {"from_attributes": True}

    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    sm3: str | None = Field(description="SM3 (GB/T 32905) digest; null for files stored before it was kept")
    volume: Volume
    kind: DocumentKind
    pages: int | None = Field(description="pages as far as known: null when not known (a Word file saved without "
                                          "a page count, a text file)")


class CatalogueEntryOut(BaseModel):
    number: int
    kind_label: str
    first_page: int | None
    last_page: int | None
    document: DocumentOut


class VolumeOut(BaseModel):
    volume: Volume
    label: str
    entries: list[CatalogueEntryOut]


class CatalogueCorrection(BaseModel):
    kind: DocumentKind = Field(description="the document's kind; the kinds of the secondary volume move it there")
    number: int = Field(ge=1, le=100_000, description="its number in its volume's catalogue, 1 the first")


def entry_out(entry: CatalogueEntry) -> CatalogueEntryOut:
    return CatalogueEntryOut(number=entry.number, kind_label=KIND_LABELS[DocumentKind(entry.document.kind)],
                             first_page=entry.pages.first, last_page=entry.pages.last,
                             document=DocumentOut.model_validate(entry.document))


@router.get("/documents/{document_id}/content")
def document_content(request: Request, document_id: PathId, download: bool = False,
                     actor: Actor = Depends(current_actor)):
    """The file: PDF and images inline unless `download=true`; a 404 for a document the caller may not see."""
    with request.app.state.db.reading() as session:
        document, content = access.open_document(session, request.app.state.settings, actor=actor,
                                                 document_id=document_id)
    access.opened(request.app.state, lambda: get_queue(request), actor=actor, document_id=document.id)
    return private_file(content, media_type=document.content_type,
                        disposition=access.disposition(document, download=download))


@router.post("/cases/{case_id}/documents", response_model=list[DocumentOut], status_code=201)
def add_case_documents(case_id: PathId, request: Request, files: list[UploadFile] = File(...),
                       actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """A party adds documents (PDF, JPG, PNG, DOCX) to its case; a plain def: checking files runs in the threadpool."""
    limit = request.app.state.settings.max_upload_bytes + 1
    dossier.check_file_count(len(files))  # refused before any is read
    uploads = [Upload(f.filename or "", f.file.read(limit)) for f in files]
    with db.transaction() as session:
        return access.add_to_case(session, request.app.state.settings, actor=actor, case_id=case_id,
                                  uploads=uploads)


@router.get("/cases/{case_id}/catalogue", response_model=list[VolumeOut])
def case_catalogue(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The catalogue (卷宗目录) of each volume the caller may see: a party the main volume, the court both."""
    with db.reading() as session:
        volumes = access.catalogues(session, actor=actor, case_id=case_id)
        return [VolumeOut(volume=volume, label=VOLUME_LABELS[volume], entries=[entry_out(e) for e in entries])
                for volume, entries in volumes.items()]


class SearchHitOut(BaseModel):
    document_id: int
    filename: str
    kind: DocumentKind
    volume: Volume
    page: int = Field(description="the page of the first match, 1 the first")
    matches: int = Field(description="how many times the text contains the query")
    snippet: str = Field(description="the first match with up to 40 characters either side")
    before: str
    match: str
    after: str


class TextOut(BaseModel):
    document_id: int
    state: str = Field(description="waiting / reading / read / failed")
    method: str = Field(description="text, pdf (text layer), docx, ofd, ocr, pdf+ocr; empty while waiting")
    pages_done: int
    pages_total: int | None
    pages_unread: int = Field(description="scanned pages left unread: OCR is not installed on the server")
    error: str | None
    suggested_kind: DocumentKind | None = Field(description="the kind automatic cataloguing found in the text")
    suggestion_reason: str
    text: str | None = Field(None, description="pages separated by form feeds; only for a single document")


def text_out(document_id: int, status: text.TextStatus | None, found: str | None = None) -> TextOut:
    if status is None:  # a document stored before texts were kept, not yet taken up
        return TextOut(document_id=document_id, state="waiting", method="", pages_done=0, pages_total=None,
                       pages_unread=0, error=None, suggested_kind=None, suggestion_reason="", text=found)
    return TextOut(document_id=document_id, state=status.state, method=status.method, pages_done=status.pages_done,
                   pages_total=status.pages_total, pages_unread=status.pages_unread, error=status.error,
                   suggested_kind=status.suggested_kind, suggestion_reason=status.reason, text=found)


@router.get("/cases/{case_id}/documents/search", response_model=list[SearchHitOut])
def search_case_documents(case_id: PathId, q: Annotated[str, PlainText(200), Query(description="words to find")],
                          actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The case's documents whose text contains `q` (spaces and line breaks ignored): the court's staff search both
    volumes, anyone else the main volume."""
    with db.reading() as session:
        hits = access.search(session, actor=actor, case_id=case_id, query=q)
    return [SearchHitOut(document_id=h.document_id, filename=h.filename, kind=h.kind, volume=h.volume, page=h.page,
                         matches=h.matches, snippet=f"{h.before}{h.match}{h.after}", before=h.before, match=h.match,
                         after=h.after) for h in hits]


@router.get("/cases/{case_id}/documents/texts", response_model=list[TextOut])
def case_document_texts(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """How far the text of each document the caller may see has been read, and the kind found in it."""
    with db.reading() as session:
        volumes = access.catalogues(session, actor=actor, case_id=case_id)
        statuses = access.text_statuses(session, volumes)
        return [text_out(e.document.id, statuses.get(e.document.id)) for entries in volumes.values()
                for e in entries]


@router.get("/documents/{document_id}/text", response_model=TextOut)
def document_text(request: Request, document_id: PathId, actor: Actor = Depends(current_actor),
                  db: Database = Depends(get_db)):
    """The text read from one document, for whoever may open it (the addressee reading it opens its delivery)."""
    with db.reading() as session:
        document, status, found = access.document_text(session, actor=actor, document_id=document_id)
        out = text_out(document.id, status, found)
    access.opened(request.app.state, lambda: get_queue(request), actor=actor, document_id=document_id)
    return out


@router.put("/cases/{case_id}/documents/{document_id}/catalogue", response_model=DocumentOut)
def correct_catalogue(case_id: PathId, document_id: PathId, correction: CatalogueCorrection,
                      actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """Staff of the case's court correct a document's kind and its number in its volume's catalogue."""
    with db.transaction() as session:
        return access.correct_catalogue(session, actor=actor, case_id=case_id, document_id=document_id,
                                        kind=correction.kind, number=correction.number)
