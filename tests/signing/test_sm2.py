"""SM2 with SM3 and the default user id (GB/T 32918.2, GM/T 0009): ours against OpenSSL's, both ways, and the
checks gmssl leaves out (r and s in range, a secure k, a public key starting with 0 or 4)."""

import base64
import shutil
import subprocess

import pytest
from Cryptodome.Util.asn1 import DerInteger, DerSequence

from omnicourt.signing import sm2

# SubjectPublicKeyInfo of an SM2 key: id-ecPublicKey with the curve sm2p256v1 (1.2.156.10197.1.301), then 04 ‖ x ‖ y.
SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d03420004")
openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="the openssl command is not installed")


def test_a_signature_verifies_and_one_changed_byte_does_not():
    keys = sm2.generate()
    message = b"%PDF-1.4 judgment" * 1000
    signature = sm2.sign(keys, message)
    assert sm2.verify(keys.public, message, signature)
    changed = bytearray(message)
    changed[500] ^= 0x01
    assert not sm2.verify(keys.public, bytes(changed), signature)
    assert not sm2.verify(sm2.generate().public, message, signature)
    assert not sm2.verify(keys.public, message, signature[:-1] + bytes([signature[-1] ^ 1]))


def test_signatures_of_one_message_differ_each_time():
    keys = sm2.generate()
    assert sm2.sign(keys, b"x") != sm2.sign(keys, b"x")


def test_r_or_s_out_of_range_is_refused():
    keys = sm2.generate()
    for r, s in [(0, 1), (1, 0), (sm2.N, 1), (1, sm2.N)]:
        assert not sm2.verify(keys.public, b"x", DerSequence([DerInteger(r), DerInteger(s)]).encode())
    assert not sm2.verify(keys.public, b"x", b"not DER")


def test_a_public_key_beginning_with_0_or_4_is_kept_whole():
    # gmssl's constructor strips every leading "0" and "4": such keys would verify nothing.
    while not (pair := sm2.generate()).public.startswith(("0", "4")):
        pass
    assert sm2.verify(pair.public, b"m", sm2.sign(pair, b"m"))


def _pem(public: str) -> str:
    return "-----BEGIN PUBLIC KEY-----\n" + base64.encodebytes(SPKI_PREFIX + bytes.fromhex(public)).decode() + \
        "-----END PUBLIC KEY-----\n"


@openssl
def test_openssl_verifies_ours(tmp_path):
    keys = sm2.generate()
    message = "（2026）浙0106民初1号 判决书".encode()
    (tmp_path / "m").write_bytes(message)
    (tmp_path / "s").write_bytes(sm2.sign(keys, message))
    (tmp_path / "p.pem").write_text(_pem(keys.public))
    command = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "p.pem"), "-rawin", "-digest",
               "sm3", "-pkeyopt", "distid:1234567812345678", "-in", str(tmp_path / "m"), "-sigfile",
               str(tmp_path / "s")]
    assert subprocess.run(command, capture_output=True).returncode == 0
    (tmp_path / "m").write_bytes(message + b" ")
    assert subprocess.run(command, capture_output=True).returncode != 0


@openssl
def test_we_verify_openssls(tmp_path):
    key = tmp_path / "k.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", str(key)],
                   check=True, capture_output=True)
    public = subprocess.run(["openssl", "pkey", "-in", str(key), "-pubout", "-outform", "DER"], check=True,
                            capture_output=True).stdout[-64:].hex()
    (tmp_path / "m").write_bytes(b"signed by openssl")
    subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", str(key), "-rawin", "-digest", "sm3", "-pkeyopt",
                    "distid:1234567812345678", "-in", str(tmp_path / "m"), "-out", str(tmp_path / "s")],
                   check=True, capture_output=True)
    signature = (tmp_path / "s").read_bytes()
    assert sm2.verify(public, b"signed by openssl", signature)
    assert not sm2.verify(public, b"signed by openssl!", signature)
