"""The interest calculator over HTTP, open to everyone (the page and `omnicourt calc interest` share it)."""

from fastapi import APIRouter, Query

from omnicourt.interest import calculator
from omnicourt.interest.calculator import TEXT

router = APIRouter(prefix="/api/v1/calculators", tags=["calculators"])


@router.get("/interest")
def interest(principal: str = Query(..., max_length=TEXT, description="本金（元）"),
             rate: str = Query(..., max_length=TEXT, description="利率原文：年利率6.12% / 月息5厘 / LPR加50个基点"),
             start: str = Query(..., max_length=TEXT, description="起算日 YYYY-MM-DD（计入）"),
             end: str = Query(..., max_length=TEXT, description="截止日 YYYY-MM-DD（不计入：算头不算尾）"),
             basis: int = Query(360, ge=360, le=365, description="一年的计息天数：360 或 365"),
             penalty_uplift: str | None = Query(None, max_length=TEXT, description="罚息上浮比例，如 0.5"),
             cap: str = Query("none", max_length=TEXT, description="none / financial（24%） / private（LPR四倍）"),
             contract_date: str | None = Query(None, max_length=TEXT, description="合同成立日（private 上限必填）"),
             suit_date: str | None = Query(None, max_length=TEXT, description="起诉日（private 上限必填）")) -> dict:
    """Interest by LPR segment, the penalty interest, the cap and the judgment wording (court-rules.md §4)."""
    return calculator.calculate(principal, rate, start, end, basis, penalty_uplift, cap, contract_date, suit_date)
