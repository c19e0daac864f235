"""Request dependencies shared by the API and the pages: the database, the signed-in actor, CSRF."""

import secrets
import threading
from dataclasses import dataclass
from datetime import date, datetime

from fastapi import Depends, Request, Response
from starlette.concurrency import run_in_threadpool

from omnicourt import clock
from omnicourt.db import Database, utcnow
from omnicourt.errors import Forbidden, Unauthenticated
from omnicourt.queue import Queue, open_queue
from omnicourt.security import service as security
from omnicourt.security import throttle
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

SESSION_COOKIE = "oc_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


_QUEUE_OPENING = threading.Lock()


def get_queue(request: Request) -> Queue:
    """The job queue of the app's database, opened on first use; `omnicourt worker` runs what is deferred."""
    state = request.app.state
    with _QUEUE_OPENING:
        if getattr(state, "queue", None) is None:
            state.queue = open_queue(state.settings.model_copy(update={"database_url": state.db.url}),
                                     periodic=False)
    return state.queue


def court_today() -> date:
    """The court's date for this request: every route takes "today" from here (tests override it to fix the
    date), and passes it to the services, which never read the clock themselves."""
    return clock.today()


def court_now() -> datetime:
    """This request's moment (UTC), for the services that count hours rather than days (an asynchronous trial's
    windows); like court_today, the one place routes read it."""
    return clock.utcnow()


@dataclass(frozen=True)
class Identity:
    actor: Actor
    csrf_token: str | None  # None for bearer-token clients, which carry no cookie to forge
    token: str  # the session token the request signed in with (bearer or cookie)


def session_token(request: Request) -> tuple[str | None, bool]:
    """The token this request signs in with, and whether it is a bearer token (which wins over the cookie)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), True
    return request.cookies.get(SESSION_COOKIE), False


def optional_identity(request: Request, db: Database = Depends(get_db)) -> Identity | None:
    if hasattr(request.state, "identity_resolved"):  # already resolved by the rate limit
        return getattr(request.state, "identity", None)
    request.state.identity_resolved = True
    token, bearer = session_token(request)
    if not token:
        return None
    with db.reading() as session:
        found = security.resolve_session(session, get_settings(request), token)
        if found is None:
            return None
        identity = Identity(found.actor, None if bearer else found.csrf_token, token)
    if found.needs_touch(utcnow()):
        with db.transaction() as session:
            security.touch_session(session, token)
    request.state.actor = identity.actor
    request.state.identity = identity
    return identity


def client_address(request: Request) -> str:
    """The client's IP address (behind a proxy, uvicorn's --forwarded-allow-ips makes it the real one)."""
    return request.client.host if request.client else "unknown"


_limiter_lock = threading.Lock()


def rate_limiter(request: Request) -> throttle.RateLimiter:
    """The app's request counters (in memory), made on first use."""
    state = request.app.state
    with _limiter_lock:
        if not hasattr(state, "rate_limiter"):
            state.rate_limiter = throttle.RateLimiter(get_settings(request).rate_limit_window_seconds)
    return state.rate_limiter


async def rate_limit(request: Request) -> None:
    """Applied to every route (app.py); limits the routes of throttle.RATE_LIMITED per address and per account."""
    route = request.scope.get("route")
    kind = throttle.RATE_LIMITED.get((request.method, getattr(route, "path", "")))
    if kind is None:
        return
    per_address, per_account = get_settings(request).rate_limits[kind]
    limiter = rate_limiter(request)
    limiter.check(kind, f"address:{client_address(request)}", per_address)
    identity = await run_in_threadpool(optional_identity, request, get_db(request))
    if identity is not None:
        limiter.check(kind, f"account:{identity.actor.id}", per_account)


def login_csrf_cookie(settings: Settings) -> str:
    # __Host-: a sibling subdomain cannot plant its own token (the cookie needs Secure, so only behind HTTPS).
    return "__Host-oc_login_csrf" if settings.secure_cookies else "oc_login_csrf"


def login_csrf_token(request: Request) -> str:
    """The pre-session CSRF token of the sign-in forms: the cookie's, or a new one (set by set_login_csrf)."""
    sent = request.cookies.get(login_csrf_cookie(get_settings(request)), "")
    return sent if 20 <= len(sent) <= 64 else secrets.token_urlsafe(24)


def set_login_csrf(response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(login_csrf_cookie(settings), token, httponly=True, samesite="strict",
                        secure=settings.secure_cookies, path="/")


def check_login_csrf(request: Request, sent: str | None) -> None:
    """Double-submit: the form's token must equal the cookie's, which another site can neither read nor set."""
    cookie = request.cookies.get(login_csrf_cookie(get_settings(request)))
    if not cookie or not sent or not secrets.compare_digest(str(sent), cookie):
        raise Forbidden("页面已过期（缺少有效的防伪令牌），请刷新页面后重试", field="csrf_token")


async def _check_csrf(request: Request, identity: Identity) -> None:
    if request.method in SAFE_METHODS or identity.csrf_token is None:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form_token = (await request.form()).get("csrf_token")
        sent = form_token if isinstance(form_token, str) else None  # a file under that name is no token
    if not sent or not secrets.compare_digest(str(sent), identity.csrf_token):
        raise Forbidden("请求缺少有效的防伪令牌（CSRF），请刷新页面后重试")


async def current_identity(request: Request, identity: Identity | None = Depends(optional_identity)) -> Identity:
    if identity is None:
        raise Unauthenticated("请先登录")
    await _check_csrf(request, identity)
    return identity


async def current_actor(identity: Identity = Depends(current_identity)) -> Actor:
    return identity.actor


async def current_staff(actor: Actor = Depends(current_actor)) -> Actor:
    """The bench (the court's inner network) is for court staff only."""
    if not actor.is_staff:
        raise Forbidden("该页面仅供法院工作人员使用")
    return actor


async def current_public(actor: Actor = Depends(current_actor)) -> Actor:
    """Filing is done by parties and their lawyers, not by court staff or mediators."""
    if actor.kind != "public":
        raise Forbidden("网上立案由当事人或代理人提交")
    return actor
