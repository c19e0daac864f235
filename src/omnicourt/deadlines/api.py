"""JSON API of trial deadlines: the calculator, a case's deadline, applications, approvals, findings."""

from dataclasses import asdict
from datetime import date

from fastapi import APIRouter, Depends, Query

from omnicourt.db import Database
from omnicourt.deadlines import calculator, schemas, service
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_actor, current_staff, get_db

router = APIRouter(tags=["deadlines"])


@router.get("/api/v1/calculators/deadline", response_model=schemas.DeadlineOut)
def deadline_calculator(case_type: str, procedure: str, filed: str, on: str | None = None,
                        suspension: list[str] = Query(default=[]), extension: list[str] = Query(default=[]),
                        variant: str | None = None, roll_over_holidays: bool = False,
                        today: date = Depends(court_today)):
    """The trial deadline calculator (the same engine as the case pages)."""
    params = schemas.DeadlineParams(case_type=case_type, procedure=procedure, filed=filed, on=on,
                                    suspensions=suspension, extensions=extension, variant=variant,
                                    roll_over_holidays=roll_over_holidays)
    return calculator.calculate(params, today=today)


def record_out(adjustment) -> schemas.AdjustmentRecordOut:
    return schemas.AdjustmentRecordOut.model_validate(adjustment, from_attributes=True)


def case_deadline_out(view: service.CaseDeadline, *, staff: bool) -> schemas.CaseDeadlineOut:
    evaluation = view.evaluation
    return schemas.CaseDeadlineOut(
        case_id=view.case.id, case_number=view.case.case_number, accepted_on=view.case.accepted_on,
        deadline=evaluation.deadline, days_used=evaluation.days_used, days_left=evaluation.days_left,
        status=evaluation.status,
        adjustments=[schemas.AdjustmentOut(**asdict(a)) for a in evaluation.adjustments if a.applied],
        requests=[record_out(a) for a in view.adjustments] if staff else [])


@router.get("/api/v1/cases/{case_id}/deadline", response_model=schemas.CaseDeadlineOut)
def case_deadline(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                  today: date = Depends(court_today)):
    """The deadline, days used and left, and every change with its reason; parties see it too (延审规定 art. 7)."""
    with db.reading() as session:
        view = service.case_deadline(session, actor=actor, case_id=case_id, today=today)
        return case_deadline_out(view, staff=actor.is_staff)


@router.post("/api/v1/cases/{case_id}/deadline/extensions", response_model=schemas.AdjustmentRecordOut,
             status_code=201)
def apply_for_extension(case_id: PathId, body: schemas.ExtensionIn, actor: Actor = Depends(current_staff),
                        db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        return record_out(service.apply_for_extension(session, actor=actor, case_id=case_id, length=body.length,
                                                      reason=body.reason, today=today))


@router.post("/api/v1/cases/{case_id}/deadline/suspensions", response_model=schemas.AdjustmentRecordOut,
             status_code=201)
def register_suspension(case_id: PathId, body: schemas.SuspensionIn, actor: Actor = Depends(current_staff),
                        db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        return record_out(service.register_suspension(
            session, actor=actor, case_id=case_id, kind=body.kind, starts_on=body.starts_on, ends_on=body.ends_on,
            reason=body.reason, today=today))


@router.post("/api/v1/cases/{case_id}/deadline/conversion", response_model=schemas.AdjustmentRecordOut,
             status_code=201)
def convert_procedure(case_id: PathId, body: schemas.ConversionIn, actor: Actor = Depends(current_staff),
                      db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        return record_out(service.convert_procedure(
            session, actor=actor, case_id=case_id, to_procedure=body.to_procedure, ruled_on=body.ruled_on,
            reason=body.reason, today=today))


@router.post("/api/v1/deadlines/adjustments/{adjustment_id}/end", status_code=204)
def end_suspension(adjustment_id: PathId, body: schemas.SuspensionEndIn, actor: Actor = Depends(current_staff),
                   db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        service.end_suspension(session, actor=actor, adjustment_id=adjustment_id, ends_on=body.ends_on,
                               today=today)


@router.post("/api/v1/cases/{case_id}/steps", status_code=204)
def record_step(case_id: PathId, body: schemas.StepIn, actor: Actor = Depends(current_staff),
                db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        service.record_step(session, actor=actor, case_id=case_id, kind=body.kind, on=body.on, summary=body.summary,
                            today=today)


@router.get("/api/v1/deadlines/queue", response_model=list[schemas.QueueItemOut])
def approval_queue(actor: Actor = Depends(current_staff), db: Database = Depends(get_db)):
    with db.reading() as session:
        return [schemas.QueueItemOut(adjustment=record_out(a), case_number=c.case_number, case_title=c.title)
                for a, c in service.approval_queue(session, actor=actor)]


@router.post("/api/v1/deadlines/adjustments/{adjustment_id}/decision", response_model=schemas.AdjustmentRecordOut)
def decide(adjustment_id: PathId, body: schemas.DecisionIn, actor: Actor = Depends(current_staff),
           db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        return record_out(service.decide(session, actor=actor, adjustment_id=adjustment_id, approve=body.approve,
                                         reason=body.reason, today=today))


@router.get("/api/v1/deadlines/hidden-overdue", response_model=list[schemas.FindingOut])
def hidden_overdue(actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
                   today: date = Depends(court_today)):
    with db.reading() as session:
        return [schemas.FindingOut(**asdict(f)) for f in service.hidden_overdue(session, actor=actor,
                                                                               today=today)]
