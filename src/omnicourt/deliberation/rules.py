"""The law of the collegial panel (合议庭) and its deliberation (合议), as pure functions.

Sources (spec court-rules-2.md §5.6; texts read in LawRefBook/Laws):
* 民事诉讼法 (2023) arts 40–41: a panel has an odd number of members; art. 44: the president or the division chief
  names the presiding judge (审判长), and presides when sitting; art. 45: the majority decides, the deliberation is
  recorded and signed by the members, dissent is recorded as it was given.
* 最高人民法院关于人民法院合议庭工作的若干规定 (法释〔2002〕25号, "2002 rules"): art. 2 the president or division
  chief presides when sitting; art. 10 the rapporteur (承办法官) speaks first and the presiding judge last, each
  member gives reasons, not a bare yes or no; art. 11 the majority decides and the minority view goes into the
  record (评议笔录); art. 12 the cases the panel must submit, through the president, to the judicial committee
  (审判委员会); art. 17 the president may submit a case to the committee.
* 最高人民法院关于进一步加强合议庭职责的若干规定 (法释〔2010〕1号, "2010 rules"): art. 6 every member takes part in
  the deliberation.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from omnicourt.errors import Conflict, InvalidInput

PANEL_MIN = 3
PANEL_MAX = 7  # the platform's bound on input: the law sets no maximum
POINTS_MAX = 30
POINT_LABEL_MAX = 200
OPINION_MAX = 4000
# 2002 rules art. 10(2) forbids a bare "agree" without facts and law; the platform asks for at least this many
# characters of reasons [U: the figure is the platform's, the rule is the article's].
OPINION_MIN = 10
REPORT_MAX = 20000
DECISION_MAX = 4000
COMMITTEE_MEMBERS_MAX = 50
ACCOUNT_ID_MAX = 2**31 - 1  # accounts.id is a 32-bit integer
# Who presides when sitting (民事诉讼法 art. 44; 2002 rules art. 2): the president, then a division chief.
PRESIDING_BY_OFFICE = ("president", "division_chief")
JUDGING_ROLES = frozenset({"judge", "division_chief", "vice_president", "president"})  # 员额法官 and leaders who sit


class Choice(StrEnum):
    AFFIRM = "affirm"
    NEGATE = "negate"


CHOICE_LABELS = {Choice.AFFIRM: "成立", Choice.NEGATE: "不成立"}


class PointKind(StrEnum):
    FACT = "fact"  # 事实认定 (evidence, facts)
    LAW = "law"  # 法律适用


POINT_KIND_LABELS = {PointKind.FACT: "事实认定", PointKind.LAW: "法律适用"}


class Status(StrEnum):
    DELIBERATING = "deliberating"
    DECIDED = "decided"  # the panel's majority is the conclusion
    REFERRAL_REQUIRED = "referral_required"  # the rules send it to the committee: the panel must ask the president
    REFERRAL_REQUESTED = "referral_requested"  # the panel asked the president
    REFERRED = "referred"  # the president submitted it to the committee
    COMMITTEE_DECIDED = "committee_ruling"  # the panel follows the committee's decision


STATUS_LABELS = {Status.DELIBERATING: "评议中", Status.DECIDED: "已形成评议结论",
                 Status.REFERRAL_REQUIRED: "应提请提交审判委员会", Status.REFERRAL_REQUESTED: "已提请院长决定",
                 Status.REFERRED: "已提交审判委员会", Status.COMMITTEE_DECIDED: "审判委员会已作出决定"}


class Ground(StrEnum):
    """Why a case goes to the judicial committee (2002 rules arts 12, 17)."""

    DEATH_PENALTY = "death_penalty"  # art. 12(1)
    DIFFICULT = "difficult"  # art. 12(2): difficult, complex, major or new, the panel finding it necessary
    LEGAL_DISAGREEMENT = "legal_disagreement"  # art. 12(3): major disagreement on the law
    COURT_LIST = "court_list"  # art. 12(4): cases the court's committee has said it decides
    PANEL_DEEMS = "panel_deems"  # art. 12(4): other cases the panel finds need it
    PRESIDENT = "president"  # art. 17(2): the president submits it


GROUND_LABELS = {
    Ground.DEATH_PENALTY: "拟判处死刑（合议庭规定第12条第1项）",
    Ground.DIFFICULT: "疑难、复杂、重大或者新类型案件，合议庭认为有必要（第12条第2项）",
    Ground.LEGAL_DISAGREEMENT: "合议庭在适用法律方面有重大意见分歧（第12条第3项）",
    Ground.COURT_LIST: "本院审判委员会确定应当由审判委员会讨论决定的案件（第12条第4项）",
    Ground.PANEL_DEEMS: "合议庭认为需要提请审判委员会讨论决定的其他案件（第12条第4项）",
    Ground.PRESIDENT: "院长决定提交审判委员会讨论决定（第17条）",
}
PANEL_GROUNDS = (Ground.DEATH_PENALTY, Ground.DIFFICULT, Ground.LEGAL_DISAGREEMENT, Ground.COURT_LIST,
                 Ground.PANEL_DEEMS)


# ---------------------------------------------------------------- the panel


def check_panel(member_ids: Sequence[int]) -> None:
    """A panel has an odd number of members, at least three (民事诉讼法 arts 40, 41), each once."""
    if any(not 1 <= member <= ACCOUNT_ID_MAX for member in member_ids):
        raise InvalidInput("合议庭成员编号不存在", field="member_ids")
    if len(set(member_ids)) != len(member_ids):
        raise InvalidInput("合议庭成员不能重复", field="member_ids")
    count = len(member_ids)
    if count < PANEL_MIN or count % 2 == 0:
        raise InvalidInput(f"合议庭成员人数必须是不少于{PANEL_MIN}人的单数（民事诉讼法第40、41条），现为{count}人",
                           field="member_ids")
    if count > PANEL_MAX:
        raise InvalidInput(f"合议庭成员不能超过{PANEL_MAX}人", field="member_ids")


def check_presiding(presiding_id: int, roles: Mapping[int, str]) -> None:
    """The presiding judge is a member; a president or division chief on the panel presides (民事诉讼法 art. 44;
    2002 rules art. 2)."""
    if presiding_id not in roles:
        raise InvalidInput("审判长应当是合议庭成员", field="presiding_judge_id")
    for office in PRESIDING_BY_OFFICE:
        holders = {member for member, role in roles.items() if role == office}
        if holders:
            if presiding_id not in holders:
                label = "院长" if office == "president" else "庭长"
                raise InvalidInput(f"{label}参加合议庭审判案件的，由{label}担任审判长（民事诉讼法第44条）",
                                   field="presiding_judge_id")
            return


# ---------------------------------------------------------------- speaking and voting


def check_turn(*, voter: int, rapporteur: int, presiding: int, members: Collection[int],
               voted: Collection[int]) -> None:
    """The rapporteur speaks first and the presiding judge last; a presiding judge who is the rapporteur speaks
    last (2002 rules art. 10(1)). Enforced per point: the article says who speaks when, not that it may vary."""
    if voter != rapporteur and rapporteur != presiding and rapporteur not in voted:
        raise Conflict("承办法官应当首先发表评议意见（合议庭规定第10条）", field="choice")
    if voter == presiding and any(m not in voted for m in members if m != presiding):
        raise Conflict("审判长应当最后发表评议意见（合议庭规定第10条），请待其他成员表决后再表决", field="choice")


def speaking_order(*, rapporteur: int, presiding: int, members: Sequence[int]) -> list[int]:
    """Members in the order they speak: the rapporteur first (unless presiding), the presiding judge last, the
    others as seated."""
    first = [rapporteur] if rapporteur != presiding else []
    middle = [m for m in members if m not in (rapporteur, presiding)]
    return [*first, *middle, presiding]


def check_opinion(opinion: str) -> None:
    """Each member gives reasons, not a bare yes or no (2002 rules art. 10(2); 2010 rules art. 6)."""
    if len(opinion.strip()) < OPINION_MIN:
        raise InvalidInput(f"评议意见应当陈述事实根据和法律依据（不少于{OPINION_MIN}个字），不得仅作同意与否的简单表态"
                           "（合议庭规定第10条）", field="opinion")


@dataclass(frozen=True)
class Outcome:
    choice: Choice
    majority: int
    minority: int


def majority(choices: Sequence[Choice], panel_size: int) -> Outcome | None:
    """The majority's choice once every member has voted (民事诉讼法 art. 45; 2002 rules art. 11); None before.
    Two choices and an odd panel: never a tie."""
    if panel_size % 2 == 0:
        raise ValueError("a panel has an odd number of members")
    if len(choices) < panel_size:
        return None
    affirm = sum(1 for c in choices if c == Choice.AFFIRM)
    negate = len(choices) - affirm
    return Outcome(Choice.AFFIRM, affirm, negate) if affirm > negate else Outcome(Choice.NEGATE, negate, affirm)


def dissenters(votes: Mapping[int, Choice], outcome: Outcome) -> list[int]:
    """The members whose view is the minority's: it goes into the record as given (民事诉讼法 art. 45)."""
    return [member for member, choice in votes.items() if choice != outcome.choice]


