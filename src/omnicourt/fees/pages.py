"""The fee calculator page and its HTMX fragment, which the filing form also uses as the party types."""

from decimal import Decimal

from fastapi import APIRouter, Query, Request

from omnicourt.errors import DomainError
from omnicourt.fees import rules
from omnicourt.fees.api import fee_result, parse_amount
from omnicourt.fees.schemas import FeeOut
from omnicourt.reference import service as reference
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

KIND_LABELS = {"property": "财产案件", "divorce": "离婚案件", "personality": "人格权案件", "labour": "劳动争议案件",
               "ip": "知识产权案件", "other_non_property": "其他非财产案件"}


def total_amount(amounts: list[str]) -> Decimal:
    """The sum of the amounts typed so far; blank fields count as nothing."""
    return sum((parse_amount(a) for a in amounts if a and a.strip()), Decimal("0.00"))


def rate_label(rate: Decimal | None) -> str:
    return "基数" if rate is None else f"{(rate * 100).normalize():f}%"


def band_rows(result: FeeOut) -> list[dict]:
    return [{"range": f"{b.lower:,.0f}–{f'{b.upper:,.0f}' if b.upper is not None else '以上'}",
             "rate": rate_label(b.rate), "charged": b.charged} for b in result.bands]


def assess(request: Request, amounts: list[str], procedure: str, kind: str, cause_code: str | None,
           court_code: str | None) -> dict:
    """The fee of what was typed, or the message saying what is wrong with it; for the fee partial."""
    try:
        if cause_code:
            with request.app.state.db.reading() as session:
                kind = reference.cause_by_code(session, cause_code).kind
        result = fee_result(total_amount(amounts), procedure, kind, court_code or None)
    except DomainError as error:
        return {"fee_error": error.message}
    return {"fee": result, "bands": band_rows(result), "kind_label": KIND_LABELS.get(kind, kind)}


@router.get("/calculators/fee")
def calculator(request: Request, amount: str = "", procedure: str = "ordinary", kind: str = "property"):
    context = {"amount": amount, "procedure": procedure, "kind": kind, "kinds": KIND_LABELS,
               "procedures": rules.PROCEDURES}
    if amount:
        context |= assess(request, [amount], procedure, kind, None, None)
    return render(request, "fees/calculator.html", context)


@router.get("/calculators/fee/fragment")
def calculator_fragment(request: Request, amount: list[str] = Query(default=[]), procedure: str = "ordinary",
                        kind: str = "property", cause_code: str | None = None, court_code: str | None = None):
    """The fee partial; `amount` may repeat (the claims of a filing) and is summed."""
    return render(request, "fees/fee_result.html", assess(request, amount, procedure, kind, cause_code, court_code))
