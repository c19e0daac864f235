"""Bench pages of supervision: the ledger, an entry with its plan and weekly progress, the reports (printable,
with an Excel download), my notices with acknowledge / reply, and issuing a notice from a case."""

from datetime import date, timedelta

from fastapi import APIRouter, Depends, Form, Query, Request
from sqlalchemy.orm import Session

from omnicourt.cases import service as cases
from omnicourt.errors import Forbidden, InvalidInput
from omnicourt.limits import MAX_ID, PathId, Year
from omnicourt.paging import parse_cursor
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.supervision import reports, rules, service
from omnicourt.textcheck import form_text
from omnicourt.web.deps import court_today, current_staff
from omnicourt.web.pages import see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
LEDGER_PAGE = 100  # entries a page


def _optional_id(value: str, field: str, label: str) -> int | None:
    """An id chosen in the form: empty is none; anything but an id in range is refused (never a 500)."""
    text = (value or "").strip()
    if not text:
        return None
    if not (len(text) <= len(str(MAX_ID)) and text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_ID):
        raise InvalidInput(f"{label}无效，请从列表中选择", field=field)
    return int(text)


def _note(value: str, field: str, label: str) -> str:
    """A free-text form field under the API's rules (textcheck; NoteIn's 4,000 characters)."""
    return form_text(value, field=field, label=label, max_length=4000, multiline=True)


def _optional_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None


