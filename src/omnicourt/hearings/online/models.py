"""An online hearing's attendance (who joined and left when, whom the clerk marked absent or departed), its live
record (庭审笔录) and each party's signature of it, or the clerk's note of a refusal to sign."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class OnlineAttendance(Base):
    """One participant of an online hearing: first joined, last left, and what the clerk marked."""

    __tablename__ = "online_attendances"
    __table_args__ = (UniqueConstraint("participant_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("hearing_participants.id"))
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    status: Mapped[str] = mapped_column(String(16))  # rules.Attendance
    joined_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    late_minutes: Mapped[int] = mapped_column(Integer, default=0)
    joins: Mapped[int] = mapped_column(Integer, default=0)
    valid_reason: Mapped[bool] = mapped_column(Boolean, default=False)  # art. 25: network failure, power cut...
    note: Mapped[str] = mapped_column(Text, default="")  # the clerk's words when marking
    marked_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OnlineRecord(Base):
    """The live record of one online hearing: written by its clerk until closed; unchangeable once closed (a
    correction before closing is simply the clerk's next version). Filed as a PDF once every party signed or
    refused."""

    __tablename__ = "online_records"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id"), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16))  # writing / closed / filed
    text_sha256: Mapped[str] = mapped_column(String(64), default="")
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    document_id: Mapped[int | None] = mapped_column(BigId)
    updated_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OnlineRecordSignature(Base):
    """A party's (or agent's) online signature of the closed record, re-verified with a one-time code; or the
    clerk's note that the party refused to sign (CPL art. 150: 拒绝签名盖章的，记明情况附卷)."""

    __tablename__ = "online_record_signatures"
    __table_args__ = (UniqueConstraint("record_id", "participant_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("online_records.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("hearing_participants.id"))
    signed: Mapped[bool] = mapped_column(Boolean)  # False: a refusal the clerk noted
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))  # the signer, or the clerk who noted
    text_sha256: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(16))  # "sms_code" / "clerk_note"
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime)
