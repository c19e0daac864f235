"""Shapes of judicial confirmation, for the API and the pages alike."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from omnicourt.confirmation import rules
from omnicourt.mediation.schemas import Password
from omnicourt.textcheck import Code, LongText


class ApplyIn(BaseModel):
    court_id: int = Field(ge=1, le=2**31 - 1, description="the court applied to: the one that invited the mediation")
    password: Password = Field(description="the party's password, re-entered to confirm the joint application")
    e_delivery: bool = Field(default=True, description="consents to electronic delivery of the ruling")


class JoinIn(BaseModel):
    password: Password
    e_delivery: bool = True


class RulingIn(BaseModel):
    grounds: list[Code] = Field(default=[], max_length=len(rules.REFUSAL_GROUNDS),
                                description="codes of the refusal grounds found; none: the agreement is confirmed")
    reason: LongText = ""


class ApplicationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    court_id: int
    mediation_id: int
    effective_on: date
    last_day: date
    status: str
    applied_on: date
    case_id: int | None
    grounds: list[str]
    ruled_on: date | None
    ruling_document_id: int | None
    enforceable: bool


class RulingOut(BaseModel):
    application: ApplicationOut
    document_id: int
    delivered_to: list[str]
    to_serve: list[str]
