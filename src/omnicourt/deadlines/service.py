"""Deadline workflows: a judge applies for an extension or registers a period not counted; the approver
decides; warnings go out before expiry; hidden overdue cases are found. The engine is deadlines.rules."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import case as when
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.cases.rules import chinese_date
from omnicourt.db import utcnow
from omnicourt.deadlines import rules
from omnicourt.deadlines.calculator import default_table
from omnicourt.deadlines.calendar import Length
from omnicourt.deadlines.models import DeadlineAdjustment, DeadlineWarning
from omnicourt.deadlines.periods import APPROVERS, SUSPENSION_KINDS
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound, required
from omnicourt.notifications import service as notifications
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import COURT_LEADERS, Actor

if TYPE_CHECKING:
    from omnicourt.security.models import Account

# Who must approve a period not counted is not fixed by the texts read (court-rules.md §2.2) [U]:
# the court president, as for an extension.
SUSPENSION_APPROVER = "president"
# A mediation's extension is agreed before the limit it extends runs out: registered then, it starts later.
AGREED_IN_ADVANCE = frozenset({"entrusted_mediation_extension", "extended_mediation"})
# Timeline events that show a period not counted really happened (hidden overdue: 隐形超审限).
EVIDENCE_OF = {"appraisal": (EventKind.APPRAISAL_ENTRUSTED,), "public_notice": (EventKind.PUBLIC_NOTICE_PUBLISHED,),
               "audit_valuation": (EventKind.APPRAISAL_ENTRUSTED,)}
RECORDABLE_STEPS = {EventKind.APPRAISAL_ENTRUSTED: "委托鉴定", EventKind.PUBLIC_NOTICE_PUBLISHED: "公告送达",
                    EventKind.HEARING_POSTPONED: "延期开庭"}
STEP_ACTIONS = {EventKind.APPRAISAL_ENTRUSTED: AuditAction.CASE_APPRAISAL_ENTRUSTED,
                EventKind.PUBLIC_NOTICE_PUBLISHED: AuditAction.CASE_PUBLIC_NOTICE_PUBLISHED,
                EventKind.HEARING_POSTPONED: AuditAction.CASE_HEARING_POSTPONED}


def _engine_events(adjustments: list[DeadlineAdjustment]) -> list[rules.DeadlineEvent]:
    events: list[rules.DeadlineEvent] = []
    for a in adjustments:
        approved = a.status == "approved"
        if a.kind == "suspension":
            events.append(rules.Suspension(kind=required(a.suspension_kind, "suspension_kind"),
                                           starts_on=required(a.starts_on, "starts_on"), ends_on=a.ends_on,
                                           reason=a.reason, approved=approved, approver=a.approver_level))
        elif a.kind == "conversion":
            events.append(rules.ProcedureConversion(ruled_on=required(a.starts_on, "starts_on"),
                                                    to_procedure=required(a.procedure_to, "procedure_to"),
                                                    reason=a.reason))
        elif a.kind == "extension" and approved:
            events.append(rules.Extension(length=Length(a.months, a.days), approved=True, approver=a.approver_level,
                                          applied_on=a.applied_on, decided_on=a.decided_on, reason=a.reason))
    return events


def adjustments_of(session: Session, case_id: int) -> list[DeadlineAdjustment]:
    return list(session.scalars(select(DeadlineAdjustment).where(DeadlineAdjustment.case_id == case_id)
                                .order_by(DeadlineAdjustment.id)))


def evaluate_case(session: Session, *, case: Case, today: date) -> rules.Evaluation:
    """The case's deadline from its procedure at filing, filing date and approved adjustments."""
    adjustments = adjustments_of(session, case.id)
    conversions = [a for a in adjustments if a.kind == "conversion"]
    procedure = required(conversions[0].procedure_from, "procedure_from") if conversions else case.procedure
    return rules.evaluate(case_type=case.type_code, procedure=procedure, filed_on=case.accepted_on,
                          today=max(today, case.accepted_on), table=default_table(),
                          events=_engine_events(adjustments))


@dataclass(frozen=True)
class CaseDeadline:
    case: Case
    evaluation: rules.Evaluation
    adjustments: list[DeadlineAdjustment]


