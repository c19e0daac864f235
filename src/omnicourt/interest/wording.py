"""The words judgments use for amounts, rates, dates and running interest (court-rules.md §4.2, §5.2 items 9–10).

Style chosen and kept everywhere: amounts in plain digits with two decimals and no thousands separator ("114142.70元",
as in （2019）粤0192民初38420号); rates as a percent without trailing zeros ("9.18%", "24%"); dates as "2025年3月20日".
Day counts: an accrual over the half-open days [a, b) is worded "自a+1起至b止" — the same number of days; so amounts
"暂计至C" cover the days up to and including C and the running formula starts "自C+1起".
"""

from datetime import date, timedelta
from decimal import Decimal

from omnicourt.cases.rules import chinese_date  # one date form for judgments and pages
from omnicourt.interest.rules import to_fen

# CPL article on double interest for delayed performance by judgment date (court-rules.md §0.2, §5.2 item 10):
# 264 from 2024-01-01 (2023 revision), 260 from 2022-01-01 (2021 revision), 253 before (2012/2017 texts).
DOUBLE_INTEREST_ARTICLES = ((date(2024, 1, 1), "二百六十四"), (date(2022, 1, 1), "二百六十"), (date.min, "二百五十三"))


def yuan(amount: Decimal) -> str:
    """114142.7 -> "114142.70元" (rounded half up to the fen)."""
    return f"{to_fen(amount):f}元"


def percent(annual: Decimal) -> str:
    """0.0918 -> "9.18%"; 0.24 -> "24%"."""
    text = f"{(annual * 100).quantize(Decimal('0.0001')).normalize():f}"
    return f"{text}%"


def running_formula_text(base: Decimal, annual_rate: Decimal, start: date, *, charge: str = "罚息",
                         base_name: str = "未还本金") -> str:
    """"自2025年3月21日起至实际清偿之日止，以未还本金100000.00元为基数，按年利率9.18%计付罚息"."""
    return (f"自{chinese_date(start)}起至实际清偿之日止，以{base_name}{yuan(base)}为基数，"
            f"按年利率{percent(annual_rate)}计付{charge}")


def double_interest_warning(judgment_date: date) -> str:
    """The §5.2 item 10 sentence, citing the CPL article in force on the judgment date (264 / 260 / 253)."""
    article = next(number for since, number in DOUBLE_INTEREST_ARTICLES if judgment_date >= since)
    return (f"如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第{article}条规定，"
            "加倍支付迟延履行期间的债务利息。")


def day_after(day: date) -> date:
    return day + timedelta(days=1)
