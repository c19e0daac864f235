"""Shapes of online mediation, for the API and the pages alike."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from omnicourt.filing.schemas import FilingIn
from omnicourt.mediation import service
from omnicourt.textcheck import Code, LongText, Name, PlainText, ShortText

MAX_OBLIGATIONS = 50
MAX_LIST = 20  # specialities, areas
Username = Annotated[str, PlainText(64, compatibility=True)]
Password = Annotated[str, PlainText(256, compatibility=True)]
MessageText = Annotated[str, PlainText(5000, multiline=True)]


class MediationApplyIn(FilingIn):
    """What a filing holds, and the consent to mediate first (在线调解规则 art. 4)."""

    consent: bool = Field(description="the party agrees to pre-filing mediation")


class AsyncConsentIn(BaseModel):
    consented: bool = Field(description="true: agrees to asynchronous mediation (在线诉讼规则 art. 20(1))")


class OrganisationIn(BaseModel):
    name: Name
    kind: Code = Field(description="people / industry / bank / lawyers / other")


class MediatorIn(BaseModel):
    username: Username
    password: Password
    name: Name
    phone: Code
    organisation_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    specialities: list[Code] = Field(default=[], max_length=MAX_LIST, description="cause codes")
    areas: list[Name] = Field(default=[], max_length=MAX_LIST)


class MediatorStatusIn(BaseModel):
    status: Code = Field(description="active / suspended")


class DesignateIn(BaseModel):
    mediator_id: int = Field(ge=1, le=2**63 - 1)


class DeclineIn(BaseModel):
    reason: ShortText


class ExtendIn(BaseModel):
    ends_on: date
    all_consent: bool


class ObligationIn(BaseModel):
    obligor: Name
    content: ShortText
    amount: Decimal | None = Field(default=None, ge=0, le=Decimal("1000000000000"), decimal_places=2)
    due_on: date | None = None


class AgreementIn(BaseModel):
    obligations: list[ObligationIn] = Field(max_length=MAX_OBLIGATIONS)
    default_consequence: ShortText
    other_terms: LongText = ""

    def terms(self) -> service.Terms:
        return service.Terms(tuple(service.Obligation(o.obligor, o.content, None if o.amount is None
                                                      else f"{o.amount:.2f}", o.due_on) for o in self.obligations),
                             self.default_consequence, self.other_terms)


class SignIn(BaseModel):
    version: int = Field(ge=1, le=10000)
    password: Password


class FailIn(BaseModel):
    reason: ShortText
    undisputed_facts: LongText


class MediatorOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    organisation_id: int | None
    specialities: list[str]
    areas: list[str]
    status: str


class OrganisationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    kind: str


class MediationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    number: str
    kind: str
    case_id: int | None
    cause_code: str
    cause_name: str
    status: str
    accept_by: date | None
    accepted_on: date | None
    ends_on: date | None
    ended_on: date | None
    filing_application_id: int | None


class PartyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    role: str
    name: str


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    kind: str
    summary: str


class MessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    author: str
    text: str
    document_id: int | None
    at: datetime


class AgreementOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    text: str
    terms: dict
    status: str
    drafted_at: datetime


class MediationDetailOut(MediationOut):
    mediator_name: str | None
    undisputed_facts: str | None
    parties: list[PartyOut]
    events: list[EventOut]
    messages: list[MessageOut]
    agreement: AgreementOut | None
    signed_party_ids: list[int]


def detail_out(found: service.MediationView) -> MediationDetailOut:
    base = MediationOut.model_validate(found.mediation).model_dump()
    return MediationDetailOut(
        **base, mediator_name=found.mediator_name, undisputed_facts=found.mediation.undisputed_facts,
        parties=[PartyOut.model_validate(p) for p in found.parties],
        events=[EventOut.model_validate(e) for e in found.events],
        messages=[MessageOut.model_validate(m) for m in found.messages],
        agreement=AgreementOut.model_validate(found.agreement) if found.agreement else None,
        signed_party_ids=sorted(found.signed_party_ids))


def filing_of(data: MediationApplyIn) -> FilingIn:
    return FilingIn.model_validate(data.model_dump(exclude={"consent"}))



class StatementIn(BaseModel):
    """The terms of the mediation statement; none: those of the case's settled entrusted mediation."""

    terms: AgreementIn | None = None


class ReceiptIn(BaseModel):
    password: Password


class StatementOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    mediation_id: int | None
    text: str
    document_id: int
    status: str
    effective_on: date | None


class StatementViewOut(BaseModel):
    statement: StatementOut | None
    signed: list[str]
    waiting: list[str]
    own_signed: bool
    may_sign: bool


def statement_view_out(found) -> StatementViewOut:
    return StatementViewOut(statement=StatementOut.model_validate(found.statement) if found.statement else None,
                            signed=found.signed, waiting=found.waiting, own_signed=found.own_signed,
                            may_sign=found.may_sign)


class ReferralAnswerIn(BaseModel):
    consent: bool = Field(description="the party agrees to pre-filing mediation (在线调解规则 art. 4)")


class ReferralOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    application_id: int
    consent: bool | None
    mediation_id: int | None
