"""API shapes of supervision: the ledger, weekly progress, reports, notices."""

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict

from omnicourt.limits import Id
from omnicourt.textcheck import Code, PlainText

Note = Annotated[str, PlainText(4000, multiline=True)]


class PlanIn(BaseModel):
    responsible_judge_id: Id | None = None
    target_on: date | None = None
    plan: Note = ""
    supervisor_id: Id | None = None


class ProgressIn(BaseModel):
    note: Note = ""


class ProgressOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    iso_year: int
    iso_week: int
    week_start: date
    note: str
    author_id: int
    updated_at: datetime


class LedgerEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    court_id: int
    division_id: int | None
    tier_months: int
    entered_on: date
    left_on: date | None
    responsible_judge_id: int | None
    supervisor_id: int | None
    target_on: date | None
    plan: str


class LedgerRowOut(LedgerEntryOut):
    case_number: str
    title: str
    accepted_on: date
    progress_this_week: bool
    target_overdue: bool


class ReportGroupOut(BaseModel):
    court_id: int | None
    division_id: int | None
    by_tier: dict[str, int]  # months → open entries: {"12": 40, "18": 12, "36": 1}
    open: int
    added: int
    left: int
    target_overdue: int
    without_progress: int


class ReportOut(BaseModel):
    period: str  # month / quarter
    year: int
    number: int
    label: str
    start: date
    end: date
    as_of: date
    groups: list[ReportGroupOut]
    total: ReportGroupOut


class NoticeIn(BaseModel):
    kind: Code
    text: Note = ""
    due_on: date | None = None


class ReplyIn(BaseModel):
    reply: Note = ""


class NoticeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    court_id: int
    kind: str
    text: str
    due_on: date
    status: str
    issuer_id: int
    recipient_id: int
    issued_at: datetime
    acknowledged_at: datetime | None
    replied_at: datetime | None
    replied_on: date | None
    reply: str | None
    escalated_at: datetime | None
    escalated_to_id: int | None


class NoticeRowOut(NoticeOut):
    case_number: str
    overdue: bool
