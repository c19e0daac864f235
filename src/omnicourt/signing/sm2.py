"""SM2 signatures (GB/T 32918.2-2016, GM/T 0003.2) with the SM3 digest and the default user id (GM/T 0009-2012
§10: "1234567812345678"), the signature DER-encoded as GM/T 0009 §7.2 has it (SEQUENCE of r and s), so OpenSSL and
any other conforming tool verifies it (tests/signing check ours against the openssl command both ways).

The curve arithmetic is gmssl's (pure Python; `cryptography` exposes no SM2). What gmssl gets wrong is done here:
the random k of each signature comes from `secrets` (gmssl draws it with `random`), r and s are range-checked before
verifying (gmssl does not), the public key is set as given (its constructor strips every leading "0" and "4"
character, not the one "04" prefix), and the digest e = SM3(Z ‖ M) is OpenSSL's (gmssl's pure-Python SM3 takes
seconds a megabyte).
"""

import hashlib
import secrets
from dataclasses import dataclass
from typing import cast

from Cryptodome.Util.asn1 import DerInteger, DerSequence
from gmssl.sm2 import CryptSM2, default_ecc_table

CURVE = default_ecc_table
N = int(CURVE["n"], 16)
DEFAULT_USER_ID = b"1234567812345678"


@dataclass(frozen=True)
class KeyPair:
    private: str  # d, 64 hex digits
    public: str  # x ‖ y, 128 hex digits (no 04 prefix)


def _crypt(private: str, public: str) -> CryptSM2:
    crypt = CryptSM2(private_key=private, public_key="")
    crypt.public_key = public
    return crypt


def generate() -> KeyPair:
    """d uniform in [1, n − 2] (GB/T 32918.1 §6.1), P = dG."""
    private = f"{secrets.randbelow(N - 2) + 1:064x}"
    public = _crypt(private, "")._kg(int(private, 16), CURVE["g"])
    return KeyPair(private, public)


def digest(public: str, message: bytes, user_id: bytes = DEFAULT_USER_ID) -> bytes:
    """e = SM3(Z_A ‖ M), Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5, §6.1)."""
    z_input = (len(user_id) * 8).to_bytes(2, "big") + user_id + bytes.fromhex(
        CURVE["a"] + CURVE["b"] + CURVE["g"] + public)
    z = hashlib.new("sm3", z_input).digest()
    return hashlib.new("sm3", z + message).digest()


def sign(keys: KeyPair, message: bytes) -> bytes:
    """The DER signature of `message` under `keys`."""
    crypt = _crypt(keys.private, keys.public)
    e = digest(keys.public, message)
    while True:  # a k giving r = 0, r + k = n or s = 0 is drawn again (GB/T 32918.2 §6.1 A3–A6)
        signature = crypt.sign(e, f"{secrets.randbelow(N - 1) + 1:064x}")
        if signature is not None:
            r, s = int(signature[:64], 16), int(signature[64:], 16)
            return DerSequence([DerInteger(r), DerInteger(s)]).encode()


def verify(public: str, message: bytes, signature: bytes) -> bool:
    """Whether `signature` (DER) is `public`'s signature of `message` (GB/T 32918.2 §7.1: r, s in [1, n − 1])."""
    try:
        sequence = DerSequence()
        sequence.decode(signature, strict=True)
    except (ValueError, IndexError, TypeError):
        return False
    if len(sequence) != 2 or not sequence.hasOnlyInts():
        return False
    r, s = cast(int, sequence[0]), cast(int, sequence[1])  # pycryptodome's stubs type items as None
    if not (1 <= r < N and 1 <= s < N):
        return False
    try:
        return bool(_crypt("", public).verify(f"{r:064x}{s:064x}", digest(public, message)))
    except (ValueError, TypeError):  # a public key that is not a curve point's coordinates
        return False


def fingerprint(public: str) -> str:
    """A key's short name: the first 16 hex digits of SM3 over its public key."""
    return hashlib.new("sm3", bytes.fromhex(public)).hexdigest()[:16]
