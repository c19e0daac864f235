"""Who may open a document (through its case or its filing application), and a party adding documents to its own
case.

A document of a case opens for whoever may see the case (cases.service.get_case: its parties, its judges, the
court's leaders); a document of a filing application not yet accepted opens for its applicant and the court's filing
officers (filing.service.get_application). The secondary volume (副卷, dossier/rules.py) is the court's alone: a
document in it is listed and opened for the court's staff only. A party's own papers of the main volume (its delivery
certificates, address confirmation and fee receipts, dossier.rules.ADDRESSEE_ONLY_KINDS) open for that party (and
whoever uploaded them) besides the court: listed, searched and bundled for no other party. To anyone else a document
does not exist: a 404, never a hint that the id or digest they guessed is real.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case, CaseLink
from omnicourt.dossier import service as dossier
from omnicourt.dossier import text
from omnicourt.dossier.models import Document
from omnicourt.dossier.rules import ADDRESSEE_ONLY_KINDS, DocumentKind, Volume, addressee_only
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.filing import service as filing
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

# Shown by the browser itself; anything else is only downloaded.
INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png"}


def get_document(session: Session, *, actor: Actor, document_id: int) -> Document:
    document = dossier.find(session, document_id)
    if document is None:
        raise Concealed("材料不存在或无权查看", field="document_id")
    try:
        if document.case_id is not None:
            if not through_appeal(session, actor, document.case_id):
                cases.get_case(session, actor=actor, case_id=document.case_id)
        elif document.filing_application_id is not None:
            filing.get_application(session, actor=actor, application_id=document.filing_application_id)
        else:  # a document belongs to a case or an application; one naming neither is shown to no one
            raise NotFound("材料不存在", field="document_id")
    except (Forbidden, NotFound):  # Concealed is a NotFound: audited like any denial, told like a missing one
        raise Concealed("材料不存在或无权查看", field="document_id") from None
    if not visible_to(session, actor, document):
        raise Concealed("材料不存在或无权查看", field="document_id")
    return document


def through_appeal(session: Session, actor: Actor, case_id: int) -> bool:
    """The appeal court's staff read the first instance's dossier through the appeal's case link, without it being
    uploaded again (在线诉讼规则 art. 35: the electronic file is transferred on appeal)."""
    if not actor.is_staff:
        return False
    linked = session.scalars(select(Case).join(CaseLink, CaseLink.to_case_id == Case.id).where(
        CaseLink.from_case_id == case_id, CaseLink.relation == "appeal"))
    return any(permissions.may_see(actor, case) for case in linked)


def visible_to(session: Session, actor: Actor, document: Document) -> bool:
    """The secondary volume is read inside the court only (立卷归档办法 art. 4); a party's own papers by that
    party, the court and their uploader."""
    if actor.is_staff:
        return True
    if document.volume == Volume.SECONDARY:
        return False
    if not addressee_only(document.kind) or document.uploaded_by == actor.id:
        return True
    return document.addressee_party_id is not None and document.addressee_party_id in set(
        session.scalars(permissions.own_party_ids(actor)))


def hidden_from(session: Session, actor: Actor, case_id: int) -> set[int]:
    """The ids of the case's main-volume documents that are another party's own, which `actor` may not see."""
    if actor.is_staff:
        return set()
    own = Document.addressee_party_id.in_(permissions.own_party_ids(actor))
    return set(session.scalars(select(Document.id).where(
        Document.case_id == case_id, Document.kind.in_([k.value for k in ADDRESSEE_ONLY_KINDS]),
        Document.uploaded_by != actor.id, or_(Document.addressee_party_id.is_(None), ~own))))


def volumes_for(actor: Actor) -> tuple[Volume, ...]:
    return tuple(Volume) if actor.is_staff else (Volume.MAIN,)


def catalogues(session: Session, *, actor: Actor, case_id: int) -> dict[Volume, list[dossier.CatalogueEntry]]:
    """The catalogue of each volume the actor may see, if they may see the case."""
    cases.get_case(session, actor=actor, case_id=case_id)
    hidden = hidden_from(session, actor, case_id)
    return {volume: [e for e in dossier.catalogue(session, case_id, volume) if e.document.id not in hidden]
            for volume in volumes_for(actor)}


def text_statuses(session: Session, catalogues: dict[Volume, list[dossier.CatalogueEntry]]
                  ) -> dict[int, text.TextStatus]:
    """How far each listed document's text has been read (the catalogues come from catalogues(): what the actor
    may see)."""
    return text.statuses(session, [e.document.id for entries in catalogues.values() for e in entries])


def search(session: Session, *, actor: Actor, case_id: int, query: str) -> list[text.Hit]:
    """The documents of the case whose text contains ``query``: both volumes for the court's staff, the main
    volume for anyone else (a party never finds the secondary volume's text)."""
    cases.get_case(session, actor=actor, case_id=case_id)
    hidden = hidden_from(session, actor, case_id)
    return [h for h in text.search(session, case_id, query, volumes=volumes_for(actor)) if h.document_id not in hidden]


def document_text(session: Session, *, actor: Actor, document_id: int) -> tuple[Document, text.TextStatus | None, str]:
    """A document's text as read so far, for whoever may open the document."""
    document = get_document(session, actor=actor, document_id=document_id)
    found = text.for_document(session, document.id)
    return document, text.statuses(session, [document.id]).get(document.id), found


def correct_catalogue(session: Session, *, actor: Actor, case_id: int, document_id: int, kind: DocumentKind,
                      number: int) -> Document:
    """Staff of the case's court who may see the case correct a document's kind (which moves it between volumes)
    and its number in its volume's catalogue. The case row is locked: two corrections renumber one at a time."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not actor.is_staff or actor.court_id != case.court_id:
        raise Forbidden("只有本院办理该案的工作人员可以更正卷宗目录", field="document_id")
    document = dossier.find(session, document_id)
    if document is None or document.case_id != case.id:
        raise NotFound("该案卷宗中没有这份材料", field="document_id")
    before = {"kind": document.kind, "volume": document.volume, "position": document.position}
    dossier.file_in_catalogue(session, document, kind=kind, number=number)
    audit.record(session, actor_id=actor.id, action=AuditAction.DOSSIER_CATALOGUE_CORRECT, object_type="document",
                 object_id=document.id, court_id=case.court_id,
                 details={"case_id": case.id, "filename": document.filename, "before": before,
                          "after": {"kind": document.kind, "volume": document.volume, "number": number}})
    return document


def open_document(session: Session, settings: Settings, *, actor: Actor, document_id: int) -> tuple[Document, bytes]:
    """The document and its bytes, for someone entitled to it."""
    document = get_document(session, actor=actor, document_id=document_id)
    try:
        return document, dossier.read(storage_of(settings), document)
    except OSError:
        raise NotFound(f"材料「{document.filename}」的文件缺失，请联系法院", field="document_id") from None


def add_to_case(session: Session, settings: Settings, *, actor: Actor, case_id: int,
                uploads: list[dossier.Upload]) -> list[Document]:
    """A party of the case adds documents (a contract, a ledger, evidence) to the dossier after filing; every file
    is opened and checked before any is stored, so a bad one stores none."""
    if actor.is_staff:
        raise Forbidden("法院工作人员请在案件办理页添加卷宗材料", field="files")
    case = cases.get_case(session, actor=actor, case_id=case_id)
    if case.stage == "closed":
        raise Conflict("案件已结案，不能再提交材料", field="files")
    if not uploads:
        raise InvalidInput("请选择要提交的材料", field="files")
    dossier.check_file_count(len(uploads))
    checked = [dossier.check_upload(u, max_bytes=settings.max_upload_bytes, field="files") for u in uploads]
    storage = storage_of(settings)
    documents = [dossier.store(session, storage, upload=upload, checked=file, court_id=case.court_id,
                               uploaded_by=actor.id, case_id=case.id)
                 for upload, file in zip(uploads, checked, strict=True)]
    session.flush()
    names = "、".join(f"「{d.filename}」" for d in documents)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.PARTY_DOCUMENTS_ADDED,
                       summary=f"当事人提交材料{names}", details={"document_ids": [d.id for d in documents]},
                       audit_action=AuditAction.DOSSIER_ADD,
                       audit_details={"documents": [{"id": d.id, "filename": d.filename, "sha256": d.sha256}
                                                    for d in documents]})
    return documents


def opened(state, queue_of, *, actor: Actor, document_id: int) -> None:
    """Tell what app.py wired as `document_opened` (delivery: a delivery of it to the actor opens) that a party read
    the document through a route of this domain, after get_document let it; staff openings open nothing."""
    hook = getattr(state, "document_opened", None)
    if hook is not None and not actor.is_staff:
        hook(state.db, queue_of, actor=actor, document_id=document_id)


def disposition(document: Document, *, download: bool) -> str:
    """Inline for what a browser shows (PDF, images), else an attachment; the name survives in UTF-8."""
    disposition_type = "inline" if not download and document.content_type in INLINE_TYPES else "attachment"
    name = Path(document.filename).name
    fallback = "document" + Path(name).suffix.encode("ascii", "ignore").decode()
    return f"{disposition_type}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
