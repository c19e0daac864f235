"""The law of publishing judgments online: 《最高人民法院关于人民法院在互联网公布裁判文书的规定》 (法释〔2016〕19号, in
force 2016-10-01; shared/spec/court-rules-2.md §6). What is masked and deleted inside a published text is
redaction.py's; this module says what is published at all, when, what stands in for a document withheld, and
whether a redacted text still shows what it must not. Pure functions: no I/O, no clock, no settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from omnicourt.deadlines.calendar import HolidayCalendar
from omnicourt.errors import InvalidInput
from omnicourt.publication.redaction import Category, home_street, is_minor, mask

PUBLISH_WITHIN_WORKING_DAYS = 7  # art. 7 [S]


class Withheld(StrEnum):
    """Art. 4: the documents not published online."""

    STATE_SECRET = "state_secret"
    JUVENILE_CRIME = "juvenile_crime"
    MEDIATION = "mediation"  # ended by mediation, or a judicial confirmation of a mediation agreement
    DIVORCE_OR_CHILDREN = "divorce_or_children"  # divorce, or the upbringing or guardianship of minor children
    OTHER = "other"


WITHHELD_LABELS = {
    Withheld.STATE_SECRET: "涉及国家秘密",
    Withheld.JUVENILE_CRIME: "未成年人犯罪",
    Withheld.MEDIATION: "以调解方式结案或者确认人民调解协议效力",
    Withheld.DIVORCE_OR_CHILDREN: "离婚诉讼或者涉及未成年子女抚养、监护",
    Withheld.OTHER: "人民法院认为不宜在互联网公布的其他情形",
}
# Withholding the platform cannot see in a case's rows: the court's staff declare them.
DECLARED = (Withheld.STATE_SECRET, Withheld.JUVENILE_CRIME, Withheld.OTHER)

# Art. 4(4): divorce, and the upbringing (抚养, its fees and changes) and guardianship of minors; cause codes of
# data/causes.csv, a code covering those beneath it. 探望权 (visitation) settles a minor child's upbringing too [U].
DIVORCE_OR_CHILDREN_CAUSES = ("fam.marriage.divorce", "fam.marriage.child_support", "fam.marriage.guardianship",
                              "fam.marriage.visitation")
FAMILY_CAUSES = "fam"  # 婚姻家庭、继承纠纷: art. 8(1)
JUDICIAL_CONFIRMATION = re.compile("确认.{0,4}调解协议|司法确认")

# Art. 6 [U]: what the placeholder of a withheld document shows.
PLACEHOLDER_FIELDS = ("case_number", "court", "decided_on", "reason")
WITHHELD_NOTICE = "本案裁判文书依法不在互联网公布（《最高人民法院关于人民法院在互联网公布裁判文书的规定》第四条）。"
PLACEHOLDER_LABELS = {"case_number": "案号", "court": "审理法院", "decided_on": "裁判日期", "reason": "不公开理由"}


def _covers(code: str, prefix: str) -> bool:
    return code == prefix or code.startswith(prefix + ".")


def category_of(type_code: str, cause_code: str) -> Category:
    """Art. 8's kind of case from its case type (刑… criminal) and cause (婚姻家庭、继承纠纷 family)."""
    if type_code.startswith("刑"):
        return Category.CRIMINAL
    if _covers(cause_code, FAMILY_CAUSES):
        return Category.FAMILY
    return Category.OTHER


# The cause a judgment names in its first lines (…与…继承纠纷一案), for a text read from outside the platform.
_FAMILY_CAUSE_NAMES = re.compile("(?:婚约财产|离婚|婚姻无效|撤销婚姻|夫妻财产|同居关系|亲子关系|抚养|扶养|赡养|收养|"
                                 "监护权|探望权|分家析产|继承|遗赠|遗嘱)[^，。；\\s]{0,8}纠纷")
_CRIMINAL_HEADING = re.compile(r"刑\s*事\s*(?:附\s*带\s*民\s*事\s*)?(?:判\s*决|裁\s*定)\s*书|\d+号?刑(?:初|终|再|更)|"
                               r"刑(?:初|终|再|更)字?第?\d")
HEAD = 800  # a judgment's heading, parties and opening paragraph, where its case number and cause stand


def category_of_text(text: str) -> Category:
    """Art. 8's kind of case as a judgment's own first lines say it: a criminal document by its title or case number,
    a family or succession case by the cause its opening names."""
    head = text[:HEAD]
    if _CRIMINAL_HEADING.search(head):
        return Category.CRIMINAL
    if _FAMILY_CAUSE_NAMES.search(head):
        return Category.FAMILY
    return Category.OTHER


_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_CHINESE_DATE = re.compile("([〇零○ＯO一二三四五六七八九]{4})\\s*年\\s*([一二三四五六七八九十]{1,3})\\s*月\\s*"
                           "([一二三四五六七八九十]{1,3})\\s*日")


