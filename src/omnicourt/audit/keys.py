"""The audit key: HMAC-SM3 (GB/T 32905, through OpenSSL) under a key the database never holds, so whoever can
rewrite the database cannot recompute a chain."""

import hashlib
import hmac
import os
import secrets
import stat
from functools import lru_cache
from pathlib import Path

ALGORITHM = "sm3"
_key_file: Path | None = None  # the audit_key_file setting, set by the process's root (runtime.configure)


def _check_sm3() -> None:
    if ALGORITHM not in hashlib.algorithms_available:
        raise RuntimeError("OpenSSL 未提供 SM3 算法，无法对审计日志签名")


@lru_cache
def load_key(path: Path) -> bytes:
    """The key in `path`, created on first use readable by its owner only (0600)."""
    _check_sm3()
    if not path.exists():
        create_key_file(path)
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise RuntimeError(f"审计密钥文件 {path} 的权限过宽，应为 0600")
    key = bytes.fromhex(path.read_text().strip())
    if len(key) < 32:
        raise RuntimeError(f"审计密钥文件 {path} 的内容无效")
    return key


def create_key_file(path: Path) -> None:
    """A new random 32-byte key (hex) in `path`, for any key kept outside the database (the audit key, the signing
    keys' sealing key). Written beside `path`, then linked into place: the file appears whole or not at all, and of
    two processes creating it at once the second keeps the first one's key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink(missing_ok=True)


def use_key_file(path: Path) -> None:
    """Sign with the key in `path` (OMNICOURT_AUDIT_KEY_FILE): runtime.configure calls this."""
    global _key_file
    _key_file = Path(path)


def audit_key() -> bytes:
    # No default: a record signed with a key other than the configured one would later read as forged.
    if _key_file is None:
        raise RuntimeError("未配置审计密钥文件：进程启动时须先按设置配置（omnicourt.runtime.configure）")
    return load_key(_key_file)


def sign(message: bytes) -> str:
    return hmac.new(audit_key(), message, ALGORITHM).hexdigest()


def signature_holds(message: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(message), signature)
