"""Trial and enforcement deadlines (审理期限 / 执行期限) of a case from its events: court-rules.md §2.

Pure: the table of lengths (periods.PeriodTable, from data/deadlines/periods.csv), the holiday calendar and
`today` are passed in. Only the two legacy helpers `basic_trial_deadline` / `deadline_status` fall back to the
default table when none is given.

Counting: day 1 is the day after filing (2000 审限规定 art. 8; 民诉法解释 arts 125, 128; CPL art. 85(2)), so the
last day of an n-month period is add_months(filed_on, n) [U: month arithmetic, §2.2]. Periods not counted (扣除审限,
§2.2) move the deadline by the days they cover, both ends included [U]; overlapping periods count each day once.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from omnicourt.deadlines.calendar import HolidayCalendar, Length, add_months, days_between
from omnicourt.deadlines.periods import SUSPENSION_KINDS, PeriodRule, PeriodTable
from omnicourt.errors import InvalidInput

TIME_LIMIT_RULE = "《最高人民法院关于严格执行案件审理期限制度的若干规定》"
EXTENSION_RULE = "《最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定》"
COUNTING = f"自立案次日起计算（{TIME_LIMIT_RULE}第八条；《民事诉讼法》第八十五条第二款）"
FOREIGN_RELATED_SOURCE = (
    "人民法院审理涉外民事案件的期间，不受本法第一百五十二条、第一百八十三条规定的限制（《民事诉讼法》第二百八十七条）"
)
ROLL_OVER_SOURCE = ("期间的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期"
                     "（《民事诉讼法》第八十五条第三款；是否适用于审限未经核实）")
STATUSES = ("normal", "warning", "suspended", "overdue")
RESTART_CAUSES = {
    "remand": ("发回重审，原审人民法院重新计算审理期限",
               f"{TIME_LIMIT_RULE}第六条；《刑事诉讼法》第二百四十一条"),
    "supplementary_investigation": ("补充侦查完毕移送人民法院后，重新计算审理期限", "《刑事诉讼法》第二百零八条第三款"),
    "jurisdiction_change": ("改变管辖的案件，从改变后的人民法院收到案件之日起计算审理期限",
                            "《刑事诉讼法》第二百零八条第二款"),
}
# Where a converted case's deadline counts from, by family: (from the original filing?, source).
CONVERSION_COUNTING = {
    "civil": (True, "案件转为普通程序审理的，审理期限自人民法院立案之日计算（《民诉法解释》第二百五十八条）"),
    "administrative": (True, "转为普通程序审理的，审理期限自立案之日起计算（《行诉解释》第一百零五条）"),
    "criminal": (False,
                 "转为普通程序审理的，审理期限自作出决定之日起计算（《刑诉解释》第三百六十八条）[U：未核对原文]"),
}
CONVERSIONS = {("simple", "ordinary"), ("small_claims", "ordinary"), ("small_claims", "simple"),
               ("fast_track", "ordinary"), ("fast_track", "simple")}
FAMILY_NAMES = {"civil": "民事", "criminal": "刑事", "administrative": "行政", "enforcement": "执行",
                "bankruptcy": "破产"}
HEARING_POSTPONEMENT_LIMITS = {"ordinary": 2, "simple": 1, "small_claims": 1, "fast_track": 1}


# ---------------------------------------------------------------- events


@dataclass(frozen=True)
class Suspension:
    """A period not counted (扣除审限) of one of periods.SUSPENSION_KINDS; ends_on None: still running."""

    kind: str
    starts_on: date
    ends_on: date | None = None
    reason: str = ""
    approved: bool = True
    approver: str | None = None


@dataclass(frozen=True)
class Extension:
    """An extension (延长审限); approver None: the one the chain requires. Undated: granted at the current deadline."""

    length: Length
    approved: bool = True
    approver: str | None = None
    applied_on: date | None = None
    decided_on: date | None = None
    reason: str = ""


@dataclass(frozen=True)
class ProcedureConversion:
    """A ruling converting the procedure (简易转普通, 小额转简易 ...)."""

    ruled_on: date
    to_procedure: str = "ordinary"
    reason: str = ""


@dataclass(frozen=True)
class Restart:
    """The deadline counts anew from `restarted_on`: remand (发回重审), supplementary investigation, change of court."""

    restarted_on: date
    cause: str = "remand"
    procedure: str | None = None  # None: keep the procedure
    reason: str = ""


DeadlineEvent = Suspension | Extension | ProcedureConversion | Restart


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Adjustment:
    """One line of the explanation: what moved the deadline, by how many days, why and under which article."""

    kind: str  # base / suspension / extension / conversion / restart / holiday_roll_over
    starts_on: date | None  # the period concerned: counted, not counted or added (a conversion: its ruling date)
    ends_on: date | None  # None: still running, or not a period
    days_added: int  # calendar days the deadline moved; 0 when not applied
    deadline: date | None  # the deadline after this adjustment
    reason: str
    source: str
    applied: bool = True


@dataclass(frozen=True)
class NextExtension:
    """What the next extension would need: its approver, longest length, and the dates to apply and decide by."""

    approver: str
    approver_name: str
    longest: Length | None
    apply_by: date | None
    decide_by: date | None
    source: str


@dataclass(frozen=True)
class Evaluation:
    rule: PeriodRule  # the row in force (after conversions and restarts)
    procedure: str
    counting_from: date  # day 1
    basic_deadline: date | None
    deadline: date | None  # the last day on which the case may be closed; None: no time limit
    days_used: int  # counted days up to today (suspended days excluded)
    days_left: int | None  # counted days after today up to the deadline; negative when overdue
    suspended_days: int  # days not counted, each day once
    status: str  # one of STATUSES
    warn_threshold: int | None
    adjustments: tuple[Adjustment, ...]
    irregularities: tuple[str, ...]  # Chinese: late applications or decisions, periods recorded after expiry ...
    extensions_granted: int
    next_extension: NextExtension | None
    source: str


# ---------------------------------------------------------------- pure checks


def check_extension_application(applied_on: date, current_deadline: date, *, lead_days: int = 15) -> str | None:
    """The refusal reason of a late extension application, or None when it is in time.

    The judge or panel applies at least 15 days before the deadline (延审规定 2018/2019 art. 1; the 2000 rule's
    10 days are superseded, its art. 9); 刑诉解释 art. 210 uses the same 15 days.
    """
    latest = current_deadline - timedelta(days=lead_days)
    if applied_on > current_deadline:
        return f"审限已于{current_deadline.isoformat()}届满，不能再申请延长"
    if applied_on > latest:
        return (f"延长审限应当在审限届满{lead_days}日前（{latest.isoformat()}或之前）提出申请，"
                f"本申请于{applied_on.isoformat()}提出（{EXTENSION_RULE}第一条）")
    return None


def check_extension_decision(decided_on: date, current_deadline: date, *, lead_days: int = 5) -> str | None:
    """The reason a decision on an extension is late, or None: it is made at least 5 days before the deadline
    (延审规定 2018/2019 art. 1; 刑诉解释 art. 210 for refusals)."""
    latest = current_deadline - timedelta(days=lead_days)
    if decided_on > current_deadline:
        return f"延长审限的决定于{decided_on.isoformat()}作出，审限已于{current_deadline.isoformat()}届满"
    if decided_on > latest:
        return (f"延长审限的决定应当在审限届满{lead_days}日前（{latest.isoformat()}或之前）作出，"
                f"实际于{decided_on.isoformat()}作出（{EXTENSION_RULE}第一条）")
    return None


def check_conversion(ruled_on: date, current_deadline: date) -> str | None:
    """The reason a conversion ruling is late, or None: it is made before the current deadline expires
    (民诉法解释 art. 258)."""
    if ruled_on > current_deadline:
        return (f"转换程序的裁定应当在审理期限届满前作出，审限已于{current_deadline.isoformat()}届满，"
                f"裁定于{ruled_on.isoformat()}作出（《民诉法解释》第二百五十八条）")
    return None


def check_hearing_postponement(*, procedure: str, postponements_so_far: int, previous_hearing_on: date,
                               next_hearing_on: date, force_majeure: bool = False,
                               parties_agree: bool = False) -> str | None:
    """The refusal reason of one more postponement (延期开庭), or None when it is allowed.

    延审规定 2018/2019 [V, article not recorded in court-rules.md §2.1]: ordinary procedure at most 2 postponements,
    simple procedure and small claims at most 1; the next hearing at most one month after the previous one unless
    force majeure or the parties agree.
    """
    if procedure not in HEARING_POSTPONEMENT_LIMITS:
        raise InvalidInput(f"未知的审理程序：{procedure}", field="procedure")
    if next_hearing_on < previous_hearing_on:
        raise InvalidInput("延期后的开庭日期不能早于原开庭日期", field="next_hearing_on")
    limit = HEARING_POSTPONEMENT_LIMITS[procedure]
    if postponements_so_far >= limit:
        return f"该程序的案件延期开庭以{limit}次为限，已延期{postponements_so_far}次（{EXTENSION_RULE}）"
    latest = add_months(previous_hearing_on, 1)
    if next_hearing_on > latest and not (force_majeure or parties_agree):
        return (f"两次开庭间隔不得超过一个月（应不晚于{latest.isoformat()}），"
                f"因不可抗力或者当事人同意的除外（{EXTENSION_RULE}）")
    return None


# ---------------------------------------------------------------- the engine


def _interval_days(intervals: Sequence[tuple[date, date]], first: date, last: date) -> int:
    """Days of [first, last] covered by the union of the intervals (each day once)."""
    covered, reached = 0, first - timedelta(days=1)
    for start, end in sorted(intervals):
        start, end = max(start, reached + timedelta(days=1)), min(end, last)
        covered += days_between(start, end)
        reached = max(reached, end)
    return covered


def _event_date(event: DeadlineEvent) -> date | None:
    if isinstance(event, Suspension):
        return event.starts_on
    if isinstance(event, Extension):
        return event.decided_on or event.applied_on
    if isinstance(event, ProcedureConversion):
        return event.ruled_on
    return event.restarted_on


EVENT_ORDER = {Restart: 0, ProcedureConversion: 1, Suspension: 2, Extension: 3}


def _length_of(rule: PeriodRule) -> Length:
    """The rule's length; a row without one (no time limit) is answered before anything is counted from it."""
    if rule.length is None:
        raise InvalidInput(f"{rule.name}不受审理期限限制，没有可计算的期限", field="procedure")
    return rule.length


