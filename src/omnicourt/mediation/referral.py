"""Referral before acceptance (诉前委派调解 of a filing): a filing of a cause its court refers (held by filing when
it is submitted, status "referred"), or one the filing officer refers while it waits, is held from the officer
until the party answers. With the party's consent it
becomes a pre-filing mediation with its parties and documents (nothing retyped); without, it goes to the officer
as it would have. A referred mediation that fails returns the same filing to the officer's queue, with the record
of undisputed facts (在线调解规则 arts 3–4, 21; 《特邀调解规定》 art. 11)."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.rules import format_case_number
from omnicourt.db import utcnow
from omnicourt.dossier import service as dossier
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Conflict, Forbidden, NotFound
from omnicourt.filing import service as filing
from omnicourt.filing.models import FilingApplication
from omnicourt.mediation import records, rules
from omnicourt.mediation import service as mediation_service
from omnicourt.mediation.models import Mediation, MediationMessage, MediationParty, MediationReferral
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings


def refer(session: Session, *, actor: Actor, application_id: int) -> MediationReferral:
    """The filing officer refers a filing waiting for its decision to pre-filing mediation."""
    if actor.role != "filing_officer":
        raise Forbidden("只有立案庭工作人员可以将立案申请转诉前调解")
    application = filing.get_application(session, actor=actor, application_id=application_id, for_update=True)
    if application.status != "submitted":
        raise Conflict("只有待审查的立案申请可以转诉前调解", field="application_id")
    if session.scalar(select(MediationReferral.id).where(MediationReferral.application_id == application.id)):
        raise Conflict("该申请已转过诉前调解", field="application_id")
    return _hold(session, application, actor)


def _hold(session: Session, application: FilingApplication, actor: Actor) -> MediationReferral:
    referral = MediationReferral(court_id=application.court_id, application_id=application.id,
                                 referred_by=actor.id, referred_at=utcnow())
    session.add(referral)
    application.status = "referred"
    session.flush()
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_REFER,
                 object_type="filing_application", object_id=application.id, court_id=application.court_id,
                 details={"by": "officer", "cause": application.cause_code})
    return referral


def pending(session: Session, *, actor: Actor) -> list[FilingApplication]:
    """The applicant's filings held for its answer: referred by the court's causes or by the officer."""
    answered = select(MediationReferral.application_id).where(MediationReferral.consent.is_not(None))
    return list(session.scalars(select(FilingApplication).where(
        FilingApplication.applicant_id == actor.id, FilingApplication.status == "referred",
        FilingApplication.id.not_in(answered)).order_by(FilingApplication.id)))


def answer(session: Session, *, actor: Actor, application_id: int, consent: bool, today: date) -> MediationReferral:
    """The applicant consents (the filing becomes a pre-filing mediation) or declines (it goes to the officer)."""
    if actor.kind != "public":
        raise Forbidden("转诉前调解由立案申请人本人选择")
    application = filing.get_application(session, actor=actor, application_id=application_id, for_update=True)
    referral = session.scalar(select(MediationReferral).where(MediationReferral.application_id == application.id)
                              .with_for_update())
    if referral is not None and referral.consent is not None:
        raise Conflict("已对转诉前调解作出选择", field="consent")
    if application.applicant_id != actor.id or application.status != "referred":
        raise Conflict("该立案申请没有转诉前调解", field="application_id")
    if referral is None:  # referred by the court's configured causes when it was filed
        referral = MediationReferral(court_id=application.court_id, application_id=application.id,
                                     referred_by=None, referred_at=application.submitted_at)
        session.add(referral)
    referral.consent, referral.answered_at = consent, utcnow()
    if not consent:
        application.status = "submitted"
    else:
        referral.mediation_id = _mediation_of(session, actor, application, today).id
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_REFER, object_type="filing_application",
                 object_id=application.id, court_id=application.court_id,
                 details={"consent": consent, "mediation_id": referral.mediation_id})
    return referral


def _mediation_of(session: Session, actor: Actor, application: FilingApplication, today: date) -> Mediation:
    court = reference.court(session, application.court_id)
    cause = reference.cause_by_code(session, application.cause_code)
    serial = cases.next_serial(session, court_id=court.id, type_code=rules.PRE_FILING_TYPE_CODE, year=today.year)
    mediation = Mediation(
        court_id=court.id, kind="pre_filing",
        number=format_case_number(year=today.year, court_code=court.code, type_code=rules.PRE_FILING_TYPE_CODE,
                                  serial=serial),
        cause_code=cause.code, cause_name=cause.name, applicant_id=actor.id, filing=None, consented_at=utcnow(),
        status="returned", created_at=utcnow())
    session.add(mediation)
    session.flush()
    link = "agent" if any(p["role"] == "agent" for p in application.parties) else "plaintiff"
    linked = False
    for party in application.parties:
        mine = party["role"] == link and not linked
        linked = linked or mine
        session.add(MediationParty(mediation_id=mediation.id, court_id=mediation.court_id, role=party["role"],
                                   name=party["name"], number=party.get("id_number") or party.get("uscc"),
                                   account_id=actor.id if mine else None))
    for document in dossier.for_filing(session, application.id):
        session.add(MediationMessage(mediation_id=mediation.id, court_id=mediation.court_id, author_id=actor.id,
                                     author=f"{actor.display_name}（申请人）", text="随立案申请提交的材料",
                                     document_id=document.id, at=utcnow()))
    mediation_service.record_step(session, mediation=mediation, actor=actor, kind="applied",
                                  summary=f"立案申请（第{application.id}号）经当事人同意转诉前调解，编号{mediation.number}")
    mediation_service.assign_least_busy(session, mediation, today)
    return mediation


def return_to_filing(session: Session, settings: Settings, *, actor: Actor, mediation: Mediation) -> FilingApplication:
    """A failed referred mediation: its filing goes back to the officer's queue with the record of undisputed
    facts; done once (the mediation keeps the application's id)."""
    referral = session.scalar(select(MediationReferral).where(MediationReferral.mediation_id == mediation.id))
    if referral is None:
        raise Conflict("该调解不是由立案申请转来的", field="mediation_id")
    application = session.get(FilingApplication, referral.application_id, with_for_update=True)
    if application is None:
        raise NotFound("立案申请不存在", field="application_id")
    if mediation.filing_application_id is None:
        content = records.undisputed_facts_pdf(mediation, list(session.scalars(
            select(MediationParty).where(MediationParty.mediation_id == mediation.id).order_by(MediationParty.id))))
        upload = dossier.Upload("无争议事实记载.pdf", content)
        dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                      court_id=application.court_id, uploaded_by=actor.id, filing_application_id=application.id)
        application.status = "submitted"
        mediation.filing_application_id = application.id
    return application
