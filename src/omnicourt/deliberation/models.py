"""A case's collegial panel (合议庭) and its deliberation: the disputed points, each member's opinion and vote on
each point, the majority, and the judicial committee's part when the case goes to it.

All of it is the court's alone: parties learn who sits on the panel, nothing of what it said.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omnicourt.db import Base, BigId, UtcDateTime


class Panel(Base):
    """One per case: its presiding judge (审判长), its rapporteur (承办法官: the case's judge) and its members."""

    __tablename__ = "panels"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    presiding_judge_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    rapporteur_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    formed_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    formed_on: Mapped[date] = mapped_column(Date)
    formed_at: Mapped[datetime] = mapped_column(UtcDateTime)

    members: Mapped[list["PanelMember"]] = relationship(order_by="PanelMember.seat", cascade="all, delete-orphan")

    @property
    def member_ids(self) -> list[int]:
        return [m.account_id for m in self.members]


class PanelMember(Base):
    __tablename__ = "panel_members"
    __table_args__ = (UniqueConstraint("panel_id", "account_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panels.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    seat: Mapped[int] = mapped_column(Integer)


class Deliberation(Base):
    """One per case: its points, where it stands (rules.Status), the referral to the judicial committee and the
    committee's decision, and the latest deliberation record filed in the secondary volume."""

    __tablename__ = "deliberations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    status: Mapped[str] = mapped_column(String(24))
    held_on: Mapped[date] = mapped_column(Date)
    required_grounds: Mapped[list] = mapped_column(JSON, default=list)  # rules.Ground values the votes gave
    referral_grounds: Mapped[list] = mapped_column(JSON, default=list)
    referral_report: Mapped[str] = mapped_column(Text, default="")  # the panel's report to the committee
    referral_requested_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    referral_requested_on: Mapped[date | None] = mapped_column(Date)
    referral_decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    referral_decided_on: Mapped[date | None] = mapped_column(Date)
    referral_refused_reason: Mapped[str] = mapped_column(Text, default="")
    committee_held_on: Mapped[date | None] = mapped_column(Date)
    committee_members: Mapped[list] = mapped_column(JSON, default=list)  # the names of those present
    committee_decision: Mapped[str] = mapped_column(Text, default="")
    committee_recorded_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    record_document_id: Mapped[int | None] = mapped_column(BigId)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    points: Mapped[list["DeliberationPoint"]] = relationship(order_by="DeliberationPoint.number",
                                                             cascade="all, delete-orphan")


class DeliberationPoint(Base):
    """A disputed point put to the panel, and the majority's answer once every member has voted."""

    __tablename__ = "deliberation_points"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    deliberation_id: Mapped[int] = mapped_column(ForeignKey("deliberations.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(8))  # rules.PointKind
    source: Mapped[str] = mapped_column(String(16))  # evidence / assistant / judge
    outcome: Mapped[str | None] = mapped_column(String(8))  # rules.Choice of the majority
    majority: Mapped[int | None] = mapped_column(Integer)
    minority: Mapped[int | None] = mapped_column(Integer)

    votes: Mapped[list["DeliberationVote"]] = relationship(order_by="DeliberationVote.turn")


class DeliberationVote(Base):
    """A member's opinion and vote on a point: one per member and point, never changed."""

    __tablename__ = "deliberation_votes"
    __table_args__ = (UniqueConstraint("point_id", "member_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("deliberation_points.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    turn: Mapped[int] = mapped_column(Integer)  # 1 for the first to speak on the point
    choice: Mapped[str] = mapped_column(String(8))  # rules.Choice
    opinion: Mapped[str] = mapped_column(Text)
    cast_at: Mapped[datetime] = mapped_column(UtcDateTime)
