"""Enforcement use cases: a creditor applies against an effective document of its platform case; the filing officer
opens the 执 case linked to it (the enforcement notice and the property-report order written, filed and delivered to
each debtor); the case's enforcement officers freeze, seize or detain assets, renew and release them; the hourly
sweep warns of measures about to lapse. The law is in rules.py."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case, CaseParty
from omnicourt.cases.rules import chinese_date
from omnicourt.db import utcnow
from omnicourt.deadlines.calculator import default_holidays
from omnicourt.deadlines.rules import basic_trial_deadline
from omnicourt.delivery import service as delivery
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.enforcement import rules
from omnicourt.enforcement.models import EnforcementApplication, PropertyMeasure
from omnicourt.enforcement.schemas import ApplicationIn, MeasureIn
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.notifications import service as notifications
from omnicourt.reference import service as reference
from omnicourt.reference.cache import DivisionInfo
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

if TYPE_CHECKING:
    from omnicourt.security.models import Account

ENFORCEMENT_TYPE = "执"
# The closings whose document has a performance to enforce; 撤诉, 驳回起诉 and 移送 have none.
ENFORCEABLE_CLOSINGS = {"judgment": ("judgment", "ruling"), "mediation": ("mediation_statement",)}
CONFIRMATION_TYPE = "民特"
STATUS_LABELS = {"pending": "待立案审查", "accepted": "已立案", "refused": "不予受理"}


# ------------------------------------------------------------------ the application

def _source_case(session: Session, actor: Actor, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None or not any(delivery.is_the_account(actor, p) for p in case.parties):
        raise Concealed("案件不存在", field="source_case_id")
    return case


def _check_source(case: Case, source_document: str) -> None:
    if source_document not in rules.SOURCE_DOCUMENTS:
        raise InvalidInput("执行依据应为 " + "、".join(rules.SOURCE_DOCUMENTS.values()), field="source_document")
    if case.closed_on is None:
        raise Conflict(f"{case.case_number}尚未审结，没有生效的执行依据", field="source_case_id")
    allowed = ENFORCEABLE_CLOSINGS.get(case.closing_method or "", ())
    if case.type_code == CONFIRMATION_TYPE:
        allowed = ("confirmation_ruling",)
    if source_document not in allowed:
        raise InvalidInput(f"{case.case_number}的结案方式没有「{rules.SOURCE_DOCUMENTS[source_document]}」可供执行",
                           field="source_document")


def _parties(case: Case, data: ApplicationIn, actor: Actor) -> tuple[CaseParty, list[CaseParty]]:
    by_id = {p.id: p for p in case.parties if p.role != "agent"}
    applicant = by_id.get(data.applicant_party_id)
    if applicant is None or not delivery.is_the_account(actor, applicant):
        raise InvalidInput("申请执行人应为您本人在该案中的当事人身份", field="applicant_party_id")
    respondents = [by_id.get(i) for i in dict.fromkeys(data.respondent_party_ids)]
    if any(r is None or r.id == applicant.id for r in respondents):
        raise InvalidInput("被执行人应为该案的其他当事人", field="respondent_party_ids")
    return applicant, [r for r in respondents if r is not None]


def _check_dates(data: ApplicationIn, today: date) -> None:
    if data.effective_on > today:
        raise InvalidInput("法律文书生效日期不能晚于今天", field="effective_on")
    if data.performance_due_on and data.last_instalment_on and data.last_instalment_on < data.performance_due_on:
        raise InvalidInput("最后一期履行期限不能早于履行期限", field="last_instalment_on")


def _period_end(start: date) -> date:
    try:
        return rules.application_period_end(start, default_holidays())
    except InvalidInput:
        return rules.application_period_end(start)


def apply(session: Session, *, actor: Actor, data: ApplicationIn, today: date) -> EnforcementApplication:
    """The creditor's application, checked against its own case. A late one is taken and marked, never refused for
    lateness (解释 art. 481); a second application on the same case while one is pending or accepted is refused."""
    if actor.is_staff or actor.is_mediator:
        raise Forbidden("申请执行由当事人或其代理人提出", field="actor")
    case = _source_case(session, actor, data.source_case_id)
    _check_source(case, data.source_document)
    applicant, respondents = _parties(case, data, actor)
    _check_dates(data, today)
    session.execute(select(Case.id).where(Case.id == case.id).with_for_update())
    earlier = session.scalars(select(EnforcementApplication).where(
        EnforcementApplication.source_case_id == case.id, EnforcementApplication.applicant_party_id == applicant.id,
        EnforcementApplication.status.in_(("pending", "accepted")))).first()
    if earlier is not None:
        raise Conflict(f"已于{chinese_date(earlier.applied_on)}就本案申请执行（{STATUS_LABELS[earlier.status]}），"
                       "请勿重复申请", field="source_case_id")
    start = rules.period_start(effective_on=data.effective_on, performance_due_on=data.performance_due_on,
                               last_instalment_on=data.last_instalment_on)
    period_end = _period_end(start)
    application = EnforcementApplication(
        court_id=case.court_id, source_case_id=case.id, source_document=data.source_document,
        applicant_account_id=actor.id, applicant_party_id=applicant.id,
        respondent_party_ids=[r.id for r in respondents], amount=data.amount, request=data.request,
        effective_on=data.effective_on, performance_due_on=data.performance_due_on,
        last_instalment_on=data.last_instalment_on, period_ends_on=period_end, applied_on=today,
        late=rules.is_late(today, period_end), status="pending", created_at=utcnow())
    session.add(application)
    session.flush()
    cases.log_event(session, case=case, actor=actor, kind=EventKind.ENFORCEMENT_APPLIED,
                    summary=f"{applicant.name}申请执行，申请执行标的{data.amount}元，待立案审查")
    audit.record(session, actor_id=actor.id, action=AuditAction.ENFORCEMENT_APPLY,
                 object_type="enforcement_application", object_id=application.id, court_id=case.court_id,
                 details={"source_case": case.case_number, "amount": str(data.amount), "late": application.late})
    return application


def applications_of_account(session: Session, *, actor: Actor) -> list[EnforcementApplication]:
    return list(session.scalars(select(EnforcementApplication).where(
        EnforcementApplication.applicant_account_id == actor.id).order_by(EnforcementApplication.id.desc())))


def _filing_officer(actor: Actor) -> None:
    if actor.role != "filing_officer":
        raise Forbidden("执行立案由立案庭工作人员办理", field="actor")


def pending(session: Session, *, actor: Actor) -> list[EnforcementApplication]:
    _filing_officer(actor)
    return list(session.scalars(select(EnforcementApplication).where(
        EnforcementApplication.court_id == actor.court_id, EnforcementApplication.status == "pending")
        .order_by(EnforcementApplication.applied_on, EnforcementApplication.id)))


def _pending_application(session: Session, actor: Actor, application_id: int) -> EnforcementApplication:
    _filing_officer(actor)
    application = session.scalars(select(EnforcementApplication).where(
        EnforcementApplication.id == application_id).with_for_update()).first()
    if application is None or application.court_id != actor.court_id:
        raise NotFound("执行申请不存在", field="application_id")
    if application.status != "pending":
        raise Conflict(f"该申请已{STATUS_LABELS[application.status]}", field="application_id")
    return application


def _officer(session: Session, court_id: int) -> tuple[DivisionInfo, "Account"]:
    """The court's enforcement division and its officer with the fewest open cases."""
    division = reference.division_by_code(session, court_id=court_id, code="enforcement")
    if division is None:
        raise Conflict("本院未设执行局（执行庭），无法分案", field="division")
    officers = [a for a in security.staff_of(session, court_id=court_id, roles=("enforcement_officer",))
                if a.division_id == division.id]
    if not officers:
        raise Conflict(f"{division.name}没有可分案的执行员", field="division")
    loads = cases.open_caseloads(session, judge_ids=[o.id for o in officers])
    return division, min(officers, key=lambda o: (loads.get(o.id, 0), o.id))


