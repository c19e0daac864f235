"""Hearings' use cases: the judge schedules a hearing or pre-trial meeting (room, bench, clerk, parties and agents),
refused on any clash; the summons and notices go into the dossier and out by electronic delivery; postponements (the
president approving those on "other" grounds); holding the hearing; calendars, a case's hearings, a party's own, and
the public announcements. Each takes the caller's session (one transaction per use case).

Clashes are checked here and guaranteed in the database (models.py): a room by PostgreSQL's exclusion constraint, a
person by advisory locks taken before the check; SQLite runs writers one at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case
from omnicourt.cases.rules import chinese_date
from omnicourt.db import utcnow
from omnicourt.delivery import rules as delivery_rules
from omnicourt.delivery import service as delivery
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.hearings import records, rules
from omnicourt.hearings.models import Hearing, HearingParticipant, HearingPostponement
from omnicourt.notifications import service as notifications
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

CONCEALED = "庭审安排不存在或无权查看"
VIRTUAL_ROOM = "在线庭审（虚拟法庭）"
EXCLUSION_VIOLATION = "23P01"  # PostgreSQL's SQLSTATE for an exclusion constraint's refusal
CALENDAR_DAYS = {"day": 1, "week": 7}
MAX_JUDGES = 7


@dataclass(frozen=True)
class ScheduleIn:
    kind: str  # rules.KIND_LABELS
    mode: str  # rules.MODE_LABELS
    courtroom_id: int | None  # None: a virtual room (online only)
    starts_on: date
    starts_time: time
    minutes: int
    judge_ids: tuple[int, ...]  # the presiding judge first; one: a sole judge
    clerk_id: int
    public: bool = True


@dataclass(frozen=True)
class PostponeIn:
    ground: str  # rules.Ground
    reason: str
    next_on: date
    next_time: time
    minutes: int
    force_majeure: bool = False
    parties_agree: bool = False


@dataclass(frozen=True)
class Booked:
    """A hearing written, with the deliveries of its summons and notices (sent by the job after commit)."""

    hearing: Hearing
    delivery_ids: list[int] = field(default_factory=list)


# ---------------------------------------------------------------- who may act


def _conduct(actor: Actor, case: Case) -> None:
    if not permissions.may_conduct(actor, case):
        raise Forbidden("只有承办法官或本庭法官助理、书记员可以安排庭审", field="case_id")


def _open(case: Case) -> None:
    if case.stage not in cases.OPEN_STAGES:
        raise Conflict("案件已结案，不能再安排庭审", field="case_id")


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=clock.zone()).astimezone(UTC)


# ---------------------------------------------------------------- scheduling


def _bench(session: Session, case: Case, judge_ids: Sequence[int], clerk_id: int) -> tuple[list, object]:
    if len(judge_ids) > MAX_JUDGES:
        raise InvalidInput(f"审判人员不超过{MAX_JUDGES}人", field="judge_ids")
    if len(set(judge_ids)) != len(judge_ids):
        raise InvalidInput("同一名法官不能重复选择", field="judge_ids")
    judges = []
    for judge_id in judge_ids:
        account = security.get_account(session, judge_id)
        if account is None or account.role != "judge" or not account.active or account.court_id != case.court_id:
            raise InvalidInput("所选审判人员应为本案受理法院在岗的员额法官", field="judge_ids")
        judges.append(account)
    if case.judge_id not in judge_ids:
        raise InvalidInput("承办法官应参加审理", field="judge_ids")
    clerk = security.get_account(session, clerk_id)
    if clerk is None or clerk.role != "clerk" or not clerk.active or clerk.court_id != case.court_id:
        raise InvalidInput("所选书记员应为本案受理法院在岗的书记员", field="clerk_id")
    return judges, clerk


def _room(session: Session, case: Case, mode: str, courtroom_id: int | None):
    if courtroom_id is None:
        if mode != "online":
            raise InvalidInput("线下开庭应选择法庭", field="courtroom_id")
        return None
    room = reference.courtroom(session, courtroom_id)
    if room is None or room.court_id != case.court_id:
        raise InvalidInput("所选法庭不属于本案受理法院", field="courtroom_id")
    return room


def _agent_key(party) -> str | None:
    """A lawyer is one person across courts: by ID number, else by account; unknown, unchecked."""
    if party.id_number:
        return f"id:{party.id_number}"
    return f"account:{party.account_id}" if party.account_id else None


def _participants(case: Case, judges: list, clerk) -> list[HearingParticipant]:
    sole = len(judges) == 1
    rows = [HearingParticipant(role="sole_judge" if sole else ("presiding_judge" if i == 0 else "judge"),
                               name=j.display_name, account_id=j.id, person_key=f"account:{j.id}")
            for i, j in enumerate(judges)]
    rows.append(HearingParticipant(role="clerk", name=clerk.display_name, account_id=clerk.id,
                                   person_key=f"account:{clerk.id}"))
    for party in case.parties:
        agent = party.role == "agent"
        rows.append(HearingParticipant(role=party.role, name=party.name, account_id=party.account_id,
                                       case_party_id=party.id, person_key=_agent_key(party) if agent else None))
    return rows


def _what(participant: HearingParticipant) -> tuple[str, str]:
    """The input field and the words that name a participant in a clash."""
    if participant.role == "clerk":
        return "clerk_id", f"书记员{participant.name}"
    if participant.role == "agent":
        return "agents", f"委托诉讼代理人{participant.name}"
    return "judge_ids", f"审判员{participant.name}"


def _case_numbers(session: Session, case_ids: Iterable[int]) -> dict[int, str]:
    ids = set(case_ids)
    return dict(session.execute(select(Case.id, Case.case_number).where(Case.id.in_(ids))).all()) if ids \
        else {}


def find_clashes(session: Session, *, courtroom, starts_at: datetime, ends_at: datetime,
                 participants: Sequence[HearingParticipant], replacing: int | None = None) -> list[rules.Clash]:
    """Everything already booked in [starts_at, ends_at): the room, and each participant with a person key, in any
    court. `replacing`: the hearing being postponed, which no longer counts."""
    found: list[tuple[str, str, int, datetime, datetime]] = []
    if courtroom is not None:
        query = select(Hearing.case_id, Hearing.starts_at, Hearing.ends_at).where(
            Hearing.courtroom_id == courtroom.id, Hearing.status != "postponed", Hearing.starts_at < ends_at,
            Hearing.ends_at > starts_at)
        if replacing:
            query = query.where(Hearing.id != replacing)
        found += [("courtroom_id", f"法庭「{courtroom.name}」", *row) for row in session.execute(query)]
    keyed = {p.person_key: p for p in participants if p.person_key}
    if keyed:
        people = select(HearingParticipant.person_key, Hearing.case_id, HearingParticipant.starts_at,
                        HearingParticipant.ends_at).join(Hearing, Hearing.id == HearingParticipant.hearing_id).where(
            HearingParticipant.person_key.in_(keyed), HearingParticipant.active,
            HearingParticipant.starts_at < ends_at, HearingParticipant.ends_at > starts_at)
        if replacing:
            people = people.where(HearingParticipant.hearing_id != replacing)
        for key, case_id, other_start, other_end in session.execute(people):
            found.append((*_what(keyed[key or ""]), case_id, other_start, other_end))
    numbers = _case_numbers(session, (row[2] for row in found))
    return [rules.Clash(field_name, what, numbers.get(case_id, ""), clock.local(start), clock.local(end))
            for field_name, what, case_id, start, end in found]


def _lock_people(session: Session, participants: Sequence[HearingParticipant]) -> None:
    """PostgreSQL: one transaction at a time books a given person (the lock is held to commit), in a fixed order so
    two bookings cannot wait on each other. SQLite's write lock already serialises every booking."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted({p.person_key for p in participants if p.person_key}):
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})


