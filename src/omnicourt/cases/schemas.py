"""API shapes of the case aggregate."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from omnicourt.cases.service import ATTENDANCE_MAX
from omnicourt.limits import Id
from omnicourt.textcheck import LongText, Name, ShortText


class PartyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    role: str
    party_type: str
    name: str
    legal_representative: str | None


class ClaimOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    description: str
    amount: Decimal | None


class CaseSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_number: str
    title: str
    cause_name: str
    procedure: str
    stage: str
    court_id: int
    judge_id: int | None
    accepted_on: date
    deadline_on: date | None
    closed_on: date | None


class CaseDetail(CaseSummary):
    amount_in_dispute: Decimal | None
    division_id: int | None
    closing_method: str | None
    triage_reasons: list[str]
    assignment_reasons: list[str]
    parties: list[PartyOut]
    claims: list[ClaimOut]


class TimelineEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    kind: str
    summary: str


class HearingIn(BaseModel):
    # Who attended (party names, as on the case) and who, summoned, did not: the judgment states only these.
    present: list[Name] = Field(default_factory=list, max_length=ATTENDANCE_MAX)
    absent: list[Name] = Field(default_factory=list, max_length=ATTENDANCE_MAX)
    online: bool = False
    summoned_by_notice: bool = False
    held_on: date
    summary: LongText = ""


class ReassignIn(BaseModel):
    judge_id: Id
    reason: ShortText
