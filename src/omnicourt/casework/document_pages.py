"""Documents in the browser: open (PDF and images inline), download, view on a page of their own, and a party's
"add documents" on its case page; the fee receipt of a party's payment; the court correcting a case's catalogue.
Every route checks the document's case or application (casework/documents.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from omnicourt.cases import service as cases
from omnicourt.casework import documents as access
from omnicourt.dossier import service as dossier
from omnicourt.dossier.extract import PAGE_BREAK
from omnicourt.dossier.rules import KIND_LABELS, VOLUME_LABELS, kind_named
from omnicourt.dossier.service import Upload
from omnicourt.fees import payments
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code, PlainText
from omnicourt.web.deps import current_actor, current_staff, get_queue
from omnicourt.web.pages import private_file, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)


def document_response(request: Request, actor: Actor, document_id: PathId, *, download: bool) -> Response:
    with request.app.state.db.reading() as session:
        document, content = access.open_document(session, request.app.state.settings, actor=actor,
                                                 document_id=document_id)
    mark_opened(request, actor, document.id)
    # the view page of this site embeds it; no other site may
    return private_file(content, media_type=document.content_type,
                        disposition=access.disposition(document, download=download))


def mark_opened(request: Request, actor: Actor, document_id: int) -> None:
    """The addressee opening a delivered document here opens its delivery, as from the inbox (delivery decides, after
    casework's checks let the document be read)."""
    access.opened(request.app.state, lambda: get_queue(request), actor=actor, document_id=document_id)


@router.get("/documents/{document_id}")
def open_document(request: Request, document_id: PathId, actor: Actor = Depends(current_actor)):
    """The file itself: a PDF or an image opens in the browser (a plain link works on a phone)."""
    return document_response(request, actor, document_id, download=False)


@router.get("/documents/{document_id}/download")
def download_document(request: Request, document_id: PathId, actor: Actor = Depends(current_actor)):
    return document_response(request, actor, document_id, download=True)


@router.get("/documents/{document_id}/view")
def view_document(request: Request, document_id: PathId, actor: Actor = Depends(current_actor)):
    """A page around the file: the PDF embedded, the image shown, with links to open and download it."""
    with request.app.state.db.reading() as session:
        document = access.get_document(session, actor=actor, document_id=document_id)
    return render(request, "dossier/view.html", {"document": document, "back": back_link(document, actor)})


def back_link(document, actor: Actor) -> str:
    """The page the document belongs to, for the actor: the case, else the filing application."""
    side = "bench" if actor.is_staff else "portal"
    if document.case_id is not None:
        return f"/{side}/cases/{document.case_id}#documents"
    return f"/bench/filings/{document.filing_application_id}" if actor.is_staff else "/portal/filings"


async def chosen_files(request: Request, field: str = "files") -> list[Upload]:
    form = await request.form()
    files = [f for f in form.getlist(field) if isinstance(f, UploadFile)]
    return await dossier.read_uploads(files, max_bytes=request.app.state.settings.max_upload_bytes, field=field)


@router.post("/portal/cases/{case_id}/documents")
async def add_case_documents(request: Request, case_id: PathId, actor: Actor = Depends(current_actor)):
    uploads = await chosen_files(request)
    await run_in_threadpool(_add, request, actor, case_id, uploads)
    return see_other(request, f"/portal/cases/{case_id}?done=documents#documents")


def _add(request: Request, actor: Actor, case_id: PathId, uploads: list[Upload]) -> None:
    """Checking each file is heavy: in the threadpool."""
    with request.app.state.db.transaction() as session:
        access.add_to_case(session, request.app.state.settings, actor=actor, case_id=case_id, uploads=uploads)


@router.post("/bench/cases/{case_id}/catalogue/{document_id}")
def correct_catalogue(request: Request, case_id: PathId, document_id: PathId, kind: Annotated[Code, Form()],
                      number: Annotated[int, Form(ge=1, le=100_000)], actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        document = access.correct_catalogue(session, actor=actor, case_id=case_id, document_id=document_id,
                                            kind=kind_named(kind), number=number)
    return see_other(request, f"/bench/cases/{case_id}?done=catalogue#volume-{document.volume}")


def search_page(request: Request, actor: Actor, case_id: int, q: str, side: str):
    """The case's documents whose text contains ``q`` (an empty box shows the form alone)."""
    with request.app.state.db.reading() as session:
        case = cases.get_case(session, actor=actor, case_id=case_id)
        hits = access.search(session, actor=actor, case_id=case_id, query=q) if q.strip() else None
    return render(request, "dossier/search.html", {"case": case, "q": q, "hits": hits, "side": side,
                                                   "volume_labels": VOLUME_LABELS, "kind_labels": KIND_LABELS})


@router.get("/portal/cases/{case_id}/search")
def party_search(request: Request, case_id: PathId, q: Annotated[str, PlainText(200), Query()] = "",
                 actor: Actor = Depends(current_actor)):
    return search_page(request, actor, case_id, q, "portal")


@router.get("/bench/cases/{case_id}/search")
def bench_search(request: Request, case_id: PathId, q: Annotated[str, PlainText(200), Query()] = "",
                 actor: Actor = Depends(current_staff)):
    return search_page(request, actor, case_id, q, "bench")


@router.get("/documents/{document_id}/text")
def document_text(request: Request, document_id: PathId, actor: Actor = Depends(current_actor)):
    """The text read from the document (its text layer or OCR), page by page."""
    with request.app.state.db.reading() as session:
        document, status, found = access.document_text(session, actor=actor, document_id=document_id)
    mark_opened(request, actor, document.id)
    return render(request, "dossier/text.html", {"document": document, "status": status,
                                                 "pages": found.split(PAGE_BREAK) if found else [],
                                                 "back": back_link(document, actor)})


@router.get("/portal/cases/{case_id}/fees/receipts/{payment_id}")
def receipt(request: Request, case_id: PathId, payment_id: PathId, actor: Actor = Depends(current_actor)):
    """The receipt filed for the party's payment, served as any dossier document (a missing file is a 404)."""
    with request.app.state.db.reading() as session:
        document_id = payments.receipt_document(session, actor=actor, case_id=case_id, payment_id=payment_id).id
    return document_response(request, actor, document_id, download=True)
