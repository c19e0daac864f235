"""Signing in and asking for a password reset, as the API and the pages both do: rate-limited per username, the
session cookie, the reset link by text message (a job: jobs.py, security/sms.py)."""

import logging

from fastapi import Request, Response

from omnicourt.db import Database
from omnicourt.errors import Unauthenticated
from omnicourt.queue import defer_or_refuse
from omnicourt.security import service
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import SESSION_COOKIE, client_address, get_queue, rate_limiter

log = logging.getLogger("omnicourt.security")

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
    """Defer the job that creates the reset token and texts it (jobs.py): the request sends nothing itself and
    answers the same whether or not the account exists."""
    settings: Settings = request.app.state.settings
    limit = settings.rate_limits["password_reset"][1]
    rate_limiter(request).check("password_reset", f"username:{(username or '').strip()[:64]}", limit)
    with request.app.state.db.reading() as session:
        account_id = service.password_reset_account(session, username=username, phone=phone)
    if account_id is None:
        return
    defer_or_refuse(get_queue(request), service.PASSWORD_RESET_JOB, refusal="系统暂时无法发送短信，请稍后再试",
                    account_id=account_id)
