"""Use cases of the asynchronous trial. Each takes the caller's session (one transaction per use case), is given the
court's moment `now` by its caller (it never reads the clock), and writes its timeline event and audit record with the
change.

Who does what: a party applies in writing and each party consents (or declines) while the trial is prepared; the
assigned judge opens the trial once every condition of art. 20(2) is met, opens the stages, ends a stage early once
every party answered, switches to a live hearing (art. 21) and assembles the record; each party answers each stage
within its window and confirms the record with its password. The case's court staff read everything; a party reads
its own answers always and the other parties' once the stage's window is over, or at once where the judge set so
(rules.Visibility). The judge's note on a stage never reaches a party.

A stage whose window passed is recorded as ended (who missed it, the consequence announced) by the next use case that
touches the trial: the judge's next stage, an early close, a switch or the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.assistant import service as assistant
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.evidence import service as evidence
from omnicourt.evidence.rules import SIDE_LABELS
from omnicourt.hearings.asynchronous import media, records, rules
from omnicourt.hearings.asynchronous.models import (
    AsyncTrial,
    AsyncTrialAnswer,
    AsyncTrialConfirmation,
    AsyncTrialConsent,
    AsyncTrialStage,
)
from omnicourt.hearings.asynchronous.rules import StageKind, Status
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.textcheck import form_text

if TYPE_CHECKING:
    from omnicourt.cases.models import Case, CaseParty
    from omnicourt.dossier.models import Document

MAX_ANSWER_FILES = 10
NO_TRIAL = "本案尚未申请异步审理"
NO_STAGE = "审理阶段不存在"
NO_FILE = "材料不存在或无权查看"
WRONG_PASSWORD = "登录密码不正确，未能确认笔录"
ROLE_LABELS = {side.value: label for side, label in SIDE_LABELS.items()}


@dataclass(frozen=True)
class AnswerIn:
    text: str = ""
    files: tuple[dossier.Upload, ...] = ()
    video: dossier.Upload | None = None


# ---------------------------------------------------------------- who is who


def participants(case: Case) -> list[CaseParty]:
    """The parties whose consent and answers the trial needs: every party of the case, agents excepted."""
    return [p for p in case.parties if p.role != "agent"]


def party_label(party: CaseParty) -> str:
    return f"{ROLE_LABELS.get(party.role, party.role)}{party.name}"


def acting_for(actor: Actor, case: Case) -> list[CaseParty]:
    """The parties the actor acts for: the party rows linked to its account or naming the number bound to it (as
    cases.service.party_roles reads them); an agent the filing names acts for the plaintiffs (as the evidence
    exchange reads it)."""
    if actor.is_staff:
        return []
    bound = actor.bound_number

    def is_own(party: CaseParty) -> bool:
        number = party.uscc if actor.person_type_is_legal else party.id_number
        return party.account_id == actor.id or (bound is not None and number == bound)

    rows = [p for p in case.parties if is_own(p)]
    own = [p for p in rows if p.role != "agent"]
    return own or ([p for p in case.parties if p.role == "plaintiff"] if rows else [])


def _parties_of(session: Session, actor: Actor, case: Case) -> list[CaseParty]:
    if actor.is_staff:
        raise Forbidden("异步审理中的申请、同意、答复和确认由当事人本人在线办理", field="case_id")
    own = acting_for(actor, case)
    if not own:
        raise Conflict("无法确定您在本案中代表的当事人，请联系承办法官", field="case_id")
    return own


def _judge(actor: Actor, case: Case, what: str) -> None:
    """The trial's decisions are the assigned judge's."""
    if not (actor.role == "judge" and case.judge_id == actor.id):
        raise Forbidden(f"只有承办法官可以{what}", field="case_id")


def _open_case(case: Case) -> None:
    if case.stage == "closed":
        raise Conflict("案件已结案，不能再办理异步审理", field="case_id")


def _names(parties: Sequence[CaseParty]) -> str:
    return "、".join(party_label(p) for p in parties)


# ---------------------------------------------------------------- the trial


def trial_of(session: Session, case_id: int) -> AsyncTrial | None:
    return session.scalar(select(AsyncTrial).where(AsyncTrial.case_id == case_id))


def _trial(session: Session, case: Case, *statuses: Status) -> AsyncTrial:
    trial = trial_of(session, case.id)
    if trial is None:
        raise Conflict(NO_TRIAL, field="case_id")
    if statuses and Status(trial.status) not in statuses:
        raise Conflict(f"异步审理当前状态为「{rules.STATUS_LABELS[Status(trial.status)]}」，不能办理此事项",
                       field="status")
    return trial


def _consents(session: Session, trial: AsyncTrial) -> dict[int, AsyncTrialConsent]:
    return {c.party_id: c for c in session.scalars(select(AsyncTrialConsent)
                                                   .where(AsyncTrialConsent.trial_id == trial.id))}


def _set_consent(session: Session, trial: AsyncTrial, party: CaseParty, actor: Actor, consented: bool,
                 now: datetime) -> None:
    row = session.scalar(select(AsyncTrialConsent).where(AsyncTrialConsent.trial_id == trial.id,
                                                         AsyncTrialConsent.party_id == party.id))
    if row is None:
        row = AsyncTrialConsent(trial_id=trial.id, case_id=trial.case_id, court_id=trial.court_id,
                                party_id=party.id)
        session.add(row)
    row.consented, row.given_by, row.given_at = consented, actor.id, now


def apply(session: Session, *, actor: Actor, case_id: int, reason: str, now: datetime) -> AsyncTrial:
    """A party's written application for an asynchronous trial (art. 20(2)(2)); applying is its consent."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    own = _parties_of(session, actor, case)
    _open_case(case)
    if trial_of(session, case.id) is not None:
        raise Conflict("本案已有异步审理申请", field="case_id")
    text = form_text(reason, field="reason", label="申请理由", max_length=rules.REASON_MAX, multiline=True)
    if not text:
        raise InvalidInput("请写明申请异步审理的理由（如各方同时在线参加庭审的困难）", field="reason")
    trial = AsyncTrial(case_id=case.id, court_id=case.court_id, status=Status.PREPARING.value,
                       applicant_party_id=own[0].id, application=text, applied_by=actor.id, applied_at=now,
                       hardship="", switch_reason="", updated_at=now)
    session.add(trial)
    session.flush()
    for party in own:
        _set_consent(session, trial, party, actor, True, now)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ASYNC_TRIAL_APPLIED,
                       summary=f"{_names(own)}书面申请异步审理，理由：{text}",
                       details={"trial_id": trial.id, "party_ids": [p.id for p in own]},
                       audit_action=AuditAction.ASYNC_TRIAL_APPLY, object_type="async_trial", object_id=trial.id,
                       audit_details={"case_id": case.id, "reason": text})
    return trial


