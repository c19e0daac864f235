"""Closing a case, the use case pages and API share: confirmed by the judge, decided by a signed document that
enters the dossier (signed there with the court's SM2 key, signing/), and followed by the fee (halved on mediation
or withdrawal, none on dismissal).

Like filing's acceptance, this use case spans domains (dossier, fees), so it lives here and the hub stays free of
them. Until the judgments capability lands, the deciding document is the signed one the judge uploads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from fastapi import UploadFile
from sqlalchemy.orm import Session

from omnicourt.cases import permissions, rules, service
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Forbidden, InvalidInput
from omnicourt.fees import payments
from omnicourt.queue import Queue, defer_on_commit
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.signing import service as signing

ARCHIVE_JOB = "dossier.archive_case"  # casework/archive.py archive_case, run by jobs.py

if TYPE_CHECKING:
    from omnicourt.cases.models import Case


@dataclass(frozen=True)
class ClosingRequest:
    method: str
    closed_on: date
    confirmed: bool
    document: dossier.Upload | None


def read_document(document: UploadFile | None, max_bytes: int) -> dossier.Upload | None:
    """The uploaded document, read one byte past the limit at most (enough to refuse a larger one)."""
    if document is None or not document.filename:
        return None
    return dossier.Upload(document.filename, document.file.read(max_bytes + 1))


def close(session: Session, settings: Settings, *, actor: Actor, case_id: int, request: ClosingRequest,
          today: date, queue: Queue | None = None) -> Case:
    """Close the case; with a queue its dossier is archived by the job `dossier.archive_case`, deferred when this
    commits (the hourly sweep archives a case whose job was lost)."""
    case = service.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not permissions.may_close(actor, case):
        raise Forbidden("只有承办法官可以结案")
    rules.validate_closing(request.method, request.closed_on, case.accepted_on, today=today)
    rules.allowed_transition(case.stage, "close")  # a closed case says so before asking for a document
    label = rules.CLOSING_DOCUMENTS[request.method]
    if request.document is None or not request.document.filename:
        raise InvalidInput(f"请上传已签发的{label}（PDF）", field="document")
    if not request.confirmed:
        raise InvalidInput("请勾选确认：结案后不能再开庭、变更审限", field="confirmed")
    checked = dossier.check_upload(request.document, max_bytes=settings.max_upload_bytes, field="document")
    if checked.content_type != "application/pdf":
        raise InvalidInput(f"{label}应为签章后的 PDF 文件", field="document")
    document = dossier.store(session, storage_of(settings), upload=request.document, checked=checked,
                             court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                             kind=DocumentKind.JUDGMENT)
    session.flush()
    # The court's key signs the deciding document as it enters the dossier: anyone holding a copy can check it.
    signing.sign(session, settings, document, signer=signing.Signer(case.court_id), actor_id=actor.id)
    service.close_case(session, actor=actor, case_id=case.id, method=request.method, closed_on=request.closed_on,
                       today=today, document_id=document.id, document_name=document.filename)
    kind = reference.cause_by_code(session, case.cause_code).kind
    payments.follow_closing(session, settings, actor=actor, case=case, kind=kind,
                            court_code=reference.court(session, case.court_id).code)
    if queue is not None:
        defer_on_commit(session, queue, ARCHIVE_JOB, case_id=case.id)
    return case


def close_by_document(session: Session, settings: Settings, *, actor: Actor, case: Case, method: str,
                      closed_on: date, document, queue: Queue | None = None) -> Case:
    """Close the case by a court document the platform signed and filed itself (judgments/workflow.py): the same
    closing as `close`, without an upload, the document named on the timeline; the fee follows the method."""
    service.close_case(session, actor=actor, case_id=case.id, method=method, closed_on=closed_on, today=closed_on,
                       document_id=document.id, document_name=document.filename)
    kind = reference.cause_by_code(session, case.cause_code).kind
    payments.follow_closing(session, settings, actor=actor, case=case, kind=kind,
                            court_code=reference.court(session, case.court_id).code)
    if queue is not None:
        defer_on_commit(session, queue, ARCHIVE_JOB, case_id=case.id)
    return case


def close_on_effect(session: Session, settings: Settings, *, case_id: int, method: str, closed_on: date,
                    document_id: int, document_name: str) -> Case:
    """Close a case by a document that took effect without a further act of the judge (a mediation statement
    signed for by the last party, CPL art. 100): the platform closes it on that date, the document already in the
    dossier, and the fee follows as on any closing (halved on mediation). The hourly sweep archives it."""
    case = service.close_on_effect(session, case_id=case_id, method=method, closed_on=closed_on,
                                   document_id=document_id, document_name=document_name)
    kind = reference.cause_by_code(session, case.cause_code).kind
    payments.follow_closing(session, settings, actor=None, case=case, kind=kind,  # type: ignore[arg-type]
                            court_code=reference.court(session, case.court_id).code)
    return case
