"""Files reach the store only with the transaction that records them; orphans are swept; the assistant skips a stored
file that no longer opens instead of failing the case (every backend)."""

import os
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from omnicourt.assistant import service as assistant
from omnicourt.dossier import service as dossier
from omnicourt.dossier.models import Document
from omnicourt.dossier.service import Upload
from omnicourt.settings import Settings
from tests.assistant.samples import COMPLAINT, loan_case
from tests.conftest import actor_named
from tests.dossier import samples
from tests.factories import PDF_BYTES


def files_under(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def store(session, storage_dir, content: bytes, name="借条.pdf"):
    party = actor_named_cache["party"]
    return dossier.store(session, storage_dir, upload=Upload(name, content), content_type="application/pdf",
                         court_id=party.court_id or 1, uploaded_by=party.id)


actor_named_cache = {}


@pytest.fixture(autouse=True)
def party(db):
    actor_named_cache["party"] = actor_named(db, "demo-party")


def test_a_failed_request_leaves_no_file(db, tmp_path):
    with pytest.raises(RuntimeError), db.transaction() as session:
        document = store(session, tmp_path, samples.python_docx_file())
        session.flush()
        assert dossier.read(tmp_path, document) == samples.python_docx_file()  # readable inside the transaction
        raise RuntimeError("the use case fails after storing")
    assert files_under(tmp_path) == []


def test_a_committed_file_is_under_its_hash_and_nothing_else_is_left(db, tmp_path):
    with db.transaction() as session:
        document = store(session, tmp_path, PDF_BYTES)
        assert not (tmp_path / document.sha256[:2] / document.sha256).exists()  # not before the commit
    assert files_under(tmp_path) == [f"{document.sha256[:2]}/{document.sha256}"]
    assert dossier.read(tmp_path, document) == PDF_BYTES


def test_sweep_orphans_deletes_old_unreferenced_files_only(db, tmp_path):
    with db.transaction() as session:
        kept = store(session, tmp_path, PDF_BYTES)
    orphan = tmp_path / "ab" / ("ab" + "0" * 62)
    young = tmp_path / "cd" / ("cd" + "0" * 62)
    stale_staging = tmp_path / dossier.STAGING_DIR / "dead.part"
    for path in (orphan, young, stale_staging):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"left by a crash")
    hour_ago = time.time() - 3600 - 60
    for path in (orphan, stale_staging, tmp_path / kept.sha256[:2] / kept.sha256):
        os.utime(path, (hour_ago, hour_ago))
    with db.reading() as session:
        deleted = dossier.sweep_orphans(session, tmp_path, older_than=timedelta(hours=1))
    assert sorted(deleted) == sorted([orphan, stale_staging])
    assert files_under(tmp_path) == sorted([f"{kept.sha256[:2]}/{kept.sha256}", f"cd/{young.name}"])


def test_the_assistant_reports_and_skips_a_stored_file_that_does_not_open(db, tmp_path):
    settings = Settings(storage_dir=tmp_path, database_url="sqlite://")
    case = loan_case(db, settings, documents=(("起诉状.txt", COMPLAINT),))
    with db.transaction() as session:  # stored before uploads were opened at the door
        dossier.store(session, tmp_path, upload=Upload("合同.pdf", samples.encrypted_pdf()),
                      content_type="application/pdf", court_id=case.court_id, uploaded_by=case.judge.id,
                      case_id=case.id)
        dossier.store(session, tmp_path, upload=Upload("借款合同.docx", samples.zip_of({"a": "b"})),
                      content_type=samples.DOCX, court_id=case.court_id, uploaded_by=case.judge.id, case_id=case.id)
    with db.transaction() as session:
        run = assistant.analyse_case(session, settings, actor=case.judge, case_id=case.id)
    unreadable = {d["name"]: d["error"] for d in run.documents if d["kind"] == "unreadable"}
    assert set(unreadable) == {"合同.pdf", "借款合同.docx"} and "已加密" in unreadable["合同.pdf"]
    assert [d["name"] for d in run.documents if d["kind"] != "unreadable"] == ["起诉状.txt"]
    with db.reading() as session:
        assert len(session.scalars(select(Document).where(Document.case_id == case.id)).all()) == 3
