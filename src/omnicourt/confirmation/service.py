"""Judicial confirmation (司法确认) of a settlement agreement reached in pre-filing mediation: the parties apply
jointly online, each confirming the application with its password; the complete application becomes a 民特 case
assigned to a judge, who reviews it against the refusal grounds (rules.REFUSAL_GROUNDS) and rules. The ruling
(裁定书) is a PDF signed with the court's key, filed in the dossier, delivered to the parties who accept electronic
delivery, and closes the case; a confirmed agreement is marked enforceable. The law is rules.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.rules import chinese_date
from omnicourt.confirmation import rules
from omnicourt.confirmation.models import ConfirmationApplication, ConfirmationJoin
from omnicourt.db import utcnow
from omnicourt.deadlines import rules as deadline_rules
from omnicourt.deadlines.calculator import default_holidays
from omnicourt.delivery import service as delivery
from omnicourt.delivery.rules import DocumentClass
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.mediation import service as mediation_service
from omnicourt.mediation.models import Mediation, MediationParty, SettlementAgreement
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.signing import service as signing
from omnicourt.triage import service as triage

if TYPE_CHECKING:
    from omnicourt.cases.models import Case

CONCEALED = "司法确认申请不存在或无权查看"


def _check_password(session: Session, actor: Actor, password: str) -> None:
    if not security.confirm_password(session, account_id=actor.id, password=password):
        raise InvalidInput("密码不正确，未提交", field="password")


def _joined(session: Session, application_id: int) -> set[int]:
    return set(session.scalars(select(ConfirmationJoin.party_id)
                               .where(ConfirmationJoin.application_id == application_id)))


def apply(session: Session, settings: Settings, *, actor: Actor, mediation_id: int, court_id: int, password: str,
          e_delivery: bool, today: date) -> ConfirmationApplication:
    """A party of a settled pre-filing mediation applies for confirmation to the court it names; the other
    parties confirm (join) the same application. An application out of time, to the wrong court or on a matter
    not accepted is refused with its rule, and nothing is written."""
    share = mediation_service.party_share(session, actor=actor, mediation_id=mediation_id)
    mediation = share.mediation
    if not share.own:
        raise Forbidden("代理人不能代为申请司法确认，请当事人本人申请")
    if mediation.kind != "pre_filing":
        raise Conflict("委托调解达成的协议由承办法官制作调解书，不适用司法确认")
    agreement = share.agreement
    if mediation.status != "settled" or agreement is None or agreement.status != "effective":
        raise Conflict("调解协议尚未经各方当事人签署生效，不能申请司法确认")
    existing = session.scalar(select(ConfirmationApplication).where(
        ConfirmationApplication.mediation_id == mediation.id))
    if existing is not None:
        raise Conflict("该调解协议已申请司法确认，请在原申请中确认", field="mediation_id")
    effective_on = mediation.ended_on or today
    last = rules.check_period(effective_on=effective_on, applied_on=today, calendar=default_holidays())
    rules.check_court(applied_court_id=court_id, inviting_court_id=mediation.court_id,
                      inviting_court_name=reference.court(session, mediation.court_id).name)
    refused = rules.not_accepted_for_cause(mediation.cause_code)
    if refused:
        raise InvalidInput(refused, field="mediation_id")
    _check_password(session, actor, password)
    application = ConfirmationApplication(
        court_id=court_id, mediation_id=mediation.id, agreement_id=agreement.id, effective_on=effective_on,
        last_day=last, status="joining", applied_by=actor.id, applied_on=today, grounds=[], enforceable=False,
        created_at=utcnow())
    session.add(application)
    session.flush()
    audit.record(session, actor_id=actor.id, action=AuditAction.CONFIRMATION_APPLY,
                 object_type="confirmation_application", object_id=application.id, court_id=court_id,
                 details={"mediation_id": mediation.id, "agreement_id": agreement.id, "last_day": last.isoformat()})
    _join(session, actor, application, share, e_delivery, today)
    return application


def join(session: Session, *, actor: Actor, mediation_id: int, password: str, e_delivery: bool,
         today: date) -> ConfirmationApplication:
    """Another party confirms the joint application; the last confirmation, within the period, files it."""
    share = mediation_service.party_share(session, actor=actor, mediation_id=mediation_id)
    if not share.own:
        raise Forbidden("代理人不能代为确认司法确认申请，请当事人本人确认")
    application = session.scalar(select(ConfirmationApplication).where(
        ConfirmationApplication.mediation_id == share.mediation.id).with_for_update())
    if application is None:
        raise Conflict("尚无司法确认申请，请先提出申请", field="mediation_id")
    if application.status != "joining":
        raise Conflict("该申请已提交法院，无需再确认")
    if {p.id for p in share.own} <= _joined(session, application.id):
        raise Conflict("您已确认该申请，请等待其他当事人确认")
    rules.check_period(effective_on=application.effective_on, applied_on=today, calendar=default_holidays())
    _check_password(session, actor, password)
    _join(session, actor, application, share, e_delivery, today)
    return application


def for_mediation(session: Session, *, actor: Actor, mediation_id: int) -> ConfirmationApplication | None:
    """The mediation's application, to whoever sees the mediation."""
    mediation_service.get_mediation(session, actor=actor, mediation_id=mediation_id)
    return session.scalar(select(ConfirmationApplication).where(ConfirmationApplication.mediation_id == mediation_id))


