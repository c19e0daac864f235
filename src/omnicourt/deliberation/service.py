"""Use cases of the panel and its deliberation. Each takes the caller's session (one transaction per use case),
locks the case row first (so the votes of one case are counted one at a time) and writes its timeline event and
audit record with the change.

Who does what: the president, a vice president or the case's division chief forms the panel (民事诉讼法 art. 44);
the presiding judge sets the points and asks the president to submit the case to the judicial committee (合议庭规定
arts 6, 12); each member votes once on each point, in the order of art. 10; the president or a vice president decides
on the submission and records the committee's decision. The deliberation is the court's alone: to a party it does
not exist (404), as the secondary volume its record is filed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.assistant import service as assistant
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.rules import chinese_date
from omnicourt.db import utcnow
from omnicourt.deliberation import records, rules
from omnicourt.deliberation.models import Deliberation, DeliberationPoint, DeliberationVote, Panel, PanelMember
from omnicourt.deliberation.rules import Choice, Ground, PointKind, Status
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind, Volume
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.evidence import rules as evidence_rules
from omnicourt.evidence import service as evidence
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import COURT_LEADERS, Actor
from omnicourt.settings import Settings
from omnicourt.textcheck import form_text

if TYPE_CHECKING:
    from omnicourt.cases.models import Case
    from omnicourt.dossier.models import Document

CONCEALED = "案件不存在或无权查看"
SOLE_JUDGE_PROCEDURES = ("simple", "small_claims")  # 民事诉讼法 art. 40(2): one judge sits alone
# Statuses in which the deliberation has come to rest and its record is written (again).
RECORDED_STATUSES = (Status.DECIDED, Status.REFERRAL_REQUIRED, Status.COMMITTEE_DECIDED)


@dataclass(frozen=True)
class PointIn:
    label: str
    kind: str = PointKind.FACT.value
    source: str = "judge"


def policy_of(settings: Settings) -> rules.ReferralPolicy:
    return rules.ReferralPolicy(settings.committee_on_split_law_vote, frozenset(settings.committee_causes))


# ---------------------------------------------------------------- access


def _case(session: Session, actor: Actor, case_id: int, *, lock: bool = False) -> Case:
    """The case, for staff who may see it; a party meets the 404 of a case that is not theirs."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=lock)
    if not actor.is_staff:
        raise Concealed(CONCEALED, field="case_id")
    return case


def _open(case: Case) -> None:
    if case.stage == "closed":
        raise Conflict("案件已结案，不能再办理合议", field="case_id")


def panel_of(session: Session, case_id: int) -> Panel | None:
    return session.scalar(select(Panel).where(Panel.case_id == case_id))


def deliberation_of(session: Session, case_id: int) -> Deliberation | None:
    return session.scalar(select(Deliberation).where(Deliberation.case_id == case_id))


def _panel(session: Session, case: Case) -> Panel:
    panel = panel_of(session, case.id)
    if panel is None:
        raise Conflict("本案尚未组成合议庭", field="case_id")
    return panel


def _deliberation(session: Session, case: Case) -> Deliberation:
    found = deliberation_of(session, case.id)
    if found is None:
        raise Conflict("合议庭尚未确定评议的争议焦点", field="case_id")
    return found


def may_form(actor: Actor, case: Case) -> bool:
    """民事诉讼法 art. 44: the president or the division chief names the presiding judge; a vice president acts
    for the president."""
    if actor.court_id != case.court_id:
        return False
    return actor.role in COURT_LEADERS or (actor.role == "division_chief" and actor.division_id == case.division_id)


def _leader(actor: Actor, case: Case, what: str) -> None:
    if actor.role not in COURT_LEADERS or actor.court_id != case.court_id:
        raise Forbidden(f"只有本院院长、副院长可以{what}", field="case_id")


def _presiding(actor: Actor, panel: Panel, what: str) -> None:
    if actor.id != panel.presiding_judge_id:
        raise Forbidden(f"只有审判长可以{what}", field="case_id")


# ---------------------------------------------------------------- the panel


