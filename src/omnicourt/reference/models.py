"""Reference tables loaded from data/: courts, divisions, courtrooms, case types, causes."""

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base


class Court(Base):
    __tablename__ = "courts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # 法院代字, e.g. 浙0106
    name: Mapped[str] = mapped_column(String(128))
    level: Mapped[str] = mapped_column(String(16))  # high / intermediate / basic / special
    city: Mapped[str] = mapped_column(String(32))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("courts.id"))
    admin_division_code: Mapped[str | None] = mapped_column(String(6))

    @property
    def level_for_divisions(self) -> str:
        # Special courts without their own division list are organised like basic courts.
        return "basic" if self.level == "special" else self.level


class Division(Base):
    __tablename__ = "divisions"
    __table_args__ = (UniqueConstraint("court_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(128))
    case_families: Mapped[list] = mapped_column(JSON, default=list)
    cause_prefixes: Mapped[list] = mapped_column(JSON, default=list)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class Courtroom(Base):
    """A physical room of a court that hearings are booked in (data/courtrooms/<key>.csv)."""

    __tablename__ = "courtrooms"
    __table_args__ = (UniqueConstraint("court_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(64))
    seats: Mapped[int] = mapped_column(Integer)


class CaseType(Base):
    __tablename__ = "case_types"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)  # 类型代字, e.g. 民初
    name: Mapped[str] = mapped_column(String(128))
    category_code: Mapped[str] = mapped_column(String(8))
    family: Mapped[str] = mapped_column(String(32))
    instance: Mapped[str] = mapped_column(String(32))
    numbering: Mapped[str] = mapped_column(String(16))  # sequential / random8


class Cause(Base):
    __tablename__ = "causes"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))  # not unique: a level-2 cause may repeat its parent
    parent_code: Mapped[str | None] = mapped_column(String(64))
    level: Mapped[int] = mapped_column(Integer)
    money_payment: Mapped[bool] = mapped_column(Boolean)
    kind: Mapped[str] = mapped_column(String(32))  # fee scale: property / divorce / labour / ...
