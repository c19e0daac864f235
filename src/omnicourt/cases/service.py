"""Use cases on the case aggregate. Each takes the caller's session (one transaction per use
case, opened by the route) and writes the timeline event and the audit record with the change."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions, rules
from omnicourt.cases import timeline as timeline_views
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case, CaseLink, CaseNumberSequence, CaseParty, Claim, TimelineEvent
from omnicourt.db import utcnow
from omnicourt.errors import Concealed, Forbidden, InvalidInput, NotFound
from omnicourt.paging import Cursor, after_ascending_nulls_last, after_descending
from omnicourt.security.roles import Actor

CONCEALED_CASE = "案件不存在或无权查看"  # one answer to a public account for both
OPEN_STAGES = ("accepted", "assigned", "in_trial")
ATTENDANCE_MAX = 50  # parties named in one hearing's attendance


def next_serial(session: Session, *, court_id: int, type_code: str, year: int, special_code: str = "") -> int:
    """Allocate the next serial of a sequence, atomically and without gaps.

    One upsert that increments and returns: the row stays locked until the transaction ends,
    so concurrent acceptances queue, and a rolled-back acceptance gives its number back.
    """
    dialect = session.get_bind().dialect.name
    insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
    first = insert_fn(CaseNumberSequence).values(
        court_id=court_id, special_code=special_code, type_code=type_code, year=year, last_serial=1
    )
    increment = first.on_conflict_do_update(
        index_elements=["court_id", "special_code", "type_code", "year"],
        set_={"last_serial": CaseNumberSequence.last_serial + 1},
    ).returning(CaseNumberSequence.last_serial)
    return session.execute(increment).scalar_one()


@dataclass(frozen=True)
class PartyData:
    role: str
    party_type: str
    name: str
    id_number: str | None = None
    uscc: str | None = None
    legal_representative: str | None = None
    address: str | None = None
    phone: str | None = None
    account_id: int | None = None


@dataclass(frozen=True)
class ClaimData:
    description: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class NewCase:
    court_id: int
    court_code: str
    type_code: str
    cause_code: str
    cause_name: str
    procedure: str
    accepted_on: date
    parties: tuple[PartyData, ...]
    claims: tuple[ClaimData, ...]
    amount_in_dispute: Decimal | None
    facts_and_reasons: str = ""
    triage_reasons: tuple[str, ...] = ()
    filing_application_id: int | None = None
    deadline_on: date | None = None
    title: str | None = None  # None: "原告诉被告案由" (case_title); a criminal case names itself ("张三危险驾驶案")


@dataclass(frozen=True)
class AssignmentData:
    division_id: int
    judge_id: int
    judge_name: str
    reasons: tuple[str, ...]


def case_title(parties: tuple[PartyData, ...], cause_name: str) -> str:
    plaintiffs = "、".join(p.name for p in parties if p.role == "plaintiff")
    defendants = "、".join(p.name for p in parties if p.role == "defendant")
    return f"{plaintiffs}诉{defendants}{cause_name}"[:255]


def open_case(session: Session, *, actor: Actor, new: NewCase, assignment: AssignmentData) -> Case:
    """Register an accepted case, already assigned: allocate its number, store parties and claims,
    log acceptance and assignment on the timeline, and write one audit record for both."""
    serial = next_serial(session, court_id=new.court_id, type_code=new.type_code, year=new.accepted_on.year)
    number = rules.format_case_number(year=new.accepted_on.year, court_code=new.court_code,
                                      type_code=new.type_code, serial=serial)
    case = Case(
        court_id=new.court_id, case_number=number, year=new.accepted_on.year, type_code=new.type_code,
        serial=serial, cause_code=new.cause_code, cause_name=new.cause_name,
        title=new.title or case_title(new.parties, new.cause_name), procedure=new.procedure,
        stage=rules.allowed_transition("accepted", "assign"), division_id=assignment.division_id,
        judge_id=assignment.judge_id, amount_in_dispute=new.amount_in_dispute, accepted_on=new.accepted_on,
        deadline_on=new.deadline_on, filing_application_id=new.filing_application_id,
        triage_reasons=list(new.triage_reasons), assignment_reasons=list(assignment.reasons),
        facts_and_reasons=new.facts_and_reasons, created_at=utcnow(),
    )
    session.add(case)
    session.flush()
    session.add_all(CaseParty(case_id=case.id, court_id=case.court_id, **vars(p)) for p in new.parties)
    session.add_all(Claim(case_id=case.id, court_id=case.court_id, description=c.description, amount=c.amount)
                    for c in new.claims)
    # an enforcement case has no trial procedure to state (its row in the deadline table applies to any)
    procedure = "" if new.type_code.startswith("执") else f"，适用{rules.PROCEDURE_LABELS[new.procedure]}"
    log_event(session, case=case, actor=actor, kind=EventKind.ACCEPTED, summary=f"立案受理，案号{number}{procedure}")
    log_event(session, case=case, actor=actor, kind=EventKind.ASSIGNED,
              summary=f"分案至承办法官{assignment.judge_name}", details={"reasons": list(assignment.reasons)})
    audit.record(session, actor_id=actor.id, action=AuditAction.CASE_ACCEPT, object_type="case", object_id=case.id,
                 court_id=case.court_id,
                 details={"case_number": number, "procedure": new.procedure, "judge_id": assignment.judge_id,
                          "division_id": assignment.division_id, "reasons": list(assignment.reasons)})
    return case


def log_event(session: Session, *, case: Case, actor: Actor | None, kind: EventKind, summary: str,
              details: dict | None = None) -> TimelineEvent:
    """Append an event; what parties see of its kind is decided in cases/timeline.py (EVENT_KINDS)."""
    public = timeline_views.view_of(kind).parties != timeline_views.HIDDEN
    event = TimelineEvent(case_id=case.id, court_id=case.court_id, at=utcnow(), kind=EventKind(kind).value,
                          summary=summary, actor_id=actor.id if actor else None, public=public,
                          details=details or {})
    session.add(event)
    return event


def record_event(session: Session, *, case: Case, actor: Actor | None, kind: EventKind, summary: str,
                 details: dict | None = None, audit_action: AuditAction, audit_details: dict | None = None,
                 object_type: str = "case", object_id: object = None) -> TimelineEvent:
    """A change on a case as its timeline event and its audit record, in the caller's transaction. The audit
    record is about the case unless object_type / object_id name what changed (a payment, a notice)."""
    event = log_event(session, case=case, actor=actor, kind=kind, summary=summary, details=details)
    audit.record(session, actor_id=actor.id if actor else None, action=audit_action, object_type=object_type,
                 object_id=case.id if object_id is None else object_id, court_id=case.court_id,
                 details=audit_details)
    return event


def is_party(session: Session, actor: Actor, case_id: int) -> bool:
    return session.scalars(
        select(func.count()).select_from(CaseParty).where(
            CaseParty.case_id == case_id, CaseParty.case_id.in_(permissions.party_case_ids(actor))
        )
    ).one() > 0


def party_roles(session: Session, actor: Actor, case_id: int) -> set[str]:
    """The roles (plaintiff, defendant, third_party, agent) of the case's party rows that are this account's: linked
    to it, or naming the number bound to it (permissions.party_case_ids, row by row)."""
    matches = [CaseParty.account_id == actor.id]
    if actor.bound_number:
        matches.append((CaseParty.uscc if actor.person_type_is_legal else CaseParty.id_number) == actor.bound_number)
    return set(session.scalars(select(CaseParty.role).where(CaseParty.case_id == case_id, or_(*matches))))


def case_for_platform(session: Session, case_id: int, *, for_update: bool = False) -> Case:
    """The case, read for the platform itself acting for no account (a payment gateway's signed callback), or for
    a use case that let its actor in another way (the approver of a deadline change)."""
    case = session.get(Case, case_id, with_for_update=for_update)
    if case is None:
        raise NotFound("案件不存在", field="case_id")
    return case


def get_case(session: Session, *, actor: Actor, case_id: int, for_update: bool = False,
             with_parties_and_claims: bool = False) -> Case:
    """The case, if the actor may see it; a 404 if it does not exist, a 403 if it is not theirs. A public
    account gets the same 404 for both, or it could tell which case ids exist. `with_parties_and_claims` reads
    them in the same statement (a case's detail shows them; read one by one they cost a round trip each)."""
    query = select(Case).where(Case.id == case_id)
    if for_update:
        query = query.with_for_update()
    elif with_parties_and_claims:
        query = query.options(joinedload(Case.parties), joinedload(Case.claims))
    case = session.scalars(query).unique().first()
    if not actor.is_staff:
        if case is None or not is_party(session, actor, case.id):
            raise Concealed(CONCEALED_CASE, field="case_id")
        return case
    if case is None:
        raise NotFound("案件不存在", field="case_id")
    if not permissions.may_see(actor, case):
        raise Forbidden("无权查看该案件", field="case_id")
    return case


def case_id_by_number(session: Session, number: str) -> int | None:
    """The case with this number (as stored), for the platform's own commands: no actor, no permission."""
    return session.scalar(select(Case.id).where(Case.case_number == number))


def find_by_number(session: Session, *, actor: Actor, text: str, court_codes, type_codes) -> Case:
    """Look a case up by its number in any accepted form (half-width brackets, spaces)."""
    number = rules.parse_case_number(text, court_codes=court_codes, type_codes=type_codes)
    case_id = session.scalar(select(Case.id).where(Case.case_number == str(number)))
    if not actor.is_staff and (case_id is None or not is_party(session, actor, case_id)):
        raise Concealed(CONCEALED_CASE, field="case_number")
    if case_id is None:
        raise NotFound(f"案号{number}不存在", field="case_number")
    return get_case(session, actor=actor, case_id=case_id)


LINK_RELATIONS = {"appeal": "上诉", "retrial_review": "申请再审", "retrial": "再审", "enforcement": "执行",
                  "enforcement_resumed": "恢复执行", "remand": "发回重审"}


def link_cases(session: Session, *, actor: Actor, from_case: Case, to_case: Case, relation: str) -> CaseLink:
    """Record that a later case continues a matter (民初 → 民终 → 民申 → 民再; 执 → 执恢), 案号规定 §1.5."""
    if relation not in LINK_RELATIONS:
        raise InvalidInput("关联关系无效", field="relation")
    if from_case.id == to_case.id:
        raise InvalidInput("案件不能关联自身", field="to_case_id")
    link = CaseLink(court_id=to_case.court_id, from_case_id=from_case.id, to_case_id=to_case.id, relation=relation)
    session.add(link)
    for case, other in ((from_case, to_case), (to_case, from_case)):
        log_event(session, case=case, actor=actor, kind=EventKind.LINKED,
                  summary=f"关联案件{other.case_number}（{LINK_RELATIONS[relation]}）")
    audit.record(session, actor_id=actor.id, action=AuditAction.CASE_LINK, object_type="case", object_id=to_case.id,
                 court_id=to_case.court_id, details={"from": from_case.id, "relation": relation})
    return link


def linked_cases(session: Session, *, case: Case) -> list[tuple[str, Case]]:
    """The other numbers of the same matter, each with how it relates to this case."""
    links = session.scalars(select(CaseLink).where(
        (CaseLink.from_case_id == case.id) | (CaseLink.to_case_id == case.id)).order_by(CaseLink.id))
    result = []
    for link in links:
        other_id = link.to_case_id if link.from_case_id == case.id else link.from_case_id
        result.append((LINK_RELATIONS[link.relation], session.get_one(Case, other_id)))  # a link joins two cases
    return result


def timeline(session: Session, *, actor: Actor, case: Case) -> list[timeline_views.TimelineEntry]:
    """The case's events, oldest first: staff see them as written, parties as cases/timeline.py decides."""
    query = select(TimelineEvent).where(TimelineEvent.case_id == case.id).order_by(TimelineEvent.at,
                                                                                   TimelineEvent.id)
    if actor.is_staff:
        return [timeline_views.for_staff(event) for event in session.scalars(query)]
    events = session.scalars(query.where(TimelineEvent.kind.in_(timeline_views.PARTY_KINDS)))
    return [timeline_views.for_parties(event) for event in events]


def reassign(session: Session, *, actor: Actor, case_id: int, judge, reason: str) -> Case:
    """Give the case to another judge of its court (a chief: of the chief's division)."""
    case = get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not permissions.may_reassign(actor, case):
        raise Forbidden("只有庭长或院领导可以改派案件")
    if judge is None or judge.role != "judge" or not judge.active or judge.court_id != case.court_id:
        raise InvalidInput("所选人员不是本案受理法院在岗的员额法官", field="judge_id")
    if actor.role == "division_chief" and judge.division_id != actor.division_id:
        raise InvalidInput("庭长只能改派给本庭法官", field="judge_id")
    if judge.id == case.judge_id:
        raise InvalidInput("所选法官已是本案承办法官", field="judge_id")
    if not reason or not reason.strip():
        raise InvalidInput("请填写改派理由", field="reason")
    case.stage = rules.allowed_transition(case.stage, "reassign")
    old_judge = case.judge_id
    case.judge_id, case.division_id = judge.id, judge.division_id
    case.assignment_reasons = [*case.assignment_reasons, f"改派：{reason.strip()}"]
    record_event(session, case=case, actor=actor, kind=EventKind.REASSIGNED,
                 summary=f"改派至承办法官{judge.display_name}：{reason.strip()}",
                 details={"judge_name": judge.display_name}, audit_action=AuditAction.CASE_REASSIGN,
                 audit_details={"from": old_judge, "to": judge.id, "reason": reason})
    return case


@dataclass(frozen=True)
class Attendance:
    """Who attended a hearing and who, summoned, did not: what a judgment's 审理经过 states (parties by name)."""

    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    online: bool = False
    summoned_by_notice: bool = False   # the absent were summoned by public notice (公告送达开庭传票)


@dataclass(frozen=True)
class HearingRecord:
    held_on: date | None               # None: an event from before the date was kept (demo data)
    attendance: Attendance | None      # None: who attended was not recorded


def attendance_of(present: Sequence[str] = (), absent: Sequence[str] = (), online: bool = False,
                  summoned_by_notice: bool = False) -> Attendance | None:
    """The attendance a form or request gives; None when it names no one (not recorded)."""
    if len(present) + len(absent) > ATTENDANCE_MAX:
        raise InvalidInput(f"到庭情况所列当事人不超过{ATTENDANCE_MAX}名", field="present")
    present, absent = tuple(name.strip() for name in present), tuple(name.strip() for name in absent)
    return Attendance(present, absent, online, summoned_by_notice) if present or absent else None


def _attendance(case: Case, attendance: Attendance) -> dict:
    parties = {party.name for party in case.parties if party.role != "agent"}
    for field, names in (("present", attendance.present), ("absent", attendance.absent)):
        unknown = [name for name in names if name not in parties]
        if unknown:
            raise InvalidInput(f"{'、'.join(unknown)}不是本案当事人", field=field)
    both = [name for name in attendance.present if name in attendance.absent]
    if both:
        raise InvalidInput(f"{'、'.join(both)}不能同时记为到庭和未到庭", field="absent")
    return {"present": list(dict.fromkeys(attendance.present)), "absent": list(dict.fromkeys(attendance.absent)),
            "online": attendance.online, "summoned_by_notice": attendance.summoned_by_notice}


def hearings(session: Session, *, case: Case) -> list[HearingRecord]:
    """The hearings recorded for the case (hearing_held events), oldest first, with who attended where recorded."""
    events = session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == case.id,
                                                         TimelineEvent.kind == EventKind.HEARING_HELD)
                             .order_by(TimelineEvent.at, TimelineEvent.id))
    records = []
    for event in events:
        details = event.details or {}
        attendance = Attendance(tuple(details["present"]), tuple(details["absent"]), bool(details.get("online")),
                                bool(details.get("summoned_by_notice"))) if "present" in details else None
        held_on = date.fromisoformat(details["held_on"]) if "held_on" in details else None
        records.append(HearingRecord(held_on, attendance))
    return records


