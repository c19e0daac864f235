"""Mediation statements (调解书) in a case: the judge drafts one from the settlement terms (the entrusted
mediation's effective agreement, or terms the judge writes after mediating in court), a signed PDF filed in the
dossier; the parties sign for it online, re-entering their password; with the last of the plaintiffs' and
defendants' signatures it takes effect and the case closes by mediation on that date (CPL art. 100; 解释 arts 133,
149; court-rules-2.md §4.4). The law is rules.py."""

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
from omnicourt.cases.rules import chinese_date
from omnicourt.casework import closing
from omnicourt.db import utcnow
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Conflict, Forbidden, InvalidInput
from omnicourt.mediation import records, rules
from omnicourt.mediation.models import Mediation, MediationStatement, SettlementAgreement, StatementReceipt
from omnicourt.mediation.service import Obligation, Terms
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.signing import service as signing

if TYPE_CHECKING:
    from omnicourt.cases.models import Case, CaseParty

ROLE_NAMES = {"plaintiff": "原告", "defendant": "被告", "third_party": "第三人", "agent": "委托诉讼代理人"}


def _terms_of(data: dict) -> Terms:
    return Terms(tuple(Obligation(o["obligor"], o["content"], o.get("amount"),
                                  date.fromisoformat(o["due_on"]) if o.get("due_on") else None)
                       for o in data.get("obligations", [])),
                 data.get("default_consequence", ""), data.get("other_terms", ""))


def _settled_terms(session: Session, case: Case) -> tuple[Mediation | None, Terms | None]:
    """The case's entrusted mediation that settled, and its effective agreement's terms."""
    mediation = session.scalar(select(Mediation).where(Mediation.case_id == case.id, Mediation.status == "settled")
                               .order_by(Mediation.id.desc()).limit(1))
    if mediation is None:
        return None, None
    agreement = session.scalar(select(SettlementAgreement).where(SettlementAgreement.mediation_id == mediation.id,
                                                                 SettlementAgreement.status == "effective"))
    return mediation, _terms_of(agreement.terms) if agreement else None


def statement_text(court_name: str, case: Case, terms: Terms) -> str:
    parties = list(case.parties)
    lines = [court_name, "民事调解书", case.case_number,
             *(f"{ROLE_NAMES.get(p.role, p.role)}：{p.name}" for p in parties),
             f"案由：{case.cause_name}",
             "本案审理过程中，经本院主持调解（或委托调解），当事人自愿达成如下协议："]
    for index, obligation in enumerate(terms.obligations, start=1):
        amount = f"人民币{obligation.amount}元" if obligation.amount else ""
        due = f"于{chinese_date(obligation.due_on)}前" if obligation.due_on else ""
        lines.append(f"{index}. {obligation.obligor}{due}{obligation.content}{amount}。")
    lines.append(f"不履行的后果：{terms.default_consequence.strip()}")
    if terms.other_terms.strip():
        lines.append(f"其他约定：{terms.other_terms.strip()}")
    lines += ["上述协议，不违反法律规定，本院予以确认。",
              "本调解书经双方当事人签收后，即具有法律效力（《中华人民共和国民事诉讼法》第一百条）。"]
    return "\n".join(lines)


