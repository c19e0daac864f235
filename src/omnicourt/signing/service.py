"""Signing court documents with the platform's SM2 keys, rotating those keys, and checking a file or a code.

A signature is detached: the document stays as filed, and a row holds the SM3 digest of its bytes, the key, the
signer, the moment (the court's clock) and a verification code printed for people. Checking a file recomputes its
digest: a file changed by one byte matches no signature. Keys are the platform's: a court's (or a judge's) first
signature creates its key; `rotate` retires it and a new one signs from then on, the old one kept for verifying.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.dossier import service as dossier
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import InvalidInput, NotFound
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.settings import Settings
from omnicourt.signing import kek, sm2
from omnicourt.signing.models import Signature, SigningKey

if TYPE_CHECKING:
    from omnicourt.dossier.models import Document

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed from paper
CODE_LENGTH = 16  # 80 bits: not to be guessed


@dataclass(frozen=True)
class Signer:
    """Whose key signs: the court's own, or one of its judges'."""

    court_id: int
    judge_id: int | None = None

    @property
    def holder(self) -> str:
        return "court" if self.judge_id is None else f"judge:{self.judge_id}"

    @property
    def kind(self) -> str:
        return "court" if self.judge_id is None else "judge"


def _bound_to(key: SigningKey) -> bytes:
    return f"{key.court_id}|{key.holder}|{key.generation}|{key.public_key}".encode()


def _create_key(session: Session, settings: Settings, signer: Signer, *, generation: int,
                now: datetime) -> SigningKey:
    pair = sm2.generate()
    key = SigningKey(court_id=signer.court_id, holder=signer.holder, judge_id=signer.judge_id, generation=generation,
                     fingerprint=sm2.fingerprint(pair.public), public_key=pair.public, sealed_private_key=b"",
                     valid_from=now)
    key.sealed_private_key = kek.seal(kek.load(settings.signing_key_file), bytes.fromhex(pair.private),
                                      bound_to=_bound_to(key))
    session.add(key)
    session.flush()
    return key


def _latest(session: Session, signer: Signer) -> SigningKey | None:
    return session.scalars(select(SigningKey).where(SigningKey.court_id == signer.court_id,
                                                    SigningKey.holder == signer.holder)
                           .order_by(SigningKey.generation.desc()).limit(1)).first()


def active_key(session: Session, settings: Settings, signer: Signer, *, actor_id: int | None = None) -> SigningKey:
    """The key that signs for `signer` now, created (and audited) on first use. Two first signatures at once both
    try the same generation: the one whose insert loses on the unique generation takes the winner's key."""
    latest = _latest(session, signer)
    if latest is not None and latest.retired_at is None:
        return latest
    try:
        with session.begin_nested():
            key = _create_key(session, settings, signer, generation=(latest.generation + 1) if latest else 1,
                              now=clock.utcnow())
    except IntegrityError:
        winner = _latest(session, signer)  # committed by the other transaction, which READ COMMITTED now sees
        if winner is None or winner.retired_at is not None:
            raise
        return winner
    audit.record(session, actor_id=actor_id, action=AuditAction.SIGNING_KEY_CREATE, object_type="signing_key",
                 object_id=key.id, court_id=signer.court_id,
                 details={"holder": key.holder, "generation": key.generation, "fingerprint": key.fingerprint})
    return key


def rotate(session: Session, settings: Settings, signer: Signer, *, actor_id: int | None = None) -> SigningKey:
    """Retire the signer's key and make the next: signatures from now on are the new key's; the old key stays to
    verify what it signed."""
    now = clock.utcnow()
    latest = _latest(session, signer)
    if latest is not None and latest.retired_at is None:
        latest.retired_at = now
    key = _create_key(session, settings, signer, generation=(latest.generation + 1) if latest else 1, now=now)
    audit.record(session, actor_id=actor_id, action=AuditAction.SIGNING_KEY_ROTATE, object_type="signing_key",
                 object_id=key.id, court_id=signer.court_id,
                 details={"holder": key.holder, "generation": key.generation, "fingerprint": key.fingerprint,
                          "retired": latest.fingerprint if latest else None})
    return key


def keys(session: Session, *, court_id: int | None = None) -> list[SigningKey]:
    query = select(SigningKey).order_by(SigningKey.court_id, SigningKey.holder, SigningKey.generation)
    if court_id is not None:
        query = query.where(SigningKey.court_id == court_id)
    return list(session.scalars(query))


