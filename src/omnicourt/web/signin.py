"""Signing in and asking for a password reset, as the API and the pages both do: rate-limited per username, the
session cookie, the reset link by text message (security/sms.py)."""

from fastapi import Request, Response

from omnicourt.db import Database
from omnicourt.errors import Unauthenticated
from omnicourt.security import service, sms
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import SESSION_COOKIE, client_address, rate_limiter

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