def _join(session: Session, actor: Actor, application: ConfirmationApplication,
          share: mediation_service.PartyShare, e_delivery: bool, today: date) -> None:
    joined = _joined(session, application.id)
    for party in share.own:
        if party.id not in joined:
            session.add(ConfirmationJoin(application_id=application.id, court_id=application.court_id,
                                         party_id=party.id, account_id=actor.id, e_delivery=e_delivery,
                                         joined_at=utcnow()))
    session.flush()
    names = "、".join(p.name for p in share.own)
    mediation_service.record_step(session, mediation=share.mediation, actor=actor, kind="confirmation",
                                  summary=f"{names}确认共同申请司法确认" + ("，同意电子送达" if e_delivery else ""))
    audit.record(session, actor_id=actor.id, action=AuditAction.CONFIRMATION_JOIN,
                 object_type="confirmation_application", object_id=application.id, court_id=application.court_id,
                 details={"parties": [p.id for p in share.own], "e_delivery": e_delivery})
    if rules.all_joined(_joined(session, application.id), {p.id for p in share.parties}):
        _file(session, actor, application, share, today)


def _case_parties(mediation: Mediation, parties: list[MediationParty],
                  joins: dict[int, ConfirmationJoin]) -> tuple[cases.PartyData, ...]:
    """The applicants as the case's parties: as filed for the mediation (type, address, phone), each linked to the
    account that confirmed the application for it."""
    filed = {(p.get("role"), p.get("name")): p for p in (mediation.filing or {}).get("parties", [])}
    result = []
    for party in parties:
        row = filed.get((party.role, party.name), {})
        join = joins.get(party.id)
        result.append(cases.PartyData(
            role=party.role, party_type=row.get("party_type") or "natural", name=party.name,
            id_number=row.get("id_number"), uscc=row.get("uscc"),
            legal_representative=row.get("legal_representative"), address=row.get("address"),
            phone=row.get("phone"), account_id=join.account_id if join else party.account_id))
    return tuple(result)


def _file(session: Session, actor: Actor, application: ConfirmationApplication,
          share: mediation_service.PartyShare, today: date) -> Case:
    """The complete joint application becomes a 民特 case (court-rules.md §1.4) of the court applied to, assigned
    as filing assigns; no fee (court-rules-2.md §4.3); decided within the special procedure's 30 days."""
    mediation = share.mediation
    joins = {j.party_id: j for j in session.scalars(select(ConfirmationJoin).where(
        ConfirmationJoin.application_id == application.id))}
    court = reference.court(session, application.court_id)
    cause = reference.cause_by_code(session, rules.CAUSE_CODE)
    agreement = session.get(SettlementAgreement, application.agreement_id)
    new = cases.NewCase(
        court_id=court.id, court_code=court.code, type_code=rules.TYPE_CODE, cause_code=cause.code,
        cause_name=cause.name, procedure=rules.PROCEDURE, accepted_on=today,
        parties=_case_parties(mediation, share.parties, joins), claims=(cases.ClaimData(
            f"确认{mediation.number}调解协议（第{agreement.version if agreement else ''}版）有效"),),
        amount_in_dispute=None, facts_and_reasons=agreement.text if agreement else "",
        deadline_on=deadline_rules.basic_trial_deadline(filed_on=today, procedure=rules.PROCEDURE,
                                                        case_type=rules.TYPE_CODE))
    assignment = triage.choose_judge(session, court=court, cause=cause)
    case = cases.open_case(session, actor=actor, new=new, assignment=cases.AssignmentData(
        division_id=assignment.division.id, judge_id=assignment.judge.id,
        judge_name=assignment.judge.display_name, reasons=tuple(assignment.reasons)))
    session.flush()
    by_name = {(p.role, p.name): p for p in case.parties}
    for party in share.parties:
        join = joins.get(party.id)
        case_party = by_name.get((party.role, party.name))
        if join is not None and case_party is not None:
            delivery.record_filed_address(session, case_id=case.id, party_id=case_party.id, consented=join.e_delivery,
                                          email=None, mobile=None, confirmed_by=join.account_id)
    application.status, application.case_id = "filed", case.id
    mediation_service.record_step(session, mediation=mediation, actor=actor, kind="confirmation",
                                  summary=f"各方当事人共同申请司法确认，{court.name}立案，案号{case.case_number}")
    return case


