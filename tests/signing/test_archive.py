"""The archive package of a closed case, on every backend: written once with a signed manifest, verified again,
and a changed file named whether it changed in the package's store or among the stored documents."""

import io
import json
import zipfile

import pytest
from sqlalchemy import select

from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.casework import archive as archiving
from omnicourt.dossier import archive
from omnicourt.dossier.service import Upload
from omnicourt.dossier.storage import LocalStorage, digest_name, storage_of
from omnicourt.errors import Conflict
from omnicourt.signing import sm2
from tests.commands import run
from tests.factories import PDF_BYTES
from tests.fees.conftest import close, open_case
from tests.signing.test_service import sign_new


def closed_case(db, settings):
    """A closed case whose deciding document is its own (the store keeps each content once: a test tampering with
    it must touch no other case's file)."""
    case = open_case(db, settings)
    close(db, settings, case, "judgment", document=Upload("结案文书.pdf", PDF_BYTES + f"%{case.id}\n".encode()))
    return case


def archive_now(db, settings, case_id):
    with db.transaction() as session:
        made, new = archiving.archive_case(session, settings, case_id=case_id)
        return made.sha256, new


def problems(db, settings, case_id):
    with db.reading() as session:
        return [str(p) for p in archiving.verify_case(session, settings, case_id=case_id)]


def test_a_closed_case_is_archived_once_with_a_signed_manifest(db, settings):
    case = closed_case(db, settings)
    digest, new = archive_now(db, settings, case.id)
    assert new and archive_now(db, settings, case.id) == (digest, False)
    assert problems(db, settings, case.id) == []
    package = storage_of(settings).read(digest)
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        manifest = opened.read(archive.MANIFEST)
        facts = json.loads(opened.read(archive.SIGNATURE_INFO))
        names = opened.namelist()
        files = json.loads(manifest)["files"]
        assert [f["name"] for f in files] == [n for n in names if n.startswith(("main/", "secondary/"))]
        assert all(len(f["sha256"]) == 64 == len(f["sm3"]) for f in files)
        assert sm2.verify(facts["public_key"][2:], manifest, opened.read(archive.SIGNATURE))  # away from the platform
    assert any(name.endswith("结案文书.pdf") for name in names) and archive.CATALOGUE in names
    with db.reading() as session:
        kinds = list(session.scalars(select(TimelineEvent.kind).where(TimelineEvent.case_id == case.id)
                                          .order_by(TimelineEvent.id)))
    assert kinds[-1] == "dossier_archived"


def test_an_open_case_is_not_archived(db, settings):
    case = open_case(db, settings)
    with pytest.raises(Conflict, match="尚未结案"), db.transaction() as session:
        archiving.archive_case(session, settings, case_id=case.id)


def test_a_changed_stored_file_is_named(db, settings):
    case = closed_case(db, settings)
    archive_now(db, settings, case.id)
    storage = storage_of(settings)
    assert isinstance(storage, LocalStorage)
    name = tamper_with_the_judgment(db, case, storage)
    assert any(name in p and "存储中的文件已被改动" in p for p in problems(db, settings, case.id))


def tamper_with_the_judgment(db, case, storage) -> str:
    """Change the stored deciding document of `case` (its content is this case's alone: closed_case)."""
    from omnicourt.dossier import service as dossier

    with db.reading() as session:
        document = next(d for d in dossier.for_case(session, case.id) if d.kind == "judgment")
    path = storage.root / digest_name(document.sha256)
    path.write_bytes(path.read_bytes() + b"%tampered")
    return document.filename


def test_a_changed_package_and_a_later_document_are_named(db, settings):
    case = closed_case(db, settings)
    digest, _ = archive_now(db, settings, case.id)
    sign_new(db, settings, case, b"%PDF-1.4 filed after archiving " + str(case.id).encode())
    assert any("归档后新增的材料" in p for p in problems(db, settings, case.id))
    storage = storage_of(settings)
    path = storage.root / digest_name(digest)
    original = path.read_bytes()
    try:
        path.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
        assert problems(db, settings, case.id) == ["归档包：归档包已被改动（摘要不符）"]
    finally:
        path.write_bytes(original)


def test_the_commands_archive_and_verify(db, settings):
    if not db.is_sqlite:
        pytest.skip("a command's exit codes do not depend on the engine: run once, on SQLite (the services are "
                    "tested on both)")
    case = closed_case(db, settings)
    with db.reading() as session:
        number = session.get_one(Case, case.id).case_number
    env = {"OMNICOURT_DATABASE_URL": db.url, "OMNICOURT_STORAGE_DIR": str(settings.storage_dir)}
    made = run("dossier", "archive", number.replace("（", "(").replace("）", ")"), env=env)
    assert made.returncode == 0, made.stderr
    assert "已归档" in made.stdout
    checked = run("dossier", "verify", number, env=env)
    assert checked.returncode == 0 and "均与归档时一致" in checked.stdout
    name = tamper_with_the_judgment(db, case, storage_of(settings))
    failed = run("dossier", "verify", number, env=env)
    assert failed.returncode == 1 and name in failed.stdout


def test_the_sweep_archives_closed_cases_not_yet_archived(db, settings):
    case = closed_case(db, settings)
    archiving.run(db, settings)
    with db.reading() as session:
        assert archive.find(session, case.id) is not None
        assert case.id not in archiving.closed_not_archived(session, limit=10**6)
