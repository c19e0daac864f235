"""API shapes of enforcement: the creditor's application and a freeze, seizure or detention."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from omnicourt.textcheck import Code, ShortText


class ApplicationIn(BaseModel):
    source_case_id: int = Field(ge=1, le=2**63 - 1)
    source_document: str = Field(max_length=32, description="judgment / ruling / mediation_statement / "
                                                            "confirmation_ruling")
    applicant_party_id: int = Field(ge=1, le=2**63 - 1)
    respondent_party_ids: list[int] = Field(min_length=1, max_length=20)
    amount: Decimal = Field(gt=0, le=Decimal("1000000000000"), max_digits=15, decimal_places=2)
    request: ShortText = Field(description="申请执行事项")
    effective_on: date
    performance_due_on: date | None = None
    last_instalment_on: date | None = None


class MeasureIn(BaseModel):
    measure: str = Field(max_length=16, description="freeze / seizure / detention")
    asset_kind: str = Field(max_length=16, description="deposit / movable / real_estate / other_right")
    asset_key: Code = Field(description="账号、车牌号、不动产权证号等")
    description: ShortText
    amount: Decimal | None = Field(default=None, gt=0, le=Decimal("1000000000000"), max_digits=15, decimal_places=2)
    starts_on: date
    ends_on: date | None = None


class RenewalIn(BaseModel):
    ends_on: date | None = None


class ApplicationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    source_case_id: int
    source_document: str
    amount: Decimal
    applied_on: date
    period_ends_on: date
    late: bool
    status: str
    refusal_reason: str | None
    case_id: int | None


class RefusalIn(BaseModel):
    reason: ShortText


class CaseOut(BaseModel):
    id: int
    case_number: str


class MeasureOut(BaseModel):
    id: int
    measure: str
    asset_kind: str
    asset_key: str
    description: str
    amount: Decimal | None
    starts_on: date
    ends_on: date
    renewals: int
    released_on: date | None
    status: str


class AuctionIn(BaseModel):
    title: ShortText
    asset_kind: str = Field(max_length=16, description="real_estate / movable")
    round: int = Field(1, ge=1, le=2)
    reference_price: Decimal = Field(gt=0, le=Decimal("1000000000000"), max_digits=15, decimal_places=2)
    previous_start: Decimal | None = Field(default=None, gt=0, le=Decimal("1000000000000"), max_digits=15,
                                           decimal_places=2)
    start_price: Decimal = Field(gt=0, le=Decimal("1000000000000"), max_digits=15, decimal_places=2)
    increment: Decimal = Field(gt=0, le=Decimal("100000000"), max_digits=11, decimal_places=2)
    deposit: Decimal = Field(gt=0, le=Decimal("1000000000000"), max_digits=15, decimal_places=2)
    starts_at: datetime = Field(description="竞价开始（法院所在地时间）")
    ends_at: datetime
    payment_days: int = Field(10, ge=1, le=90, description="买受人交纳余款的期限（日），在拍卖公告中载明")


class BidIn(BaseModel):
    amount: Decimal = Field(gt=0, le=Decimal("1000000000000"), max_digits=15, decimal_places=2)


class AuctionOut(BaseModel):
    id: int
    title: str
    state: str
    start_price: Decimal
    current_price: Decimal | None
    lowest_bid: Decimal
    increment: Decimal
    deposit: Decimal
    starts_at: datetime
    ends_at: datetime
    bids: int
    my_bidder_code: str | None


class BidOut(BaseModel):
    id: int
    bidder_code: str
    amount: Decimal
    placed_at: datetime
    ends_at: datetime


class PaymentIn(BaseModel):
    received_on: date
    amount: Decimal = Field(gt=0, le=Decimal("1000000000000"), max_digits=15, decimal_places=2)
    source: str = Field(max_length=16, description="deduction / voluntary / auction / other")
    reference: Code = Field(description="转账流水号、拍卖编号等")


class ListingIn(BaseModel):
    debtor_party_id: int = Field(ge=1, le=2**63 - 1)
    ground: int = Field(ge=1, le=6, description="失信规定第一条第几项")
    extra_years: int = Field(0, ge=0, le=3)
    facts: ShortText


class RemovalIn(BaseModel):
    ground: str = Field(max_length=32, description="performed / settlement_performed / applicant / ...")