def form_panel(session: Session, *, actor: Actor, case_id: int, presiding_judge_id: int, member_ids: Sequence[int],
               today: date) -> Panel:
    """Form (or, before any vote, form again) the case's panel: the case's judge sits as rapporteur (承办法官)."""
    case = _case(session, actor, case_id, lock=True)
    if not may_form(actor, case):
        raise Forbidden("只有本院院长、副院长或本庭庭长可以组成合议庭（民事诉讼法第44条）", field="member_ids")
    _open(case)
    if case.procedure in SOLE_JUDGE_PROCEDURES:
        raise Conflict("适用简易程序（含小额诉讼）的案件由审判员一人独任审理（民事诉讼法第40条），"
                       "需组成合议庭的请先裁定转为普通程序", field="case_id")
    if case.judge_id is None:
        raise Conflict("案件尚未确定承办法官", field="case_id")
    members = list(member_ids)
    rules.check_panel(members)
    if case.judge_id not in members:
        raise InvalidInput("承办法官应当是合议庭成员", field="member_ids")
    roles = {}
    for member_id in members:
        account = security.get_account(session, member_id)
        if (account is None or not account.active or account.court_id != case.court_id
                or account.role not in rules.JUDGING_ROLES):
            raise InvalidInput(f"合议庭成员（编号{member_id}）应当是本院在职法官", field="member_ids")
        roles[member_id] = account.role
    rules.check_presiding(presiding_judge_id, roles)
    existing = deliberation_of(session, case.id)
    if existing is not None and any(point.votes for point in existing.points):
        raise Conflict("合议庭已开始表决，不能再更换成员（合议庭规定第3条）", field="member_ids")
    panel = panel_of(session, case.id)
    if panel is None:
        panel = Panel(case_id=case.id, court_id=case.court_id)
        session.add(panel)
    panel.presiding_judge_id, panel.rapporteur_id = presiding_judge_id, case.judge_id
    panel.formed_by, panel.formed_on, panel.formed_at = actor.id, today, utcnow()
    panel.members = [PanelMember(case_id=case.id, court_id=case.court_id, account_id=m, seat=seat)
                     for seat, m in enumerate(members, start=1)]
    session.flush()
    names = security.display_names(session, members)
    others = "、".join(names[m] for m in members if m not in (presiding_judge_id, case.judge_id))
    rapporteur = "" if case.judge_id == presiding_judge_id else f"，承办法官{names[case.judge_id]}"
    cases.record_event(session, case=case, actor=actor, kind=EventKind.PANEL_FORMED,
                       summary=f"组成合议庭：审判长{names[presiding_judge_id]}{rapporteur}"
                               + (f"，审判员{others}" if others else ""),
                       details={"presiding_judge_id": presiding_judge_id, "member_ids": members},
                       audit_action=AuditAction.PANEL_FORM, object_type="panel", object_id=panel.id,
                       audit_details={"case_id": case.id, "presiding_judge_id": presiding_judge_id,
                                      "member_ids": members})
    return panel


# ---------------------------------------------------------------- the points


@dataclass(frozen=True)
class Proposal:
    label: str
    kind: str
    source: str


def proposals(session: Session, *, actor: Actor, case_id: int) -> list[Proposal]:
    """What the presiding judge's list starts from: the items a side disputes in the evidence exchange
    (evidence.disputed_items) and the assistant's dispute focus, where it has one."""
    case = _case(session, actor, case_id)
    found = []
    for item in evidence.disputed_items(session, case.id):
        aspects = "、".join(dict.fromkeys(evidence_rules.ASPECT_LABELS[a] for _, disputed, _ in item.disputes
                                          for a in disputed))
        found.append(Proposal(f"{item.heading}的{aspects}能否确认", PointKind.FACT.value, "evidence"))
    found += [Proposal(issue, PointKind.FACT.value, "assistant")
              for issue in assistant.dispute_issues(session, case.id)]
    unique = {p.label[:rules.POINT_LABEL_MAX]: p for p in found}
    return [Proposal(label, p.kind, p.source) for label, p in unique.items()]


def _checked_points(points: Sequence[PointIn]) -> list[PointIn]:
    if not points:
        raise InvalidInput("请至少列出一个争议焦点", field="points")
    if len(points) > rules.POINTS_MAX:
        raise InvalidInput(f"争议焦点不能超过{rules.POINTS_MAX}个", field="points")
    checked = []
    for number, point in enumerate(points, start=1):
        label = form_text(point.label, field="points", label=f"争议焦点{number}", max_length=rules.POINT_LABEL_MAX)
        if not label:
            raise InvalidInput(f"争议焦点{number}不能为空", field="points")
        try:
            kind = PointKind(point.kind)
        except ValueError:
            raise InvalidInput(f"争议焦点{number}的类别「{point.kind}」不存在，应为事实认定或法律适用",
                               field="points") from None
        source = point.source if point.source in ("evidence", "assistant", "judge") else "judge"
        checked.append(PointIn(label, kind.value, source))
    return checked


