"""Use cases of a case's court documents: generate a draft from the case's record, read its sections, render it as
.docx or PDF. Each takes the caller's session (one transaction per use case) and writes its timeline event and audit
record with the change.

Who: the case's conductors (the assigned judge, an assistant or clerk of the division: cases.permissions.may_conduct)
generate; staff who may see the case read and download. A party never sees a draft: every document here is "not
found" to a public account (404), as a case not theirs is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.db import utcnow
from omnicourt.deadlines import service as deadlines
from omnicourt.errors import Concealed, Forbidden, InvalidInput, NotFound
from omnicourt.fees import rules as fee_rules
from omnicourt.fees import service as fees
from omnicourt.judgments import render_docx, render_pdf, rules, templates
from omnicourt.judgments.models import JudgmentDocument, JudgmentVersion
from omnicourt.judgments.sections import Section, from_data, gaps_in, to_data
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor

if TYPE_CHECKING:
    from omnicourt.cases.models import Case

NOT_FOUND = "文书不存在或无权查看"
DRAFT = "draft"
FORMATS = {"docx": (render_docx.render, render_docx.CONTENT_TYPE), "pdf": (render_pdf.render, render_pdf.CONTENT_TYPE)}
MAX_AWARDS = 50


@dataclass(frozen=True)
class DocumentView:
    document: JudgmentDocument
    sections: list[Section]
    case_number: str


def _case_for_staff(session: Session, actor: Actor, case_id: int, *, for_update: bool = False) -> Case:
    """The case for a staff member who may see it; a public account gets 404 whatever the case (no draft is a
    party's to see)."""
    if not actor.is_staff:
        raise Concealed(NOT_FOUND, field="case_id")
    return cases.get_case(session, actor=actor, case_id=case_id, for_update=for_update)


def case_facts(session: Session, *, case: Case, document_date: date) -> templates.CaseFacts:
    """What the case's record holds for a document: the court and its parent (the appeal court), parties, claims,
    the procedure and its conversions, the hearings with who attended, the judge, the fee the fee rules assess."""
    court = reference.court(session, case.court_id)
    parent = reference.court(session, court.parent_id).name if court.parent_id else None
    judge = security.display_names(session, [case.judge_id]).get(case.judge_id) if case.judge_id else None
    return templates.CaseFacts(
        court_name=court.name, court_code=court.code, appeal_court=parent, case_number=case.case_number,
        cause_name=case.cause_name, family=rules.family_of(case.type_code), procedure=case.procedure,
        accepted_on=case.accepted_on,
        parties=tuple(templates.PartyFact(p.role, p.party_type, p.name, p.id_number, p.legal_representative,
                                          p.address) for p in case.parties),
        claims=tuple(templates.ClaimFact(c.description, c.amount) for c in case.claims),
        facts_and_reasons=case.facts_and_reasons or "", judges=(judge,) if judge else (),
        document_date=document_date, fee=_fee(case, court.code),
        hearings=tuple(_hearing(h) for h in cases.hearings(session, case=case)),
        conversions=_conversions(session, case),
    )


def _conversions(session: Session, case: Case) -> tuple[templates.Conversion, ...]:
    """The procedure's conversions ruled, each with the procedure it left (deadlines keeps them)."""
    found = []
    for adjustment in deadlines.adjustments_of(session, case.id):
        ruled_on = adjustment.decided_on or adjustment.starts_on
        if adjustment.kind == "conversion" and adjustment.status == "approved" and ruled_on:
            found.append(templates.Conversion(ruled_on, adjustment.procedure_from or "", adjustment.procedure_to or ""))
    return tuple(found)


def _hearing(record: cases.HearingRecord) -> templates.HearingFact:
    attendance = record.attendance
    if attendance is None:
        return templates.HearingFact(record.held_on)
    return templates.HearingFact(record.held_on, True, attendance.present, attendance.absent, attendance.online,
                                 attendance.summoned_by_notice)


def _fee(case: Case, court_code: str) -> templates.FeeFacts | None:
    """The acceptance fee on the claims' total (诉讼费用交纳办法 arts 13, 16; 民诉法解释 art. 201: several claims added
    together), rounded as the court rounds; None for a case without an amount (its fee is the judge's to state)."""
    amount = sum((c.amount for c in case.claims if c.amount is not None), Decimal(0)) or case.amount_in_dispute
    if not amount or rules.family_of(case.type_code) != "civil":
        return None
    rounding = fees.rounding(court_code)
    assessed = fee_rules.acceptance_fee(amount, fees.property_scale(), procedure=case.procedure, rounding=rounding)
    withdrawn = fee_rules.acceptance_fee(amount, fees.property_scale(), procedure=case.procedure, rounding=rounding,
                                         halving_reasons=("withdrawal",))
    return templates.FeeFacts(assessed.full_fee, assessed.charged_fee, assessed.halved, withdrawn.charged_fee,
                              fee_rules.ROUNDINGS[rounding])


@dataclass(frozen=True)
class GenerateIn:
    """What the page or the API sends: the kind by name (refused in Chinese when unknown), the awards by claim
    number (1-based), a transfer's court by id."""

    kind: str
    ruling_kind: str | None = None
    awards: dict[int, Decimal] | None = None
    preserved_amount: Decimal | None = None
    transfer_to_court_id: int | None = None
    corrects_document_id: int | None = None


def _corrected(session: Session, case: Case, document_id: int | None) -> str:
    """What a correction ruling (补正裁定) corrects: a signed document of the same case, named by number and title."""
    found = session.get(JudgmentDocument, document_id) if document_id is not None else None
    if found is None or found.case_id != case.id or found.status != "signed":
        raise InvalidInput("请选择本案需要补正的已签署文书", field="corrects_document_id")
    return f"{case.case_number}{found.title}"


def _request(session: Session, data: GenerateIn, case: Case) -> templates.DraftRequest:
    kind = rules.kind_of(data.kind)
    ruling_kind = rules.ruling_kind_of(data.ruling_kind) if kind == rules.DocumentKind.RULING and data.ruling_kind \
        else None
    awards = data.awards or {}
    if len(awards) > MAX_AWARDS:
        raise InvalidInput(f"判项不超过{MAX_AWARDS}项", field="awards")
    transfer_to = None
    if ruling_kind == rules.RulingKind.TRANSFER and data.transfer_to_court_id is not None:
        try:
            transfer_to = reference.court(session, data.transfer_to_court_id).name
        except KeyError:
            raise InvalidInput("受移送的法院不存在", field="transfer_to_court_id") from None
    corrected = _corrected(session, case, data.corrects_document_id) if ruling_kind == rules.RulingKind.CORRECTION \
        else None
    return templates.DraftRequest(kind, ruling_kind, {number - 1: amount for number, amount in awards.items()},
                                  data.preserved_amount, transfer_to, corrected)


def generate(session: Session, *, actor: Actor, case_id: int, data: GenerateIn,
             document_date: date) -> JudgmentDocument:
    """A draft of the chosen kind from the case's record, stored as version 1."""
    case = _case_for_staff(session, actor, case_id, for_update=True)
    if not permissions.may_conduct(actor, case):
        raise Forbidden("只有承办法官或本庭法官助理、书记员可以生成裁判文书")
    request = _request(session, data, case)
    if document_date < case.accepted_on:
        raise InvalidInput("文书日期不能早于立案日期", field="document_date")
    facts = case_facts(session, case=case, document_date=document_date)
    drafted = templates.draft(facts, request, rules.practice(facts.court_code))
    now = utcnow()
    title = rules.document_title(request.kind, facts.family).replace(" ", "")
    document = JudgmentDocument(case_id=case.id, court_id=case.court_id, kind=request.kind.value,
                                ruling_kind=request.ruling_kind.value if request.ruling_kind else None, title=title,
                                status=DRAFT, document_date=document_date, version=1, created_by=actor.id,
                                created_at=now, updated_at=now)
    session.add(document)
    session.flush()
    session.add(JudgmentVersion(document_id=document.id, case_id=case.id, court_id=case.court_id, number=1,
                                sections=to_data(drafted), saved_by=actor.id, saved_at=now))
    what = title + (f"（{rules.RULING_LABELS[request.ruling_kind]}）" if request.ruling_kind else "")
    cases.record_event(session, case=case, actor=actor, kind=EventKind.JUDGMENT_DRAFTED,
                       summary=f"生成{what}草稿", details={"document_id": document.id, "kind": request.kind.value},
                       audit_action=AuditAction.JUDGMENT_DRAFT, object_type="judgment_document",
                       object_id=document.id, audit_details={"kind": request.kind.value,
                                                             "ruling_kind": document.ruling_kind})
    return document


def documents_of(session: Session, *, actor: Actor, case_id: int) -> list[JudgmentDocument]:
    _case_for_staff(session, actor, case_id)
    return list(session.scalars(select(JudgmentDocument).where(JudgmentDocument.case_id == case_id)
                                .order_by(JudgmentDocument.id.desc())))


def document(session: Session, *, actor: Actor, case_id: int, document_id: int) -> DocumentView:
    """A document of the case with its latest version's sections."""
    case = _case_for_staff(session, actor, case_id)
    found = session.get(JudgmentDocument, document_id)
    if found is None or found.case_id != case.id:
        raise NotFound(NOT_FOUND, field="document_id")
    version = session.scalars(select(JudgmentVersion).where(JudgmentVersion.document_id == found.id,
                                                            JudgmentVersion.number == found.version)).one()
    return DocumentView(found, from_data(version.sections), case.case_number)


def rendered(session: Session, *, actor: Actor, case_id: int, document_id: int, fmt: str) -> tuple[bytes, str, str]:
    """The document as .docx or PDF, sealed with its court's seal over the date: (bytes, content type, file name)."""
    if fmt not in FORMATS:
        raise InvalidInput("格式应为 docx 或 pdf", field="format")
    view = document(session, actor=actor, case_id=case_id, document_id=document_id)
    court = reference.court(session, view.document.court_id)
    render, content_type = FORMATS[fmt]
    return (render(view.sections, seal_name=court.name), content_type,
            f"{view.case_number}{view.document.title}.{fmt}")


def gaps_of(view: DocumentView) -> list[str]:
    """What the judge still has to fill in."""
    return gaps_in(view.sections)
