"""Use cases of an online hearing (在线诉讼规则 arts 7, 21–27). Each takes the caller's session (one transaction) and
the court's moment `now` from its caller.

Who does what: every participant listed on the hearing (bench, clerk, parties, agents) re-verifies with a one-time
code and then gets a join link from the video adapter; their joins and departures are recorded with lateness. The
hearing's clerk marks someone absent or departed (with or without a valid reason); the bench and the clerk read the
art. 25 proposals (never applied here: the judge decides). The clerk writes the live record, which participants
read while it is written; the clerk closes it, after which it is never changed (a correction needs the judge's
ruling outside this record: the platform refuses edits rather than lapsing signatures). Each party or agent who
attended signs it after a new code; the clerk notes a refusal to sign (CPL art. 150). Once every attendee of the
parties' side signed or refused, the record with its attendance and signatures is filed as a PDF in the main volume.

Rights: only the hearing's participants see or act (a party of another case: the one 404); the proposals and marks'
notes are the court's alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from hashlib import sha256

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.rules import chinese_date
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, NotFound
from omnicourt.hearings import rules as hearing_rules
from omnicourt.hearings.models import Hearing, HearingParticipant
from omnicourt.hearings.online import rules, video
from omnicourt.hearings.online.models import OnlineAttendance, OnlineRecord, OnlineRecordSignature
from omnicourt.hearings.online.rules import Attendance
from omnicourt.reference import service as reference
from omnicourt.security import one_time_codes
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.textcheck import form_text

CONCEALED = "庭审不存在或无权查看"
RECORD_MAX = 200_000
NOTE_MAX = 500
OPENS_BEFORE = timedelta(minutes=30)  # the virtual room opens half an hour before the start
PARTY_SIDE = (*hearing_rules.PARTY_ROLES, "agent")
TITLE = "庭审笔录（在线庭审）"


# ---------------------------------------------------------------- who is who


def _hearing(session: Session, actor: Actor, hearing_id: int, *, for_update: bool = False) -> tuple[Hearing, list]:
    """The online hearing and the actor's own participant rows; not a participant: the one 404."""
    hearing = session.get(Hearing, hearing_id, with_for_update=for_update)
    if hearing is None or hearing.mode != "online":
        raise Concealed(CONCEALED, field="hearing_id")
    try:
        case = cases.get_case(session, actor=actor, case_id=hearing.case_id)
    except NotFound:
        raise Concealed(CONCEALED, field="hearing_id") from None
    mine = mine_of(actor, hearing, case)
    if not mine:
        raise Concealed(CONCEALED, field="hearing_id")
    return hearing, mine


def mine_of(actor: Actor, hearing: Hearing, case) -> list[HearingParticipant]:
    """The participant rows the actor is: its account's, or its case-party rows' (linked by account or bound number)."""
    own_parties: set[int] = set()
    if not actor.is_staff:
        bound = actor.bound_number
        for party in case.parties:
            number = party.uscc if actor.person_type_is_legal else party.id_number
            if party.account_id == actor.id or (bound is not None and number == bound):
                own_parties.add(party.id)
    return [p for p in hearing.participants
            if p.account_id == actor.id or (p.case_party_id is not None and p.case_party_id in own_parties)]


def _clerk(mine: list[HearingParticipant]) -> None:
    if not any(p.role == "clerk" for p in mine):
        raise Forbidden("只有本次庭审的书记员可以办理此事项", field="hearing_id")


def _court(mine: list[HearingParticipant]) -> bool:
    return any(p.role == "clerk" or p.role in hearing_rules.BENCH_ROLES for p in mine)


def _attendance(session: Session, hearing: Hearing, participant: HearingParticipant, now: datetime
                ) -> OnlineAttendance:
    row = session.scalar(select(OnlineAttendance).where(OnlineAttendance.participant_id == participant.id))
    if row is None:
        row = OnlineAttendance(hearing_id=hearing.id, participant_id=participant.id, court_id=hearing.court_id,
                               status=Attendance.EXPECTED.value, late_minutes=0, joins=0, valid_reason=False,
                               note="", updated_at=now)
        session.add(row)
    return row


