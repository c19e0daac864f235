"""Sign-in throttling and request rate limits (OWASP ASVS 2.2.1, MLPS level 3 登录失败处理).

Failed sign-ins are rows of failed_logins, shared by every worker. Three scopes are counted in the window: one
user name from one address, any names from one address (password spraying), one name from any address (a
distributed guess). Past a scope's free failures each further try must wait twice as long as the one before, up
to a cap: the real user meets a short delay, never a lock-out an attacker could cause.

Rate limits count requests in fixed windows in this process's memory: behind N worker processes a client gets up
to N times the limit (docs/SECURITY.md); the sign-in delays have no such caveat.
"""

import math
import threading
import time
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from omnicourt.errors import TooManyRequests
from omnicourt.security.models import FailedLogin
from omnicourt.settings import Settings

# The routes under a rate limit, by the kind of limit in settings.rate_limits.
RATE_LIMITED: dict[tuple[str, str], str] = {
    ("POST", "/api/v1/auth/login"): "login",
    ("POST", "/login"): "login",
    ("POST", "/api/v1/auth/register"): "register",
    ("POST", "/register"): "register",
    ("POST", "/api/v1/auth/password-reset"): "password_reset",
    ("POST", "/password/forgot"): "password_reset",
    ("GET", "/api/v1/retrieval/search"): "search",
    ("GET", "/bench/retrieval"): "search",
    ("POST", "/api/v1/verify"): "search",  # open to anyone: a file digested and looked up per request
    ("POST", "/verify"): "search",
    ("GET", "/api/v1/judgments"): "search",  # open to anyone: a LIKE over every published judgment
    ("GET", "/judgments"): "search",
    ("GET", "/api/v1/cases"): "listing",
    ("GET", "/bench/docket"): "listing",
    ("GET", "/portal/cases"): "listing",
    ("GET", "/api/v1/filings"): "listing",
    ("GET", "/api/v1/filings/queue"): "listing",
    ("GET", "/portal/filings"): "listing",
    ("GET", "/bench/filings"): "listing",
    ("GET", "/api/v1/supervision/ledger"): "listing",
    ("GET", "/bench/supervision/ledger"): "listing",
    ("GET", "/api/v1/dashboard/cases"): "listing",
    ("GET", "/bench/dashboard/cases"): "listing",
    ("GET", "/api/v1/supervision/ledger/export"): "export",
    ("GET", "/api/v1/supervision/reports/export"): "export",
    ("GET", "/api/v1/cases/{case_id}/assistant/draft"): "export",
    ("GET", "/bench/cases/{case_id}/assistant/draft.docx"): "export",
}


def too_many(retry_after: int) -> TooManyRequests:
    return TooManyRequests(f"操作过于频繁，请 {retry_after} 秒后再试", retry_after=retry_after)


def delay_seconds(failures: int, free: int, cap: int) -> int:
    """The wait after `failures` failures: none up to `free`, then 2, 4, 8 ... seconds, at most `cap`."""
    if failures < free:
        return 0
    return min(cap, 2 ** min(failures - free + 1, 30))


def login_wait(session: Session, settings: Settings, *, username: str, address: str, now: datetime) -> int:
    """Seconds before `username` may try to sign in again from `address`; 0 if it may try now."""
    since = now - timedelta(seconds=settings.login_window_seconds)
    scopes = (
        (and_(FailedLogin.username == username, FailedLogin.address == address), settings.login_attempts_per_window),
        (FailedLogin.address == address, settings.login_address_failures_per_window),
        (FailedLogin.username == username, settings.login_account_failures_per_window),
    )
    wait = 0
    for where, free in scopes:
        failures, last = session.execute(
            select(func.count(), func.max(FailedLogin.at)).where(where, FailedLogin.at >= since)
        ).one()
        delay = delay_seconds(failures, free, settings.login_max_delay_seconds)
        if delay:
            wait = max(wait, math.ceil((last + timedelta(seconds=delay) - now).total_seconds()))
    return wait


def record_failure(session: Session, *, username: str, address: str, now: datetime) -> None:
    session.add(FailedLogin(username=username[:64], address=address[:64], at=now))


def clear_failures(session: Session, *, username: str, address: str) -> None:
    """After a success from this address; failures of the name elsewhere still count (a distributed guess)."""
    session.execute(delete(FailedLogin).where(FailedLogin.username == username, FailedLogin.address == address))


class WindowCounter:
    """Counts events per key in fixed windows, in memory."""

    MAX_KEYS = 100_000  # past this, the counters of earlier windows are dropped

    def __init__(self, window_seconds: int, clock=time.monotonic):
        self.window_seconds = window_seconds
        self.clock = clock
        self._counts: dict[object, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def count(self, key: object) -> tuple[int, int]:
        """Count one event: (its number in the current window, whole seconds until the window ends)."""
        now = self.clock()
        window = int(now // self.window_seconds)
        with self._lock:
            if len(self._counts) >= self.MAX_KEYS:
                self._counts = {k: v for k, v in self._counts.items() if v[0] == window}
            start, count = self._counts.get(key, (window, 0))
            count = count + 1 if start == window else 1
            self._counts[key] = (window, count)
        return count, max(1, math.ceil((window + 1) * self.window_seconds - now))


class RateLimiter:
    """Request rate limits: at most `limit` requests of a kind per key in each window."""

    def __init__(self, window_seconds: int, clock=time.monotonic):
        self.counter = WindowCounter(window_seconds, clock)

    def check(self, kind: str, key: str, limit: int) -> None:
        count, seconds_left = self.counter.count((kind, key))
        if count > limit:
            raise too_many(seconds_left)


class RepeatCounter:
    """Repeats of one event per key in fixed windows: only the 1st, 10th, 100th ... occurrence in a window is
    to be written (with its number), so that a fuzzer cannot fill the audit log."""

    def __init__(self, window_seconds: int, clock=time.monotonic):
        self.counter = WindowCounter(window_seconds, clock)

    def to_record(self, key: object) -> int | None:
        """This occurrence's number in the window if it is to be recorded, else None."""
        count, _ = self.counter.count(key)
        return count if _is_power_of_ten(count) else None


def _is_power_of_ten(n: int) -> bool:
    while n % 10 == 0:
        n //= 10
    return n == 1