def _book(session: Session, *, case: Case, actor: Actor, kind: str, mode: str, courtroom, starts_at: datetime,
          ends_at: datetime, public: bool, participants: list[HearingParticipant],
          postponed_from: int | None = None) -> Hearing:
    """Check every clash and write the hearing; a room taken by a concurrent booking that committed first is refused
    by the exclusion constraint, and named like any other clash."""
    _lock_people(session, participants)
    rules.refuse_clashes(find_clashes(session, courtroom=courtroom, starts_at=starts_at, ends_at=ends_at,
                                      participants=participants, replacing=postponed_from))
    hearing = Hearing(court_id=case.court_id, case_id=case.id, kind=kind, mode=mode,
                      courtroom_id=courtroom.id if courtroom else None, starts_at=starts_at, ends_at=ends_at,
                      status="scheduled", public=public, postponed_from_id=postponed_from, scheduled_by=actor.id,
                      created_at=utcnow())
    try:
        with session.begin_nested():
            session.add(hearing)
            session.flush()
    except IntegrityError as error:
        if getattr(error.orig, "sqlstate", None) != EXCLUSION_VIOLATION:
            raise
        rules.refuse_clashes(find_clashes(session, courtroom=courtroom, starts_at=starts_at, ends_at=ends_at,
                                          participants=()))
        raise Conflict("该法庭在该时段已被占用", field="courtroom_id") from error
    for participant in participants:
        participant.court_id, participant.hearing_id = case.court_id, hearing.id
        participant.starts_at, participant.ends_at, participant.active = starts_at, ends_at, True
    session.add_all(participants)
    session.flush()
    return hearing