def _record(session: Session, hearing_id: int, *, for_update: bool = False) -> OnlineRecord | None:
    query = select(OnlineRecord).where(OnlineRecord.hearing_id == hearing_id)
    return session.scalar(query.with_for_update() if for_update else query)


# ---------------------------------------------------------------- joining and leaving


@dataclass(frozen=True)
class Joined:
    link: str
    late_minutes: int


def join(session: Session, settings: Settings, *, actor: Actor, hearing_id: int, proof_id: int | None,
         now: datetime) -> Joined:
    """A participant joins after a fresh one-time code (art. 7): the join link, and the attendance recorded."""
    hearing, mine = _hearing(session, actor, hearing_id, for_update=True)
    if hearing.status != "scheduled":
        raise Conflict("该庭审已结束或已延期", field="hearing_id")
    if now < hearing.starts_at - OPENS_BEFORE:
        raise Conflict(f"在线庭审室于开庭前{OPENS_BEFORE.seconds // 60}分钟开放", field="hearing_id")
    record = _record(session, hearing.id)
    if record is not None and record.status != "writing":
        raise Conflict("庭审笔录已闭合，庭审已结束", field="hearing_id")
    one_time_codes.consume(session, account_id=actor.id, proof_id=proof_id, purpose="online_hearing", now=now)
    late = 0
    for participant in mine:
        row = _attendance(session, hearing, participant, now)
        if row.joined_at is None:
            row.joined_at = now
            row.late_minutes = rules.late_minutes(starts_at=hearing.starts_at, joined_at=now)
        late = max(late, row.late_minutes)
        row.status, row.left_at, row.joins, row.updated_at = Attendance.JOINED.value, None, row.joins + 1, now
    link = video.join_link(settings)(settings.video_base_url, hearing.id, mine[0].id, mine[0].name)
    audit.record(session, actor_id=actor.id, action=AuditAction.ONLINE_HEARING_JOIN, object_type="hearing",
                 object_id=hearing.id, court_id=hearing.court_id,
                 details={"participant_ids": [p.id for p in mine], "late_minutes": late, "method": "sms_code"})
    return Joined(link, late)


def leave(session: Session, *, actor: Actor, hearing_id: int, now: datetime) -> None:
    hearing, mine = _hearing(session, actor, hearing_id, for_update=True)
    for participant in mine:
        row = _attendance(session, hearing, participant, now)
        if row.status == Attendance.JOINED:
            row.status, row.left_at, row.updated_at = Attendance.LEFT.value, now, now
    audit.record(session, actor_id=actor.id, action=AuditAction.ONLINE_HEARING_LEAVE, object_type="hearing",
                 object_id=hearing.id, court_id=hearing.court_id, details={"participant_ids": [p.id for p in mine]})


def mark(session: Session, *, actor: Actor, hearing_id: int, participant_id: int, status: str, valid_reason: bool,
         note: str, now: datetime) -> OnlineAttendance:
    """The clerk marks a participant absent (did not join) or departed (left mid-way after a warning), saying whether
    the reason is valid under art. 25 (network failure, equipment damage, power cut, force majeure)."""
    hearing, mine = _hearing(session, actor, hearing_id, for_update=True)
    _clerk(mine)
    mark_as = rules.mark_named(status)
    text = form_text(note, field="note", label="情况说明", max_length=NOTE_MAX, multiline=True)
    participant = next((p for p in hearing.participants if p.id == participant_id), None)
    if participant is None:
        raise NotFound("该参加人不在本次庭审名单中", field="participant_id")
    row = _attendance(session, hearing, participant, now)
    if mark_as == Attendance.ABSENT and row.status == Attendance.JOINED:
        raise Conflict(f"{participant.name}正在庭，不能标记为未到庭", field="status")
    if mark_as == Attendance.DEPARTED and row.joined_at is None:
        raise Conflict(f"{participant.name}未曾入庭，应标记为未到庭", field="status")
    row.status, row.valid_reason, row.note, row.marked_by, row.updated_at = (
        mark_as.value, valid_reason, text, actor.id, now)
    if mark_as == Attendance.DEPARTED and row.left_at is None:
        row.left_at = now
    audit.record(session, actor_id=actor.id, action=AuditAction.ONLINE_HEARING_MARK, object_type="hearing",
                 object_id=hearing.id, court_id=hearing.court_id,
                 details={"participant_id": participant.id, "status": mark_as.value, "valid_reason": valid_reason,
                          "note": text})
    return row


