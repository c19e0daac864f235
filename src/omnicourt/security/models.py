"""Accounts (staff and public), server-side sessions, failed logins for throttling, password resets."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, UtcDateTime


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(8))  # staff / public
    role: Mapped[str] = mapped_column(String(32))  # glossary roles; public accounts: party / lawyer
    display_name: Mapped[str] = mapped_column(String(128))
    court_id: Mapped[int | None] = mapped_column(ForeignKey("courts.id"), index=True)
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"), index=True)
    # Real-name identity of a public account (在线诉讼规则 art. 7).
    person_type: Mapped[str | None] = mapped_column(String(16))  # natural / legal
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    uscc: Mapped[str | None] = mapped_column(String(18), index=True)
    legal_representative: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LoginSession(Base):
    __tablename__ = "login_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # When the session was opened (the oldest is closed past the cap) and last used (idle timeout).
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class FailedLogin(Base):
    __tablename__ = "failed_logins"
    __table_args__ = (Index("ix_failed_logins_username_at", "username", "at"),
                      Index("ix_failed_logins_address_at", "address", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(64))  # the client's IP address
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class PasswordReset(Base):
    """A single-use reset token sent by text message; only its hash is kept."""

    __tablename__ = "password_resets"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
