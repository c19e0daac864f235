"""The loan causes the shared loans core serves, and what sets each apart: who lends, the rate cap, the defaults
of a contract that is silent.

* 金融借款合同纠纷: a licensed institution (a bank branch and its 负责人) lends; the combined 24 % adjustment applies
  on the borrower's request (法发〔2017〕22号 [S], court-rules.md §4.2).
* 民间借贷纠纷: a natural person lends (identified by the ID number); the court applies the private-lending cap of
  its own motion: 4 × the one-year LPR at contract formation for contracts from 2020-08-20, with the transition of
  art. 31 (民间借贷规定 arts 25, 28, 29, 31; court-rules.md §4.1, omnicourt.interest.rules.private_lending_cap).
  With no overdue rate agreed, overdue interest runs at the loan rate (art. 28(2)): no uplift, no compound interest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from omnicourt.loans.elements import SCALAR_FIELDS

BANK_LENDER_FIELDS = ("lender.name", "lender.representative", "lender.address")
PERSON_LENDER_FIELDS = ("lender.name", "lender.id_number", "lender.address")


@dataclass(frozen=True)
class LoanCause:
    name: str                       # as data/causes.csv names it
    code: str                       # its code there
    lender_fields: tuple[str, ...]  # the lender's elements
    lender_is_person: bool          # a natural person: ID number and address, no 负责人 block in the draft
    cap: str                        # "financial_24" (on request) | "private_4lpr" (of the court's own motion)
    penalty_uplift: Decimal         # the default when the contract states none
    compound: bool                  # the default when the contract states none
    labels: dict[str, str] = field(default_factory=dict)  # labels that differ from the loan taxonomy's
    penalty_name: str = "罚息"       # what overdue interest is called on the judge's screen
    penalty_rate_name: str = "罚息利率"  # the rate it runs at, as the draft's facts name it

    @property
    def scalar_fields(self) -> tuple[str, ...]:
        """The loan's scalar fields with this cause's lender fields in the lender's place."""
        others = tuple(name for name in SCALAR_FIELDS if not name.startswith("lender."))
        return (*self.lender_fields, *others)


FINANCIAL_LOAN = LoanCause(
    name="金融借款合同纠纷", code="cont.contract.loan.financial", lender_fields=BANK_LENDER_FIELDS,
    lender_is_person=False, cap="financial_24", penalty_uplift=Decimal("0.5"), compound=True)

PRIVATE_LENDING = LoanCause(
    name="民间借贷纠纷", code="cont.contract.loan.private", lender_fields=PERSON_LENDER_FIELDS,
    lender_is_person=True, cap="private_4lpr", penalty_uplift=Decimal(0), compound=False,
    labels={"lender.name": "原告（出借人）", "lender.id_number": "原告公民身份号码", "lender.address": "原告住址",
            "claim.penalty": "逾期利息", "loan.penalty_uplift": "逾期利率上浮比例"},
    penalty_name="逾期利息", penalty_rate_name="逾期利率")