def case_deadline(session: Session, *, actor: Actor, case_id: int, today: date) -> CaseDeadline:
    """What the judge and the parties see: every adjustment with its reason (延审规定 art. 7); a closed case as it
    stood on its closing day (the days it used)."""
    case = cases.get_case(session, actor=actor, case_id=case_id)
    as_of = case.closed_on or today
    return CaseDeadline(case, evaluate_case(session, case=case, today=as_of), adjustments_of(session, case.id))


def _handling_judge(session: Session, actor: Actor, case_id: int) -> Case:
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if actor.role != "judge" or case.judge_id != actor.id:
        raise Forbidden("只有承办法官可以申请延长审限或登记扣除审限")
    if case.stage not in cases.OPEN_STAGES:
        raise Conflict("案件已结案，不能再调整审限")
    return case


def _approver_court(session: Session, case: Case, approver: str) -> int:
    court = reference.court(session, case.court_id)
    if approver == "higher_court":
        return court.parent_id or court.id
    if approver in ("high_court", "supreme_court"):
        return next(c.id for c in reference.list_courts(session) if c.level == "high")
    return court.id


def apply_for_extension(session: Session, *, actor: Actor, case_id: int, length: str, reason: str,
                        today: date) -> DeadlineAdjustment:
    """Apply at least 15 days before expiry to the approver the chain names (CPL art. 152; 延审规定 art. 1)."""
    case = _handling_judge(session, actor, case_id)
    wanted = Length.parse(length, field="length")
    if not (reason or "").strip():
        raise InvalidInput("请写明延长审限的理由", field="reason")
    evaluation = evaluate_case(session, case=case, today=today)
    step = evaluation.next_extension
    if evaluation.deadline is None or step is None:
        raise Conflict("本案不能再延长审限")
    if step.longest is not None and wanted > step.longest:
        raise InvalidInput(f"本次最多延长{step.longest}", field="length")
    if any(a.kind == "extension" and a.status == "pending" for a in adjustments_of(session, case.id)):
        raise Conflict("已有一项延长审限申请正在审批")
    late = rules.check_extension_application(today, evaluation.deadline)
    if late:
        raise Conflict(late)
    adjustment = DeadlineAdjustment(
        case_id=case.id, court_id=case.court_id, kind="extension", months=wanted.months, days=wanted.days,
        reason=reason.strip()[:500], status="pending", applied_by=actor.id, applied_on=today,
        approver_level=step.approver, approver_court_id=_approver_court(session, case, step.approver))
    return _submitted(session, actor, case, adjustment, f"申请延长审限{wanted}：{adjustment.reason}")