def issue(session: Session, settings: Settings, *, actor: Actor, case_id: int, terms: Terms | None,
          today: date) -> MediationStatement:
    """The case's judge drafts the statement: from `terms`, or else from the case's settled entrusted
    mediation's agreement. A new statement replaces one not yet effective (its signatures lapse with it)."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not permissions.may_close(actor, case):
        raise Forbidden("只有承办法官可以制作调解书")
    if case.stage not in cases.OPEN_STAGES:
        raise Conflict("案件已结案，不能制作调解书")
    mediation, settled = _settled_terms(session, case)
    terms = terms or settled
    if terms is None:
        raise InvalidInput("本案没有已生效的调解协议，请写明调解协议内容", field="obligations")
    names = {p.name for p in case.parties if p.role != "agent"}
    if not terms.obligations:
        raise InvalidInput("调解书应至少写明一项义务", field="obligations")
    for index, obligation in enumerate(terms.obligations):
        if obligation.obligor not in names:
            raise InvalidInput(f"第{index + 1}项义务的履行人应为本案当事人", field=f"obligations[{index}].obligor")
    if not terms.default_consequence.strip():
        raise InvalidInput("请写明不履行的后果", field="default_consequence")
    if not {p.role for p in case.parties} >= set(rules.STATEMENT_SIGNERS):
        raise Conflict("本案没有双方当事人，不能制作调解书")
    for earlier in session.scalars(select(MediationStatement).where(MediationStatement.case_id == case.id,
                                                                    MediationStatement.status == "issued")):
        earlier.status = "superseded"
    text = statement_text(reference.court(session, case.court_id).name, case, terms)
    signature = [pdf.Line(f"审判员　{actor.display_name}", indent=20), pdf.Line(chinese_date(today), indent=20)]
    content = pdf.paged("民事调解书", [pdf.Line(line) for line in text.splitlines()] + signature)
    upload = dossier.Upload(f"{case.case_number}民事调解书.pdf", content)
    document = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                             court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                             kind=DocumentKind.JUDGMENT)
    session.flush()
    signing.sign(session, settings, document, signer=signing.Signer(case.court_id), actor_id=actor.id)
    statement = MediationStatement(court_id=case.court_id, case_id=case.id,
                                   mediation_id=mediation.id if mediation else None, terms=records.terms_json(terms),
                                   text=text, document_id=document.id, status="issued", drafted_by=actor.id,
                                   drafted_at=utcnow())
    session.add(statement)
    session.flush()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.MEDIATION_STATEMENT_ISSUED,
                       summary="制作民事调解书，送当事人签收", details={"statement_id": statement.id},
                       audit_action=AuditAction.MEDIATION_STATEMENT_ISSUE, object_type="mediation_statement",
                       object_id=statement.id, audit_details={"case_id": case.id, "document_id": document.id})
    return statement


def _current(session: Session, case_id: int, *, for_update: bool = False) -> MediationStatement | None:
    query = select(MediationStatement).where(MediationStatement.case_id == case_id,
                                             MediationStatement.status != "superseded")
    if for_update:
        query = query.with_for_update()
    return session.scalar(query.order_by(MediationStatement.id.desc()).limit(1))


def _signed(session: Session, statement_id: int) -> set[int]:
    return set(session.scalars(select(StatementReceipt.case_party_id)
                               .where(StatementReceipt.statement_id == statement_id)))


def sign(session: Session, settings: Settings, *, actor: Actor, case_id: int, password: str,
         today: date) -> MediationStatement:
    """A party signs for the statement online (served in person: no 留置送达, 解释 art. 133); the last of both
    sides' signatures makes it effective and closes the case by mediation on that date."""
    case = cases.get_case(session, actor=actor, case_id=case_id)
    if actor.is_staff:
        raise Forbidden("调解书由当事人本人签收")
    statement = _current(session, case.id, for_update=True)
    if statement is None or statement.status != "issued":
        raise Conflict("没有待签收的调解书")
    own = [p for p in case.parties if p.role != "agent" and _is_own(actor, p)]
    if not own:
        raise Forbidden("代理人不能代为签收调解书，请当事人本人签收")
    if {p.id for p in own} <= _signed(session, statement.id):
        raise Conflict("您已签收该调解书")
    if not security.confirm_password(session, account_id=actor.id, password=password):
        raise InvalidInput("密码不正确，未签收", field="password")
    done = _signed(session, statement.id)
    for party in own:
        if party.id not in done:
            session.add(StatementReceipt(statement_id=statement.id, court_id=case.court_id, case_party_id=party.id,
                                         account_id=actor.id, signed_at=utcnow()))
    session.flush()
    names = "、".join(p.name for p in own)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.MEDIATION_STATEMENT_SIGNED,
                       summary=f"{names}签收民事调解书", details={"statement_id": statement.id},
                       audit_action=AuditAction.MEDIATION_STATEMENT_SIGN, object_type="mediation_statement",
                       object_id=statement.id, audit_details={"parties": [p.id for p in own]})
    required = {p.id for p in case.parties if p.role in rules.STATEMENT_SIGNERS}
    if rules.statement_effective(_signed(session, statement.id), required):
        statement.status, statement.effective_on = "effective", today
        document = dossier.find(session, statement.document_id)
        closing.close_on_effect(session, settings, case_id=case.id, method="mediation", closed_on=today,
                                document_id=statement.document_id,
                                document_name=document.filename if document else "民事调解书")
    return statement


def _is_own(actor: Actor, party: CaseParty) -> bool:
    if party.account_id == actor.id:
        return True
    number = party.uscc if actor.person_type_is_legal else party.id_number
    return bool(actor.bound_number) and number == actor.bound_number


@dataclass(frozen=True)
class StatementView:
    statement: MediationStatement | None
    signed: list[str]  # names of the parties who signed for it
    waiting: list[str]  # the plaintiffs and defendants still to sign
    own_signed: bool
    may_sign: bool


def view(session: Session, *, actor: Actor, case_id: int) -> StatementView:
    case = cases.get_case(session, actor=actor, case_id=case_id)
    statement = _current(session, case.id)
    signed_ids = _signed(session, statement.id) if statement else set()
    own = {p.id for p in case.parties if p.role != "agent" and not actor.is_staff and _is_own(actor, p)}
    return StatementView(
        statement, [p.name for p in case.parties if p.id in signed_ids],
        [p.name for p in case.parties if p.role in rules.STATEMENT_SIGNERS and p.id not in signed_ids],
        bool(own) and own <= signed_ids,
        bool(own) and statement is not None and statement.status == "issued" and not own <= signed_ids)