def set_points(session: Session, *, actor: Actor, case_id: int, points: Sequence[PointIn],
               today: date) -> Deliberation:
    """The presiding judge puts the disputed points to the panel; the list may change until the first vote."""
    case = _case(session, actor, case_id, lock=True)
    _open(case)
    panel = _panel(session, case)
    _presiding(actor, panel, "确定评议的争议焦点")
    checked = _checked_points(points)
    deliberation = deliberation_of(session, case.id)
    if deliberation is None:
        deliberation = Deliberation(case_id=case.id, court_id=case.court_id, status=Status.DELIBERATING.value)
        session.add(deliberation)
    elif any(point.votes for point in deliberation.points):
        raise Conflict("合议庭已开始表决，争议焦点不能再修改", field="points")
    deliberation.held_on, deliberation.updated_at = today, utcnow()
    deliberation.points = [DeliberationPoint(case_id=case.id, court_id=case.court_id, number=number,
                                             label=p.label, kind=p.kind, source=p.source)
                           for number, p in enumerate(checked, start=1)]
    session.flush()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DELIBERATION_POINTS_SET,
                       summary=f"审判长确定评议的争议焦点{len(checked)}个",
                       details={"deliberation_id": deliberation.id, "points": [p.label for p in checked]},
                       audit_action=AuditAction.DELIBERATION_POINTS, object_type="deliberation",
                       object_id=deliberation.id,
                       audit_details={"case_id": case.id, "points": [[p.label, p.kind] for p in checked]})
    return deliberation


# ---------------------------------------------------------------- votes


def next_speakers(panel: Panel, point: DeliberationPoint) -> list[int]:
    """The members who may vote on the point now (rules.check_turn), for the page."""
    voted = {v.member_id for v in point.votes}
    allowed = []
    for member in panel.member_ids:
        if member in voted:
            continue
        try:
            rules.check_turn(voter=member, rapporteur=panel.rapporteur_id, presiding=panel.presiding_judge_id,
                             members=panel.member_ids, voted=voted)
        except Conflict:
            continue
        allowed.append(member)
    return allowed


def cast_vote(session: Session, settings: Settings, *, actor: Actor, case_id: int, point_id: int, choice: str,
              opinion: str, today: date) -> DeliberationVote:
    """A member's opinion and vote on a point, once (民事诉讼法 art. 45; 合议庭规定 arts 10–11). The last vote on a
    point gives it the majority's answer; the last vote of all brings the deliberation to its conclusion (or to the
    referral the rules require) and files its record in the secondary volume."""
    case = _case(session, actor, case_id, lock=True)
    _open(case)
    panel = _panel(session, case)
    if actor.id not in panel.member_ids:
        raise Forbidden("只有合议庭成员可以表决", field="choice")
    deliberation = _deliberation(session, case)
    if deliberation.status != Status.DELIBERATING:
        raise Conflict("评议已经结束，不能再表决", field="choice")
    point = next((p for p in deliberation.points if p.id == point_id), None)
    if point is None:
        raise NotFound("本案评议中没有这个争议焦点", field="point_id")
    if any(v.member_id == actor.id for v in point.votes):
        raise Conflict("您已对该争议焦点表决，每位成员只表决一次", field="choice")
    try:
        chosen = Choice(choice)
    except ValueError:
        raise InvalidInput("请选择表决意见：成立或不成立", field="choice") from None
    text = form_text(opinion, field="opinion", label="评议意见", max_length=rules.OPINION_MAX, multiline=True)
    rules.check_opinion(text)
    rules.check_turn(voter=actor.id, rapporteur=panel.rapporteur_id, presiding=panel.presiding_judge_id,
                     members=panel.member_ids, voted={v.member_id for v in point.votes})
    vote = DeliberationVote(point_id=point.id, case_id=case.id, court_id=case.court_id, member_id=actor.id,
                            turn=len(point.votes) + 1, choice=chosen.value, opinion=text, cast_at=utcnow())
    session.add(vote)
    session.flush()
    session.refresh(point, ["votes"])
    outcome = rules.majority([Choice(v.choice) for v in point.votes], len(panel.member_ids))
    decided = ""
    if outcome is not None:
        point.outcome, point.majority, point.minority = outcome.choice.value, outcome.majority, outcome.minority
        decided = f"；该焦点评议结论：{rules.CHOICE_LABELS[outcome.choice]}（{outcome.majority}比{outcome.minority}）"
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DELIBERATION_VOTED,
                       summary=f"{actor.display_name}就争议焦点{point.number}发表评议意见并表决{decided}",
                       details={"point_id": point.id, "turn": vote.turn},
                       audit_action=AuditAction.DELIBERATION_VOTE, object_type="deliberation_vote",
                       object_id=vote.id,
                       audit_details={"case_id": case.id, "point_id": point.id, "turn": vote.turn,
                                      "choice": chosen.value, "opinion": text})
    if all(p.outcome is not None for p in deliberation.points):
        _conclude(session, settings, actor=actor, case=case, panel=panel, deliberation=deliberation, today=today)
    return vote


