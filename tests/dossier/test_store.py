"""Files reach the store only with the transaction that records them; each is stored once by content with its
SHA-256 and SM3 digests; orphans are swept; the assistant skips a stored file that no longer opens instead of failing
the case. Every behaviour on both stores (local files, an S3-compatible server) and every database backend."""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from omnicourt import clock
from omnicourt.assistant import service as assistant
from omnicourt.dossier import service as dossier
from omnicourt.dossier.models import Document, DossierArchive, DossierBundle
from omnicourt.dossier.service import Checked, Upload
from omnicourt.dossier.storage import STAGING_DIR, LocalStorage, digest_name, storage_of
from omnicourt.settings import Settings
from tests.assistant.samples import COMPLAINT, loan_case
from tests.conftest import actor_named
from tests.dossier import samples
from tests.factories import PDF_BYTES

PDF = Checked("application/pdf", 1)


def names_in(storage) -> list[str]:
    return sorted(f.name for f in storage.files())


def store(session, storage, content: bytes, name="借条.pdf"):
    party = actor_named_cache["party"]
    return dossier.store(session, storage, upload=Upload(name, content), checked=PDF,
                         court_id=party.court_id or 1, uploaded_by=party.id)


actor_named_cache = {}


@pytest.fixture(autouse=True)
def party(db):
    actor_named_cache["party"] = actor_named(db, "demo-party")


def test_a_failed_request_leaves_no_file(db, storage):
    content = samples.python_docx_file()  # once: a zip made a second later differs in its timestamps
    with pytest.raises(RuntimeError), db.transaction() as session:
        document = store(session, storage, content)
        session.flush()
        assert dossier.read(storage, document) == content  # readable inside the transaction
        assert [f.staged for f in storage.files()] == [True]
        raise RuntimeError("the use case fails after storing")
    assert names_in(storage) == []


def test_a_committed_file_is_under_its_hash_and_nothing_else_is_left(db, storage):
    with db.transaction() as session:
        document = store(session, storage, PDF_BYTES)
        assert not storage.exists(document.sha256)  # not before the commit
    assert names_in(storage) == [digest_name(document.sha256)]
    assert dossier.read(storage, document) == PDF_BYTES


def test_a_file_is_stored_once_with_its_sha256_and_sm3_digests(db, storage):
    with db.transaction() as session:
        first = store(session, storage, PDF_BYTES, name="借条.pdf")
        again = store(session, storage, PDF_BYTES, name="借条（副本）.pdf")  # the same bytes in one transaction
    with db.transaction() as session:
        later = store(session, storage, PDF_BYTES, name="借条（再次提交）.pdf")  # and in another one
    assert names_in(storage) == [digest_name(hashlib.sha256(PDF_BYTES).hexdigest())]
    assert {first.sha256, again.sha256, later.sha256} == {hashlib.sha256(PDF_BYTES).hexdigest()}
    assert {first.sm3, again.sm3, later.sm3} == {samples.gmssl_sm3(PDF_BYTES)}


