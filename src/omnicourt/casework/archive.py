"""Archiving a closed case's dossier (归档): the package of dossier/archive.py, its manifest signed by the court's
key, the event on the case; and checking it again. Run by `omnicourt dossier archive | verify` and, for every closed
case not yet archived, by the hourly sweep (jobs.py): a case archived once is not archived again."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import rules as case_rules
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case
from omnicourt.db import Database
from omnicourt.dossier import archive
from omnicourt.dossier import service as dossier
from omnicourt.dossier.models import DossierArchive
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Conflict, NotFound
from omnicourt.reference import service as reference
from omnicourt.settings import Settings
from omnicourt.signing import service as signing

BATCH = 50


def case_id_by_number(session: Session, text: str) -> int:
    """A case by its number in any accepted form (half-width brackets, spaces), for the platform's own commands."""
    number = case_rules.parse_case_number(text, court_codes={c.code for c in reference.list_courts(session)},
                                          type_codes=reference.case_type_codes(session))
    case_id = session.scalar(select(Case.id).where(Case.case_number == str(number)))
    if case_id is None:
        raise NotFound(f"案号{number}不存在", field="case_number")
    return case_id


def archive_case(session: Session, settings: Settings, *, case_id: int) -> tuple[DossierArchive, bool]:
    """The closed case's package, made once (True) or as it was made before (False)."""
    case = cases.case_for_platform(session, case_id, for_update=True)  # two archivers of one case: one at a time
    if case.closed_on is None:
        raise Conflict(f"案件{case.case_number}尚未结案，不能归档", field="case_number")
    # what still waits to enter the dossier (an asynchronous trial's answers whose window passed before the closing
    # with no use case after it): in the package, not left out
    dossier.attach_awaiting(session, case.id)
    signer = signing.Signer(case.court_id)

    def sign(manifest: bytes) -> tuple[int, bytes, dict]:
        signature = signing.sign_bytes(session, settings, manifest, signer=signer, subject="archive_manifest",
                                       case_id=case.id)
        return signature.id, signature.signature, signing.carried(session, signature)

    made, new = archive.write(session, storage_of(settings), case_id=case.id, court_id=case.court_id,
                              case_number=case.case_number, court_code=reference.court(session, case.court_id).code,
                              created_at=clock.utcnow(), sign=sign)
    if new:
        cases.record_event(session, case=case, actor=None, kind=EventKind.DOSSIER_ARCHIVED,
                           summary=f"卷宗归档（{made.files} 份材料）",
                           details={"archive_id": made.id, "files": made.files},
                           audit_action=AuditAction.DOSSIER_ARCHIVE,
                           audit_details={"archive_id": made.id, "sha256": made.sha256, "sm3": made.sm3})
    return made, new


def verify_case(session: Session, settings: Settings, *, case_id: int) -> list[archive.Problem]:
    return archive.verify(session, storage_of(settings), case_id=case_id,
                          signature_holds=lambda content, signature_id: signing.holds(session, content, signature_id))


def closed_not_archived(session: Session, *, limit: int = BATCH) -> list[int]:
    done = select(DossierArchive.case_id)
    return list(session.scalars(select(Case.id).where(Case.closed_on.is_not(None), Case.id.not_in(done))
                                .order_by(Case.id).limit(limit)))


def run(db: Database, settings: Settings, *, today: date | None = None, progress=lambda done: None) -> int:
    """The sweep's step: every closed case not yet archived, each in its own transaction (a failure leaves the
    others archived and is tried again next hour). Returns how many were archived."""
    archived, failed = 0, set[int]()
    while True:
        with db.reading() as session:
            waiting = [i for i in closed_not_archived(session, limit=BATCH + len(failed)) if i not in failed]
        if not waiting:
            return archived
        for case_id in waiting:
            try:
                with db.transaction() as session:
                    archived += archive_case(session, settings, case_id=case_id)[1]
            except OSError:  # a file missing from the store: the case waits for someone to look
                failed.add(case_id)
            progress(archived)