def give_consent(session: Session, *, actor: Actor, case_id: int, consented: bool, now: datetime) -> AsyncTrial:
    """A party agrees to the asynchronous trial or declines it, while it is prepared (arts 4, 20(2)(2)); said again,
    the later answer counts."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    own = _parties_of(session, actor, case)
    _open_case(case)
    trial = _trial(session, case, Status.PREPARING)
    for party in own:
        _set_consent(session, trial, party, actor, consented, now)
    trial.updated_at = now
    said = "同意" if consented else "不同意"
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ASYNC_TRIAL_CONSENT,
                       summary=f"{_names(own)}{said}异步审理",
                       details={"trial_id": trial.id, "party_ids": [p.id for p in own], "consented": consented},
                       audit_action=AuditAction.ASYNC_TRIAL_CONSENT, object_type="async_trial", object_id=trial.id,
                       audit_details={"case_id": case.id, "party_ids": [p.id for p in own], "consented": consented})
    return trial


def facts_of(session: Session, case: Case, trial: AsyncTrial | None, *, hardship: str | None = None) -> rules.Facts:
    """What the case's data says for art. 20(2): the procedure, the application and consents recorded here, and the
    evidence exchanged online (evidence.service)."""
    consents = _consents(session, trial) if trial else {}
    names = {p.id: party_label(p) for p in participants(case)}
    items = [item for evidence_list in evidence.submitted_lists(session, case.id) for item in evidence_list.items]
    return rules.Facts(
        procedure=case.procedure, type_code=case.type_code,
        hardship=trial.hardship if hardship is None and trial else (hardship or ""),
        applied_in_writing=trial is not None, parties=list(names.values()),
        consented=frozenset(names[i] for i, c in consents.items() if c.consented and i in names),
        refused=frozenset(names[i] for i, c in consents.items() if not c.consented and i in names),
        submitted_items=len(items), unexamined=[f"「{item.name}」" for item in items if not item.opinions],
        disputed=[found.heading for found in evidence.disputed_items(session, case.id)])


def open_trial(session: Session, *, actor: Actor, case_id: int, hardship: str, now: datetime) -> AsyncTrial:
    """The judge finds simultaneous attendance genuinely hard and opens the trial, if every condition of art. 20(2)
    is met; otherwise every failing condition is told."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _judge(actor, case, "决定适用异步审理")
    _open_case(case)
    trial = _trial(session, case, Status.PREPARING)
    found = form_text(hardship, field="hardship", label="同时在线参加庭审的困难", max_length=rules.REASON_MAX,
                      multiline=True)
    failures = rules.failing_conditions(facts_of(session, case, trial, hardship=found))
    if failures:
        raise Conflict("不符合异步审理的条件：" + "；".join(f.message for f in failures), field="conditions")
    trial.status, trial.hardship, trial.opened_by, trial.opened_at, trial.updated_at = (
        Status.IN_PROGRESS.value, found, actor.id, now, now)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ASYNC_TRIAL_OPENED,
                       summary=f"经审查符合在线诉讼规则第20条第2款的条件，本案适用异步审理（{found}）",
                       details={"trial_id": trial.id}, audit_action=AuditAction.ASYNC_TRIAL_OPEN,
                       object_type="async_trial", object_id=trial.id,
                       audit_details={"case_id": case.id, "hardship": found})
    return trial


