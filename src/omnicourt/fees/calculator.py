"""The fee calculator the API, the page and `omnicourt calc fee` share: the amount as typed, then the fee band by
band with its legal source."""

from decimal import Decimal, InvalidOperation

from omnicourt.errors import InvalidInput
from omnicourt.fees import schemas, service

SOURCE = ("《诉讼费用交纳办法》第十三条、第十五条、第十六条；"
          "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百零六条")
MAX_AMOUNT = Decimal("1000000000000")  # ¥1 trillion, as in filing: anything above is a typing error


def parse_amount(text: str) -> Decimal:
    """The amount typed, or a refusal: not a number (NaN and infinities included), negative, or absurd."""
    plain = (text or "").replace(",", "").strip()
    try:
        amount = Decimal(plain[:64])
    except InvalidOperation:
        amount = None
    if amount is None or len(plain) > 64 or not amount.is_finite():
        raise InvalidInput("标的额应为数字，例如 114142.70", field="amount")
    if amount < 0:
        raise InvalidInput("标的额不能为负数", field="amount")
    if amount > MAX_AMOUNT:
        raise InvalidInput("标的额超出合理范围（不超过1万亿元），请核对", field="amount")
    return amount


def fee_result(amount: Decimal, procedure: str, kind: str = "property", court_code: str | None = None, *,
               fee_province: str) -> schemas.FeeOut:
    if kind not in service.FEE_KINDS:
        raise InvalidInput("案件类别应为 " + " / ".join(service.FEE_KINDS), field="kind")
    assessment = service.assess_acceptance_fee(amount, procedure, kind=kind, fee_province=fee_province,
                                               court_code=court_code)
    return schemas.FeeOut(
        amount=amount, procedure=procedure, kind=kind, full_fee=assessment.full_fee, charged_fee=assessment.charged_fee,
        halved=assessment.halved, halving_basis=assessment.halving_basis or None, rounding=assessment.rounding,
        bands=[schemas.BandOut(lower=b.lower, upper=b.upper, rate=b.rate, charged=b.charged)
               for b in assessment.bands],
        source=SOURCE,
    )