def hold_hearing(session: Session, *, actor: Actor, case_id: int, held_on: date, summary: str,
                 attendance: Attendance | None = None) -> Case:
    case = get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not permissions.may_conduct(actor, case):
        raise Forbidden("只有承办法官或本庭法官助理、书记员可以记录庭审")
    if held_on < case.accepted_on:
        raise InvalidInput("开庭日期不能早于立案日期", field="held_on")
    recorded = _attendance(case, attendance) if attendance else {}
    case.stage = rules.allowed_transition(case.stage, "hold_hearing")
    text = (summary or "").strip()[:300]
    record_event(session, case=case, actor=actor, kind=EventKind.HEARING_HELD,
                 summary=f"{rules.chinese_date(held_on)} 开庭审理" + (f"：{text}" if text else ""),
                 details={"held_on": held_on.isoformat()} | recorded, audit_action=AuditAction.CASE_HOLD_HEARING,
                 audit_details={"held_on": held_on.isoformat()} | recorded)
    return case


def close_case(session: Session, *, actor: Actor, case_id: int, method: str, closed_on: date, today: date,
               document_id: int | None = None, document_name: str = "") -> Case:
    """Close the case; `document_id` names the deciding document already in its dossier (closing.py puts it there)."""
    case = get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not permissions.may_close(actor, case):
        raise Forbidden("只有承办法官可以结案")
    rules.validate_closing(method, closed_on, case.accepted_on, today=today)
    case.stage = rules.allowed_transition(case.stage, "close")
    case.closed_on, case.closing_method = closed_on, method
    document = f"（{rules.CLOSING_DOCUMENTS[method]}：{document_name}）" if document_id else ""
    record_event(session, case=case, actor=actor, kind=EventKind.CLOSED,
                 summary=f"{rules.chinese_date(closed_on)} 以{rules.CLOSING_METHOD_LABELS[method]}方式结案{document}",
                 details={"method": method, "document_id": document_id}, audit_action=AuditAction.CASE_CLOSE,
                 audit_details={"method": method, "closed_on": closed_on.isoformat(), "document_id": document_id})
    return case


