"""API shapes of the fee calculator and of online payment."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class BandOut(BaseModel):
    lower: Decimal
    upper: Decimal | None
    rate: Decimal | None
    charged: Decimal


class FeeOut(BaseModel):
    amount: Decimal
    procedure: str
    kind: str
    full_fee: Decimal
    charged_fee: Decimal
    halved: bool
    halving_basis: str | None
    rounding: str
    bands: list[BandOut]
    source: str


class PaymentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    order_no: str
    notice_id: int
    amount: Decimal
    status: str  # pending / paid
    pay_url: str
    paid_at: datetime | None
    receipt_document_id: int | None


class FeeAccountOut(BaseModel):
    notice_id: int
    payer: str
    due_on: date
    full_fee: Decimal
    charged_fee: Decimal
    paid: Decimal
    refunded: Decimal
    outstanding: Decimal
    status: str  # 待交纳 / 已交纳 / 已交纳，部分退费 / 无需交纳
