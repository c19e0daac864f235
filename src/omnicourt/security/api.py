"""Sign-in, sign-out, registration, password change and reset. API clients use the returned token as a Bearer
token; the JSON sign-in needs no CSRF token (a cross-site form cannot send JSON)."""

from fastapi import APIRouter, Depends, Request, Response

from omnicourt.db import Database
from omnicourt.errors import Unauthenticated
from omnicourt.notifications import sms
from omnicourt.security import schemas, service
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import (
    SESSION_COOKIE,
    Identity,
    client_address,
    current_actor,
    current_identity,
    get_db,
    get_settings,
    rate_limiter,
)

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])

RESET_REQUESTED = "如果用户名与手机号匹配，重置链接已通过短信发送，请在有效期内使用"


def sign_in(request: Request, username: str, password: str) -> tuple[str, str, Actor]:
    """Check the password and open a session; a failure is recorded (committed) before refusing."""
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    limit = settings.rate_limits["login"][1]
    rate_limiter(request).check("login", f"username:{(username or '').strip()[:64]}", limit)
    with db.transaction() as session:
        account = service.authenticate(session, settings, username=username, password=password,
                                       address=client_address(request))
        if account is not None:
            token, csrf = service.open_session(session, settings, account=account)
            actor = service.actor_for(session, account)
    if account is None:
        raise Unauthenticated("用户名或密码错误")
    return token, csrf, actor


def set_session_cookie(response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_max_age_seconds, httponly=True,
                        samesite="lax", secure=settings.secure_cookies, path="/")


@router.post("/login", response_model=schemas.LoginOut)
def login(body: schemas.LoginIn, request: Request, response: Response, settings: Settings = Depends(get_settings)):
    token, csrf, actor = sign_in(request, body.username, body.password)
    set_session_cookie(response, settings, token)
    return schemas.LoginOut(token=token, csrf_token=csrf, role=actor.role, display_name=actor.display_name)


@router.post("/logout", status_code=204)
def logout(response: Response, identity: Identity = Depends(current_identity), db: Database = Depends(get_db)):
    """Closes the session this request signed in with: the bearer token if one was sent, else the cookie's."""
    with db.transaction() as session:
        service.close_session(session, identity.token)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.post("/password", status_code=204)
def change_password(body: schemas.PasswordChangeIn, identity: Identity = Depends(current_identity),
                    db: Database = Depends(get_db)):
    with db.transaction() as session:
        service.change_password(session, account_id=identity.actor.id, current_password=body.current_password,
                                new_password=body.new_password, current_token=identity.token)


def send_reset(request: Request, username: str, phone: str) -> None:
    """Create the reset token and text it (after the commit); the same answer whether or not the account exists."""
    settings: Settings = request.app.state.settings
    limit = settings.rate_limits["password_reset"][1]
    rate_limiter(request).check("password_reset", f"username:{(username or '').strip()[:64]}", limit)
    with request.app.state.db.transaction() as session:
        found = service.request_password_reset(session, settings, username=username, phone=phone)
    if found:
        phone_number, token = found
        link = settings.public_base_url.rstrip("/") + f"/password/reset?token={token}"
        sms.sender(settings)(phone_number, f"【全域数字法院】重置密码请打开 {link} ，"
                                           f"{settings.password_reset_minutes} 分钟内有效。如非本人操作请忽略。")


@router.post("/password-reset", response_model=schemas.MessageOut, status_code=202)
def request_reset(body: schemas.PasswordResetIn, request: Request):
    send_reset(request, body.username, body.phone)
    return schemas.MessageOut(message=RESET_REQUESTED)


@router.post("/password-reset/confirm", status_code=204)
def confirm_reset(body: schemas.PasswordResetConfirmIn, db: Database = Depends(get_db)):
    with db.transaction() as session:
        service.reset_password(session, token=body.token, new_password=body.new_password)


@router.post("/register", response_model=schemas.MeOut, status_code=201)
def register(body: schemas.RegisterIn, db: Database = Depends(get_db)):
    with db.transaction() as session:
        account = service.register_public(session, **body.model_dump())
        return me_out(service.actor_for(session, account))


def me_out(actor: Actor) -> schemas.MeOut:
    return schemas.MeOut(id=actor.id, role=actor.role, role_label=actor.role_label, kind=actor.kind,
                         display_name=actor.display_name, court_id=actor.court_id, division_id=actor.division_id,
                         identity_verified=actor.identity_verified)


@router.get("/me", response_model=schemas.MeOut)
def me(actor: Actor = Depends(current_actor)):
    return me_out(actor)
