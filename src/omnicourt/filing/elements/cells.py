"""The cells of the element sheet (要素表) of a financial loan case: its columns, and how each cell's text is read.

Column keys are the element field names (``borrower.1.name``) wherever the elements have the field
(omnicourt.loans.elements); the few columns that only filing needs (the court, the lender's USCC, representatives of
company defendants, the lender's own reference) have keys outside the elements.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from omnicourt.errors import InvalidInput
from omnicourt.interest.rates import parse_rate
from omnicourt.security import rules as identity
from omnicourt.textcheck import TextRefused, check_text

MAX_AMOUNT = Decimal("1000000000000")  # ¥1 trillion: anything above is a typing error
# 银发〔2003〕251号 item 3 (court-rules.md §4.2): penalty interest is the contract rate +30–50 % for an overdue
# loan and +50–100 % for a misused one, so an uplift above 100 % cannot be agreed.
MAX_PENALTY_UPLIFT = Decimal("1")
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
POSITIVE = {"loan.principal", "disbursement.amount", "claim.principal"}  # amounts above zero

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


class Refused(Exception):
    """A cell's text that does not read; the message says why, in Chinese."""

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
        raise Refused(f"日期「{text}」格式不正确，应写作 2024-03-15")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise Refused(f"「{text}」不是真实的日期") from None


def _money(text: str) -> Decimal:
    plain = re.sub(r"[,，\s元¥￥]", "", text)
    try:
        amount = Decimal(plain)
    except InvalidOperation:
        raise Refused(f"金额「{text}」应为数字，如 12000.00") from None
    if not amount.is_finite() or amount < 0:
        raise Refused(f"金额「{text}」不能为负数")
    if amount > MAX_AMOUNT:
        raise Refused(f"金额「{text}」超出合理范围，请核对")
    if amount != amount.quantize(Decimal("0.01")):
        raise Refused(f"金额「{text}」最多保留两位小数")
    return amount.quantize(Decimal("0.01"))


def _uplift(text: str) -> Decimal:
    plain = re.sub(r"^(上浮|加收|浮动)", "", text.replace(" ", ""))
    try:
        uplift = Decimal(plain[:-1]) / 100 if plain.endswith("%") else Decimal(plain)
    except InvalidOperation:
        raise Refused(f"「{text}」应写作百分比，如 50%") from None
    if not uplift.is_finite() or uplift < 0:
        raise Refused(f"「{text}」不能为负数")
    if uplift > MAX_PENALTY_UPLIFT:
        raise Refused(f"「{text}」过高：罚息最多在合同利率基础上上浮100%（银发〔2003〕251号第三条），"
                       "如为百分比请加 % 号")
    return uplift


def _choice(text: str, options: dict[str, Any], what: str, labels: tuple[str, ...]) -> Any:
    key = re.sub(r"[\s,，、;；]", "", text).lower()
    if key not in options:
        raise Refused(f"{what}「{text}」无法识别，应为：{' / '.join(labels)}")
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
            raise Refused(f"还款记录「{entry}」应写作“日期 金额”，如 2024-04-15 5000.00")
        amount = _money(match.group(2))
        if amount <= 0:
            raise Refused(f"还款记录「{entry}」的金额应大于零")
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
        raise Refused(error.message) from None


_LOOKS_LIKE_ID = re.compile(r"\d{6}(18|19|20)\d{2}[01]\d[0-3]\d{4}[\dX]")


def _uscc(text: str) -> str:
    try:
        return identity.validate_uscc(text)
    except InvalidInput as error:
        raise Refused(error.message) from None


def _court(text: str) -> str:
    if not re.fullmatch(r"[\u4e00-\u9fff]\d{2,4}", text):
        raise Refused(f"法院代字「{text}」格式不正确，如 浙0106")
    return text


def _rate(text: str) -> str:
    try:
        parse_rate(text)
    except InvalidInput as error:
        raise Refused(error.message) from None
    return text


def _text(limit: int):
    """A reader of free text: the rules of all user text (textcheck), at most `limit` characters."""
    def read(text: str) -> str:
        try:
            return check_text(text, max_length=limit, compatibility=True)
        except TextRefused as refused:
            raise Refused(refused.message) from None
    return read


READERS = {
    "text": _text(200), "name": _text(128), "court": _court, "uscc": _uscc, "id": _identity, "date": _date,
    "money": _money, "rate": _rate, "uplift": _uplift, "repayments": _repayments,
    "yes_no": lambda text: _choice(text, _YES_NO, "是否计收复利", ("是", "否")),
    "day_count": lambda text: _choice(text, _DAY_COUNTS, "计息天数基准", ("360", "365")),
    "method": lambda text: _choice(text, _METHODS, "还款方式", REPAYMENT_METHODS),
    "kind": lambda text: _choice(text, _KINDS, "保证方式", tuple(GUARANTEE_KINDS)),
}


def plain(text: str, kind: str) -> str:
    """The rules of all user text (textcheck), and no formula: the JSON rows refuse what read_xlsx refuses."""
    if is_formula(text):
        raise Refused("含有公式，请填写数值或文字")
    try:
        return check_text(text, max_length=CELL_LIMITS.get(kind, 200), multiline=kind == "repayments",
                          compatibility=True)
    except TextRefused as refused:
        raise Refused(refused.message) from None


CELL_LIMITS = {"name": 128, "repayments": 5000}


def is_formula(text: str) -> bool:
    return text.startswith("=")