def _party_data(party: CaseParty, role: str) -> cases.PartyData:
    return cases.PartyData(role=role, party_type=party.party_type, name=party.name, id_number=party.id_number,
                           uscc=party.uscc, legal_representative=party.legal_representative, address=party.address,
                           phone=party.phone, account_id=party.account_id)


def accept(session: Session, settings: Settings, *, actor: Actor, application_id: int, today: date) -> Case:
    """Open the 执 case (applicant as 申请执行人, debtors as 被执行人), linked to its source; write, file and deliver
    the enforcement notice and the property-report order to each debtor (解释 art. 480; CPL art. 252)."""
    application = _pending_application(session, actor, application_id)
    source = session.get(Case, application.source_case_id)
    assert source is not None
    by_id = {p.id: p for p in source.parties}
    applicant = by_id[application.applicant_party_id]
    respondents = [by_id[i] for i in application.respondent_party_ids]
    court = reference.court(session, application.court_id)
    division, officer = _officer(session, court.id)
    new = cases.NewCase(
        court_id=court.id, court_code=court.code, type_code=ENFORCEMENT_TYPE, cause_code=source.cause_code,
        cause_name=source.cause_name, procedure="ordinary", accepted_on=today,
        parties=(_party_data(applicant, "plaintiff"), *(_party_data(r, "defendant") for r in respondents)),
        claims=(cases.ClaimData(application.request[:500], application.amount),),
        amount_in_dispute=application.amount,
        facts_and_reasons=f"执行依据：{source.case_number}{rules.SOURCE_DOCUMENTS[application.source_document]}",
        title=f"{applicant.name}申请执行{'、'.join(r.name for r in respondents)}{source.cause_name}一案"[:255],
        deadline_on=basic_trial_deadline(filed_on=today, procedure="ordinary", case_type=ENFORCEMENT_TYPE))
    case = cases.open_case(session, actor=actor, new=new, assignment=cases.AssignmentData(
        division_id=division.id, judge_id=officer.id, judge_name=officer.display_name,
        reasons=(f"执行案件由{division.name}办理，{officer.display_name}在办案件最少",)))
    cases.link_cases(session, actor=actor, from_case=source, to_case=case, relation="enforcement")
    application.status, application.case_id = "accepted", case.id
    application.decided_by, application.decided_at = actor.id, utcnow()
    _notices(session, settings, actor=actor, case=case, application=application, court_name=court.name,
             source_number=source.case_number, today=today)
    audit.record(session, actor_id=actor.id, action=AuditAction.ENFORCEMENT_ACCEPT,
                 object_type="enforcement_application", object_id=application.id, court_id=court.id,
                 details={"case_number": case.case_number, "late": application.late})
    notifications.notify(session, recipient_ids=[officer.id], kind="enforcement", court_id=court.id, case_id=case.id,
                         message=f"新执行案件{case.case_number}已分配给您", link=f"/bench/enforcement/cases/{case.id}")
    return case


