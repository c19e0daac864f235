"""After the decision: when a signed document takes effect (生效日期), each party's appeal period from its own legal
delivery, and an appeal filed online by a party, which opens the second-instance case (民终 / 刑终 / 行终) at the
court above (reference data: the court's parent), linked to the first instance. The appeal court's staff open the
first instance's dossier through that link (casework.documents): nothing is uploaded again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import CaseLink
from omnicourt.casework import documents as access
from omnicourt.db import utcnow
from omnicourt.deadlines import calculator as deadline_tables
from omnicourt.deadlines import rules as deadlines
from omnicourt.delivery import service as delivery
from omnicourt.delivery.models import Delivery
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import Volume
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput
from omnicourt.judgments import rules
from omnicourt.judgments.models import Appeal, JudgmentDocument
from omnicourt.judgments.rules import Status
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.textcheck import form_text
from omnicourt.triage import service as triage

if TYPE_CHECKING:
    from omnicourt.cases.models import Case

ADDRESSEES = ("plaintiff", "defendant", "third_party")
ROLE_LABELS = {"plaintiff": "原审原告", "defendant": "原审被告", "third_party": "原审第三人"}
MAX_REQUESTS, MAX_GROUNDS = 2000, 20000


def _first_instance(case: Case) -> bool:
    return case.type_code.endswith("初")


def _kinds(document: JudgmentDocument) -> tuple[rules.DocumentKind, rules.RulingKind | None]:
    return (rules.DocumentKind(document.kind),
            rules.RulingKind(document.ruling_kind) if document.ruling_kind else None)


def _delivered_on(session: Session, case: Case, document: JudgmentDocument) -> dict[int, date | None]:
    """Each addressee party's legal delivery date of the signed document (None: not yet)."""
    found = {d.case_party_id: d.effective_on for d in session.scalars(
        select(Delivery).where(Delivery.document_id == document.dossier_document_id))}
    return {p.id: found.get(p.id) for p in case.parties if p.role in ADDRESSEES}


def effect_of(session: Session, case: Case, document: JudgmentDocument) -> rules.Effect:
    """The effective date of a signed document, from its deliveries and any appeal (rules.effective_date)."""
    if document.status != Status.SIGNED:
        return rules.Effect(None, "文书尚未签署")
    kind, ruling_kind = _kinds(document)
    names = {p.id: p.name for p in case.parties}
    deliveries: dict[str, date | None] = {}
    for party_id, on in _delivered_on(session, case, document).items():
        name, n = names[party_id], 1
        while name in deliveries:  # two parties of one name: each keeps its own period
            n += 1
            name = f"{names[party_id]}（{n}）"
        deliveries[name] = on
    appealed = session.scalar(select(Appeal.id).where(Appeal.judgment_document_id == document.id).limit(1))
    signed_on = clock.local(document.signed_at).date() if document.signed_at else None
    return rules.effective_date(kind, ruling_kind, family=rules.family_of(case.type_code), procedure=case.procedure,
                                first_instance=_first_instance(case), signed_on=signed_on, deliveries=deliveries,
                                appealed=appealed is not None, calendar=deadline_tables.default_holidays())


@dataclass(frozen=True)
class SignedView:
    document: JudgmentDocument
    effect: rules.Effect
    appealable: bool
    appeals: list[Appeal]


def signed_documents(session: Session, *, actor: Actor, case_id: int) -> list[SignedView]:
    """The case's signed documents with their effect, for whoever may see the case (its parties too: a signed
    document is in the main volume)."""
    case = cases.get_case(session, actor=actor, case_id=case_id)
    found = session.scalars(select(JudgmentDocument).where(JudgmentDocument.case_id == case.id,
                                                           JudgmentDocument.status == Status.SIGNED.value)
                            .order_by(JudgmentDocument.id))
    views = []
    for document in found:
        kind, ruling_kind = _kinds(document)
        appeals = list(session.scalars(select(Appeal).where(Appeal.judgment_document_id == document.id)
                                       .order_by(Appeal.id)))
        views.append(SignedView(document, effect_of(session, case, document),
                                rules.appealable(kind, ruling_kind, procedure=case.procedure,
                                                 first_instance=_first_instance(case)), appeals))
    return views


