"""Shapes of an online filing, for the API and the pages alike."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class PartyIn(BaseModel):
    role: str = Field(description="plaintiff / defendant / third_party / agent")
    party_type: str = Field(description="natural / legal / organisation")
    name: str
    id_number: str | None = None
    uscc: str | None = None
    legal_representative: str | None = None
    address: str | None = None
    phone: str | None = None


class ClaimIn(BaseModel):
    description: str
    amount: Decimal | None = None


class FilingIn(BaseModel):
    court_code: str = Field(examples=["浙0106"])
    cause_code: str
    parties: list[PartyIn]
    claims: list[ClaimIn]
    facts_and_reasons: str
    circumstances: list[str] = Field(default=[], description="foreign / appraisal / whereabouts_unknown / ...: "
                                                              "circumstances that rule out small claims or "
                                                              "simple procedure (CPL art. 166)")


class FilingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    court_id: int
    cause_code: str
    status: str
    amount_in_dispute: Decimal
    estimated_fee: Decimal
    procedure_hint: str
    submitted_at: datetime
    decision_due_on: date
    correction_items: list[str]
    refusal_reason: str | None
    case_id: int | None
    parties: list[PartyIn]
    claims: list[ClaimIn]
    circumstances: list[str]


class CorrectionIn(BaseModel):
    items: list[str]


class RefusalIn(BaseModel):
    reason: str


class CellErrorOut(BaseModel):
    column: str = Field(description="the column key of the element sheet; empty when the whole row is refused")
    header: str = Field(description="the column's Chinese header")
    message: str


class BulkRow(BaseModel):
    row: int = Field(description="the row's number: in the uploaded sheet, or from 1 in the list sent")
    reference: str | None = Field(description="the applicant's own reference of the row, if given")
    status: str = Field(description="filed / refused")
    application_id: int | None
    errors: list[CellErrorOut]
    attachments: list[str] = Field(default=[], description="the files filed with the row")


class BulkReport(BaseModel):
    filed: int
    refused: int
    rows: list[BulkRow]