# ---------------------------------------------------------------- stages


def stages_of(session: Session, trial_id: int) -> list[AsyncTrialStage]:
    found = session.scalars(select(AsyncTrialStage).where(AsyncTrialStage.trial_id == trial_id))
    return sorted(found, key=lambda s: rules.STAGE_ORDER.index(StageKind(s.kind)))


def answers_of(session: Session, trial_id: int) -> list[AsyncTrialAnswer]:
    return list(session.scalars(select(AsyncTrialAnswer).where(AsyncTrialAnswer.trial_id == trial_id)
                                .order_by(AsyncTrialAnswer.answered_at, AsyncTrialAnswer.id)))


def _is_open(stage: AsyncTrialStage, now: datetime) -> bool:
    return rules.window_open(now=now, closes_at=stage.closes_at, closed_at=stage.closed_at)


def _ended_at(stage: AsyncTrialStage) -> datetime:
    return rules.ended_at(closes_at=stage.closes_at, closed_at=stage.closed_at)


def _record_end(session: Session, *, case: Case, actor: Actor | None, stage: AsyncTrialStage, now: datetime) -> None:
    """Who missed the stage, to whom the consequence announced at its opening applies (art. 6)."""
    answered = {a.party_id for a in session.scalars(select(AsyncTrialAnswer)
                                                    .where(AsyncTrialAnswer.stage_id == stage.id))}
    missed = [p for p in participants(case) if p.id not in answered]
    stage.ended_recorded_at, stage.missed = now, [party_label(p) for p in missed]
    label = rules.STAGE_LABELS[StageKind(stage.kind)]
    summary = f"{label}阶段于{records.moment(_ended_at(stage))}结束；" + (
        f"{_names(missed)}未在期限内答复，适用开启时告知的后果：{stage.consequence}" if missed else "各方均已答复")
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ASYNC_TRIAL_STAGE_ENDED, summary=summary,
                       details={"stage_id": stage.id, "missed_party_ids": [p.id for p in missed]},
                       audit_action=AuditAction.ASYNC_TRIAL_STAGE_END, object_type="async_trial_stage",
                       object_id=stage.id, audit_details={"case_id": case.id, "missed": stage.missed})


def file_answers(session: Session, *, case_id: int, now: datetime) -> list[int]:
    """The files and videos of the answers every party may now read (the stage's window over, or answers shown at
    once) enter the case's main volume, in the order they were given: the dossier and the archive package then hold
    them like any party's papers. Before that they are the trial's alone, as the other parties may not read them yet
    (在线诉讼规则 art. 20), stored awaiting the case, which the archive files before packing it (a window that
    passed with no use case after it). The ids filed by this call."""
    trial = trial_of(session, case_id)
    if trial is None:
        return []
    stages = {s.id: s for s in stages_of(session, trial.id)}
    filed = []
    for row in answers_of(session, trial.id):
        stage = stages.get(row.stage_id)
        if stage is None or not rules.answers_visible(visibility=rules.Visibility(stage.visibility), now=now,
                                                      closes_at=stage.closes_at, closed_at=stage.closed_at):
            continue
        for document_id in row.document_ids:
            document = dossier.find(session, document_id)
            if document is not None and dossier.attach_to_case(session, document, case_id=case_id):
                filed.append(document.id)
    session.flush()
    return filed


def _settle(session: Session, case: Case, trial: AsyncTrial, actor: Actor | None, now: datetime) -> None:
    """Record the end of every stage whose window has passed and whose end is not yet recorded."""
    for stage in stages_of(session, trial.id):
        if stage.ended_recorded_at is None and not _is_open(stage, now):
            _record_end(session, case=case, actor=actor, stage=stage, now=now)
    file_answers(session, case_id=case.id, now=now)


def suggested_questions(session: Session, case_id: int, kind: StageKind) -> list[str]:
    """What the judge starts from: the stage's usual questions, and for the investigation and the debate the dispute
    focus the assistant found, where the case's cause has a pipeline."""
    focus = assistant.dispute_questions(session, case_id) if kind in rules.FOCUS_STAGES else []
    return [*rules.DEFAULT_QUESTIONS[kind], *focus]


