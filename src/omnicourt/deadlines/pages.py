"""Pages of trial deadlines: the case's deadline (bench and portal), applications, the approval queue,
hidden-overdue findings, and the calculator."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request

from omnicourt.cases import permissions
from omnicourt.deadlines import calculator, schemas, service
from omnicourt.deadlines.calendar import Length
from omnicourt.deadlines.periods import APPROVERS, SUSPENSION_KINDS
from omnicourt.errors import DomainError, InvalidInput
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.textcheck import LongText, ShortText
from omnicourt.web.deps import court_today, current_actor, current_staff, optional_identity
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

ReasonField = Annotated[ShortText, Form()]  # form fields under the API's text rules (textcheck)
SummaryField = Annotated[LongText, Form()]

router = APIRouter(include_in_schema=False)
STATUS_LABELS = {"normal": "正常", "warning": "预警", "suspended": "扣除期间中", "overdue": "已超审限"}
REQUEST_LABELS = {"pending": "待审批", "approved": "已批准", "refused": "未批准"}
# Lengths offered on pages; the CLI and API take any length as a code (1m, 30d, 1m15d).
EXTENSION_CHOICES = {"15d": "十五日", "1m": "一个月", "2m": "两个月", "3m": "三个月", "6m": "六个月"}
SUSPENSION_ROWS = 2  # period rows on the calculator page


def extension_choices(longest: Length | None) -> dict[str, str]:
    """The lengths a judge may choose: those the next extension allows (all when the law fixes no limit)."""
    return {code: label for code, label in EXTENSION_CHOICES.items()
            if longest is None or Length.parse(code, field="length") <= longest}
DECISION_MESSAGES = {"approved": "已批准该申请，审限已按批准的期间重新计算，并已通知承办法官。",
                     "refused": "已决定不予批准，并已通知承办法官。"}


def _context(view: service.CaseDeadline, actor: Actor, today: date) -> dict:
    return {"view": view, "evaluation": view.evaluation, "STATUS_LABELS": STATUS_LABELS,
            "REQUEST_LABELS": REQUEST_LABELS, "SUSPENSION_KINDS": SUSPENSION_KINDS, "APPROVERS": APPROVERS,
            "STEPS": service.RECORDABLE_STEPS, "today": today,
            "extension_choices": extension_choices(view.evaluation.next_extension.longest
                                                   if view.evaluation.next_extension else None),
            "is_judge": actor.role == "judge" and view.case.judge_id == actor.id,
            "may_conduct": permissions.may_conduct(actor, view.case)}


@router.get("/bench/cases/{case_id}/deadline")
def bench_deadline(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                   today: date = Depends(court_today)):
    """The deadline section of the bench case page (an HTMX fragment)."""
    with request.app.state.db.reading() as session:
        view = service.case_deadline(session, actor=actor, case_id=case_id, today=today)
        return render(request, "deadlines/_bench_deadline.html", _context(view, actor, today))


@router.get("/portal/cases/{case_id}/deadline")
def portal_deadline(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                    today: date = Depends(court_today)):
    """What the parties are told: the filing date, the deadline and every change with its reason (延审规定 art. 7)."""
    with request.app.state.db.reading() as session:
        view = service.case_deadline(session, actor=actor, case_id=case_id, today=today)
        return render(request, "deadlines/_portal_deadline.html", _context(view, actor, today))


@router.post("/bench/cases/{case_id}/deadline/extensions")
def apply_for_extension(request: Request, case_id: PathId, length: str = Form(""), reason: ReasonField = "",
                        actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.apply_for_extension(session, actor=actor, case_id=case_id, length=length, reason=reason,
                                    today=today)
    return see_other(request, f"/bench/cases/{case_id}?done=extension")


@router.post("/bench/cases/{case_id}/deadline/suspensions")
def register_suspension(request: Request, case_id: PathId, kind: str = Form(""), starts_on: date = Form(...),
                        ends_on: str = Form(""), reason: ReasonField = "", actor: Actor = Depends(current_staff),
                        today: date = Depends(court_today)):
    end = calculator.parse_date(ends_on, field="suspension") if ends_on.strip() else None
    with request.app.state.db.transaction() as session:
        service.register_suspension(session, actor=actor, case_id=case_id, kind=kind, starts_on=starts_on,
                                    ends_on=end, reason=reason, today=today)
    return see_other(request, f"/bench/cases/{case_id}?done=suspension")


@router.post("/bench/cases/{case_id}/deadline/conversion")
def convert_procedure(request: Request, case_id: PathId, to_procedure: str = Form(""), ruled_on: date = Form(...),
                      reason: ReasonField = "", actor: Actor = Depends(current_staff),
                      today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.convert_procedure(session, actor=actor, case_id=case_id, to_procedure=to_procedure,
                                  ruled_on=ruled_on, reason=reason, today=today)
    return see_other(request, f"/bench/cases/{case_id}?done=conversion")


@router.post("/bench/cases/{case_id}/steps")
def record_step(request: Request, case_id: PathId, kind: str = Form(""), on: date = Form(...),
                summary: SummaryField = "", actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.record_step(session, actor=actor, case_id=case_id, kind=kind, on=on, summary=summary,
                            today=today)
    return see_other(request, f"/bench/cases/{case_id}?done=step")


@router.post("/bench/deadlines/adjustments/{adjustment_id}/end")
def end_suspension(request: Request, adjustment_id: PathId, ends_on: date = Form(...), case_id: int = Form(...),
                   actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.end_suspension(session, actor=actor, adjustment_id=adjustment_id, ends_on=ends_on, today=today)
    return see_other(request, f"/bench/cases/{case_id}?done=suspension_ended")


@router.get("/bench/deadlines/queue")
def approval_queue(request: Request, done: str | None = None, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        items = service.approval_queue(session, actor=actor)
    return render(request, "deadlines/queue.html", {"items": items, "SUSPENSION_KINDS": SUSPENSION_KINDS,
                                                     "APPROVERS": APPROVERS,
                                                     "flash": done_flash(done, DECISION_MESSAGES)})


@router.post("/bench/deadlines/adjustments/{adjustment_id}/decision")
def decide(request: Request, adjustment_id: PathId, approve: str = Form(""), reason: ReasonField = "",
           actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.decide(session, actor=actor, adjustment_id=adjustment_id, approve=approve == "yes", reason=reason,
                       today=today)
    return see_other(request, f"/bench/deadlines/queue?done={'approved' if approve == 'yes' else 'refused'}")


@router.get("/bench/deadlines/hidden-overdue")
def hidden_overdue(request: Request, actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        findings = service.hidden_overdue(session, actor=actor, today=today)
    return render(request, "deadlines/hidden_overdue.html", {"findings": findings})


@router.get("/calculators/deadline")
def deadline_calculator(request: Request, case_type: str = "民初", procedure: str = "simple", filed: str = "",
                        on: str = "", suspension_kind: list[str] = Query(default=[]),
                        suspension_from: list[str] = Query(default=[]), suspension_to: list[str] = Query(default=[]),
                        extension: list[str] = Query(default=[]), identity=Depends(optional_identity),
                        today: date = Depends(court_today)):
    """The calculator with Chinese choices; it builds the codes the API and CLI take (kind:start:end, 1m)."""
    rows = list(zip(suspension_kind, suspension_from, suspension_to, strict=False))[:SUSPENSION_ROWS]
    extensions = [code for code in extension if code][:len(EXTENSION_CHOICES)]
    shown_rows = rows + [("", "", "")] * (SUSPENSION_ROWS - len(rows))
    context = {"form": {"case_type": case_type, "procedure": procedure, "filed": filed, "on": on,
                        "suspensions": shown_rows, "extensions": extensions + ["", ""][len(extensions):]},
               "SUSPENSION_KINDS": SUSPENSION_KINDS, "STATUS_LABELS": STATUS_LABELS,
               "EXTENSION_CHOICES": EXTENSION_CHOICES}
    if filed:
        try:
            params = schemas.DeadlineParams(
                case_type=case_type, procedure=procedure, filed=filed, on=on or None,
                suspensions=[_period_code(kind, starts, ends) for kind, starts, ends in rows if kind or starts],
                extensions=extensions)
            context["result"] = calculator.calculate(params, today=today)
        except DomainError as error:
            context["error"] = error.message
    return render(request, "deadlines/calculator.html", context)


def _period_code(kind: str, starts: str, ends: str) -> str:
    """A period chosen on the page as the calculator's kind:start:end."""
    if kind not in SUSPENSION_KINDS:
        raise InvalidInput("请选择扣除事由", field="suspension_kind")
    if not starts.strip():
        raise InvalidInput(f"请填写{SUSPENSION_KINDS[kind].name}的开始日期", field="suspension_from")
    return f"{kind}:{starts.strip()}:{ends.strip()}"