def _small_number(text: str) -> int:
    """一 … 三十一 as written in a judgment's date."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def written_on(text: str) -> date | None:
    """The date a judgment is signed, written in Chinese numerals at its end (二〇二四年五月十日); None if none."""
    for found in reversed(list(_CHINESE_DATE.finditer(text))):
        try:
            return date(int("".join(str(_DIGITS[c]) for c in found.group(1))), _small_number(found.group(2)),
                        _small_number(found.group(3)))
        except (ValueError, KeyError):
            continue
    return None


_DOCUMENT_NAMES = re.compile(r"(判\s*决|裁\s*定|调\s*解|决\s*定|支\s*付\s*令)\s*书?")


def document_name(text: str) -> str:
    """判决书, 裁定书, 调解书 … as the document's heading calls itself; 裁判文书 when the heading does not say."""
    found = _DOCUMENT_NAMES.search(text[:200])
    if found is None:
        return "裁判文书"
    name = re.sub(r"\s", "", found.group(1))
    return name if name == "支付令" else name + "书"


@dataclass(frozen=True)
class CaseFacts:
    """What the platform knows of a case that decides whether its document is published."""

    type_code: str
    cause_code: str
    cause_name: str
    closing_method: str | None
    document_name: str  # 判决书, 裁定书, 调解书 …
    accepted_on: date
    defendants_born: Sequence[date]  # a criminal case's natural-person defendants, from their ID numbers


def withheld_reasons(facts: CaseFacts, declared: Iterable[Withheld] = ()) -> list[Withheld]:
    """Why a case's document is not published online (art. 4), the court's declared reasons with those the case
    shows: a mediation (or its judicial confirmation), a divorce or a minor's upbringing or guardianship, a criminal
    defendant under 18 when the case was accepted (a defendant who was a minor only when offending is the court's to
    declare). Empty: it is published."""
    reasons = dict.fromkeys(declared)
    if facts.closing_method == "mediation" or facts.document_name == "调解书" or (
            facts.type_code == "民特" and JUDICIAL_CONFIRMATION.search(facts.cause_name)):
        reasons[Withheld.MEDIATION] = None
    if any(_covers(facts.cause_code, cause) for cause in DIVORCE_OR_CHILDREN_CAUSES):
        reasons[Withheld.DIVORCE_OR_CHILDREN] = None
    if facts.type_code.startswith("刑") and any(is_minor(born, facts.accepted_on) for born in facts.defendants_born):
        reasons[Withheld.JUVENILE_CRIME] = None
    return list(reasons)


def placeholder(*, case_number: str, court: str, decided_on: date, reasons: Sequence[Withheld],
                fields: Sequence[str] = PLACEHOLDER_FIELDS) -> str:
    """What is published instead of a withheld document (art. 6): the case number, the court, the date of the
    document and the reason it is not published — those of `fields` the court's configuration shows [U]."""
    values = {"case_number": case_number, "court": court,
              "decided_on": f"{decided_on.year}年{decided_on.month}月{decided_on.day}日",
              "reason": "；".join(WITHHELD_LABELS[reason] for reason in reasons)}
    lines = [f"{PLACEHOLDER_LABELS[name]}：{values[name]}" for name in PLACEHOLDER_FIELDS if name in fields]
    return "\n".join([WITHHELD_NOTICE, *lines])


def due_on(effective_on: date, calendar: HolidayCalendar, *,
           working_days: int = PUBLISH_WITHIN_WORKING_DAYS) -> date:
    """The last day to publish a document (art. 7): the 7th working day after it takes effect, on the statutory
    holiday calendar (weekends and holidays off, make-up working days on). 2024-09-30 (Monday) + 7 working days,
    across the National Day holidays (10-1 to 10-7) and counting the make-up Saturday 10-12, is 2024-10-15."""
    return calendar.working_days_after(effective_on, working_days)


def check_effective_on(effective_on: date, *, decided_on: date, today: date) -> None:
    """A document is published once it is in effect (art. 7): in effect today at the latest, not before it was
    made."""
    if effective_on > today:
        raise InvalidInput("文书尚未生效：生效日期不能晚于今天（生效后方可公布，第七条）", field="effective_on")
    if effective_on < decided_on:
        raise InvalidInput("生效日期不能早于裁判日期", field="effective_on")


@dataclass(frozen=True)
class Personal:
    """One personal item of a case's party that a published text must not show: `what` names it for the refusal."""

    what: str
    value: str
    kind: str  # name, number, address


_SEPARATORS = re.compile(r"[\s\-·•・.,，、()（）]")


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text)


def personal_items(*, role: str, name: str, masked: bool, id_number: str | None, phone: str | None,
                   address: str | None) -> list[Personal]:
    """What of a natural-person party a published text must not show: the name when art. 8 masks it (its masked
    form is what may show), the ID number and telephone (art. 10), the home's street address (art. 10; the county or
    district art. 11 keeps)."""
    who = f"{role}{mask(name) if masked else name}"
    items = [Personal(f"{who}的姓名", name, "name")] if masked else []
    if id_number:
        items.append(Personal(f"{who}的身份证号码", id_number, "number"))
    if phone:
        items.append(Personal(f"{who}的电话", phone, "number"))
    street = home_street(address or "")
    if len(street) >= 4:  # a street part shorter than this (路1号) could stand anywhere in a text
        items.append(Personal(f"{who}的住址（街道门牌）", street, "address"))
    return items


def leaks(text: str, items: Iterable[Personal]) -> list[str]:
    """What of `items` a redacted text still shows, by `what`: names as written, numbers and street addresses with
    spaces, hyphens and dots ignored (138 1234 5678 is the telephone 13812345678)."""
    compacted = _compact(text)
    return list(dict.fromkeys(item.what for item in items
                              if (item.value in text if item.kind == "name" else _compact(item.value) in compacted)))
