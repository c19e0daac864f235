"""Excel (.xlsx) exports of the ledger and of the monthly / quarterly report, with openpyxl.

A standalone query-free module: it lays out what the service computed, with names resolved by `Names`.
"""

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from sqlalchemy.orm import Session

from omnicourt.reference import service as reference
from omnicourt.reference.models import Division
from omnicourt.security import service as security
from omnicourt.supervision.service import LedgerRow, Report
from omnicourt.xlsx import append_row, first_sheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Names:
    """Court, division and person names for display, looked up once per page or file."""

    courts: dict[int, str]
    divisions: dict[int, str]
    people: dict[int, str]

    @classmethod
    def load(cls, session: Session, *, division_ids=(), account_ids=()) -> "Names":
        courts = {c.id: c.name for c in reference.list_courts(session)}
        divisions = {i: d.name for i in set(division_ids) if i and (d := session.get(Division, i))}
        people = {i: a.display_name for i in set(account_ids) if i and (a := security.get_account(session, i))}
        return cls(courts, divisions, people)

    def court(self, court_id) -> str:
        return self.courts.get(court_id, "全部") if court_id else "合计"

    def division(self, division_id) -> str:
        return self.divisions.get(division_id, "—") if division_id else "—"

    def person(self, account_id) -> str:
        return self.people.get(account_id, "—") if account_id else "—"


def ledger_names(session: Session, rows: list[LedgerRow]) -> Names:
    return Names.load(session, division_ids=[r.entry.division_id for r in rows],
                      account_ids=[i for r in rows for i in (r.entry.responsible_judge_id, r.entry.supervisor_id)])


def report_names(session: Session, report: Report) -> Names:
    return Names.load(session, division_ids=[g.division_id for g in report.groups])


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list], *, first: bool) -> None:
    ws = first_sheet(wb) if first else wb.create_sheet()
    ws.title = title
    append_row(ws, header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        append_row(ws, row)
    for column, name in zip(ws.columns, header, strict=False):
        ws.column_dimensions[column[0].column_letter].width = max(10, min(40, 2 * len(name) + 4))
    ws.freeze_panes = "A2"


def _bytes(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


LEDGER_HEADER = ["案号", "案由/案件名称", "法院", "审判庭", "立案日期", "未结层级（月）", "列入台账日期", "责任法官",
                 "督办领导", "计划结案日期", "结案计划", "本周进展", "计划逾期", "移出台账日期"]


def ledger_workbook(rows: list[LedgerRow], names: Names, *, today: date) -> bytes:
    """The ledger (长期未结案件台账), one row per entry."""
    wb = Workbook()
    _sheet(wb, "长期未结案件台账", LEDGER_HEADER, [
        [r.case.case_number, r.case.title, names.court(r.entry.court_id), names.division(r.entry.division_id),
         r.case.accepted_on, r.entry.tier_months, r.entry.entered_on, names.person(r.entry.responsible_judge_id),
         names.person(r.entry.supervisor_id), r.entry.target_on, r.entry.plan,
         "已填报" if r.progress_this_week else "未填报", "是" if r.target_overdue else "否", r.entry.left_on]
        for r in rows], first=True)
    wb.properties.title = f"长期未结案件台账（{today.isoformat()}）"
    return _bytes(wb)


def report_header(report: Report) -> list[str]:
    return (["法院", "审判庭", "期末在册"] + [f"满{t}个月" for t in report.tiers]
            + ["本期新增", "本期移出", "计划逾期", "本期无进展"])


def report_rows(report: Report, names: Names) -> list[list]:
    rows = [[names.court(g.court_id), names.division(g.division_id), g.open, *[g.by_tier[t] for t in report.tiers],
             g.added, g.left, g.target_overdue, g.without_progress] for g in report.groups]
    t = report.total
    rows.append(["合计", "", t.open, *[t.by_tier[k] for k in report.tiers], t.added, t.left, t.target_overdue,
                 t.without_progress])
    return rows


def report_workbook(report: Report, names: Names) -> bytes:
    """The monthly report or quarterly summary: one sheet of figures, one of its terms."""
    wb = Workbook()
    _sheet(wb, report.period.label[:31], report_header(report), report_rows(report, names), first=True)
    _sheet(wb, "说明", ["项目", "内容"], [
        ["期间", f"{report.period.start.isoformat()} 至 {report.period.end.isoformat()}"],
        ["统计截至", report.as_of.isoformat()],
        ["期末在册", "截至统计日仍在台账中的案件，按立案后已满月数分层"],
        ["计划逾期", "在册案件中计划结案日期早于统计日的"],
        ["本期无进展", "在册案件中本期内没有任何一周填报进展的"],
    ], first=False)
    return _bytes(wb)
