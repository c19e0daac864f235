"""Sign-in, sign-out and real-name registration pages (the same service calls as the API)."""

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from omnicourt.errors import DomainError
from omnicourt.security import service
from omnicourt.security.api import set_session_cookie, sign_in
from omnicourt.security.roles import Actor
from omnicourt.security.schemas import RegisterIn
from omnicourt.textcheck import invalid_input
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


def checked_registration(fields: dict) -> RegisterIn:
    """The form under the API's rules (RegisterIn: textcheck on names and codes)."""
    try:
        return RegisterIn.model_validate(fields)
    except ValidationError as error:
        raise invalid_input(error) from None


@router.get("/register")
def register_form(request: Request):
    return render(request, "security/register.html", {"form": {"person_type": "natural", "role": "party"}})


@router.post("/register")
async def register(request: Request):
    submitted = await request.form()
    form = {name: str(submitted.get(name) or "").strip() for name in REGISTRATION_FIELDS}
    password = str(submitted.get("password") or "")
    try:
        checked = checked_registration(form | {"password": password})
        with request.app.state.db.transaction() as session:
            service.register_public(session, **checked.model_dump())
        return signed_in_redirect(request, form["username"], password, "/portal/filings/new")
    except DomainError as error:
        return render(request, "security/register.html",
                      {"form": form,
                       "flash": {"kind": "error", "message": error.message}}, status=error.status)
