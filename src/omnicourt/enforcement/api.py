"""The enforcement calculators over HTTP, open to everyone (the page and `omnicourt calc …` share them)."""

from fastapi import APIRouter, Query

from omnicourt.enforcement import calculators
from omnicourt.enforcement.calculators import TEXT

router = APIRouter(prefix="/api/v1/calculators", tags=["calculators"])


@router.get("/enforcement-fee")
def enforcement_fee(amount: str = Query(..., max_length=TEXT, description="申请执行金额（元）")) -> dict:
    return calculators.enforcement_fee(amount)


@router.get("/preservation-fee")
def preservation_fee(amount: str = Query(..., max_length=TEXT, description="实际保全的财产数额（元）")) -> dict:
    return calculators.preservation_fee(amount)


@router.get("/double-interest")
def double_interest(amount: str = Query(..., max_length=TEXT), from_: str = Query(..., alias="from", max_length=TEXT),
                    to: str = Query(..., max_length=TEXT)) -> dict:
    return calculators.double_interest(amount, from_, to)


@router.get("/auction")
def auction(reference_price: str = Query(..., max_length=TEXT), kind: str = Query(..., max_length=TEXT),
            auction_round: int = Query(1, alias="round"),
            previous_start: str | None = Query(None, max_length=TEXT)) -> dict:
    return calculators.auction(reference_price, kind, auction_round, previous_start)