def _kind(value: str) -> StageKind:
    try:
        return StageKind(value)
    except ValueError:
        labels = "、".join(rules.STAGE_LABELS.values())
        raise InvalidInput(f"审理阶段「{value}」不存在，应为{labels}之一", field="kind") from None


def _visibility(value: str) -> rules.Visibility:
    try:
        return rules.Visibility(value)
    except ValueError:
        raise InvalidInput(f"答复可见方式「{value}」不存在", field="visibility") from None


def open_stage(session: Session, *, actor: Actor, case_id: int, kind: str, questions: Sequence[str],
               closes_at: datetime, consequence: str = "", visibility: str = rules.Visibility.AFTER_CLOSE.value,
               internal_note: str = "", now: datetime) -> AsyncTrialStage:
    """The judge opens a stage with its questions and window and announces the consequence of missing it (art. 6);
    left blank, the usual one for the stage (rules.DEFAULT_CONSEQUENCES) is announced."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _judge(actor, case, "开启审理阶段")
    _open_case(case)
    trial = _trial(session, case, Status.IN_PROGRESS)
    stage_kind, shown = _kind(kind), _visibility(visibility)
    asked = rules.check_questions([form_text(q, field="questions", label="问题", max_length=rules.QUESTION_MAX)
                                   for q in questions[:rules.QUESTIONS_MAX + 1]])
    if closes_at.tzinfo is None:
        raise InvalidInput("答复截止时间应带时区", field="closes_at")
    rules.check_window(now=now, closes_at=closes_at)
    announced = form_text(consequence, field="consequence", label="逾期后果", max_length=rules.CONSEQUENCE_MAX,
                          multiline=True) or rules.DEFAULT_CONSEQUENCES[stage_kind]
    note = form_text(internal_note, field="internal_note", label="内部备注", max_length=rules.REASON_MAX,
                     multiline=True)
    _settle(session, case, trial, actor, now)
    stages = stages_of(session, trial.id)
    rules.check_stage_order(stage_kind, opened=[StageKind(s.kind) for s in stages],
                            running=any(_is_open(s, now) for s in stages))
    stage = AsyncTrialStage(trial_id=trial.id, case_id=case.id, court_id=case.court_id, kind=stage_kind.value,
                            questions=asked, consequence=announced, visibility=shown.value, internal_note=note,
                            opened_by=actor.id, opened_at=now, closes_at=closes_at, missed=[])
    session.add(stage)
    trial.updated_at = now
    session.flush()
    label = rules.STAGE_LABELS[stage_kind]
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ASYNC_TRIAL_STAGE_OPENED,
                       summary=f"开启{label}阶段（{len(asked)}个问题），各方应于{records.moment(closes_at)}前在线答复；"
                               f"逾期后果：{announced}",
                       details={"stage_id": stage.id, "stage": stage_kind.value,
                                "closes_at": closes_at.isoformat(), "visibility": shown.value},
                       audit_action=AuditAction.ASYNC_TRIAL_STAGE_OPEN, object_type="async_trial_stage",
                       object_id=stage.id, audit_details={"case_id": case.id, "stage": stage_kind.value,
                                                          "questions": asked, "closes_at": closes_at.isoformat(),
                                                          "consequence": announced, "internal_note": note})
    return stage


def _stage(session: Session, actor: Actor, trial: AsyncTrial, stage_id: int) -> AsyncTrialStage:
    stage = session.get(AsyncTrialStage, stage_id)
    if stage is None or stage.trial_id != trial.id:
        raise (NotFound if actor.is_staff else Concealed)(NO_STAGE, field="stage_id")
    return stage


def close_stage(session: Session, *, actor: Actor, case_id: int, stage_id: int, now: datetime) -> AsyncTrialStage:
    """The judge records a stage's end: early once every party has answered, or after its window passed."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _judge(actor, case, "结束审理阶段")
    trial = _trial(session, case, Status.IN_PROGRESS)
    stage = _stage(session, actor, trial, stage_id)
    if stage.ended_recorded_at is not None:
        raise Conflict("本阶段已结束", field="stage_id")
    if _is_open(stage, now):
        answered = {a.party_id for a in session.scalars(select(AsyncTrialAnswer)
                                                        .where(AsyncTrialAnswer.stage_id == stage.id))}
        rules.check_early_close(now=now, closes_at=stage.closes_at,
                                everyone_answered=all(p.id in answered for p in participants(case)))
        stage.closed_at = now
    _record_end(session, case=case, actor=actor, stage=stage, now=now)
    file_answers(session, case_id=case.id, now=now)
    return stage


# ---------------------------------------------------------------- answers