# ---------------------------------------------------------------- the judicial committee


@dataclass(frozen=True)
class ReferralPolicy:
    """What the spec leaves to each court [U]: whether a split vote on a point of law is the "major disagreement"
    of art. 12(3), and the causes the court's committee has said it decides (art. 12(4))."""

    split_law_vote_is_major: bool = True
    committee_causes: frozenset[str] = frozenset()


def _listed(cause_code: str, causes: Collection[str]) -> bool:
    """A listed cause covers its narrower causes (cause codes are dotted paths)."""
    return any(cause_code == c or cause_code.startswith(c + ".") for c in causes)


def required_grounds(*, kinds_split: Collection[PointKind], cause_code: str,
                     policy: ReferralPolicy) -> tuple[Ground, ...]:
    """The grounds on which the panel must ask the president to submit the case (2002 rules art. 12): a point of law
    decided by a split vote (as the policy reads art. 12(3)) and a cause on the court's list (art. 12(4))."""
    grounds = []
    if policy.split_law_vote_is_major and PointKind.LAW in kinds_split:
        grounds.append(Ground.LEGAL_DISAGREEMENT)
    if _listed(cause_code, policy.committee_causes):
        grounds.append(Ground.COURT_LIST)
    return tuple(grounds)


def status_when_voted(required: Collection[Ground]) -> Status:
    return Status.REFERRAL_REQUIRED if required else Status.DECIDED


def check_request(grounds: Collection[Ground], required: Collection[Ground]) -> None:
    """A request names at least one ground of art. 12, among them every ground that requires it."""
    if not grounds:
        raise InvalidInput("请选择提请审判委员会讨论决定的理由", field="grounds")
    if Ground.PRESIDENT in grounds:
        raise InvalidInput("院长决定提交是院长的权限，合议庭提请时请选择第12条所列理由", field="grounds")
    missing = [GROUND_LABELS[g] for g in required if g not in grounds]
    if missing:
        raise InvalidInput("提请理由应当包括：" + "；".join(missing), field="grounds")
