"""Accounts, sign-in with throttling, and server-side sessions."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.db import utcnow
from omnicourt.errors import Conflict, InvalidInput, TooManyRequests
from omnicourt.reference import service as reference
from omnicourt.security import passwords, rules, throttle, verification
from omnicourt.security.models import Account, IdentityBinding, LoginSession, PasswordReset
from omnicourt.security.passwords import check_password, hash_password
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings


def actor_for(session: Session, account: Account) -> Actor:
    bound = verification.bound_number(session, account.id) if account.kind == "public" else None
    return _actor(session, account, bound)


def _actor(session: Session, account: Account, bound: str | None) -> Actor:
    level = reference.court(session, account.court_id).level if account.court_id else None  # cached
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
    audit.record(session, actor_id=account.id, action=AuditAction.ACCOUNT_REGISTER, object_type="account",
                 object_id=account.id, details={"username": username, "person_type": person_type})
    return account


def register_mediator_account(session: Session, *, username: str, password: str, name: str, phone: str,
                              court_id: int) -> Account:
    """The account of an invited mediator (特邀调解员), opened by the court that puts them on its roster; the
    roster's row is mediation's."""
    username = _check_username(username)
    _check_password_strength(password)
    if not phone or not phone.isdigit() or len(phone) != 11:
        raise InvalidInput("手机号码应为11位数字", field="phone")
    if session.scalar(select(Account.id).where(Account.username == username)):
        raise Conflict("该用户名已被注册", field="username")
    account = Account(username=username, password_hash=hash_password(password), kind="mediator", role="mediator",
                      display_name=name, court_id=court_id, person_type="natural", phone=phone,
                      created_at=utcnow())
    session.add(account)
    session.flush()
    return account


def confirm_password(session: Session, *, account_id: int, password: str) -> bool:
    """Whether the signed-in person re-entered the account's password: identity re-verified before a step that
    binds them (在线诉讼规则 art. 7)."""
    if len(password or "") > passwords.MAX_LENGTH:
        return False
    account = session.get(Account, account_id)
    return account is not None and account.active and check_password(account.password_hash, password)


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
    passwords.check_strength(password)


def authenticate(session: Session, settings: Settings, *, username: str, password: str,
                 address: str) -> Account | None:
    """The account if the password is right, else None with the failure recorded and audited (the caller
    commits it, then refuses). While a throttle delay runs, refuse without checking (security/throttle.py)."""
    username = (username or "").strip()[:64]
    if len(password or "") > passwords.MAX_LENGTH:
        raise InvalidInput(f"密码不能超过{passwords.MAX_LENGTH}位", field="password")
    now = utcnow()
    wait = throttle.login_wait(session, settings, username=username, address=address, now=now)
    if wait:
        raise TooManyRequests(f"登录失败次数过多，请 {wait} 秒后再试", retry_after=wait)
    account = session.scalar(select(Account).where(Account.username == username))
    if account is None:
        passwords.check_unknown_account(password)  # the same time as a known name: no enumeration
    elif check_password(account.password_hash, password) and account.active:
        throttle.clear_failures(session, username=username, address=address)
        return account
    throttle.record_failure(session, username=username, address=address, now=now)
    audit.record(session, actor_id=None, action=AuditAction.ACCOUNT_LOGIN_FAILED, object_type="account",
                 object_id=account.id if account else None, court_id=account.court_id if account else None,
                 details={"username": username, "address": address})
    return None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, settings: Settings, *, account: Account) -> tuple[str, str]:
    """Return (session token, CSRF token); only the token's hash is stored. Past the cap of concurrent
    sessions of the account, the oldest are closed."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    now = utcnow()
    session.execute(delete(LoginSession).where(LoginSession.account_id == account.id, LoginSession.expires_at < now))
    kept = list(session.scalars(
        select(LoginSession.token_hash).where(LoginSession.account_id == account.id)
        .order_by(LoginSession.created_at.desc(), LoginSession.token_hash)
        .limit(max(settings.sessions_per_account - 1, 0))
    ))
    session.execute(delete(LoginSession).where(LoginSession.account_id == account.id,
                                               LoginSession.token_hash.not_in(kept)))
    session.add(LoginSession(token_hash=_token_hash(token), account_id=account.id, csrf_token=csrf,
                             expires_at=now + timedelta(seconds=settings.session_max_age_seconds),
                             created_at=now, last_seen_at=now))
    audit.record(session, actor_id=account.id, action=AuditAction.ACCOUNT_LOGIN, object_type="account",
                 object_id=account.id, court_id=account.court_id)
    return token, csrf


@dataclass(frozen=True)
class ActiveSession:
    actor: Actor
    csrf_token: str
    last_seen_at: datetime

    def needs_touch(self, now: datetime) -> bool:
        """The last use is written at most once a minute: not a write on every request."""
        return now - self.last_seen_at >= SESSION_TOUCH_INTERVAL


SESSION_TOUCH_INTERVAL = timedelta(minutes=1)


