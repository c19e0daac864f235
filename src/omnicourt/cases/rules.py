"""Case numbers (案号) and the civil-case lifecycle, as pure functions and small tables.

Case numbers: 最高人民法院《关于人民法院案件案号的若干规定》(法〔2015〕137号, in force 2016-01-01) as
amended by 法〔2018〕335号. The court-code and case-type tables are data passed in by the caller.
"""

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from random import Random

from omnicourt.errors import Conflict, InvalidInput

# ---------------------------------------------------------------- case numbers

_HAN = "\u4e00-\u9fa5"
# court-rules.md §1.5, with `rest` widened to 5 characters: 专门审判代字 (1) + a 4-character type (民诉前调).
CURRENT_FORM = re.compile(
    rf"^\((?P<year>[0-9]{{4}})\)(?P<court>最高法|[{_HAN}][0-9]{{0,4}})"
    rf"(?P<rest>[{_HAN}]{{1,5}})(?P<seq>[0-9]+)号$"
)
# Before 2016: （2006）杭西民初字第1号 — court, type, then 字第 before the serial.
LEGACY_FORM = re.compile(rf"^\((?P<year>[0-9]{{4}})\)(?P<head>[{_HAN}0-9]+?)字第(?P<seq>[0-9]+)号$")
LEGACY_COURT = re.compile(rf"^(最高法|[{_HAN}][{_HAN}0-9]{{0,7}})$")


@dataclass(frozen=True)
class CaseNumber:
    """A parsed 案号; str() gives the canonical full-width form."""

    year: int
    court_code: str
    special_code: str  # 专门审判代字, usually "" (e.g. 知)
    type_code: str
    serial: int
    legacy: bool = False  # pre-2016 "…字第N号" form

    def __str__(self) -> str:
        if self.legacy:
            return f"（{self.year}）{self.court_code}{self.type_code}字第{self.serial}号"
        return format_case_number(
            year=self.year,
            court_code=self.court_code,
            type_code=self.type_code,
            serial=self.serial,
            special_code=self.special_code,
        )


def format_case_number(
    *, year: int, court_code: str, type_code: str, serial: int, special_code: str = ""
) -> str:
    """（收案年度）法院代字[专门审判代字]类型代字案件编号号, full-width parentheses.

    案号规定 arts 2–3 (as amended by 法〔2018〕335号, which added the 专门审判代字) and art. 10.
    Example: （2026）浙0106民初1234号; （2019）最高法知民终1号.
    """
    if not 1000 <= year <= 9999:
        raise InvalidInput(f"收案年度应为4位公历年份：{year}", field="year")
    if not court_code or not type_code:
        raise InvalidInput("法院代字和类型代字不能为空", field="case_number")
    if serial < 1:
        raise InvalidInput(f"案件编号应为正整数：{serial}", field="serial")
    return f"（{year}）{court_code}{special_code}{type_code}{serial}号"


def _normalise_case_number(text: str) -> str:
    """Half-width parentheses and digits (NFKC), no whitespace anywhere."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _split_special_and_type(
    rest: str, type_codes: Collection[str], special_codes: Collection[str]
) -> tuple[str, str] | None:
    """Split `rest` into (special code, type code); of several readings, the longest type code wins."""
    readings = [
        (special, rest[len(special) :])
        for special in ("", *special_codes)
        if rest.startswith(special) and rest[len(special) :] in type_codes
    ]
    return max(readings, key=lambda reading: len(reading[1]), default=None)


def _invalid(message: str) -> InvalidInput:
    return InvalidInput(message, field="case_number")


def _parse_current(
    match: re.Match, court_codes: Collection[str], type_codes: Collection[str], special_codes: Collection[str]
) -> CaseNumber:
    court = match["court"]
    if court not in court_codes:
        raise _invalid(f"案号中的法院代字「{court}」不在法院代字表中")
    split = _split_special_and_type(match["rest"], type_codes, special_codes)
    if split is None:
        raise _invalid(f"案号中的类型代字「{match['rest']}」无法识别")
    special, type_code = split
    return CaseNumber(
        year=int(match["year"]),
        court_code=court,
        special_code=special,
        type_code=type_code,
        serial=int(match["seq"]),
    )


def _parse_legacy(match: re.Match, court_codes: Collection[str], type_codes: Collection[str]) -> CaseNumber:
    head = match["head"]
    types = [code for code in type_codes if head.endswith(code) and len(code) < len(head)]
    if not types:
        raise _invalid(f"旧式案号「{head}字」中的类型代字无法识别")
    type_code = max(types, key=len)
    court = head[: -len(type_code)]
    if court not in court_codes and not LEGACY_COURT.match(court):
        raise _invalid(f"旧式案号中的法院代字「{court}」无效")
    return CaseNumber(
        year=int(match["year"]),
        court_code=court,
        special_code="",
        type_code=type_code,
        serial=int(match["seq"]),
        legacy=True,
    )


def parse_case_number(
    text: str,
    *,
    court_codes: Collection[str],
    type_codes: Collection[str],
    special_codes: Collection[str] = ("知",),
) -> CaseNumber:
    """Parse a 案号 (案号规定 arts 2–3, 7, 10; 法〔2018〕335号 for the 专门审判代字).

    Accepts full- or half-width parentheses and stray spaces, type codes of up to 4
    characters (民诉前调), and the pre-2016 form "（2006）杭西民初字第1号" (legacy=True). A
    legacy court code is not looked up: the old abbreviations (杭西) are in no current table.
    The court and type codes of a current number must be in the tables given; with several
    possible readings of the characters after the court code, the longest type code wins.
    """
    normalised = _normalise_case_number(text)
    if match := LEGACY_FORM.match(normalised):  # first: the current pattern would also match it
        return _parse_legacy(match, court_codes, type_codes)
    if match := CURRENT_FORM.match(normalised):
        return _parse_current(match, court_codes, type_codes, special_codes)
    raise _invalid(f"案号格式不正确：{text.strip()}，应形如（2026）浙0106民初1234号")


def random_serial8(rng: Random) -> int:
    """An 8-digit random serial for 刑核 (death-penalty and other review) cases (案号规定 art. 10(2))."""
    return rng.randint(10_000_000, 99_999_999)


# ---------------------------------------------------------------- civil-case lifecycle

STAGES = ("accepted", "assigned", "in_trial", "closed", "archived")
def chinese_date(day: date) -> str:
    """A date as court documents write it: 2026年12月4日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def days_left(deadline_on: date | None, today: date) -> int | None:
    """Days until the trial deadline (deadline_on − today); None without a deadline."""
    return (deadline_on - today).days if deadline_on else None


