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
