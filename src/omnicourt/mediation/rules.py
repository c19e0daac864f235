"""The law of online mediation as pure functions: time limits, the mediator's acceptance, the agreement taking
effect. Sources: 《人民法院在线调解规则》 (2022, court-rules-2.md §4.1), 《最高人民法院关于人民法院特邀调解的规定》
(2016, §4.2), court-rules.md §8.3 and §2.2."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from omnicourt.deadlines.calendar import HolidayCalendar
from omnicourt.errors import Conflict, InvalidInput

KINDS = {"pre_filing": "诉前委派调解", "entrusted": "委托调解"}
ORGANISATION_KINDS = {"people": "人民调解委员会", "industry": "行业调解组织", "bank": "银行业纠纷调解中心",
                      "lawyers": "律师调解工作室", "other": "其他调解组织"}
MEDIATOR_STATUSES = {"active": "在册", "suspended": "暂停"}
STATUS_LABELS = {"waiting": "待调解员接受", "returned": "已退回法院", "in_progress": "调解中",
                 "settled": "调解成功", "failed": "调解不成", "withdrawn": "已撤回"}
OPEN_STATUSES = ("waiting", "returned", "in_progress")
EVENT_LABELS = {"applied": "申请调解", "entrusted": "委托调解", "assigned": "指定调解员", "accepted": "调解员接受",
                "returned": "退回法院", "message": "留言", "proposed": "调解方案", "signed": "签署协议",
                "settled": "达成协议", "extended": "延长调解期限", "failed": "调解不成", "withdrawn": "撤回调解",
                "handed_over": "转为立案", "async_consent": "异步调解意见", "confirmation": "申请司法确认",
                "confirmed": "司法确认"}

# 《特邀调解规定》 art. 27; 在线调解规则 art. 24: 30 days before filing; after it 15 (ordinary) / 7 (simple).
PRE_FILING_DAYS = 30
ENTRUSTED_DAYS = {"ordinary": 15, "simple": 7, "small_claims": 7, "fast_track": 7}
# 在线调解规则: the organisation or mediator confirms acceptance within 3 working days.
ACCEPT_WORKING_DAYS = 3
# The type code of a pre-filing mediation's number (court-rules.md §1.4: 民诉前调, seen in real numbers [S]).
PRE_FILING_TYPE_CODE = "民诉前调"


def mediation_days(kind: str, procedure: str | None) -> int:
    """The mediation's time limit in days: 30 before filing (委派), 15 ordinary / 7 simple after it (委托).

    《特邀调解规定》 art. 27; 《在线调解规则》 art. 24. Small claims and fast-track cases run on simple procedure's
    7 days (a reading: both are simplified procedures) [U].
    """
    if kind == "pre_filing":
        return PRE_FILING_DAYS
    if procedure not in ENTRUSTED_DAYS:
        raise InvalidInput(f"案件的审理程序「{procedure}」不能委托调解", field="procedure")
    return ENTRUSTED_DAYS[procedure]


def mediation_ends_on(accepted_on: date, days: int) -> date:
    """The last day of the limit, counted from the day after the mediator signs for the file (《特邀调解规定》
    art. 27: "自调解员签收材料之日起"; CPL art. 85(2): the day it begins is not counted).

    Accepted 2026-03-02 with 30 days: the last day is 2026-04-01; with 15 days, 2026-03-17.
    """
    return accepted_on + timedelta(days=days)


def accept_by(assigned_on: date, calendar: HolidayCalendar, working_days: int = ACCEPT_WORKING_DAYS) -> date:
    """The last day for the mediator to accept: the 3rd working day after assignment (在线调解规则), weekends and
    statutory holidays skipped, make-up working days (调休) counted.

    Assigned Friday 2026-03-06: Mon 9, Tue 10, Wed 11 → 2026-03-11. Assigned 2025-09-30 (before the National Day
    holiday of 1–8 October): 9, 10 and Saturday 11 October (a make-up working day) → 2025-10-11.
    """
    day, counted = assigned_on, 0
    while counted < working_days:
        day += timedelta(days=1)
        counted += calendar.is_working_day(day)
    return day


@dataclass(frozen=True)
class Extension:
    ends_on: date
    not_counted: tuple[date, date] | None  # the part the trial deadline does not count, first and last day


def extend(*, kind: str, base_ends_on: date, ends_on: date, new_ends_on: date, today: date,
           all_consent: bool) -> Extension:
    """A longer limit with every party's consent (《特邀调解规定》 art. 27; 在线调解规则 art. 24), asked before the
    current limit runs out. For an entrusted mediation, the days past the limit the law gives are not counted in
    the trial deadline (court-rules.md §2.2; deadlines' `entrusted_mediation_extension`).

    Entrusted, ordinary procedure, 15 days ending 2026-03-17, extended to 2026-03-27: days 2026-03-18 to
    2026-03-27 are not counted. A pre-filing mediation is before filing: nothing to take out of a deadline.
    """
    if not all_consent:
        raise InvalidInput("延长调解期限须经各方当事人同意", field="all_consent")
    if today > ends_on:
        raise InvalidInput("调解期限已届满，不能再延长", field="ends_on")
    if new_ends_on <= ends_on:
        raise InvalidInput("延长后的期限应晚于当前届满日", field="ends_on")
    if kind == "entrusted":
        return Extension(new_ends_on, (max(base_ends_on, ends_on) + timedelta(days=1), new_ends_on))
    return Extension(new_ends_on, None)


def agreement_effective(signed_party_ids: set[int], party_ids: set[int]) -> bool:
    """The agreement takes effect when every party has signed it online (在线调解规则 art. 19; 《特邀调解规定》
    art. 24). Agents sign for no one here: only the parties themselves count."""
    return bool(party_ids) and party_ids <= signed_party_ids


def covers(specialities: list[str], cause_code: str) -> bool:
    """A mediator's speciality covers a cause and the causes under it (cont.contract covers cont.contract.sale);
    a mediator with none takes every cause."""
    return not specialities or any(cause_code == s or cause_code.startswith(s + ".") for s in specialities)


def referred(cause_code: str, referred_causes: tuple[str, ...]) -> bool:
    """Whether the court refers this cause to mediation before filing (configured, 在线调解规则 arts 3–4: still
    with the party's consent)."""
    return covers(list(referred_causes), cause_code) if referred_causes else False


def refuse_without_consent(parties: Sequence[tuple[str, bool | None]]) -> None:
    """Asynchronous mediation (each side and the mediator writing at different times) needs every party's consent
    (在线诉讼规则 art. 20(1)); `parties`: each party's name with its answer (None: not yet). Refused naming whoever
    refused, else whoever has not answered; a mediation held live needs no such consent.

    Worked example: 申请人张三 consented, 被申请人李四 has not answered: "被申请人李四尚未同意异步调解…".
    """
    refused = [name for name, answer in parties if answer is False]
    if refused:
        raise Conflict(f"{'、'.join(refused)}不同意异步调解，请由调解员另行组织同步调解"
                       "（在线诉讼规则第二十条第一款）", field="consent")
    waiting = [name for name, answer in parties if answer is None]
    if waiting:
        raise Conflict(f"{'、'.join(waiting)}尚未同意异步调解；异步调解须经各方当事人同意"
                       "（在线诉讼规则第二十条第一款）", field="consent")
# 调解书 (court-rules-2.md §4.4): effective when both parties have signed for it (CPL art. 100), on the last
# signature's date (解释 arts 133, 149); a guarantor or an unconcerned party not signing does not matter (民事调解规定
# arts 9, 12), so the plaintiffs and defendants sign.
STATEMENT_SIGNERS = ("plaintiff", "defendant")
STATEMENT_STATUSES = {"issued": "待当事人签收", "effective": "已生效", "superseded": "已重新制作"}


def statement_effective(signed_party_ids: set[int], required_party_ids: set[int]) -> bool:
    """The statement takes effect with the last of the plaintiffs' and defendants' signatures (CPL art. 100);
    nothing takes effect without both sides."""
    return bool(required_party_ids) and required_party_ids <= signed_party_ids


def median_days(days: list[int]) -> float | None:
    """The median of the days mediations took (from the mediator's acceptance to the end): the middle one, or
    the mean of the two middle ones. [3, 10, 30] → 10; [4, 6, 10, 30] → 8.0; none → None."""
    if not days:
        return None
    ordered, middle = sorted(days), len(days) // 2
    return float(ordered[middle]) if len(days) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def share_before_filing(settled_before_filing: int, cases_filed: int) -> float | None:
    """Of the disputes that ended a period either settled in pre-filing mediation or accepted as first-instance
    civil cases (民初), the share settled before filing: 30 settled and 70 filed → 0.3; none of either → None."""
    total = settled_before_filing + cases_filed
    return settled_before_filing / total if total else None
