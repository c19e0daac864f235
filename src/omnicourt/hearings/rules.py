"""The law of scheduling hearings, as pure functions: notice before the hearing, the bench, the hearing's length,
clashes, the grounds of a postponement and its limits, what a public announcement says.

Article numbers are the Civil Procedure Law as revised on 2023-09-01 (in force 2024-01-01); the hearing articles
kept the numbers of the 2021 revision (139, 149), which were 136 and 146 before it (court-rules-2.md §0.2).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from omnicourt.deadlines import rules as deadline_rules
from omnicourt.errors import Conflict, InvalidInput

CPL = "《民事诉讼法》（2023年9月1日修正）"
NOTICE_DAYS = 3
MIN_MINUTES, MAX_MINUTES = 15, 8 * 60
LATEST_AHEAD_DAYS = 366  # a hearing is put on the calendar at most a year ahead

KIND_LABELS = {"trial": "开庭", "pretrial_meeting": "庭前会议"}
MODE_LABELS = {"in_person": "线下开庭", "online": "在线开庭"}
STATUS_LABELS = {"scheduled": "已排期", "held": "已开庭", "postponed": "已延期"}
PARTICIPANT_ROLES = {"presiding_judge": "审判长", "judge": "审判员", "sole_judge": "独任审判员", "clerk": "书记员",
                     "plaintiff": "原告", "defendant": "被告", "third_party": "第三人", "agent": "委托诉讼代理人"}
BENCH_ROLES = ("presiding_judge", "judge", "sole_judge")
PARTY_ROLES = ("plaintiff", "defendant", "third_party")


class Ground(StrEnum):
    """The grounds of a postponement, CPL art. 149 (2017: art. 146)."""

    ABSENT = "absent"
    RECUSAL = "recusal"
    NEW_EVIDENCE = "new_evidence"
    OTHER = "other"


GROUND_LABELS = {
    Ground.ABSENT: "必须到庭的当事人和其他诉讼参与人有正当理由没有到庭",
    Ground.RECUSAL: "当事人临时提出回避申请",
    Ground.NEW_EVIDENCE: "需要通知新的证人到庭，调取新的证据，重新鉴定、勘验，或者需要补充调查",
    Ground.OTHER: "其他应当延期的情形（限于不可抗力或者意外事件，须经院长批准）",
}
GROUND_ITEMS = {Ground.ABSENT: "一", Ground.RECUSAL: "二", Ground.NEW_EVIDENCE: "三", Ground.OTHER: "四"}


def ground_named(value: str) -> Ground:
    try:
        return Ground(value)
    except ValueError:
        raise InvalidInput(f"延期开庭事由「{value[:20]}」不存在，应为民事诉讼法第149条所列事由之一",
                           field="ground") from None


def check_notice(*, kind: str, today: date, starts_on: date) -> None:
    """A hearing is notified to the parties at least three days before it (CPL art. 139; 民诉法解释 art. 227 for the
    summons): the summons goes out today, so the hearing is on today + 3 or later. A pre-trial meeting has no such
    period in the texts read, but is not put in the past.

    Worked example: scheduled on 1 June, a hearing on 4 June is allowed (notified three days before), 3 June is not.
    """
    if starts_on < today:
        raise InvalidInput("开庭日期不能早于今天", field="starts_on")
    if starts_on > today + timedelta(days=LATEST_AHEAD_DAYS):
        raise InvalidInput(f"开庭日期最多排到{LATEST_AHEAD_DAYS}日以后", field="starts_on")
    if kind == "trial" and (starts_on - today).days < NOTICE_DAYS:
        earliest = today + timedelta(days=NOTICE_DAYS)
        raise InvalidInput(f"传票和开庭通知应在开庭{NOTICE_DAYS}日前送达，今天排期的开庭最早为{earliest.isoformat()}"
                           f"（{CPL}第一百三十九条）", field="starts_on")


def earliest_trial_day(today: date) -> date:
    """The first day a trial scheduled today may be held (check_notice)."""
    return today + timedelta(days=NOTICE_DAYS)


def check_length(minutes: int) -> None:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InvalidInput(f"开庭时长应在{MIN_MINUTES}分钟至{MAX_MINUTES // 60}小时之间", field="minutes")


def check_bench(*, procedure: str, court_level: str, judges: int) -> None:
    """Who sits: simple procedure (small claims included) one judge alone (CPL art. 160); ordinary procedure a panel of
    an odd number, at least three (CPL art. 40(1)), or at a basic court one judge alone where the facts are clear
    (CPL art. 40(2), in force since the 2021 revision). Whether art. 40(2)'s conditions are met is the court's call."""
    if judges < 1:
        raise InvalidInput("请选择审判人员", field="judge_ids")
    if procedure in ("simple", "small_claims", "fast_track"):
        if judges != 1:
            raise InvalidInput(f"适用简易程序审理的案件由审判员一人独任审理（{CPL}第一百六十条）", field="judge_ids")
        return
    if judges == 1 and court_level in ("basic", "special"):
        return
    if judges < 3 or judges % 2 == 0:
        raise InvalidInput(f"合议庭的成员人数应为三人以上的单数（{CPL}第四十条）", field="judge_ids")


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open intervals: a hearing may start the minute the previous one ends."""
    return a_start < b_end and b_start < a_end