def deadline_class(days: int | None) -> str:
    """Overdue, within a week, within a month: how urgent the deadline looks on the docket and the case page."""
    if days is None or days > 30:
        return ""
    if days < 0:
        return "days-overdue"
    return "days-week" if days <= 7 else "days-month"


STAGE_LABELS = {
    "accepted": "已立案",
    "assigned": "已分案",
    "in_trial": "审理中",
    "closed": "已结案",
    "archived": "已归档",
}
PROCEDURE_LABELS = {
    "ordinary": "普通程序",
    "simple": "简易程序",
    "small_claims": "小额诉讼程序",
    "fast_track": "速裁程序",
    "special": "特别程序",
}
CLOSING_METHOD_LABELS = {
    "judgment": "判决",
    "mediation": "调解",
    "withdrawal": "撤诉",
    "dismissal": "驳回起诉",
    "transfer": "移送",
    "ruling": "裁定",
}
# The document each closing method is decided by (民事诉讼法 arts 155, 100, 148, 157, 37).
CLOSING_DOCUMENTS = {
    "judgment": "判决书",
    "mediation": "调解书",
    "withdrawal": "准予撤诉裁定书",
    "dismissal": "驳回起诉裁定书",
    "transfer": "移送裁定书",
    "ruling": "裁定书",
}
ACTION_LABELS = {
    "assign": "分案",
    "reassign": "变更承办法官",
    "hold_hearing": "开庭",
    "close": "结案",
    "archive": "归档",
}
SAME_STAGE = None
# action → {stage it may start from: stage it leads to (SAME_STAGE: unchanged)}
TRANSITIONS: dict[str, dict[str, str | None]] = {
    "assign": {"accepted": "assigned", "assigned": "assigned"},
    "reassign": {"accepted": SAME_STAGE, "assigned": SAME_STAGE, "in_trial": SAME_STAGE},
    "hold_hearing": {"assigned": "in_trial", "in_trial": "in_trial"},
    "close": {"assigned": "closed", "in_trial": "closed"},
    "archive": {"closed": "archived"},
}


def _refusal(stage: str, action: str) -> Conflict:
    """Chinese message: 「不能再X」 once the stage has passed the action, 「尚不能X」 before it."""
    stage_label, action_label = STAGE_LABELS[stage], ACTION_LABELS[action]
    latest_allowed = max(STAGES.index(start) for start in TRANSITIONS[action])
    if STAGES.index(stage) > latest_allowed:
        message = f"案件当前处于「{stage_label}」阶段，不能再{action_label}"
    else:
        message = f"案件当前处于「{stage_label}」阶段，尚不能{action_label}"
    return Conflict(message, field="stage")


def allowed_transition(stage_from: str, action: str) -> str:
    """The stage a civil case reaches by `action`, or Conflict if its stage forbids it.

    accepted → assigned → in_trial (a hearing held) → closed → archived; reassignment keeps
    the stage; closing is possible without a hearing (e.g. withdrawal). Court workflow, not
    statute (立案: CPL art. 126; 结案 dates: 2000 审限规定 art. 10).
    """
    if stage_from not in STAGE_LABELS:
        raise InvalidInput(f"未知的案件阶段：{stage_from}", field="stage")
    if action not in TRANSITIONS:
        raise InvalidInput(f"未知的案件操作：{action}", field="action")
    starts = TRANSITIONS[action]
    if stage_from not in starts:
        raise _refusal(stage_from, action)
    return starts[stage_from] or stage_from


def validate_closing(method: str, closed_on: date, accepted_on: date, *, today: date | None = None) -> None:
    """Check a closing: a known method (判决, 调解, 撤诉, 驳回起诉, 移送) and a plausible date.

    结案日期 is the date the judgment is pronounced, the ruling announced or the mediation
    statement served on the last party (2000 审限规定 art. 10); it cannot precede 立案.
    """
    if method not in CLOSING_METHOD_LABELS:
        known = "、".join(CLOSING_METHOD_LABELS.values())
        raise InvalidInput(f"结案方式无效：{method}（可选：{known}）", field="closing_method")
    if closed_on < accepted_on:
        raise InvalidInput(
            f"结案日期{closed_on.isoformat()}不能早于立案日期{accepted_on.isoformat()}", field="closed_on"
        )
    if today is not None and closed_on > today:
        raise InvalidInput(f"结案日期{closed_on.isoformat()}不能晚于今天", field="closed_on")
