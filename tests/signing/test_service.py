"""Signing on every backend: the deciding document is signed by the court's key on closing; a file checks as
unchanged, a tampered byte as changed or unsigned, a rewritten record as forged; rotation keeps old signatures
verifiable; the private key is in the database only sealed."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import select

from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.service import Checked, Upload
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import InvalidInput, NotFound
from omnicourt.signing import kek, sm2
from omnicourt.signing import service as signing
from omnicourt.signing.models import Signature, SigningKey
from tests.factories import PDF_BYTES
from tests.fees.conftest import close, open_case


def stored_document(db, settings, case, content: bytes, name="裁定书.pdf"):
    with db.transaction() as session:
        document = dossier.store(session, storage_of(settings), upload=Upload(name, content),
                                 checked=Checked("application/pdf", 1), court_id=case_court(db, case),
                                 uploaded_by=case.judge.id, case_id=case.id, kind=DocumentKind.JUDGMENT)
        session.flush()
        return document.id


def case_court(db, case) -> int:
    return case.judge.court_id


def sign_new(db, settings, case, content: bytes, signer=None):
    document_id = stored_document(db, settings, case, content)
    with db.transaction() as session:
        document = dossier.find(session, document_id)
        signature = signing.sign(session, settings, document, signer=signer or signing.Signer(case_court(db, case)))
        return signature.code, signature.key_id


def check(db, **kwargs):
    with db.reading() as session:
        return signing.check(session, **kwargs)


def test_closing_signs_the_deciding_document_with_the_court_key(db, settings):
    case = open_case(db, settings)
    close(db, settings, case, "judgment")
    with db.reading() as session:
        judgment = next(d for d in dossier.for_case(session, case.id) if d.kind == "judgment")
        signature = signing.for_documents(session, [judgment.id])[judgment.id]
        key = session.get_one(SigningKey, signature.key_id)
        content = dossier.read(storage_of(settings), judgment)
    assert (signature.signer_kind, key.holder, key.court_id) == ("court", "court", case_court(db, case))
    assert signature.signer_name.endswith("人民法院") and signature.case_id == case.id
    verdict = check(db, content=content)
    assert verdict.state == "valid" and verdict.signatures[0].signer_name == signature.signer_name
    assert check(db, content=content, code=signing.display_code(signature.code).lower()).state == "valid"


def test_one_tampered_byte_is_detected(db, settings):
    case = open_case(db, settings)
    content = PDF_BYTES + b"%unique " + str(case.id).encode()
    code, _ = sign_new(db, settings, case, content)
    tampered = bytearray(content)
    tampered[10] ^= 0x20
    assert check(db, content=content).state == "valid"
    assert check(db, content=bytes(tampered)).state == "unsigned"
    changed = check(db, content=bytes(tampered), code=code)
    assert changed.state == "changed" and not changed.ok and not changed.signatures[0].holds
    recorded = check(db, code=code)
    assert recorded.state == "recorded" and recorded.signatures[0].signer_kind == "court"


def test_a_rewritten_record_does_not_verify(db, settings):
    case = open_case(db, settings)
    original = PDF_BYTES + b"%original " + str(case.id).encode()
    code, _ = sign_new(db, settings, case, original)
    forged = PDF_BYTES + b"%forged " + str(case.id).encode()
    with db.transaction() as session:
        record = session.scalars(select(Signature).where(Signature.code == code)).one()
        record.sm3 = dossier.sm3_digest(forged)  # someone with the database claims another file was signed
    assert check(db, content=forged).state == "forged"
    assert check(db, content=forged, code=code).state == "changed"


def test_rotation_keeps_old_signatures_verifiable_and_signs_with_the_new_key(db, settings):
    case = open_case(db, settings)
    old_content = PDF_BYTES + b"%before rotation " + str(case.id).encode()
    old_code, old_key = sign_new(db, settings, case, old_content)
    with db.transaction() as session:
        new_key = signing.rotate(session, settings, signing.Signer(case_court(db, case))).id
    new_content = PDF_BYTES + b"%after rotation " + str(case.id).encode()
    new_code, signed_with = sign_new(db, settings, case, new_content)
    assert signed_with == new_key != old_key
    old = check(db, content=old_content, code=old_code)
    assert old.state == "valid" and old.signatures[0].key_retired
    assert check(db, content=new_content).signatures[0].key_retired is False
    with db.reading() as session:
        retired = session.get_one(SigningKey, old_key)
        assert retired.retired_at is not None and retired.generation + 1 == session.get_one(
            SigningKey, new_key).generation


def test_a_judge_signs_with_a_key_of_their_own(db, settings):
    case = open_case(db, settings)
    signer = signing.Signer(case_court(db, case), judge_id=case.judge.id)
    code, key_id = sign_new(db, settings, case, PDF_BYTES + b"%judge " + str(case.id).encode(), signer=signer)
    found = check(db, code=code).signatures[0]
    assert found.signer_kind == "judge" and case.judge.display_name in found.signer_name
    with db.reading() as session:
        assert session.get_one(SigningKey, key_id).holder == f"judge:{case.judge.id}"
    with pytest.raises(InvalidInput, match="本院法官"):
        sign_new(db, settings, case, b"%PDF- party", signer=signing.Signer(case_court(db, case), case.party.id))


def test_the_private_key_is_stored_sealed_and_bound_to_its_row(db, settings):
    case = open_case(db, settings)
    _, key_id = sign_new(db, settings, case, PDF_BYTES + b"%sealed " + str(case.id).encode())
    secret = kek.load(settings.signing_key_file)
    with db.reading() as session:
        key = session.get_one(SigningKey, key_id)
        private = kek.open_sealed(secret, key.sealed_private_key, bound_to=signing._bound_to(key))
        assert private.hex() not in key.sealed_private_key.hex()
        assert sm2.verify(key.public_key, b"m", sm2.sign(sm2.KeyPair(private.hex(), key.public_key), b"m"))
        with pytest.raises(InvalidTag):
            kek.open_sealed(secret, key.sealed_private_key, bound_to=b"another row")
        with pytest.raises(InvalidTag):
            kek.open_sealed(bytes(32), key.sealed_private_key, bound_to=signing._bound_to(key))


def test_a_code_is_checked_for_form_and_existence(db):
    with pytest.raises(InvalidInput) as malformed:
        check(db, code="ABC")
    assert malformed.value.field == "code"
    with pytest.raises(NotFound):
        check(db, code="2222-2222-2222-2222")
    with pytest.raises(InvalidInput):
        check(db)


@pytest.mark.postgres
@pytest.mark.parametrize("backend_db", ["postgres"], indirect=True)
def test_two_first_signatures_at_once_share_one_new_key(db, settings, monkeypatch):
    """Both find no key and both make one: the insert that loses on the unique generation takes the winner's key
    instead of failing its signature."""
    case = open_case(db, settings)
    documents = [stored_document(db, settings, case, PDF_BYTES + f"%first {k} {case.id}".encode()) for k in (1, 2)]
    signer = signing.Signer(case_court(db, case), judge_id=case.judge.id)
    both_made_a_pair, generate = threading.Barrier(2, timeout=20), sm2.generate

    def generate_together():
        both_made_a_pair.wait()
        return generate()

    monkeypatch.setattr(sm2, "generate", generate_together)

    def sign(document_id):
        with db.transaction() as session:
            return signing.sign(session, settings, dossier.find(session, document_id), signer=signer).key_id

    with ThreadPoolExecutor(2) as pool:
        key_ids = list(pool.map(sign, documents))
    assert key_ids[0] == key_ids[1]
    with db.reading() as session:
        assert session.scalars(select(SigningKey.id).where(SigningKey.holder == f"judge:{case.judge.id}")).all() \
            == [key_ids[0]]
