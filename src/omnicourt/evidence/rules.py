"""The law of evidence exchange as pure functions: the evidence period (举证期限), late evidence (逾期举证), the
cross-examination opinion (质证意见) and the judge's finding (认证). Spec: court-rules-2.md §5.1–5.2, court-rules.md
§7 (在线诉讼规则 arts 13–15).

* 证据规定 (amended 2019, in force 2020-05-01) art. 51 / 民诉法解释 art. 99: the court sets the period; first instance
  ordinary procedure not less than 15 days, second instance with new evidence not less than 10 days, simple
  procedure not more than 15 days, small claims generally not more than 7 days; the parties may agree a period with
  the court's approval. Days count from the day after service of the notice (CPL art. 85).
* art. 54: an extension is applied for in writing before the period expires; it applies to every party.
* CPL art. 68, 解释 arts 101–102: a party who submits after the period must explain why; the court decides whether to
  admit the evidence (a finding, below).
* 解释 art. 104: cross-examination goes to authenticity (真实性), legality (合法性) and relevance (关联性); art. 103:
  evidence not cross-examined cannot found a finding. 在线诉讼规则 art. 13: an objection to an electronic copy must be
  reasoned. art. 14 / 20: online exchange may be asynchronous, each party within the time limit the court sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from omnicourt.errors import Conflict, InvalidInput

# ---------------------------------------------------------------- the evidence period


class Basis(StrEnum):
    """What the period's bounds follow: the case's procedure, or an appeal's new evidence."""

    ORDINARY = "ordinary"
    SIMPLE = "simple"
    SMALL_CLAIMS = "small_claims"
    SECOND_INSTANCE = "second_instance"


BASIS_LABELS = {Basis.ORDINARY: "第一审普通程序", Basis.SIMPLE: "简易程序", Basis.SMALL_CLAIMS: "小额诉讼程序",
                Basis.SECOND_INSTANCE: "第二审程序（提出新证据）"}

# (at least, at most) days: 证据规定 art. 51. The small-claims bound is "generally" 7 days: a longer period needs the
# parties' agreement approved by the court (agreed=True), as any period outside the bounds does.
PERIOD_BOUNDS: dict[Basis, tuple[int | None, int | None]] = {
    Basis.ORDINARY: (15, None),
    Basis.SECOND_INSTANCE: (10, None),
    Basis.SIMPLE: (None, 15),
    Basis.SMALL_CLAIMS: (None, 7),
}


def basis_of(procedure: str, type_code: str) -> Basis:
    """The bounds a case's period follows. An appeal (民终) follows the second-instance floor; 速裁 (fast track) is
    a simplified procedure and follows the simple-procedure ceiling [U: the spec names no bound for it]."""
    if type_code.endswith("终"):
        return Basis.SECOND_INSTANCE
    if procedure == "small_claims":
        return Basis.SMALL_CLAIMS
    if procedure in ("simple", "fast_track"):
        return Basis.SIMPLE
    return Basis.ORDINARY


def period_days(served_on: date, ends_on: date) -> int:
    """The period's length: counted from the day after the notice was served (CPL art. 85), so served on 1 March
    and ending on 16 March is 15 days."""
    return (ends_on - served_on).days


def check_period(basis: Basis, *, served_on: date, ends_on: date, agreed: bool = False) -> int:
    """The period's length in days, or a refusal naming the bound it breaks (证据规定 art. 51)."""
    days = period_days(served_on, ends_on)
    if days < 1:
        raise InvalidInput("举证期限届满日应晚于举证通知送达日", field="ends_on")
    if agreed:  # the parties agreed the period and the court approved it (art. 51(1))
        return days
    least, most = PERIOD_BOUNDS[basis]
    label = BASIS_LABELS[basis]
    if least is not None and days < least:
        raise InvalidInput(f"{label}的举证期限不得少于{least}日（本次{days}日）；当事人协商一致并经法院准许的除外",
                           field="ends_on")
    if most is not None and days > most:
        raise InvalidInput(f"{label}的举证期限不得超过{most}日（本次{days}日）；当事人协商一致并经法院准许的除外",
                           field="ends_on")
    return days


def check_extension(*, current_end: date, applied_on: date, new_end: date) -> None:
    """An extension applied for in writing before the period expired (证据规定 art. 54), to a later day."""
    if applied_on > current_end:
        raise InvalidInput(f"延长举证期限应在期限届满前申请；期限已于{current_end.isoformat()}届满，"
                           f"申请日为{applied_on.isoformat()}", field="applied_on")
    if new_end <= current_end:
        raise InvalidInput("延长后的举证期限届满日应晚于原届满日", field="ends_on")


def is_late(submitted_on: date, period_end: date | None) -> bool:
    """Submitted after the period's last day: 逾期举证. Without a period set nothing is late."""
    return period_end is not None and submitted_on > period_end


def check_late_explanation(late: bool, explanation: str) -> None:
    """A party submitting late must say why (民诉法解释 art. 101); the court then decides on admission."""
    if late and not explanation:
        raise InvalidInput("举证期限已届满，逾期提交证据应说明理由", field="late_explanation")


# ---------------------------------------------------------------- the evidence list

MAX_ITEMS = 50  # items in one list: a larger bundle is split into several lists (第二组、第三组……)
NAME_MAX, SOURCE_MAX, PURPOSE_MAX = 100, 200, 500
REASONS_MAX = 2000


def check_item_count(count: int) -> None:
    if count == 0:
        raise InvalidInput("证据清单至少应有一项证据", field="items")
    if count > MAX_ITEMS:
        raise InvalidInput(f"一份证据清单最多{MAX_ITEMS}项证据（本次{count}项），请分组提交", field="items")


