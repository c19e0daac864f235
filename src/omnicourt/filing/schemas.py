"""Shapes of an online filing, for the API and the pages alike."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from omnicourt.textcheck import Address, Code, LongText, Name, PlainText, ShortText

REFUSAL_REASON_LIMIT = 500  # the column's width
RefusalReason = Annotated[str, PlainText(REFUSAL_REASON_LIMIT, multiline=True)]
MAX_PARTIES = 200
MAX_CLAIMS = 100


class PartyIn(BaseModel):
    role: Code = Field(description="plaintiff / defendant / third_party / agent")
    party_type: Code = Field(description="natural / legal / organisation")
    name: Name
    id_number: Code | None = None
    uscc: Code | None = None
    legal_representative: Name | None = None
    address: Address | None = None
    phone: Code | None = None


class ClaimIn(BaseModel):
    description: ShortText
    amount: Decimal | None = None


class DeliveryAddressIn(BaseModel):
    """The filer's delivery address confirmation (送达地址确认书, 民诉法解释 art. 136): consent to electronic delivery
    and the e-mail address and mobile number to deliver to (在线诉讼规则 arts 29(3), 30); the platform inbox always."""

    consented: bool = Field(description="consents to electronic delivery; without it no address is kept")
    email: Annotated[str, PlainText(254)] = ""
    mobile: Code = ""


class FilingIn(BaseModel):
    court_code: Code = Field(examples=["浙0106"])
    cause_code: Code
    parties: list[PartyIn] = Field(max_length=MAX_PARTIES)
    claims: list[ClaimIn] = Field(max_length=MAX_CLAIMS)
    facts_and_reasons: LongText
    circumstances: list[Code] = Field(default=[], max_length=10,
                                      description="foreign / appraisal / whereabouts_unknown / ...: "
                                                  "circumstances that rule out small claims or "
                                                  "simple procedure (CPL art. 166)")
    delivery_address: DeliveryAddressIn | None = Field(
        None, description="the address for service the filer confirms; recorded for the plaintiff at acceptance")


class PartyOut(BaseModel):
    """A party as stored (checked when it was filed)."""

    role: str
    party_type: str
    name: str
    id_number: str | None = None
    uscc: str | None = None
    legal_representative: str | None = None
    address: str | None = None
    phone: str | None = None


class ClaimOut(BaseModel):
    description: str
    amount: Decimal | None = None


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
    parties: list[PartyOut]
    claims: list[ClaimOut]
    circumstances: list[str]


class CorrectionIn(BaseModel):
    items: list[ShortText] = Field(max_length=50)


class RefusalIn(BaseModel):
    reason: RefusalReason


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


class BulkFilingOut(BaseModel):
    """An element sheet being filed by the job queue: poll `status_url` until `state` is done."""

    id: int
    state: str = Field(description="waiting / running / done / failed")
    done: int = Field(description="rows decided so far")
    total: int
    error: str | None = Field(default=None, description="the last failure; the queue retries a failed run")
    status_url: str
    report: BulkReport | None = Field(default=None, description="each row's outcome, once done")
