"""The API shapes of publication: a published judgment as the public reads it, and the staff's request."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from omnicourt.limits import Id
from omnicourt.publication.rules import Withheld
from omnicourt.publication.service import MAX_TEXT
from omnicourt.textcheck import PlainText


class PublishIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document_id: Id | None = Field(None, description="the dossier's judgment or ruling (kind judgment) to publish")
    text: Annotated[str, PlainText(MAX_TEXT, multiline=True)] | None = Field(
        None, description="or the document's full text, when it is not in the dossier")
    effective_on: date = Field(description="the day the document took legal effect (art. 7)")
    withheld: list[Withheld] = Field(default_factory=list, max_length=3,
                                     description="art. 4 reasons only the court knows: state_secret, "
                                                 "juvenile_crime, other")


class PublishedSummary(BaseModel):
    """A published document in a list: no text."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    case_number: str
    court_name: str
    title: str
    cause_name: str
    document_name: str
    decided_on: date
    published_on: date
    withheld: bool


class PublishedOut(PublishedSummary):
    text: str


class PublicationOut(PublishedOut):
    """What the staff see of a case's publication: the law's dates too."""

    effective_on: date
    due_on: date
    reasons: list[Withheld]


def summary_out(row) -> PublishedSummary:
    return PublishedSummary(**_common(row))


def published_out(row) -> PublishedOut:
    return PublishedOut(**_common(row), text=row.text)


def publication_out(row) -> PublicationOut:
    return PublicationOut(**_common(row), text=row.text, effective_on=row.effective_on, due_on=row.due_on,
                          reasons=[Withheld(reason) for reason in row.withheld.split(",") if reason])


def _common(row) -> dict:
    return {"id": row.id, "case_number": row.case_number, "court_name": row.court_name, "title": row.title,
            "cause_name": row.cause_name, "document_name": row.document_name, "decided_on": row.decided_on,
            "published_on": row.published_on, "withheld": bool(row.withheld)}