class _Replay:
    """Applies a case's events in date order to its deadline; the state of one evaluate() call."""

    def __init__(self, *, table: PeriodTable, rule: PeriodRule, procedure: str, filed_on: date, today: date):
        self.table, self.today = table, today
        self.adjustments: list[Adjustment] = []
        self.irregularities: list[str] = []
        self._start(rule, procedure, filed_on)
        self.basic_deadline = self.deadline
        self.adjustments.append(Adjustment(
            "base", filed_on + timedelta(days=1), self.deadline, 0, self.deadline,
            f"{rule.name}：{rule.length}，{COUNTING}", rule.source))

    def _start(self, rule: PeriodRule, procedure: str, started_on: date) -> None:
        self.rule, self.procedure, self.started_on = rule, procedure, started_on
        self.deadline = _length_of(rule).after(started_on)
        self.suspended: list[tuple[date, date]] = []
        self.extensions_granted = 0

    def _record(self, kind: str, starts_on, ends_on, before: date, reason: str, source: str,
                applied: bool = True) -> None:
        self.adjustments.append(Adjustment(kind, starts_on, ends_on, (self.deadline - before).days, self.deadline,
                                           reason, source, applied))

    def suspend(self, event: Suspension) -> None:
        kind = SUSPENSION_KINDS[event.kind]
        if event.starts_on <= self.started_on:
            raise InvalidInput(f"扣除期间「{kind.name}」应当在立案之后开始", field="suspension")
        ends_on = event.ends_on or self.today
        if event.ends_on is not None and event.ends_on < event.starts_on:
            raise InvalidInput(f"扣除期间「{kind.name}」的结束日期早于开始日期", field="suspension")
        before, label = self.deadline, f"扣除{kind.name}" + (f"：{event.reason}" if event.reason else "")
        if not event.approved:
            self._record("suspension", event.starts_on, event.ends_on, before, f"{label}（未经批准，不予扣除）",
                         kind.source, applied=False)
            return
        if event.starts_on > self.deadline:
            self.irregularities.append(f"扣除期间「{kind.name}」自{event.starts_on.isoformat()}开始，"
                                       f"晚于审限届满日{self.deadline.isoformat()}，不予扣除")
            self._record("suspension", event.starts_on, event.ends_on, before, f"{label}（审限届满后开始，不予扣除）",
                         kind.source, applied=False)
            return
        covered_until = max((end for _, end in self.suspended), default=self.started_on)
        self.deadline += timedelta(days=days_between(max(event.starts_on, covered_until + timedelta(days=1)),
                                                     ends_on))
        self.suspended.append((event.starts_on, ends_on))
        running = "（尚未结束，计至今日）" if event.ends_on is None else ""
        self._record("suspension", event.starts_on, event.ends_on, before, label + running, kind.source)

    def extend(self, event: Extension) -> None:
        rule, before, number = self.rule, self.deadline, self.extensions_granted + 1
        step = rule.extension_step(self.extensions_granted)
        label = f"第{number}次延长审限{event.length}" + (f"：{event.reason}" if event.reason else "")
        dates = "".join(f"，{name}{on.isoformat()}" for name, on in (("申请于", event.applied_on),
                                                                     ("决定于", event.decided_on)) if on)
        if not event.approved:
            self._record("extension", None, None, before, f"{label}（未获批准，不予延长{dates}）",
                         rule.extension_source, applied=False)
            return
        if step is None:
            raise InvalidInput(f"{rule.name}不能再延长审限（{rule.extension_source}）", field="extension")
        if step.longest is not None and event.length.after(before) > step.longest.after(before):
            raise InvalidInput(f"{rule.name}第{number}次延长审限最长{step.longest}（{rule.extension_source}）",
                               field="extension")
        if event.approver not in (None, step.approver):
            self.irregularities.append(f"第{number}次延长审限应当由{step.approver_name}批准")
            self._record("extension", None, None, before,
                         f"{label}（批准主体不符，应由{step.approver_name}批准，不予延长{dates}）",
                         rule.extension_source, applied=False)
            return
        self._check_timing(event, number)
        self.deadline = event.length.after(before)
        self.extensions_granted = number
        self._record("extension", before + timedelta(days=1), self.deadline, before,
                     f"{label}（{step.approver_name}批准{dates}）", rule.extension_source)

    def _check_timing(self, event: Extension, number: int) -> None:
        checks = ((event.applied_on, self.rule.apply_before_days, check_extension_application),
                  (event.decided_on, self.rule.decide_before_days, check_extension_decision))
        for on, lead_days, check in checks:
            if on is None:
                continue
            if on > self.deadline:
                self.irregularities.append(f"第{number}次延长审限：{check(on, self.deadline, lead_days=0)}")
            elif lead_days is not None and (reason := check(on, self.deadline, lead_days=lead_days)):
                self.irregularities.append(f"第{number}次延长审限：{reason}")

    def convert(self, event: ProcedureConversion) -> None:
        family = self.rule.family
        if family not in CONVERSION_COUNTING:
            raise InvalidInput("该类案件不适用程序转换", field="conversion")
        if (self.procedure, event.to_procedure) not in CONVERSIONS:
            raise InvalidInput(f"不能由 {self.procedure} 程序转为 {event.to_procedure} 程序", field="conversion")
        if reason := check_conversion(event.ruled_on, self.deadline):
            self.irregularities.append(reason)
        from_filing, source = CONVERSION_COUNTING[family]
        if event.ruled_on <= self.started_on:
            raise InvalidInput("转换程序的裁定日期应当在立案之后", field="conversion")
        rule = self.table.find(case_type=self.rule.case_type, procedure=event.to_procedure)
        before, kept = self.deadline, list(self.suspended) if from_filing else []
        self._start(rule, event.to_procedure, self.started_on if from_filing else event.ruled_on)
        self.suspended = kept
        if kept:
            self.deadline += timedelta(days=_interval_days(kept, self.started_on, max(end for _, end in kept)))
        self._record("conversion", event.ruled_on, None, before,
                     f"转为{rule.name}（{rule.length}）" + (f"：{event.reason}" if event.reason else ""),
                     f"{source}；{rule.source}")

    def restart(self, event: Restart) -> None:
        if event.cause not in RESTART_CAUSES:
            raise InvalidInput(f"未知的重新计算审限事由：{event.cause}", field="restart")
        procedure = event.procedure or self.procedure
        if event.cause == "remand" and self.rule.family == "civil" and procedure != "ordinary":
            raise InvalidInput("发回重审的案件不得适用简易程序（《民诉法解释》第二百五十七条）", field="procedure")
        reason, source = RESTART_CAUSES[event.cause]
        rule = self.table.find(case_type=self.rule.case_type, procedure=procedure, variant=self.rule.variant or None)
        before = self.deadline
        self._start(rule, procedure, event.restarted_on)
        self._record("restart", event.restarted_on + timedelta(days=1), None, before,
                     reason + (f"：{event.reason}" if event.reason else ""), f"{source}；{rule.source}")

    def roll_over(self, holidays: HolidayCalendar | None) -> None:
        """Move a last day that is a statutory day off to the next working day (CPL art. 85(3); [U] for 审限)."""
        if holidays is None:
            raise ValueError("roll_over_holidays needs a HolidayCalendar")
        before = self.deadline
        self.deadline = holidays.next_working_day(before)
        if self.deadline != before:
            self._record("holiday_roll_over", before, self.deadline, before,
                         f"审限最后一日{before.isoformat()}为法定休假日，顺延至{self.deadline.isoformat()}",
                         ROLL_OVER_SOURCE)

    def apply(self, event: DeadlineEvent) -> None:
        if isinstance(event, Suspension):
            self.suspend(event)
        elif isinstance(event, Extension):
            self.extend(event)
        elif isinstance(event, ProcedureConversion):
            self.convert(event)
        else:
            self.restart(event)