def close_on_effect(session: Session, *, case_id: int, method: str, closed_on: date, document_id: int,
                    document_name: str) -> Case:
    """Close the case by a document that took effect without a further act of the judge (a mediation statement
    signed for by the last party, CPL art. 100): written by the platform, on that date."""
    case = case_for_platform(session, case_id, for_update=True)
    rules.validate_closing(method, closed_on, case.accepted_on, today=closed_on)
    case.stage = rules.allowed_transition(case.stage, "close")
    case.closed_on, case.closing_method = closed_on, method
    record_event(session, case=case, actor=None, kind=EventKind.CLOSED,
                 summary=f"{rules.chinese_date(closed_on)} 以{rules.CLOSING_METHOD_LABELS[method]}方式结案"
                         f"（{rules.CLOSING_DOCUMENTS[method]}：{document_name}）",
                 details={"method": method, "document_id": document_id}, audit_action=AuditAction.CASE_CLOSE,
                 audit_details={"method": method, "closed_on": closed_on.isoformat(), "document_id": document_id})
    return case


# ---------------------------------------------------------------- the deadline, as deadlines/ computes it


def convert_procedure(session: Session, *, actor: Actor, case: Case, to_procedure: str, deadline_on: date | None,
                      summary: str, details: dict, audit_details: dict) -> TimelineEvent:
    """The procedure a ruling converted the case to, with the deadline of the new procedure."""
    case.procedure = to_procedure
    case.deadline_on = deadline_on
    return record_event(session, case=case, actor=actor, kind=EventKind.PROCEDURE_CONVERTED, summary=summary,
                        details=details, audit_action=AuditAction.DEADLINE_CONVERT, audit_details=audit_details)