# ---------------------------------------------------------------- the judge's review and ruling


def _application_for_party(session: Session, actor: Actor, application_id: int,
                           for_update: bool = False) -> ConfirmationApplication:
    query = select(ConfirmationApplication).where(ConfirmationApplication.id == application_id)
    application = session.scalar(query.with_for_update() if for_update else query)
    if application is None:
        raise Concealed(CONCEALED, field="application_id")
    try:
        mediation_service.get_mediation(session, actor=actor, mediation_id=application.mediation_id)
    except (NotFound, Forbidden):
        raise Concealed(CONCEALED, field="application_id") from None
    if actor.kind != "public":
        raise Concealed(CONCEALED, field="application_id")
    return application


def get_application(session: Session, *, actor: Actor, application_id: int,
                    for_update: bool = False) -> ConfirmationApplication:
    """The application, to its parties and, once it is a case, to whoever may see that case."""
    if not actor.is_staff:
        return _application_for_party(session, actor, application_id, for_update)
    query = select(ConfirmationApplication).where(ConfirmationApplication.id == application_id)
    application = session.scalar(query.with_for_update() if for_update else query)
    if application is None:
        raise NotFound(CONCEALED, field="application_id")
    if application.case_id is None:
        raise Forbidden("该申请尚未立案", field="application_id")
    cases.get_case(session, actor=actor, case_id=application.case_id)  # the case's own rights
    return application


def for_case(session: Session, *, actor: Actor, case_id: int) -> ConfirmationApplication | None:
    cases.get_case(session, actor=actor, case_id=case_id)
    return session.scalar(select(ConfirmationApplication).where(ConfirmationApplication.case_id == case_id))


@dataclass(frozen=True)
class Ruling:
    application: ConfirmationApplication
    case: Case
    document_id: int
    delivered_to: list[str]  # parties reached electronically
    to_serve: list[str]  # parties the court serves otherwise (no consent to electronic delivery)