@dataclass(frozen=True)
class AppealIn:
    document_id: int
    party_id: int
    requests: str
    grounds: str


def _appellant(case: Case, actor: Actor, party_id: int):
    """The party appealing: the signed-in account itself, or a party whose agent (on this case) it is."""
    party = next((p for p in case.parties if p.id == party_id and p.role in ADDRESSEES), None)
    if party is None:
        raise InvalidInput("上诉人不是本案当事人", field="party_id")
    if delivery.is_the_account(actor, party):
        return party
    if any(p.role == "agent" and delivery.is_the_account(actor, p) for p in case.parties):
        return party
    raise Forbidden("只能以本人或所代理的当事人名义提起上诉")


def appeal(session: Session, *, actor: Actor, case_id: int, data: AppealIn, today: date) -> Appeal:
    """A party's appeal filed online within its period: the second-instance case opened at the court above, linked
    to this one; after the period, refused naming the dates."""
    if actor.is_staff:
        raise Forbidden("上诉由当事人在线提起")
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    document = session.get(JudgmentDocument, data.document_id)
    if document is None or document.case_id != case.id or document.status != Status.SIGNED:
        raise Concealed("文书不存在或无权查看", field="document_id")
    party = _appellant(case, actor, data.party_id)
    kind, ruling_kind = _kinds(document)
    if not rules.appealable(kind, ruling_kind, procedure=case.procedure, first_instance=_first_instance(case)):
        why = "小额诉讼案件实行一审终审" if case.procedure == "small_claims" else "该文书依法不能上诉"
        raise Conflict(f"{why}，不能提起上诉", field="document_id")
    delivered_on = _delivered_on(session, case, document).get(party.id)
    if delivered_on is None:
        raise Conflict(f"{document.title}尚未向{party.name}送达生效，上诉期间尚未起算", field="document_id")
    period = rules.appeal_period(party=party.name, delivered_on=delivered_on,
                                 days=rules.appeal_days(rules.family_of(case.type_code), kind),
                                 calendar=deadline_tables.default_holidays())
    refusal = rules.appeal_refusal(filed_on=today, period=period)
    if refusal is not None:
        raise Conflict(refusal, field="filed_on")
    requests = form_text(data.requests, field="requests", label="上诉请求", max_length=MAX_REQUESTS, multiline=True)
    grounds = form_text(data.grounds, field="grounds", label="事实与理由", max_length=MAX_GROUNDS, multiline=True)
    if not requests:
        raise InvalidInput("请写明上诉请求", field="requests")
    if not grounds:
        raise InvalidInput("请写明上诉的事实与理由", field="grounds")
    if session.scalar(select(Appeal.id).where(Appeal.judgment_document_id == document.id,
                                              Appeal.case_party_id == party.id)) is not None:
        raise Conflict(f"{party.name}已对{document.title}提起上诉", field="party_id")
    second = _open_second_instance(session, actor=actor, case=case, party=party, requests=requests,
                                   grounds=grounds, today=today)
    cases.link_cases(session, actor=actor, from_case=case, to_case=second, relation="appeal")
    filed = Appeal(court_id=case.court_id, case_id=case.id, judgment_document_id=document.id,
                   case_party_id=party.id, appeal_case_id=second.id, requests=requests, grounds=grounds,
                   delivered_on=delivered_on, last_day=period.last_day, filed_on=today, filed_by=actor.id,
                   filed_at=utcnow())
    try:
        with session.begin_nested():
            session.add(filed)
    except IntegrityError:  # the same party's appeal, filed at the same moment
        raise Conflict(f"{party.name}已对{document.title}提起上诉", field="party_id") from None
    cases.record_event(session, case=case, actor=actor, kind=EventKind.APPEAL_FILED,
                       summary=f"{party.name}不服{document.title}提起上诉（上诉期间至{period.last_day.isoformat()}），"
                               f"二审案号{second.case_number}",
                       details={"appeal_id": filed.id, "appeal_case_id": second.id},
                       audit_action=AuditAction.APPEAL_FILE, object_type="appeal", object_id=filed.id,
                       audit_details={"document_id": document.id, "party_id": party.id,
                                      "appeal_case_id": second.id, "last_day": period.last_day.isoformat()})
    return filed


