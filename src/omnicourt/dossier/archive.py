"""A closed case's archive package (归档): one zip of every document of both volumes, the catalogue, and a manifest
of each file's SHA-256 and SM3 digests, the manifest signed by the court's key. The zip is stored once under its
own SHA-256 (like any file of the store) and its row is never rewritten, so a package cannot change unseen; `verify`
reads it back and names every file that no longer matches, in the package or in the store.

The signature is the signing domain's: the caller passes `sign` (manifest bytes → the signature row's id and what
the package carries to be checked without the platform) and `signature_holds` (manifest bytes, row id → bool).
The package also carries the signature, the signer's public key and the code, so it can be checked away from the
platform (openssl verifies SM2 with SM3 and the default user id).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.dossier import rules, service
from omnicourt.dossier.models import DossierArchive
from omnicourt.dossier.storage import Storage

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"  # DER, SM2 with SM3 over manifest.json as stored
SIGNATURE_INFO = "manifest.sig.json"  # signer, key, public key, verification code
CATALOGUE = "catalogue.json"
FORMAT = "omnicourt-archive/1"

Sign = Callable[[bytes], tuple[int, bytes, dict]]  # manifest → (signature id, DER signature, facts to carry)
SignatureHolds = Callable[[bytes, int], bool]


@dataclass(frozen=True)
class Problem:
    """One thing that no longer matches, naming the file."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}：{self.reason}"


def member_name(volume: rules.Volume, number: int, filename: str) -> str:
    """main/003-借条.pdf: volume, catalogue number, the name as filed (no folders)."""
    return f"{volume.value}/{number:03d}-{PurePosixPath(filename.replace(chr(92), '/')).name}"


def _manifest(case_number: str, court_code: str, created_at: datetime, files: list[dict]) -> bytes:
    return json.dumps({"format": FORMAT, "case_number": case_number, "court": court_code,
                       "archived_at": created_at.isoformat(), "files": files},
                      ensure_ascii=False, indent=1, sort_keys=True).encode()


def _member_time(created_at: datetime) -> tuple[int, int, int, int, int, int]:
    return (created_at.year, created_at.month, created_at.day, created_at.hour, created_at.minute, created_at.second)


def build(session: Session, storage: Storage, *, case_id: int, case_number: str, court_code: str,
          created_at: datetime, sign: Sign) -> tuple[bytes, int, int]:
    """The package's bytes, the signature's id and the number of files."""
    files, members, catalogue = [], [], []
    for volume in rules.Volume:
        for entry in service.catalogue(session, case_id, volume):
            content = service.read(storage, entry.document)
            name = member_name(volume, entry.number, entry.document.filename)
            files.append({"name": name, "document_id": entry.document.id, "size": len(content),
                          "sha256": hashlib.sha256(content).hexdigest(), "sm3": service.sm3_digest(content)})
            members.append((name, content))
            catalogue.append({"volume": rules.VOLUME_LABELS[volume], "number": entry.number,
                              "kind": entry.kind_label, "filename": entry.document.filename,
                              "pages": [entry.pages.first, entry.pages.last]})
    manifest = _manifest(case_number, court_code, created_at, files)
    signature_id, signature, facts = sign(manifest)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        stamp = _member_time(created_at)
        for name, content in [(MANIFEST, manifest), (SIGNATURE, signature),
                              (SIGNATURE_INFO, json.dumps(facts, ensure_ascii=False, indent=1).encode()),
                              (CATALOGUE, json.dumps(catalogue, ensure_ascii=False, indent=1).encode()), *members]:
            package.writestr(zipfile.ZipInfo(name, stamp), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue(), signature_id, len(files)


def find(session: Session, case_id: int) -> DossierArchive | None:
    return session.scalars(select(DossierArchive).where(DossierArchive.case_id == case_id)).first()


def archived_among(session: Session, case_ids: list[int]) -> set[int]:
    if not case_ids:
        return set()
    return set(session.scalars(select(DossierArchive.case_id).where(DossierArchive.case_id.in_(case_ids))))


def write(session: Session, storage: Storage, *, case_id: int, court_id: int, case_number: str, court_code: str,
          created_at: datetime, sign: Sign) -> tuple[DossierArchive, bool]:
    """The case's package, made and stored once: a case already archived keeps its package (False)."""
    existing = find(session, case_id)
    if existing is not None:
        return existing, False
    package, signature_id, count = build(session, storage, case_id=case_id, case_number=case_number,
                                         court_code=court_code, created_at=created_at, sign=sign)
    digest = service.stage_file(session, storage, package)
    archive = DossierArchive(court_id=court_id, case_id=case_id, sha256=digest, sm3=service.sm3_digest(package),
                             files=count, signature_id=signature_id, created_at=created_at)
    session.add(archive)
    session.flush()
    return archive, True


def verify(session: Session, storage: Storage, *, case_id: int, signature_holds: SignatureHolds) -> list[Problem]:
    """Everything that no longer matches: the package itself, its signed manifest, each file in it and each file in
    the store (by name), and documents filed after archiving. Empty when all holds."""
    archive = find(session, case_id)
    if archive is None:
        return [Problem("归档包", "该案尚未归档")]
    try:
        package = storage.read(archive.sha256)
    except OSError:
        return [Problem("归档包", "存储中找不到归档包")]
    if hashlib.sha256(package).hexdigest() != archive.sha256 or service.sm3_digest(package) != archive.sm3:
        return [Problem("归档包", "归档包已被改动（摘要不符）")]
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        manifest = opened.read(MANIFEST)
        problems = [] if signature_holds(manifest, archive.signature_id) else [
            Problem(MANIFEST, "清单的签名无效")]
        files = json.loads(manifest)["files"]
        problems += _members(opened, files)
    problems += _stored(session, storage, case_id, files)
    return problems


def _matches(content: bytes, item: dict) -> bool:
    return hashlib.sha256(content).hexdigest() == item["sha256"] and service.sm3_digest(content) == item["sm3"]


def _members(opened: zipfile.ZipFile, files: list[dict]) -> list[Problem]:
    problems = []
    names = set(opened.namelist())
    for item in files:
        if item["name"] not in names:
            problems.append(Problem(item["name"], "归档包中缺少该文件"))
        elif not _matches(opened.read(item["name"]), item):
            problems.append(Problem(item["name"], "归档包中的文件已被改动"))
    extra = names - {item["name"] for item in files} - {MANIFEST, SIGNATURE, SIGNATURE_INFO, CATALOGUE}
    problems += [Problem(name, "归档包中多出清单未列的文件") for name in sorted(extra)]
    return problems


def _stored(session: Session, storage: Storage, case_id: int, files: list[dict]) -> list[Problem]:
    problems = []
    documents = {d.id: d for d in service.for_case(session, case_id)}
    for item in files:
        document = documents.pop(item["document_id"], None)
        if document is None:
            problems.append(Problem(item["name"], "卷宗中已没有该材料"))
            continue
        try:
            content = storage.read(document.sha256)
        except OSError:
            problems.append(Problem(item["name"], "存储中的文件缺失"))
            continue
        if not _matches(content, item):
            problems.append(Problem(item["name"], "存储中的文件已被改动"))
    problems += [Problem(d.filename, "归档后新增的材料，不在归档包中") for d in documents.values()]
    return problems


def package(session: Session, storage: Storage, case_id: int) -> bytes | None:
    archive = find(session, case_id)
    return None if archive is None else storage.read(archive.sha256)