@dataclass(frozen=True)
class AttendanceLine:
    participant_id: int
    role: str
    name: str
    status: Attendance
    joined_at: datetime | None
    left_at: datetime | None
    late_minutes: int
    proposal: rules.Proposal | None  # the court's only


def attendance(session: Session, *, actor: Actor, hearing_id: int) -> list[AttendanceLine]:
    """Everyone on the hearing with their attendance; the art. 25 proposals for the bench and the clerk alone."""
    hearing, mine = _hearing(session, actor, hearing_id)
    court = _court(mine)
    rows = {r.participant_id: r for r in session.scalars(select(OnlineAttendance)
                                                         .where(OnlineAttendance.hearing_id == hearing.id))}
    lines = []
    for p in hearing.participants:
        row = rows.get(p.id)
        status = Attendance(row.status) if row else Attendance.EXPECTED
        proposal = rules.proposal(role=p.role, status=status, valid_reason=row.valid_reason) if row else None
        lines.append(AttendanceLine(p.id, p.role, p.name, status, row.joined_at if row else None,
                                    row.left_at if row else None, row.late_minutes if row else 0,
                                    proposal if court else None))
    return lines


# ---------------------------------------------------------------- the live record


def write_record(session: Session, *, actor: Actor, hearing_id: int, text: str, now: datetime) -> OnlineRecord:
    """The clerk saves the record as it stands; refused once closed."""
    hearing, mine = _hearing(session, actor, hearing_id, for_update=True)
    _clerk(mine)
    body = form_text(text, field="text", label="庭审笔录", max_length=RECORD_MAX, multiline=True)
    record = _record(session, hearing.id, for_update=True)
    if record is None:
        record = OnlineRecord(hearing_id=hearing.id, case_id=hearing.case_id, court_id=hearing.court_id, text="",
                              version=0, status="writing", text_sha256="")
        session.add(record)
    elif record.status != "writing":
        raise Conflict("庭审笔录已闭合，不能再修改", field="text")
    record.text, record.version, record.updated_by, record.updated_at = body, record.version + 1, actor.id, now
    session.flush()
    if record.version == 1:
        audit.record(session, actor_id=actor.id, action=AuditAction.ONLINE_RECORD_WRITE, object_type="online_record",
                     object_id=record.id, court_id=record.court_id, details={"hearing_id": hearing.id})
    return record


def close_record(session: Session, settings: Settings, *, actor: Actor, hearing_id: int, now: datetime
                 ) -> OnlineRecord:
    """The clerk closes the record: from now on it is what each attendee signs, unchanged."""
    hearing, mine = _hearing(session, actor, hearing_id, for_update=True)
    _clerk(mine)
    record = _record(session, hearing.id, for_update=True)
    if record is None or not record.text.strip():
        raise Conflict("庭审笔录尚无内容，不能闭合", field="text")
    if record.status != "writing":
        raise Conflict("庭审笔录已闭合", field="text")
    record.status, record.closed_at = "closed", now
    record.text_sha256 = sha256(record.text.encode()).hexdigest()
    record.updated_at = now
    audit.record(session, actor_id=actor.id, action=AuditAction.ONLINE_RECORD_CLOSE, object_type="online_record",
                 object_id=record.id, court_id=record.court_id,
                 details={"hearing_id": hearing.id, "text_sha256": record.text_sha256, "version": record.version})
    _file_when_complete(session, settings, hearing, record, actor, now)
    return record


def _signatures(session: Session, record: OnlineRecord) -> dict[int, OnlineRecordSignature]:
    return {s.participant_id: s for s in session.scalars(select(OnlineRecordSignature)
                                                         .where(OnlineRecordSignature.record_id == record.id))}


