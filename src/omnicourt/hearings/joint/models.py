"""A joint session (多案联审): cases of one plaintiff and one cause that one judge conducts, heard together.

The session holds one booking: a single Hearing (of the first case of the batch) takes the room, the bench and the
clerk, so the clash detection of hearings/ holds unchanged; its participants are the bench, the clerk and the first
case's parties only, so a party reading its hearing never sees the other cases. Each case of the batch is a row here
with its own attendance, and its own timeline events (scheduled, held); records, findings and judgments stay the
case's own.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omnicourt.db import Base, BigId, UtcDateTime


class JointSession(Base):
    __tablename__ = "joint_sessions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    judge_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    cause_code: Mapped[str] = mapped_column(String(64))
    plaintiff_key: Mapped[str] = mapped_column(String(40))  # "id:..." or "uscc:..."
    plaintiff_name: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))  # grouped / scheduled / held
    hearing_id: Mapped[int | None] = mapped_column(ForeignKey("hearings.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    members: Mapped[list["JointSessionCase"]] = relationship(order_by="JointSessionCase.position")


class JointSessionCase(Base):
    """One case of the batch, in the order the judge takes them; a case is in at most one batch at a time."""

    __tablename__ = "joint_session_cases"
    __table_args__ = (UniqueConstraint("joint_session_id", "case_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    joint_session_id: Mapped[int] = mapped_column(ForeignKey("joint_sessions.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    position: Mapped[int] = mapped_column(Integer)
    attendance: Mapped[dict | None] = mapped_column(JSON)  # {"present": [names], "absent": [names]} once held
