"""The element sheet (要素表) of a financial loan case: one row per case, filed one by one or in bulk.

Institutional lenders file loan cases by element sheet (要素式起诉): a structured form whose cells are the elements
of the dispute (elements.py). A row is checked completely before anything is filed: every bad cell is reported at
once, in Chinese, naming its column; the amounts claimed are checked against the interest calculator at the cut-off
date. A checked sheet becomes the assistant's first source for the case (``to_elements``).

Column keys are the element field names (``borrower.1.name``) wherever the elements have the field; the few
columns that only filing needs (the court, the lender's USCC, representatives of company defendants, the lender's
own reference) have keys outside the elements and stay out of ``to_elements``.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from omnicourt.assistant.loans.compute import LoanAmounts, compute
from omnicourt.assistant.loans.elements import PARTY_GROUPS, SCALAR_FIELDS, Elements, Finding, to_terms
from omnicourt.dossier import checks
from omnicourt.errors import InvalidInput
from omnicourt.interest.lpr import LprTable
from omnicourt.interest.rates import parse_rate
from omnicourt.security import rules as identity
from omnicourt.textcheck import TextRefused, check_text
from omnicourt.xlsx import append_row

MAX_ROWS = 2000  # rows of one bulk filing: a bank's monthly batch, small enough to answer in one request
# Rows and columns of a sheet read at most, blank ones included: a sheet of 300,000 blank rows is refused by its
# dimension, or when reading reaches this row, never read to its end.
MAX_SHEET_ROWS = 2 * MAX_ROWS
MAX_SHEET_COLUMNS = 200
MAX_AMOUNT = Decimal("1000000000000")  # ¥1 trillion: anything above is a typing error
# Claims are compared with the calculator to the yuan: the lender's system may round each period differently.
CLAIM_TOLERANCE = Decimal("1.00")
# 银发〔2003〕251号 item 3 (court-rules.md §4.2): penalty interest is the contract rate +30–50 % for an overdue
# loan and +50–100 % for a misused one, so an uplift above 100 % cannot be agreed.
MAX_PENALTY_UPLIFT = Decimal("1")
ELEMENT_SHEET = "element_sheet"  # the document name of findings taken from the sheet
BORROWER_SLOTS, GUARANTOR_SLOTS, COLLATERAL_SLOTS = 3, 3, 2

REPAYMENT_METHODS = ("等额本息", "等额本金", "按月付息到期还本", "到期一次性还本付息")
GUARANTEE_KINDS = {"连带责任保证": "joint", "一般保证": "general", "最高额保证": "maximum"}
YES, NO = ("是", "有", "y", "yes", "true", "1", "计收"), ("否", "无", "n", "no", "false", "0", "不计收")


@dataclass(frozen=True)
class Column:
    """One cell of the sheet: ``kind`` says how its text is read; ``note`` is the hint on the template."""

    key: str
    header: str
    kind: str  # how the text is read: a key of READERS
    required: bool = False
    note: str = ""


def _party_columns(group: str, label: str, slots: int, first_required: bool) -> list[Column]:
    columns = []
    for n in range(1, slots + 1):
        required = first_required and n == 1
        columns += [
            Column(f"{group}.{n}.name", f"{label}{n}姓名或名称", "name", required),
            Column(f"{group}.{n}.id_number", f"{label}{n}身份证号或统一社会信用代码", "id", required,
                   "自然人填18位公民身份号码，单位填统一社会信用代码"),
            Column(f"{group}.{n}.representative", f"{label}{n}法定代表人或负责人", "name", False, "单位必填"),
        ]
        if group == "borrower":
            columns.append(Column(f"{group}.{n}.address", f"{label}{n}住所地", "text"))
        else:
            columns += [Column(f"{group}.{n}.kind", f"{label}{n}保证方式", "kind", False,
                               "连带责任保证 / 一般保证 / 最高额保证"),
                        Column(f"{group}.{n}.max_amount", f"{label}{n}最高债权额", "money", False,
                               "最高额保证必填，单位：元")]
    return columns


def _collateral_columns() -> list[Column]:
    columns = []
    for n in range(1, COLLATERAL_SLOTS + 1):
        columns += [Column(f"collateral.{n}.owner", f"抵押物{n}所有人", "name"),
                    Column(f"collateral.{n}.description", f"抵押物{n}名称及权证号", "text"),
                    Column(f"collateral.{n}.max_amount", f"抵押物{n}担保最高债权额", "money", False, "单位：元")]
    return columns


SHEET_COLUMNS: tuple[Column, ...] = (
    Column("court_code", "受理法院代字", "court", True, "如 浙0106"),
    Column("reference", "申请人内部编号", "text", False, "贷款人自己的案件或贷款编号，便于核对"),
    Column("lender.name", "原告（贷款人）名称", "name", True),
    Column("lender.uscc", "原告统一社会信用代码", "uscc", True),
    Column("lender.representative", "原告负责人或法定代表人", "name", True),
    Column("lender.address", "原告住所地", "text"),
    *_party_columns("borrower", "借款人", BORROWER_SLOTS, first_required=True),
    *_party_columns("guarantor", "保证人", GUARANTOR_SLOTS, first_required=False),
    *_collateral_columns(),
    Column("contract.number", "借款合同编号", "text", True),
    Column("contract.date", "合同签订日期", "date", True, "如 2023-03-15"),
    Column("loan.principal", "借款金额", "money", True, "合同约定的借款本金，单位：元"),
    Column("loan.term_start", "借款期限起始日", "date", True),
    Column("loan.term_end", "借款期限到期日", "date", True),
    Column("loan.rate", "借款利率（合同原文）", "rate", True, "如 年利率6.12%、LPR加50个基点"),
    Column("loan.repayment_method", "还款方式", "method", True, " / ".join(REPAYMENT_METHODS)),
    Column("loan.penalty_uplift", "罚息上浮比例", "uplift", True, "罚息在合同利率基础上上浮的比例，如 50%"),
    Column("loan.compound", "是否计收复利", "yes_no", True, "是 / 否"),
    Column("loan.day_count", "计息天数基准", "day_count", True, "360 或 365"),
    Column("disbursement.date", "放款日期", "date", True),
    Column("disbursement.amount", "放款金额", "money", True, "单位：元"),
    Column("repayments", "已还款记录", "repayments", False, "每笔一行或以分号分隔：日期 金额，如 2024-04-15 5000.00"),
    Column("default.date", "逾期日", "date", True, "第一期逾期之日"),
    Column("acceleration.date", "宣布提前到期日", "date"),
    Column("claim.cutoff", "计算截止日", "date", True, "利息、罚息、复利计算至该日"),
    Column("claim.principal", "主张本金", "money", True, "单位：元"),
    Column("claim.interest", "主张利息", "money", False, "截至计算截止日，单位：元"),
    Column("claim.penalty", "主张罚息", "money", False, "截至计算截止日，单位：元"),
    Column("claim.compound", "主张复利", "money", False, "截至计算截止日，单位：元"),
    Column("claim.fees", "主张律师费等费用", "money", False, "单位：元"),
)
COLUMNS_BY_KEY = {column.key: column for column in SHEET_COLUMNS}
HEADERS = {unicodedata.normalize("NFKC", column.header): column.key for column in SHEET_COLUMNS}
# Claimed amounts checked against the calculator: column -> (field of LoanAmounts, what it is called).
CHECKED_CLAIMS = {"claim.principal": ("principal", "本金"), "claim.interest": ("interest", "利息"),
                  "claim.penalty": ("penalty", "罚息"), "claim.compound": ("compound", "复利")}
POSITIVE = {"loan.principal", "disbursement.amount", "claim.principal"}
# What the calculator reads: the claims are checked against it even when a party's cell is wrong.
CALCULATION_COLUMNS = frozenset(key for key in COLUMNS_BY_KEY if key.split(".")[0] in (
    "contract", "loan", "disbursement", "repayments", "default", "acceleration", "claim"))
# The calculator's refusals (InvalidInput.field) by the column they come from.
CALCULATOR_FIELDS = {"rate": "loan.rate", "lpr": "loan.rate", "basis": "loan.day_count", "day_count": "loan.day_count",
                     "repayment_method": "loan.repayment_method", "principal": "disbursement.amount",
                     "term_end": "loan.term_end", "cutoff": "claim.cutoff", "repayments": "repayments",
                     "claimed_fees": "claim.fees"}

EXAMPLE_ROW = {
    "court_code": "浙0106", "reference": "HZ-2025-0001", "lender.name": "中国示例银行股份有限公司杭州西湖支行",
    "lender.uscc": "91330106MA27XL0Q5T", "lender.representative": "王五", "lender.address": "杭州市西湖区文三路100号",
    "borrower.1.name": "李四", "borrower.1.id_number": "33010619800101011X",
    "borrower.1.address": "杭州市西湖区天目山路2号",
    "guarantor.1.name": "赵六", "guarantor.1.id_number": "330106198001020094", "guarantor.1.kind": "连带责任保证",
    "contract.number": "XH2023-0315", "contract.date": "2023-03-15", "loan.principal": "100000.00",
    "loan.term_start": "2023-03-15", "loan.term_end": "2024-03-14", "loan.rate": "年利率6.12%",
    "loan.repayment_method": "到期一次性还本付息", "loan.penalty_uplift": "50%", "loan.compound": "是",
    "loan.day_count": "360", "disbursement.date": "2023-03-15", "disbursement.amount": "100000.00",
    "default.date": "2024-03-15", "claim.cutoff": "2024-06-30", "claim.principal": "100000.00",
    "claim.interest": "6205.00", "claim.penalty": "2779.50", "claim.compound": "172.47", "claim.fees": "3000.00",
}


@dataclass(frozen=True)
class CellError:
    """One refused cell; ``column`` is the column key ("" when the row as a whole is refused)."""

    column: str
    message: str

    @property
    def header(self) -> str:
        column = COLUMNS_BY_KEY.get(self.column)
        return column.header if column else ""


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


class _Refused(Exception):
    def __init__(self, message: str):
        self.message = message


# ---------------------------------------------------------------- reading one cell


def cell_text(value: Any) -> str:
    """A cell as text: numbers without float noise, dates as ISO, whitespace trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")  # repr: the shortest text that reads back as this float
    if isinstance(value, Decimal):
        return format(value, "f")
    return unicodedata.normalize("NFKC", str(value)).strip()


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _date(text: str) -> date:
    match = _DATE.fullmatch(text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not match:
        raise _Refused(f"日期「{text}」格式不正确，应写作 2024-03-15")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise _Refused(f"「{text}」不是真实的日期") from None


def _money(text: str) -> Decimal:
    plain = re.sub(r"[,，\s元¥￥]", "", text)
    try:
        amount = Decimal(plain)
    except InvalidOperation:
        raise _Refused(f"金额「{text}」应为数字，如 12000.00") from None
    if not amount.is_finite() or amount < 0:
        raise _Refused(f"金额「{text}」不能为负数")
    if amount > MAX_AMOUNT:
        raise _Refused(f"金额「{text}」超出合理范围，请核对")
    if amount != amount.quantize(Decimal("0.01")):
        raise _Refused(f"金额「{text}」最多保留两位小数")
    return amount.quantize(Decimal("0.01"))


def _uplift(text: str) -> Decimal:
    plain = re.sub(r"^(上浮|加收|浮动)", "", text.replace(" ", ""))
    try:
        uplift = Decimal(plain[:-1]) / 100 if plain.endswith("%") else Decimal(plain)
    except InvalidOperation:
        raise _Refused(f"「{text}」应写作百分比，如 50%") from None
    if not uplift.is_finite() or uplift < 0:
        raise _Refused(f"「{text}」不能为负数")
    if uplift > MAX_PENALTY_UPLIFT:
        raise _Refused(f"「{text}」过高：罚息最多在合同利率基础上上浮100%（银发〔2003〕251号第三条），"
                       "如为百分比请加 % 号")
    return uplift


def _choice(text: str, options: dict[str, Any], what: str, labels: tuple[str, ...]) -> Any:
    key = re.sub(r"[\s,，、;；]", "", text).lower()
    if key not in options:
        raise _Refused(f"{what}「{text}」无法识别，应为：{' / '.join(labels)}")
    return options[key]


_YES_NO = {word: True for word in YES} | {word: False for word in NO}
_DAY_COUNTS = {"360": 360, "365": 365, "360天": 360, "365天": 365}
_METHODS = {method: method for method in REPAYMENT_METHODS}
_KINDS = GUARANTEE_KINDS | {code: code for code in GUARANTEE_KINDS.values()} | {"连带保证": "joint"}


def _repayments(text: str) -> list[tuple[date, Decimal]]:
    entries = [entry.strip() for entry in re.split(r"[;；\n]", text) if entry.strip()]
    result = []
    for entry in entries:
        match = re.fullmatch(r"(\S+?)\s*[:：\s]\s*(\S+)", entry)
        if not match:
            raise _Refused(f"还款记录「{entry}」应写作“日期 金额”，如 2024-04-15 5000.00")
        amount = _money(match.group(2))
        if amount <= 0:
            raise _Refused(f"还款记录「{entry}」的金额应大于零")
        result.append((_date(match.group(1)), amount))
    return sorted(result)


def _identity(text: str) -> tuple[str, str]:
    """("natural", ID number) or ("legal", USCC). Digits with a birth date where a 公民身份号码 has it are read as
    one (GB 11643-1999), anything else as a 统一社会信用代码 (GB 32100-2015): a mistyped ID number must not pass
    as a code whose check character happens to fit."""
    compact = re.sub(r"\s+", "", text).upper()
    try:
        if _LOOKS_LIKE_ID.fullmatch(compact):
            return "natural", identity.validate_id_number(compact).number
        return "legal", identity.validate_uscc(compact)
    except InvalidInput as error:
        raise _Refused(error.message) from None


_LOOKS_LIKE_ID = re.compile(r"\d{6}(18|19|20)\d{2}[01]\d[0-3]\d{4}[\dX]")


def _uscc(text: str) -> str:
    try:
        return identity.validate_uscc(text)
    except InvalidInput as error:
        raise _Refused(error.message) from None


def _court(text: str) -> str:
    if not re.fullmatch(r"[\u4e00-\u9fff]\d{2,4}", text):
        raise _Refused(f"法院代字「{text}」格式不正确，如 浙0106")
    return text


def _rate(text: str) -> str:
    try:
        parse_rate(text)
    except InvalidInput as error:
        raise _Refused(error.message) from None
    return text


def _text(limit: int):
    """A reader of free text: the rules of all user text (textcheck), at most `limit` characters."""
    def read(text: str) -> str:
        try:
            return check_text(text, max_length=limit, compatibility=True)
        except TextRefused as refused:
            raise _Refused(refused.message) from None
    return read


READERS = {
    "text": _text(200), "name": _text(128), "court": _court, "uscc": _uscc, "id": _identity, "date": _date,
    "money": _money, "rate": _rate, "uplift": _uplift, "repayments": _repayments,
    "yes_no": lambda text: _choice(text, _YES_NO, "是否计收复利", ("是", "否")),
    "day_count": lambda text: _choice(text, _DAY_COUNTS, "计息天数基准", ("360", "365")),
    "method": lambda text: _choice(text, _METHODS, "还款方式", REPAYMENT_METHODS),
    "kind": lambda text: _choice(text, _KINDS, "保证方式", tuple(GUARANTEE_KINDS)),
}


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
            values[column.key] = READERS[column.kind](_plain(text, column.kind))
        except _Refused as refused:
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


def _plain(text: str, kind: str) -> str:
    """The rules of all user text (textcheck), and no formula: the JSON rows refuse what read_xlsx refuses."""
    if is_formula(text):
        raise _Refused("含有公式，请填写数值或文字")
    try:
        return check_text(text, max_length=CELL_LIMITS.get(kind, 200), multiline=kind == "repayments",
                          compatibility=True)
    except TextRefused as refused:
        raise _Refused(refused.message) from None


CELL_LIMITS = {"name": 128, "repayments": 5000}


def is_formula(text: str) -> bool:
    return text.startswith("=")


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
        column = CALCULATOR_FIELDS.get(error.field, "")
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


# ---------------------------------------------------------------- the .xlsx template and upload


def template_xlsx() -> bytes:
    """A blank sheet: the Chinese headers (required ones in bold red), one example row, and the notes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "要素表"
    append_row(sheet, [column.header for column in SHEET_COLUMNS])
    append_row(sheet, [EXAMPLE_ROW.get(column.key, "") for column in SHEET_COLUMNS])
    for index, column in enumerate(SHEET_COLUMNS, start=1):
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True, color="9B1C1C" if column.required else "1F2933")
        header.fill = PatternFill("solid", fgColor="F0F4F8")
        for row in range(2, 202):  # text cells: Excel keeps ID numbers and amounts as typed
            sheet.cell(row=row, column=index).number_format = "@"
        sheet.column_dimensions[header.column_letter].width = max(12, len(column.header) * 2 + 2)
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    append_row(notes, ["列", "是否必填", "说明"])
    append_row(notes, ["第2行", "", f"第2行为示例，请替换为实际数据；每个案件一行，最多{MAX_ROWS}行"])
    for column in SHEET_COLUMNS:
        append_row(notes, [column.header, "必填" if column.required else "", column.note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_xlsx(data: bytes) -> list[dict]:
    """The rows of an uploaded sheet as {column key: text}, each with "_row" (its row number in the sheet);
    blank rows are skipped. Refused whole: not an .xlsx file, unknown or missing columns, formulas, too many rows."""
    if not data.startswith(b"PK\x03\x04"):
        raise InvalidInput("请上传 .xlsx 格式的要素表（可下载模板填写；不支持 .xls、.csv）", field="file")
    unreadable = InvalidInput("无法读取该 .xlsx 文件，请使用要素表模板重新保存后上传", field="file")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise unreadable
    checks.check_zip("要素表", data, field="file", required=("[Content_Types].xml", "xl/workbook.xml"),
                     label="Excel 工作簿（.xlsx）")  # a zip bomb is refused before it unpacks
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise unreadable from None
    try:
        sheet = workbook["要素表"] if "要素表" in workbook.sheetnames else workbook.worksheets[0]
        too_many = InvalidInput(f"要素表超过{MAX_SHEET_ROWS}行（含空行），请删除多余的行或分批上传", field="file")
        if (sheet.max_row or 0) > MAX_SHEET_ROWS:  # the dimension the file declares
            raise too_many
        rows = sheet.iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=MAX_SHEET_COLUMNS)
        keys = _header_keys(next(rows, ()))
        result = []
        for number, row in enumerate(rows, start=2):
            if number > MAX_SHEET_ROWS:  # the declared dimension was wrong or absent
                raise too_many
            texts = {}
            for key, cell in zip(keys, row, strict=False):
                if cell.data_type == "f" or (isinstance(cell.value, str) and is_formula(cell.value)):
                    raise InvalidInput(f"单元格{cell.coordinate}含有公式，请将公式转为数值后上传", field="file")
                if key and cell.value is not None:
                    texts[key] = cell_text(cell.value)
            if any(texts.values()):
                if len(result) == MAX_ROWS:
                    raise InvalidInput(f"一次最多提交{MAX_ROWS}行，请分批上传", field="file")
                result.append({**texts, "_row": number})
        return result
    finally:
        workbook.close()


def _header_keys(header_cells) -> list[str | None]:
    keys = []
    for cell in header_cells:
        text = cell_text(cell.value)
        key = HEADERS.get(text) or (text if text in COLUMNS_BY_KEY else None)
        if text and key is None:
            raise InvalidInput(f"第1行的列标题「{text}」不是要素表的列，请使用要素表模板", field="file")
        keys.append(key)
    missing = [column.header for column in SHEET_COLUMNS if column.required and column.key not in keys]
    if missing:
        raise InvalidInput(f"要素表缺少必填列：{'、'.join(missing)}", field="file")
    return keys