def _place(session: Session, hearing: Hearing) -> str:
    room = reference.courtroom(session, hearing.courtroom_id) if hearing.courtroom_id else None
    return room.name if room else VIRTUAL_ROOM


def _summonses(session: Session, settings: Settings, *, actor: Actor, case: Case, hearing: Hearing,
               today: date) -> list[int]:
    """A summons to each party (a notice to each agent; a pre-trial meeting's notice to everyone), filed in the main
    volume and delivered electronically; the deliveries' ids."""
    court = reference.court(session, case.court_id)
    storage = storage_of(settings)
    place = f"{court.name}{_place(session, hearing)}"
    delivered: list[int] = []
    for party in case.parties:
        summoned = hearing.kind == "trial" and party.role != "agent"
        text_of = records.SummonsText(court.name, case.case_number, case.cause_name, party.name,
                                      rules.PARTICIPANT_ROLES.get(party.role, party.role), hearing.kind,
                                      rules.MODE_LABELS[hearing.mode], clock.local(hearing.starts_at), place, today)
        filename, content = (records.summons if summoned else records.notice_to_appear)(text_of)
        upload = dossier.Upload(filename, content)
        document = dossier.store(session, storage, upload=upload, checked=dossier.generated_pdf(upload),
                                 court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                                 kind=DocumentKind.SUMMONS if summoned else DocumentKind.HEARING_NOTICE)
        session.flush()
        delivered += [d.id for d in delivery.deliver(session, settings, actor=actor, case_id=case.id,
                                                     document_id=document.id, party_ids=[party.id],
                                                     document_class=delivery_rules.DocumentClass.NOTICE)]
    return delivered


def _when(hearing: Hearing) -> str:
    start, end = clock.local(hearing.starts_at), clock.local(hearing.ends_at)
    return f"{chinese_date(start.date())} {start:%H:%M}—{end:%H:%M}"


