"""The law of judicial confirmation of a mediation agreement (司法确认, a 民特 case) as pure functions: the period
to apply, the court to apply to, the matters not accepted and the grounds to refuse. Sources: CPL (2023) arts 205–206;
民诉法解释 (2022) arts 352, 355, 358; 人民调解法 art. 33; 《特邀调解规定》 art. 19 (court-rules-2.md §4.2–4.3)."""

from dataclasses import dataclass
from datetime import date, timedelta

from omnicourt.deadlines.calendar import HolidayCalendar
from omnicourt.errors import InvalidInput

TYPE_CODE = "民特"  # court-rules.md §1.4: 0310–0322 特别程序, incl. 调解协议司法确认
CAUSE_CODE = "nonlit.mediation_confirmation"  # 确认调解协议案件
PROCEDURE = "special"
APPLY_DAYS = 30  # CPL (2023) art. 205; 人民调解法 art. 33
STATUS_LABELS = {"joining": "待各方确认共同申请", "filed": "已立案待审查", "confirmed": "裁定确认有效",
                 "refused": "裁定驳回申请"}

PERIOD_RULE = "《民事诉讼法》第二百零五条：应当自调解协议生效之日起三十日内共同申请司法确认"
COURT_RULE = ("《民事诉讼法》第二百零五条、《最高人民法院关于人民法院特邀调解的规定》第十九条："
              "人民法院邀请调解组织开展先行调解的，向作出邀请的人民法院提出")

# 民诉法解释 (2022) art. 355: applications the court does not accept (only those the platform can see by the cause;
# the others are on the judge's checklist below).
NOT_ACCEPTED_CAUSES = {
    "fam.marriage.invalid_marriage": "确认身份关系",
    "fam.marriage.parentage": "确认身份关系",
    "fam.marriage.adoption": "确认收养关系",
    "prop.protection.confirmation": "涉及物权确权",
}
NOT_ACCEPTED_RULE = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十五条"

# 民诉法解释 (2022) art. 355 (not to be accepted; found on review: the application is refused) and art. 358 (the
# grounds to refuse): the judge's checklist, in the order of the articles.
REFUSAL_GROUNDS = {
    "outside_jurisdiction": "不属于人民法院受理范围（解释第三百五十五条第一项）",
    "personal_status": "确认婚姻关系、亲子关系、收养关系等身份关系（解释第三百五十五条第二项）",
    "other_procedure": "涉及适用其他特别程序、公示催告程序、破产程序审理（解释第三百五十五条第三、四项）",
    "ownership": "涉及物权、知识产权确权（解释第三百五十五条第五项）",
    "mandatory_law": "违反法律强制性规定（解释第三百五十八条第一项）",
    "public_interest": "损害国家利益、社会公共利益、他人合法权益（解释第三百五十八条第二项）",
    "public_order": "违背公序良俗（解释第三百五十八条第三项）",
    "involuntary": "违反自愿原则（解释第三百五十八条第四项）",
    "unclear": "内容不明确（解释第三百五十八条第五项）",
    "other": "其他不能进行司法确认的情形（解释第三百五十八条第六项）",
}


def last_day_to_apply(effective_on: date, calendar: HolidayCalendar) -> date:
    """The last day to apply: 30 days from the agreement taking effect (CPL art. 205), the day it took effect not
    counted (CPL art. 85(2)); a last day that is a holiday rolls to the next working day (CPL art. 85(3)).

    Effective 2026-03-02 (Monday): 2026-04-01 (Wednesday). Effective 2026-09-04: 30 days end on Sunday
    2026-10-04, inside the National Day holiday (1–7 October) → 2026-10-08. In a year the holiday table does not
    cover yet, only weekends roll over (the party is never given less than the law's 30 days).
    """
    last = effective_on + timedelta(days=APPLY_DAYS)
    if last.year in calendar.years:
        return calendar.next_working_day(last)
    while last.weekday() >= 5:  # a year the holiday table does not have yet: weekends only, never shorter
        last += timedelta(days=1)
    return last


def check_period(*, effective_on: date, applied_on: date, calendar: HolidayCalendar) -> date:
    """Refuses an application made after the period, naming the rule; returns the last day."""
    last = last_day_to_apply(effective_on, calendar)
    if applied_on > last:
        raise InvalidInput(f"已超过申请期限：调解协议于{effective_on.isoformat()}生效，最迟应于{last.isoformat()}申请"
                           f"（{PERIOD_RULE}）", field="applied_on")
    return last


def check_court(*, applied_court_id: int, inviting_court_id: int, inviting_court_name: str) -> None:
    """A mediation the court invited (委派调解 on its roster) is confirmed by that court (CPL art. 205; 《特邀调解
    规定》 art. 19); any other court is the wrong one."""
    if applied_court_id != inviting_court_id:
        raise InvalidInput(f"受理法院错误：应向{inviting_court_name}申请（{COURT_RULE}）", field="court_id")


def not_accepted_for_cause(cause_code: str) -> str | None:
    """The art. 355 matter the dispute's cause is, if any (a cause and those under it)."""
    for prefix, matter in NOT_ACCEPTED_CAUSES.items():
        if cause_code == prefix or cause_code.startswith(prefix + "."):
            return f"调解协议{matter}，不予受理（{NOT_ACCEPTED_RULE}）"
    return None


@dataclass(frozen=True)
class Decision:
    confirmed: bool
    grounds: tuple[str, ...]  # codes of REFUSAL_GROUNDS, in its order


def decide(grounds: list[str], reason: str) -> Decision:
    """The judge's ruling from the checklist: no ground found → the agreement is confirmed valid and enforceable
    (CPL art. 206); any ground → the application is refused (解释 art. 358), "other" only with its reason."""
    unknown = [g for g in grounds if g not in REFUSAL_GROUNDS]
    if unknown:
        raise InvalidInput(f"驳回理由无效：{'、'.join(unknown)}", field="grounds")
    if "other" in grounds and not reason.strip():
        raise InvalidInput("选择“其他情形”的，请写明理由", field="reason")
    chosen = tuple(code for code in REFUSAL_GROUNDS if code in grounds)
    return Decision(not chosen, chosen)


def all_joined(joined_party_ids: set[int], party_ids: set[int]) -> bool:
    """A joint application (CPL art. 205: 双方当事人共同申请) is made when every party has confirmed it."""
    return bool(party_ids) and party_ids <= joined_party_ids

