"""Request dependencies shared by the API and the pages: the database, the signed-in actor, CSRF."""

import secrets
from dataclasses import dataclass

from fastapi import Depends, Request

from omnicourt.db import Database
from omnicourt.errors import Forbidden, Unauthenticated
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

SESSION_COOKIE = "oc_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


@dataclass(frozen=True)
class Identity:
    actor: Actor
    csrf_token: str | None  # None for bearer-token clients, which carry no cookie to forge


def _session_token(request: Request) -> tuple[str | None, bool]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), True
    return request.cookies.get(SESSION_COOKIE), False


def optional_identity(request: Request, db: Database = Depends(get_db)) -> Identity | None:
    token, bearer = _session_token(request)
    if not token:
        return None
    with db.reading() as session:
        found = security.resolve_session(session, token)
        if found is None:
            return None
        account, csrf = found
        identity = Identity(security.actor_for(session, account), None if bearer else csrf)
    request.state.actor = identity.actor
    request.state.identity = identity
    return identity


async def _check_csrf(request: Request, identity: Identity) -> None:
    if request.method in SAFE_METHODS or identity.csrf_token is None:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = (await request.form()).get("csrf_token")
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
    """Filing is done by parties and their lawyers, not by court staff."""
    if actor.is_staff:
        raise Forbidden("网上立案由当事人或代理人提交")
    return actor