def schedule(session: Session, settings: Settings, *, actor: Actor, case_id: int, data: ScheduleIn,
             today: date) -> Booked:
    """Put a hearing on the calendar: checked against the law (notice, bench, length) and every clash, then the
    summonses filed and delivered, the timeline told (time and place, which parties see) and the action audited."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _conduct(actor, case)
    _open(case)
    if data.kind not in rules.KIND_LABELS:
        raise InvalidInput("庭审类型应为开庭或庭前会议", field="kind")
    if data.mode not in rules.MODE_LABELS:
        raise InvalidInput("开庭方式应为线下或在线", field="mode")
    rules.check_notice(kind=data.kind, today=today, starts_on=data.starts_on)
    rules.check_length(data.minutes)
    rules.check_bench(procedure=case.procedure, court_level=reference.court(session, case.court_id).level,
                      judges=len(data.judge_ids))
    room = _room(session, case, data.mode, data.courtroom_id)
    judges, clerk = _bench(session, case, data.judge_ids, data.clerk_id)
    starts_at = _local(data.starts_on, data.starts_time)
    if starts_at <= utcnow():
        raise InvalidInput("开庭时间已过", field="starts_time")
    hearing = _book(session, case=case, actor=actor, kind=data.kind, mode=data.mode, courtroom=room,
                    starts_at=starts_at, ends_at=starts_at + timedelta(minutes=data.minutes), public=data.public,
                    participants=_participants(case, judges, clerk))
    delivered = _summonses(session, settings, actor=actor, case=case, hearing=hearing, today=today)
    label = rules.KIND_LABELS[data.kind]
    cases.record_event(session, case=case, actor=actor, kind=EventKind.HEARING_SCHEDULED,
                       summary=f"定于{_when(hearing)}在{_place(session, hearing)}{label}"
                               f"（{rules.MODE_LABELS[data.mode]}{'，公开审理' if data.public else '，不公开审理'}）",
                       details={"hearing_id": hearing.id, "starts_at": hearing.starts_at.isoformat()},
                       audit_action=AuditAction.HEARING_SCHEDULE, object_type="hearing", object_id=hearing.id,
                       audit_details={"case_id": case.id, "courtroom_id": hearing.courtroom_id,
                                      "starts_at": hearing.starts_at.isoformat(), "judge_ids": list(data.judge_ids),
                                      "clerk_id": data.clerk_id, "deliveries": delivered})
    return Booked(hearing, delivered)


# ---------------------------------------------------------------- one hearing


def _hearing(session: Session, actor: Actor, hearing_id: int, *, for_update: bool = False) -> tuple[Hearing, Case]:
    """The hearing through its case's access: a party gets the one 404 for missing or not theirs."""
    hearing = session.get(Hearing, hearing_id, with_for_update=for_update)
    if hearing is None:
        if not actor.is_staff:
            raise Concealed(CONCEALED, field="hearing_id")
        raise NotFound("庭审安排不存在", field="hearing_id")
    try:
        case = cases.get_case(session, actor=actor, case_id=hearing.case_id, for_update=for_update)
    except Concealed:
        raise Concealed(CONCEALED, field="hearing_id") from None
    return hearing, case


def _deactivate(hearing: Hearing) -> None:
    for participant in hearing.participants:
        participant.active = False


def hold(session: Session, *, actor: Actor, hearing_id: int, present_party_ids: Sequence[int], summary: str,
         today: date) -> Hearing:
    """The scheduled hearing held: its attendance (each party present or, summoned, absent) recorded on the hearing and
    on the case's timeline as cases.hold_hearing writes it (the judgment's 审理经过 reads it there)."""
    hearing, case = _hearing(session, actor, hearing_id, for_update=True)
    _conduct(actor, case)
    if hearing.status != "scheduled":
        raise Conflict(f"该庭审{rules.STATUS_LABELS[hearing.status]}，不能再记录开庭", field="hearing_id")
    held_on = clock.local(hearing.starts_at).date()
    if held_on > today:
        raise Conflict(f"该庭审定于{chinese_date(held_on)}，尚未到开庭日期", field="hearing_id")
    present = set(present_party_ids)
    known = {p.case_party_id for p in hearing.participants if p.case_party_id}
    if present - known:
        raise InvalidInput("到庭人员应为本次庭审的当事人或代理人", field="present")
    for participant in hearing.participants:  # the bench and the clerk hold it
        participant.attended = participant.case_party_id in present if participant.case_party_id else True
    parties = [p for p in hearing.participants if p.role in rules.PARTY_ROLES]
    attendance = cases.attendance_of([p.name for p in parties if p.attended],
                                     [p.name for p in parties if not p.attended], online=hearing.mode == "online")
    hearing.status = "held"
    cases.hold_hearing(session, actor=actor, case_id=case.id, held_on=held_on, summary=summary,
                       attendance=attendance)
    return hearing