def register_suspension(session: Session, *, actor: Actor, case_id: int, kind: str, starts_on: date,
                        ends_on: date | None, reason: str, today: date) -> DeadlineAdjustment:
    """A period not counted in the deadline (扣除审限, court-rules.md §2.2), for approval."""
    case = _handling_judge(session, actor, case_id)
    if kind not in SUSPENSION_KINDS:
        raise InvalidInput("扣除审限的事由无效", field="kind")
    if starts_on <= case.accepted_on or (starts_on > today and kind not in AGREED_IN_ADVANCE):
        raise InvalidInput("扣除期间的起始日应在立案次日至今天之间", field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput("扣除期间的结束日不能早于起始日", field="ends_on")
    if not (reason or "").strip():
        raise InvalidInput("请写明扣除审限的理由", field="reason")
    adjustment = DeadlineAdjustment(
        case_id=case.id, court_id=case.court_id, kind="suspension", suspension_kind=kind, starts_on=starts_on,
        ends_on=ends_on, reason=reason.strip()[:500], status="pending", applied_by=actor.id, applied_on=today,
        approver_level=SUSPENSION_APPROVER, approver_court_id=case.court_id)
    # The engine refuses a kind that does not apply to the case's family, before anything is written.
    rules.evaluate(case_type=case.type_code, procedure=case.procedure, filed_on=case.accepted_on, today=today,
                   table=default_table(), events=_engine_events([adjustment]))
    label = SUSPENSION_KINDS[kind].name
    return _submitted(session, actor, case, adjustment, f"申请扣除审限（{label}，自{chinese_date(starts_on)}起）")


CONVERSIONS = {("small_claims", "simple"), ("small_claims", "ordinary"), ("simple", "ordinary")}


def convert_procedure(session: Session, *, actor: Actor, case_id: int, to_procedure: str, ruled_on: date,
                      reason: str, today: date) -> DeadlineAdjustment:
    """A ruling converting the procedure, made before the deadline expires; the deadline of the new procedure
    counts from the original filing (民诉法解释 arts 258, 279; CPL art. 170)."""
    case = _handling_judge(session, actor, case_id)
    if (case.procedure, to_procedure) not in CONVERSIONS:
        raise InvalidInput(f"不能由{rules_label(case.procedure)}转为该程序", field="to_procedure")
    if not (reason or "").strip():
        raise InvalidInput("请写明转换程序的理由", field="reason")
    if ruled_on < case.accepted_on or ruled_on > today:
        raise InvalidInput("裁定日期应在立案日与今天之间", field="ruled_on")
    before = evaluate_case(session, case=case, today=today)
    late = before.deadline and rules.check_conversion(ruled_on, before.deadline)
    if late:
        raise Conflict(late)
    adjustment = DeadlineAdjustment(
        case_id=case.id, court_id=case.court_id, kind="conversion", starts_on=ruled_on,
        procedure_from=case.procedure, procedure_to=to_procedure, reason=reason.strip()[:500], status="approved",
        applied_by=actor.id, applied_on=today, decided_by=actor.id, decided_on=ruled_on)
    session.add(adjustment)
    session.flush()
    after = evaluate_case(session, case=case, today=today)  # counts from the procedure before the first conversion
    cases.convert_procedure(session, actor=actor, case=case, to_procedure=to_procedure, deadline_on=after.deadline,
                            summary=f"{chinese_date(ruled_on)} 裁定转为{rules_label(to_procedure)}审理，"
                                    f"审限自立案之日起计算，届满日为{_shown(after.deadline)}：{adjustment.reason}"[:500],
                            details={"from": _iso(before.deadline), "to": _iso(after.deadline)},
                            audit_details={"from": adjustment.procedure_from, "to": to_procedure})
    return adjustment


def _submitted(session: Session, actor: Actor, case: Case, adjustment: DeadlineAdjustment,
               summary: str) -> DeadlineAdjustment:
    session.add(adjustment)
    session.flush()
    applied = (AuditAction.DEADLINE_APPLY_EXTENSION if adjustment.kind == "extension"
               else AuditAction.DEADLINE_APPLY_SUSPENSION)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DEADLINE_APPLICATION, summary=summary,
                       details={"adjustment_id": adjustment.id}, audit_action=applied,
                       audit_details={"adjustment_id": adjustment.id, "reason": adjustment.reason})
    approvers = security.leaders_of(session, court_id=required(adjustment.approver_court_id, "approver_court_id"))
    notifications.notify(session, recipient_ids=[a.id for a in approvers], kind="deadline_approval",
                         message=f"{case.case_number}：{summary}，待您审批", court_id=case.court_id, case_id=case.id,
                         link="/bench/deadlines/queue")
    return adjustment


def approval_queue(session: Session, *, actor: Actor) -> list[tuple[DeadlineAdjustment, Case]]:
    if actor.role not in COURT_LEADERS:
        raise Forbidden("只有院长、副院长可以审批审限变更")
    rows = session.execute(
        select(DeadlineAdjustment, Case).join(Case, Case.id == DeadlineAdjustment.case_id)
        .where(DeadlineAdjustment.approver_court_id == actor.court_id, DeadlineAdjustment.status == "pending")
        .order_by(DeadlineAdjustment.applied_on, DeadlineAdjustment.id)
    )
    return [(adjustment, case) for adjustment, case in rows]


