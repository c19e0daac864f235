"""API shapes of the asynchronous trial: what a caller sends, and the trial as the caller may see it (built from
service.TrialView, which already left out what a party may not read)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, Field

from omnicourt.hearings.asynchronous import rules
from omnicourt.hearings.asynchronous.service import AnswerView, StageView, TrialView
from omnicourt.textcheck import PlainText

Reason = Annotated[str, PlainText(rules.REASON_MAX, multiline=True)]


class ApplicationIn(BaseModel):
    reason: Reason = Field(description="the written application's reasons (art. 20(2)(2))")


class ConsentIn(BaseModel):
    consented: bool


class OpenIn(BaseModel):
    hardship: Reason = Field(description="the judge's finding why the parties cannot attend at the same time")


class StageIn(BaseModel):
    kind: rules.StageKind
    questions: list[Annotated[str, PlainText(rules.QUESTION_MAX)]] = Field(max_length=rules.QUESTIONS_MAX)
    closes_at: AwareDatetime = Field(description="the end of the window, with its offset (e.g. +08:00)")
    consequence: Annotated[str, PlainText(rules.CONSEQUENCE_MAX, multiline=True)] = Field(
        "", description="announced for missing the window; blank: the usual one for the stage")
    visibility: rules.Visibility = rules.Visibility.AFTER_CLOSE
    internal_note: Reason = Field("", description="the court's alone")


class SwitchIn(BaseModel):
    reason: Reason


class ConfirmationIn(BaseModel):
    password: str = Field(max_length=256, description="the party's sign-in password, re-entered")


class FileOut(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str


class AnswerOut(BaseModel):
    id: int
    party: str
    answered_at: datetime
    text: str
    files: list[FileOut]
    video: FileOut | None
    own: bool


class StageOut(BaseModel):
    id: int
    kind: rules.StageKind
    label: str
    questions: list[str]
    consequence: str
    visibility: rules.Visibility
    opened_at: datetime
    closes_at: datetime
    ended_at: datetime
    is_open: bool
    answered: list[str]
    missed: list[str]
    answers: list[AnswerOut]
    others_hidden: bool = Field(description="answers of other parties exist that the caller may not read yet")
    internal_note: str | None = Field(description="the judge's note: court staff only, null for parties")


class TrialOut(BaseModel):
    case_id: int
    status: rules.Status | None
    participants: list[str]
    consents: dict[str, bool]
    own: list[str]
    failures: list[str] = Field(description="every condition of art. 20(2) not met, while the trial is prepared")
    hardship: str | None
    switch_reason: str | None
    stages: list[StageOut]
    confirmations: dict[str, datetime]
    record_document_id: int | None
    confirmed_document_id: int | None


def _file(document) -> FileOut:
    return FileOut(id=document.id, filename=document.filename, content_type=document.content_type,
                   size=document.size, sha256=document.sha256)


def _answer(answer: AnswerView) -> AnswerOut:
    return AnswerOut(id=answer.id, party=answer.party, answered_at=answer.answered_at, text=answer.text,
                     files=[_file(d) for d in answer.files], video=_file(answer.video) if answer.video else None,
                     own=answer.own)


def _stage(stage: StageView, *, staff: bool) -> StageOut:
    return StageOut(id=stage.id, kind=stage.kind, label=stage.label, questions=stage.questions,
                    consequence=stage.consequence, visibility=stage.visibility, opened_at=stage.opened_at,
                    closes_at=stage.closes_at, ended_at=stage.ended_at, is_open=stage.is_open, answered=stage.answered,
                    missed=stage.missed, answers=[_answer(a) for a in stage.answers],
                    others_hidden=stage.others_hidden, internal_note=stage.internal_note if staff else None)


def trial_out(view: TrialView, *, staff: bool) -> TrialOut:
    trial = view.trial
    return TrialOut(case_id=view.case.id, status=view.status, participants=view.participants, consents=view.consents,
                    own=view.own, failures=[f.message for f in view.failures],
                    hardship=trial.hardship if trial else None, switch_reason=trial.switch_reason if trial else None,
                    stages=[_stage(s, staff=staff) for s in view.stages], confirmations=view.confirmations,
                    record_document_id=trial.record_document_id if trial else None,
                    confirmed_document_id=trial.confirmed_document_id if trial else None)