def _signer_name(session: Session, signer: Signer) -> str:
    court = reference.court(session, signer.court_id).name
    if signer.judge_id is None:
        return court
    account = security.get_account(session, signer.judge_id)
    if account is None or account.court_id != signer.court_id or account.role != "judge":
        raise InvalidInput("签名法官不是本院法官", field="signer")
    return f"{court} 法官 {account.display_name}"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def display_code(code: str) -> str:
    """ABCD-EFGH-JKLM-NPQR: four groups for people to read."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def sign_bytes(session: Session, settings: Settings, content: bytes, *, signer: Signer, subject: str,
               case_id: int | None = None, document_id: int | None = None,
               actor_id: int | None = None) -> Signature:
    """Sign `content` with the signer's active key; the signature row, in the caller's transaction."""
    key = active_key(session, settings, signer, actor_id=actor_id)
    private = kek.open_sealed(kek.load(settings.signing_key_file), key.sealed_private_key, bound_to=_bound_to(key))
    signature = Signature(court_id=signer.court_id, case_id=case_id, document_id=document_id, subject=subject,
                          key_id=key.id, signer_kind=signer.kind, signer_name=_signer_name(session, signer),
                          sm3=hashlib.new("sm3", content).hexdigest(), signed_at=clock.utcnow(),
                          signature=sm2.sign(sm2.KeyPair(private.hex(), key.public_key), content), code=new_code())
    session.add(signature)
    session.flush()
    audit.record(session, actor_id=actor_id, action=AuditAction.DOCUMENT_SIGN, object_type=subject,
                 object_id=document_id, court_id=signer.court_id,
                 details={"signature_id": signature.id, "case_id": case_id, "sm3": signature.sm3,
                          "key": key.fingerprint})
    return signature


def sign(session: Session, settings: Settings, document: Document, *, signer: Signer,
         actor_id: int | None = None) -> Signature:
    """Sign a dossier document as stored (also before the transaction that stored it commits)."""
    content = dossier.read(storage_of(settings), document)
    return sign_bytes(session, settings, content, signer=signer, subject="document", case_id=document.case_id,
                      document_id=document.id, actor_id=actor_id)


def for_documents(session: Session, document_ids: list[int]) -> dict[int, Signature]:
    """The latest signature of each of these documents that has one."""
    found: dict[int, Signature] = {}
    if document_ids:
        for signature in session.scalars(select(Signature).where(Signature.document_id.in_(document_ids))
                                         .order_by(Signature.id)):
            if signature.document_id is not None:
                found[signature.document_id] = signature
    return found


def key_of(session: Session, signature: Signature) -> SigningKey:
    return session.get_one(SigningKey, signature.key_id)


def carried(session: Session, signature: Signature) -> dict:
    """What a package carries beside a signature to be checked away from the platform."""
    key = key_of(session, signature)
    return {"algorithm": "SM2-with-SM3", "user_id": sm2.DEFAULT_USER_ID.decode(), "signer": signature.signer_name,
            "signed_at": signature.signed_at.isoformat(), "key_fingerprint": key.fingerprint,
            "public_key": "04" + key.public_key, "code": display_code(signature.code), "sm3": signature.sm3}


def holds(session: Session, content: bytes, signature_id: int) -> bool:
    """Whether the signature row `signature_id` is a valid signature of exactly `content`."""
    signature = session.get(Signature, signature_id)
    if signature is None or hashlib.new("sm3", content).hexdigest() != signature.sm3:
        return False
    return sm2.verify(key_of(session, signature).public_key, content, signature.signature)


# Verification ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """One signature as the public may see it: who signed and when, never the case or its parties."""

    signer_kind: str
    signer_name: str
    signed_at: datetime
    key_fingerprint: str
    key_retired: bool
    code: str
    holds: bool  # the signature verifies under its key over the digest it names


@dataclass(frozen=True)
class Verdict:
    state: str  # valid / changed / unsigned / forged / recorded (a code without its file)
    signatures: list[Found]

    @property
    def ok(self) -> bool:
        return self.state == "valid"


def normal_code(code: str, *, field: str = "code") -> str:
    cleaned = "".join(code.split()).replace("-", "").upper()
    if len(cleaned) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in cleaned):
        raise InvalidInput(f"校验码应为{CODE_LENGTH}位字母数字（如 ABCD-EFGH-JKMN-PQRS）", field=field)
    return cleaned


def _found(session: Session, signature: Signature, content: bytes | None) -> Found:
    key = session.get_one(SigningKey, signature.key_id)
    # Without the file there is nothing to verify the signature over: a code alone says who signed, not what.
    holds = content is not None and hashlib.new("sm3", content).hexdigest() == signature.sm3 and sm2.verify(
        key.public_key, content, signature.signature)
    return Found(signature.signer_kind, signature.signer_name, signature.signed_at, key.fingerprint,
                 key.retired_at is not None, display_code(signature.code), holds)


def check(session: Session, *, content: bytes | None = None, code: str | None = None) -> Verdict:
    """What a file (and/or its code) says: `valid` when a signature on record verifies over the file's bytes;
    `changed` when the code names a signature but the file is not what was signed; `unsigned` when no signature
    names the file; `forged` when a record names the file's digest but its signature does not verify (the record
    was rewritten); `recorded` for a code given without its file: who signed and when, the file unchecked."""
    if content is None and not code:
        raise InvalidInput("请上传要校验的文件，或输入文书上的校验码", field="file")
    if code:
        signature = session.scalars(select(Signature).where(Signature.code == normal_code(code))).first()
        if signature is None:
            raise NotFound("校验码不存在：该文书不是本平台签发，或校验码有误", field="code")
        found = _found(session, signature, content)
        if content is None:
            return Verdict("recorded", [found])
        return Verdict("valid" if found.holds else "changed", [found])
    assert content is not None  # by the first check
    digest = hashlib.new("sm3", content).hexdigest()
    records = list(session.scalars(select(Signature).where(Signature.sm3 == digest).order_by(Signature.id)))
    if not records:
        return Verdict("unsigned", [])
    found_all = [_found(session, s, content) for s in records]
    held = [f for f in found_all if f.holds]
    return Verdict("valid", held) if held else Verdict("forged", found_all)