def refuse(session: Session, *, actor: Actor, application_id: int, reason: str) -> EnforcementApplication:
    """不予受理 within the 7 days (执行工作若干问题的规定 art. 16), with the reason the applicant reads."""
    _filing_officer(actor)
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise InvalidInput("请写明不予受理的理由", field="reason")
    application = _pending_application(session, actor, application_id)
    application.status, application.refusal_reason = "refused", reason[:500]
    application.decided_by, application.decided_at = actor.id, utcnow()
    audit.record(session, actor_id=actor.id, action=AuditAction.ENFORCEMENT_REFUSE,
                 object_type="enforcement_application", object_id=application.id, court_id=application.court_id,
                 details={"reason": reason[:500]})
    return application


def _notices(session: Session, settings: Settings, *, actor: Actor, case: Case, application: EnforcementApplication,
             court_name: str, source_number: str, today: date) -> None:
    """Each debtor's enforcement notice and property-report order, filed in the main volume and delivered
    electronically where the party consented in the trial (its address carries over), else served by the court."""
    storage = storage_of(settings)
    footer = f"{court_name}　{chinese_date(today)}"
    source_party_ids = [application.applicant_party_id, *application.respondent_party_ids]
    parties = session.scalars(select(CaseParty).where(CaseParty.case_id == case.id).order_by(CaseParty.id)).all()
    for source_party_id, party in zip(source_party_ids, parties, strict=True):
        delivery.carry_address(session, from_party_id=source_party_id, to_case_id=case.id, to_party_id=party.id,
                               confirmed_by=actor.id)
    papers: list[tuple[int, int]] = []
    for debtor in (p for p in parties if p.role == "defendant"):
        for kind, title, rows in _papers(case, application, debtor.name, source_number):
            upload = dossier.Upload(f"{title}-{debtor.name}.pdf", pdf.one_page(title, rows, footer))
            document = dossier.store(session, storage, upload=upload, checked=dossier.generated_pdf(upload),
                                     court_id=case.court_id, uploaded_by=actor.id, case_id=case.id, kind=kind)
            session.flush()
            papers.append((document.id, debtor.id))
    sent = delivery.deliver_papers(session, settings, case_id=case.id, papers=papers, created_by=actor.id)
    paper_service = "" if len(sent) == len(papers) else "；未同意电子送达的被执行人由法院直接送达或者邮寄送达"
    cases.log_event(session, case=case, actor=actor, kind=EventKind.ENFORCEMENT_NOTICE_ISSUED,
                    summary=f"向被执行人发出执行通知书、报告财产令{paper_service}")