# ---------------------------------------------------------------- postponements


def _postponed_so_far(session: Session, case_id: int) -> int:
    return session.scalars(select(func.count()).select_from(HearingPostponement).join(
        Hearing, Hearing.id == HearingPostponement.hearing_id).where(
        HearingPostponement.case_id == case_id, HearingPostponement.status == "in_effect",
        Hearing.kind == "trial")).one()


def postpone(session: Session, settings: Settings, *, actor: Actor, hearing_id: int, data: PostponeIn,
             today: date) -> tuple[HearingPostponement, Booked | None]:
    """Postpone a scheduled hearing to a new time on a ground of CPL art. 149: in effect at once (the hearing replaced
    by a new one, summonses again), or on "other" grounds waiting for the president (延审规定 2018/2019)."""
    hearing, case = _hearing(session, actor, hearing_id, for_update=True)
    _conduct(actor, case)
    _open(case)
    if hearing.status != "scheduled":
        raise Conflict(f"该庭审{rules.STATUS_LABELS[hearing.status]}，不能延期", field="hearing_id")
    ground = rules.ground_named(data.ground)
    reason = (data.reason or "").strip()
    if rules.needs_president(ground) and not reason:
        raise InvalidInput("以其他事由延期的，应写明不可抗力或者意外事件的具体情况", field="reason")
    if session.scalar(select(HearingPostponement.id).where(HearingPostponement.hearing_id == hearing.id,
                                                           HearingPostponement.status == "pending")):
        raise Conflict("该庭审已有待院长审批的延期申请", field="hearing_id")
    rules.check_length(data.minutes)
    next_starts = _local(data.next_on, data.next_time)
    if hearing.kind == "trial":
        rules.check_postponement(procedure=case.procedure, postponed_so_far=_postponed_so_far(session, case.id),
                                 previous_on=clock.local(hearing.starts_at).date(), next_on=data.next_on,
                                 force_majeure=data.force_majeure, parties_agree=data.parties_agree)
    rules.check_notice(kind=hearing.kind, today=today, starts_on=data.next_on)
    postponement = HearingPostponement(
        court_id=case.court_id, case_id=case.id, hearing_id=hearing.id, ground=ground.value, reason=reason[:300],
        force_majeure=data.force_majeure, parties_agree=data.parties_agree, next_starts_at=next_starts,
        next_ends_at=next_starts + timedelta(minutes=data.minutes), status="pending", requested_by=actor.id,
        requested_at=utcnow())
    session.add(postponement)
    session.flush()
    if rules.needs_president(ground):
        presidents = [a.id for a in security.leaders_of(session, court_id=case.court_id) if a.role == "president"]
        notifications.notify(session, recipient_ids=presidents, kind="hearing_postponement",
                             message=f"{case.case_number} 申请以其他事由延期开庭，待院长审批", court_id=case.court_id,
                             case_id=case.id, link="/bench/hearings/postponements")
        audit.record(session, actor_id=actor.id, action=AuditAction.HEARING_POSTPONEMENT_REQUEST,
                     object_type="hearing_postponement", object_id=postponement.id, court_id=case.court_id,
                     details={"hearing_id": hearing.id, "ground": ground.value, "reason": reason})
        return postponement, None
    return postponement, _put_in_effect(session, settings, actor=actor, postponement=postponement, hearing=hearing,
                                        case=case, today=today)


