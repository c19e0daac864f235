"""A court document after its draft: the judge edits it (a section in the browser, or an edited .docx uploaded), a
new version per save; sign-off (签发) where the rules require it, the approver approving or returning it with a reason
the parties never see; signing, which files the sealed PDF in the dossier's main volume with the court's SM2
signature and, for a judgment or a final ruling, closes the case; delivery of the signed document.

A signed document never changes: a correction is a new document (补正裁定). A draft never enters the dossier, so a
party never sees one: drafts live only here, where every route is the court's (service._case_for_staff).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import TimelineEvent
from omnicourt.casework import closing
from omnicourt.db import utcnow
from omnicourt.delivery import rules as delivery_rules
from omnicourt.delivery import service as delivery
from omnicourt.delivery.models import Delivery
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind as DossierKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.judgments import read_docx, render_pdf, rules, service
from omnicourt.judgments.models import JudgmentDocument, JudgmentSignoff, JudgmentVersion
from omnicourt.judgments.rules import Status
from omnicourt.judgments.sections import MAX_PARAGRAPH, MAX_PARAGRAPHS, TITLES, Section, from_data, gaps_in, to_data
from omnicourt.notifications import service as notifications
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import COURT_LEADERS, Actor
from omnicourt.settings import Settings
from omnicourt.signing import service as signing
from omnicourt.textcheck import form_text

if TYPE_CHECKING:
    from omnicourt.cases.models import Case

REQUIRED_SECTIONS = frozenset({"title", "operative", "signature"})
MAX_REASON = 1000
SIGNED_CHANGE = "已签署的文书不能修改；如需更正，请另行制作补正裁定（新的文书）"
DELIVERY_CLASS = {rules.DocumentKind.JUDGMENT: delivery_rules.DocumentClass.JUDGMENT,
                  rules.DocumentKind.RULING: delivery_rules.DocumentClass.RULING,
                  rules.DocumentKind.MEDIATION_STATEMENT: delivery_rules.DocumentClass.MEDIATION_STATEMENT,
                  rules.DocumentKind.DECISION: delivery_rules.DocumentClass.OTHER}
ADDRESSEES = ("plaintiff", "defendant", "third_party")


def _locked(session: Session, actor: Actor, case_id: int, document_id: int) -> tuple[Case, JudgmentDocument]:
    """The case (its row locked: one change of its documents at a time) and the document."""
    case = service._case_for_staff(session, actor, case_id, for_update=True)
    document = session.get(JudgmentDocument, document_id)
    if document is None or document.case_id != case.id:
        raise NotFound(service.NOT_FOUND, field="document_id")
    return case, document


def _conductor(actor: Actor, case: Case, what: str) -> None:
    if not permissions.may_conduct(actor, case):
        raise Forbidden(f"只有承办法官或本庭法官助理、书记员可以{what}")


def latest_sections(session: Session, document: JudgmentDocument) -> list[Section]:
    version = session.scalars(select(JudgmentVersion).where(JudgmentVersion.document_id == document.id,
                                                            JudgmentVersion.number == document.version)).one()
    return from_data(version.sections)


def versions_of(session: Session, document: JudgmentDocument) -> list[JudgmentVersion]:
    return list(session.scalars(select(JudgmentVersion).where(JudgmentVersion.document_id == document.id)
                                .order_by(JudgmentVersion.number.desc())))


def _editable(document: JudgmentDocument) -> None:
    if document.status == Status.SIGNED:
        raise Conflict(SIGNED_CHANGE, field="document_id")
    if document.status == Status.PENDING:
        raise Conflict("文书正在等待签发，不能修改；签发人退回后可以修改", field="document_id")


def _new_version(session: Session, *, actor: Actor, case: Case, document: JudgmentDocument,
                 sections: list[Section], source: str, docx: bytes | None = None, what: str) -> JudgmentVersion:
    """Save the sections as the next version; a signed-off document changed goes back to draft (to be signed off
    again)."""
    now = utcnow()
    document.version += 1
    document.updated_at = now
    if document.status == Status.APPROVED:
        document.status, document.approved_by, document.approved_at = Status.DRAFT.value, None, None
    version = JudgmentVersion(document_id=document.id, case_id=case.id, court_id=case.court_id,
                              number=document.version, sections=to_data(sections), saved_by=actor.id, saved_at=now,
                              source=source, docx=docx)
    session.add(version)
    session.flush()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.JUDGMENT_EDITED,
                       summary=f"修改{document.title}（第{document.version}稿，{what}）",
                       details={"document_id": document.id, "version": document.version},
                       audit_action=AuditAction.JUDGMENT_EDIT, object_type="judgment_document",
                       object_id=document.id, audit_details={"version": document.version, "source": source})
    return version


def paragraphs_of(text: str, *, key: str) -> tuple[str, ...]:
    """A section's text as the judge typed it: one paragraph a line, blank lines dropped, each within limits."""
    label = TITLES.get(key, key)
    checked = form_text(text, field=f"section_{key}", label=label, max_length=MAX_PARAGRAPH * 4, multiline=True)
    paragraphs = tuple(line.strip() for line in checked.splitlines() if line.strip())
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise InvalidInput(f"「{label}」不能超过{MAX_PARAGRAPHS}段", field=f"section_{key}")
    for paragraph in paragraphs:
        if len(paragraph) > MAX_PARAGRAPH:
            raise InvalidInput(f"「{label}」每段不能超过{MAX_PARAGRAPH}个字符", field=f"section_{key}")
    if not paragraphs and key in REQUIRED_SECTIONS:
        raise InvalidInput(f"「{label}」不能为空", field=f"section_{key}")
    return paragraphs