def _checked_answer(settings: Settings, answer: AnswerIn) -> tuple[str, list[dossier.Checked], str | None]:
    text = form_text(answer.text, field="text", label="答复", max_length=rules.ANSWER_MAX, multiline=True)
    dossier.check_file_count(len(answer.files), max_files=MAX_ANSWER_FILES)
    checked = [dossier.check_upload(upload, max_bytes=settings.max_upload_bytes, field="files")
               for upload in answer.files]
    video_type = None
    if answer.video is not None:
        video_type = media.check_video(answer.video.filename, answer.video.content,
                                       formats=settings.async_trial_video_formats,
                                       max_bytes=settings.async_trial_video_max_bytes)
    if not text and not answer.files and answer.video is None:
        raise InvalidInput("答复应包含文字、文件或自行录制的视频", field="text")
    return text, checked, video_type


def answer(session: Session, settings: Settings, *, actor: Actor, case_id: int, stage_id: int, given: AnswerIn,
           now: datetime) -> list[AsyncTrialAnswer]:
    """A party's answer to a stage within its window: final once given. After the window, refused with the moment
    it closed, in the court's time."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    own = _parties_of(session, actor, case)
    _open_case(case)
    trial = _trial(session, case, Status.IN_PROGRESS)
    stage = _stage(session, actor, trial, stage_id)
    label = rules.STAGE_LABELS[StageKind(stage.kind)]
    if not _is_open(stage, now):
        raise Conflict(f"{label}阶段的答复期限已于{records.moment(_ended_at(stage))}截止，不能再提交答复",
                       field="stage_id")
    done = set(session.scalars(select(AsyncTrialAnswer.party_id).where(AsyncTrialAnswer.stage_id == stage.id)))
    if any(p.id in done for p in own):
        raise Conflict(f"您已提交{label}阶段的答复，答复提交后不能修改", field="stage_id")
    text, checked, video_type = _checked_answer(settings, given)
    storage = storage_of(settings)
    documents = [dossier.store(session, storage, upload=upload, checked=found, court_id=case.court_id,
                               uploaded_by=actor.id, awaiting_case_id=case.id)
                 for upload, found in zip(given.files, checked, strict=True)]
    video = None
    if given.video is not None and video_type is not None:
        video = dossier.store(session, storage, upload=given.video, checked=dossier.Checked(video_type, None),
                              court_id=case.court_id, uploaded_by=actor.id, awaiting_case_id=case.id)
    session.flush()
    stored = [*documents, *([video] if video else [])]
    rows = [AsyncTrialAnswer(stage_id=stage.id, trial_id=trial.id, case_id=case.id, court_id=case.court_id,
                             party_id=party.id, text=text, document_ids=[d.id for d in stored],
                             video_document_id=video.id if video else None, answered_by=actor.id, answered_at=now)
            for party in own]
    session.add_all(rows)
    session.flush()
    file_answers(session, case_id=case.id, now=now)  # answers shown at once: in the dossier at once
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ASYNC_TRIAL_ANSWERED,
                       summary=f"{_names(own)}已提交{label}阶段的答复"
                               f"（{len(documents)}个附件{'，含视频' if video else ''}）",
                       details={"stage_id": stage.id, "party_ids": [p.id for p in own]},
                       audit_action=AuditAction.ASYNC_TRIAL_ANSWER, object_type="async_trial_stage",
                       object_id=stage.id,
                       audit_details={"case_id": case.id, "party_ids": [p.id for p in own], "characters": len(text),
                                      "documents": [{"id": d.id, "filename": d.filename, "sha256": d.sha256}
                                                    for d in stored]})
    return rows


# ---------------------------------------------------------------- switching to a live hearing (art. 21)


def switch_to_live(session: Session, *, actor: Actor, case_id: int, reason: str, now: datetime) -> AsyncTrial:
    """End the asynchronous trial for a live hearing (在线诉讼规则 art. 21), keeping what was done: answers given
    stay, a running stage ends now without the consequence of missing it. The hearings scheduler calls this when
    it schedules a live hearing of a case heard asynchronously."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _judge(actor, case, "转为同步庭审")
    _open_case(case)
    trial = _trial(session, case, Status.PREPARING, Status.IN_PROGRESS)
    why = form_text(reason, field="reason", label="转换理由", max_length=rules.REASON_MAX, multiline=True)
    if not why:
        raise InvalidInput("请写明转为同步庭审的理由", field="reason")
    _settle(session, case, trial, actor, now)
    cut = [s for s in stages_of(session, trial.id) if _is_open(s, now)]
    for stage in cut:
        stage.closed_at, stage.ended_recorded_at = now, now
    file_answers(session, case_id=case.id, now=now)
    trial.status, trial.switch_reason, trial.ended_at, trial.updated_at = Status.SWITCHED.value, why, now, now
    running = "、".join(rules.STAGE_LABELS[StageKind(s.kind)] for s in cut)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ASYNC_TRIAL_SWITCHED,
                       summary=f"异步审理转为同步庭审，理由：{why}"
                               + (f"；正在进行的{running}阶段随之结束" if running else "")
                               + "；已完成的审理活动继续有效（在线诉讼规则第21条）",
                       details={"trial_id": trial.id, "cut_stage_ids": [s.id for s in cut]},
                       audit_action=AuditAction.ASYNC_TRIAL_SWITCH, object_type="async_trial", object_id=trial.id,
                       audit_details={"case_id": case.id, "reason": why})
    return trial