def _put_in_effect(session: Session, settings: Settings, *, actor: Actor, postponement: HearingPostponement,
                   hearing: Hearing, case: Case, today: date) -> Booked:
    """The postponed hearing set aside and its replacement booked with the same bench and parties (clashes checked
    anew), summoned again; the postponement and its reason on the timeline for the parties (延审规定 art. 7)."""
    old = list(hearing.participants)
    hearing.status = "postponed"
    _deactivate(hearing)
    session.flush()
    copies = [HearingParticipant(role=p.role, name=p.name, account_id=p.account_id, case_party_id=p.case_party_id,
                                 person_key=p.person_key) for p in old]
    room = reference.courtroom(session, hearing.courtroom_id) if hearing.courtroom_id else None
    replacement = _book(session, case=case, actor=actor, kind=hearing.kind, mode=hearing.mode, courtroom=room,
                        starts_at=postponement.next_starts_at, ends_at=postponement.next_ends_at,
                        public=hearing.public, participants=copies, postponed_from=hearing.id)
    requester = security.get_account(session, postponement.requested_by)
    on_behalf = security.actor_for(session, requester) if requester and actor.id != requester.id else actor
    delivered = _summonses(session, settings, actor=on_behalf, case=case, hearing=replacement, today=today)
    postponement.status, postponement.next_hearing_id = "in_effect", replacement.id
    ground = rules.Ground(postponement.ground)
    previous_on = clock.local(hearing.starts_at).date()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.HEARING_POSTPONED,
                       summary=f"原定{_when(hearing)}的{rules.KIND_LABELS[hearing.kind]}延期至{_when(replacement)}。"
                               f"{rules.postponement_text(ground, postponement.reason)}",
                       details={"on": previous_on.isoformat(), "hearing_id": hearing.id,
                                "next_hearing_id": replacement.id, "ground": ground.value},
                       audit_action=AuditAction.CASE_HEARING_POSTPONED, object_type="hearing", object_id=hearing.id,
                       audit_details={"postponement_id": postponement.id, "ground": ground.value,
                                      "next_hearing_id": replacement.id, "deliveries": delivered})
    return Booked(replacement, delivered)


def decide_postponement(session: Session, settings: Settings, *, actor: Actor, postponement_id: int, approve: bool,
                        today: date) -> tuple[HearingPostponement, Booked | None]:
    """The president of the case's court approves (the postponement takes effect) or refuses (the hearing stays)."""
    if actor.role != "president":
        raise Forbidden("以其他事由延期开庭须经院长批准")
    postponement = session.get(HearingPostponement, postponement_id, with_for_update=True)
    if postponement is None:
        raise NotFound("延期申请不存在", field="postponement_id")
    if postponement.court_id != actor.court_id:
        raise Forbidden("只能审批本院的延期申请", field="postponement_id")
    if postponement.status != "pending":
        raise Conflict("该延期申请已审批", field="postponement_id")
    hearing, case = _hearing(session, actor, postponement.hearing_id, for_update=True)
    postponement.decided_by, postponement.decided_at = actor.id, utcnow()
    audit.record(session, actor_id=actor.id, action=AuditAction.HEARING_POSTPONEMENT_DECIDE,
                 object_type="hearing_postponement", object_id=postponement.id, court_id=case.court_id,
                 details={"approve": approve})
    if not approve:
        postponement.status = "refused"
        return postponement, None
    if hearing.status != "scheduled":
        raise Conflict(f"该庭审{rules.STATUS_LABELS[hearing.status]}，不能再延期", field="postponement_id")
    rules.check_notice(kind=hearing.kind, today=today, starts_on=clock.local(postponement.next_starts_at).date())
    return postponement, _put_in_effect(session, settings, actor=actor, postponement=postponement, hearing=hearing,
                                        case=case, today=today)


