"""Jinja2 templates of every domain, with the filters pages share."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader

from omnicourt import clock
from omnicourt.cases.rules import (
    CLOSING_DOCUMENTS,
    CLOSING_METHOD_LABELS,
    PROCEDURE_LABELS,
    STAGE_LABELS,
    chinese_date,
)
from omnicourt.filing.rules import PARTY_ROLES, PARTY_TYPES, STATUS_LABELS
from omnicourt.notifications import service as notifications
from omnicourt.security.roles import ROLE_LABELS

PACKAGE = Path(__file__).resolve().parents[1]


def _loader() -> ChoiceLoader:
    nested = [*PACKAGE.glob("*/templates"), *PACKAGE.glob("*/*/templates")]  # a domain's own, or a sub-domain's
    folders = [PACKAGE / "web" / "templates"] + sorted(p for p in nested if p.parent.name != "web")
    return ChoiceLoader([FileSystemLoader(str(f)) for f in folders])


templates = Jinja2Templates(directory=str(PACKAGE / "web" / "templates"))
templates.env.loader = _loader()


def yuan(value) -> str:
    if value is None:
        return "—"
    return f"{Decimal(value):,.2f}"


def local_time(value: datetime) -> str:
    """A moment in the court's time: 2026年12月4日 09:30."""
    if not value:
        return ""
    local = clock.local(value)
    return f"{chinese_date(local.date())} {local:%H:%M}"


def cn_date(value: date | str | None) -> str:
    """Every date a page shows: 2026年12月4日; JSON-ready results carry dates as ISO text."""
    if not value:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return chinese_date(value.date() if isinstance(value, datetime) else value)


templates.env.filters.update(yuan=yuan, local_time=local_time, cn_date=cn_date)
templates.env.globals.update(
    STAGE_LABELS=STAGE_LABELS, PROCEDURE_LABELS=PROCEDURE_LABELS, CLOSING_METHOD_LABELS=CLOSING_METHOD_LABELS,
    CLOSING_DOCUMENTS=CLOSING_DOCUMENTS,
    PARTY_ROLES=PARTY_ROLES, ENFORCEMENT_PARTY_ROLES={"plaintiff": "申请执行人", "defendant": "被执行人"},
    PARTY_TYPES=PARTY_TYPES, FILING_STATUS=STATUS_LABELS, ROLE_LABELS=ROLE_LABELS,
)


def render(request: Request, name: str, context: dict | None = None, *, status: int = 200):
    context = dict(context or {})
    identity = getattr(request.state, "identity", None)
    context.setdefault("actor", identity.actor if identity else None)
    context.setdefault("csrf_token", identity.csrf_token if identity else "")
    context.setdefault("csp_nonce", getattr(request.state, "csp_nonce", ""))  # web/headers.py
    actor = context["actor"]
    if actor is not None and actor.is_staff and not request.headers.get("hx-request"):  # full pages carry the nav
        with request.app.state.db.reading() as session:
            context.setdefault("unread_notifications", notifications.unread_count(session, actor=actor))
    return templates.TemplateResponse(request, name, context, status_code=status)
