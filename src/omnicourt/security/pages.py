"""Sign-in, sign-out, real-name registration and password pages (the same service calls as the API).
The forms used before a session exists carry the pre-session CSRF token (web/deps.py login_csrf_token)."""

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from omnicourt.errors import DomainError, TooManyRequests
from omnicourt.security import service
from omnicourt.security.roles import Actor
from omnicourt.security.schemas import RegisterIn
from omnicourt.textcheck import invalid_input
from omnicourt.web.deps import (
    SESSION_COOKIE,
    Identity,
    check_login_csrf,
    current_actor,
    current_identity,
    get_settings,
    login_csrf_token,
    set_login_csrf,
)
from omnicourt.web.signin import RESET_REQUESTED, send_reset, set_session_cookie, sign_in
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

REGISTRATION_FIELDS = ("username", "person_type", "role", "name", "phone", "id_number", "uscc",
                       "legal_representative", "representative_id_number", "practice_certificate_number", "law_firm")


def safe_next(url: str | None) -> str:
    """Only a path on this site: never an open redirect to another host."""
    return url if url and url.startswith("/") and not url.startswith("//") else "/"


def signed_in_redirect(request: Request, username: str, password: str, next_url: str) -> RedirectResponse:
    token, _csrf, _actor = sign_in(request, username, password)
    response = RedirectResponse(safe_next(next_url), status_code=303)
    set_session_cookie(response, get_settings(request), token)
    return response


def pre_session_page(request: Request, template: str, context: dict, *, error: DomainError | None = None):
    """A page of a form used before signing in: with the pre-session CSRF token (and its cookie)."""
    token = login_csrf_token(request)
    if error is not None:
        context["flash"] = {"kind": "error", "message": error.message}
    response = render(request, template, {**context, "csrf_token": token}, status=error.status if error else 200)
    set_login_csrf(response, get_settings(request), token)
    if isinstance(error, TooManyRequests):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    return pre_session_page(request, "security/login.html", {"next": safe_next(next), "username": ""})


@router.post("/login")
def login(request: Request, username: str = Form("", max_length=64), password: str = Form("", max_length=1024),
          next: str = Form("/", max_length=2000), csrf_token: str = Form("", max_length=100)):
    try:
        check_login_csrf(request, csrf_token)
        return signed_in_redirect(request, username, password, next)
    except DomainError as error:
        return pre_session_page(request, "security/login.html", {"next": safe_next(next), "username": username},
                                error=error)


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
    return pre_session_page(request, "security/register.html", {"form": {"person_type": "natural", "role": "party"}})


def register_and_sign_in(request: Request, checked: RegisterIn, password: str) -> RedirectResponse:
    """Hashing the password (argon2) is heavy on purpose: run in the threadpool, never on the event loop."""
    with request.app.state.db.transaction() as session:
        service.register_public(session, **checked.model_dump())
    return signed_in_redirect(request, checked.username, password, "/portal/account")


@router.post("/register")
async def register(request: Request):
    submitted = await request.form()
    form = {name: str(submitted.get(name) or "").strip() for name in REGISTRATION_FIELDS}
    password = str(submitted.get("password") or "")
    try:
        check_login_csrf(request, str(submitted.get("csrf_token") or ""))
        checked = checked_registration(form | {"password": password})
        return await run_in_threadpool(register_and_sign_in, request, checked, password)
    except DomainError as error:
        return pre_session_page(request, "security/register.html", {"form": form}, error=error)


@router.get("/password")
def password_form(request: Request, _: Identity = Depends(current_identity)):
    return render(request, "security/password.html")


@router.post("/password")
def change_password(request: Request, identity: Identity = Depends(current_identity),
                    current_password: str = Form("", max_length=1024), new_password: str = Form("", max_length=1024)):
    try:
        with request.app.state.db.transaction() as session:
            service.change_password(session, account_id=identity.actor.id, current_password=current_password,
                                    new_password=new_password, current_token=request.cookies.get(SESSION_COOKIE, ""))
    except DomainError as error:
        return render(request, "security/password.html",
                      {"flash": {"kind": "error", "message": error.message}}, status=error.status)
    changed = {"kind": "ok", "message": "密码已修改，其他设备上的登录已退出"}
    return render(request, "security/password.html", {"flash": changed})


@router.get("/password/forgot")
def forgot_form(request: Request):
    return pre_session_page(request, "security/forgot.html", {"username": ""})


@router.post("/password/forgot")
def forgot(request: Request, username: str = Form("", max_length=64), phone: str = Form("", max_length=20),
           csrf_token: str = Form("", max_length=100)):
    try:
        check_login_csrf(request, csrf_token)
        send_reset(request, username, phone)
    except DomainError as error:
        return pre_session_page(request, "security/forgot.html", {"username": username}, error=error)
    return pre_session_page(request, "security/forgot.html",
                            {"username": username, "flash": {"kind": "ok", "message": RESET_REQUESTED}})


@router.get("/password/reset")
def reset_form(request: Request, token: str = ""):
    return pre_session_page(request, "security/reset.html", {"token": token[:64]})


@router.post("/password/reset")
def reset(request: Request, token: str = Form("", max_length=64), new_password: str = Form("", max_length=1024),
          csrf_token: str = Form("", max_length=100)):
    try:
        check_login_csrf(request, csrf_token)
        with request.app.state.db.transaction() as session:
            service.reset_password(session, token=token, new_password=new_password)
    except DomainError as error:
        return pre_session_page(request, "security/reset.html", {"token": token}, error=error)
    return RedirectResponse("/login", status_code=303)