def decide(session: Session, *, actor: Actor, adjustment_id: int, approve: bool, reason: str,
           today: date) -> DeadlineAdjustment:
    """Approve or refuse; a decision on an extension is due 5 days before expiry (延审规定 art. 1)."""
    adjustment = session.scalar(select(DeadlineAdjustment).where(DeadlineAdjustment.id == adjustment_id)
                                .with_for_update())
    if adjustment is None:
        raise NotFound("审批事项不存在", field="adjustment_id")
    if actor.role not in COURT_LEADERS or actor.court_id != adjustment.approver_court_id:
        raise Forbidden(f"该事项应由{APPROVERS.get(adjustment.approver_level or '', '院长')}审批")
    if adjustment.status != "pending":
        raise Conflict("该事项已审批")
    if not approve and not (reason or "").strip():
        raise InvalidInput("不予批准的，请写明理由", field="reason")
    case = cases.case_for_platform(session, adjustment.case_id, for_update=True)  # the approver, let in above
    before = evaluate_case(session, case=case, today=today)
    if adjustment.kind == "extension" and approve and before.deadline is not None:
        late = rules.check_extension_decision(today, before.deadline)
        if late:
            raise Conflict(late)
    adjustment.status = "approved" if approve else "refused"
    adjustment.decided_by, adjustment.decided_on = actor.id, today
    adjustment.decision_reason = (reason or "").strip()[:500] or None
    after = evaluate_case(session, case=case, today=today)
    _decided(session, actor, case, adjustment, before.deadline, after.deadline)
    notifications.notify(session, recipient_ids=[adjustment.applied_by], kind="deadline_decision",
                         message=f"{case.case_number}：审限变更申请{'已批准' if approve else '未获批准'}",
                         court_id=case.court_id, case_id=case.id, link=f"/bench/cases/{case.id}")
    return adjustment


def _decided(session, actor, case, adjustment, old: date | None, new: date | None) -> None:
    what = "延长审限" if adjustment.kind == "extension" else \
        f"扣除审限（{SUSPENSION_KINDS[adjustment.suspension_kind].name}）"
    approver = APPROVERS.get(adjustment.approver_level, "院长")
    if adjustment.status == "approved":
        kind = EventKind.DEADLINE_EXTENDED if adjustment.kind == "extension" else EventKind.DEADLINE_SUSPENDED
        action = AuditAction.DEADLINE_APPROVED
        summary = f"经{approver}批准{what}，审限届满日为{_shown(new)}：{adjustment.reason}"
    else:
        kind, action = EventKind.DEADLINE_REFUSED, AuditAction.DEADLINE_REFUSED
        summary = f"{what}的申请未获批准：{adjustment.decision_reason}"
    # Parties see the deadline and every change with its reason (延审规定 art. 7).
    cases.change_deadline(session, actor=actor, case=case, deadline_on=new, kind=kind, summary=summary[:500],
                          details={"from": _iso(old), "to": _iso(new), "adjustment_id": adjustment.id},
                          audit_action=action,
                          audit_details={"adjustment_id": adjustment.id, "from": _iso(old), "to": _iso(new)})


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _shown(value: date | None) -> str:
    """A deadline as the timeline shows it to judges and parties."""
    return chinese_date(value) if value else "不受审限限制"


def end_suspension(session: Session, *, actor: Actor, adjustment_id: int, ends_on: date, today: date) -> None:
    """Close a running period not counted (the appraisal came back, the stay was lifted)."""
    adjustment = session.get(DeadlineAdjustment, adjustment_id)
    if adjustment is None or adjustment.kind != "suspension":
        raise NotFound("扣除审限事项不存在", field="adjustment_id")
    case = _handling_judge(session, actor, adjustment.case_id)
    if adjustment.ends_on is not None:
        raise Conflict("该扣除期间已结束")
    if ends_on < required(adjustment.starts_on, "starts_on") or ends_on > today:
        raise InvalidInput("结束日应在起始日与今天之间", field="ends_on")
    adjustment.ends_on = ends_on
    old, new = case.deadline_on, evaluate_case(session, case=case, today=today).deadline
    cases.change_deadline(session, actor=actor, case=case, deadline_on=new, kind=EventKind.DEADLINE_CHANGED,
                          summary=f"扣除期间于{chinese_date(ends_on)}结束，审限届满日为{_shown(new)}",
                          details={"from": _iso(old), "to": _iso(new)},
                          audit_action=AuditAction.DEADLINE_END_SUSPENSION,
                          audit_details={"adjustment_id": adjustment.id})


