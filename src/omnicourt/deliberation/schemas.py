"""The API's shapes of the panel and its deliberation (the court's staff only)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field

from omnicourt.deliberation import rules
from omnicourt.deliberation.service import View, next_speakers
from omnicourt.textcheck import LongText, Name, PlainText

MemberId = Annotated[int, Field(ge=1, le=rules.ACCOUNT_ID_MAX)]
PointLabel = Annotated[str, PlainText(rules.POINT_LABEL_MAX)]
Opinion = Annotated[str, PlainText(rules.OPINION_MAX, multiline=True)]
Decision = Annotated[str, PlainText(rules.DECISION_MAX, multiline=True)]


class PanelIn(BaseModel):
    presiding_judge_id: MemberId
    member_ids: list[MemberId] = Field(max_length=rules.PANEL_MAX + 2)


class PointIn(BaseModel):
    label: PointLabel
    kind: rules.PointKind = rules.PointKind.FACT
    source: str = Field("judge", max_length=16)


class PointsIn(BaseModel):
    points: list[PointIn] = Field(max_length=rules.POINTS_MAX)


class VoteIn(BaseModel):
    choice: str = Field(max_length=16, description="affirm (成立) or negate (不成立)")
    opinion: Opinion = Field(description="the member's reasons: facts and law (合议庭规定 art. 10)")


class ReferralIn(BaseModel):
    grounds: list[str] = Field(max_length=len(rules.Ground))
    report: LongText


class ReferralDecisionIn(BaseModel):
    refer: bool
    reason: Decision = ""


class CommitteeDecisionIn(BaseModel):
    held_on: date
    members_present: list[Name] = Field(max_length=rules.COMMITTEE_MEMBERS_MAX)
    decision: Decision


class MemberOut(BaseModel):
    account_id: int
    name: str
    presiding: bool
    rapporteur: bool


class PanelOut(BaseModel):
    presiding_judge_id: int
    rapporteur_id: int
    formed_on: date
    members: list[MemberOut]


class VoteOut(BaseModel):
    member_id: int
    member: str
    turn: int
    choice: str
    opinion: str


class PointOut(BaseModel):
    id: int
    number: int
    label: str
    kind: str
    source: str
    outcome: str | None
    majority: int | None
    minority: int | None
    dissenters: list[int]
    next_speakers: list[int]
    votes: list[VoteOut]


class DeliberationOut(BaseModel):
    status: str
    held_on: date
    points: list[PointOut]
    required_grounds: list[str]
    referral_grounds: list[str]
    referral_report: str
    referral_refused_reason: str
    committee_held_on: date | None
    committee_members: list[str]
    committee_decision: str
    record_document_id: int | None


class ViewOut(BaseModel):
    case_id: int
    panel: PanelOut | None
    deliberation: DeliberationOut | None


class ProposalOut(BaseModel):
    label: str
    kind: str
    source: str


def view_out(found: View) -> ViewOut:
    panel, deliberation, names = found.panel, found.deliberation, found.names
    panel_out = None if panel is None else PanelOut(
        presiding_judge_id=panel.presiding_judge_id, rapporteur_id=panel.rapporteur_id, formed_on=panel.formed_on,
        members=[MemberOut(account_id=m, name=names.get(m, ""), presiding=m == panel.presiding_judge_id,
                           rapporteur=m == panel.rapporteur_id) for m in panel.member_ids])
    deliberation_out = None
    if deliberation is not None and panel is not None:
        deliberation_out = DeliberationOut(
            status=deliberation.status, held_on=deliberation.held_on,
            points=[PointOut(id=p.id, number=p.number, label=p.label, kind=p.kind, source=p.source,
                             outcome=p.outcome, majority=p.majority, minority=p.minority,
                             dissenters=[v.member_id for v in p.votes if p.outcome and v.choice != p.outcome],
                             next_speakers=next_speakers(panel, p) if deliberation.status == "deliberating" else [],
                             votes=[VoteOut(member_id=v.member_id, member=names.get(v.member_id, ""), turn=v.turn,
                                            choice=v.choice, opinion=v.opinion) for v in p.votes])
                    for p in deliberation.points],
            required_grounds=list(deliberation.required_grounds), referral_grounds=list(deliberation.referral_grounds),
            referral_report=deliberation.referral_report, referral_refused_reason=deliberation.referral_refused_reason,
            committee_held_on=deliberation.committee_held_on, committee_members=list(deliberation.committee_members),
            committee_decision=deliberation.committee_decision, record_document_id=deliberation.record_document_id)
    return ViewOut(case_id=found.case.id, panel=panel_out, deliberation=deliberation_out)