def resolve_session(session: Session, settings: Settings, token: str) -> ActiveSession | None:
    """The actor and CSRF token behind a session token, or None if unknown, expired or idle too long. One round
    trip: every request signs in with it, so the session, its account and the number bound to it come in one
    query."""
    row = session.execute(
        select(LoginSession.expires_at, LoginSession.last_seen_at, LoginSession.csrf_token, Account,
               IdentityBinding.number)
        .join(Account, Account.id == LoginSession.account_id)
        .outerjoin(IdentityBinding, IdentityBinding.account_id == Account.id)
        .where(LoginSession.token_hash == _token_hash(token))
    ).first()
    now = utcnow()
    if row is None or row.expires_at < now or row.last_seen_at is None:
        return None
    if now - row.last_seen_at > timedelta(minutes=settings.session_idle_minutes):
        return None
    account = row.Account
    if not account.active:
        return None
    bound = row.number if account.kind == "public" else None
    return ActiveSession(_actor(session, account, bound), row.csrf_token, row.last_seen_at)


def touch_session(session: Session, token: str) -> None:
    session.execute(update(LoginSession).where(LoginSession.token_hash == _token_hash(token))
                    .values(last_seen_at=utcnow()))


def close_session(session: Session, token: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.token_hash == _token_hash(token)))


def change_password(session: Session, *, account_id: int, current_password: str, new_password: str,
                    current_token: str) -> None:
    """A signed-in user's new password; their other sessions are closed."""
    account = session.get(Account, account_id)
    if account is None or not check_password(account.password_hash, current_password or ""):
        raise InvalidInput("当前密码不正确", field="current_password")
    passwords.check_strength(new_password, username=account.username, field="new_password")
    account.password_hash = hash_password(new_password)
    session.execute(delete(LoginSession).where(LoginSession.account_id == account.id,
                                               LoginSession.token_hash != _token_hash(current_token)))
    audit.record(session, actor_id=account.id, action=AuditAction.ACCOUNT_PASSWORD_CHANGE, object_type="account",
                 object_id=account.id, court_id=account.court_id)


PASSWORD_RESET_JOB = "security.password_reset_text"  # jobs.py: creates the token and texts the link


def password_reset_account(session: Session, *, username: str, phone: str) -> int | None:
    """The account a reset may be texted to: its user name and phone match and it is active; else None. The caller
    answers the same either way (no enumeration) and defers PASSWORD_RESET_JOB with the id."""
    account = session.scalar(select(Account).where(Account.username == (username or "").strip()[:64]))
    if account is None or not account.active or not account.phone or account.phone != (phone or "").strip():
        return None
    return account.id


def issue_password_reset(session: Session, settings: Settings, *, account_id: int) -> tuple[str, str] | None:
    """A reset token for the account, stored hashed: (phone, token) to text after the commit, or None when the
    account can no longer have one (deactivated since it was asked for)."""
    account = session.get(Account, account_id)
    if account is None or not account.active or not account.phone:
        return None
    token = secrets.token_urlsafe(24)
    session.add(PasswordReset(token_hash=_token_hash(token), account_id=account.id,
                              expires_at=utcnow() + timedelta(minutes=settings.password_reset_minutes)))
    audit.record(session, actor_id=account.id, action=AuditAction.ACCOUNT_PASSWORD_RESET_REQUEST, object_type="account",
                 object_id=account.id, court_id=account.court_id)
    return account.phone, token


def password_reset_text(settings: Settings, token: str) -> str:
    """The text message: the link on the configured public address, never on the request's Host."""
    link = settings.public_base_url.rstrip("/") + f"/password/reset?token={token}"
    return f"【全域数字法院】重置密码请打开 {link} ，{settings.password_reset_minutes} 分钟内有效。如非本人操作请忽略。"


def reset_password(session: Session, *, token: str, new_password: str) -> None:
    """Use a reset token once: the new password, every session of the account closed, the other tokens void."""
    reset = session.get(PasswordReset, _token_hash(token or ""))
    if reset is None or reset.used_at is not None or reset.expires_at < utcnow():
        raise InvalidInput("重置链接无效或已过期，请重新申请", field="token")
    account = session.get_one(Account, reset.account_id)
    passwords.check_strength(new_password, username=account.username, field="new_password")
    account.password_hash = hash_password(new_password)
    session.execute(update(PasswordReset).where(PasswordReset.account_id == account.id,
                                                PasswordReset.used_at.is_(None)).values(used_at=utcnow()))
    session.execute(delete(LoginSession).where(LoginSession.account_id == account.id))
    audit.record(session, actor_id=account.id, action=AuditAction.ACCOUNT_PASSWORD_RESET, object_type="account",
                 object_id=account.id, court_id=account.court_id)


def get_account(session: Session, account_id: int) -> Account | None:
    return session.get(Account, account_id)


def display_names(session: Session, account_ids) -> dict[int, str]:
    """The names pages show for these accounts (ids of no account left out)."""
    accounts = (get_account(session, i) for i in set(account_ids) if i)
    return {a.id: a.display_name for a in accounts if a}


def judges_of(session: Session, *, division_id: int, active_only: bool = False) -> list[Account]:
    """The division's judges by id; `active_only` leaves out those no longer serving (assignment)."""
    query = select(Account).where(Account.division_id == division_id, Account.role == "judge")
    if active_only:
        query = query.where(Account.active.is_(True))
    return list(session.scalars(query.order_by(Account.id)))


def staff_of(session: Session, *, court_id: int, roles: tuple[str, ...]) -> list[Account]:
    """The court's active staff of these roles by name (the judges and clerks a hearing is scheduled with)."""
    return list(session.scalars(select(Account).where(Account.court_id == court_id, Account.active.is_(True),
                                                      Account.role.in_(roles)).order_by(Account.display_name)))


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
