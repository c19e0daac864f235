"""The rows of the element sheet (要素表) of a financial loan case: one row per case, filed one by one or in bulk.

Institutional lenders file loan cases by element sheet (要素式起诉): a structured form whose cells are the elements
of the dispute (omnicourt.loans.elements). A row is checked completely before anything is filed: every bad cell is
reported at once, in Chinese, naming its column; the amounts claimed are checked against the loan calculator at the
cut-off date. A checked sheet becomes the assistant's first source for the case (``to_elements``); the columns that
only filing needs stay out of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from omnicourt.errors import InvalidInput
from omnicourt.filing.elements.cells import (
    BORROWER_SLOTS,
    COLLATERAL_SLOTS,
    COLUMNS_BY_KEY,
    GUARANTOR_SLOTS,
    POSITIVE,
    READERS,
    SHEET_COLUMNS,
    CellError,
    Refused,
    cell_text,
    plain,
)
from omnicourt.interest.lpr import LprTable
from omnicourt.loans.compute import LoanAmounts, compute
from omnicourt.loans.elements import PARTY_GROUPS, SCALAR_FIELDS, Elements, Finding, to_terms

MAX_ROWS = 2000  # rows of one bulk filing: a bank's monthly batch, small enough to answer in one request
# Claims are compared with the calculator to the yuan: the lender's system may round each period differently.
CLAIM_TOLERANCE = Decimal("1.00")
ELEMENT_SHEET = "element_sheet"  # the document name of findings taken from the sheet
# Claimed amounts checked against the calculator: column -> (field of LoanAmounts, what it is called).
CHECKED_CLAIMS = {"claim.principal": ("principal", "本金"), "claim.interest": ("interest", "利息"),
                  "claim.penalty": ("penalty", "罚息"), "claim.compound": ("compound", "复利")}
# What the calculator reads: the claims are checked against it even when a party's cell is wrong.
CALCULATION_COLUMNS = frozenset(key for key in COLUMNS_BY_KEY if key.split(".")[0] in (
    "contract", "loan", "disbursement", "repayments", "default", "acceleration", "claim"))
# The calculator's refusals (InvalidInput.field) by the column they come from.
CALCULATOR_FIELDS = {"rate": "loan.rate", "lpr": "loan.rate", "basis": "loan.day_count", "day_count": "loan.day_count",
                     "repayment_method": "loan.repayment_method", "principal": "disbursement.amount",
                     "term_end": "loan.term_end", "cutoff": "claim.cutoff", "repayments": "repayments",
                     "claimed_fees": "claim.fees"}


@dataclass(frozen=True)
class CheckedSheet:
    """A row that passed every check: ``values`` typed by column (blank cells left out), ``cells`` the text as
    written, ``amounts`` what the calculator gives at the cut-off date."""

    values: dict[str, Any]
    cells: dict[str, str]
    amounts: LoanAmounts | None

    @property
    def court_code(self) -> str:
        return self.values["court_code"]

    @property
    def reference(self) -> str | None:
        return self.values.get("reference")


# ---------------------------------------------------------------- checking a row


def check_row(row: dict, *, lpr: LprTable | None = None, today: date | None = None
              ) -> CheckedSheet | list[CellError]:
    """Check one row: the checked sheet, or every error of the row at once, each naming its column.

    Keys starting with "_" are the caller's (read_xlsx's "_row"), not cells. ``today``, when given, refuses a
    contract or cut-off date in the future; ``lpr`` defaults to the LPR table of data/interest/lpr.csv.
    """
    cells = {key: cell_text(value) for key, value in row.items() if not key.startswith("_")}
    errors = [CellError(key, f"未知的列「{key}」，请使用要素表模板的列") for key in cells if key not in COLUMNS_BY_KEY]
    cells = {key: text for key, text in cells.items() if text and key in COLUMNS_BY_KEY}
    values = {}
    for column in SHEET_COLUMNS:
        text = cells.get(column.key)
        if not text:
            if column.required:
                errors.append(CellError(column.key, f"「{column.header}」必填"))
            continue
        try:
            values[column.key] = READERS[column.kind](plain(text, column.kind))
        except Refused as refused:
            errors.append(CellError(column.key, f"「{column.header}」{refused.message}"))
    errors += _party_errors(cells, values)
    errors += _order_errors(values, today)
    errors += _amount_errors(values)
    if any(error.column in CALCULATION_COLUMNS for error in errors):
        return errors  # the terms do not read: nothing to compute the claims against
    amounts = _computed(values, lpr or LprTable.load())
    if isinstance(amounts, list):
        return errors + amounts
    errors += _claim_errors(values, amounts)
    return errors or CheckedSheet(values=values, cells=cells, amounts=amounts)


def _error(key: str, message: str) -> CellError:
    return CellError(key, f"「{COLUMNS_BY_KEY[key].header}」{message}")


def _slot_errors(cells: dict[str, str], prefix: str, needed: tuple[str, ...], what: str) -> list[CellError]:
    """A slot (borrower 2, collateral 1) is left blank or filled with at least its ``needed`` cells."""
    if not any(key.startswith(prefix + ".") for key in cells):
        return []
    return [_error(f"{prefix}.{attribute}", f"必填（该{what}已填写其他信息）")
            for attribute in needed if f"{prefix}.{attribute}" not in cells]


def _party_errors(cells: dict[str, str], values: dict) -> list[CellError]:
    """Slots filled whole; a company names its representative (CPL art. 124(1)); a guarantee its kind."""
    errors = []
    for group, slots in (("borrower", BORROWER_SLOTS), ("guarantor", GUARANTOR_SLOTS)):
        for n in range(1, slots + 1):
            prefix = f"{group}.{n}"
            if group == "borrower" and n == 1:  # required columns: reported as such already
                slot = []
            else:
                slot = _slot_errors(cells, prefix, ("name", "id_number"), "当事人")
            party_type = values.get(f"{prefix}.id_number", ("natural", ""))[0]
            if party_type == "legal" and f"{prefix}.representative" not in values:
                slot.append(_error(f"{prefix}.representative", "必填：单位当事人须写明法定代表人或负责人"))
            if group == "guarantor" and any(key.startswith(prefix + ".") for key in cells):
                slot += _guarantee_errors(cells, values, prefix)
            errors += slot
    for n in range(1, COLLATERAL_SLOTS + 1):
        errors += _slot_errors(cells, f"collateral.{n}", ("owner", "description"), "抵押物")
    return errors


def _guarantee_errors(cells: dict[str, str], values: dict, prefix: str) -> list[CellError]:
    kind = values.get(f"{prefix}.kind")
    if f"{prefix}.kind" not in cells:
        return [_error(f"{prefix}.kind", "必填（连带责任保证 / 一般保证 / 最高额保证）")]
    if kind == "maximum" and f"{prefix}.max_amount" not in values:
        return [_error(f"{prefix}.max_amount", "必填：最高额保证须写明最高债权额")]
    return []


# (earlier column, later column, may the two be the same day?, message for the later column)
DATE_ORDER = (
    ("loan.term_start", "loan.term_end", False, "应晚于借款期限起始日"),
    ("contract.date", "disbursement.date", True, "不能早于合同签订日期"),
    ("disbursement.date", "loan.term_end", False, "应晚于放款日期"),
    ("disbursement.date", "default.date", False, "应晚于放款日期"),
    ("default.date", "acceleration.date", True, "不能早于逾期日"),
    ("default.date", "claim.cutoff", True, "不能早于逾期日"),
    ("acceleration.date", "claim.cutoff", True, "不能早于宣布提前到期日"),
)


def _order_errors(values: dict, today: date | None) -> list[CellError]:
    errors = []
    for earlier, later, same_day, message in DATE_ORDER:
        if earlier in values and later in values:
            first, second = values[earlier], values[later]
            if second < first or (second == first and not same_day):
                errors.append(_error(later, f"{message}（{first.isoformat()}）"))
    if today is not None:
        errors += [_error(key, f"不能晚于今天（{today.isoformat()}）")
                   for key in ("contract.date", "disbursement.date", "claim.cutoff") if values.get(key, today) > today]
    disbursed, cutoff = values.get("disbursement.date"), values.get("claim.cutoff")
    for paid_on, _amount in values.get("repayments", ()):
        if (disbursed and paid_on <= disbursed) or (cutoff and paid_on > cutoff):
            errors.append(_error("repayments", f"中{paid_on.isoformat()}的还款应在放款日期之后、计算截止日之前"))
            break
    return errors


def _amount_errors(values: dict) -> list[CellError]:
    errors = [_error(key, "应大于零") for key in POSITIVE if values.get(key) == 0]
    principal, disbursed = values.get("loan.principal"), values.get("disbursement.amount")
    if principal and disbursed and disbursed > principal:
        errors.append(_error("disbursement.amount", f"不能超过借款金额{principal}元"))
    claimed = values.get("claim.principal")
    if claimed and disbursed and claimed > disbursed:
        errors.append(_error("claim.principal", f"不能超过放款金额{disbursed}元"))
    return errors


def _computed(values: dict, lpr: LprTable) -> LoanAmounts | list[CellError]:
    """The calculator's figures at the cut-off, without the 24 % adjustment: that adjustment is the borrower's
    defence, raised at trial, not a limit on what may be claimed (法发〔2017〕22号 part 2 item 2, §4.2)."""
    # The parties do not enter the computation; the lender's name is a blank when it is missing.
    elements = to_elements(CheckedSheet(values={"lender.name": "", **values}, cells={}, amounts=None))
    try:
        return compute(to_terms(elements), cutoff=values["claim.cutoff"], lpr=lpr, apply_cap=False)
    except InvalidInput as error:
        column = CALCULATOR_FIELDS.get(error.field, "") if error.field else ""
        prefix = f"「{COLUMNS_BY_KEY[column].header}」" if column else ""
        return [CellError(column, f"{prefix}无法按该约定计算：{error.message}")]


def _claim_errors(values: dict, amounts: LoanAmounts) -> list[CellError]:
    errors = []
    cutoff = values["claim.cutoff"].isoformat()
    for key, (field, name) in CHECKED_CLAIMS.items():
        claimed, computed = values.get(key), getattr(amounts, field)
        if claimed is not None and claimed > computed + CLAIM_TOLERANCE:
            errors.append(_error(key, f"{claimed:,.2f}元高于按合同约定计算至{cutoff}的{name}{computed:,.2f}元，"
                                      "请核对"))
    return errors


# ---------------------------------------------------------------- to the elements and back


def _element_fields() -> set[str]:
    fields = set(SCALAR_FIELDS)
    for group, attributes in PARTY_GROUPS.items():
        slots = {"borrower": BORROWER_SLOTS, "guarantor": GUARANTOR_SLOTS, "collateral": COLLATERAL_SLOTS}.get(group, 0)
        fields |= {f"{group}.{n}.{attribute}" for n in range(1, slots + 1) for attribute in attributes}
    return fields


ELEMENT_FIELDS = frozenset(_element_fields())


def to_elements(sheet: CheckedSheet) -> Elements:
    """The sheet as findings of the document "element_sheet" (no character span, confidence 1)."""

    def finding(name: str, value: Any, quote: str) -> Finding:
        return Finding(field=name, value=value, document=ELEMENT_SHEET, start=0, end=0, confidence=1.0, quote=quote)

    elements = {}
    for key, value in sheet.values.items():
        if key == "repayments":
            for n, (paid_on, amount) in enumerate(value, start=1):
                quote = f"{paid_on.isoformat()} {amount}"
                elements[f"repayment.{n}.date"] = finding(f"repayment.{n}.date", paid_on, quote)
                elements[f"repayment.{n}.amount"] = finding(f"repayment.{n}.amount", amount, quote)
        elif key in ELEMENT_FIELDS:
            # The elements hold the number alone; whether it is an ID or a USCC shows in its form.
            plain = value[1] if key.endswith(".id_number") else value
            elements[key] = finding(key, plain, sheet.cells.get(key, ""))
    return elements


def to_json(sheet: CheckedSheet) -> dict:
    """The sheet as stored on the filing application: the cells as written and the typed values as JSON."""
    return {"cells": dict(sheet.cells), "values": {key: _encode(value) for key, value in sheet.values.items()},
            "amounts": {name: str(getattr(sheet.amounts, name)) for name in
                        ("principal", "interest", "penalty", "compound", "fees", "total")}}


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, list):  # repayments
        return [[paid_on.isoformat(), str(amount)] for paid_on, amount in value]
    return value


def elements_from_json(stored: dict) -> Elements:
    """The elements of a stored sheet (``FilingApplication.element_sheet``), without checking it again."""
    values = {}
    for key, value in stored["values"].items():
        kind = COLUMNS_BY_KEY[key].kind if key in COLUMNS_BY_KEY else "text"
        if kind == "date":
            value = date.fromisoformat(value)
        elif kind in ("money", "uplift"):
            value = Decimal(value)
        elif kind == "id":
            value = tuple(value)
        elif kind == "repayments":
            value = [(date.fromisoformat(paid_on), Decimal(amount)) for paid_on, amount in value]
        values[key] = value
    return to_elements(CheckedSheet(values=values, cells=stored.get("cells", {}), amounts=None))