@dataclass(frozen=True)
class Clash:
    """Someone or something already booked in the time asked for: who, the other case and the other hearing's time."""

    field: str  # the input that chose them: courtroom_id, judge_ids, clerk_id, agents
    what: str  # 法庭「第一法庭」, 审判员张三, 代理人李四律师
    case_number: str
    starts_at: datetime  # the court's local time
    ends_at: datetime


def clash_message(clash: Clash) -> str:
    return (f"{clash.what}在该时段已有安排：{clash.case_number}，"
            f"{clash.starts_at.year}年{clash.starts_at.month}月{clash.starts_at.day}日 "
            f"{clash.starts_at:%H:%M}—{clash.ends_at:%H:%M}")


def refuse_clashes(clashes: list[Clash]) -> None:
    """Every clash named in one refusal, the field of the first."""
    if clashes:
        raise Conflict("；".join(clash_message(c) for c in clashes), field=clashes[0].field)


def check_postponement(*, procedure: str, postponed_so_far: int, previous_on: date, next_on: date,
                       force_majeure: bool, parties_agree: bool) -> None:
    """At most two postponements in ordinary procedure and one in simple and small-claims procedure; the next hearing
    within a month of the previous one unless force majeure or the parties agree (延审规定 2018/2019, court-rules.md
    §2.1; deadlines.rules holds the rule the hidden-overdue check applies too)."""
    refusal = deadline_rules.check_hearing_postponement(
        procedure=procedure, postponements_so_far=postponed_so_far, previous_hearing_on=previous_on,
        next_hearing_on=next_on, force_majeure=force_majeure, parties_agree=parties_agree)
    if refusal:
        raise Conflict(refusal, field="next_starts_on")


def needs_president(ground: Ground) -> bool:
    """A postponement on "other" grounds (CPL art. 149(4); the rule cites the old art. 146(4)) needs the president's
    approval and is limited to force majeure or accident (延审规定 2018/2019, court-rules.md §2.1)."""
    return ground == Ground.OTHER


def postponement_text(ground: Ground, reason: str) -> str:
    """What the timeline tells the parties (延审规定 art. 7: every postponement and its reason is disclosed)."""
    stated = f"依据{CPL}第一百四十九条第{GROUND_ITEMS[ground]}项：{GROUND_LABELS[ground]}"
    return f"{stated}；{reason}" if reason else stated


@dataclass(frozen=True)
class Announcement:
    """A public hearing's announcement (开庭公告): the parties' names, the cause, the time and the place (CPL art. 139).
    Nothing else of the parties: no ID numbers, addresses or telephone numbers, and never a recording."""

    court_name: str
    case_number: str
    cause: str
    parties: str  # 原告张三，被告李四
    starts_at: datetime  # local
    place: str


def announced_parties(parties: list[tuple[str, str]]) -> str:
    """The parties by role and name, agents left out: '原告张三、王五，被告李四'."""
    by_role: dict[str, list[str]] = {}
    for role, name in parties:
        if role in PARTY_ROLES:
            by_role.setdefault(role, []).append(name)
    return "，".join(f"{PARTICIPANT_ROLES[role]}{'、'.join(names)}" for role in PARTY_ROLES
                    if (names := by_role.get(role)))
