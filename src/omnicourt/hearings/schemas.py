"""API shapes of hearings: what a judge sends to schedule or postpone, what the calendars, a case's and a party's
hearings and the public announcements return."""

from datetime import date, datetime, time
from typing import Annotated

from pydantic import BaseModel, Field

from omnicourt.hearings import rules
from omnicourt.hearings.service import HearingView, PostponeIn, ScheduleIn
from omnicourt.limits import Id
from omnicourt.textcheck import PlainText

Reason = Annotated[str, PlainText(300, multiline=True)]
Summary = Annotated[str, PlainText(300)]


class ScheduleBody(BaseModel):
    case_id: Id
    kind: Annotated[str, PlainText(16)] = Field("trial", description="trial (开庭) / pretrial_meeting (庭前会议)")
    mode: Annotated[str, PlainText(16)] = Field("in_person", description="in_person / online")
    courtroom_id: Id | None = Field(None, description="a room of the case's court; none: a virtual room (online)")
    starts_on: date
    starts_time: time = Field(description="the court's local time, e.g. 09:30")
    minutes: int = Field(120, ge=1, le=24 * 60)
    judge_ids: list[Id] = Field(min_length=1, max_length=15, description="the presiding judge first; one: sole judge")
    clerk_id: Id
    public: bool = Field(True, description="a public hearing is announced (开庭公告)")

    def data(self) -> ScheduleIn:
        return ScheduleIn(self.kind, self.mode, self.courtroom_id, self.starts_on, self.starts_time, self.minutes,
                          tuple(self.judge_ids), self.clerk_id, self.public)


class PostponeBody(BaseModel):
    ground: Annotated[str, PlainText(24)] = Field(description="absent / recusal / new_evidence / other (CPL art. 149)")
    reason: Reason = ""
    next_on: date
    next_time: time
    minutes: int = Field(120, ge=1, le=24 * 60)
    force_majeure: bool = False
    parties_agree: bool = False

    def data(self) -> PostponeIn:
        return PostponeIn(self.ground, self.reason, self.next_on, self.next_time, self.minutes, self.force_majeure,
                          self.parties_agree)


class DecisionBody(BaseModel):
    approve: bool


class HoldBody(BaseModel):
    present_party_ids: list[Id] = Field(default_factory=list, max_length=100,
                                        description="the case's parties and agents present; the others absent")
    summary: Summary = ""


class ParticipantOut(BaseModel):
    role: str
    role_label: str
    name: str
    attended: bool | None


class HearingOut(BaseModel):
    id: int
    case_id: int
    case_number: str
    kind: str
    mode: str
    status: str
    public: bool
    place: str
    starts_at: datetime
    ends_at: datetime
    bench: str
    clerk: str
    participants: list[ParticipantOut]


def hearing_out(view: HearingView) -> HearingOut:
    """The same for staff and parties: names and roles only (no account, ID number or contact of anyone)."""
    h = view.hearing
    return HearingOut(id=h.id, case_id=h.case_id, case_number=view.case_number, kind=h.kind, mode=h.mode,
                      status=h.status, public=h.public, place=view.place, starts_at=view.starts_at,
                      ends_at=view.ends_at, bench=view.bench, clerk=view.clerk,
                      participants=[ParticipantOut(role=p.role, role_label=rules.PARTICIPANT_ROLES[p.role],
                                                   name=p.name, attended=p.attended) for p in view.participants])


class ScheduledOut(BaseModel):
    hearing: HearingOut
    deliveries: list[int]


class PostponementOut(BaseModel):
    id: int
    hearing_id: int
    status: str
    ground: str
    next_hearing: HearingOut | None = None


class CalendarDayOut(BaseModel):
    day: date
    hearings: list[HearingOut]


class CalendarOut(BaseModel):
    title: str
    view: str
    days: list[CalendarDayOut]


class AnnouncementOut(BaseModel):
    court_name: str
    case_number: str
    cause: str
    parties: str
    starts_at: datetime
    place: str


class CourtroomOut(BaseModel):
    id: int
    code: str
    name: str
    seats: int