def _conclude(session: Session, settings: Settings, *, actor: Actor, case: Case, panel: Panel,
              deliberation: Deliberation, today: date) -> None:
    split = {PointKind(p.kind) for p in deliberation.points if p.minority}
    required = rules.required_grounds(kinds_split=split, cause_code=case.cause_code, policy=policy_of(settings))
    status = rules.status_when_voted(required)
    deliberation.status, deliberation.required_grounds = status.value, [g.value for g in required]
    deliberation.updated_at = utcnow()
    dissent = sum(1 for p in deliberation.points if p.minority)
    then = "，依规定应当提请院长决定提交审判委员会讨论决定" if required else ""
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DELIBERATION_CONCLUDED,
                       summary=f"合议庭评议完毕：{len(deliberation.points)}个争议焦点均按多数意见形成结论"
                               f"（{dissent}个有少数意见）{then}",
                       details={"deliberation_id": deliberation.id, "status": status.value},
                       audit_action=AuditAction.DELIBERATION_CONCLUDE, object_type="deliberation",
                       object_id=deliberation.id,
                       audit_details={"case_id": case.id, "status": status.value,
                                      "required_grounds": deliberation.required_grounds})
    write_record(session, settings, actor=actor, case=case, panel=panel, deliberation=deliberation)


# ---------------------------------------------------------------- the judicial committee


def _grounds(values: Sequence[str]) -> list[Ground]:
    try:
        return list(dict.fromkeys(Ground(v) for v in values))
    except ValueError:
        raise InvalidInput("提请理由不存在，应为合议庭规定第12条所列情形", field="grounds") from None


def request_referral(session: Session, *, actor: Actor, case_id: int, grounds: Sequence[str], report: str,
                     today: date) -> Deliberation:
    """The presiding judge asks the president to submit the case to the judicial committee, with the panel's report
    (合议庭规定 arts 6(5), 12; 2010 rules art. 3(5))."""
    case = _case(session, actor, case_id, lock=True)
    _open(case)
    panel = _panel(session, case)
    _presiding(actor, panel, "提请院长决定将案件提交审判委员会")
    deliberation = _deliberation(session, case)
    if deliberation.status not in (Status.DECIDED, Status.REFERRAL_REQUIRED):
        raise Conflict("合议庭评议完毕后方可提请", field="grounds")
    chosen = _grounds(grounds)
    rules.check_request(chosen, [Ground(g) for g in deliberation.required_grounds])
    text = form_text(report, field="report", label="合议庭报告", max_length=rules.REPORT_MAX, multiline=True)
    if not text:
        raise InvalidInput("请写明合议庭向审判委员会的报告（案情、争议焦点、合议庭意见及分歧）", field="report")
    deliberation.status, deliberation.referral_grounds = Status.REFERRAL_REQUESTED.value, [g.value for g in chosen]
    deliberation.referral_report, deliberation.referral_requested_by = text, actor.id
    deliberation.referral_requested_on, deliberation.updated_at = today, utcnow()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.COMMITTEE_REFERRAL_REQUESTED,
                       summary="合议庭提请院长决定将案件提交审判委员会讨论决定："
                               + "；".join(rules.GROUND_LABELS[g] for g in chosen),
                       details={"deliberation_id": deliberation.id, "grounds": deliberation.referral_grounds},
                       audit_action=AuditAction.DELIBERATION_REFERRAL_REQUEST, object_type="deliberation",
                       object_id=deliberation.id,
                       audit_details={"case_id": case.id, "grounds": deliberation.referral_grounds})
    return deliberation