def change_deadline(session: Session, *, actor: Actor, case: Case, deadline_on: date | None, kind: EventKind,
                    summary: str, details: dict, audit_action: AuditAction, audit_details: dict) -> TimelineEvent:
    """A deadline decided anew (an extension or a period not counted decided, such a period ended), with the event
    of `kind` that says why and its audit record."""
    case.deadline_on = deadline_on
    return record_event(session, case=case, actor=actor, kind=kind, summary=summary, details=details,
                        audit_action=audit_action, audit_details=audit_details)


def refresh_deadline(session: Session, *, case: Case, deadline_on: date | None) -> None:
    """The stored deadline brought in line with the engine by the recompute sweep: nothing happened to the case, so
    no event."""
    case.deadline_on = deadline_on


ORDERS = {
    "newest": (Case.accepted_on.desc(), Case.id.desc()),
    "deadline": (Case.deadline_on.asc().nulls_last(), Case.id.asc()),  # a docket: the nearest deadline first
}
ORDER_KEYS = {"newest": "accepted_on", "deadline": "deadline_on"}  # the date a page's cursor carries


def _visible(actor: Actor, *, open_only: bool, mine_only: bool):
    query = select(Case).where(permissions.case_scope(actor))
    if mine_only:
        query = query.where(Case.judge_id == actor.id)
    if open_only:
        query = query.where(Case.stage.in_(OPEN_STAGES))
    return query


