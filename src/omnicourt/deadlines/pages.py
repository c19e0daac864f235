"""Pages of trial deadlines: the case's deadline (bench and portal), applications, the approval queue,
hidden-overdue findings, and the calculator."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request

from omnicourt.cases import permissions
from omnicourt.deadlines import calculator, schemas, service
from omnicourt.deadlines.periods import APPROVERS, SUSPENSION_KINDS
from omnicourt.errors import DomainError
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.textcheck import LongText, ShortText
from omnicourt.web.deps import current_actor, current_staff, optional_identity
from omnicourt.web.pages import see_other
from omnicourt.web.templating import render

ReasonField = Annotated[ShortText, Form()]  # form fields under the API's text rules (textcheck)
SummaryField = Annotated[LongText, Form()]

router = APIRouter(include_in_schema=False)
STATUS_LABELS = {"normal": "正常", "warning": "预警", "suspended": "扣除期间中", "overdue": "已超审限"}
REQUEST_LABELS = {"pending": "待审批", "approved": "已批准", "refused": "未批准"}


def _context(view: service.CaseDeadline, actor: Actor) -> dict:
    return {"view": view, "evaluation": view.evaluation, "STATUS_LABELS": STATUS_LABELS,
            "REQUEST_LABELS": REQUEST_LABELS, "SUSPENSION_KINDS": SUSPENSION_KINDS, "APPROVERS": APPROVERS,
            "STEPS": service.RECORDABLE_STEPS, "today": date.today(),
            "is_judge": actor.role == "judge" and view.case.judge_id == actor.id,
            "may_conduct": permissions.may_conduct(actor, view.case)}


@router.get("/bench/cases/{case_id}/deadline")
def bench_deadline(request: Request, case_id: PathId, actor: Actor = Depends(current_staff)):
    """The deadline section of the bench case page (an HTMX fragment)."""
    with request.app.state.db.reading() as session:
        view = service.case_deadline(session, actor=actor, case_id=case_id, today=date.today())
        return render(request, "deadlines/_bench_deadline.html", _context(view, actor))


@router.get("/portal/cases/{case_id}/deadline")
def portal_deadline(request: Request, case_id: PathId, actor: Actor = Depends(current_actor)):
    """What the parties are told: the filing date, the deadline and every change with its reason (延审规定 art. 7)."""
    with request.app.state.db.reading() as session:
        view = service.case_deadline(session, actor=actor, case_id=case_id, today=date.today())
        return render(request, "deadlines/_portal_deadline.html", _context(view, actor))


@router.post("/bench/cases/{case_id}/deadline/extensions")
def apply_for_extension(request: Request, case_id: PathId, length: str = Form(""), reason: ReasonField = "",
                        actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.apply_for_extension(session, actor=actor, case_id=case_id, length=length, reason=reason,
                                    today=date.today())
    return see_other(request, f"/bench/cases/{case_id}")


@router.post("/bench/cases/{case_id}/deadline/suspensions")
def register_suspension(request: Request, case_id: PathId, kind: str = Form(""), starts_on: date = Form(...),
                        ends_on: str = Form(""), reason: ReasonField = "", actor: Actor = Depends(current_staff)):
    end = calculator.parse_date(ends_on, field="suspension") if ends_on.strip() else None
    with request.app.state.db.transaction() as session:
        service.register_suspension(session, actor=actor, case_id=case_id, kind=kind, starts_on=starts_on,
                                    ends_on=end, reason=reason, today=date.today())
    return see_other(request, f"/bench/cases/{case_id}")


@router.post("/bench/cases/{case_id}/deadline/conversion")
def convert_procedure(request: Request, case_id: PathId, to_procedure: str = Form(""), ruled_on: date = Form(...),
                      reason: ReasonField = "", actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.convert_procedure(session, actor=actor, case_id=case_id, to_procedure=to_procedure,
                                  ruled_on=ruled_on, reason=reason, today=date.today())
    return see_other(request, f"/bench/cases/{case_id}")


@router.post("/bench/cases/{case_id}/steps")
def record_step(request: Request, case_id: PathId, kind: str = Form(""), on: date = Form(...),
                summary: SummaryField = "", actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.record_step(session, actor=actor, case_id=case_id, kind=kind, on=on, summary=summary)
    return see_other(request, f"/bench/cases/{case_id}")


@router.post("/bench/deadlines/adjustments/{adjustment_id}/end")
def end_suspension(request: Request, adjustment_id: PathId, ends_on: date = Form(...), case_id: int = Form(...),
                   actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.end_suspension(session, actor=actor, adjustment_id=adjustment_id, ends_on=ends_on, today=date.today())
    return see_other(request, f"/bench/cases/{case_id}")


@router.get("/bench/deadlines/queue")
def approval_queue(request: Request, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        items = service.approval_queue(session, actor=actor)
    return render(request, "deadlines/queue.html", {"items": items, "SUSPENSION_KINDS": SUSPENSION_KINDS,
                                                     "APPROVERS": APPROVERS})


@router.post("/bench/deadlines/adjustments/{adjustment_id}/decision")
def decide(request: Request, adjustment_id: PathId, approve: str = Form(""), reason: ReasonField = "",
           actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.decide(session, actor=actor, adjustment_id=adjustment_id, approve=approve == "yes", reason=reason,
                       today=date.today())
    return see_other(request, "/bench/deadlines/queue")


@router.get("/bench/deadlines/hidden-overdue")
def hidden_overdue(request: Request, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        findings = service.hidden_overdue(session, actor=actor, today=date.today())
    return render(request, "deadlines/hidden_overdue.html", {"findings": findings})


@router.get("/calculators/deadline")
def deadline_calculator(request: Request, case_type: str = "民初", procedure: str = "simple", filed: str = "",
                        on: str = "", suspension: list[str] = Query(default=[]), extension: str = "",
                        identity=Depends(optional_identity)):
    context = {"form": {"case_type": case_type, "procedure": procedure, "filed": filed, "on": on,
                        "suspension": "\n".join(suspension), "extension": extension},
               "SUSPENSION_KINDS": SUSPENSION_KINDS, "STATUS_LABELS": STATUS_LABELS}
    if filed:
        params = schemas.DeadlineParams(
            case_type=case_type, procedure=procedure, filed=filed, on=on or None,
            suspensions=[s for line in suspension for s in line.split() if s],
            extensions=[e for e in extension.split() if e])
        try:
            context["result"] = calculator.calculate(params, today=date.today())
        except DomainError as error:
            context["error"] = error.message
    return render(request, "deadlines/calculator.html", context)