# ---------------------------------------------------------------- the record and its confirmation


def _file_text(document: Document) -> records.FileText:
    return records.FileText(document.filename, document.sha256, document.sm3 or "")


def _trial_text(session: Session, case: Case, trial: AsyncTrial) -> records.TrialText:
    parties = {p.id: p for p in case.parties}
    answers = answers_of(session, trial.id)
    documents = {d.id: d for d in (dossier.find(session, i) for a in answers for i in a.document_ids) if d}
    stages = []
    for stage in stages_of(session, trial.id):
        given = []
        for row in (a for a in answers if a.stage_id == stage.id):
            video = documents.get(row.video_document_id) if row.video_document_id else None
            files = tuple(_file_text(documents[i]) for i in row.document_ids if i != row.video_document_id)
            given.append(records.AnswerText(party_label(parties[row.party_id]), row.answered_at, row.text, files,
                                            _file_text(video) if video else None))
        stages.append(records.StageText(rules.STAGE_LABELS[StageKind(stage.kind)], stage.opened_at,
                                        _ended_at(stage), tuple(stage.questions), stage.consequence, tuple(given),
                                        tuple(stage.missed)))
    judge = security.get_account(session, case.judge_id) if case.judge_id else None
    return records.TrialText(reference.court(session, case.court_id).name, case.case_number, case.cause_name,
                             judge.display_name if judge else "", tuple(party_label(p) for p in participants(case)),
                             party_label(parties[trial.applicant_party_id]), trial.applied_at, trial.hardship,
                             trial.opened_at or trial.applied_at, tuple(stages))


def _file_record(session: Session, settings: Settings, case: Case, actor: Actor, filename: str,
                 lines: list[pdf.Line]) -> Document:
    upload = dossier.Upload(filename, pdf.paged(records.TITLE, lines))
    document = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                             court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                             kind=DocumentKind.HEARING_RECORD)
    session.flush()
    return document


def assemble_record(session: Session, settings: Settings, *, actor: Actor, case_id: int, now: datetime) -> Document:
    """The record of the whole trial, once no stage runs: a PDF in the main volume (kind 庭审笔录), which each party
    then confirms online."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _judge(actor, case, "生成庭审笔录")
    _open_case(case)
    trial = _trial(session, case, Status.IN_PROGRESS)
    _settle(session, case, trial, actor, now)
    rules.check_may_record([(StageKind(s.kind), _is_open(s, now)) for s in stages_of(session, trial.id)])
    document = _file_record(session, settings, case, actor, f"庭审笔录-异步审理-{case.case_number}.pdf",
                            records.record_lines(_trial_text(session, case, trial)))
    trial.status, trial.record_document_id, trial.updated_at = Status.RECORDED.value, document.id, now
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ASYNC_TRIAL_RECORDED,
                       summary="异步审理庭审笔录已生成并存入电子卷宗正卷，请各方当事人在线确认",
                       details={"document_id": document.id}, audit_action=AuditAction.ASYNC_TRIAL_RECORD,
                       object_type="document", object_id=document.id,
                       audit_details={"case_id": case.id, "sha256": document.sha256})
    return document


def confirm_record(session: Session, settings: Settings, *, actor: Actor, case_id: int, password: str,
                   address: str, now: datetime) -> list[AsyncTrialConfirmation] | None:
    """A party confirms the record after re-entering its password (arts 33–34), checked as a sign-in is (throttled,
    a failure audited). None when the password is wrong: the caller commits the failure, then refuses. Once every
    party confirmed, the record with their confirmations enters the main volume."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    own = _parties_of(session, actor, case)
    trial = _trial(session, case, Status.RECORDED)
    confirmed = {c.party_id: c for c in session.scalars(select(AsyncTrialConfirmation)
                                                        .where(AsyncTrialConfirmation.trial_id == trial.id))}
    if all(p.id in confirmed for p in own):
        raise Conflict("您已确认本笔录", field="password")
    account = security.get_account(session, actor.id)
    if account is None or security.authenticate(session, settings, username=account.username,
                                                password=password or "", address=address) is None:
        return None
    record = dossier.find(session, trial.record_document_id or 0)
    if record is None:
        raise NotFound("庭审笔录不存在", field="record")
    rows = [AsyncTrialConfirmation(trial_id=trial.id, case_id=case.id, court_id=case.court_id, party_id=p.id,
                                   account_id=actor.id, method="password", record_sha256=record.sha256,
                                   confirmed_at=now) for p in own if p.id not in confirmed]
    session.add_all(rows)
    session.flush()
    confirmed |= {row.party_id: row for row in rows}
    newly = {r.party_id for r in rows}
    summary = f"{_names([p for p in own if p.id in newly])}重新输入登录密码核验身份后在线确认庭审笔录"
    details: dict = {"trial_id": trial.id, "party_ids": [r.party_id for r in rows]}
    if all(p.id in confirmed for p in participants(case)):
        final = _confirmed_record(session, settings, case, trial, actor, record, confirmed)
        trial.status, trial.confirmed_document_id, trial.ended_at = Status.CONFIRMED.value, final.id, now
        summary += "；各方当事人均已确认，附确认记录的庭审笔录已存入电子卷宗正卷"
        details["document_id"] = final.id
    trial.updated_at = now
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ASYNC_TRIAL_CONFIRMED, summary=summary,
                       details=details, audit_action=AuditAction.ASYNC_TRIAL_CONFIRM, object_type="async_trial",
                       object_id=trial.id, audit_details={"case_id": case.id, "record_sha256": record.sha256,
                                                          "party_ids": [r.party_id for r in rows],
                                                          "method": "password"})
    return rows


