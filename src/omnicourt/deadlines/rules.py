"""The basic trial deadline (审理期限) of civil cases and how close a case is to it.

Lengths: 《民事诉讼法》(2023) arts 152, 164, 168, 183, 187; counting from the day after filing:
《最高人民法院关于严格执行案件审理期限制度的若干规定》(2000) art. 8, 民诉法解释 art. 125, CPL art. 85(2).
Not yet here: extensions, periods not counted (扣除审限), holiday roll-over (court-rules.md §2.2).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from omnicourt.errors import InvalidInput

CPL = "《民事诉讼法》"
TIME_LIMIT_RULE = "《最高人民法院关于严格执行案件审理期限制度的若干规定》"
COUNTING = f"自立案次日起计算（{TIME_LIMIT_RULE}第八条）"


@dataclass(frozen=True)
class TrialPeriod:
    """A basic deadline length: `months` calendar months or `days` days, with its source."""

    months: int = 0
    days: int = 0
    source: str = ""


# (case_type, procedure) → period; procedure None: any procedure of that case type.
# 'fast_track' (速裁) is not a CPL procedure: civil fast-track cases run under simple procedure.
CIVIL_PERIODS: dict[tuple[str, str | None], TrialPeriod] = {
    ("民初", "ordinary"): TrialPeriod(
        months=6, source=f"适用普通程序审理的案件，应当在立案之日起六个月内审结（{CPL}第一百五十二条）"
    ),
    ("民初", "simple"): TrialPeriod(
        months=3, source=f"适用简易程序审理的案件，应当在立案之日起三个月内审结（{CPL}第一百六十四条）"
    ),
    ("民初", "fast_track"): TrialPeriod(
        months=3, source=f"速裁案件适用简易程序，应当在立案之日起三个月内审结（{CPL}第一百六十四条）"
    ),
    ("民初", "small_claims"): TrialPeriod(
        months=2, source=f"适用小额诉讼的程序审理的案件，应当在立案之日起两个月内审结（{CPL}第一百六十八条）"
    ),
    ("民终", None): TrialPeriod(
        months=3,
        source=f"审理对判决的上诉案件，应当在第二审立案之日起三个月内审结（{CPL}第一百八十三条第一款）",
    ),
    ("民特", None): TrialPeriod(
        days=30, source=f"适用特别程序审理的案件，应当在立案之日起三十日内审结（{CPL}第一百八十七条）"
    ),
}
FOREIGN_RELATED_SOURCE = (
    f"人民法院审理涉外民事案件的期间，不受本法第一百五十二条、第一百八十三条规定的限制（{CPL}第二百八十七条）"
)
PROCEDURES = ("ordinary", "simple", "small_claims", "fast_track")
STATUSES = ("normal", "warning", "overdue")


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: date | None  # the last day on which the case may be closed; None: no deadline
    days_used: int  # days counted so far (day 1 = the day after filing)
    days_left: int | None  # days after today up to the deadline; 0 on the last day; negative when overdue
    status: str  # 'normal' | 'warning' | 'overdue'
    warn_threshold: int | None  # the smallest warning threshold reached (e.g. 7 when 5 days are left)
    source: str  # Chinese: the length, its article, and the counting rule


def add_months(d: date, months: int) -> date:
    """Calendar-month addition clamped to the month's end: 1-31 + 1 month → 2-28 (or 2-29).

    The texts do not define month arithmetic (court-rules.md §2.2, [U]); this is the
    recommended calendar-month reading, also that of CPL art. 85(2)'s "期间以时、日、月、年计算".
    """
    return d + relativedelta(months=months)


def _period(procedure: str, case_type: str) -> TrialPeriod:
    if procedure not in PROCEDURES:
        raise InvalidInput(f"未知的审理程序：{procedure}", field="procedure")
    period = CIVIL_PERIODS.get((case_type, procedure)) or CIVIL_PERIODS.get((case_type, None))
    if period is None:
        supported = "、".join(sorted({case for case, _ in CIVIL_PERIODS}))
        raise InvalidInput(
            f"暂不支持计算「{case_type}」案件的审理期限（目前支持：{supported}）", field="case_type"
        )
    return period


def basic_trial_deadline(
    *, filed_on: date, procedure: str, case_type: str = "民初", foreign_related: bool = False
) -> date | None:
    """The last day of the basic (unextended) civil trial deadline, or None if there is none.

    Lengths: ordinary 6 months (CPL art. 152), simple 3 months (art. 164; fast-track civil
    cases run under simple procedure), small claims 2 months (art. 168), 民终 3 months (art.
    183(1)), 民特 30 days (art. 187); foreign-related cases have none (art. 287).
    Counting: the period runs from the day after filing (2000 审限规定 art. 8; CPL art. 85(2)),
    so day 1 is filed_on + 1 and the last day is the same calendar day n months later:
    deadline = add_months(filed_on, n) (clamped to the month's end), or filed_on + n days.
    Filed 2026-01-31, simple procedure → 2026-04-30.
    """
    period = _period(procedure, case_type)
    if foreign_related:
        return None
    if period.days:
        return filed_on + timedelta(days=period.days)
    return add_months(filed_on, period.months)


def deadline_status(
    *,
    filed_on: date,
    procedure: str,
    today: date,
    case_type: str = "民初",
    foreign_related: bool = False,
    warn_days: tuple[int, ...] = (30, 15, 7, 3),
) -> DeadlineStatus:
    """Where a case stands against its basic trial deadline (审限预警 / 超审限).

    'overdue' once today is after the deadline; 'warning' when days_left is at most the
    largest of `warn_days`; otherwise 'normal'. Cases without a deadline (foreign-related,
    CPL art. 287) are always 'normal'. Suspensions and extensions are not yet applied.
    """
    if today < filed_on:
        raise InvalidInput("立案日期不能晚于今天", field="filed_on")
    days_used = (today - filed_on).days
    period = _period(procedure, case_type)
    if foreign_related:
        return DeadlineStatus(None, days_used, None, "normal", None, FOREIGN_RELATED_SOURCE)
    deadline = basic_trial_deadline(filed_on=filed_on, procedure=procedure, case_type=case_type)
    days_left = (deadline - today).days
    reached = [threshold for threshold in warn_days if days_left <= threshold]
    if days_left < 0:
        status = "overdue"
    elif reached:
        status = "warning"
    else:
        status = "normal"
    return DeadlineStatus(
        deadline=deadline,
        days_used=days_used,
        days_left=days_left,
        status=status,
        warn_threshold=min(reached) if reached and days_left >= 0 else None,
        source=f"{period.source}；{COUNTING}",
    )