def waiting_postponements(session: Session, *, actor: Actor) -> list[tuple[HearingPostponement, str]]:
    """The president's queue: postponements of the court waiting for approval, with their case numbers."""
    if actor.role != "president":
        raise Forbidden("只有院长可以审批以其他事由延期开庭")
    rows = list(session.scalars(select(HearingPostponement).where(
        HearingPostponement.court_id == actor.court_id, HearingPostponement.status == "pending")
        .order_by(HearingPostponement.id)))
    numbers = _case_numbers(session, (p.case_id for p in rows))
    return [(p, numbers.get(p.case_id, "")) for p in rows]


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class HearingView:
    hearing: Hearing
    case_number: str
    cause: str
    place: str
    starts_at: datetime  # local
    ends_at: datetime  # local
    participants: list[HearingParticipant]

    @property
    def bench(self) -> str:
        return "、".join(f"{rules.PARTICIPANT_ROLES[p.role]}{p.name}" for p in self.participants
                        if p.role in rules.BENCH_ROLES)

    @property
    def clerk(self) -> str:
        return "、".join(p.name for p in self.participants if p.role == "clerk")


def _views(session: Session, hearings: Sequence[Hearing]) -> list[HearingView]:
    ids = [h.id for h in hearings]
    people: dict[int, list[HearingParticipant]] = {}
    if ids:
        for p in session.scalars(select(HearingParticipant).where(HearingParticipant.hearing_id.in_(ids))
                                 .order_by(HearingParticipant.id)):
            people.setdefault(p.hearing_id, []).append(p)
    facts = {row[0]: row[1:] for row in session.execute(
        select(Case.id, Case.case_number, Case.cause_name).where(Case.id.in_({h.case_id for h in hearings})))} \
        if hearings else {}
    return [HearingView(h, facts[h.case_id][0], facts[h.case_id][1], _place(session, h), clock.local(h.starts_at),
                        clock.local(h.ends_at), people.get(h.id, [])) for h in hearings]


def for_case(session: Session, *, actor: Actor, case_id: int) -> list[HearingView]:
    """A case's hearings, oldest first (postponed ones too): for whoever may see the case (a party: its own)."""
    cases.get_case(session, actor=actor, case_id=case_id)
    return _views(session, list(session.scalars(select(Hearing).where(Hearing.case_id == case_id)
                                                .order_by(Hearing.starts_at, Hearing.id))))


def one(session: Session, *, actor: Actor, hearing_id: int) -> HearingView:
    hearing, _ = _hearing(session, actor, hearing_id)
    return _views(session, [hearing])[0]


def mine(session: Session, *, actor: Actor, today: date, limit: int = 200) -> list[HearingView]:
    """Hearings from today on: a party's (or its lawyer's) cases', a staff member's own seat on the bench or as
    clerk."""
    query = select(Hearing).where(Hearing.starts_at >= clock.start_of(today), Hearing.status != "postponed")
    if actor.is_staff:
        seated = select(HearingParticipant.hearing_id).where(HearingParticipant.account_id == actor.id)
        query = query.where(Hearing.id.in_(seated))
    else:
        query = query.where(Hearing.case_id.in_(permissions.party_case_ids(actor)))
    return _views(session, list(session.scalars(query.order_by(Hearing.starts_at, Hearing.id).limit(limit))))