def _replay_all(replay: _Replay, events: Sequence[DeadlineEvent]) -> None:
    """Dated events in date order; an undated extension takes effect when the deadline it extends is reached."""
    dated = sorted(((on, e) for e in events if (on := _event_date(e)) is not None),
                   key=lambda dated_event: (dated_event[0], EVENT_ORDER[type(dated_event[1])]))
    undated = [e for e in events if isinstance(e, Extension) and _event_date(e) is None]  # only these go undated
    for on, event in dated:
        while undated and on > replay.deadline:
            replay.extend(undated.pop(0))
        replay.apply(event)
    for event in undated:
        replay.extend(event)


def _check_events(events: Sequence[DeadlineEvent], family: str) -> None:
    for event in events:
        if not isinstance(event, Suspension):
            continue
        kind = SUSPENSION_KINDS.get(event.kind)
        if kind is None:
            raise InvalidInput(f"未知的扣除审限事由：{event.kind}（可选：{'、'.join(SUSPENSION_KINDS)}）",
                               field="suspension")
        if family not in kind.families:
            raise InvalidInput(f"扣除事由「{kind.name}」不适用于{FAMILY_NAMES[family]}案件（{kind.source}）",
                               field="suspension")



def _status(*, today: date, deadline: date, days_left: int, suspended_today: bool,
            warn_days: Sequence[int]) -> tuple[str, int | None]:
    reached = [threshold for threshold in warn_days if days_left <= threshold]
    if today > deadline:
        return "overdue", None
    if suspended_today:
        return "suspended", None
    if reached:
        return "warning", min(reached)
    return "normal", None