def signers(session: Session, hearing: Hearing) -> list[HearingParticipant]:
    """Who signs: the parties and agents who attended (joined, or left on their own); those absent or departed are
    noted in the attendance instead."""
    rows = {r.participant_id: r for r in session.scalars(select(OnlineAttendance)
                                                         .where(OnlineAttendance.hearing_id == hearing.id))}
    return [p for p in hearing.participants if p.role in PARTY_SIDE and p.id in rows
            and rows[p.id].status in (Attendance.JOINED, Attendance.LEFT)]


def sign_record(session: Session, settings: Settings, *, actor: Actor, hearing_id: int, proof_id: int | None,
                now: datetime) -> OnlineRecord:
    """A party or agent who attended signs the closed record after a fresh one-time code."""
    hearing, mine = _hearing(session, actor, hearing_id, for_update=True)
    record = _record(session, hearing.id, for_update=True)
    if record is None or record.status == "writing":
        raise Conflict("庭审笔录尚未闭合，暂不能签名", field="hearing_id")
    if record.status == "filed":
        raise Conflict("庭审笔录已归档", field="hearing_id")
    done = _signatures(session, record)
    expected = {p.id for p in signers(session, hearing)}
    pending = [p for p in mine if p.id in expected and p.id not in done]
    if not pending:
        raise Conflict("您无需签名或已签名", field="hearing_id")
    one_time_codes.consume(session, account_id=actor.id, proof_id=proof_id, purpose="record_signature", now=now)
    for p in pending:
        session.add(OnlineRecordSignature(record_id=record.id, participant_id=p.id, signed=True, account_id=actor.id,
                                          text_sha256=record.text_sha256, method="sms_code", note="", at=now))
    session.flush()
    audit.record(session, actor_id=actor.id, action=AuditAction.ONLINE_RECORD_SIGN, object_type="online_record",
                 object_id=record.id, court_id=record.court_id,
                 details={"participant_ids": [p.id for p in pending], "text_sha256": record.text_sha256})
    _file_when_complete(session, settings, hearing, record, actor, now)
    return record


def note_refusal(session: Session, settings: Settings, *, actor: Actor, hearing_id: int, participant_id: int,
                 note: str, now: datetime) -> OnlineRecord:
    """The clerk notes that an attendee refused to sign, and how (CPL art. 150: 拒绝签名盖章的，记明情况附卷)."""
    hearing, mine = _hearing(session, actor, hearing_id, for_update=True)
    _clerk(mine)
    text = form_text(note, field="note", label="拒绝签名情况", max_length=NOTE_MAX, multiline=True)
    if len(text.strip()) < 4:
        raise Conflict("请记明拒绝签名的情况（不少于4个字）", field="note")
    record = _record(session, hearing.id, for_update=True)
    if record is None or record.status != "closed":
        raise Conflict("庭审笔录闭合后、归档前才能记明拒绝签名", field="hearing_id")
    if participant_id not in {p.id for p in signers(session, hearing)}:
        raise NotFound("该参加人无需在庭审笔录上签名", field="participant_id")
    if participant_id in _signatures(session, record):
        raise Conflict("该参加人已签名或已记明拒签", field="participant_id")
    session.add(OnlineRecordSignature(record_id=record.id, participant_id=participant_id, signed=False,
                                      account_id=actor.id, text_sha256=record.text_sha256, method="clerk_note",
                                      note=text, at=now))
    session.flush()
    audit.record(session, actor_id=actor.id, action=AuditAction.ONLINE_RECORD_REFUSAL, object_type="online_record",
                 object_id=record.id, court_id=record.court_id, details={"participant_id": participant_id,
                                                                         "note": text})
    _file_when_complete(session, settings, hearing, record, actor, now)
    return record


def _moment(at: datetime | None) -> str:
    if at is None:
        return "—"
    local = clock.local(at)
    return f"{chinese_date(local.date())} {local:%H:%M}"


