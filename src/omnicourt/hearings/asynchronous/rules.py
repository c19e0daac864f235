"""The law of the asynchronous trial (异步审理) as pure functions. Spec: court-rules.md §7.

* 在线诉讼规则 (法释〔2021〕12号, in force 2021-08-01) art. 20(1): with all parties' consent, mediation, evidence
  exchange, questioning and hearings may be done non-simultaneously, each party taking part within the time limit the
  court sets.
* art. 20(2): an asynchronous hearing (庭审) only in small-claims cases or civil or administrative simple-procedure
  cases, and only when (1) simultaneous online attendance is genuinely difficult, (2) one party applied in writing
  and all parties agreed, (3) after online evidence exchange the main facts and evidence are undisputed; court and
  parties then record and upload each stage of the hearing within the time limit set.
* art. 21: when a ground against an online hearing appears, the court switches to another way of hearing; what was
  done online remains valid. art. 6: a party who consented and does not take part bears the consequences.
* arts 33–34: a record confirmed online by the participants is as valid as a signed paper one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from omnicourt.errors import Conflict, InvalidInput


class Status(StrEnum):
    PREPARING = "preparing"  # applied for; consents being given
    IN_PROGRESS = "in_progress"  # the judge found every condition met and opened it
    RECORDED = "recorded"  # the record is filed and waits for the parties' confirmation
    CONFIRMED = "confirmed"  # every party confirmed the record
    SWITCHED = "switched"  # ended by a switch to a live hearing (art. 21)


STATUS_LABELS = {Status.PREPARING: "申请中（征求各方意见）", Status.IN_PROGRESS: "异步审理中",
                 Status.RECORDED: "笔录待当事人确认", Status.CONFIRMED: "笔录已确认",
                 Status.SWITCHED: "已转为同步庭审"}
ENDED = frozenset({Status.CONFIRMED, Status.SWITCHED})


class StageKind(StrEnum):
    """The stages of a hearing, in their order (CPL arts 141–144)."""

    INVESTIGATION = "investigation"  # 法庭调查: claims, defence, facts
    CROSS_EXAMINATION = "cross_examination"  # 质证
    DEBATE = "debate"  # 法庭辩论
    FINAL_STATEMENT = "final_statement"  # 最后陈述


STAGE_ORDER = tuple(StageKind)
STAGE_LABELS = {StageKind.INVESTIGATION: "法庭调查", StageKind.CROSS_EXAMINATION: "质证",
                StageKind.DEBATE: "法庭辩论", StageKind.FINAL_STATEMENT: "最后陈述"}
# What the judge starts from; the dispute focus adds its questions to the investigation and the debate.
DEFAULT_QUESTIONS = {
    StageKind.INVESTIGATION: ("原告请陈述诉讼请求及事实和理由；被告请发表答辩意见。",),
    StageKind.CROSS_EXAMINATION: ("请对对方提交的证据的真实性、合法性、关联性发表质证意见。",),
    StageKind.DEBATE: ("请围绕争议焦点发表辩论意见。",),
    StageKind.FINAL_STATEMENT: ("请作最后陈述，并说明是否愿意调解。",),
}
FOCUS_STAGES = frozenset({StageKind.INVESTIGATION, StageKind.DEBATE})
# The consequence a judge usually announces for a missed window (art. 6; CPL arts 146–147); the judge may write
# another, and the one announced is the one recorded.
DEFAULT_CONSEQUENCES = {
    StageKind.INVESTIGATION: "逾期未答复的，视为放弃陈述和答辩的权利，本院将依据已查明的事实作出裁判",
    StageKind.CROSS_EXAMINATION: "逾期未答复的，视为放弃质证的权利",
    StageKind.DEBATE: "逾期未答复的，视为放弃辩论的权利",
    StageKind.FINAL_STATEMENT: "逾期未答复的，视为放弃最后陈述的权利",
}


class Visibility(StrEnum):
    """When the parties read each other's answers of a stage: after its window closes (so that no one answers
    with the other side's answer before them), or at once, as the judge sets for a stage that needs replies."""

    AFTER_CLOSE = "after_close"
    IMMEDIATE = "immediate"


VISIBILITY_LABELS = {Visibility.AFTER_CLOSE: "本阶段结束后各方可见", Visibility.IMMEDIATE: "提交后各方即时可见"}

QUESTIONS_MAX = 20
QUESTION_MAX = 500
ANSWER_MAX = 20000
REASON_MAX = 2000
CONSEQUENCE_MAX = 300
WINDOW_MIN = timedelta(hours=1)
WINDOW_MAX = timedelta(days=30)  # a sanity bound on input, not a rule of law


# ---------------------------------------------------------------- the conditions (art. 20)


class Condition(StrEnum):
    PROCEDURE = "procedure"
    HARDSHIP = "hardship"
    APPLICATION = "application"
    CONSENT = "consent"
    EXCHANGED = "exchanged"
    EXAMINED = "examined"
    UNDISPUTED = "undisputed"


@dataclass(frozen=True)
class Failure:
    condition: Condition
    message: str  # Chinese, naming what fails


@dataclass(frozen=True)
class Facts:
    """What the platform knows of a case for art. 20(2)."""

    procedure: str  # cases.rules: small_claims / simple / ordinary / fast_track
    type_code: str  # 民初, 行初, 民终…
    hardship: str  # the judge's finding why simultaneous attendance is hard ("" while not found)
    applied_in_writing: bool
    parties: Sequence[str]  # every party's name (agents are not parties)
    consented: frozenset[str]  # the names of those who agreed
    refused: frozenset[str]  # the names of those who declined
    submitted_items: int  # evidence items exchanged online
    unexamined: Sequence[str]  # items no other side has given an opinion on
    disputed: Sequence[str]  # items whose authenticity, legality or relevance a side disputes


