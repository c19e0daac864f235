"""The platform's SM2 signing keys (one line of keys per court and per judge) and the detached signatures they made.

A key is retired, never deleted, when a newer one takes over: the signatures it made stay verifiable."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class SigningKey(Base):
    __tablename__ = "signing_keys"
    # One generation per holder: two processes creating a holder's next key at once cannot both succeed.
    __table_args__ = (UniqueConstraint("court_id", "holder", "generation"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    holder: Mapped[str] = mapped_column(String(32))  # "court", or "judge:<account id>"
    judge_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    generation: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[str] = mapped_column(String(128))  # x ‖ y in hex
    sealed_private_key: Mapped[bytes] = mapped_column(LargeBinary)  # nonce ‖ AES-256-GCM under the KEK (kek.py)
    valid_from: Mapped[datetime] = mapped_column(UtcDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Signature(Base):
    """A detached signature: the SM3 digest of what was signed, by which key, for whom, when, and the code a person
    types to check it."""

    __tablename__ = "signatures"
    __table_args__ = (Index("ix_signatures_document", "document_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int | None] = mapped_column(BigId, index=True)
    document_id: Mapped[int | None] = mapped_column(BigId)
    subject: Mapped[str] = mapped_column(String(32))  # document / archive_manifest
    key_id: Mapped[int] = mapped_column(ForeignKey("signing_keys.id"))
    signer_kind: Mapped[str] = mapped_column(String(16))  # court / judge
    signer_name: Mapped[str] = mapped_column(String(100))  # as it was when signed
    sm3: Mapped[str] = mapped_column(String(64), index=True)
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    code: Mapped[str] = mapped_column(String(16), unique=True)
