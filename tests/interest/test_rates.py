"""Reading written rates (omnicourt.interest.rates): every form of court-rules.md §4 and the refusals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.errors import InvalidInput
from omnicourt.interest.rates import parse_rate


@pytest.mark.parametrize(("text", "annual", "period"), [
    ("年利率6.12%", "0.0612", "year"),
    ("年息6.12%", "0.0612", "year"),
    ("年利率 6.12 ％", "0.0612", "year"),           # full-width percent and spaces
    ("年利率百分之六点一二", "0.0612", "year"),      # Chinese numerals through cn2an
    ("年息5厘", "0.05", "year"),                    # 1 厘 a year = 1 %
    ("月利率5‰", "0.06", "month"),                  # 0.5 % × 12
    ("月息5厘", "0.06", "month"),                   # 1 厘 a month = 0.1 %
    ("月息1分5厘", "0.18", "month"),                # 1.5 % a month × 12
    ("月息1.5分", "0.18", "month"),
    ("月利率千分之五", "0.06", "month"),
    ("日利率万分之二", "0.072", "day"),              # 0.0002 × 360
    ("日息0.02%", "0.072", "day"),
    ("日息5厘", "0.18", "day"),                     # 1 厘 a day = 0.01 %
    ("日利率万分之二点五", "0.09", "day"),
    ("无息", "0", "year"),
])
def test_fixed_rates_become_annual_fractions(text, annual, period):
    rate = parse_rate(text)
    assert rate.kind == "fixed"
    assert rate.annual == Decimal(annual)
    assert rate.period == period
    assert rate.text == text


def test_a_daily_rate_follows_the_claims_day_count_basis():
    assert parse_rate("日利率万分之二", day_basis=365).annual == Decimal("0.073")
    assert parse_rate("日利率万分之二", day_basis=360).annual == Decimal("0.072")
    # A monthly rate does not depend on the basis.
    assert parse_rate("月息5厘", day_basis=365).annual == Decimal("0.06")


@pytest.mark.parametrize(("text", "spread", "multiplier", "tenor", "anchored", "day_before"), [
    ("LPR加50个基点", 50, 1, "1y", False, False),
    ("LPR+50BP", 50, 1, "1y", False, False),
    ("LPR+0.5%", 50, 1, "1y", False, False),          # percentage points
    ("LPR-10bp", -10, 1, "1y", False, False),
    ("一年期LPR的1.3倍", 0, Decimal("1.3"), "1y", False, False),
    ("LPR上浮30%", 0, Decimal("1.3"), "1y", False, False),  # 上浮 scales
    ("五年期以上LPR减20个基点", -20, 1, "5y", False, False),
    ("按全国银行间同业拆借中心公布的一年期贷款市场报价利率的1.3倍", 0, Decimal("1.3"), "1y", False, False),
    ("按贷款发放日前一日一年期LPR加35个基点", 35, 1, "1y", True, True),
    ("按贷款发放日一年期LPR加五十个基点", 50, 1, "1y", True, False),
])
def test_lpr_based_rates(text, spread, multiplier, tenor, anchored, day_before):
    rate = parse_rate(text)
    assert (rate.kind, rate.spread_bp, rate.multiplier, rate.tenor) == ("lpr", spread, multiplier, tenor)
    assert (rate.anchored, rate.anchor_day_before) == (anchored, day_before)
    assert rate.annual is None


def test_benchmark_rates_keep_their_multiplier():
    assert parse_rate("执行基准利率上浮30%").multiplier == Decimal("1.3")
    assert parse_rate("基准利率的1.1倍").kind == "benchmark"
    assert parse_rate("按中国人民银行同期同档次贷款基准利率").multiplier == 1


@pytest.mark.parametrize("text", ["", "abc", "年利率", "6.12", "年利率6.12%或7%", "年利率-5%", "LPR加五十个基点外加3%",
                                  "基准利率上浮30%再加2%", "LPR上浮30%的1.2倍"])
def test_unreadable_rates_are_refused_naming_the_field(text):
    with pytest.raises(InvalidInput) as refused:
        parse_rate(text)
    assert refused.value.field == "rate"
    assert "利率" in refused.value.message


def test_a_bad_basis_is_refused():
    with pytest.raises(InvalidInput) as refused:
        parse_rate("年利率6%", day_basis=300)
    assert refused.value.field == "basis"


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99.99"), places=2))
def test_percent_per_year_month_and_day_agree(value):
    assert parse_rate(f"年利率{value}%").annual == value / 100
    assert parse_rate(f"月利率{value}%").annual == value / 100 * 12
    assert parse_rate(f"日利率{value}%", day_basis=365).annual == value / 100 * 365