def failing_conditions(facts: Facts) -> list[Failure]:
    """Every condition of art. 20(2) the case does not meet, in the article's order; empty: it may be heard
    asynchronously."""
    failures = []
    civil, administrative = facts.type_code.startswith("民"), facts.type_code.startswith("行")
    if not ((facts.procedure == "small_claims" and civil) or (facts.procedure == "simple" and (civil or
                                                                                               administrative))):
        failures.append(Failure(Condition.PROCEDURE, "异步庭审仅适用于小额诉讼案件或适用简易程序的民事、行政案件"
                                                     "（在线诉讼规则第20条第2款）"))
    if not facts.hardship.strip():
        failures.append(Failure(Condition.HARDSHIP, "法官尚未认定各方当事人同时在线参加庭审确有困难"))
    if not facts.applied_in_writing:
        failures.append(Failure(Condition.APPLICATION, "尚无一方当事人书面申请异步审理"))
    refused = [name for name in facts.parties if name in facts.refused]
    waiting = [name for name in facts.parties if name not in facts.consented and name not in facts.refused]
    if refused:
        failures.append(Failure(Condition.CONSENT, f"{'、'.join(refused)}不同意异步审理"))
    if waiting:
        failures.append(Failure(Condition.CONSENT, f"{'、'.join(waiting)}尚未表示是否同意异步审理"))
    if facts.submitted_items == 0:
        failures.append(Failure(Condition.EXCHANGED, "尚未进行在线证据交换，无从认定主要事实和证据无争议"))
    if facts.unexamined:
        failures.append(Failure(Condition.EXAMINED, f"以下证据尚未经对方质证：{'、'.join(facts.unexamined)}"))
    if facts.disputed:
        failures.append(Failure(Condition.UNDISPUTED, f"以下证据存在争议：{'、'.join(facts.disputed)}"))
    return failures


# ---------------------------------------------------------------- stages


def check_questions(questions: Sequence[str]) -> list[str]:
    kept = [q.strip() for q in questions if q.strip()]
    if not kept:
        raise InvalidInput("请至少列出一个问题", field="questions")
    if len(kept) > QUESTIONS_MAX:
        raise InvalidInput(f"每个阶段的问题不超过{QUESTIONS_MAX}个，本次{len(kept)}个", field="questions")
    too_long = [n for n, q in enumerate(kept, start=1) if len(q) > QUESTION_MAX]
    if too_long:
        raise InvalidInput(f"第{too_long[0]}个问题超过{QUESTION_MAX}字", field="questions")
    return kept


def check_window(*, now: datetime, closes_at: datetime) -> None:
    """The window runs from its opening (now) to closes_at: at least an hour, at most 30 days."""
    if closes_at - now < WINDOW_MIN:
        raise InvalidInput("答复截止时间应至少在开启后1小时", field="closes_at")
    if closes_at - now > WINDOW_MAX:
        raise InvalidInput(f"答复期限不超过{WINDOW_MAX.days}日", field="closes_at")


def check_stage_order(kind: StageKind, *, opened: Sequence[StageKind], running: bool) -> None:
    """One stage at a time, each once, in the order of a hearing; a stage may be left out (质证 done in the
    evidence exchange), never gone back to."""
    if running:
        raise Conflict("上一阶段的答复期限尚未届满，请待其结束或提前结束后再开启下一阶段", field="kind")
    if kind in opened:
        raise Conflict(f"{STAGE_LABELS[kind]}阶段已开启过", field="kind")
    later = [k for k in opened if STAGE_ORDER.index(k) > STAGE_ORDER.index(kind)]
    if later:
        raise Conflict(f"{STAGE_LABELS[later[0]]}阶段已开启，不能再回到{STAGE_LABELS[kind]}阶段", field="kind")


def window_open(*, now: datetime, closes_at: datetime, closed_at: datetime | None) -> bool:
    return closed_at is None and now < closes_at


def ended_at(*, closes_at: datetime, closed_at: datetime | None) -> datetime:
    """When the window ended (or will end): its end, or the judge's earlier close."""
    return closed_at if closed_at is not None and closed_at < closes_at else closes_at


def check_early_close(*, now: datetime, closes_at: datetime, everyone_answered: bool) -> None:
    """A judge ends a window early only once every party has answered: no one loses time they were given."""
    if now < closes_at and not everyone_answered:
        raise Conflict("尚有当事人未答复，答复期限届满前不能提前结束本阶段", field="stage_id")


def answers_visible(*, visibility: Visibility, now: datetime, closes_at: datetime, closed_at: datetime | None) -> bool:
    """Whether a party reads the other parties' answers of a stage (its own it always reads)."""
    return visibility == Visibility.IMMEDIATE or not window_open(now=now, closes_at=closes_at, closed_at=closed_at)


def check_may_record(stages: Sequence[tuple[StageKind, bool]]) -> None:
    """The record is assembled once some stage was heard and none is still running ((kind, still open) pairs)."""
    if not stages:
        raise Conflict("尚未开启任何审理阶段，无法生成笔录", field="record")
    running = [STAGE_LABELS[kind] for kind, still_open in stages if still_open]
    if running:
        raise Conflict(f"{'、'.join(running)}阶段的答复期限尚未届满", field="record")