def decide_referral(session: Session, settings: Settings, *, actor: Actor, case_id: int, refer: bool,
                    reason: str = "", today: date) -> Deliberation:
    """The president (or a vice president) decides on the panel's request; without one, once the panel has
    concluded, the president may submit the case on their own (合议庭规定 arts 12, 17)."""
    case = _case(session, actor, case_id, lock=True)
    _leader(actor, case, "决定将案件提交审判委员会")
    _open(case)
    panel = _panel(session, case)
    deliberation = _deliberation(session, case)
    requested = deliberation.status == Status.REFERRAL_REQUESTED
    if not requested and not (refer and deliberation.status in (Status.DECIDED, Status.REFERRAL_REQUIRED)):
        raise Conflict("合议庭尚未提请，或评议尚未结束", field="refer")
    text = form_text(reason, field="reason", label="理由", max_length=rules.DECISION_MAX, multiline=True)
    if not refer and not text:
        raise InvalidInput("不提交审判委员会的，请写明理由", field="reason")
    if not requested:
        deliberation.referral_grounds = [Ground.PRESIDENT.value]
    deliberation.referral_decided_by, deliberation.referral_decided_on = actor.id, today
    deliberation.referral_refused_reason = "" if refer else text
    deliberation.status = (Status.REFERRED if refer else Status.DECIDED).value
    deliberation.updated_at = utcnow()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.COMMITTEE_REFERRAL_DECIDED,
                       summary=("院长决定将案件提交审判委员会讨论决定" if refer
                                else f"院长决定不提交审判委员会，合议庭按评议结论办理。理由：{text}"),
                       details={"deliberation_id": deliberation.id, "refer": refer},
                       audit_action=AuditAction.DELIBERATION_REFERRAL_DECIDE, object_type="deliberation",
                       object_id=deliberation.id,
                       audit_details={"case_id": case.id, "refer": refer, "reason": text,
                                      "grounds": deliberation.referral_grounds})
    if not refer:
        write_record(session, settings, actor=actor, case=case, panel=panel, deliberation=deliberation)
    return deliberation


def record_committee_decision(session: Session, settings: Settings, *, actor: Actor, case_id: int, held_on: date,
                              members_present: Sequence[str], decision: str, today: date) -> Deliberation:
    """The judicial committee's decision (members present, decision, date); the panel follows it (合议庭规定
    art. 5(8)) and the record is filed again with it."""
    case = _case(session, actor, case_id, lock=True)
    _leader(actor, case, "记录审判委员会的决定")
    _open(case)
    panel = _panel(session, case)
    deliberation = _deliberation(session, case)
    if deliberation.status != Status.REFERRED:
        raise Conflict("案件尚未提交审判委员会", field="decision")
    decided_on = deliberation.referral_decided_on
    if held_on > today or (decided_on is not None and held_on < decided_on):
        raise InvalidInput("审判委员会讨论日期应在决定提交之后、今天之前", field="held_on")
    names = [form_text(n, field="members_present", label="出席委员", max_length=128) for n in members_present]
    names = list(dict.fromkeys(n for n in names if n))
    if not names or len(names) > rules.COMMITTEE_MEMBERS_MAX:
        raise InvalidInput(f"请列明出席的审判委员会委员（1至{rules.COMMITTEE_MEMBERS_MAX}人）",
                           field="members_present")
    text = form_text(decision, field="decision", label="审判委员会决定", max_length=rules.DECISION_MAX,
                     multiline=True)
    if not text:
        raise InvalidInput("请写明审判委员会的决定", field="decision")
    deliberation.committee_held_on, deliberation.committee_members = held_on, names
    deliberation.committee_decision, deliberation.committee_recorded_by = text, actor.id
    deliberation.status, deliberation.updated_at = Status.COMMITTEE_DECIDED.value, utcnow()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.COMMITTEE_DECIDED,
                       summary=f"审判委员会于{chinese_date(held_on)}讨论决定（出席委员{len(names)}人），"
                               "合议庭执行审判委员会的决定",
                       details={"deliberation_id": deliberation.id, "held_on": held_on.isoformat()},
                       audit_action=AuditAction.DELIBERATION_COMMITTEE_DECISION, object_type="deliberation",
                       object_id=deliberation.id,
                       audit_details={"case_id": case.id, "held_on": held_on.isoformat(), "members": names,
                                      "decision": text})
    write_record(session, settings, actor=actor, case=case, panel=panel, deliberation=deliberation)
    return deliberation


# ---------------------------------------------------------------- the record