def edit_section(session: Session, *, actor: Actor, case_id: int, document_id: int, key: str,
                 text: str) -> JudgmentDocument:
    """Replace one section's paragraphs (a line each); an unchanged section saves nothing. A section left empty is
    dropped, except the title, the operative part and the 落款."""
    case, document = _locked(session, actor, case_id, document_id)
    _conductor(actor, case, "修改裁判文书")
    _editable(document)
    sections = latest_sections(session, document)
    found = next((s for s in sections if s.key == key), None)
    if found is None:
        raise NotFound("文书中没有这一部分", field="key")
    paragraphs = paragraphs_of(text, key=key)
    if paragraphs == found.paragraphs:
        return document
    changed = [Section(s.key, s.title, paragraphs) if s.key == key else s for s in sections]
    _new_version(session, actor=actor, case=case, document=document,
                 sections=[s for s in changed if s.paragraphs], source="edit", what=f"修改「{found.title}」")
    return document


def upload_docx(session: Session, settings: Settings, *, actor: Actor, case_id: int, document_id: int,
                upload: dossier.Upload) -> JudgmentVersion:
    """An edited .docx as the next version: its text read back per section where the platform's section marks
    survive in it (read_docx), else the file kept as the version's, the sections as they were."""
    case, document = _locked(session, actor, case_id, document_id)
    _conductor(actor, case, "上传修改后的文书")
    _editable(document)
    dossier.check_upload(upload, max_bytes=settings.max_upload_bytes, field="file", accepted=(".docx",))
    sections = read_docx.sections_of(upload.content)
    if sections is None:
        return _new_version(session, actor=actor, case=case, document=document,
                            sections=latest_sections(session, document), source="docx", docx=upload.content,
                            what="上传修改稿，未能按部分读取，保留原文件")
    return _new_version(session, actor=actor, case=case, document=document, sections=sections, source="docx",
                        what="上传修改稿，已按部分读取")


def version_file(session: Session, *, actor: Actor, case_id: int, document_id: int, number: int) -> bytes:
    """The .docx kept with a version that could not be read per section."""
    view = service.document(session, actor=actor, case_id=case_id, document_id=document_id)
    version = session.scalars(select(JudgmentVersion).where(JudgmentVersion.document_id == view.document.id,
                                                            JudgmentVersion.number == number)).first()
    if version is None or version.docx is None:
        raise NotFound("该稿没有保留的文件", field="number")
    return version.docx


