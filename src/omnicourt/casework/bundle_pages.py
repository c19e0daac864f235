"""The dossier as one PDF (asked for on the case page, built by a job, its progress polled, then downloaded) and
page-by-page reading of a PDF document as images, for a phone."""

from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from omnicourt.casework import bundles
from omnicourt.casework import documents as access
from omnicourt.dossier import bundle
from omnicourt.errors import InvalidInput
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.web.deps import current_actor, get_queue
from omnicourt.web.pages import private_file, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)


@router.post("/cases/{case_id}/bundle")
async def request_bundle(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                         queue: Queue = Depends(get_queue)):
    bundle_id = await run_in_threadpool(bundles.start, request.app.state.db, queue, actor=actor, case_id=case_id)
    return see_other(request, f"/bundles/{bundle_id}")


@router.get("/bundles/{bundle_id}")
def bundle_status(request: Request, bundle_id: PathId, actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        status = bundles.status(session, actor=actor, bundle_id=bundle_id)
    template = "casework/_bundle.html" if request.headers.get("HX-Request") else "casework/bundle.html"
    side = "bench" if actor.is_staff else "portal"
    return render(request, template, {"bundle": status, "back": f"/{side}/cases/{status.case_id}#documents"})


@router.get("/bundles/{bundle_id}/pdf")
def bundle_pdf(request: Request, bundle_id: PathId, actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        name, content = bundles.content(session, request.app.state.settings, actor=actor, bundle_id=bundle_id)
    return private_file(content, media_type="application/pdf",
                        disposition=f"attachment; filename=\"dossier.pdf\"; filename*=UTF-8''{quote(name)}")


def _page_image(request: Request, actor: Actor, document_id: int, page: int) -> tuple[bytes, int]:
    with request.app.state.db.reading() as session:
        document, content = access.open_document(session, request.app.state.settings, actor=actor,
                                                 document_id=document_id)
    if document.content_type != bundle.PDF:
        raise InvalidInput(f"材料「{document.filename}」不是 PDF，无法逐页查看", field="document_id")
    rendered = bundle.render_page(content, page, name=document.filename)
    # read page by page: opened all the same
    access.opened(request.app.state, lambda: get_queue(request), actor=actor, document_id=document.id)
    return rendered


@router.get("/documents/{document_id}/pages/{page}.png")
async def page_image(request: Request, document_id: PathId, page: PathId, actor: Actor = Depends(current_actor)):
    """One page of a PDF document as a PNG (rendered in the dossier's worker process, within a time limit)."""
    image, _ = await run_in_threadpool(_page_image, request, actor, document_id, page)
    return private_file(image, media_type="image/png", disposition=f"inline; filename=\"page-{page}.png\"")


@router.get("/documents/{document_id}/pages")
async def page_viewer(request: Request, document_id: PathId, page: int = Query(1, ge=1, le=100_000),
                      actor: Actor = Depends(current_actor)):
    """A page around one page's image, with the previous and next pages: reading a PDF on a phone."""
    _, count = await run_in_threadpool(_page_image, request, actor, document_id, page)
    with request.app.state.db.reading() as session:
        document = access.get_document(session, actor=actor, document_id=document_id)
    return render(request, "casework/pages.html", {"document": document, "page": page, "count": count})