# ---------------------------------------------------------------- cross-examination


class Side(StrEnum):
    """A party's side in the exchange; agents act for the side that engaged them."""

    PLAINTIFF = "plaintiff"
    DEFENDANT = "defendant"
    THIRD_PARTY = "third_party"


SIDE_LABELS = {Side.PLAINTIFF: "原告", Side.DEFENDANT: "被告", Side.THIRD_PARTY: "第三人"}
# 证据规定 art. 62: the plaintiff's evidence is examined first, then the defendant's, then the third party's.
EXAMINATION_ORDER = (Side.PLAINTIFF, Side.DEFENDANT, Side.THIRD_PARTY)


class Stance(StrEnum):
    RECOGNISED = "recognised"
    PARTLY = "partly"
    DISPUTED = "disputed"


STANCE_LABELS = {Stance.RECOGNISED: "认可", Stance.PARTLY: "部分认可", Stance.DISPUTED: "不认可"}
ASPECTS = ("authenticity", "legality", "relevance")
ASPECT_LABELS = {"authenticity": "真实性", "legality": "合法性", "relevance": "关联性"}


class Mode(StrEnum):
    ONLINE = "online"  # 在线诉讼规则 art. 14: asynchronous, within the time limit
    HEARING = "hearing"  # said at an exchange or hearing, recorded by the court


MODE_LABELS = {Mode.ONLINE: "在线异步质证", Mode.HEARING: "庭审（证据交换）中质证"}


def stance_named(value: str, *, field: str) -> Stance:
    try:
        return Stance(value)
    except ValueError:
        raise InvalidInput(f"质证意见「{value}」不存在，应为认可、部分认可或不认可", field=field) from None


@dataclass(frozen=True)
class Opinion:
    """The stance on each aspect (解释 art. 104), with the reasons."""

    authenticity: Stance
    legality: Stance
    relevance: Stance
    reasons: str

    @property
    def disputed_aspects(self) -> tuple[str, ...]:
        """The aspects not fully recognised: what the court must decide (a partial recognition disputes the rest)."""
        return tuple(a for a in ASPECTS if getattr(self, a) != Stance.RECOGNISED)


def check_opinion(opinion: Opinion) -> None:
    """An objection gives its reasons (在线诉讼规则 art. 13: a reasoned objection)."""
    if opinion.disputed_aspects and not opinion.reasons:
        labels = "、".join(ASPECT_LABELS[a] for a in opinion.disputed_aspects)
        raise InvalidInput(f"对{labels}有异议的，应写明质证理由", field="reasons")


def check_may_examine(*, examiner: Side, submitter: Side) -> None:
    """The other sides examine a list; nobody cross-examines their own evidence."""
    if examiner == submitter:
        raise InvalidInput("不能对己方提交的证据发表质证意见", field="item_id")


def online_open(*, due_on: date | None, today: date) -> bool:
    """Online opinions are taken until the time limit's last day (在线诉讼规则 art. 20(1))."""
    return due_on is not None and today <= due_on


# ---------------------------------------------------------------- the finding


class Finding(StrEnum):
    ADMITTED = "admitted"
    NOT_ADMITTED = "not_admitted"


FINDING_LABELS = {Finding.ADMITTED: "采纳", Finding.NOT_ADMITTED: "不予采纳"}


def check_finding(finding: Finding, *, examined: bool, limit_passed: bool, public_reason: str) -> None:
    """Evidence not cross-examined cannot found a finding (解释 art. 103): to admit an item, the other side has given
    its opinion, or let the online time limit pass without one (在线诉讼规则 art. 6: it bears the consequence).
    Not admitting an item needs reasons the parties read."""
    if finding == Finding.ADMITTED and not (examined or limit_passed):
        raise InvalidInput("该证据尚未经对方质证（质证期限也未届满），不能采纳", field="finding")
    if finding == Finding.NOT_ADMITTED and not public_reason:
        raise InvalidInput("不予采纳的，应写明向当事人说明的理由", field="public_reason")


def finding_named(value: str) -> Finding:
    try:
        return Finding(value)
    except ValueError:
        raise InvalidInput(f"认证结论「{value}」不存在，应为采纳或不予采纳", field="finding") from None


# ---------------------------------------------------------------- consent to the asynchronous exchange


def refuse_without_consent(parties: Sequence[tuple[int, str]], answers: dict[int, bool]) -> None:
    """Asynchronous online evidence exchange and cross-examination need every party's consent (在线诉讼规则 art.
    20(1): "经各方当事人同意，人民法院可以指定当事人在一定期限内，分别登录诉讼平台，以非同步的方式开展调解、证据交换、
    调查询问、庭审等诉讼活动"). `parties`: (id, name) of each party of the case (agents act for theirs); `answers`: the
    consents and refusals given. Refused naming whoever refused, else whoever has not answered; the court can still
    record opinions given at an exchange or hearing (证据规定 art. 60), which needs no consent.

    Worked example: 张三 (plaintiff) consented, 李四 (defendant) has not answered: refused, "被告李四尚未同意…".
    """
    refused = [name for party_id, name in parties if answers.get(party_id) is False]
    if refused:
        raise Conflict(f"{'、'.join(refused)}不同意在线异步质证，请安排证据交换或当庭质证"
                       "（在线诉讼规则第二十条第一款）", field="consent")
    waiting = [name for party_id, name in parties if party_id not in answers]
    if waiting:
        raise Conflict(f"{'、'.join(waiting)}尚未同意在线异步质证；在线异步质证须经各方当事人同意"
                       "（在线诉讼规则第二十条第一款）", field="consent")
