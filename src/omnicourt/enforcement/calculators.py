"""The enforcement calculators the CLI (`omnicourt calc …`), the API and the calculator page share: typed text in,
a JSON-ready dict out, each number with the rule behind it. The arithmetic lives in fees.rules, interest.rules and
enforcement.rules; nothing is computed twice."""

from decimal import Decimal

from omnicourt.enforcement import rules
from omnicourt.errors import InvalidInput
from omnicourt.fees import rules as fee_rules
from omnicourt.fees.calculator import parse_amount
from omnicourt.interest import rules as interest_rules
from omnicourt.interest.calculator import parse_date
from omnicourt.reference.tables import fee_tables

TEXT = 40  # longest amount or date text the API and the page accept


def _scale(kind: str) -> tuple[fee_rules.BandScale, str]:
    table = fee_tables()["application"][kind]
    return fee_rules.scale_from_table(table), table["source"]


def _bands(fee: fee_rules.ApplicationFee) -> list[dict]:
    return [{"lower": str(b.lower), "upper": None if b.upper is None else str(b.upper),
             "rate": None if b.rate is None else str(b.rate), "charged": str(b.charged)} for b in fee.bands]


def _application_fee(amount_text: str, kind: str, compute, basis: str) -> dict:
    amount = parse_amount(amount_text)
    scale, source = _scale(kind)
    fee = compute(amount, scale)
    return {"amount": str(amount), "fee": str(fee.fee), "capped": fee.capped, "bands": _bands(fee),
            "basis": basis, "source": source}


def enforcement_fee(amount_text: str) -> dict:
    """申请执行费 on the amount to be enforced, progressive (诉讼费用交纳办法 art. 14(1)); paid after enforcement and
    borne by the debtor (arts 20, 38)."""
    return _application_fee(amount_text, "enforcement", fee_rules.application_fee_enforcement,
                            "《诉讼费用交纳办法》第十四条第一项：申请执行费按执行金额分段累计交纳；"
                            "第二十条、第三十八条：执行后交纳，由被执行人负担")


def preservation_fee(amount_text: str) -> dict:
    """申请保全费 on the amount actually preserved, capped at 5,000 (诉讼费用交纳办法 art. 14(2))."""
    return _application_fee(amount_text, "preservation", fee_rules.application_fee_preservation,
                            "《诉讼费用交纳办法》第十四条第二项：申请保全费按实际保全的财产数额分段累计交纳，"
                            "最多不超过5000元")


def double_interest(amount_text: str, from_text: str, to_text: str) -> dict:
    """加倍部分债务利息 for the days of delay (CPL 2023 art. 264; the 2014 interpretation arts 1–3)."""
    amount = parse_amount(amount_text)
    start = parse_date(from_text, "from")
    end = parse_date(to_text, "to")
    days = interest_rules.days_between(start, end)
    value = interest_rules.double_interest(amount, start, end)
    return {
        "amount": str(amount), "from": start.isoformat(), "to": end.isoformat(), "days": days,
        "daily_rate": str(interest_rules.DOUBLE_INTEREST_DAILY), "double_interest": str(interest_rules.to_fen(value)),
        "basis": "《中华人民共和国民事诉讼法》（2023年修正）第二百六十四条；"
                 "《最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释》第一条："
                 "加倍部分债务利息＝生效法律文书确定的除一般债务利息之外的金钱债务×日万分之一点七五×迟延履行期间",
        "note": "起算日为履行期间届满之日（分期履行的，各期分别起算；未确定履行期间的，自生效之日起算），"
                "截止日为履行完毕之日（该日不计入）；一般债务利息按生效法律文书另计；中止执行等非因被执行人申请的期间不计入",
    }


def _price(text: str, field: str, label: str) -> Decimal:
    """A price typed on the auction form, refused under its own name and field."""
    try:
        price = parse_amount(text)
    except InvalidInput as error:
        raise InvalidInput(error.message.replace("标的额", label), field=field) from None
    if price <= 0:
        raise InvalidInput(f"{label}应大于零", field=field)
    return price


def _auction_kind(kind_text: str) -> rules.AssetKind:
    try:
        return rules.AssetKind(kind_text.strip())
    except ValueError:
        raise InvalidInput("财产类别应为 real_estate（不动产）或 movable（动产）", field="kind") from None


def auction(reference_price_text: str, kind_text: str, auction_round: int = 1,
            previous_start_text: str | None = None) -> dict:
    """The lowest starting price, the deposit range, and the announcement and bidding periods of an online judicial
    auction (网拍规定 arts 10, 12, 17, 20, 26)."""
    reference = _price(reference_price_text, "reference_price", "参考价")
    kind = _auction_kind(kind_text)
    rules.check_round(auction_round)
    result: dict = {"reference_price": str(reference), "kind": kind.value, "kind_name": rules.KIND_NAMES[kind],
                    "round": auction_round}
    if auction_round == 1:
        if previous_start_text:
            raise InvalidInput("首次拍卖没有前次起拍价；再次拍卖请选择第 2 轮", field="previous_start")
        lowest = rules.first_round_lowest_start(reference)
        result["lowest_start"] = {"value": str(lowest), "basis": rules.SOURCES["start"]}
    else:
        previous = (_price(previous_start_text, "previous_start", "前次起拍价") if previous_start_text
                    else rules.first_round_lowest_start(reference))
        lowest = rules.second_round_lowest_start(previous)
        result["previous_start"] = str(previous)
        result["lowest_start"] = {
            "value": str(lowest), "basis": rules.SOURCES["second_round"],
            **({} if previous_start_text else
               {"assumption": "未填前次起拍价：按首次拍卖可定的最低起拍价（参考价的70%）计算"})}
    deposit = rules.deposit_range(lowest)
    result["deposit"] = {"lowest": str(deposit.lowest), "highest": str(deposit.highest),
                         "share": "起拍价的5%至20%", "basis": rules.SOURCES["deposit"]}
    result["announcement_days"] = {
        "value": rules.announcement_days(kind, auction_round),
        "basis": rules.SOURCES["announcement" if auction_round == 1 else "reannouncement"]}
    result["bidding"] = {"minimum_hours": int(rules.MIN_BIDDING.total_seconds() // 3600),
                         "extension_minutes": int(rules.LATE_BID_WINDOW.total_seconds() // 60),
                         "basis": rules.SOURCES["bidding"]}
    if auction_round == 2:
        result["reauction_within_days"] = rules.REAUCTION_WITHIN_DAYS
        result["if_it_fails"] = ("再次拍卖流拍的，可以依法在同一网络司法拍卖平台变卖（网拍规定第二十六条第二款），"
                                 "或者经申请执行人同意以物抵债")
    return result