def _no_time_limit_source(rule: PeriodRule, foreign_related: bool) -> str | None:
    """Why a case has no deadline (CPL art. 287 for foreign-related civil cases; none in the table), or None."""
    if foreign_related:
        if rule.family != "civil":
            raise InvalidInput("不受审限限制的涉外案件仅指涉外民事案件（《民事诉讼法》第二百八十七条）",
                               field="foreign_related")
        return FOREIGN_RELATED_SOURCE
    return rule.source if rule.length is None else None


def evaluate(*, case_type: str, procedure: str, filed_on: date, today: date, table: PeriodTable,
             events: Sequence[DeadlineEvent] = (), variant: str | None = None, foreign_related: bool = False,
             holidays: HolidayCalendar | None = None, roll_over_holidays: bool = False,
             warn_days: Sequence[int] = (30, 15, 7, 3)) -> Evaluation:
    """A case's deadline, counted days used and left, and status on `today`, with every adjustment explained.

    Lengths from the table (CPL arts 152, 164, 168, 183, 187; 刑诉法 arts 208, 212, 220, 225, 243, 258; 行诉法 arts
    81, 83, 88; 行诉解释 art. 160; 2000 审限规定 art. 5). Periods not counted: 2000 rule art. 9, 民诉法解释 art. 243,
    行诉解释 art. 50 (§2.2). Extensions follow the table's chain (CPL art. 152: the president, then the higher court).
    A conversion counts from the original filing (民诉法解释 art. 258); a restart from its own date (2000 rule art. 6;
    刑诉法 art. 208). Holiday roll-over (CPL art. 85(3)) only when asked: whether it applies to 审限 is [U].
    Status: 'overdue' after the deadline; 'suspended' while a counted period runs on `today`; 'warning' when the
    counted days left are at most max(warn_days); else 'normal'.
    """
    if today < filed_on:
        raise InvalidInput("立案日期不能晚于今天", field="filed_on")
    rule = table.find(case_type=case_type, procedure=procedure, variant=variant)
    _check_events(events, rule.family)
    if (source := _no_time_limit_source(rule, foreign_related)) is not None:
        return Evaluation(rule, procedure, filed_on + timedelta(days=1), None, None, (today - filed_on).days, None, 0,
                          "normal", None, (), (), 0, None, source)
    replay = _Replay(table=table, rule=rule, procedure=procedure, filed_on=filed_on, today=today)
    _replay_all(replay, events)
    if roll_over_holidays:
        replay.roll_over(holidays)
    return _evaluation(replay, today, warn_days)


