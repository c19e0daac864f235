"""One-time codes, the platform's own second factor before a hearing, a signature or a mediation (在线诉讼规则 art. 7:
the account's identity is re-verified before online mediation, evidence exchange and hearings).

A code is 6 digits texted through security/sms.py, stored only as HMAC-SHA256 with a random salt, valid for
CODE_MINUTES, at most MAX_TRIES wrong tries, used once; an account gets at most CODES_PER_WINDOW codes in
WINDOW_MINUTES. A right code turns its row into a proof valid for PROOF_MINUTES, which one use case consumes
(`consume`): the proof is single use as the code was.

Face recognition stays an adapter (`FaceMatcher`); none is configured by default and asking for it is refused.
"""

import hmac
import secrets
from datetime import datetime, timedelta
from hashlib import sha256
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.errors import Conflict, InvalidInput, NotFound, TooManyRequests
from omnicourt.security import sms
from omnicourt.security.models import Account, OneTimeCode
from omnicourt.settings import Settings

CODE_MINUTES = 5
MAX_TRIES = 5
PROOF_MINUTES = 10
CODES_PER_WINDOW, WINDOW_MINUTES = 5, 15
PURPOSES = {"online_hearing": "参加在线庭审", "record_signature": "签署庭审笔录"}
WRONG = "验证码不正确或已失效"


class FaceMatcher(Protocol):
    def matches(self, *, account_id: int, image: bytes) -> bool: ...


class NoFaceMatcher:
    """The default: no face-recognition vendor is configured."""

    def matches(self, *, account_id: int, image: bytes) -> bool:
        raise Conflict("本院未配置人脸识别服务，请使用短信验证码核验身份", field="face_image")


def _digest(salt: str, code: str) -> str:
    return hmac.new(salt.encode(), code.encode(), sha256).hexdigest()


def _purpose(purpose: str) -> str:
    if purpose not in PURPOSES:
        raise InvalidInput("核验用途不正确", field="purpose")
    return purpose


def issue(session: Session, settings: Settings, *, account_id: int, purpose: str, now: datetime) -> OneTimeCode:
    """Text a new code to the account's phone; refused past the account's rate or without a phone number."""
    purpose = _purpose(purpose)
    account = session.get(Account, account_id, with_for_update=True)  # one issue at a time per account
    if account is None or not account.phone:
        raise Conflict("账户未登记手机号码，无法发送验证码", field="phone")
    since = now - timedelta(minutes=WINDOW_MINUTES)
    sent = session.scalar(select(func.count()).select_from(OneTimeCode).where(
        OneTimeCode.account_id == account_id, OneTimeCode.created_at >= since)) or 0
    if sent >= CODES_PER_WINDOW:
        raise TooManyRequests(f"验证码发送过于频繁，请{WINDOW_MINUTES}分钟后再试", retry_after=WINDOW_MINUTES * 60)
    code = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(16)
    row = OneTimeCode(account_id=account_id, purpose=purpose, salt=salt, code_hash=_digest(salt, code),
                      created_at=now, expires_at=now + timedelta(minutes=CODE_MINUTES), tries=0)
    session.add(row)
    session.flush()
    sms.sender(settings)(account.phone, f"【在线法院】您正在{PURPOSES[purpose]}，验证码{code}，"
                                       f"{CODE_MINUTES}分钟内有效。请勿告诉他人。")
    audit.record(session, actor_id=account_id, action=AuditAction.ONE_TIME_CODE_ISSUE, object_type="one_time_code",
                 object_id=row.id, details={"purpose": purpose})
    return row


def verify(session: Session, *, account_id: int, code_id: int, code: str, now: datetime) -> OneTimeCode:
    """Check a code: a right one, in time, untried past MAX_TRIES and unused, becomes a proof. A wrong try counts
    (the caller commits it, then refuses: `verify_or_count`)."""
    row = session.get(OneTimeCode, code_id, with_for_update=True)
    if row is None or row.account_id != account_id:
        raise NotFound(WRONG, field="code")
    if row.verified_at is not None or row.expires_at <= now or row.tries >= MAX_TRIES:
        raise InvalidInput(f"{WRONG}，请重新获取", field="code")
    code = (code or "").strip()
    if len(code) != 6 or not code.isdigit() or not hmac.compare_digest(row.code_hash, _digest(row.salt, code)):
        row.tries += 1
        return row
    row.verified_at, row.proof_expires_at = now, now + timedelta(minutes=PROOF_MINUTES)
    audit.record(session, actor_id=account_id, action=AuditAction.ONE_TIME_CODE_VERIFY, object_type="one_time_code",
                 object_id=row.id, details={"purpose": row.purpose})
    return row


def refused(row: OneTimeCode) -> InvalidInput | None:
    """The refusal for a try that did not make a proof (the wrong try is counted first, then this is raised)."""
    if row.verified_at is not None:
        return None
    left = MAX_TRIES - row.tries
    return InvalidInput(f"{WRONG}，还可尝试{left}次" if left > 0 else f"{WRONG}，请重新获取", field="code")


def consume(session: Session, *, account_id: int, proof_id: int | None, purpose: str, now: datetime) -> OneTimeCode:
    """Use a proof once, for its purpose, within its life: what a use case calls before it acts."""
    row = session.get(OneTimeCode, proof_id, with_for_update=True) if proof_id else None
    if (row is None or row.account_id != account_id or row.purpose != purpose or row.verified_at is None
            or row.consumed_at is not None or row.proof_expires_at is None or row.proof_expires_at <= now):
        raise Conflict("请先通过短信验证码重新核验身份", field="proof_id")
    row.consumed_at = now
    return row
