"""Referral before acceptance on SQLite and PostgreSQL: a court's configured causes and the filing officer refer a
filing; the party's consent makes it a pre-filing mediation with its parties and documents, its refusal sends it to
the officer as before; a failed referred mediation returns the same filing once, with the undisputed facts."""

import pytest
from sqlalchemy import func, select

from omnicourt.dossier.models import Document
from omnicourt.dossier.service import Upload
from omnicourt.errors import Conflict, Forbidden
from omnicourt.filing import rules as filing_rules
from omnicourt.filing import service as filing
from omnicourt.filing.models import FilingApplication
from omnicourt.mediation import referral
from omnicourt.mediation import service as mediation
from omnicourt.mediation.models import Mediation, MediationParty, MediationReferral
from omnicourt.security import service as security
from tests.conftest import TODAY, actor_named
from tests.factories import PDF_BYTES, register_party
from tests.factories import filing as make_filing
from tests.mediation.conftest import new_mediator


def _submit(db, settings):
    with db.transaction() as session:
        plaintiff = security.actor_for(session, register_party(session))
    with db.transaction() as session:
        application = filing.submit(session, settings, actor=plaintiff, data=make_filing(
            plaintiff_id=plaintiff.id_number), uploads=[Upload("借条.pdf", PDF_BYTES)], today=TODAY)
        return application.id, plaintiff


def _status(db, application_id) -> str:
    with db.reading() as session:
        return session.get(FilingApplication, application_id).status


def test_a_court_refers_the_causes_it_configured():
    by_court = {"浙0106": ("cont.contract.loan",)}
    assert filing_rules.referred_to_mediation("浙0106", "cont.contract.loan.private", by_court)
    assert not filing_rules.referred_to_mediation("浙0106", "tort.tort.motor_vehicle", by_court)
    assert not filing_rules.referred_to_mediation("浙0102", "cont.contract.loan.private", by_court)


def test_without_consent_the_filing_goes_to_the_officer(db, settings):
    referring = settings.model_copy(update={"mediation_referral_by_court": {"浙0106": ("cont.contract.loan",)}})
    application_id, plaintiff = _submit(db, referring)
    officer = actor_named(db, "demo-filing-officer")
    assert _status(db, application_id) == "referred"
    with db.transaction() as session, pytest.raises(Conflict):  # held from the officer until the party answers
        filing.accept(session, settings, actor=officer, application_id=application_id, today=TODAY)
    with db.reading() as session:
        assert [a.id for a in referral.pending(session, actor=plaintiff)] == [application_id]
    with db.transaction() as session:
        referral.answer(session, actor=plaintiff, application_id=application_id, consent=False, today=TODAY)
    assert _status(db, application_id) == "submitted"
    with db.transaction() as session, pytest.raises(Conflict):  # answered once
        referral.answer(session, actor=plaintiff, application_id=application_id, consent=True, today=TODAY)
    _, other = _submit(db, settings)  # the default configuration refers nothing
    with db.reading() as session:
        assert referral.pending(session, actor=other) == []


def test_with_consent_it_is_mediated_and_a_failure_returns_the_same_filing_once(db, settings):
    mediator = new_mediator(db)
    application_id, plaintiff = _submit(db, settings)
    officer = actor_named(db, "demo-filing-officer")
    with db.transaction() as session, pytest.raises(Forbidden):
        referral.refer(session, actor=plaintiff, application_id=application_id)
    with db.transaction() as session:
        referral.refer(session, actor=officer, application_id=application_id)
    with db.transaction() as session, pytest.raises(Conflict):
        referral.refer(session, actor=officer, application_id=application_id)
    with db.transaction() as session:
        mediation_id = referral.answer(session, actor=plaintiff, application_id=application_id, consent=True,
                                       today=TODAY).mediation_id
    with db.reading() as session:
        found = mediation.view(session, actor=plaintiff, mediation_id=mediation_id)
        assert found.mediation.number.endswith("号") and "民诉前调" in found.mediation.number
        assert {p.name for p in found.parties} == {"张三", "李四"}
        assert [m.document_id is not None for m in found.messages] == [True]  # the filed document, not copied
    with db.transaction() as session:
        mediation.accept(session, actor=mediator, mediation_id=mediation_id, today=TODAY)
    with db.transaction() as session:
        mediation.fail(session, actor=mediator, mediation_id=mediation_id, reason="差距过大",
                       undisputed_facts="借款12000元已交付", today=TODAY)
    for _ in range(2):
        with db.transaction() as session:
            assert mediation.hand_over(session, settings, actor=plaintiff, mediation_id=mediation_id,
                                       today=TODAY).id == application_id
    assert _status(db, application_id) == "submitted"
    with db.reading() as session:
        facts = session.scalar(select(func.count()).select_from(Document).where(
            Document.filing_application_id == application_id, Document.filename == "无争议事实记载.pdf"))
        assert facts == 1
        assert session.scalar(select(func.count()).select_from(FilingApplication).where(
            FilingApplication.applicant_id == plaintiff.id)) == 1
        assert session.get(Mediation, mediation_id).filing_application_id == application_id
        assert session.scalar(select(MediationReferral.consent).where(
            MediationReferral.application_id == application_id)) is True
        assert session.scalar(select(func.count()).select_from(MediationParty).where(
            MediationParty.mediation_id == mediation_id, MediationParty.account_id == plaintiff.id)) == 1
