"""Accounts, sign-in with throttling, and server-side sessions."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.db import utcnow
from omnicourt.errors import Conflict, InvalidInput, TooManyRequests
from omnicourt.reference import service as reference
from omnicourt.security import rules, verification
from omnicourt.security.models import Account, FailedLogin, LoginSession
from omnicourt.security.passwords import check_password, hash_password
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings


def actor_for(session: Session, account: Account) -> Actor:
    level = reference.court(session, account.court_id).level if account.court_id else None
    bound = verification.bound_number(session, account.id) if account.kind == "public" else None
    return Actor(id=account.id, role=account.role, kind=account.kind, display_name=account.display_name,
                 court_id=account.court_id, division_id=account.division_id, court_level=level,
                 id_number=account.id_number, uscc=account.uscc,
                 identity_verified=account.identity_verified_at is not None, bound_number=bound)


def register_public(session: Session, *, username: str, password: str, person_type: str, name: str,
                    phone: str, id_number: str | None = None, uscc: str | None = None,
                    legal_representative: str | None = None, representative_id_number: str | None = None,
                    role: str = "party", practice_certificate_number: str | None = None,
                    law_firm: str | None = None) -> Account:
    """Registration of a party or lawyer with real-name data (在线诉讼规则 art. 7). The account starts
    unverified: real-name verification (security.verification) is the next step."""
    username = _check_username(username)
    certificate, firm = _lawyer_details(role, person_type, practice_certificate_number, law_firm)
    _check_password_strength(password)
    if not name or not name.strip():
        raise InvalidInput("请填写姓名或单位名称", field="name")
    if not phone or not phone.isdigit() or len(phone) != 11:
        raise InvalidInput("手机号码应为11位数字", field="phone")
    if person_type == "natural":
        id_number = rules.validate_id_number(id_number or "").number
        uscc = legal_representative = None
    elif person_type == "legal":
        uscc = rules.validate_uscc(uscc or "")
        if not legal_representative or not legal_representative.strip():
            raise InvalidInput("单位注册须填写法定代表人或负责人", field="legal_representative")
        id_number = rules.validate_id_number(representative_id_number or "").number
    else:
        raise InvalidInput("当事人类型应为自然人或法人", field="person_type")
    if session.scalar(select(Account.id).where(Account.username == username)):
        raise Conflict("该用户名已被注册", field="username")
    account = Account(username=username, password_hash=hash_password(password), kind="public",
                      role=role if role in ("party", "lawyer") else "party", display_name=name.strip(),
                      person_type=person_type, id_number=id_number, uscc=uscc,
                      legal_representative=(legal_representative or "").strip() or None, phone=phone,
                      practice_certificate_number=certificate, law_firm=firm, created_at=utcnow())
    session.add(account)
    session.flush()
    audit.record(session, actor_id=account.id, action="account.register", object_type="account",
                 object_id=account.id, details={"username": username, "person_type": person_type})
    return account


def _lawyer_details(role: str, person_type: str, certificate: str | None, firm: str | None
                    ) -> tuple[str | None, str | None]:
    """A lawyer registers as a natural person with the practice certificate number and the law firm."""
    if role != "lawyer":
        return None, None
    if person_type != "natural":
        raise InvalidInput("律师应以自然人身份注册", field="person_type")
    return rules.validate_practice_certificate_number(certificate or ""), rules.validate_law_firm(firm or "")


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not (3 <= len(username) <= 64) or not all(c.isalnum() or c in "._-@" for c in username):
        raise InvalidInput("用户名为3至64位字母、数字或 . _ - @", field="username")
    return username


def _check_password_strength(password: str) -> None:
    if len(password or "") < 8:
        raise InvalidInput("密码至少8位", field="password")


def authenticate(session: Session, settings: Settings, *, username: str, password: str) -> Account | None:
    """The account if the password is right, else None with the failure recorded (the caller
    commits it, then refuses). After too many failures in the window, refuse without checking."""
    username = (username or "").strip()
    since = utcnow() - timedelta(seconds=settings.login_window_seconds)
    failures = session.scalar(
        select(func.count()).select_from(FailedLogin)
        .where(FailedLogin.username == username, FailedLogin.at >= since)
    )
    if failures >= settings.login_attempts_per_window:
        raise TooManyRequests("登录失败次数过多，请稍后再试")
    account = session.scalar(select(Account).where(Account.username == username))
    if account is None or not account.active or not check_password(account.password_hash, password):
        session.add(FailedLogin(username=username, at=utcnow()))
        return None
    session.execute(delete(FailedLogin).where(FailedLogin.username == username))
    return account


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, settings: Settings, *, account: Account) -> tuple[str, str]:
    """Return (session token, CSRF token); only the token's hash is stored."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    expires = utcnow() + timedelta(seconds=settings.session_max_age_seconds)
    session.add(LoginSession(token_hash=_token_hash(token), account_id=account.id, csrf_token=csrf,
                             expires_at=expires))
    audit.record(session, actor_id=account.id, action="account.login", object_type="account",
                 object_id=account.id, court_id=account.court_id)
    return token, csrf


def resolve_session(session: Session, token: str) -> tuple[Account, str] | None:
    """The account and CSRF token behind a session token, or None if unknown or expired."""
    row = session.get(LoginSession, _token_hash(token))
    if row is None or row.expires_at < utcnow():
        return None
    account = session.get(Account, row.account_id)
    if account is None or not account.active:
        return None
    return account, row.csrf_token


def close_session(session: Session, token: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.token_hash == _token_hash(token)))


def get_account(session: Session, account_id: int) -> Account | None:
    return session.get(Account, account_id)


def judges_of(session: Session, *, division_id: int) -> list[Account]:
    return list(session.scalars(select(Account).where(Account.division_id == division_id,
                                                      Account.role == "judge").order_by(Account.id)))


def leaders_of(session: Session, *, court_id: int) -> list[Account]:
    """The president and vice presidents of a court: they approve deadline changes."""
    return list(session.scalars(select(Account).where(Account.court_id == court_id, Account.active.is_(True),
                                                      Account.role.in_(("president", "vice_president")))))


def chief_of(session: Session, *, division_id: int | None) -> Account | None:
    if division_id is None:
        return None
    return session.scalar(select(Account).where(Account.division_id == division_id,
                                                Account.role == "division_chief", Account.active.is_(True))
                          .order_by(Account.id).limit(1))
