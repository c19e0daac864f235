"""Jinja2 templates of every domain, with the filters pages share."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader

from omnicourt.cases.rules import CLOSING_METHOD_LABELS, PROCEDURE_LABELS, STAGE_LABELS
from omnicourt.filing.rules import PARTY_ROLES, PARTY_TYPES, STATUS_LABELS
from omnicourt.security.roles import ROLE_LABELS

PACKAGE = Path(__file__).resolve().parents[1]
CHINA = timezone(timedelta(hours=8))


def _loader() -> ChoiceLoader:
    folders = [PACKAGE / "web" / "templates"] + sorted(p for p in PACKAGE.glob("*/templates")
                                                       if p.parent.name != "web")
    return ChoiceLoader([FileSystemLoader(str(f)) for f in folders])


templates = Jinja2Templates(directory=str(PACKAGE / "web" / "templates"))
templates.env.loader = _loader()


def yuan(value) -> str:
    if value is None:
        return "—"
    return f"{Decimal(value):,.2f}"


def local_time(value: datetime) -> str:
    return value.astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if value else ""


def cn_date(value: date | None) -> str:
    return value.isoformat() if value else "—"


templates.env.filters.update(yuan=yuan, local_time=local_time, cn_date=cn_date)
templates.env.globals.update(
    STAGE_LABELS=STAGE_LABELS, PROCEDURE_LABELS=PROCEDURE_LABELS, CLOSING_METHOD_LABELS=CLOSING_METHOD_LABELS,
    PARTY_ROLES=PARTY_ROLES, PARTY_TYPES=PARTY_TYPES, FILING_STATUS=STATUS_LABELS, ROLE_LABELS=ROLE_LABELS,
)


def render(request: Request, name: str, context: dict | None = None, *, status: int = 200):
    context = dict(context or {})
    identity = getattr(request.state, "identity", None)
    context.setdefault("actor", identity.actor if identity else None)
    context.setdefault("csrf_token", identity.csrf_token if identity else "")
    context.setdefault("csp_nonce", getattr(request.state, "csp_nonce", ""))  # web/headers.py
    return templates.TemplateResponse(request, name, context, status_code=status)
