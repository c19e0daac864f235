"""Joint sessions' use cases (多案联审): the judge groups cases of one plaintiff and one cause, schedules one
sitting for them, summons each person once for all its cases of the batch, records the sitting held once for all,
and then takes the cases one after the other on one screen (the assistant's elements and amounts side by side, a
judgment draft generated for each). Each takes the caller's session (one transaction per use case).

The booking is hearings/service.py's own: one Hearing (the first case's) holds the room, the bench and the clerk, so
every clash is still refused there and by the database; the agents of the other cases are checked for clashes too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.assistant import service as assistant
from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case, CaseParty
from omnicourt.db import utcnow
from omnicourt.delivery import rules as delivery_rules
from omnicourt.delivery import service as delivery
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.hearings import rules as hearing_rules
from omnicourt.hearings import service as hearings
from omnicourt.hearings.joint import records, rules
from omnicourt.hearings.joint.models import JointSession, JointSessionCase
from omnicourt.hearings.models import Hearing
from omnicourt.judgments import service as judgments
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

if TYPE_CHECKING:
    from omnicourt.judgments.models import JudgmentDocument

OPEN_STATUSES = ("grouped", "scheduled")
STATUS_LABELS = {"grouped": "已组批", "scheduled": "已排期", "held": "已开庭"}


# ---------------------------------------------------------------- grouping


def _facts(session: Session, case: Case, *, joint_id: int | None = None) -> rules.CaseFacts:
    keys = frozenset(k for p in case.parties if p.role == "plaintiff"
                     for k in [rules.party_key(p.id_number, p.uscc)] if k)
    other = select(JointSessionCase.id).join(JointSession, JointSession.id == JointSessionCase.joint_session_id) \
        .where(JointSessionCase.case_id == case.id, JointSession.status.in_(OPEN_STATUSES))
    if joint_id is not None:
        other = other.where(JointSession.id != joint_id)
    return rules.CaseFacts(case.id, case.case_number, case.court_id, case.cause_code, case.cause_name, keys,
                           case.stage in cases.OPEN_STAGES, case.judge_id,
                           in_other_batch=session.scalar(other.limit(1)) is not None)


def group(session: Session, *, actor: Actor, case_ids: Sequence[int]) -> JointSession:
    """The judge's batch: every case checked (rules.check_batch), in the order given; each case's timeline (hidden
    from the parties, who must not learn of the other cases) and the audit log say so."""
    if actor.role != "judge":
        raise Forbidden("只有承办法官可以组织多案联审", field="case_ids")
    rules.check_count(list(case_ids))
    found = []
    for case_id in case_ids:
        try:
            found.append(cases.get_case(session, actor=actor, case_id=case_id, for_update=True))
        except (NotFound, Forbidden):
            raise InvalidInput(f"案件（编号{case_id}）不存在或无权查看", field="case_ids") from None
    facts = [_facts(session, case) for case in found]
    rules.check_batch(facts, judge_id=actor.id)
    plaintiffs = [p for p in found[0].parties if p.role == "plaintiff"]
    joint = JointSession(court_id=found[0].court_id, judge_id=actor.id, cause_code=found[0].cause_code,
                         plaintiff_key=sorted(facts[0].plaintiff_keys)[0],
                         plaintiff_name="、".join(p.name for p in plaintiffs)[:128], status="grouped",
                         created_by=actor.id, created_at=utcnow())
    session.add(joint)
    session.flush()
    for position, case in enumerate(found):
        session.add(JointSessionCase(joint_session_id=joint.id, case_id=case.id, court_id=case.court_id,
                                     position=position))
        cases.record_event(session, case=case, actor=actor, kind=EventKind.JOINT_SESSION_GROUPED,
                           summary=f"本案与同一原告的{len(found) - 1}件同类案件列入多案联审批次（第{joint.id}号）",
                           details={"joint_session_id": joint.id, "position": position},
                           audit_action=AuditAction.JOINT_SESSION_GROUP, object_type="joint_session",
                           object_id=joint.id, audit_details={"case_id": case.id, "case_ids": list(case_ids)})
    session.flush()
    session.refresh(joint)
    return joint


def get(session: Session, *, actor: Actor, joint_id: int, for_update: bool = False) -> tuple[JointSession, list[Case]]:
    """The batch and its cases, for the court's staff who may conduct every case of it; a party is never shown a
    batch (the one 404 whether it exists or not)."""
    if not actor.is_staff:
        raise NotFound("联审批次不存在", field="joint_session_id")
    joint = session.get(JointSession, joint_id, with_for_update=for_update)
    if joint is None or joint.court_id != actor.court_id:
        raise NotFound("联审批次不存在", field="joint_session_id")
    found = [cases.get_case(session, actor=actor, case_id=m.case_id, for_update=for_update) for m in joint.members]
    if not all(permissions.may_conduct(actor, case) for case in found):
        raise Forbidden("只有承办法官或本庭法官助理、书记员可以办理联审批次", field="joint_session_id")
    return joint, found


def mine(session: Session, *, actor: Actor, limit: int = 100) -> list[JointSession]:
    if actor.role != "judge":
        return []
    return list(session.scalars(select(JointSession).where(JointSession.judge_id == actor.id)
                                .order_by(JointSession.id.desc()).limit(limit)))


# ---------------------------------------------------------------- one sitting, one summons per person


@dataclass(frozen=True)
class Scheduled:
    hearing: Hearing
    delivery_ids: list[int]
    summonses: int  # documents written: one per person


def _person(party: CaseParty) -> str:
    return rules.party_key(party.id_number, party.uscc) or f"party:{party.id}"


def schedule(session: Session, settings: Settings, *, actor: Actor, joint_id: int, data: hearings.ScheduleIn,
             today: date) -> Scheduled:
    """One booking for the batch, checked as any hearing is (notice, bench, length, every clash, the agents of all
    the cases included); then one summons per person listing its cases, filed in each of them and delivered once."""
    joint, found = get(session, actor=actor, joint_id=joint_id, for_update=True)
    if joint.status != "grouped":
        raise Conflict(f"该联审批次{STATUS_LABELS[joint.status]}，不能再排期", field="joint_session_id")
    if data.kind != "trial":
        raise InvalidInput("联审批次安排的应为开庭", field="kind")
    if data.mode not in hearing_rules.MODE_LABELS:
        raise InvalidInput("开庭方式应为线下或在线", field="mode")
    lead = found[0]
    for case in found:
        if case.stage not in cases.OPEN_STAGES:
            raise Conflict(f"{case.case_number}已结案，不能安排联审", field="case_ids")
    hearing_rules.check_notice(kind=data.kind, today=today, starts_on=data.starts_on)
    hearing_rules.check_length(data.minutes)
    court = reference.court(session, lead.court_id)
    for case in found:
        hearing_rules.check_bench(procedure=case.procedure, court_level=court.level, judges=len(data.judge_ids))
    room = hearings._room(session, lead, data.mode, data.courtroom_id)
    judges, clerk = hearings._bench(session, lead, data.judge_ids, data.clerk_id)
    starts_at = hearings._local(data.starts_on, data.starts_time)
    if starts_at <= utcnow():
        raise InvalidInput("开庭时间已过", field="starts_time")
    ends_at = starts_at + timedelta(minutes=data.minutes)
    participants = hearings._participants(lead, judges, clerk)
    keys = {p.person_key for p in participants if p.person_key}
    others = [p for case in found[1:] for p in hearings._participants(case, [], clerk)
              if p.role == "agent" and p.person_key and p.person_key not in keys]
    if others:
        hearings._lock_people(session, others)
        hearing_rules.refuse_clashes(hearings.find_clashes(session, courtroom=None, starts_at=starts_at,
                                                           ends_at=ends_at, participants=others))
    hearing = hearings._book(session, case=lead, actor=actor, kind=data.kind, mode=data.mode, courtroom=room,
                             starts_at=starts_at, ends_at=ends_at, public=data.public, participants=participants)
    delivered, written = _summonses(session, settings, actor=actor, found=found, hearing=hearing, today=today)
    joint.hearing_id, joint.status = hearing.id, "scheduled"
    place = hearings._place(session, hearing)
    for case in found:
        cases.record_event(session, case=case, actor=actor, kind=EventKind.HEARING_SCHEDULED,
                           summary=f"定于{hearings._when(hearing)}在{place}开庭（{hearing_rules.MODE_LABELS[data.mode]}，"
                                   f"与同类案件联合开庭审理{'，公开审理' if data.public else '，不公开审理'}）",
                           details={"hearing_id": hearing.id, "starts_at": hearing.starts_at.isoformat(),
                                    "joint": True},
                           audit_action=AuditAction.HEARING_SCHEDULE, object_type="hearing", object_id=hearing.id,
                           audit_details={"case_id": case.id, "joint_session_id": joint.id,
                                          "courtroom_id": hearing.courtroom_id,
                                          "starts_at": hearing.starts_at.isoformat(),
                                          "judge_ids": list(data.judge_ids), "clerk_id": data.clerk_id})
    return Scheduled(hearing, delivered, written)


def _summonses(session: Session, settings: Settings, *, actor: Actor, found: list[Case], hearing: Hearing,
               today: date) -> tuple[list[int], int]:
    """Each person (by identity number, else the party row) once: a summons to a party, a notice to an agent, naming
    only the cases of the batch that person is in; filed in each of those cases' dossiers, addressed to its party row
    there, and delivered electronically through the first of them."""
    court = reference.court(session, found[0].court_id)
    storage = storage_of(settings)
    place = f"{court.name}{hearings._place(session, hearing)}"
    people: dict[str, list[tuple[Case, CaseParty]]] = {}
    for case in found:
        for party in case.parties:
            people.setdefault(f"{party.role == 'agent'}:{_person(party)}", []).append((case, party))
    delivered: list[int] = []
    for entries in people.values():
        first_case, first_party = entries[0]
        is_party = first_party.role != "agent"
        text_of = records.JointSummonsText(
            court.name, tuple(case.case_number for case, _ in entries), first_case.cause_name, first_party.name,
            hearing_rules.PARTICIPANT_ROLES.get(first_party.role, first_party.role),
            hearing_rules.MODE_LABELS[hearing.mode], clock.local(hearing.starts_at), place, today)
        filename, content = records.summons(text_of, party=is_party)
        upload = dossier.Upload(filename, content)
        checked = dossier.generated_pdf(upload)
        for index, (case, party) in enumerate(entries):
            document = dossier.store(session, storage, upload=upload, checked=checked, court_id=case.court_id,
                                     uploaded_by=actor.id, case_id=case.id, addressee_party_id=party.id,
                                     kind=DocumentKind.SUMMONS if is_party else DocumentKind.HEARING_NOTICE)
            session.flush()
            if index == 0:
                delivered += [d.id for d in delivery.deliver(
                    session, settings, actor=actor, case_id=case.id, document_id=document.id, party_ids=[party.id],
                    document_class=delivery_rules.DocumentClass.NOTICE)]
    return delivered, len(people)


# ---------------------------------------------------------------- held once for all


def hold(session: Session, *, actor: Actor, joint_id: int, present_party_ids: Sequence[int], summary: str,
         today: date) -> JointSession:
    """The sitting held: attendance taken once (the ids of the parties and agents present, in any case of the
    batch), then each case's own hearing record on its timeline with its own parties' attendance."""
    joint, found = get(session, actor=actor, joint_id=joint_id, for_update=True)
    if joint.status != "scheduled" or joint.hearing_id is None:
        raise Conflict(f"该联审批次{STATUS_LABELS[joint.status]}，不能记录开庭", field="joint_session_id")
    hearing = session.get(Hearing, joint.hearing_id, with_for_update=True)
    if hearing is None:
        raise NotFound("联审批次的庭审安排不存在", field="joint_session_id")
    if hearing.status != "scheduled":
        raise Conflict(f"该庭审{hearing_rules.STATUS_LABELS[hearing.status]}，不能再记录开庭", field="joint_session_id")
    held_on = clock.local(hearing.starts_at).date()
    if held_on > today:
        raise Conflict(f"该庭审定于{held_on:%Y年%m月%d日}，尚未到开庭日期", field="joint_session_id")
    present = set(present_party_ids)
    known = {p.id for case in found for p in case.parties}
    if present - known:
        raise InvalidInput("到庭人员应为本批次案件的当事人或代理人", field="present")
    for participant in hearing.participants:
        participant.attended = participant.case_party_id in present if participant.case_party_id else True
    hearing.status = "held"
    hearings._deactivate(hearing)
    summary = (summary or "").strip()
    for member, case in zip(joint.members, found, strict=True):
        parties = [p for p in case.parties if p.role in hearing_rules.PARTY_ROLES]
        here = [p.name for p in parties if p.id in present]
        away = [p.name for p in parties if p.id not in present]
        member.attendance = {"present": here, "absent": away}
        cases.hold_hearing(session, actor=actor, case_id=case.id, held_on=held_on,
                           summary=summary or "与同类案件联合开庭审理",
                           attendance=cases.attendance_of(here, away, online=hearing.mode == "online"))
    joint.status = "held"
    audit.record(session, actor_id=actor.id, action=AuditAction.JOINT_SESSION_HOLD, object_type="joint_session",
                 object_id=joint.id, court_id=joint.court_id,
                 details={"hearing_id": hearing.id, "present": sorted(present)})
    return joint


# ---------------------------------------------------------------- the screen: one case after the other


@dataclass(frozen=True)
class Row:
    case: Case
    defendants: str
    view: assistant.AssistantView | None  # None: the assistant has no pipeline for the cause
    draft: JudgmentDocument | None


def screen(session: Session, *, actor: Actor, joint_id: int) -> tuple[JointSession, list[Row]]:
    """Per case the assistant's elements and amounts as its analysis left them (nothing is extracted again) and
    the case's latest judgment draft."""
    joint, found = get(session, actor=actor, joint_id=joint_id)
    drafts: dict[int, JudgmentDocument] = {}
    for case in found:  # each case's latest judgment, through the judgments' own service
        latest = next((d for d in judgments.documents_of(session, actor=actor, case_id=case.id)
                       if d.kind == "judgment"), None)
        if latest is not None:
            drafts[case.id] = latest
    rows = []
    for case in found:
        try:
            view = assistant.view(session, actor=actor, case_id=case.id)
        except (InvalidInput, NotFound, Conflict, KeyError):
            view = None
        defendants = "、".join(p.name for p in case.parties if p.role == "defendant")
        rows.append(Row(case, defendants, view, drafts.get(case.id)))
    return joint, rows


def generate_draft(session: Session, *, actor: Actor, joint_id: int, case_id: int,
                   today: date) -> JudgmentDocument:
    """The judgment draft of one case of the batch, from its own record (judgments/service.generate)."""
    joint, found = get(session, actor=actor, joint_id=joint_id)
    if case_id not in {c.id for c in found}:
        raise InvalidInput("该案件不在本联审批次中", field="case_id")
    if joint.status != "held":
        raise Conflict("联审批次尚未开庭，不能生成判决书", field="joint_session_id")
    return judgments.generate(session, actor=actor, case_id=case_id,
                              data=judgments.GenerateIn(kind="judgment"), document_date=today)