def _papers(case: Case, application: EnforcementApplication, debtor: str, source_number: str):
    basis = f"{source_number}{rules.SOURCE_DOCUMENTS[application.source_document]}"
    return (
        (DocumentKind.ENFORCEMENT_NOTICE, "执行通知书", [
            ("案号", case.case_number), ("被执行人", debtor), ("执行依据", basis),
            ("申请执行标的", f"{application.amount}元"),
            ("责令", "自收到本通知之日起立即履行上述法律文书确定的义务，并负担申请执行费"),
            ("告知", "未按判决、裁定和其他法律文书指定的期间履行给付金钱义务的，应当加倍支付迟延履行期间的债务利息"
                     "（《中华人民共和国民事诉讼法》第二百六十四条）")]),
        (DocumentKind.PROPERTY_REPORT_ORDER, "报告财产令", [
            ("案号", case.case_number), ("被执行人", debtor),
            ("责令", "如实报告当前的财产情况，以及收到执行通知之日前一年的财产变动情况；此后财产发生变动的，"
                     "自变动之日起十日内补充报告"),
            ("法律依据", "《中华人民共和国民事诉讼法》第二百五十二条；"
                         "《最高人民法院关于民事执行中财产调查若干问题的规定》"),
            ("后果", "拒绝报告或者虚假报告的，人民法院可以根据情节轻重予以罚款、拘留，并纳入失信被执行人名单")]),
    )


# ------------------------------------------------------------------ freezes, seizures, detentions

def _enforcement_case(session: Session, actor: Actor, case_id: int, *, for_update: bool = False) -> Case:
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=for_update)
    if case.type_code != ENFORCEMENT_TYPE:
        raise NotFound("执行案件不存在", field="case_id")
    return case


def _handler(actor: Actor, case: Case) -> None:
    if actor.role != "enforcement_officer" or actor.division_id != case.division_id:
        raise Forbidden("财产控制措施由本案执行部门的执行员办理", field="actor")
    if case.closed_on is not None:
        raise Conflict("执行案件已结案", field="case_id")


def enforcement_case(session: Session, actor: Actor, case_id: int) -> Case:
    """The enforcement case, if the actor may see it."""
    return _enforcement_case(session, actor, case_id)