# ---------------------------------------------------------------- sign-off (签发)


def required_signoff(session: Session, case: Case, document: JudgmentDocument) -> str | None:
    """The role that must sign the document off, by the court's rule and whether the judicial committee decided
    the case."""
    # the committee's decision is on the case's timeline (deliberation records it; judgments may not import it)
    committee = session.scalar(select(TimelineEvent.id).where(
        TimelineEvent.case_id == case.id, TimelineEvent.kind == EventKind.COMMITTEE_DECIDED).limit(1)) is not None
    policy = rules.signoff_policy(reference.court(session, case.court_id).code)
    return rules.signoff_role(rules.DocumentKind(document.kind), committee_decided=committee, policy=policy)


def _no_gaps(session: Session, document: JudgmentDocument, what: str) -> None:
    gaps = gaps_in(latest_sections(session, document))
    if gaps:
        raise Conflict(f"文书尚有{len(gaps)}处待补充（{gaps[0]}），补充后才能{what}", field="document_id")


def submit_for_signoff(session: Session, *, actor: Actor, case_id: int, document_id: int) -> JudgmentSignoff:
    case, document = _locked(session, actor, case_id, document_id)
    _conductor(actor, case, "提交签发")
    _editable(document)
    if document.status == Status.APPROVED:
        raise Conflict("文书已经签发", field="document_id")
    role = required_signoff(session, case, document)
    if role is None:
        raise Conflict("本文书由审理法官直接签署，无需院庭长签发", field="document_id")
    _no_gaps(session, document, "提交签发")
    now = utcnow()
    request = JudgmentSignoff(document_id=document.id, case_id=case.id, court_id=case.court_id,
                              version=document.version, role=role, requested_by=actor.id, requested_at=now)
    session.add(request)
    document.status, document.signoff_role, document.updated_at = Status.PENDING.value, role, now
    session.flush()
    link = f"/bench/cases/{case.id}/judgment-documents/{document.id}"
    notifications.notify(session, recipient_ids=_approvers(session, case, role), kind="judgment_signoff",
                         message=f"{case.case_number} {document.title}待您签发", court_id=case.court_id,
                         case_id=case.id, link=link)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.JUDGMENT_SIGNOFF_REQUESTED,
                       summary=f"{document.title}第{document.version}稿提交{rules.SIGNOFF_ROLES[role]}签发",
                       details={"document_id": document.id, "signoff_id": request.id},
                       audit_action=AuditAction.JUDGMENT_SIGNOFF_REQUEST, object_type="judgment_document",
                       object_id=document.id, audit_details={"version": document.version, "role": role})
    return request


def _approvers(session: Session, case: Case, role: str) -> list[int]:
    """Who is told a document waits: the division's chief, or the court's president."""
    if role == "division_chief":
        chief = security.chief_of(session, division_id=case.division_id)
        return [chief.id] if chief is not None else []
    return [a.id for a in security.leaders_of(session, court_id=case.court_id) if a.role == "president"]


def may_sign_off(actor: Actor, case: Case, role: str | None) -> bool:
    """The division chief of the case's division signs off what its chief must (a court leader may too); the
    president's sign-off is a court leader's (院长, 副院长)."""
    if role is None or actor.court_id != case.court_id:
        return False
    if actor.role in COURT_LEADERS:
        return True
    return role == "division_chief" and actor.role == "division_chief" and actor.division_id == case.division_id


