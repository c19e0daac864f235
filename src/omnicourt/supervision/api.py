"""JSON API of supervision: the long-pending ledger, weekly progress, reports, reminders and supervision notices."""

from datetime import date
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from omnicourt.db import Database
from omnicourt.limits import PathId, Year
from omnicourt.paging import parse_cursor, send_next_cursor
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.supervision import reports, rules, schemas, service
from omnicourt.web.deps import court_today, current_staff, get_db, get_settings

router = APIRouter(prefix="/api/v1/supervision", tags=["supervision"])


def _row(row: service.LedgerRow) -> schemas.LedgerRowOut:
    return schemas.LedgerRowOut.model_validate(
        schemas.LedgerEntryOut.model_validate(row.entry).model_dump()
        | {"case_number": row.case.case_number, "title": row.case.title, "accepted_on": row.case.accepted_on,
           "progress_this_week": row.progress_this_week, "target_overdue": row.target_overdue})


def _group(group: service.ReportGroup) -> schemas.ReportGroupOut:
    return schemas.ReportGroupOut(court_id=group.court_id or None, division_id=group.division_id,
                                  by_tier={str(k): v for k, v in sorted(group.by_tier.items())}, open=group.open,
                                  added=group.added, left=group.left, target_overdue=group.target_overdue,
                                  without_progress=group.without_progress)


def report_out(report: service.Report) -> schemas.ReportOut:
    p = report.period
    return schemas.ReportOut(period=p.kind, year=p.year, number=p.number, label=p.label, start=p.start, end=p.end,
                             as_of=report.as_of, groups=[_group(g) for g in report.groups],
                             total=_group(report.total))


def attachment(content: bytes, filename: str) -> Response:
    # RFC 5987: the Chinese file name in filename*, an ASCII fallback in filename.
    return Response(content, media_type=reports.XLSX, headers={
        "Content-Disposition": f"attachment; filename=\"supervision.xlsx\"; filename*=UTF-8''{quote(filename)}"})


@router.get("/ledger", response_model=list[schemas.LedgerRowOut])
def list_ledger(response: Response, open_only: bool = True, limit: int = Query(500, ge=1, le=2000),
                cursor: str | None = Query(None, max_length=40, description="X-Next-Cursor of the previous page"),
                actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
                today: date = Depends(court_today)):
    """Ledger entries of the cases the caller may see, with this week's progress and target flags; a full page
    carries the next one's cursor in X-Next-Cursor."""
    with db.reading() as session:
        rows = service.list_ledger(session, actor=actor, today=today, open_only=open_only, limit=limit,
                                   after=parse_cursor(cursor))
        send_next_cursor(response, [r.case for r in rows], limit, "deadline_on")
        return [_row(r) for r in rows]


@router.get("/ledger/export", response_class=Response)
def export_ledger(open_only: bool = True, actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
                  today: date = Depends(court_today)):
    """The ledger as an Excel workbook."""
    with db.reading() as session:
        rows = list(service.all_ledger_rows(session, actor=actor, today=today, open_only=open_only))
        content = reports.ledger_workbook(rows, reports.ledger_names(session, rows), today=today)
    return attachment(content, f"长期未结案件台账-{today.isoformat()}.xlsx")


@router.get("/ledger/{case_id}", response_model=schemas.LedgerEntryOut)
def get_entry(case_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.get_entry(session, actor=actor, case_id=case_id)[1]


@router.put("/ledger/{case_id}/plan", response_model=schemas.LedgerEntryOut)
def set_plan(case_id: PathId, body: schemas.PlanIn, actor: Actor = Depends(current_staff),
             db: Database = Depends(get_db), today: date = Depends(court_today)):
    """The chief sets the responsible judge, target closing date, plan and supervising leader."""
    with db.transaction() as session:
        return service.set_plan(session, actor=actor, case_id=case_id, responsible_judge_id=body.responsible_judge_id,
                                target_on=body.target_on, plan=body.plan, supervisor_id=body.supervisor_id,
                                today=today)


@router.get("/ledger/{case_id}/progress", response_model=list[schemas.ProgressOut])
def list_progress(case_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.progress_of(session, entry=service.get_entry(session, actor=actor, case_id=case_id)[1])


@router.post("/ledger/{case_id}/progress", response_model=schemas.ProgressOut)
def record_progress(case_id: PathId, body: schemas.ProgressIn, actor: Actor = Depends(current_staff),
                    db: Database = Depends(get_db), today: date = Depends(court_today)):
    """This week's progress note by the responsible judge (a second one this week replaces it)."""
    with db.transaction() as session:
        return service.record_progress(session, actor=actor, case_id=case_id, note=body.note, today=today)


@router.get("/reports", response_model=schemas.ReportOut)
def get_report(period: str = "month", year: Year = None, number: int | None = Query(None, ge=1, le=12),
               actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
               settings: Settings = Depends(get_settings), today: date = Depends(court_today)):
    """The monthly report (period=month) or quarterly summary (period=quarter); the current one by default."""
    with db.reading() as session:
        return report_out(_report(session, settings, actor, period, year, number, today))


@router.get("/reports/export", response_class=Response)
def export_report(period: str = "month", year: Year = None, number: int | None = Query(None, ge=1, le=12),
                  actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
                  settings: Settings = Depends(get_settings), today: date = Depends(court_today)):
    with db.reading() as session:
        report = _report(session, settings, actor, period, year, number, today)
        content = reports.report_workbook(report, reports.report_names(session, report))
    return attachment(content, f"长期未结案件{report.period.label}{'月报' if period == 'month' else '季报'}.xlsx")


def _report(session, settings: Settings, actor: Actor, period: str, year: int | None, number: int | None,
            today: date) -> service.Report:
    if year is None or number is None:
        current = rules.current_period(period if period in rules.PERIODS else "month", today)
        year, number = year or current.year, number or current.number
    return service.report(session, actor=actor, kind=period, year=year, number=number, today=today,
                          tiers=settings.dashboard_long_pending_months)


@router.post("/cases/{case_id}/notices", response_model=schemas.NoticeOut, status_code=201)
def issue_notice(case_id: PathId, body: schemas.NoticeIn, actor: Actor = Depends(current_staff),
                 db: Database = Depends(get_db), today: date = Depends(court_today)):
    """A reminder (催办) or supervision notice (督办) to the case's judge."""
    with db.transaction() as session:
        return service.issue_notice(session, actor=actor, case_id=case_id, kind=body.kind, text=body.text,
                                    due_on=body.due_on, today=today)


@router.get("/notices", response_model=list[schemas.NoticeRowOut])
def list_notices(box: str = "received", open_only: bool = False, actor: Actor = Depends(current_staff),
                 db: Database = Depends(get_db), today: date = Depends(court_today)):
    """Notices the caller received (box=received) or issued (box=issued)."""
    with db.reading() as session:
        rows = service.list_notices(session, actor=actor, box=box, today=today, open_only=open_only)
        return [schemas.NoticeRowOut.model_validate(schemas.NoticeOut.model_validate(r.notice).model_dump()
                                                    | {"case_number": r.case.case_number, "overdue": r.overdue})
                for r in rows]


@router.post("/notices/{notice_id}/acknowledgement", response_model=schemas.NoticeOut)
def acknowledge_notice(notice_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.acknowledge_notice(session, actor=actor, notice_id=notice_id)


@router.post("/notices/{notice_id}/reply", response_model=schemas.NoticeOut)
def reply_notice(notice_id: PathId, body: schemas.ReplyIn, actor: Actor = Depends(current_staff),
                 db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        return service.reply_notice(session, actor=actor, notice_id=notice_id, reply=body.reply, today=today)