def record_step(session: Session, *, actor: Actor, case_id: int, kind: str, on: date, summary: str,
                today: date) -> None:
    """A procedural step the deadline depends on: an appraisal entrusted, a notice published, a hearing
    postponed (the evidence hidden-overdue detection looks for)."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not cases.permissions.may_conduct(actor, case):
        raise Forbidden("只有承办法官或本庭法官助理、书记员可以记录程序事项")
    if kind not in RECORDABLE_STEPS:
        raise InvalidInput("程序事项无效", field="kind")
    if on < case.accepted_on or on > today + timedelta(days=1):
        raise InvalidInput("日期应在立案日与今天之间", field="on")
    text = (summary or "").strip()[:300]
    step = EventKind(kind)
    cases.record_event(session, case=case, actor=actor, kind=step,
                       summary=f"{chinese_date(on)} {RECORDABLE_STEPS[step]}" + (f"：{text}" if text else ""),
                       details={"on": on.isoformat()}, audit_action=STEP_ACTIONS[step],
                       audit_details={"on": on.isoformat()})


def sweep_warnings(session: Session, *, today: date, thresholds: tuple[int, ...] = (30, 15, 7, 3)) -> int:
    """Warn the judge and the division chief once for each threshold a case reaches, and once when it is
    overdue (审限预警 / 超审限). Returns the number of warnings sent."""
    horizon = today + timedelta(days=max(thresholds))
    candidates = list(session.scalars(select(Case).where(
        Case.stage.in_(cases.OPEN_STAGES), Case.deadline_on.is_not(None), Case.deadline_on <= horizon)))
    # What was sent before, and each division's chief, read once for the whole sweep rather than per case.
    warned = set(session.execute(select(DeadlineWarning.case_id, DeadlineWarning.threshold).where(
        DeadlineWarning.case_id.in_(select(Case.id).where(Case.stage.in_(cases.OPEN_STAGES),
                                                          Case.deadline_on <= horizon)))).all())
    chiefs: dict[int | None, Account | None] = {}
    sent = 0
    for case in candidates:
        deadline = required(case.deadline_on, "deadline_on")  # the query keeps cases with a deadline
        days_left = (deadline - today).days
        reached = -1 if days_left < 0 else min((t for t in thresholds if days_left <= t), default=None)
        if reached is None or (case.id, reached) in warned:
            continue
        session.add(DeadlineWarning(case_id=case.id, court_id=case.court_id, threshold=reached,
                                    deadline_on=case.deadline_on, sent_at=utcnow()))
        if case.division_id not in chiefs:
            chiefs[case.division_id] = security.chief_of(session, division_id=case.division_id)
        chief = chiefs[case.division_id]
        message = (f"{case.case_number} 已超过审限（届满日{deadline.isoformat()}）" if reached < 0 else
                   f"{case.case_number} 距审限届满还有{days_left}天（{deadline.isoformat()}）")
        notifications.notify(session, recipient_ids=[i for i in (case.judge_id, chief.id if chief else None) if i],
                             kind="deadline_warning", message=message, court_id=case.court_id, case_id=case.id,
                             link=f"/bench/cases/{case.id}")
        sent += 1
    return sent


@dataclass(frozen=True)
class Finding:
    case_id: int
    case_number: str
    rule: str
    evidence: str


def hidden_overdue(session: Session, *, actor: Actor, today: date) -> list[Finding]:
    """隐形超审限: periods not counted without approval or without the step that justifies them, overlapping
    periods, postponements past the limit (延审规定 2018/2019), and what the engine flags as irregular."""
    if actor.role not in COURT_LEADERS and actor.role != "division_chief":
        raise Forbidden("只有院庭长可以查看隐形超审限排查结果")
    scope = cases.permissions.case_scope(actor)
    adjusted = select(DeadlineAdjustment.case_id).distinct()
    postponed = select(TimelineEvent.case_id).where(TimelineEvent.kind == EventKind.HEARING_POSTPONED).distinct()
    suspects = session.scalars(select(Case).where(scope, Case.id.in_(adjusted.union(postponed))).order_by(Case.id))
    findings = []
    for case in suspects:
        findings.extend(_case_findings(session, case, today))
    return findings


def _case_findings(session: Session, case: Case, today: date) -> list[Finding]:
    adjustments = adjustments_of(session, case.id)
    step_kinds = {e.kind for e in session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == case.id))}
    postponements = session.scalars(select(func.count()).select_from(TimelineEvent).where(
        TimelineEvent.case_id == case.id, TimelineEvent.kind == EventKind.HEARING_POSTPONED)).one()

    def finding(rule, evidence):
        return Finding(case.id, case.case_number, rule, evidence)

    found = []
    suspensions = [a for a in adjustments if a.kind == "suspension"]
    for a in suspensions:
        label = SUSPENSION_KINDS[required(a.suspension_kind, "suspension_kind")].name
        starts_on = required(a.starts_on, "starts_on")
        if a.status != "approved" and (today - a.applied_on).days > 7:
            found.append(finding("扣除审限未经批准", f"{label}自{starts_on.isoformat()}起，{a.applied_on.isoformat()}"
                                 f"申请，至今{'未获批准' if a.status == 'refused' else '未审批'}"))
        needed = EVIDENCE_OF.get(a.suspension_kind or "")
        if a.status == "approved" and needed and not step_kinds.intersection(needed):
            steps = "或".join(RECORDABLE_STEPS[k] for k in needed)
            found.append(finding("扣除事由无相应程序记录", f"{label}已扣除审限，但案件中没有{steps}的记录"))
    approved = sorted((a for a in suspensions if a.status == "approved"),
                      key=lambda a: required(a.starts_on, "starts_on"))
    for first, second in zip(approved, approved[1:], strict=False):
        first_starts, second_starts = required(first.starts_on, "starts_on"), required(second.starts_on, "starts_on")
        if first.ends_on is None or second_starts <= first.ends_on:
            found.append(finding("扣除期间重叠或重复",
                                 f"{first_starts.isoformat()}起与{second_starts.isoformat()}起的两段扣除期间重叠"))
    limit = rules.HEARING_POSTPONEMENT_LIMITS.get(case.procedure)
    if limit is not None and postponements > limit:
        found.append(finding(f"延期开庭超过次数限制（{rules.EXTENSION_RULE}）",
                             f"已延期开庭{postponements}次，{rules_label(case.procedure)}最多{limit}次"))
    for irregularity in evaluate_case(session, case=case, today=today).irregularities:
        found.append(finding("审限变更不合规", irregularity))
    return found


def rules_label(procedure: str) -> str:
    return cases.rules.PROCEDURE_LABELS.get(procedure, procedure)


def recompute(session: Session, *, today: date, warn_days: int = 30) -> dict[str, int]:
    """The deadline status of every open case of the province. Cases with deadline changes are re-evaluated
    by the engine and their stored deadline refreshed; for all others the status is a function of the stored
    deadline alone, so one grouped scan counts them."""
    adjusted = select(DeadlineAdjustment.case_id).distinct()
    open_adjusted = session.scalars(select(Case).where(Case.id.in_(adjusted), Case.stage.in_(cases.OPEN_STAGES)))
    suspended = 0
    for case in open_adjusted:
        evaluation = evaluate_case(session, case=case, today=today)
        if evaluation.deadline != case.deadline_on:
            cases.refresh_deadline(session, case=case, deadline_on=evaluation.deadline)
        suspended += evaluation.status == "suspended"
    session.flush()
    status = case_status_expression(today, warn_days)
    counts: dict[str, int] = {row[0]: row[1] for row in session.execute(
        select(status, func.count()).where(Case.stage.in_(cases.OPEN_STAGES)).group_by(status))}
    return {"normal": counts.get("normal", 0), "warning": counts.get("warning", 0),
            "overdue": counts.get("overdue", 0), "suspended": suspended}


def case_status_expression(today: date, warn_days: int = 30):
    return when((Case.deadline_on.is_(None), "normal"), (Case.deadline_on < today, "overdue"),
                (Case.deadline_on <= today + timedelta(days=warn_days), "warning"), else_="normal")
