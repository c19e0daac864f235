"""compute(): hand-computed schedules for each repayment method, acceleration, art. 561 order, the 24 % cap,
tranches, and properties. Every expected number is worked out by hand in the comments."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omnicourt.errors import InvalidInput
from omnicourt.interest.lpr import LprTable
from omnicourt.loans.compute import add_months, compute, due_dates, schedule
from omnicourt.loans.elements import LoanTerms, Party, Repayment

LPR = LprTable.load()
D = Decimal


def terms(**changes) -> LoanTerms:
    base = LoanTerms(lender=Party("某银行股份有限公司某支行"), borrowers=(Party("张三"),), contract_number="J-1",
                     contract_date=date(2024, 1, 1), principal=D(100000), term_start=date(2024, 1, 1),
                     term_end=date(2024, 7, 1), rate_text="年利率7.2%", repayment_method="到期一次性还本付息",
                     penalty_uplift=D("0.5"), compound=True, day_count=360, disbursed_on=date(2024, 1, 1),
                     disbursed_amount=D(100000))
    return replace(base, **changes)


def test_months_are_added_on_the_same_day_clamped_to_the_month_end():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 31), 2) == date(2024, 3, 31)
    assert due_dates(date(2024, 1, 15), date(2024, 4, 15)) == [date(2024, 2, 15), date(2024, 3, 15), date(2024, 4, 15)]
    assert due_dates(date(2024, 1, 15), date(2024, 4, 1)) == [date(2024, 2, 15), date(2024, 3, 15), date(2024, 4, 1)]


def test_bullet_loan_unpaid_at_maturity():
    # 100000 at 7.2 % from 2024-01-01 to 2024-07-01: 182 days → interest 100000 × 0.072 × 182 / 360 = 3640.00.
    # Penalty rate 7.2 % × 1.5 = 10.8 %. Cut-off 2024-07-30 (included): days 07-01 .. 07-30 = 30.
    # Penalty 100000 × 0.108 × 30 / 360 = 900.00; compound 3640 × 0.108 × 30 / 360 = 32.76.
    amounts = compute(terms(), cutoff=date(2024, 7, 30), lpr=LPR)
    assert (amounts.principal, amounts.interest, amounts.penalty, amounts.compound) == (
        D("100000.00"), D("3640.00"), D("900.00"), D("32.76"))
    assert amounts.total == D("104572.76")
    assert amounts.contract_rate == D("0.072") and amounts.penalty_rate == D("0.108")
    assert amounts.cap.bound == "none"
    assert amounts.wording == (
        "偿还贷款本金100000.00元、利息3640.00元、罚息900.00元、复利32.76元（暂计至2024年7月30日），"
        "自2024年7月31日起至实际清偿之日止，以未还本金100000.00元为基数，按年利率10.8%计付罚息，"
        "以未还利息3640.00元为基数，按年利率10.8%计付复利")
    assert [(f.charge, f.base, f.start) for f in amounts.running] == [
        ("罚息", D("100000.00"), date(2024, 7, 31)), ("复利", D("3640.00"), date(2024, 7, 31))]


def test_without_compound_there_is_no_compound_interest_or_formula():
    amounts = compute(terms(compound=False), cutoff=date(2024, 7, 30), lpr=LPR)
    assert amounts.compound == 0 and amounts.total == D("104540.00")
    assert "复利" not in amounts.wording


def test_repayments_go_to_compound_penalty_interest_then_principal():
    # As above, 1000 paid on 2024-07-16. By then (15 days): penalty 100000 × 0.108 × 15/360 = 450.00,
    # compound 3640 × 0.108 × 15/360 = 16.38. The 1000 pays 16.38 + 450 + 533.62 of interest → interest 3106.38.
    # Next 15 days: penalty 450.00; compound 3106.38 × 0.108 × 15/360 = 13.97871 → 13.98.
    amounts = compute(terms(repayments=(Repayment(date(2024, 7, 16), D(1000)),)), cutoff=date(2024, 7, 30), lpr=LPR)
    assert (amounts.principal, amounts.interest, amounts.penalty, amounts.compound) == (
        D("100000.00"), D("3106.38"), D("450.00"), D("13.98"))
    assert amounts.total == D("103570.36")


def test_interest_monthly_principal_at_maturity():
    # 120000 at 6 %: 20.00 a day (360 basis). Dues 02-15 (31 days: 620), 03-15 (29 days: 580), 04-15 (31: 620).
    # 02-15 paid on time. Penalty rate 9 %. Cut-off 2024-04-24 → accrual to 04-25.
    # 580 due 03-15: compound 41 days: 580 × 0.09 × 41/360 = 5.945; 620 due 04-15: 620 × 0.09 × 10/360 = 1.55.
    # Principal 120000 due 04-15: penalty 120000 × 0.09 × 10/360 = 300.00. Compound 7.495 → 7.50 (half up).
    loan = terms(principal=D(120000), disbursed_amount=D(120000), rate_text="年利率6%",
                 repayment_method="按月付息到期还本", disbursed_on=date(2024, 1, 15), term_start=date(2024, 1, 15),
                 term_end=date(2024, 4, 15), repayments=(Repayment(date(2024, 2, 15), D(620)),))
    amounts = compute(loan, cutoff=date(2024, 4, 24), lpr=LPR)
    assert (amounts.principal, amounts.interest, amounts.penalty, amounts.compound) == (
        D("120000.00"), D("1200.00"), D("300.00"), D("7.50"))
    assert amounts.total == D("121507.50")


def test_equal_principal_instalments():
    # 3000 at 12 % (1 % a month), 3 instalments of 1000 principal; interest 30, 20, 10 on the outstanding.
    loan = terms(principal=D(3000), disbursed_amount=D(3000), rate_text="年利率12%", repayment_method="等额本金",
                 disbursed_on=date(2024, 1, 10), term_start=date(2024, 1, 10), term_end=date(2024, 4, 10))
    assert [(i.due, i.principal, i.interest) for i in schedule("等额本金", D(3000), D("0.12"), date(2024, 1, 10),
                                                                 date(2024, 4, 10), 360)] == [
        (date(2024, 2, 10), 1000, 30), (date(2024, 3, 10), 1000, 20), (date(2024, 4, 10), 1000, 10)]
    paid = replace(loan, repayments=(Repayment(date(2024, 2, 10), D(1030)), Repayment(date(2024, 3, 10), D(1020)),
                                     Repayment(date(2024, 4, 10), D(1010))))
    settled = compute(paid, cutoff=date(2024, 5, 9), lpr=LPR)
    assert (settled.total, settled.running, settled.wording.startswith("偿还贷款本金0.00元")) == (0, (), True)
    # Last instalment unpaid: penalty rate 18 %, 04-10 .. 05-09 = 30 days: 1000 × 0.18 × 30/360 = 15.00;
    # compound 10 × 0.18 × 30/360 = 0.15. Total 1000 + 10 + 15 + 0.15 = 1025.15.
    late = compute(replace(paid, repayments=paid.repayments[:2]), cutoff=date(2024, 5, 9), lpr=LPR)
    assert (late.principal, late.interest, late.penalty, late.compound, late.total) == (
        D("1000.00"), D("10.00"), D("15.00"), D("0.15"), D("1025.15"))


def test_equal_instalments_annuity():
    # 10000 at 12 % (1 % a month), 2 instalments: A = 10000 × 0.01 × 1.01² / (1.01² − 1) = 5075.124378.
    # 1st: interest 100, principal 4975.124378; 2nd: interest 50.248756, principal 5024.875622.
    # Nothing paid; penalty rate 18 %; cut-off 2024-03-10 → accrual to 03-11.
    # From 02-01 (39 days, × 0.0195): penalty 97.014925, compound 1.95.
    # From 03-01 (10 days, × 0.005): penalty 25.124378, compound 0.251244.
    # Interest 150.248756 → 150.25; penalty 122.139303 → 122.14; compound 2.201244 → 2.20; total 10274.59.
    loan = terms(principal=D(10000), disbursed_amount=D(10000), rate_text="年利率12%", repayment_method="等额本息",
                 term_end=date(2024, 3, 1))
    plan = schedule("等额本息", D(10000), D("0.12"), date(2024, 1, 1), date(2024, 3, 1), 360)
    assert [round(i.principal + i.interest, 6) for i in plan] == [D("5075.124378"), D("5075.124378")]
    amounts = compute(loan, cutoff=date(2024, 3, 10), lpr=LPR)
    assert (amounts.principal, amounts.interest, amounts.penalty, amounts.compound, amounts.total) == (
        D("10000.00"), D("150.25"), D("122.14"), D("2.20"), D("10274.59"))


def test_acceleration_makes_all_principal_and_accrued_interest_the_base():
    # 120000 at 6 % (20.00 a day), interest monthly from 2024-01-15, nothing paid; accelerated 2024-03-25.
    # Due: 620 (02-15), 580 (03-15); on 03-25 the 10 days' interest 200 and all 120000 principal fall due.
    # Cut-off 2024-04-04 → 04-05. Penalty 120000 × 0.09 × 11/360 = 330.00.
    # Compound: 620 × 50 days + 580 × 21 days + 200 × 11 days, × 0.09/360 = 7.75 + 3.045 + 0.55 = 11.345 → 11.35.
    loan = terms(principal=D(120000), disbursed_amount=D(120000), rate_text="年利率6%",
                 repayment_method="按月付息到期还本", disbursed_on=date(2024, 1, 15), term_start=date(2024, 1, 15),
                 term_end=date(2025, 1, 15), accelerated_on=date(2024, 3, 25))
    amounts = compute(loan, cutoff=date(2024, 4, 4), lpr=LPR)
    assert (amounts.principal, amounts.interest, amounts.penalty, amounts.compound, amounts.total) == (
        D("120000.00"), D("1400.00"), D("330.00"), D("11.35"), D("121741.35"))
    # Before acceleration only the overdue instalment interest is a base: no penalty at all on 03-24.
    before = compute(replace(loan, accelerated_on=None), cutoff=date(2024, 3, 24), lpr=LPR)
    assert before.penalty == 0 and before.interest == D("1200.00")
    assert any("尚未到期" in note for note in before.notes)


def test_the_24_percent_cap_binds_on_a_high_penalty_loan():
    # 100000 at 20 %, penalty 30 %, no compound, 2024-01-01 → 2024-07-01 (182 days), cut-off 2024-12-26.
    # Interest 100000 × 0.2 × 182/360 = 10111.11; penalty 179 days × 0.3 = 14916.67; charged 25027.78.
    # Allowance 100000 × 0.24 × 361/360 = 24066.67: the penalty is cut by 961.11 to 13955.56.
    # The charges pass the allowance on 2024-10-30: on 07-01 the slack is 12133.33 − 10111.11 = 2022.22 and shrinks
    # by 100000 × (0.30 − 0.24)/360 = 16.67 a day: 121 whole days keep it positive.
    loan = terms(rate_text="年利率20%", compound=False)
    capped = compute(loan, cutoff=date(2024, 12, 26), lpr=LPR)
    assert (capped.interest, capped.penalty, capped.total) == (D("10111.11"), D("13955.56"), D("124066.67"))
    assert (capped.cap.bound, capped.cap.reduced_by, capped.cap.bound_from) == (
        "financial_24", D("961.11"), date(2024, 10, 30))
    assert "以年利率24%为限" in capped.wording or "按年利率24%为限" in capped.wording
    uncapped = compute(loan, cutoff=date(2024, 12, 26), lpr=LPR, apply_cap=False)
    assert (uncapped.penalty, uncapped.total, uncapped.cap.bound) == (D("14916.67"), D("125027.78"), "none")


def test_the_6_12_percent_loan_of_the_real_judgment_uses_9_18_percent():
    amounts = compute(terms(rate_text="年利率6.12%"), cutoff=date(2025, 3, 20), lpr=LPR)
    assert amounts.penalty_rate == D("0.0918")
    assert "自2025年3月21日起至实际清偿之日止，以未还本金100000.00元为基数，按年利率9.18%计付罚息" in amounts.wording


def test_an_lpr_rate_is_taken_at_the_disbursement():
    # Disbursed 2024-01-01 (LPR 3.45 %), LPR + 50 bp = 3.95 %; 182 days: 100000 × 0.0395 × 182/360 = 1996.94.
    amounts = compute(terms(rate_text="LPR加50个基点"), cutoff=date(2024, 6, 30), lpr=LPR)
    assert amounts.contract_rate == D("0.0395") and amounts.interest == 0  # not yet due on 06-30
    due = compute(terms(rate_text="LPR加50个基点"), cutoff=date(2024, 7, 1), lpr=LPR)
    assert due.interest == D("1996.94")
    assert any("浮动利率" in note for note in amounts.notes)


def test_tranches_are_ordered_separately_and_add_up():
    second = {"disbursed_on": date(2024, 2, 1), "amount": D(40000), "term_end": date(2024, 8, 1)}
    loan = terms(extra={"tranches": [{"disbursed_on": date(2024, 1, 1), "amount": D(60000)}, second]},
                 claimed_fees=D("3000"))
    amounts = compute(loan, cutoff=date(2024, 9, 30), lpr=LPR)
    assert len(amounts.per_tranche) == 2
    for name in ("principal", "interest", "penalty", "compound"):
        assert sum(getattr(t, name) for t in amounts.per_tranche) == getattr(amounts, name)
    assert sum(t.total for t in amounts.per_tranche) + amounts.fees == amounts.total
    # Tranche 1: 60000 × 0.072 × 182/360 = 2184.00; tranche 2: 40000 × 0.072 × 182/360 = 1456.00.
    assert [t.interest for t in amounts.per_tranche] == [D("2184.00"), D("1456.00")]
    assert amounts.wording.startswith("第1笔借款（2024年1月1日发放）：偿还贷款本金60000.00元")
    assert "；第2笔借款（2024年2月1日发放）" in amounts.wording and amounts.wording.endswith("实现债权的费用3000.00元")


@pytest.mark.parametrize(("changes", "field"), [
    ({"disbursed_amount": D(-1)}, "principal"),
    ({"term_end": date(2023, 12, 1)}, "term_end"),
    ({"rate_text": "利息按约定"}, "rate"),
    ({"repayment_method": "随借随还"}, "repayment_method"),
    ({"day_count": 300}, "day_count"),
    ({"repayments": (Repayment(date(2024, 2, 1), D(0)),)}, "repayments"),
])
def test_bad_terms_are_refused(changes, field):
    with pytest.raises(InvalidInput) as refused:
        compute(terms(**changes), cutoff=date(2024, 9, 1), lpr=LPR)
    assert refused.value.field == field


def test_a_cutoff_before_the_disbursement_is_refused():
    with pytest.raises(InvalidInput) as refused:
        compute(terms(), cutoff=date(2023, 12, 31), lpr=LPR)
    assert refused.value.field == "cutoff"


loans = st.builds(
    lambda amount, rate, method, months, uplift, compound, basis, paid, accelerate, cutoff_days: (
        terms(principal=amount, disbursed_amount=amount, rate_text=f"年利率{rate}%", repayment_method=method,
              term_end=add_months(date(2024, 1, 1), months), penalty_uplift=uplift, compound=compound,
              day_count=basis, repayments=tuple(Repayment(date(2024, 1, 1) + timedelta(days=d), a) for d, a in paid),
              accelerated_on=date(2024, 1, 1) + timedelta(days=accelerate) if accelerate else None),
        date(2024, 1, 1) + timedelta(days=cutoff_days)),
    st.decimals(min_value=1000, max_value=10**7, places=2), st.decimals(min_value=1, max_value=36, places=2),
    st.sampled_from(["到期一次性还本付息", "按月付息到期还本", "等额本息", "等额本金"]), st.integers(1, 36),
    st.sampled_from([D("0.3"), D("0.5"), D(1)]), st.booleans(), st.sampled_from([360, 365]),
    st.lists(st.tuples(st.integers(0, 900), st.decimals(min_value=1, max_value=10**5, places=2)), max_size=5),
    st.one_of(st.none(), st.integers(1, 900)), st.integers(0, 1200))


@settings(max_examples=150, deadline=None)
@given(loans)
def test_the_cap_never_increases_the_total(case):
    loan, cutoff = case
    capped = compute(loan, cutoff=cutoff, lpr=LPR)
    uncapped = compute(loan, cutoff=cutoff, lpr=LPR, apply_cap=False)
    assert capped.total <= uncapped.total
    assert capped.principal == uncapped.principal
    assert min(capped.interest, capped.penalty, capped.compound) >= 0


@settings(max_examples=150, deadline=None)
@given(loans, st.integers(1, 400))
def test_a_later_cutoff_never_owes_less(case, more_days):
    loan, cutoff = case
    earlier = compute(loan, cutoff=cutoff, lpr=LPR, apply_cap=False)
    later = compute(loan, cutoff=cutoff + timedelta(days=more_days), lpr=LPR, apply_cap=False)
    # Repayments inside the extra days reduce what is owed; without them the debt only grows.
    if not any(cutoff < r.on <= cutoff + timedelta(days=more_days) for r in loan.repayments):
        assert later.total >= earlier.total


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.decimals(min_value=1000, max_value=10**6, places=2)),
                min_size=1, max_size=4), st.integers(100, 900), st.booleans())
def test_the_tranches_sum_to_the_total(rows, cutoff_days, cap):
    loan = terms(rate_text="年利率18%", extra={"tranches": [
        {"disbursed_on": date(2024, 1, 1) + timedelta(days=d), "amount": a} for d, a in rows]}, claimed_fees=D(500))
    amounts = compute(loan, cutoff=date(2024, 1, 1) + timedelta(days=cutoff_days), lpr=LPR, apply_cap=cap)
    for name in ("principal", "interest", "penalty", "compound"):
        assert sum(getattr(t, name) for t in amounts.per_tranche) == getattr(amounts, name)
    assert sum(t.total for t in amounts.per_tranche) + amounts.fees == amounts.total


def test_paying_everything_on_or_before_the_due_day_leaves_nothing_owed():
    # 3640.00 interest + 100000 principal, paid on the due day (on time) or a month ahead (held until due).
    for paid_on in (date(2024, 7, 1), date(2024, 6, 1)):
        amounts = compute(terms(repayments=(Repayment(paid_on, D("103640.00")),)), cutoff=date(2024, 8, 1), lpr=LPR)
        assert (amounts.total, amounts.running) == (0, ())
    ahead = compute(terms(repayments=(Repayment(date(2024, 6, 1), D("103640.00")),)), cutoff=date(2024, 6, 15),
                    lpr=LPR)
    assert ahead.principal == 0


def test_a_benchmark_rate_uses_the_pboc_table():
    # Contract 2017-03-01, term 6 months: benchmark ≤ 1 year 4.35 % (from 2015-10-24, [U]) × 1.3 = 5.655 %.
    amounts = compute(terms(rate_text="执行基准利率上浮30%", contract_date=date(2017, 3, 1)), cutoff=date(2024, 7, 1),
                      lpr=LPR)
    assert amounts.contract_rate == D("0.05655")
    assert any("[U]" in note for note in amounts.notes)