def test_sm3_is_gb_t_32905s_own_examples_and_agrees_with_gmssl():
    # GB/T 32905-2016 appendix A: "abc" and "abcd" repeated 16 times.
    assert dossier.sm3_digest(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert dossier.sm3_digest(b"abcd" * 16) == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
    for content in (b"", samples.python_docx_file(), PDF_BYTES):
        assert dossier.sm3_digest(content) == samples.gmssl_sm3(content)


def test_a_missing_file_is_an_os_error_from_every_store(storage):
    with pytest.raises(OSError):
        storage.read("ab" + "0" * 62)


def test_sweep_orphans_deletes_old_unreferenced_files_only(db, storage):
    with db.transaction() as session:
        kept = store(session, storage, PDF_BYTES)
    orphan, stale = "ab" + "0" * 62, "cd" + "0" * 62
    for digest in (orphan, stale):
        storage.publish(storage.stage(b"left by a crash"), digest)
    abandoned = storage.stage(b"a request killed before its commit")
    with clock.freeze(datetime.now(UTC)), db.reading() as session:  # all of them younger than an hour
        assert dossier.sweep_orphans(session, storage, older_than=timedelta(hours=1)) == []
    with clock.freeze(datetime.now(UTC) + timedelta(hours=2)), db.reading() as session:
        deleted = dossier.sweep_orphans(session, storage, older_than=timedelta(hours=1))
    assert sorted(deleted) == sorted([digest_name(orphan), digest_name(stale), abandoned])
    assert names_in(storage) == [digest_name(kept.sha256)]
    assert abandoned.startswith(STAGING_DIR + "/")



def test_sweep_orphans_keeps_archive_packages_and_one_pdf_dossiers(db, storage):
    """Neither is a document, both are stored files their rows name: an archive package (signed, never rebuilt)
    swept away would be lost for good."""
    package, bundle = "ef" + "1" * 62, "ef" + "2" * 62
    for digest in (package, bundle):
        storage.publish(storage.stage(f"stored {digest}".encode()), digest)
    judge = actor_named(db, "demo-filing-officer")
    now = datetime.now(UTC)
    with db.transaction() as session:
        session.add(DossierArchive(court_id=judge.court_id, case_id=secrets.randbelow(10**9) + 1, sha256=package,
                                   sm3="0" * 64, files=1, signature_id=1, created_at=now))
        session.add(DossierBundle(court_id=judge.court_id, case_id=1, requested_by=judge.id, volumes="main",
                                  state="done", sha256=bundle, created_at=now))
    with clock.freeze(now + timedelta(hours=2)), db.reading() as session:
        deleted = dossier.sweep_orphans(session, storage, older_than=timedelta(hours=1))
    assert digest_name(package) not in deleted and digest_name(bundle) not in deleted
    assert {digest_name(package), digest_name(bundle)} <= set(names_in(storage))

def test_the_assistant_reports_and_skips_a_stored_file_that_does_not_open(db, tmp_path):
    settings = Settings(storage_dir=tmp_path, database_url="sqlite://")
    storage = LocalStorage(tmp_path)
    case = loan_case(db, settings, documents=(("起诉状.txt", COMPLAINT),))
    with db.transaction() as session:  # stored before uploads were opened at the door
        dossier.store(session, storage, upload=Upload("合同.pdf", samples.encrypted_pdf()), checked=PDF,
                      court_id=case.court_id, uploaded_by=case.judge.id, case_id=case.id)
        dossier.store(session, storage, upload=Upload("借款合同.docx", samples.zip_of({"a": "b"})),
                      checked=Checked(samples.DOCX, None), court_id=case.court_id, uploaded_by=case.judge.id,
                      case_id=case.id)
    with db.transaction() as session:
        run = assistant.analyse_case(session, settings, actor=case.judge, case_id=case.id)
    unreadable = {d["name"]: d["error"] for d in run.documents if d["kind"] == "unreadable"}
    assert set(unreadable) == {"合同.pdf", "借款合同.docx"} and "已加密" in unreadable["合同.pdf"]
    assert [d["name"] for d in run.documents if d["kind"] != "unreadable"] == ["起诉状.txt"]
    with db.reading() as session:
        assert len(session.scalars(select(Document).where(Document.case_id == case.id)).all()) == 3


def test_the_store_is_chosen_by_the_settings_and_bad_values_are_refused_plainly(tmp_path):
    from pydantic import ValidationError

    assert isinstance(storage_of(Settings(storage_dir=tmp_path)), LocalStorage)
    refusals = {"OMNICOURT_STORAGE 应为 local 或 s3，而不是「ftp」": {"storage": "ftp"},
                "OMNICOURT_STORAGE=s3 时须设置 OMNICOURT_S3_BUCKET": {"storage": "s3"},
                "OMNICOURT_S3_ENDPOINT_URL 应以 http:// 或 https:// 开头": {"storage": "s3", "s3_bucket": "b",
                                                                        "s3_endpoint_url": "minio:9000"}}
    for message, values in refusals.items():
        with pytest.raises(ValidationError, match=message):
            Settings(**values)


def test_the_platform_stores_and_serves_documents_from_an_s3_store(db, s3_endpoint):
    """The whole path, configured as in production: a party's upload lands in the bucket, and is served from it."""
    from fastapi.testclient import TestClient

    from omnicourt.app import create_app
    from tests.app.conftest import bearer
    from tests.app.test_api_flow import register
    from tests.dossier.conftest import s3_client
    from tests.dossier.test_access import file_with
    from tests.factories import id_number

    bucket = "omnicourt-documents"
    s3 = s3_client(s3_endpoint)
    s3.create_bucket(Bucket=bucket)
    settings = Settings(database_url="sqlite://", storage="s3", s3_endpoint_url=s3_endpoint, s3_bucket=bucket,
                        s3_access_key_id="testing", s3_secret_access_key="testing",
                        login_address_failures_per_window=10**6,  # the run's other tests sign in from here too
                        rate_limits={kind: (10**6, 10**6) for kind in Settings().rate_limits})
    with TestClient(create_app(settings=settings, db=db)) as client:
        id_no = id_number()
        party = register(client, f"s3-party-{id_no[-6:]}", id_no)
        application_id = file_with(client, party, id_no, [("attachments", ("借条.pdf", PDF_BYTES, "application/pdf"))])
        with db.reading() as session:
            [document] = dossier.for_filing(session, application_id)
        digest = hashlib.sha256(PDF_BYTES).hexdigest()
        keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
        assert keys == [digest_name(digest)]
        assert client.get(f"/api/v1/documents/{document.id}/content", headers=party).content == PDF_BYTES
        officer = bearer(client, "demo-filing-officer")
        assert client.get(f"/api/v1/documents/{document.id}/content", headers=officer).content == PDF_BYTES
