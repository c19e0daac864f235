"""Shapes of the deadline calculator (CLI and API share them)."""

from datetime import date

from pydantic import BaseModel, Field

from omnicourt.textcheck import Code, ShortText


class DeadlineParams(BaseModel):
    """Calculator input as typed by a user: dates as YYYY-MM-DD, periods as kind:start:end, lengths as 1m / 30d."""

    case_type: str = Field(description="类型代字，如 民初、刑初、行初、执")
    procedure: str = Field(description="ordinary / simple / small_claims / fast_track")
    filed: str = Field(description="立案（受理）日期 YYYY-MM-DD")
    variant: str | None = Field(None, description="情形，如 ruling_appeal、sentence_over_1y、non_litigation")
    suspensions: list[str] = Field(default_factory=list, description="扣除期间 kind:YYYY-MM-DD:YYYY-MM-DD，结束日可空")
    extensions: list[str] = Field(default_factory=list, description="已批准的延长，如 1m、30d")
    on: str | None = Field(None, description="计算日 YYYY-MM-DD，默认今天")
    roll_over_holidays: bool = Field(False, description="届满日遇法定休假日是否顺延（未经核实，默认否）")


class AdjustmentOut(BaseModel):
    kind: str
    starts_on: date | None
    ends_on: date | None
    days_added: int
    deadline: date | None
    reason: str
    source: str
    applied: bool


class NextExtensionOut(BaseModel):
    approver: str
    approver_name: str
    longest: str | None
    apply_by: date | None
    decide_by: date | None
    source: str


class DeadlineOut(BaseModel):
    case_type: str
    procedure: str
    variant: str | None
    name: str
    filed_on: date
    on: date
    counting_from: date
    basic_deadline: date | None
    deadline: date | None
    days_used: int
    days_left: int | None
    suspended_days: int
    status: str
    warn_threshold: int | None
    extensions_granted: int
    next_extension: NextExtensionOut | None
    adjustments: list[AdjustmentOut]
    irregularities: list[str]
    source: str


class ExtensionIn(BaseModel):
    length: Code = Field(description="延长期间，如 1m、6m、30d")
    reason: ShortText


class SuspensionIn(BaseModel):
    kind: Code = Field(description="扣除事由：appraisal / public_notice / settlement / jurisdiction_objection / ...")
    starts_on: date
    ends_on: date | None = None
    reason: ShortText


class ConversionIn(BaseModel):
    to_procedure: Code = Field(description="simple / ordinary")
    ruled_on: date
    reason: ShortText


class SuspensionEndIn(BaseModel):
    ends_on: date


class DecisionIn(BaseModel):
    approve: bool
    reason: str = ""


class StepIn(BaseModel):
    kind: str = Field(description="appraisal_entrusted / public_notice_published / hearing_postponed")
    on: date
    summary: str = ""


class AdjustmentRecordOut(BaseModel):
    id: int
    case_id: int
    kind: str
    suspension_kind: str | None
    procedure_from: str | None
    procedure_to: str | None
    starts_on: date | None
    ends_on: date | None
    months: int
    days: int
    reason: str
    status: str
    applied_on: date
    approver_level: str | None
    decided_on: date | None
    decision_reason: str | None


class CaseDeadlineOut(BaseModel):
    case_id: int
    case_number: str
    accepted_on: date
    deadline: date | None
    days_used: int
    days_left: int | None
    status: str
    adjustments: list[AdjustmentOut]
    requests: list[AdjustmentRecordOut]


class QueueItemOut(BaseModel):
    adjustment: AdjustmentRecordOut
    case_number: str
    case_title: str


class FindingOut(BaseModel):
    case_id: int
    case_number: str
    rule: str
    evidence: str
