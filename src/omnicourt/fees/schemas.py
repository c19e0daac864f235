"""API shapes of the fee calculator."""

from decimal import Decimal

from pydantic import BaseModel


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