def _confirmed_record(session: Session, settings: Settings, case: Case, trial: AsyncTrial, actor: Actor,
                      record: Document, confirmed: dict[int, AsyncTrialConfirmation]) -> Document:
    parties = {p.id: p for p in case.parties}
    accounts = {row.account_id: security.get_account(session, row.account_id) for row in confirmed.values()}
    confirmations = tuple(records.ConfirmationText(party_label(parties[row.party_id]),
                                                   account.username if (account := accounts[row.account_id]) else "",
                                                   row.confirmed_at)
                          for row in sorted(confirmed.values(), key=lambda r: (r.confirmed_at, r.id)))
    lines = records.confirmed_lines(_trial_text(session, case, trial), record.sha256, confirmations)
    return _file_record(session, settings, case, actor, f"庭审笔录-异步审理-{case.case_number}-已确认.pdf", lines)


# ---------------------------------------------------------------- reading the trial


@dataclass(frozen=True)
class AnswerView:
    id: int
    party: str
    answered_at: datetime
    text: str
    files: list[Document]
    video: Document | None
    own: bool


@dataclass(frozen=True)
class StageView:
    """A stage as the actor may see it: the answers it may read, and the judge's note for staff alone."""

    id: int
    kind: StageKind
    label: str
    questions: list[str]
    consequence: str
    visibility: rules.Visibility
    opened_at: datetime
    closes_at: datetime
    ended_at: datetime
    is_open: bool
    answers: list[AnswerView]
    answered: list[str]  # who has answered (told to everyone; what they answered only as `answers` allows)
    missed: list[str]
    internal_note: str  # "" for parties
    may_answer: bool
    may_close: bool
    others_hidden: bool  # other parties' answers exist that the actor may not read yet


@dataclass(frozen=True)
class TrialView:
    case: Case
    trial: AsyncTrial | None
    status: Status | None
    participants: list[str]
    consents: dict[str, bool]  # party label -> agreed
    own: list[str]  # the labels of the parties the actor acts for
    failures: list[rules.Failure]
    stages: list[StageView]
    confirmations: dict[str, datetime]  # party label -> when confirmed
    record: Document | None
    confirmed_record: Document | None
    is_judge: bool
    suggestions: dict[str, list[str]] = field(default_factory=dict)  # the judge's starting questions by stage
    next_kinds: list[StageKind] = field(default_factory=list)

    @property
    def may_confirm(self) -> bool:
        return self.status == Status.RECORDED and any(label not in self.confirmations for label in self.own)


def _answer_view(row: AsyncTrialAnswer, parties: dict[int, CaseParty], documents: dict[int, Document],
                 own_ids: set[int]) -> AnswerView:
    video = documents.get(row.video_document_id) if row.video_document_id else None
    return AnswerView(row.id, party_label(parties[row.party_id]), row.answered_at, row.text,
                      [documents[i] for i in row.document_ids if i in documents and i != row.video_document_id],
                      video, row.party_id in own_ids)