def _open_second_instance(session: Session, *, actor: Actor, case: Case, party, requests: str, grounds: str,
                          today: date) -> Case:
    court = reference.court(session, case.court_id)
    if court.parent_id is None:
        raise Conflict(f"{court.name}没有登记上一级法院，无法在线提起上诉", field="case_id")
    higher = reference.court(session, court.parent_id)
    cause = reference.cause_by_code(session, case.cause_code)
    type_code = case.type_code[0] + "终"  # 民初 → 民终, 刑初 → 刑终, 行初 → 行终
    if type_code not in reference.case_type_codes(session):
        raise Conflict(f"案件类型{type_code}未登记", field="case_id")
    parties = tuple(cases.PartyData(role=p.role, party_type=p.party_type, name=p.name, id_number=p.id_number,
                                    uscc=p.uscc, legal_representative=p.legal_representative, address=p.address,
                                    phone=p.phone, account_id=p.account_id) for p in case.parties)
    new = cases.NewCase(
        court_id=higher.id, court_code=higher.code, type_code=type_code, cause_code=case.cause_code,
        cause_name=case.cause_name, procedure="ordinary", accepted_on=today, parties=parties,
        claims=(cases.ClaimData(f"上诉人{party.name}（{ROLE_LABELS[party.role]}）上诉请求：{requests}"[:500], None),),
        amount_in_dispute=case.amount_in_dispute, facts_and_reasons=grounds,
        triage_reasons=(f"{party.name}不服{case.case_number}提起上诉，由{higher.name}审理（上一级人民法院）",),
        filing_application_id=None,
        deadline_on=deadlines.basic_trial_deadline(filed_on=today, procedure="ordinary", case_type=type_code),
    )
    assignment = triage.choose_judge(session, court=higher, cause=cause)
    return cases.open_case(session, actor=actor, new=new, assignment=cases.AssignmentData(
        division_id=assignment.division.id, judge_id=assignment.judge.id,
        judge_name=assignment.judge.display_name, reasons=tuple(assignment.reasons)))


def appeals_of(session: Session, *, case_id: int) -> list[Appeal]:
    return list(session.scalars(select(Appeal).where(Appeal.case_id == case_id).order_by(Appeal.id)))


@dataclass(frozen=True)
class FirstInstance:
    case: Case
    catalogues: dict[Volume, list[dossier.CatalogueEntry]]


def first_instance_dossiers(session: Session, *, actor: Actor, case_id: int) -> list[FirstInstance]:
    """The dossiers of the cases this one is the appeal of, as the appeal court's staff read them (both volumes:
    the whole file is transferred, 在线诉讼规则 art. 35); a party sees its main volume as before, on that case."""
    case = cases.get_case(session, actor=actor, case_id=case_id)
    if not actor.is_staff:
        raise Concealed("案件不存在或无权查看", field="case_id")
    found = []
    for link in session.scalars(select(CaseLink).where(CaseLink.to_case_id == case.id,
                                                       CaseLink.relation == "appeal").order_by(CaseLink.id)):
        first = cases.case_for_platform(session, link.from_case_id)
        found.append(FirstInstance(first, {volume: dossier.catalogue(session, first.id, volume)
                                           for volume in access.volumes_for(actor)}))
    return found

