"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106)."""

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

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