def _evaluation(replay: _Replay, today: date, warn_days: Sequence[int]) -> Evaluation:
    start, deadline, suspended = replay.started_on, replay.deadline, replay.suspended
    days_used = (today - start).days - _interval_days(suspended, start, today)
    days_left = (deadline - today).days - _interval_days(suspended, today + timedelta(days=1), deadline)
    suspended_today = any(first <= today <= last for first, last in suspended)
    status, threshold = _status(today=today, deadline=deadline, days_left=days_left,
                                suspended_today=suspended_today, warn_days=warn_days)
    rule = replay.rule
    return Evaluation(
        rule=rule, procedure=replay.procedure, counting_from=start + timedelta(days=1),
        basic_deadline=replay.basic_deadline, deadline=deadline, days_used=days_used, days_left=days_left,
        suspended_days=_interval_days(suspended, start, deadline), status=status, warn_threshold=threshold,
        adjustments=tuple(replay.adjustments), irregularities=tuple(replay.irregularities),
        extensions_granted=replay.extensions_granted, next_extension=next_extension(rule, replay.extensions_granted,
                                                                                   deadline),
        source=f"{rule.source}；{COUNTING}",
    )


def next_extension(rule: PeriodRule, extensions_granted: int, deadline: date) -> NextExtension | None:
    """What the next extension of a case needs (approver, longest length, apply-by and decide-by dates), or None
    when the chain is exhausted; the lead days come from the table (延审规定 art. 1, 刑诉解释 art. 210)."""
    step = rule.extension_step(extensions_granted)
    if step is None:
        return None
    return NextExtension(
        approver=step.approver, approver_name=step.approver_name, longest=step.longest,
        apply_by=deadline - timedelta(days=rule.apply_before_days) if rule.apply_before_days is not None else None,
        decide_by=deadline - timedelta(days=rule.decide_before_days) if rule.decide_before_days is not None else None,
        source=rule.extension_source,
    )