@router.get("/bench/supervision/ledger")
def ledger(request: Request, show: str = "open", page: int = Query(1, ge=1, le=MAX_ID),
           after: str | None = Query(None, max_length=40, description="the cursor of the next page"),
           actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    """The ledger as leaders read it: the most overdue case first, with its court and judge, page by page."""
    open_only = show != "all"
    with request.app.state.db.reading() as session:
        shown = service.list_ledger(session, actor=actor, today=today, open_only=open_only, limit=LEDGER_PAGE,
                                    after=parse_cursor(after, field="after"))
        total, without_progress = service.ledger_counts(session, actor=actor, today=today, open_only=open_only)
        names = reports.ledger_names(session, shown)
    following = service.ledger_cursor(shown[-1]) if len(shown) == LEDGER_PAGE else None
    return render(request, "supervision/ledger.html", {
        "rows": shown, "names": names, "show": show, "today": today, "week": rules.iso_week(today),
        "without_progress": without_progress, "may_report": service.may_see_reports(actor), "page": page,
        "total": total, "pages": max(1, -(-total // LEDGER_PAGE)), "next": following})


def _planners(session: Session, case) -> tuple[list, list]:
    """Judges of the case's division (or court) and the court's supervisors, for the plan form."""
    judges = security.judges_of(session, division_id=case.division_id) if case.division_id else []
    leaders = security.leaders_of(session, court_id=case.court_id)
    chief = security.chief_of(session, division_id=case.division_id)
    return judges, ([chief] if chief else []) + leaders


@router.get("/bench/supervision/ledger/{case_id}")
def entry_page(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
               today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        case, entry = service.get_entry(session, actor=actor, case_id=case_id)
        progress = service.progress_of(session, entry=entry)
        judges, leaders = _planners(session, case)
        names = reports.Names.load(session, division_ids=[entry.division_id], account_ids=[
            entry.responsible_judge_id, entry.supervisor_id, case.judge_id, *[p.author_id for p in progress]])
    week = rules.iso_week(today)
    return render(request, "supervision/entry.html", {
        "case": case, "entry": entry, "progress": progress, "names": names, "judges": judges, "leaders": leaders,
        "may_plan": service.may_plan(actor, case) and entry.left_on is None,
        "may_progress": actor.id == entry.responsible_judge_id and entry.left_on is None,
        "this_week": next((p for p in progress if (p.iso_year, p.iso_week) == week), None), "week": week,
        "today": today, "target_overdue": rules.target_overdue(entry.target_on, today,
                                                               closed=entry.left_on is not None)})


@router.post("/bench/supervision/ledger/{case_id}/plan")
def set_plan(request: Request, case_id: PathId, responsible_judge_id: str = Form(""), target_on: str = Form(""),
             plan: str = Form(""), supervisor_id: str = Form(""), actor: Actor = Depends(current_staff),
             today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.set_plan(session, actor=actor, case_id=case_id,
                         responsible_judge_id=_optional_id(responsible_judge_id, "responsible_judge_id", "承办法官"),
                         target_on=_optional_date(target_on), plan=_note(plan, "plan", "结案计划"),
                         supervisor_id=_optional_id(supervisor_id, "supervisor_id", "督办人"), today=today)
    return see_other(request, f"/bench/supervision/ledger/{case_id}")


@router.post("/bench/supervision/ledger/{case_id}/progress")
def record_progress(request: Request, case_id: PathId, note: str = Form(""), actor: Actor = Depends(current_staff),
                    today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.record_progress(session, actor=actor, case_id=case_id, note=_note(note, "note", "本周进展"),
                                today=today)
    return see_other(request, f"/bench/supervision/ledger/{case_id}")


@router.get("/bench/supervision/reports")
def report_page(request: Request, period: str = "month", year: Year = None,
                number: int | None = Query(None, ge=1, le=12), actor: Actor = Depends(current_staff),
                today: date = Depends(court_today)):
    kind = period if period in rules.PERIODS else "month"
    if year is None or number is None:
        current = rules.current_period(kind, today)
        year, number = year or current.year, number or current.number
    with request.app.state.db.reading() as session:
        report = service.report(session, actor=actor, kind=kind, year=year, number=number, today=today,
                                tiers=request.app.state.settings.dashboard_long_pending_months)
        names = reports.report_names(session, report)
    return render(request, "supervision/report.html", {
        "report": report, "names": names, "header": reports.report_header(report),
        "rows": reports.report_rows(report, names), "kind": kind, "year": year, "number": number,
        "numbers": range(1, 13 if kind == "month" else 5), "years": range(today.year - 3, today.year + 1),
        "export": f"/api/v1/supervision/reports/export?period={kind}&year={year}&number={number}"})


@router.get("/bench/supervision/notices")
def notices_page(request: Request, actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        received = service.list_notices(session, actor=actor, box="received", today=today)
        issued = service.list_notices(session, actor=actor, box="issued", today=today)
        names = reports.Names.load(session, account_ids=[r.notice.issuer_id for r in received]
                                   + [r.notice.recipient_id for r in issued])
    return render(request, "supervision/notices.html", {"received": received, "issued": issued, "names": names,
                                                        "KINDS": rules.KINDS, "STATUS": rules.STATUS_LABELS})


@router.post("/bench/supervision/notices/{notice_id}/acknowledgement")
def acknowledge(request: Request, notice_id: PathId, actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.acknowledge_notice(session, actor=actor, notice_id=notice_id)
    return see_other(request, "/bench/supervision/notices")


@router.post("/bench/supervision/notices/{notice_id}/reply")
def reply(request: Request, notice_id: PathId, reply: str = Form(""), actor: Actor = Depends(current_staff),
          today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.reply_notice(session, actor=actor, notice_id=notice_id, reply=_note(reply, "reply", "回复"),
                             today=today)
    return see_other(request, "/bench/supervision/notices")


@router.get("/bench/supervision/cases/{case_id}/notices/new")
def new_notice(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
               today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        case = cases.get_case(session, actor=actor, case_id=case_id)
        if not service.may_issue(actor, case):
            raise Forbidden("只有本庭庭长或院长、副院长可以催办、督办案件")
    return render(request, "supervision/new_notice.html", {
        "case": case, "KINDS": rules.KINDS, "default_due": today + timedelta(days=7)})


@router.post("/bench/supervision/cases/{case_id}/notices")
def issue_notice(request: Request, case_id: PathId, kind: str = Form(""), text: str = Form(""), due_on: str = Form(""),
                 actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.issue_notice(session, actor=actor, case_id=case_id, kind=kind,
                             text=_note(text, "text", "催办、督办内容"), due_on=_optional_date(due_on),
                             today=today)
    return see_other(request, "/bench/supervision/notices")
