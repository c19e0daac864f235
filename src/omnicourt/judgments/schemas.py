"""The API's shapes for court documents."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from omnicourt.judgments.models import JudgmentDocument
from omnicourt.judgments.sections import Section
from omnicourt.limits import MAX_ID

MAX_AMOUNT = Decimal("1e13")


class AwardIn(BaseModel):
    claim: int = Field(ge=1, le=50, description="the claim's number, as the case lists them (1-based)")
    amount: Decimal = Field(ge=0, le=MAX_AMOUNT, decimal_places=2, description="the amount ordered, in yuan")


class GenerateIn(BaseModel):
    kind: str = Field(max_length=32, description="judgment / ruling / mediation_statement / decision")
    ruling_kind: str | None = Field(None, max_length=32,
                                    description="a ruling's matter: not_accepted / dismissal / preservation / "
                                                "transfer / withdrawal")
    awards: list[AwardIn] = Field(default_factory=list, max_length=50)
    preserved_amount: Decimal | None = Field(None, gt=0, le=MAX_AMOUNT, decimal_places=2)
    transfer_to_court_id: int | None = Field(None, ge=1, le=MAX_ID)
    corrects_document_id: int | None = Field(None, ge=1, le=MAX_ID,
                                             description="a correction ruling's (补正笔误) signed document")
    document_date: date | None = Field(None, description="the document's date; today by default")


class SectionOut(BaseModel):
    key: str
    title: str
    paragraphs: list[str]


class DocumentOut(BaseModel):
    id: int
    case_id: int
    kind: str
    ruling_kind: str | None
    title: str
    status: str
    version: int
    document_date: date
    created_at: datetime


class DocumentDetailOut(DocumentOut):
    sections: list[SectionOut]


def document_out(document: JudgmentDocument) -> DocumentOut:
    return DocumentOut(id=document.id, case_id=document.case_id, kind=document.kind, ruling_kind=document.ruling_kind,
                       title=document.title, status=document.status, version=document.version,
                       document_date=document.document_date, created_at=document.created_at)


def detail_out(document: JudgmentDocument, sections: list[Section]) -> DocumentDetailOut:
    return DocumentDetailOut(**document_out(document).model_dump(),
                             sections=[SectionOut(key=s.key, title=s.title, paragraphs=list(s.paragraphs))
                                       for s in sections])


class SectionIn(BaseModel):
    text: str = Field(max_length=20000, description="the section's paragraphs, one a line")


class SignoffDecisionIn(BaseModel):
    approve: bool
    reason: str = Field("", max_length=1000, description="why it is returned (internal: parties never see it)")


class SignedOut(DocumentOut):
    dossier_document_id: int | None
    verification_code: str | None


class DeliveryOut(BaseModel):
    delivered_party_ids: list[int]
    on_paper: list[str] = Field(description="parties without consent to electronic delivery: serve them on paper")
    delivered_before: list[str]


class PeriodOut(BaseModel):
    party: str
    delivered_on: date
    last_day: date
    rolled_over: bool


class EffectOut(BaseModel):
    document_id: int
    title: str
    appealable: bool
    effective_on: date | None
    basis: str
    periods: list[PeriodOut]


class AppealIn(BaseModel):
    document_id: int = Field(ge=1, le=MAX_ID)
    party_id: int = Field(ge=1, le=MAX_ID, description="the party appealing (the account itself, or its client)")
    requests: str = Field(max_length=2000, description="上诉请求")
    grounds: str = Field(max_length=20000, description="事实与理由")


class AppealOut(BaseModel):
    id: int
    appeal_case_id: int
    appeal_case_number: str
    last_day: date