# ---------------------------------------------------------------- bankruptcy milestones


@dataclass(frozen=True)
class Milestone:
    key: str
    name: str
    counted_from: str
    counted_from_on: date
    due_on: date
    latest_with_extension: date | None  # with the longest extension of the first step, if any
    source: str
    tag: str


def bankruptcy_milestones(*, table: PeriodTable, anchors: Mapping[str, date]) -> tuple[Milestone, ...]:
    """The statutory milestones of a bankruptcy case whose anchor date is known (企业破产法 arts 10, 11, 14, 45, 79;
    fast-track 6 months [S]); anchors: e.g. {'acceptance': d, 'announcement': d}. There is no overall deadline."""
    rows = table.milestones("破")
    known = {row.counted_from for row in rows}
    if unknown := set(anchors) - known:
        raise InvalidInput(f"未知的起算事件：{'、'.join(sorted(unknown))}（可选：{'、'.join(sorted(known))}）",
                           field="anchors")
    milestones = []
    for row in rows:
        if row.counted_from not in anchors:
            continue
        anchor = anchors[row.counted_from]
        due_on = _length_of(row).after(anchor)
        longest = row.extensions[0].longest if row.extensions else None
        milestones.append(Milestone(row.variant, row.name, row.counted_from, anchor, due_on,
                                    longest.after(due_on) if longest else None, row.source, row.source_tag))
    return tuple(sorted(milestones, key=lambda m: m.due_on))