def enforcement_case_for_handler(session: Session, actor: Actor, case_id: int) -> Case:
    """The enforcement case, locked, for one of its division's enforcement officers (inquiries, measures)."""
    case = _enforcement_case(session, actor, case_id, for_update=True)
    _handler(actor, case)
    return case


def take_measure(session: Session, *, actor: Actor, case_id: int, data: MeasureIn, today: date) -> PropertyMeasure:
    """Freeze, seize or detain one asset for its lawful period (the longest when none is given); the same asset
    twice in one case is refused while the first is in force (the partial unique index holds it under
    concurrency)."""
    case = enforcement_case_for_handler(session, actor, case_id)
    rules.check_measure(data.measure, data.asset_kind)
    if data.starts_on > today:
        raise InvalidInput("措施起始日不能晚于今天", field="starts_on")
    key = "".join(data.asset_key.split()).upper()
    ends_on = rules.measure_end(data.asset_kind, data.starts_on, data.ends_on)
    if _in_force(session, case.id, data.asset_kind, key) is not None:
        raise Conflict(f"该财产（{key}）已在本案{rules.MEASURES[data.measure]}，不能重复采取措施；如需延长请续行",
                       field="asset_key")
    measure = PropertyMeasure(case_id=case.id, court_id=case.court_id, measure=data.measure,
                              asset_kind=data.asset_kind, asset_key=key, description=data.description,
                              amount=data.amount, starts_on=data.starts_on, ends_on=ends_on, renewals=0,
                              created_by=actor.id, created_at=utcnow())
    try:
        with session.begin_nested():
            session.add(measure)
    except IntegrityError:
        raise Conflict(f"该财产（{key}）已在本案采取措施，不能重复采取", field="asset_key") from None
    label = f"{rules.MEASURES[data.measure]}{rules.ASSET_KINDS[data.asset_kind]}"
    cases.log_event(session, case=case, actor=actor, kind=EventKind.PROPERTY_MEASURE_TAKEN,
                    summary=f"{label}：{data.description}，期限自{chinese_date(data.starts_on)}至{chinese_date(ends_on)}")
    audit.record(session, actor_id=actor.id, action=AuditAction.PROPERTY_MEASURE, object_type="property_measure",
                 object_id=measure.id, court_id=case.court_id, details={"step": "take", "asset": key,
                                                                        "ends_on": ends_on.isoformat()})
    return measure


def _in_force(session: Session, case_id: int, asset_kind: str, key: str) -> PropertyMeasure | None:
    return session.scalars(select(PropertyMeasure).where(
        PropertyMeasure.case_id == case_id, PropertyMeasure.asset_kind == asset_kind,
        PropertyMeasure.asset_key == key, PropertyMeasure.released_on.is_(None))).first()


def _measure(session: Session, actor: Actor, case_id: int, measure_id: int) -> tuple[Case, PropertyMeasure]:
    case = enforcement_case_for_handler(session, actor, case_id)
    measure = session.get(PropertyMeasure, measure_id)
    if measure is None or measure.case_id != case.id:
        raise NotFound("财产控制措施不存在", field="measure_id")
    if measure.released_on is not None:
        raise Conflict("该措施已解除", field="measure_id")
    return case, measure


def renew(session: Session, *, actor: Actor, case_id: int, measure_id: int, ends_on: date | None,
          today: date) -> PropertyMeasure:
    case, measure = _measure(session, actor, case_id, measure_id)
    new_end = rules.renewed_end(measure.asset_kind, measure.ends_on, today, ends_on)
    old_end, measure.ends_on, measure.renewals, measure.warned_on = measure.ends_on, new_end, measure.renewals + 1, None
    cases.log_event(session, case=case, actor=actor, kind=EventKind.PROPERTY_MEASURE_RENEWED,
                    summary=f"续行{rules.MEASURES[measure.measure]}：{measure.description}，期限延至{chinese_date(new_end)}")
    audit.record(session, actor_id=actor.id, action=AuditAction.PROPERTY_MEASURE, object_type="property_measure",
                 object_id=measure.id, court_id=case.court_id,
                 details={"step": "renew", "from": old_end.isoformat(), "to": new_end.isoformat()})
    return measure


