"""The interest law (omnicourt.interest.rules), the LPR table and the wording: court-rules.md §4 worked examples."""

import shutil
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.errors import InvalidInput
from omnicourt.interest import rules, wording
from omnicourt.interest.lpr import LprTable, append_fixing, default_lpr_path
from omnicourt.interest.rates import parse_rate

LPR = LprTable.load()


# --- simple interest and the day convention ---

def test_days_are_counted_first_day_in_last_day_out():
    # [2024-01-01, 2024-12-31): 365 days of the leap year 2024 (算头不算尾).
    assert rules.days_between(date(2024, 1, 1), date(2024, 12, 31)) == 365
    assert rules.interest(Decimal(100000), Decimal("0.0612"), date(2024, 1, 1), date(2024, 12, 31), 365) == 6120
    # 360 basis: 100000 × 6.12 % × 365 / 360 = 6205.00
    assert rules.to_fen(rules.interest(Decimal(100000), Decimal("0.0612"), date(2024, 1, 1), date(2024, 12, 31),
                                       360)) == Decimal("6205.00")


def test_back_to_back_periods_neither_overlap_nor_leave_a_gap():
    base, rate = Decimal("12345.67"), Decimal("0.0918")
    whole = rules.interest(base, rate, date(2024, 1, 1), date(2024, 3, 1))
    parts = rules.interest(base, rate, date(2024, 1, 1), date(2024, 2, 1)) + rules.interest(
        base, rate, date(2024, 2, 1), date(2024, 3, 1))
    assert whole == parts


def test_rounding_is_half_up_to_the_fen():
    assert rules.to_fen(Decimal("5.945")) == Decimal("5.95")
    assert rules.to_fen(Decimal("5.9449")) == Decimal("5.94")


@pytest.mark.parametrize(("base", "start", "end", "basis", "field"), [
    (Decimal(-1), date(2024, 1, 1), date(2024, 2, 1), 360, "principal"),
    (Decimal(100), date(2024, 2, 1), date(2024, 1, 1), 360, "end"),
    (Decimal(100), date(2024, 1, 1), date(2024, 2, 1), 366, "basis"),
])
def test_bad_input_is_refused(base, start, end, basis, field):
    with pytest.raises(InvalidInput) as refused:
        rules.interest(base, Decimal("0.05"), start, end, basis)
    assert refused.value.field == field


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.decimals(min_value=0, max_value=1, places=4),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 4000), st.integers(0, 4000),
       st.sampled_from([360, 365]))
def test_more_days_never_less_interest(base, rate, start, days, more, basis):
    end = start + timedelta(days=days)
    assert rules.interest(base, rate, start, end + timedelta(days=more), basis) >= rules.interest(
        base, rate, start, end, basis)


# --- the LPR table (court-rules.md §4.4) ---