def _stage_view(stage: AsyncTrialStage, answers: list[AsyncTrialAnswer], *, actor: Actor, case: Case,
                own_ids: set[int], parties: dict[int, CaseParty], documents: dict[int, Document], is_judge: bool,
                running: bool, now: datetime) -> StageView:
    is_open = _is_open(stage, now)
    visibility = rules.Visibility(stage.visibility)
    visible = actor.is_staff or rules.answers_visible(visibility=visibility, now=now, closes_at=stage.closes_at,
                                                      closed_at=stage.closed_at)
    readable = [a for a in answers if visible or a.party_id in own_ids]
    answered_ids = {a.party_id for a in answers}
    kind = StageKind(stage.kind)
    return StageView(
        stage.id, kind, rules.STAGE_LABELS[kind], list(stage.questions), stage.consequence, visibility,
        stage.opened_at, stage.closes_at, _ended_at(stage), is_open,
        [_answer_view(a, parties, documents, own_ids) for a in readable],
        [party_label(parties[i]) for i in sorted(answered_ids)], list(stage.missed),
        stage.internal_note if actor.is_staff else "",
        may_answer=running and is_open and bool(own_ids) and not (own_ids & answered_ids),
        may_close=running and is_judge and stage.ended_recorded_at is None,
        others_hidden=len(readable) < len(answers))


def trial_view(session: Session, *, actor: Actor, case_id: int, now: datetime) -> TrialView:
    """The case's asynchronous trial as the actor may see it (a party of another case: 404)."""
    case = cases.get_case(session, actor=actor, case_id=case_id)
    trial = trial_of(session, case.id)
    parties = {p.id: p for p in case.parties}
    own = acting_for(actor, case)
    own_ids = {p.id for p in own}
    is_judge = actor.role == "judge" and case.judge_id == actor.id
    status = Status(trial.status) if trial else None
    if trial is None:
        failures = rules.failing_conditions(facts_of(session, case, None)) if actor.is_staff else []
        return TrialView(case, None, None, [party_label(p) for p in participants(case)], {},
                         [party_label(p) for p in own], failures, [], {}, None, None, is_judge)
    answers = answers_of(session, trial.id)
    documents = {d.id: d for d in (dossier.find(session, i) for a in answers for i in a.document_ids) if d}
    stages = stages_of(session, trial.id)
    running = status == Status.IN_PROGRESS
    views = [_stage_view(s, [a for a in answers if a.stage_id == s.id], actor=actor, case=case, own_ids=own_ids,
                         parties=parties, documents=documents, is_judge=is_judge, running=running, now=now)
             for s in stages]
    confirmations = {party_label(parties[c.party_id]): c.confirmed_at for c in session.scalars(
        select(AsyncTrialConfirmation).where(AsyncTrialConfirmation.trial_id == trial.id))}
    consents = {party_label(parties[c.party_id]): c.consented for c in _consents(session, trial).values()}
    failures = rules.failing_conditions(facts_of(session, case, trial)) if status == Status.PREPARING else []
    record = dossier.find(session, trial.record_document_id) if trial.record_document_id else None
    final = dossier.find(session, trial.confirmed_document_id) if trial.confirmed_document_id else None
    opened = [StageKind(s.kind) for s in stages]
    next_kinds = [k for k in rules.STAGE_ORDER if not opened or rules.STAGE_ORDER.index(k) >
                  max(rules.STAGE_ORDER.index(o) for o in opened)] if running and is_judge else []
    suggestions = {k.value: suggested_questions(session, case.id, k) for k in next_kinds}
    return TrialView(case, trial, status, [party_label(p) for p in participants(case)], consents,
                     [party_label(p) for p in own], failures, views, confirmations, record, final, is_judge,
                     suggestions, next_kinds)


def answer_file(session: Session, *, actor: Actor, case_id: int, document_id: int, now: datetime) -> Document:
    """A file or video of an answer, for whoever may read that answer (the court's staff, its party, the other
    parties once the stage lets them); anyone else is told it does not exist."""
    case = cases.get_case(session, actor=actor, case_id=case_id)
    trial = trial_of(session, case.id)
    rows = [a for a in answers_of(session, trial.id) if document_id in a.document_ids] if trial else []
    document = dossier.find(session, document_id) if rows else None
    if document is None:
        raise Concealed(NO_FILE, field="document_id")
    if actor.is_staff:
        return document
    own_ids = {p.id for p in acting_for(actor, case)}
    stage = session.get(AsyncTrialStage, rows[0].stage_id)
    readable = any(a.party_id in own_ids for a in rows) or (stage is not None and rules.answers_visible(
        visibility=rules.Visibility(stage.visibility), now=now, closes_at=stage.closes_at, closed_at=stage.closed_at))
    if not readable:
        raise Concealed(NO_FILE, field="document_id")
    return document
