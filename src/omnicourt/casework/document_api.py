"""The documents of a case through the API: the file (inline or as a download), and a party adding documents."""

from fastapi import APIRouter, Depends, File, Request, UploadFile
from pydantic import BaseModel

from omnicourt.casework import documents as access
from omnicourt.db import Database
from omnicourt.dossier import service as dossier
from omnicourt.dossier.service import Upload
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