def rule(session: Session, settings: Settings, *, actor: Actor, case_id: int, grounds: list[str],
         reason: str, today: date) -> Ruling:
    """The case's judge rules on the checklist: confirmed (valid, enforceable: CPL art. 206) or refused (解释
    art. 358). The ruling enters the dossier signed with the court's key, goes to each party that accepted
    electronic delivery, and closes the case."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not permissions.may_close(actor, case):
        raise Forbidden("只有承办法官可以作出司法确认裁定")
    application = session.scalar(select(ConfirmationApplication).where(
        ConfirmationApplication.case_id == case.id).with_for_update())
    if application is None:
        raise Conflict("本案不是司法确认案件", field="case_id")
    if application.status != "filed":
        raise Conflict(f"该申请已{rules.STATUS_LABELS[application.status]}，不能再次裁定")
    reason = (reason or "").strip()
    if len(reason) > 2000:
        raise InvalidInput("理由不能超过 2000 字", field="reason")
    decision = rules.decide(grounds, reason)
    mediation = session.get(Mediation, application.mediation_id)
    agreement = session.get(SettlementAgreement, application.agreement_id)
    content = ruling_pdf(court_name=reference.court(session, case.court_id).name, case=case,
                         mediation_number=mediation.number if mediation else "", agreement_text=agreement.text
                         if agreement else "", applied_on=application.applied_on, decision=decision, reason=reason,
                         judge_name=actor.display_name, ruled_on=today)
    upload = dossier.Upload(f"{case.case_number}民事裁定书.pdf", content)
    document = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                             court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                             kind=DocumentKind.JUDGMENT)
    session.flush()
    signing.sign(session, settings, document, signer=signing.Signer(case.court_id), actor_id=actor.id)
    application.status = "confirmed" if decision.confirmed else "refused"
    application.grounds, application.reason = list(decision.grounds), reason or None
    application.ruled_on, application.ruling_document_id = today, document.id
    application.enforceable = decision.confirmed
    outcome = "裁定调解协议有效" if decision.confirmed else "裁定驳回司法确认申请"
    cases.record_event(session, case=case, actor=actor, kind=EventKind.CONFIRMATION_RULED,
                       summary=f"{chinese_date(today)} {outcome}",
                       details={"confirmed": decision.confirmed, "document_id": document.id},
                       audit_action=AuditAction.CONFIRMATION_RULE,
                       audit_details={"confirmed": decision.confirmed, "grounds": list(decision.grounds),
                                      "document_id": document.id, "application_id": application.id})
    cases.close_case(session, actor=actor, case_id=case.id, method="ruling", closed_on=today, today=today,
                     document_id=document.id, document_name=document.filename)
    consenting = [p for p in case.parties if p.role != "agent" and (address := delivery.current_address(
        session, p.id)) is not None and address.consented]
    if consenting:
        delivery.deliver(session, settings, actor=actor, case_id=case.id, document_id=document.id,
                         party_ids=[p.id for p in consenting], document_class=DocumentClass.RULING)
    if mediation is not None:
        mediation_service.record_step(session, mediation=mediation, actor=actor, kind="confirmed",
                                      summary=f"{case.case_number}：{outcome}")
    reached = {p.id for p in consenting}
    return Ruling(application, case, document.id, [p.name for p in consenting],
                  [p.name for p in case.parties if p.role != "agent" and p.id not in reached])


def ruling_pdf(*, court_name: str, case: Case, mediation_number: str, agreement_text: str, applied_on: date,
               decision: rules.Decision, reason: str, judge_name: str, ruled_on: date) -> bytes:
    """The ruling (民事裁定书) of a judicial confirmation, as CPL art. 206 and 解释 art. 358 shape it."""
    applicants = [p for p in case.parties if p.role != "agent"]
    names = "、".join(p.name for p in applicants)
    lines = [pdf.Line(court_name), pdf.Line(case.case_number),
             *(pdf.Line(f"申请人：{p.name}") for p in applicants),
             pdf.Line(f"申请人{names}于{chinese_date(applied_on)}向本院共同申请司法确认调解协议（{mediation_number}）。"
                      "本院受理后依法进行了审查。", indent=2)]
    lines += [pdf.Line(text, indent=2) for text in agreement_text.splitlines() if text.strip()]
    if decision.confirmed:
        lines += [pdf.Line("本院经审查认为，申请人达成的调解协议符合司法确认的条件。依照《中华人民共和国民事诉讼法》"
                           "第二百零五条、第二百零六条规定，裁定如下：", indent=2),
                  pdf.Line(f"一、申请人{names}达成的调解协议有效。", indent=2),
                  pdf.Line("二、当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，"
                           "对方当事人可以向人民法院申请执行。", indent=2)]
    else:
        found = "；".join(rules.REFUSAL_GROUNDS[g] for g in decision.grounds)
        lines += [pdf.Line(f"本院经审查认为，该调解协议存在下列情形：{found}。" + (f"{reason}" if reason else ""),
                           indent=2),
                  pdf.Line("依照《中华人民共和国民事诉讼法》第二百零六条、《最高人民法院关于适用〈中华人民共和国民事诉讼法〉"
                           "的解释》第三百五十八条规定，裁定如下：", indent=2),
                  pdf.Line(f"驳回申请人{names}的司法确认申请。", indent=2),
                  pdf.Line("当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。",
                           indent=2)]
    lines += [pdf.Line("本裁定书自即日起发生法律效力。", indent=2), pdf.Line(f"审判员　{judge_name}", indent=20),
              pdf.Line(chinese_date(ruled_on), indent=20)]
    return pdf.paged("民事裁定书", lines)


def mine(session: Session, *, actor: Actor) -> list[ConfirmationApplication]:
    """A party's applications, newest first (through the mediations it sees)."""
    if actor.kind != "public":
        return []
    ids = [m.id for m in mediation_service.mine(session, actor=actor)]
    if not ids:
        return []
    return list(session.scalars(select(ConfirmationApplication).where(
        ConfirmationApplication.mediation_id.in_(ids)).order_by(ConfirmationApplication.id.desc())))


def joined_party_ids(session: Session, application_id: int) -> set[int]:
    return _joined(session, application_id)
