"""The elements of a financial loan dispute (金融借款合同纠纷): the contract between the element sheet,
the extraction from documents, the calculator, the dispute focus and the draft.

Elements travel as a flat mapping of field name -> Finding, so that every value keeps the document and
character span it came from, and so that extraction can be scored field by field. Repeated parties use an
index in the name: ``borrower.1.name``, ``guarantor.2.kind``. ``LoanTerms`` is the typed view the
calculator and the draft work from, built from the (judge-confirmed) findings by ``to_terms``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

# Field names, in the order the judge sees them. Party groups may repeat (index from 1).
SCALAR_FIELDS = (
    "lender.name",               # 原告 bank or branch
    "lender.representative",     # 负责人 (a branch) or 法定代表人
    "lender.id_number",          # a natural person lending (民间借贷): the ID number
    "lender.address",
    "contract.number",
    "contract.date",             # date
    "loan.principal",            # Decimal yuan: the agreed amount
    "loan.term_start",           # date
    "loan.term_end",             # date
    "loan.rate",                 # str: the rate as written, e.g. "年利率6.12%" / "LPR加50个基点"
    "loan.repayment_method",     # 等额本息 / 等额本金 / 按月付息到期还本 / 到期一次性还本付息
    "loan.penalty_uplift",       # Decimal: 0.5 for 罚息在合同利率基础上上浮50%
    "loan.compound",             # bool: compound interest on unpaid interest at the penalty rate
    "loan.day_count",            # int: 360 or 365
    "disbursement.date",         # date
    "disbursement.amount",       # Decimal
    "default.date",              # date: first overdue day
    "acceleration.date",         # date: the whole loan declared due (宣布提前到期)
    "claim.cutoff",              # date: amounts claimed are computed to this day
    "claim.principal",           # Decimal: unpaid principal claimed
    "claim.interest",            # Decimal: unpaid regular interest to the cut-off
    "claim.penalty",             # Decimal: penalty interest to the cut-off
    "claim.compound",            # Decimal: compound interest to the cut-off
    "claim.fees",                # Decimal: lawyer's fees and other costs claimed
    "defence.filed",             # bool: the defendant answered (False: default judgment wording)
)
PARTY_GROUPS = {
    "borrower": ("name", "id_number", "address"),
    "guarantor": ("name", "id_number", "kind", "max_amount"),   # kind: joint / general / maximum
    "collateral": ("owner", "description", "max_amount"),
    "repayment": ("date", "amount"),
}


@dataclass(frozen=True)
class Finding:
    """One element value and where it came from. ``document`` is the document's name in the case file
    (or "element_sheet"); ``start``/``end`` are character offsets into that document's text."""

    field: str
    value: Any
    document: str
    start: int
    end: int
    confidence: float
    quote: str = ""


Elements = dict[str, Finding]


@dataclass(frozen=True)
class Party:
    name: str
    id_number: str | None = None
    address: str | None = None
    representative: str | None = None


@dataclass(frozen=True)
class Guarantee:
    guarantor: Party
    kind: str  # joint / general / maximum
    max_amount: Decimal | None = None


@dataclass(frozen=True)
class Collateral:
    owner: str
    description: str
    max_amount: Decimal | None = None


@dataclass(frozen=True)
class Repayment:
    on: date
    amount: Decimal


@dataclass(frozen=True)
class LoanTerms:
    """What the calculator and the draft need, every amount a Decimal in yuan."""

    lender: Party
    borrowers: tuple[Party, ...]
    contract_number: str
    contract_date: date
    principal: Decimal
    term_start: date
    term_end: date
    rate_text: str
    repayment_method: str
    penalty_uplift: Decimal
    compound: bool
    day_count: int
    disbursed_on: date
    disbursed_amount: Decimal
    repayments: tuple[Repayment, ...] = ()
    default_on: date | None = None
    accelerated_on: date | None = None
    cutoff: date | None = None
    claimed_principal: Decimal | None = None
    claimed_interest: Decimal | None = None
    claimed_penalty: Decimal | None = None
    claimed_compound: Decimal | None = None
    claimed_fees: Decimal | None = None
    guarantees: tuple[Guarantee, ...] = ()
    collateral: tuple[Collateral, ...] = ()
    defence_filed: bool = True
    extra: dict = field(default_factory=dict)


def indexed(elements: Elements, group: str) -> list[dict[str, Any]]:
    """The repeated group ``group`` as a list of {attribute: value}, in index order."""
    rows: dict[int, dict[str, Any]] = {}
    for name, finding in elements.items():
        parts = name.split(".")
        if len(parts) == 3 and parts[0] == group and parts[1].isdigit():
            rows.setdefault(int(parts[1]), {})[parts[2]] = finding.value
    return [rows[i] for i in sorted(rows)]


def to_terms(elements: Elements, *, penalty_uplift: Decimal = Decimal("0.5"), compound: bool = True) -> LoanTerms:
    """Build the typed terms; a missing required element raises KeyError naming the field. `penalty_uplift` and
    `compound` are what the cause assumes when the contract is silent (assistant/loans/causes.py)."""

    def value(name: str, default: Any = KeyError) -> Any:
        if name in elements:
            return elements[name].value
        if default is KeyError:
            raise KeyError(name)
        return default

    return LoanTerms(
        lender=Party(value("lender.name"), value("lender.id_number", None), address=value("lender.address", None),
                     representative=value("lender.representative", None)),
        borrowers=tuple(Party(row.get("name", ""), row.get("id_number"), row.get("address"))
                        for row in indexed(elements, "borrower")),
        contract_number=value("contract.number", ""),
        contract_date=value("contract.date"),
        principal=value("loan.principal"),
        term_start=value("loan.term_start"),
        term_end=value("loan.term_end"),
        rate_text=value("loan.rate"),
        repayment_method=value("loan.repayment_method", "到期一次性还本付息"),
        penalty_uplift=value("loan.penalty_uplift", penalty_uplift),
        compound=value("loan.compound", compound),
        day_count=value("loan.day_count", 360),
        disbursed_on=value("disbursement.date", None) or value("loan.term_start"),
        disbursed_amount=value("disbursement.amount", None) or value("loan.principal"),
        repayments=tuple(Repayment(row["date"], row["amount"]) for row in indexed(elements, "repayment")),
        default_on=value("default.date", None),
        accelerated_on=value("acceleration.date", None),
        cutoff=value("claim.cutoff", None),
        claimed_principal=value("claim.principal", None),
        claimed_interest=value("claim.interest", None),
        claimed_penalty=value("claim.penalty", None),
        claimed_compound=value("claim.compound", None),
        claimed_fees=value("claim.fees", None),
        guarantees=tuple(Guarantee(Party(row.get("name", ""), row.get("id_number")), row.get("kind", "joint"),
                                   row.get("max_amount")) for row in indexed(elements, "guarantor")),
        collateral=tuple(Collateral(row.get("owner", ""), row.get("description", ""), row.get("max_amount"))
                         for row in indexed(elements, "collateral")),
        defence_filed=value("defence.filed", True),
    )