# ---------------------------------------------------------------- the basic civil deadline (legacy helpers)


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: date | None  # the last day on which the case may be closed; None: no deadline
    days_used: int  # days counted so far (day 1 = the day after filing)
    days_left: int | None  # days after today up to the deadline; 0 on the last day; negative when overdue
    status: str  # 'normal' | 'warning' | 'overdue'
    warn_threshold: int | None  # the smallest warning threshold reached (e.g. 7 when 5 days are left)
    source: str  # Chinese: the length, its article, and the counting rule


def _table_or_default(table: PeriodTable | None) -> PeriodTable:
    if table is not None:
        return table
    from omnicourt.deadlines.calculator import default_table  # calculator imports this module

    return default_table()


def basic_trial_deadline(*, filed_on: date, procedure: str, case_type: str = "民初", foreign_related: bool = False,
                         table: PeriodTable | None = None) -> date | None:
    """The last day of the basic (unextended) deadline, or None if there is none (CPL art. 287; 破).

    Filed 2026-01-31, simple procedure → 2026-04-30 (CPL art. 164; counting from the day after filing, 2000 审限规定
    art. 8). `table` None: data/deadlines/periods.csv.
    """
    rule = _table_or_default(table).find(case_type=case_type, procedure=procedure)
    if _no_time_limit_source(rule, foreign_related) is not None:
        return None
    return _length_of(rule).after(filed_on)


def deadline_status(*, filed_on: date, procedure: str, today: date, case_type: str = "民初",
                    foreign_related: bool = False, warn_days: tuple[int, ...] = (30, 15, 7, 3),
                    table: PeriodTable | None = None) -> DeadlineStatus:
    """Where a case stands against its basic deadline (审限预警 / 超审限), without events: see `evaluate`."""
    result = evaluate(case_type=case_type, procedure=procedure, filed_on=filed_on, today=today,
                      table=_table_or_default(table), foreign_related=foreign_related, warn_days=warn_days)
    return DeadlineStatus(result.deadline, result.days_used, result.days_left, result.status, result.warn_threshold,
                          result.source)

