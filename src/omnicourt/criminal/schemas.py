"""Shapes of a criminal indictment's registration and of the case's criminal side, for the API."""

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from omnicourt.textcheck import Address, Code, Name


class PersonIn(BaseModel):
    name: Name
    id_number: Code | None = None
    address: Address | None = None
    phone: Code | None = None
    law_firm: Name | None = Field(None, description="counsel: the law firm")


class SuggestionIn(BaseModel):
    penalty: Code = Field(description="拘役 / 有期徒刑 / 管制")
    months: Decimal = Field(ge=0, le=240, description="the principal penalty in months")
    fine: Decimal | None = Field(None, ge=0, le=100_000_000, description="罚金, yuan")
    probation: bool = False


class IndictmentIn(BaseModel):
    procuratorate: Name = Field(description="公诉机关")
    indictment_number: Code = Field(description="起诉书文号")
    indicted_on: date
    charge: Code = Field(description="罪名, e.g. 危险驾驶罪")
    defendant: PersonIn
    counsel: PersonIn | None = None
    custody_measure: Code = Field(description="none / summons / bail / residential_surveillance / detention / arrest")
    custody_since: date | None = None
    guilty_plea: bool = Field(description="认罪认罚")
    admits_facts: bool = True
    consents_fast_track: bool = False
    consents_simple: bool = True
    suggestion: SuggestionIn | None = None
    exclusions: list[Code] = Field(default_factory=list, max_length=10)


class RegisteredOut(BaseModel):
    case_id: int
    case_number: str
    title: str
    procedure: str
    deadline_on: date | None
    reasons: list[str]


class SentenceOut(BaseModel):
    term_months: float
    fine: int
    probation: bool
    probation_months: int | None
    steps: list[dict]
    articles: list[str]
    warnings: list[str]


class AssistantOut(BaseModel):
    elements: dict
    sentence: SentenceOut
    own_calculation: SentenceOut
    differences_from_prosecution: list[str]


class CriminalOut(BaseModel):
    case_id: int
    case_number: str
    title: str
    procedure: str
    procuratorate: str
    indictment_number: str
    indicted_on: date
    charge: str
    custody_measure: str
    guilty_plea: bool
    suggestion: dict | None
    assistant: AssistantOut | None = Field(None, description="the court's staff only")
