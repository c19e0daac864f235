"""The one-PDF dossier through the API: ask for it (202 with the URL of its status), poll its status, download it;
the rights of the pages (casework/bundles.py: the asker's own bundle only, a party the main volume)."""

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from omnicourt.casework import bundles
from omnicourt.dossier.rules import Volume
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.web.deps import current_actor, get_queue
from omnicourt.web.pages import private_file

router = APIRouter(prefix="/api/v1", tags=["dossier"])


class BundleOut(BaseModel):
    id: int
    case_id: int
    state: str = Field(description="waiting / running / done / failed")
    done: int = Field(description="documents put in so far")
    total: int
    pages: int | None
    volumes: list[Volume]
    error: str | None
    status_url: str
    pdf_url: str | None = Field(description="the download, once done")


def bundle_out(status: bundles.BundleStatus) -> BundleOut:
    return BundleOut(id=status.id, case_id=status.case_id, state=status.state, done=status.done, total=status.total,
                     pages=status.pages, volumes=list(status.volumes), error=status.error,
                     status_url=f"/api/v1/bundles/{status.id}",
                     pdf_url=f"/api/v1/bundles/{status.id}/pdf" if status.state == "done" else None)


@router.post("/cases/{case_id}/bundles", response_model=BundleOut, status_code=202)
async def request_bundle(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                         queue: Queue = Depends(get_queue)):
    """Ask for the case's dossier as one PDF (the volumes the caller may read), built by a job: poll `status_url`."""
    bundle_id = await run_in_threadpool(bundles.start, request.app.state.db, queue, actor=actor, case_id=case_id)
    with request.app.state.db.reading() as session:
        return bundle_out(bundles.status(session, actor=actor, bundle_id=bundle_id))


@router.get("/bundles/{bundle_id}", response_model=BundleOut)
def bundle_status(request: Request, bundle_id: PathId, actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        return bundle_out(bundles.status(session, actor=actor, bundle_id=bundle_id))


@router.get("/bundles/{bundle_id}/pdf")
def bundle_pdf(request: Request, bundle_id: PathId, actor: Actor = Depends(current_actor)):
    """The PDF once done (a 404 before, and for anyone but its asker)."""
    with request.app.state.db.reading() as session:
        name, content = bundles.content(session, request.app.state.settings, actor=actor, bundle_id=bundle_id)
    return private_file(content, media_type="application/pdf",
                        disposition=f"attachment; filename=\"dossier.pdf\"; filename*=UTF-8''{quote(name)}")