def list_cases(session: Session, *, actor: Actor, open_only: bool = False, mine_only: bool = False,
               order: str = "newest", limit: int = 50, offset: int = 0, after: Cursor | None = None) -> list[Case]:
    """Cases the actor may see, newest first or nearest deadline first; a judge's docket with mine_only.
    Pages by `after` (the cursor of the previous page's last case), or by offset for the first few."""
    if order not in ORDERS:
        raise InvalidInput("排序方式应为 newest 或 deadline", field="order")
    query = _visible(actor, open_only=open_only, mine_only=mine_only)
    if after is not None:
        if order == "newest" and after.on is None:
            raise InvalidInput("翻页游标无效：请使用上一页返回的游标，或从第一页重新开始", field="cursor")
        query = query.where(after_descending(Case.accepted_on, Case.id, after) if order == "newest"
                            else after_ascending_nulls_last(Case.deadline_on, Case.id, after))
    return list(session.scalars(query.order_by(*ORDERS[order]).limit(limit).offset(offset)))


def count_cases(session: Session, *, actor: Actor, open_only: bool = False, mine_only: bool = False) -> int:
    """How many cases list_cases pages through."""
    query = _visible(actor, open_only=open_only, mine_only=mine_only)
    return session.scalars(select(func.count()).select_from(query.subquery())).one()


def open_caseloads(session: Session, *, judge_ids: list[int]) -> dict[int, int]:
    """Open cases per judge, for balancing assignment."""
    rows = session.execute(
        select(Case.judge_id, func.count()).where(Case.judge_id.in_(judge_ids), Case.stage.in_(OPEN_STAGES))
        .group_by(Case.judge_id)
    )
    counts = dict.fromkeys(judge_ids, 0)
    counts.update({judge_id: n for judge_id, n in rows if judge_id is not None})  # none is: in_() leaves no NULL
    return counts

