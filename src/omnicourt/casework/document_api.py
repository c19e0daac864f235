"""The documents of a case through the API: the file (inline or as a download), a party adding documents, the
catalogue of each volume the caller may see, and the court's staff correcting it."""

from fastapi import APIRouter, Depends, File, Request, UploadFile
from pydantic import BaseModel, Field

from omnicourt.casework import documents as access
from omnicourt.db import Database
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import KIND_LABELS, VOLUME_LABELS, DocumentKind, Volume
from omnicourt.dossier.service import CatalogueEntry, Upload
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.web.deps import current_actor, get_db
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


@router.put("/cases/{case_id}/documents/{document_id}/catalogue", response_model=DocumentOut)
def correct_catalogue(case_id: PathId, document_id: PathId, correction: CatalogueCorrection,
                      actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """Staff of the case's court correct a document's kind and its number in its volume's catalogue."""
    with db.transaction() as session:
        return access.correct_catalogue(session, actor=actor, case_id=case_id, document_id=document_id,
                                        kind=correction.kind, number=correction.number)
