"""The private-lending pipeline's cap (民间借贷规定 arts 25, 31; court-rules.md §4.1), without a database: the LPR
at formation for a contract from 2020-08-20, the cap at suit (taken as of the claimed cut-off) with a note for the
judge for an older contract, and nothing cut when the agreed rate is within the cap."""

from datetime import date
from decimal import Decimal

from omnicourt.assistant.pipeline import pipeline_for
from omnicourt.interest.lpr import LprTable
from omnicourt.loans.elements import Finding

PRIVATE = pipeline_for("民间借贷纠纷")


def elements(contract_date: date, rate: str, cutoff: date) -> dict[str, Finding]:
    values = {"lender.name": "张三", "borrower.1.name": "李四", "contract.date": contract_date,
              "loan.principal": Decimal("100000.00"), "loan.term_start": contract_date,
              "loan.term_end": date(contract_date.year + 1, contract_date.month, 1), "loan.rate": rate,
              "claim.cutoff": cutoff, "claim.principal": Decimal("100000.00")}
    return {name: Finding(name, value, "起诉状.txt", 0, 0, 0.9) for name, value in values.items()}


def test_a_rate_within_four_times_the_lpr_at_formation_is_not_cut():
    amounts = PRIVATE.compute(elements(date(2023, 9, 1), "年利率10%", date(2024, 12, 31)), cutoff=date(2024, 12, 31),
                              focus=None)
    assert amounts.contract_rate == Decimal("0.10") and amounts.cap.bound == "none"
    assert amounts.cap.annual_cap == LprTable.load().one_year_at(date(2023, 9, 1)) * 4
    assert amounts.penalty_rate == Decimal("0.10")   # no overdue rate agreed: the loan rate (art. 28(2))
    assert amounts.compound == 0


def test_an_older_contract_takes_the_cap_at_suit_and_says_the_old_standard_is_the_judges():
    cutoff = date(2021, 6, 30)
    amounts = PRIVATE.compute(elements(date(2019, 6, 1), "年利率20%", cutoff), cutoff=cutoff, focus=None)
    assert amounts.cap.annual_cap == LprTable.load().one_year_at(cutoff) * 4
    assert amounts.contract_rate == amounts.cap.annual_cap and amounts.cap.bound == "private_4lpr"
    assert any("第三十一条" in note for note in amounts.notes)
