"""The interest calculator page: Chinese labels over the calculator the CLI and the API use."""

from datetime import date
from decimal import Decimal

from fastapi import APIRouter, Query, Request

from omnicourt.errors import DomainError
from omnicourt.interest import calculator, wording
from omnicourt.interest.calculator import TEXT
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

CAP_LABELS = {"none": "不适用上限", "financial": "金融借款：年利率24%",
              "private": "民间借贷：合同成立时一年期LPR的四倍"}
UPLIFT_LABELS = {"": "不计罚息", "0.3": "上浮30%", "0.4": "上浮40%", "0.5": "上浮50%"}
BASIS_LABELS = {360: "每年360天", 365: "每年365天"}


def segment_rows(segments: list[dict]) -> list[dict]:
    """The calculator's segments as the page shows them: Chinese dates, rates in percent."""
    return [{"start": wording.chinese_date(date.fromisoformat(s["start"])),
             "end": wording.chinese_date(date.fromisoformat(s["end"])), "days": s["days"],
             "rate": wording.percent(Decimal(s["annual_rate"])),
             "lpr": wording.percent(Decimal(s["lpr"])) if s["lpr"] else "—", "amount": s["amount"]}
            for s in segments]


def cap_periods(cap: dict) -> list[dict]:
    """The private-lending caps in force, rates in percent."""
    return [{**p, "annual_cap": wording.percent(Decimal(p["annual_cap"])),
             "lpr": wording.percent(Decimal(p["lpr"])) if p["lpr"] else None} for p in cap.get("periods", [])]


@router.get("/calculators/interest")
def interest_calculator(request: Request, principal: str = Query("", max_length=TEXT),
                        rate: str = Query("", max_length=TEXT), start: str = Query("", max_length=TEXT),
                        end: str = Query("", max_length=TEXT), basis: int = 360,
                        penalty_uplift: str = Query("", max_length=TEXT), cap: str = Query("none", max_length=TEXT),
                        contract_date: str = Query("", max_length=TEXT), suit_date: str = Query("", max_length=TEXT)):
    form = {"principal": principal, "rate": rate, "start": start, "end": end, "basis": basis,
            "penalty_uplift": penalty_uplift, "cap": cap, "contract_date": contract_date, "suit_date": suit_date}
    context = {"form": form, "CAP_LABELS": CAP_LABELS, "UPLIFT_LABELS": UPLIFT_LABELS, "BASIS_LABELS": BASIS_LABELS}
    if principal and rate and start and end:
        try:
            result = calculator.calculate(principal, rate, start, end, basis, penalty_uplift or None, cap,
                                          contract_date or None, suit_date or None)
            context |= {"result": result, "segments": segment_rows(result["segments"]),
                        "penalty_segments": segment_rows(result.get("penalty", {}).get("segments", [])),
                        "cap_periods": cap_periods(result["cap"])}
        except DomainError as error:
            context["error"] = error.message
    elif principal or rate or start or end:
        context["error"] = "请填写本金、利率、起算日和截止日"
    return render(request, "interest/calculator.html", context)
