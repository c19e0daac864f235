"""The home page, which sends each user to where their work is, and helpers the page routers share."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from omnicourt.web.deps import Identity, optional_identity
from omnicourt.web.headers import EMBEDDABLE

router = APIRouter(include_in_schema=False)


def landing_path(identity: Identity | None) -> str:
    """Parties to their cases, mediators to their mediations, filing officers to the filing queue, other staff to
    the docket."""
    if identity is None:
        return "/login"
    actor = identity.actor
    if actor.is_mediator:
        return "/portal/mediations"
    if not actor.is_staff:
        return "/portal/cases"
    if actor.role == "filing_officer":
        return "/bench/filings"
    return "/bench/docket"


def see_other(request: Request, url: str) -> Response:
    """After a successful POST: HTMX follows HX-Redirect, a plain form follows the 303."""
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def private_file(content: bytes, *, media_type: str, disposition: str) -> Response:
    """A file only its reader may have: never cached, never sniffed, framed by this site's own pages alone."""
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": disposition, "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store",
        "X-Frame-Options": EMBEDDABLE})


def done_flash(done: str | None, messages: dict[str, str]) -> dict | None:
    """The confirmation of the action a redirect came back from (`?done=`): a fixed message, never the input."""
    return {"kind": "ok", "message": messages[done]} if done in messages else None


@router.get("/")
def home(identity: Identity | None = Depends(optional_identity)):
    return RedirectResponse(landing_path(identity), status_code=303)
