"""A hearing (开庭) or pre-trial meeting (庭前会议) on the calendar, who takes part in it, and its postponements.

A hearing keeps its state (scheduled, held, postponed); a postponement keeps its own row and, once in effect, points at
the hearing that replaced the postponed one, so a case's hearings read as their history. Online hearings (identity
re-checks, join links) and joint sessions build on the mode and the participants' roles.

No double booking is guaranteed by the database, not only by the check in service.py: on PostgreSQL the migration adds
an exclusion constraint on (courtroom, time range) for scheduled hearings (`hearings_room_not_double_booked`, needing
btree_gist), and people (judges, clerks, lawyers) are serialised by transaction-level advisory locks taken before the
check; SQLite takes its write lock at BEGIN IMMEDIATE, so writers run one at a time.
"""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omnicourt.db import Base, BigId, UtcDateTime


class Hearing(Base):
    __tablename__ = "hearings"
    __table_args__ = (
        Index("ix_hearings_courtroom_starts", "courtroom_id", "starts_at"),  # a room's calendar and its clashes
        Index("ix_hearings_court_starts", "court_id", "starts_at"),  # the court's announcements
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # trial / pretrial_meeting
    mode: Mapped[str] = mapped_column(String(16))  # in_person / online
    courtroom_id: Mapped[int | None] = mapped_column(ForeignKey("courtrooms.id"))  # None: a virtual room
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))  # scheduled / held / postponed
    public: Mapped[bool] = mapped_column(Boolean)  # 公开审理: announced (开庭公告)
    postponed_from_id: Mapped[int | None] = mapped_column(ForeignKey("hearings.id"))
    scheduled_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    participants: Mapped[list["HearingParticipant"]] = relationship(order_by="HearingParticipant.id")


class HearingParticipant(Base):
    """Someone who takes part: the bench (presiding judge, judges), the clerk, the parties and their agents.

    `person_key` names whoever cannot be in two hearings at once (the court's staff by account, a lawyer by ID number
    across courts, else by account); None for the parties themselves, who may be sued in many cases heard the same
    morning. The hearing's time and state are copied here so a clash is one range scan of one index."""

    __tablename__ = "hearing_participants"
    __table_args__ = (Index("ix_hearing_participants_person_starts", "person_key", "starts_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # rules.PARTICIPANT_ROLES
    name: Mapped[str] = mapped_column(String(128))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    case_party_id: Mapped[int | None] = mapped_column(ForeignKey("case_parties.id"))
    person_key: Mapped[str | None] = mapped_column(String(40))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    active: Mapped[bool] = mapped_column(Boolean)  # the hearing is still scheduled
    attended: Mapped[bool | None] = mapped_column(Boolean)  # recorded when the hearing is held


class HearingPostponement(Base):
    """A postponement (延期开庭) asked for a scheduled hearing: in effect at once, or waiting for the president's
    approval when its ground is "other" (CPL art. 149(4)); in effect, it names the hearing that replaced it."""

    __tablename__ = "hearing_postponements"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id"), index=True)
    ground: Mapped[str] = mapped_column(String(24))  # rules.GROUNDS
    reason: Mapped[str] = mapped_column(String(300))
    force_majeure: Mapped[bool] = mapped_column(Boolean)
    parties_agree: Mapped[bool] = mapped_column(Boolean)
    next_starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    next_ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))  # pending / refused / in_effect
    requested_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_hearing_id: Mapped[int | None] = mapped_column(ForeignKey("hearings.id"))
