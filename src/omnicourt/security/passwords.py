"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106) and the strength policy
(OWASP ASVS 2.1: at least 8 characters, checked against common passwords; GB/T 22239-2019 8.1.4.1 b: 口令复杂度)."""

import threading
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from omnicourt.errors import InvalidInput

MIN_LENGTH = 8
MAX_LENGTH = 128  # hashing cost and the strength estimate stay bounded
MIN_ZXCVBN_SCORE = 2  # zxcvbn: 2 = "somewhat guessable", about 10^8 guesses

_hasher = PasswordHasher()
# A hash keeps both cores busy by design (four lanes): one at a time per process, so a burst of sign-ups or sign-ins
# queues behind itself instead of starving every other request of the CPU.
_one_at_a_time = threading.Lock()


def hash_password(password: str) -> str:
    with _one_at_a_time:
        return _hasher.hash(password)


def check_password(password_hash: str, password: str) -> bool:
    try:
        with _one_at_a_time:
            return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return hash_password("no account has this password")


def check_unknown_account(password: str) -> bool:
    """Verify against a dummy hash, so that an unknown user name takes as long to refuse as a known one."""
    return check_password(_dummy_hash(), password)


@cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn's list of the 30,000 most common passwords (from leaked password sets), lower case.
    return frozenset(FREQUENCY_LISTS["passwords"])


def is_sequence(password: str) -> bool:
    """Each character one code point above (or below) the one before: 12345678, abcdefgh, 87654321."""
    steps = {ord(b) - ord(a) for a, b in zip(password, password[1:], strict=False)}
    return steps in ({1}, {-1})


def weakness(password: str, *, username: str = "") -> str | None:
    """Why the password is too weak (a Chinese message), or None if it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"密码至少{MIN_LENGTH}位"
    if len(password) > MAX_LENGTH:
        return f"密码不能超过{MAX_LENGTH}位"
    if not password.strip():
        return "密码不能全为空格"
    if len(set(password)) == 1:
        return "密码不能由同一个字符重复组成"
    if is_sequence(password):
        return "密码不能是连续的数字或字母"
    if password.lower() in _common_passwords():
        return "该密码属于常见密码，请换一个"
    if len(username) >= 3 and username.lower() in password.lower():
        return "密码不能包含用户名"
    if zxcvbn(password, user_inputs=[username] if username else None)["score"] < MIN_ZXCVBN_SCORE:
        return "密码太容易被猜到，请加长或混合使用字母、数字和符号"
    return None


def check_strength(password: str, *, username: str = "", field: str = "password") -> None:
    reason = weakness(password or "", username=username)
    if reason:
        raise InvalidInput(reason, field=field)