def release(session: Session, *, actor: Actor, case_id: int, measure_id: int, today: date) -> PropertyMeasure:
    case, measure = _measure(session, actor, case_id, measure_id)
    measure.released_on = today
    cases.log_event(session, case=case, actor=actor, kind=EventKind.PROPERTY_MEASURE_RELEASED,
                    summary=f"解除{rules.MEASURES[measure.measure]}：{measure.description}")
    audit.record(session, actor_id=actor.id, action=AuditAction.PROPERTY_MEASURE, object_type="property_measure",
                 object_id=measure.id, court_id=case.court_id, details={"step": "release"})
    return measure


@dataclass(frozen=True)
class MeasureView:
    measure: PropertyMeasure
    status: str
    days_left: int

    @property
    def status_label(self) -> str:
        return rules.STATUS_LABELS[self.status]


def view(measure: PropertyMeasure, today: date) -> MeasureView:
    """The measure with its status today: one whose end passed unrenewed shows as lapsed."""
    status = rules.measure_status(ends_on=measure.ends_on, released_on=measure.released_on, today=today)
    return MeasureView(measure, status, (measure.ends_on - today).days)


def measures_of(session: Session, *, actor: Actor, case_id: int, today: date) -> list[MeasureView]:
    case = _enforcement_case(session, actor, case_id)
    rows = session.scalars(select(PropertyMeasure).where(PropertyMeasure.case_id == case.id)
                           .order_by(PropertyMeasure.id))
    return [view(m, today) for m in rows]


def sweep_expiring(session: Session, *, today: date) -> int:
    """Warn each case's officer once of every measure within WARN_DAYS of its end (court-rules-2.md §1.3): the
    renewal must be made before it lapses."""
    horizon = date.fromordinal(today.toordinal() + rules.WARN_DAYS)
    due = session.scalars(select(PropertyMeasure).where(
        PropertyMeasure.released_on.is_(None), PropertyMeasure.warned_on.is_(None),
        PropertyMeasure.ends_on >= today, PropertyMeasure.ends_on <= horizon).with_for_update(skip_locked=True))
    count = 0
    for measure in due:
        case = session.get(Case, measure.case_id)
        assert case is not None
        message = (f"{case.case_number}：{rules.MEASURES[measure.measure]}「{measure.description}」将于"
                   f"{chinese_date(measure.ends_on)}届满，请及时续行，逾期未续行的措施失效")
        cases.log_event(session, case=case, actor=None, kind=EventKind.PROPERTY_MEASURE_EXPIRING, summary=message)
        if case.judge_id is not None:
            notifications.notify(session, recipient_ids=[case.judge_id], kind="enforcement", court_id=case.court_id,
                                 case_id=case.id, message=message, link=f"/bench/enforcement/cases/{case.id}")
        measure.warned_on = today
        count += 1
    return count


def source_of(session: Session, case: Case) -> tuple[EnforcementApplication | None, Case | None]:
    """The application an enforcement case was opened on, and the case whose document it enforces."""
    application = session.scalars(select(EnforcementApplication).where(EnforcementApplication.case_id == case.id)
                                  ).first()
    return application, session.get(Case, application.source_case_id) if application else None


def case_numbers(session: Session, case_ids: list[int]) -> dict[int, str]:
    rows = session.execute(select(Case.id, Case.case_number).where(Case.id.in_(case_ids)))
    return {case_id: number for case_id, number in rows}


def visible_case(session: Session, actor: Actor, case_id: int) -> Case:
    case = _enforcement_case(session, actor, case_id)
    if actor.is_staff and not permissions.may_see(actor, case):
        raise NotFound("执行案件不存在", field="case_id")
    return case
