"""Reading an interest rate in any written form into a `Rate` (pure; court-rules.md §4).

Forms read: 年利率6.12% / 年息6.12% / 年利率百分之六点一二 / 月利率5‰ / 月息5厘 / 月息1分5厘 / 日利率万分之二 /
日息0.02% / 执行基准利率上浮30% / 基准利率的1.3倍 / LPR加50个基点 / LPR+0.5% / 一年期LPR的1.3倍 / 五年期以上LPR减20BP /
按贷款发放日前一日一年期LPR加X个基点 / 无息.

Conventions (documented because the contracts rarely are):
* month → year: × 12; day → year: × the claim's day-count basis (360 is bank practice [U], 365 when the claim counts
  actual days). The basis is a parameter because court-rules.md §4.2 says to make it one per claim.
* 厘 and 分 are the traditional units: 1 厘 = 1 % a year, 0.1 % a month, 0.01 % a day; 1 分 = 10 厘.
* LPR-based: annual = LPR × multiplier + spread. "加/减 X 个基点 (BP)" and "加/减 X%" move the LPR by absolute points;
  "上浮/下浮 X%" and "的 X 倍" scale it. A rate "按贷款发放日（前一日）…LPR" is fixed once at that day (anchored);
  otherwise it follows every fixing. The day before a disbursement and the working day before it find the same LPR,
  because fixings are published on working days.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

from omnicourt.errors import InvalidInput

BASES = (360, 365)
PERIODS_PER_YEAR = {"year": 1, "month": 12}
# Value of one 厘 per period (分 = 10 厘): the customary reading of 年息/月息/日息 X 厘.
LI_PER_PERIOD = {"year": Decimal("0.01"), "month": Decimal("0.001"), "day": Decimal("0.0001")}
ONE = Decimal(1)
NUMBER = r"(\d+(?:\.\d+)?)"


@dataclass(frozen=True)
class Rate:
    """A contract rate. kind: "fixed" (annual set), "lpr" (LPR × multiplier + spread_bp / 10,000) or "benchmark"
    (the PBOC benchmark rate × multiplier, for pre-2019 contracts). Rates are fractions: 0.0612 is 6.12 %."""

    kind: str
    text: str
    annual: Decimal | None = None
    spread_bp: Decimal = Decimal(0)
    multiplier: Decimal = ONE
    tenor: str = "1y"  # LPR tenor: "1y" or "5y" (五年期以上)
    anchored: bool = False  # LPR fixed once at the disbursement instead of following each fixing
    anchor_day_before: bool = False  # anchored on the day before the disbursement (发放日前一日 / 前一个工作日)
    period: str = "year"  # fixed: the period the text was written in (year / month / day)
    day_basis: int = 360  # the days in a year used to convert a daily rate


def _refuse(text: str, why: str) -> InvalidInput:
    return InvalidInput(f"无法识别利率「{text}」：{why}", field="rate")


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise _refuse(text, "数字格式不正确") from None


@lru_cache(maxsize=4096)
def _normalise(text: str) -> str:
    """Half-width, no spaces, Arabic numerals (cn2an: 百分之六点一二 -> 6.12%), one spelling of the LPR."""
    plain = unicodedata.normalize("NFKC", text)
    plain = re.sub(r"\s+", "", plain).replace("bp", "BP").replace("Bp", "BP").replace("lpr", "LPR")
    plain = re.sub(r"(一年期|1年期|五年期以上|5年期以上|五年期|5年期)?(贷款市场报价利率|LPR)(\(LPR\))?",
                   lambda m: ("5年期" if m.group(1) and m.group(1)[0] in "五5" else "") + "LPR", plain)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an warns about text it leaves alone (万分之 without digits etc.)
        return cn2an.transform(plain, "cn2an")


def parse_rate(text: str, *, day_basis: int = 360) -> Rate:
    """Read a written rate. `day_basis` (360 or 365) converts a daily rate to a year. Unreadable: InvalidInput."""
    if day_basis not in BASES:
        raise InvalidInput(f"计息基数应为 360 或 365 天，收到 {day_basis}", field="basis")
    original = (text or "").strip()
    if not original:
        raise InvalidInput("利率不能为空", field="rate")
    return _parse(original, day_basis)


@lru_cache(maxsize=4096)
def _parse(original: str, day_basis: int) -> Rate:
    plain = _normalise(original)
    if re.fullmatch(r"(无息|不计息|不计利息|免息|利率为?0%?)", plain):
        return Rate("fixed", original, annual=Decimal(0))
    if "LPR" in plain:
        return _parse_lpr(original, plain)
    if "基准利率" in plain:
        return _parse_benchmark(original, plain)
    return _parse_fixed(original, plain, day_basis)


def _scaling(original: str, plain: str) -> tuple[Decimal, str]:
    """The multiplier written as 上浮/下浮 X% or 的 X 倍 (1 when absent), and the text with it removed."""
    multiplier = ONE
    if match := re.search(r"(上浮|下浮)" + NUMBER + "%", plain):
        change = _decimal(match.group(2)) / 100
        multiplier = ONE + change if match.group(1) == "上浮" else ONE - change
        plain = plain.replace(match.group(0), "", 1)
    if match := re.search("的?" + NUMBER + "倍", plain):
        if multiplier != ONE:
            raise _refuse(original, "同时写了上浮比例和倍数")
        multiplier = _decimal(match.group(1))
        plain = plain.replace(match.group(0), "", 1)
    if multiplier <= 0:
        raise _refuse(original, "浮动后利率不为正")
    return multiplier, plain


def _parse_lpr(original: str, plain: str) -> Rate:
    tenor = "5y" if "5年期LPR" in plain else "1y"
    multiplier, rest = _scaling(original, plain)
    spread = Decimal(0)
    if match := re.search(r"(加|\+|减|-)" + NUMBER + r"(个)?(基点|BP)", rest):
        spread = _decimal(match.group(2))
    elif match := re.search(r"(加|\+|减|-)" + NUMBER + r"(%|个百分点)", rest):
        spread = _decimal(match.group(2)) * 100
    if match:
        spread = -spread if match.group(1) in "减-" else spread
        rest = rest.replace(match.group(0), "", 1)
    anchored = bool(re.search("(发放|放款|提款|起息)日", rest))
    day_before = re.search("(发放|放款|提款|起息)日(的)?前(一|1)(日|天|个?工作日)", rest)
    if day_before:
        rest = rest.replace(day_before.group(0), "", 1)
    if re.search(r"\d", rest.replace("5年期LPR", "LPR")):
        raise _refuse(original, "LPR 之外还有未能识别的数字（可写作“LPR加50个基点”“LPR的1.3倍”）")
    return Rate("lpr", original, spread_bp=spread, multiplier=multiplier, tenor=tenor, anchored=anchored,
                anchor_day_before=bool(day_before))


def _parse_benchmark(original: str, plain: str) -> Rate:
    multiplier, rest = _scaling(original, plain)
    if re.search(r"\d", rest):
        raise _refuse(original, "基准利率之外还有未能识别的数字（可写作“基准利率上浮30%”）")
    return Rate("benchmark", original, multiplier=multiplier)


def _period(plain: str) -> str:
    if re.search("(日|天)(利率|息|利|化|万分|千分|\\d)", plain) or plain.startswith(("日", "天")):
        return "day"
    if re.search("月(利率|息|利|\\d|千分|万分)", plain) or plain.startswith("月"):
        return "month"
    return "year"


def _per_period_value(original: str, plain: str, period: str) -> Decimal:
    if match := re.search("万分之" + NUMBER, plain):
        return _decimal(match.group(1)) / 10000
    if match := re.search("千分之" + NUMBER, plain) or re.search(NUMBER + "‰", plain):
        return _decimal(match.group(1)) / 1000
    if match := re.search(NUMBER + "%", plain):
        return _decimal(match.group(1)) / 100
    first_digit = re.search(r"\d", plain)
    from_first_digit = plain[first_digit.start():] if first_digit else ""
    if match := re.search(r"(?:" + NUMBER + "分)?(?:" + NUMBER + "厘)?", from_first_digit):
        fen, li = match.group(1), match.group(2)
        if fen or li:
            units = (_decimal(fen) * 10 if fen else 0) + (_decimal(li) if li else 0)
            return units * LI_PER_PERIOD[period]
    raise _refuse(original, "没有找到利率数值及单位（如 6.12%、5‰、万分之二、5厘）")


def _parse_fixed(original: str, plain: str, day_basis: int) -> Rate:
    if re.search(r"(-|负)\d", plain):
        raise _refuse(original, "利率不能为负")
    period = _period(plain)
    value = _per_period_value(original, plain, period)
    if len(re.findall(NUMBER, plain)) > (2 if re.search(r"\d分\d", plain) else 1):
        raise _refuse(original, "出现多个数值")
    per_year = day_basis if period == "day" else PERIODS_PER_YEAR[period]
    return Rate("fixed", original, annual=value * per_year, period=period, day_basis=day_basis)
