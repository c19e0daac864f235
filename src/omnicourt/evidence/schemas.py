"""API shapes of the evidence exchange, and what the API and the pages both do with a list sent to them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from omnicourt.dossier.service import Upload, check_file_count
from omnicourt.errors import InvalidInput
from omnicourt.evidence import rules
from omnicourt.evidence.service import Exchange, ItemIn
from omnicourt.textcheck import Name, PlainText, invalid_input

Reasons = Annotated[str, PlainText(rules.REASONS_MAX, multiline=True)]


class PeriodIn(BaseModel):
    served_on: date = Field(description="the day the notice of the period was served; the period runs from the next")
    ends_on: date = Field(description="the period's last day")
    agreed: bool = Field(False, description="the parties agreed the period and the court approved it (art. 51)")


class ExtensionIn(BaseModel):
    applied_on: date = Field(description="the day the written application was made, before the period expired")
    applicant: Name
    ends_on: date


class LimitIn(BaseModel):
    due_on: date = Field(description="the last day of asynchronous online cross-examination")


class ItemTextIn(BaseModel):
    name: Annotated[str, PlainText(rules.NAME_MAX)]
    source: Annotated[str, PlainText(rules.SOURCE_MAX)] = ""
    purpose: Annotated[str, PlainText(rules.PURPOSE_MAX, multiline=True)]
    files: list[Annotated[str, PlainText(255)]] = Field(default_factory=list, max_length=20,
                                                        description="names of the uploaded files of this item")


class DraftIn(BaseModel):
    items: list[ItemTextIn] = Field(max_length=rules.MAX_ITEMS)


class OpinionIn(BaseModel):
    authenticity: rules.Stance
    legality: rules.Stance
    relevance: rules.Stance
    reasons: Reasons = ""


class HearingOpinionIn(OpinionIn):
    side: rules.Side
    given_on: date


class FindingIn(BaseModel):
    finding: rules.Finding
    public_reason: Reasons = Field("", description="the reasons the parties read")
    internal_reason: Reasons = Field("", description="the court's own reasons, never shown to parties")


class PeriodOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    basis: str
    served_on: date
    ends_on: date
    agreed: bool
    extensions: int
    cross_examination_due_on: date | None


class OpinionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    side: str
    authenticity: str
    legality: str
    relevance: str
    reasons: str
    mode: str
    given_on: date


class ItemOut(BaseModel):
    id: int
    number: int
    name: str
    source: str
    purpose: str
    document_ids: list[int]
    opinions: list[OpinionOut]
    finding: str | None
    finding_reason: str
    internal_reason: str | None = Field(description="the court's own reasons: null for parties")


class ListOut(BaseModel):
    id: int
    side: str
    number: int | None
    status: str
    submitted_on: date | None
    submitted_at: datetime | None
    late: bool
    late_explanation: str
    document_id: int | None
    items: list[ItemOut]


class ConsentIn(BaseModel):
    consented: bool = Field(description="true: agrees to asynchronous online exchange and cross-examination")


class ConsentOut(BaseModel):
    party_ids: list[int]
    consented: bool


class ExchangeOut(BaseModel):
    period: PeriodOut | None
    side: str | None = Field(description="the caller's side; null for the court's staff")
    lists: list[ListOut]


def list_out(evidence_list, *, staff: bool) -> ListOut:
    return ListOut(
        id=evidence_list.id, side=evidence_list.side, number=evidence_list.number, status=evidence_list.status,
        submitted_on=evidence_list.submitted_on, submitted_at=evidence_list.submitted_at, late=evidence_list.late,
        late_explanation=evidence_list.late_explanation, document_id=evidence_list.document_id,
        items=[ItemOut(id=i.id, number=i.number, name=i.name, source=i.source, purpose=i.purpose,
                       document_ids=list(i.document_ids), opinions=[OpinionOut.model_validate(o) for o in i.opinions],
                       finding=i.finding, finding_reason=i.finding_reason,
                       internal_reason=i.internal_reason if staff else None)
               for i in evidence_list.items])


def exchange_out(view: Exchange, *, staff: bool) -> ExchangeOut:
    return ExchangeOut(period=PeriodOut.model_validate(view.period) if view.period else None,
                       side=view.side.value if view.side else None,
                       lists=[list_out(e, staff=staff) for e in view.lists])


# ---------------------------------------------------------------- a list as the API and the pages send it

_ITEMS = TypeAdapter(list[ItemTextIn])


def items_from_json(text: str, uploads: Sequence[Upload]) -> list[ItemIn]:
    """The API's list: `items` a JSON array of {name, source, purpose, files}, each file named among the uploads
    once."""
    try:
        parsed = _ITEMS.validate_json(text or "[]")
    except ValidationError as error:
        raise invalid_input(error) from None
    by_name = {u.filename: u for u in uploads}
    if len(by_name) != len(uploads):
        raise InvalidInput("上传的文件不能重名", field="files")
    named = [name for item in parsed for name in item.files]
    missing = [n for n in named if n not in by_name]
    if missing:
        raise InvalidInput(f"证据清单提到的文件「{missing[0]}」没有上传", field="files")
    if len(set(named)) != len(named) or set(named) != set(by_name):
        raise InvalidInput("每个上传的文件应且只应属于一项证据", field="files")
    return [ItemIn(i.name, i.source, i.purpose, tuple(by_name[n] for n in i.files)) for i in parsed]


def items_from_rows(names: Sequence[str], sources: Sequence[str], purposes: Sequence[str],
                    files: Sequence[Upload | None]) -> list[ItemIn]:
    """The page's rows: one name, source, purpose and (optional) file per row; rows left wholly empty are skipped."""
    if not len(names) == len(sources) == len(purposes) or len(files) not in (0, len(names)):
        raise InvalidInput("证据清单的行不完整，请刷新页面后重试", field="items")
    rows = []
    for index, (name, source, purpose) in enumerate(zip(names, sources, purposes, strict=True)):
        upload = files[index] if files else None
        if name.strip() or source.strip() or purpose.strip() or upload:
            rows.append(ItemIn(name, source, purpose, (upload,) if upload else ()))
    return rows


def read_files(files: Sequence, max_bytes: int) -> list[Upload]:
    """The chosen files of a multipart request (Starlette's UploadFile), counted before any is read, each read one
    byte past the limit: enough to refuse it without holding more."""
    chosen = [f for f in files if getattr(f, "filename", None)]
    check_file_count(len(chosen))
    return [Upload(f.filename, f.file.read(max_bytes + 1)) for f in chosen]