def test_the_table_lists_every_monthly_fixing_from_2019_08_to_2025_07():
    months = [(f.on.year, f.on.month) for f in LPR.fixings]
    expected = [(2019 + (7 + i) // 12, (7 + i) % 12 + 1) for i in range(72)]
    assert months == expected
    assert LPR.fixings[0] == type(LPR.fixings[0])(date(2019, 8, 20), Decimal("0.0425"), Decimal("0.0485"))
    assert LPR.last.on == date(2025, 7, 21) and LPR.last.one_year == Decimal("0.03")


@pytest.mark.parametrize(("day", "one_year", "five_year"), [
    (date(2019, 8, 20), "0.0425", "0.0485"),
    (date(2019, 9, 19), "0.0425", "0.0485"),
    (date(2021, 1, 5), "0.0385", "0.0465"),   # in force since 2020-12-21
    (date(2021, 12, 20), "0.038", "0.0465"),  # in force on its own fixing day
    (date(2022, 5, 20), "0.037", "0.0445"),
    (date(2024, 10, 20), "0.0335", "0.0385"),
    (date(2024, 10, 21), "0.031", "0.036"),
    (date(2030, 1, 1), "0.03", "0.035"),      # the last known fixing stays in force
])
def test_the_fixing_in_force_on_a_day(day, one_year, five_year):
    assert LPR.one_year_at(day) == Decimal(one_year)
    assert LPR.five_year_at(day) == Decimal(five_year)


def test_there_is_no_lpr_before_2019_08_20():
    with pytest.raises(InvalidInput) as refused:
        LPR.one_year_at(date(2019, 8, 19))
    assert refused.value.field == "lpr"


def test_fixings_between_is_half_open():
    fixings = LPR.fixings_between(date(2021, 12, 20), date(2022, 2, 21))
    assert [f.on for f in fixings] == [date(2021, 12, 20), date(2022, 1, 20)]


def test_a_newer_fixing_is_validated_and_appended(tmp_path):
    path = tmp_path / "lpr.csv"
    shutil.copy(default_lpr_path(), path)
    append_fixing(path, date(2025, 8, 20), Decimal("3.00"), Decimal("3.50"))
    table = LprTable.load(path)
    assert table.last.on == date(2025, 8, 20) and table.one_year_at(date(2025, 9, 1)) == Decimal("0.03")
    for on, one, five, field in [(date(2025, 8, 25), "3.00", "3.50", "date"),    # same month again
                                 (date(2025, 9, 22), "30.0", "3.50", "one_year"),  # a typing error
                                 (date(2025, 9, 22), "3.00", "5.00", "five_year"),  # moved more than 1 point
                                 (date(2025, 9, 22), "2.955", "3.50", "one_year")]:
        with pytest.raises(InvalidInput) as refused:
            append_fixing(path, on, Decimal(one), Decimal(five))
        assert refused.value.field == field
    assert LprTable.load(path).last.on == date(2025, 8, 20)


# --- floating segments ---

def test_a_floating_lpr_rate_is_split_at_each_fixing():
    segments = rules.floating_segments(Decimal(100000), parse_rate("一年期LPR"), date(2021, 12, 1), date(2022, 2, 1),
                                       360, LPR)
    assert [(s.start, s.end, s.days, s.annual_rate) for s in segments] == [
        (date(2021, 12, 1), date(2021, 12, 20), 19, Decimal("0.0385")),
        (date(2021, 12, 20), date(2022, 1, 20), 31, Decimal("0.038")),
        (date(2022, 1, 20), date(2022, 2, 1), 12, Decimal("0.037")),
    ]
    # 100000 × 3.85 % × 19 / 360 = 203.19; × 3.80 % × 31 / 360 = 327.22; × 3.70 % × 12 / 360 = 123.33
    assert [rules.to_fen(s.amount) for s in segments] == [Decimal("203.19"), Decimal("327.22"), Decimal("123.33")]


def test_fixings_at_an_unchanged_rate_stay_one_segment_and_spreads_apply():
    segments = rules.floating_segments(Decimal(100000), parse_rate("LPR加50个基点"), date(2020, 5, 1),
                                       date(2021, 6, 1), 365, LPR)
    assert [(s.start, s.end, s.annual_rate) for s in segments] == [(date(2020, 5, 1), date(2021, 6, 1),
                                                                    Decimal("0.0435"))]
    times = rules.floating_segments(Decimal(100), parse_rate("LPR的1.3倍"), date(2019, 9, 1), date(2019, 10, 1),
                                    360, LPR)
    assert [s.annual_rate for s in times] == [Decimal("0.05525"), Decimal("0.05460")]


def test_a_floating_lpr_rate_without_the_table_is_refused_in_chinese():
    with pytest.raises(InvalidInput, match="须有LPR表") as refused:
        rules.floating_segments(Decimal(100), parse_rate("一年期LPR"), date(2021, 12, 1), date(2022, 2, 1), 360)
    assert refused.value.field == "rate"


def test_an_anchored_rate_takes_the_lpr_of_the_day_before_the_disbursement():
    rate = parse_rate("按贷款发放日前一日一年期LPR加35个基点")
    # Disbursed 2021-12-20: the day before, the 3.85 % fixing was in force -> 4.20 % for the whole period.
    segments = rules.floating_segments(Decimal(100000), rate, date(2021, 12, 20), date(2022, 12, 20), 360, LPR,
                                       disbursed_on=date(2021, 12, 20))
    assert [(s.days, s.annual_rate) for s in segments] == [(365, Decimal("0.042"))]


# --- penalty interest (银发〔2003〕251号 item 3) ---

def test_the_penalty_rate_of_the_real_judgment():
    # （2019）粤0192民初38420号: 6.12 % + 50 % = 9.18 %
    penalty = rules.penalty_rate(Decimal("0.0612"), Decimal("0.5"))
    assert penalty.annual == Decimal("0.0918") and penalty.warning is None
    assert rules.penalty_rate(Decimal("0.0612"), Decimal("0.3")).annual == Decimal("0.07956")


def test_an_uplift_outside_30_to_50_percent_is_warned_not_refused():
    high = rules.penalty_rate(Decimal("0.06"), Decimal("0.6"))
    assert high.annual == Decimal("0.096") and "251号" in high.warning
    assert rules.penalty_rate(Decimal("0.06"), Decimal("0.2")).warning
    assert rules.penalty_rate(Decimal("0.06"), Decimal("0.8"), "misuse").warning is None
    with pytest.raises(InvalidInput):
        rules.penalty_rate(Decimal("0.06"), Decimal("-0.1"))


# --- caps ---

def test_the_private_lending_cap_is_four_times_the_lpr_at_formation():
    caps = rules.private_lending_cap(date(2021, 1, 5), date(2022, 3, 1), LPR, agreed_rate=Decimal("0.18"))
    assert [(c.annual_cap, c.start, c.end, c.binds) for c in caps] == [(Decimal("0.1540"), None, None, True)]
    assert rules.private_lending_cap(date(2021, 1, 5), date(2022, 3, 1), LPR,
                                     agreed_rate=Decimal("0.15"))[0].binds is False


def test_a_pre_transition_contract_switches_to_the_lpr_at_suit_on_2020_08_20():
    caps = rules.private_lending_cap(date(2019, 5, 1), date(2022, 3, 1), LPR)
    assert [(c.annual_cap, c.start, c.end) for c in caps] == [
        (Decimal("0.24"), None, date(2020, 8, 20)),                 # old regime to 2020-08-19
        (Decimal("0.1480"), date(2020, 8, 20), None),               # 4 × 3.70 % in force on 2022-03-01
    ]
    old_only = rules.private_lending_cap(date(2019, 5, 1), date(2020, 6, 1), LPR, old_cap=Decimal("0.36"))
    assert [(c.annual_cap, c.end) for c in old_only] == [(Decimal("0.36"), None)]


def test_the_24_percent_cap_binds_on_a_high_penalty_loan():
    # 100000 for 361 days: allowance 100000 × 24 % × 361 / 360 = 24066.67; charged 10111.11 + 14916.67 = 25027.78.
    capped = rules.financial_loan_cap(Decimal(100000), date(2024, 1, 1), date(2024, 12, 27), 360,
                                      interest=Decimal("10111.11"), penalty=Decimal("14916.67"))
    assert capped.bound == "financial_24"
    assert rules.to_fen(capped.reduced_by) == Decimal("961.11")
    assert rules.to_fen(capped.penalty) == Decimal("13955.56") and capped.interest == Decimal("10111.11")
    assert "法发〔2017〕22号" in capped.source
    unrequested = rules.financial_loan_cap(Decimal(100000), date(2024, 1, 1), date(2024, 12, 27), 360,
                                           interest=Decimal("10111.11"), penalty=Decimal("14916.67"), requested=False)
    assert unrequested.bound == "none" and unrequested.reduced_by == 0


def test_the_cap_cuts_compound_first_then_penalty_then_fees_then_interest():
    capped = rules.apply_combined_cap(Decimal(100), interest=Decimal(90), compound=Decimal(10), penalty=Decimal(20),
                                      fees=Decimal(30), bound="financial_24", annual_cap=Decimal("0.24"), source="")
    assert (capped.compound, capped.penalty, capped.fees, capped.interest) == (0, 0, 10, 90)


# --- double interest (court-rules.md §4.3) ---

def test_double_interest_worked_example():
    assert rules.double_interest(Decimal(100000), date(2025, 1, 10), date(2025, 2, 9)) == Decimal("525.00")


def test_double_interest_warning_cites_the_article_of_the_judgment_date():
    assert "第二百六十四条" in wording.double_interest_warning(date(2025, 3, 1))
    assert "第二百六十四条" in wording.double_interest_warning(date(2024, 1, 1))
    assert "第二百六十条" in wording.double_interest_warning(date(2023, 12, 31))
    assert "第二百五十三条" in wording.double_interest_warning(date(2020, 3, 24))
    assert wording.double_interest_warning(date(2025, 3, 1)) == (
        "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条规定，"
        "加倍支付迟延履行期间的债务利息。")


def test_wording_formats():
    assert wording.yuan(Decimal("114142.7")) == "114142.70元"
    assert wording.percent(Decimal("0.0918")) == "9.18%" and wording.percent(Decimal("0.24")) == "24%"
    assert wording.running_formula_text(Decimal(100000), Decimal("0.0918"), date(2025, 3, 21)) == (
        "自2025年3月21日起至实际清偿之日止，以未还本金100000.00元为基数，按年利率9.18%计付罚息")