def decide_signoff(session: Session, *, actor: Actor, case_id: int, document_id: int, approve: bool,
                   reason: str = "") -> JudgmentSignoff:
    """Approve (签发) or return the document with a reason, which stays inside the court."""
    case, document = _locked(session, actor, case_id, document_id)
    if not may_sign_off(actor, case, document.signoff_role):
        raise Forbidden("只有本案的签发人（庭长或院长）可以签发或退回文书")
    if document.status != Status.PENDING:
        raise Conflict("文书不在待签发状态", field="document_id")
    request = session.scalars(select(JudgmentSignoff).where(JudgmentSignoff.document_id == document.id,
                                                            JudgmentSignoff.outcome.is_(None))
                              .order_by(JudgmentSignoff.id.desc())).first()
    if request is None:  # pending without a request: not written by this module
        raise Conflict("没有待处理的签发请求", field="document_id")
    text = form_text(reason, field="reason", label="退回理由", max_length=MAX_REASON, multiline=True)
    if not approve and not text:
        raise InvalidInput("退回文书请写明理由", field="reason")
    now = utcnow()
    request.outcome, request.reason = ("approved" if approve else "returned"), (text or None)
    request.decided_by, request.decided_at = actor.id, now
    if approve:
        document.status, document.approved_by, document.approved_at = Status.APPROVED.value, actor.id, now
    else:
        document.status = Status.DRAFT.value
    document.updated_at = now
    summary = f"{document.title}第{request.version}稿" + ("已签发" if approve else f"被退回：{text}")
    notifications.notify(session, recipient_ids=[request.requested_by], kind="judgment_signoff",
                         message=f"{case.case_number} {summary}", court_id=case.court_id, case_id=case.id,
                         link=f"/bench/cases/{case.id}/judgment-documents/{document.id}")
    cases.record_event(session, case=case, actor=actor, kind=EventKind.JUDGMENT_SIGNOFF_DECIDED, summary=summary[:500],
                       details={"document_id": document.id, "signoff_id": request.id, "outcome": request.outcome},
                       audit_action=AuditAction.JUDGMENT_SIGNOFF_DECIDE, object_type="judgment_document",
                       object_id=document.id, audit_details={"outcome": request.outcome, "reason": text})
    return request


def signoffs_of(session: Session, document: JudgmentDocument) -> list[JudgmentSignoff]:
    return list(session.scalars(select(JudgmentSignoff).where(JudgmentSignoff.document_id == document.id)
                                .order_by(JudgmentSignoff.id.desc())))


def waiting_for(session: Session, *, actor: Actor, limit: int = 200) -> list[tuple[JudgmentDocument, Case]]:
    """The documents waiting for this actor's sign-off."""
    if not actor.is_staff or actor.role not in (COURT_LEADERS | {"division_chief"}):
        return []
    from omnicourt.cases.models import Case as CaseRow

    query = (select(JudgmentDocument, CaseRow).join(CaseRow, CaseRow.id == JudgmentDocument.case_id)
             .where(JudgmentDocument.status == Status.PENDING.value, JudgmentDocument.court_id == actor.court_id)
             .order_by(JudgmentDocument.updated_at).limit(limit))
    return [(d, c) for d, c in session.execute(query) if may_sign_off(actor, c, d.signoff_role)]


# ---------------------------------------------------------------- signing (签署)


def sign(session: Session, settings: Settings, *, actor: Actor, case_id: int, document_id: int, today: date,
         queue=None) -> JudgmentDocument:
    """Sign the document: its PDF, sealed, filed in the main volume and signed with the court's SM2 key (checked on
    the public verification page and by `omnicourt dossier verify-signature`). A judgment or a final ruling then
    closes the case with its closing method on the day of signing, unless the case is closed already."""
    case, document = _locked(session, actor, case_id, document_id)
    if not (actor.role == "judge" and case.judge_id == actor.id):
        raise Forbidden("只有承办法官可以签署裁判文书")
    if document.status == Status.SIGNED:
        raise Conflict("文书已经签署", field="document_id")
    if document.status == Status.PENDING:
        raise Conflict("文书正在等待签发，签发后才能签署", field="document_id")
    role = required_signoff(session, case, document)
    if role is not None and document.status != Status.APPROVED:
        raise Conflict(f"本文书须经{rules.SIGNOFF_ROLES[role]}签发后才能签署，请先提交签发", field="document_id")
    _no_gaps(session, document, "签署")
    court = reference.court(session, case.court_id)
    pdf = render_pdf.render(latest_sections(session, document), seal_name=court.name)
    upload = dossier.Upload(f"{case.case_number}{document.title}.pdf", pdf)
    stored = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                           court_id=case.court_id, uploaded_by=actor.id, case_id=case.id, kind=DossierKind.JUDGMENT)
    session.flush()
    signature = signing.sign(session, settings, stored, signer=signing.Signer(case.court_id), actor_id=actor.id)
    now = utcnow()
    document.status, document.signed_by, document.signed_at = Status.SIGNED.value, actor.id, now
    document.dossier_document_id, document.signature_id, document.updated_at = stored.id, signature.id, now
    cases.record_event(session, case=case, actor=actor, kind=EventKind.JUDGMENT_SIGNED,
                       summary=f"{document.title}已签署，存入正卷（校验码 {signing.display_code(signature.code)}）",
                       details={"document_id": document.id, "dossier_document_id": stored.id,
                                "title": document.title},
                       audit_action=AuditAction.JUDGMENT_SIGN, object_type="judgment_document",
                       object_id=document.id, audit_details={"version": document.version,
                                                             "dossier_document_id": stored.id, "sm3": stored.sm3,
                                                             "signature_id": signature.id})
    ruling_kind = rules.RulingKind(document.ruling_kind) if document.ruling_kind else None
    method = rules.closing_method(rules.DocumentKind(document.kind), ruling_kind)
    if method is not None and case.closed_on is None:
        closing.close_by_document(session, settings, actor=actor, case=case, method=method, closed_on=today,
                                  document=stored, queue=queue)
    return document


