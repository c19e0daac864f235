"""/verify (page and API) and `omnicourt dossier verify-signature`, on every backend: no sign-in; who signed and
when, never the case, its parties or the file's name; a changed file exits non-zero."""

import pytest

from tests.commands import run
from tests.factories import PDF_BYTES
from tests.fees.conftest import open_case
from tests.signing.test_service import sign_new


def signed(db, settings, tag: str):
    case = open_case(db, settings)
    content = PDF_BYTES + f"%{tag} {case.id}".encode()
    code, _ = sign_new(db, settings, case, content)
    return case, content, code


def test_the_public_page_checks_a_file_without_sign_in(client, db, settings):
    case, content, code = signed(db, settings, "page")
    assert client.get("/verify").status_code == 200
    page = client.post("/verify", files={"file": ("判决书.pdf", content, "application/pdf")}, data={"code": ""})
    assert page.status_code == 200 and 'data-state="valid"' in page.text and "签名有效" in page.text
    assert "人民法院" in page.text and "判决书.pdf" not in page.text
    assert case.party.display_name not in page.text and str(case.party.id_number) not in page.text
    tampered = content[:-1] + bytes([content[-1] ^ 1])
    changed = client.post("/verify", files={"file": ("x.pdf", tampered, "application/pdf")}, data={"code": code})
    assert 'data-state="changed"' in changed.text and "已被改动" in changed.text
    unsigned = client.post("/verify", files={"file": ("x.pdf", tampered, "application/pdf")})
    assert 'data-state="unsigned"' in unsigned.text
    by_code = client.post("/verify", data={"code": code.lower()})
    assert 'data-state="recorded"' in by_code.text
    wrong = client.post("/verify", data={"code": "OOO"})
    assert wrong.status_code == 422 and "校验码" in wrong.text
    empty = client.post("/verify", data={"code": ""})
    assert empty.status_code == 422 and "请上传" in empty.text


def test_the_api_answers_the_same(client, db, settings):
    case, content, code = signed(db, settings, "api")
    answer = client.post("/api/v1/verify", files={"file": ("a.pdf", content, "application/pdf")})
    assert answer.status_code == 200
    body = answer.json()
    assert body["state"] == "valid" and body["ok"] is True
    assert set(body["signatures"][0]) == {"signer_kind", "signer_name", "signed_at", "key_fingerprint",
                                          "key_retired", "code", "holds"}
    assert "case" not in answer.text and str(case.id) not in body["signatures"][0]["signer_name"]
    missing = client.post("/api/v1/verify", data={"code": "2222-3333-4444-5555"})
    assert missing.status_code == 404


def test_the_command_exits_non_zero_when_unsigned_or_changed(db, settings, tmp_path):
    if not db.is_sqlite:
        pytest.skip("a command's exit codes do not depend on the engine: run once, on SQLite (the services are "
                    "tested on both)")
    _, content, code = signed(db, settings, "cli")
    env = {"OMNICOURT_DATABASE_URL": db.url}
    document = tmp_path / "判决书.pdf"
    document.write_bytes(content)
    ok = run("dossier", "verify-signature", str(document), env=env)
    assert ok.returncode == 0, ok.stderr
    assert "签名有效" in ok.stdout and "人民法院" in ok.stdout
    document.write_bytes(content + b" ")
    assert run("dossier", "verify-signature", str(document), env=env).returncode == 1
    changed = run("dossier", "verify-signature", str(document), "--code", code, env=env)
    assert changed.returncode == 1 and "已被改动" in changed.stdout