def record_lines(session: Session, hearing: Hearing, record: OnlineRecord) -> list[pdf.Line]:
    case = cases.case_for_platform(session, hearing.case_id)
    court = reference.court(session, hearing.court_id)
    rows = {r.participant_id: r for r in session.scalars(select(OnlineAttendance)
                                                         .where(OnlineAttendance.hearing_id == hearing.id))}
    signed = _signatures(session, record)
    lines = [pdf.Line(f"法院：{court.name}"), pdf.Line(f"案号：{case.case_number}"),
             pdf.Line(f"开庭时间：{_moment(hearing.starts_at)}（在线开庭）"), pdf.Line(""), pdf.Line("【到庭情况】")]
    for p in hearing.participants:
        row = rows.get(p.id)
        status = Attendance(row.status) if row else Attendance.EXPECTED
        said = rules.ATTENDANCE_LABELS[status]
        if row and row.joined_at:
            said += f"，入庭{_moment(row.joined_at)}" + (f"（迟到{row.late_minutes}分钟）" if row.late_minutes else "")
        if row and row.left_at:
            said += f"，离开{_moment(row.left_at)}"
        lines.append(pdf.Line(f"{hearing_rules.PARTICIPANT_ROLES.get(p.role, p.role)} {p.name}：{said}", 2))
    lines += [pdf.Line(""), pdf.Line("【笔录】")]
    lines += [pdf.Line(text, 2) for text in record.text.splitlines()]
    lines += [pdf.Line(""), pdf.Line("【签名】"), pdf.Line(f"笔录 SHA-256：{record.text_sha256}", 2)]
    names = {p.id: f"{hearing_rules.PARTICIPANT_ROLES.get(p.role, p.role)} {p.name}" for p in hearing.participants}
    for s in sorted(signed.values(), key=lambda s: (s.at, s.id)):
        if s.signed:
            lines.append(pdf.Line(f"{names[s.participant_id]}于{_moment(s.at)}经短信验证码核验身份后在线签名", 2))
        else:
            lines.append(pdf.Line(f"{names[s.participant_id]}拒绝签名（书记员记明：{s.note}）", 2))
    return lines


def _file_when_complete(session: Session, settings: Settings, hearing: Hearing, record: OnlineRecord, actor: Actor,
                        now: datetime) -> None:
    done = _signatures(session, record)
    if record.status != "closed" or any(p.id not in done for p in signers(session, hearing)):
        return
    case = cases.case_for_platform(session, hearing.case_id)
    local = clock.local(hearing.starts_at)
    upload = dossier.Upload(f"庭审笔录-在线庭审-{case.case_number}-{local:%Y%m%d%H%M}.pdf",
                            pdf.paged(TITLE, record_lines(session, hearing, record)))
    document = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                             court_id=hearing.court_id, uploaded_by=actor.id, case_id=hearing.case_id,
                             kind=DocumentKind.HEARING_RECORD)
    session.flush()
    record.status, record.document_id, record.updated_at = "filed", document.id, now
    audit.record(session, actor_id=actor.id, action=AuditAction.ONLINE_RECORD_FILE, object_type="online_record",
                 object_id=record.id, court_id=record.court_id, details={"document_id": document.id})


@dataclass(frozen=True)
class RecordView:
    hearing_id: int
    status: str  # none / writing / closed / filed
    text: str
    version: int
    updated_at: datetime | None
    text_sha256: str
    may_write: bool
    may_sign: bool
    signed: list[str]
    refused: list[str]
    document_id: int | None
    is_clerk: bool = False


def record_view(session: Session, *, actor: Actor, hearing_id: int) -> RecordView:
    """The record as it stands, for the hearing's participants only."""
    hearing, mine = _hearing(session, actor, hearing_id)
    record = _record(session, hearing.id)
    is_clerk = any(p.role == "clerk" for p in mine)
    if record is None:
        return RecordView(hearing.id, "none", "", 0, None, "", is_clerk, False, [], [], None, is_clerk)
    done = _signatures(session, record)
    names = {p.id: p.name for p in hearing.participants}
    expected = {p.id for p in signers(session, hearing)}
    may_sign = record.status == "closed" and any(p.id in expected and p.id not in done for p in mine)
    return RecordView(hearing.id, record.status, record.text, record.version, record.updated_at, record.text_sha256,
                      is_clerk and record.status == "writing", may_sign,
                      [names[i] for i, s in done.items() if s.signed], [names[i] for i, s in done.items()
                                                                        if not s.signed], record.document_id,
                      is_clerk)