def _calendar_scope(session: Session, actor: Actor, judge_id: int | None, courtroom_id: int | None):
    """Whose calendar: a judge's (default: the actor's own) or a room's, of the actor's court (the province's for the
    high court's leaders); a room and its title."""
    if not actor.is_staff:
        raise Forbidden("日程表仅供法院工作人员查看")
    if courtroom_id is not None:
        room = reference.courtroom(session, courtroom_id)
        if room is None:
            raise NotFound("法庭不存在", field="courtroom_id")
        if room.court_id != actor.court_id and not actor.sees_province:
            raise Forbidden("只能查看本院法庭的日程", field="courtroom_id")
        court = reference.court(session, room.court_id)
        return Hearing.courtroom_id == room.id, f"{court.name}{room.name}"
    judge = security.get_account(session, judge_id or actor.id)
    if judge is None or judge.kind != "staff":
        raise NotFound("法官不存在", field="judge_id")
    if judge.court_id != actor.court_id and not actor.sees_province:
        raise Forbidden("只能查看本院法官的日程", field="judge_id")
    seated = select(HearingParticipant.hearing_id).where(HearingParticipant.account_id == judge.id)
    return Hearing.id.in_(seated), f"{judge.display_name}的庭审日程"


@dataclass(frozen=True)
class Calendar:
    title: str
    view: str  # day / week
    first_day: date
    days: list[tuple[date, list[HearingView]]]


def calendar(session: Session, *, actor: Actor, first_day: date, view: str = "week", judge_id: int | None = None,
             courtroom_id: int | None = None) -> Calendar:
    """A judge's or a room's hearings for a day or a week (from the Monday of `first_day`'s week)."""
    if view not in CALENDAR_DAYS:
        raise InvalidInput("日程视图应为 day 或 week", field="view")
    where, title = _calendar_scope(session, actor, judge_id, courtroom_id)
    start = first_day - timedelta(days=first_day.weekday()) if view == "week" else first_day
    days = [start + timedelta(days=i) for i in range(CALENDAR_DAYS[view])]
    hearings = list(session.scalars(select(Hearing).where(
        where, Hearing.status != "postponed", Hearing.starts_at >= clock.start_of(days[0]),
        Hearing.starts_at < clock.start_of(days[-1] + timedelta(days=1))).order_by(Hearing.starts_at, Hearing.id)))
    views = _views(session, hearings)
    return Calendar(title, view, start, [(day, [v for v in views if v.starts_at.date() == day]) for day in days])


def announcements(session: Session, *, today: date, court_code: str = "", days: int = 14,
                  limit: int = 200) -> list[rules.Announcement]:
    """开庭公告: the public trials of the coming days (a court's, or the province's), as CPL art. 139 lists them."""
    query = select(Hearing).where(Hearing.public, Hearing.kind == "trial", Hearing.status == "scheduled",
                                  Hearing.starts_at >= clock.start_of(today),
                                  Hearing.starts_at < clock.start_of(today + timedelta(days=days)))
    if court_code:
        query = query.where(Hearing.court_id == reference.court_by_code(session, court_code).id)
    hearings = list(session.scalars(query.order_by(Hearing.starts_at, Hearing.id).limit(limit)))
    found = []
    for view in _views(session, hearings):
        court = reference.court(session, view.hearing.court_id)
        parties = [(p.role, p.name) for p in view.participants]
        found.append(rules.Announcement(court.name, view.case_number, view.cause, rules.announced_parties(parties),
                                        view.starts_at, view.place))
    return found


@dataclass(frozen=True)
class CasePage:
    """A case's hearings and, for its conductors, what the scheduling form offers: the court's rooms, judges, clerks."""

    case: Case
    views: list[HearingView]
    may_conduct: bool
    rooms: list = field(default_factory=list)
    judges: list = field(default_factory=list)
    clerks: list = field(default_factory=list)


def case_page(session: Session, *, actor: Actor, case_id: int) -> CasePage:
    views = for_case(session, actor=actor, case_id=case_id)
    case = cases.get_case(session, actor=actor, case_id=case_id)
    if not permissions.may_conduct(actor, case):
        return CasePage(case, views, False)
    return CasePage(case, views, True, list(reference.courtrooms_of(session, case.court_id)),
                    security.staff_of(session, court_id=case.court_id, roles=("judge",)),
                    security.staff_of(session, court_id=case.court_id, roles=("clerk",)))