# ---------------------------------------------------------------- delivery (送达)


@dataclass(frozen=True)
class DeliveryOutcome:
    delivered: list[Delivery]
    on_paper: list[str]       # parties without consent to electronic delivery: the clerk serves them on paper
    before: list[str]         # parties the document was delivered to before


def deliver(session: Session, settings: Settings, *, actor: Actor, case_id: int,
            document_id: int) -> DeliveryOutcome:
    """Deliver the signed document to every party (not their agents) that consented to electronic delivery; a
    judgment, ruling or mediation statement goes to no one else electronically (CPL art. 90): those parties are
    named for service on paper."""
    case, document = _locked(session, actor, case_id, document_id)
    _conductor(actor, case, "送达裁判文书")
    if document.status != Status.SIGNED or document.dossier_document_id is None:
        raise Conflict("文书签署后才能送达", field="document_id")
    done = set(session.scalars(select(Delivery.case_party_id).where(
        Delivery.document_id == document.dossier_document_id)))
    chosen: list = []
    on_paper: list = []
    before: list[str] = []
    for party in (p for p in case.parties if p.role in ADDRESSEES):
        if party.id in done:
            before.append(party.name)
            continue
        address = delivery.current_address(session, party.id)
        (chosen if address is not None and address.consented else on_paper).append(party)
    delivered = []
    if chosen:
        delivered = delivery.deliver(session, settings, actor=actor, case_id=case.id,
                                     document_id=document.dossier_document_id, party_ids=[p.id for p in chosen],
                                     document_class=DELIVERY_CLASS[rules.DocumentKind(document.kind)])
    return DeliveryOutcome(delivered, [p.name for p in on_paper], before)


@dataclass(frozen=True)
class PartyDelivery:
    name: str
    state: str            # delivered / waiting (sent, not yet in effect) / paper (no consent) / ready
    delivered_on: date | None


def delivery_status(session: Session, case: Case, document: JudgmentDocument) -> list[PartyDelivery]:
    """Where the signed document stands with each party: delivered (the legal date), sent and waiting, to be served
    on paper (no consent to electronic delivery), or ready to deliver."""
    if document.dossier_document_id is None:
        return []
    sent = {d.case_party_id: d for d in session.scalars(select(Delivery).where(
        Delivery.document_id == document.dossier_document_id))}
    found = []
    for party in (p for p in case.parties if p.role in ADDRESSEES):
        if party.id in sent:
            on = sent[party.id].effective_on
            found.append(PartyDelivery(party.name, "delivered" if on else "waiting", on))
            continue
        address = delivery.current_address(session, party.id)
        found.append(PartyDelivery(party.name, "ready" if address is not None and address.consented else "paper",
                                   None))
    return found
