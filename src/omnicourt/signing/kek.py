"""The key-encryption key: the signing keys' private halves are stored only sealed under it (AES-256-GCM), and it
lives in a file the database never holds, as the audit key does (audit/keys.py), so a copy of the database signs
nothing. The sealed bytes are bound to their key row (associated data), so a sealed key moved to another row does
not open."""

import secrets
import stat
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from omnicourt.audit.keys import create_key_file

NONCE_BYTES = 12


@lru_cache
def load(path: Path) -> bytes:
    """The key in `path`, created on first use readable by its owner only (0600)."""
    if not path.exists():
        create_key_file(path)
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise RuntimeError(f"签名密钥加密密钥文件 {path} 的权限过宽，应为 0600")
    key = bytes.fromhex(path.read_text().strip())
    if len(key) != 32:
        raise RuntimeError(f"签名密钥加密密钥文件 {path} 的内容无效")
    return key


def seal(kek: bytes, secret: bytes, *, bound_to: bytes) -> bytes:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(kek).encrypt(nonce, secret, bound_to)


def open_sealed(kek: bytes, sealed: bytes, *, bound_to: bytes) -> bytes:
    """The secret; cryptography's InvalidTag when the key, the bytes or the row they are bound to differ."""
    return AESGCM(kek).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], bound_to)
