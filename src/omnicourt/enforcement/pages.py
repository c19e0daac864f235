"""The enforcement calculators page: four small forms (执行申请费, 保全申请费, 迟延履行加倍利息, 网络司法拍卖) over the
calculators the CLI and the API use; the result appears under the form that was sent."""

from fastapi import APIRouter, Query, Request

from omnicourt.enforcement import calculators
from omnicourt.enforcement.calculators import TEXT
from omnicourt.errors import DomainError
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

CALCULATORS = ("enforcement_fee", "preservation_fee", "double_interest", "auction")


def _compute(calc: str, form: dict) -> dict:
    if calc == "enforcement_fee":
        return calculators.enforcement_fee(form["amount"])
    if calc == "preservation_fee":
        return calculators.preservation_fee(form["amount"])
    if calc == "double_interest":
        return calculators.double_interest(form["amount"], form["from"], form["to"])
    return calculators.auction(form["reference_price"], form["kind"], form["round"], form["previous_start"] or None)


@router.get("/calculators/enforcement")
def enforcement_calculators(request: Request, calc: str = Query("", max_length=TEXT),
                            amount: str = Query("", max_length=TEXT),
                            from_: str = Query("", alias="from", max_length=TEXT),
                            to: str = Query("", max_length=TEXT),
                            reference_price: str = Query("", max_length=TEXT),
                            kind: str = Query("real_estate", max_length=TEXT),
                            auction_round: int = Query(1, alias="round"),
                            previous_start: str = Query("", max_length=TEXT)):
    form = {"amount": amount, "from": from_, "to": to, "reference_price": reference_price, "kind": kind,
            "round": auction_round, "previous_start": previous_start}
    context: dict = {"form": form, "calc": calc}
    if calc in CALCULATORS:
        try:
            context["result"] = _compute(calc, form)
        except DomainError as error:
            context["error"] = error.message
    elif calc:
        context["error"] = "请选择要使用的计算器"
    return render(request, "enforcement/calculators.html", context)
