"""Sign-in, sign-out and real-name registration pages (the same service calls as the API)."""

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from omnicourt.errors import DomainError
from omnicourt.security import service
from omnicourt.security.api import set_session_cookie, sign_in
from omnicourt.security.roles import Actor
from omnicourt.web.deps import SESSION_COOKIE, current_actor
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

REGISTRATION_FIELDS = ("username", "person_type", "role", "name", "phone", "id_number", "uscc",
                       "legal_representative", "representative_id_number")


def safe_next(url: str | None) -> str:
    """Only a path on this site: never an open redirect to another host."""
    return url if url and url.startswith("/") and not url.startswith("//") else "/"


def signed_in_redirect(request: Request, username: str, password: str, next_url: str) -> RedirectResponse:
    settings = request.app.state.settings
    token, _csrf, _actor = sign_in(request.app.state.db, settings, username, password)
    response = RedirectResponse(safe_next(next_url), status_code=303)
    set_session_cookie(response, settings, token)
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    return render(request, "security/login.html", {"next": safe_next(next), "username": ""})


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/")):
    try:
        return signed_in_redirect(request, username, password, next)
    except DomainError as error:
        return render(request, "security/login.html",
                      {"next": safe_next(next), "username": username,
                       "flash": {"kind": "error", "message": error.message}}, status=error.status)


@router.post("/logout")
def logout(request: Request, _: Actor = Depends(current_actor)):
    with request.app.state.db.transaction() as session:
        service.close_session(session, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/register")
def register_form(request: Request):
    return render(request, "security/register.html", {"form": {"person_type": "natural", "role": "party"}})


def register_and_sign_in(request: Request, form: dict[str, str], password: str) -> RedirectResponse:
    """Hashing the password (argon2) is heavy on purpose: run in the threadpool, never on the event loop."""
    with request.app.state.db.transaction() as session:
        service.register_public(session, password=password, **form)
    return signed_in_redirect(request, form["username"], password, "/portal/filings/new")


@router.post("/register")
async def register(request: Request):
    submitted = await request.form()
    form = {name: str(submitted.get(name) or "").strip() for name in REGISTRATION_FIELDS}
    password = str(submitted.get("password") or "")
    try:
        return await run_in_threadpool(register_and_sign_in, request, form, password)
    except DomainError as error:
        return render(request, "security/register.html",
                      {"form": form,
                       "flash": {"kind": "error", "message": error.message}}, status=error.status)