def _point_text(point: DeliberationPoint, names: dict[int, str]) -> records.PointText:
    outcome = Choice(point.outcome) if point.outcome else None
    return records.PointText(
        point.number, point.label, rules.POINT_KIND_LABELS[PointKind(point.kind)],
        tuple(records.VoteText(names.get(v.member_id, ""), rules.CHOICE_LABELS[Choice(v.choice)], v.opinion)
              for v in point.votes),
        rules.CHOICE_LABELS[outcome] if outcome else None, point.majority, point.minority,
        tuple(names.get(v.member_id, "") for v in point.votes if outcome and v.choice != outcome))


def _referral_text(deliberation: Deliberation) -> records.ReferralText | None:
    if not deliberation.referral_grounds:
        return None
    return records.ReferralText(tuple(rules.GROUND_LABELS[Ground(g)] for g in deliberation.referral_grounds),
                                deliberation.referral_report, deliberation.referral_requested_on,
                                deliberation.referral_decided_on, deliberation.referral_refused_reason,
                                deliberation.committee_held_on, tuple(deliberation.committee_members),
                                deliberation.committee_decision)


def write_record(session: Session, settings: Settings, *, actor: Actor, case: Case, panel: Panel,
                 deliberation: Deliberation) -> Document:
    """The deliberation record as it stands, a PDF filed in the secondary volume (kind 评议笔录); each version stays
    in the catalogue. Called by the use cases that bring the deliberation to rest, inside their transaction."""
    names = security.display_names(session, panel.member_ids)
    speaking = rules.speaking_order(rapporteur=panel.rapporteur_id, presiding=panel.presiding_judge_id,
                                    members=panel.member_ids)
    text = records.RecordText(reference.court(session, case.court_id).name, case.case_number, deliberation.held_on,
                              names[panel.presiding_judge_id], names[panel.rapporteur_id],
                              tuple(names[m] for m in speaking),
                              tuple(_point_text(p, names) for p in deliberation.points), _referral_text(deliberation))
    version = 1 + sum(1 for e in dossier.catalogue(session, case.id, Volume.SECONDARY)
                      if e.document.kind == DocumentKind.DELIBERATION_RECORD)
    upload = dossier.Upload(records.filename(deliberation.held_on, version),
                            pdf.paged(records.TITLE, records.record_lines(text)))
    document = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                             court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                             kind=DocumentKind.DELIBERATION_RECORD)
    session.flush()
    deliberation.record_document_id = document.id
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DELIBERATION_RECORDED,
                       summary=f"评议笔录（第{version}版）已存入电子卷宗副卷",
                       details={"document_id": document.id}, audit_action=AuditAction.DELIBERATION_RECORD,
                       object_type="document", object_id=document.id,
                       audit_details={"case_id": case.id, "sha256": document.sha256,
                                      "status": deliberation.status})
    return document


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class View:
    """What a member of the court sees of a case's panel and deliberation, and what they may do in it."""

    case: Case
    panel: Panel | None
    deliberation: Deliberation | None
    names: dict[int, str]
    actor_id: int
    may_form: bool
    is_leader: bool

    @property
    def is_member(self) -> bool:
        return self.panel is not None and self.actor_id in self.panel.member_ids

    @property
    def is_presiding(self) -> bool:
        return self.panel is not None and self.panel.presiding_judge_id == self.actor_id

    def may_vote(self, point: DeliberationPoint) -> bool:
        return (self.panel is not None and self.deliberation is not None
                and self.deliberation.status == Status.DELIBERATING
                and self.actor_id in next_speakers(self.panel, point))


def view(session: Session, *, actor: Actor, case_id: int) -> View:
    case = _case(session, actor, case_id)
    panel = panel_of(session, case.id)
    deliberation = deliberation_of(session, case.id)
    ids = set(panel.member_ids if panel else [])
    names = security.display_names(session, ids)
    return View(case, panel, deliberation, names, actor.id, may_form(actor, case),
                actor.role in COURT_LEADERS and actor.court_id == case.court_id)


def judges_to_choose(session: Session, *, actor: Actor, case_id: int) -> list[tuple[int, str, str]]:
    """The judges of the case's division and its leaders, for the panel form: (id, name, role)."""
    case = _case(session, actor, case_id)
    found = security.judges_of(session, division_id=case.division_id, active_only=True) if case.division_id else []
    chief = security.chief_of(session, division_id=case.division_id)
    leaders = security.leaders_of(session, court_id=case.court_id)
    accounts = {a.id: a for a in [*found, *([chief] if chief else []), *leaders]}
    return [(a.id, a.display_name, a.role) for a in accounts.values()]
