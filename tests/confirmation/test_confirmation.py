"""Judicial confirmation on SQLite and PostgreSQL: the joint application, the refusals with their rule (period,
court, nothing written), the 民特 case, the judge's ruling filed, delivered and closing the case, and rights."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from omnicourt.cases.models import Case
from omnicourt.confirmation import service as confirmation
from omnicourt.confirmation.models import ConfirmationApplication, ConfirmationJoin
from omnicourt.delivery.models import Delivery
from omnicourt.dossier.models import Document
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput
from omnicourt.mediation import service as mediation
from omnicourt.mediation.models import Mediation
from omnicourt.reference.models import Court
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.conftest import TODAY
from tests.mediation.conftest import PARTY_PASSWORD, World, accepted, propose, sign


def _court_id(db, world: World) -> int:
    with db.reading() as session:
        return session.get(Mediation, world.mediation_id).court_id


def _apply(db, settings, world: World, *, today=TODAY, court_id=None, party=None, password=PARTY_PASSWORD):
    with db.transaction() as session:
        return confirmation.apply(session, settings, actor=party or world.plaintiff, mediation_id=world.mediation_id,
                                  court_id=court_id or _court_id(db, world), password=password, e_delivery=True,
                                  today=today).id


def _join(db, world: World, application_id: int, *, today=TODAY, e_delivery=True):
    with db.transaction() as session:
        return confirmation.join(session, actor=world.defendant, mediation_id=world.mediation_id,
                                 password=PARTY_PASSWORD, e_delivery=e_delivery, today=today)


def _count(db, model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def _filed(db, settings, world: World, **join):
    application_id = _apply(db, settings, world)
    _join(db, world, application_id, **join)
    with db.reading() as session:
        application = session.get(ConfirmationApplication, application_id)
        case = session.get(Case, application.case_id)
        judge = security.actor_for(session, session.get(Account, case.judge_id))
        return application_id, case.id, judge


def test_a_joint_application_becomes_a_special_procedure_case(db, settings, settled: World):
    application_id = _apply(db, settings, settled)
    with db.reading() as session:
        application = session.get(ConfirmationApplication, application_id)
        assert (application.status, application.case_id) == ("joining", None)
        assert application.last_day >= TODAY + timedelta(days=30)
    with db.transaction() as session, pytest.raises(Conflict):  # the applicant has confirmed already
        confirmation.join(session, actor=settled.plaintiff, mediation_id=settled.mediation_id, password=PARTY_PASSWORD,
                          e_delivery=True, today=TODAY)
    _join(db, settled, application_id)
    with db.reading() as session:
        application = session.get(ConfirmationApplication, application_id)
        case = session.get(Case, application.case_id)
        assert application.status == "filed"
        assert "民特" in case.case_number and case.procedure == "special" and case.deadline_on is not None
        assert case.cause_code == "nonlit.mediation_confirmation"
        assert {p.name for p in case.parties if p.role != "agent"} == {"张三", "李四"}
        # both applicants see the case as parties
        assert confirmation.for_case(session, actor=settled.defendant, case_id=case.id).id == application_id
        assert confirmation.for_case(session, actor=settled.plaintiff, case_id=case.id).id == application_id


def test_out_of_time_wrong_court_or_unsettled_is_refused_and_writes_nothing(db, settings, world: World):
    with pytest.raises(Conflict):  # not signed yet
        _apply(db, settings, world)
    accepted(db, world)
    version = propose(db, world)
    sign(db, world, world.plaintiff, version)
    sign(db, world, world.defendant, version)
    before = _count(db, ConfirmationApplication), _count(db, ConfirmationJoin)
    with pytest.raises(InvalidInput, match="第二百零五条") as late:
        _apply(db, settings, world, today=TODAY + timedelta(days=45))
    assert late.value.field == "applied_on"
    with db.reading() as session:
        other = session.scalar(select(Court.id).where(Court.id != _court_id(db, world)).limit(1))
    with pytest.raises(InvalidInput, match="特邀调解的规定》第十九条") as wrong:
        _apply(db, settings, world, court_id=other)
    assert wrong.value.field == "court_id"
    with pytest.raises(InvalidInput) as bad_password:
        _apply(db, settings, world, password="not-the-password")
    assert bad_password.value.field == "password"
    with pytest.raises(Concealed):  # not a party of this mediation
        _apply(db, settings, world, party=world.stranger)
    assert (_count(db, ConfirmationApplication), _count(db, ConfirmationJoin)) == before


def test_the_last_party_joining_after_the_period_is_refused(db, settings, settled: World):
    application_id = _apply(db, settings, settled)
    with pytest.raises(InvalidInput, match="已超过申请期限"):
        _join(db, settled, application_id, today=TODAY + timedelta(days=45))
    with db.reading() as session:
        assert session.get(ConfirmationApplication, application_id).status == "joining"


def test_the_judge_confirms_and_the_ruling_is_filed_delivered_and_enforceable(db, settings, settled: World):
    application_id, case_id, judge = _filed(db, settings, settled, e_delivery=False)
    with db.transaction() as session, pytest.raises(Forbidden):  # the filing officer reads the case, does not rule
        confirmation.rule(session, settings, actor=settled.officer, case_id=case_id, grounds=[],
                          reason="", today=TODAY)
    with db.transaction() as session:
        ruling = confirmation.rule(session, settings, actor=judge, case_id=case_id, grounds=[],
                                   reason="", today=TODAY)
        assert ruling.delivered_to == ["张三"] and ruling.to_serve == ["李四"]  # 李四 did not consent
    with db.reading() as session:
        application = session.get(ConfirmationApplication, application_id)
        case = session.get(Case, case_id)
        document = session.get(Document, application.ruling_document_id)
        assert (application.status, application.enforceable, application.ruled_on) == ("confirmed", True, TODAY)
        assert (case.stage, case.closing_method, case.closed_on) == ("closed", "ruling", TODAY)
        assert document.case_id == case_id and document.content_type == "application/pdf"
        assert session.scalar(select(func.count()).select_from(Delivery).where(
            Delivery.document_id == document.id)) == 1
        assert mediation.view(session, actor=settled.defendant, mediation_id=settled.mediation_id).events[-1].kind \
            == "confirmed"
    with db.transaction() as session, pytest.raises(Conflict):  # ruled once
        confirmation.rule(session, settings, actor=judge, case_id=case_id, grounds=[], reason="",
                          today=TODAY)


def test_a_refusal_names_its_grounds_and_is_not_enforceable(db, settings, settled: World):
    application_id, case_id, judge = _filed(db, settings, settled)
    with db.transaction() as session, pytest.raises(InvalidInput):
        confirmation.rule(session, settings, actor=judge, case_id=case_id, grounds=["other"],
                          reason="", today=TODAY)
    with db.transaction() as session:
        ruling = confirmation.rule(session, settings, actor=judge, case_id=case_id,
                                   grounds=["involuntary"], reason="被申请人称签署时受到胁迫", today=TODAY)
        assert sorted(ruling.delivered_to) == ["张三", "李四"]
    with db.reading() as session:
        application = session.get(ConfirmationApplication, application_id)
        assert (application.status, application.enforceable, application.grounds) == (
            "refused", False, ["involuntary"])


def test_only_the_parties_and_the_case_see_an_application(db, settings, settled: World):
    application_id = _apply(db, settings, settled)
    with db.reading() as session:
        assert confirmation.get_application(session, actor=settled.defendant, application_id=application_id)
        for outsider in (settled.stranger, settled.mediator):
            with pytest.raises(Concealed):
                confirmation.get_application(session, actor=outsider, application_id=application_id)
        with pytest.raises(Forbidden):  # staff before there is a case
            confirmation.get_application(session, actor=settled.officer, application_id=application_id)
        assert [a.id for a in confirmation.mine(session, actor=settled.plaintiff)] == [application_id]
        assert confirmation.mine(session, actor=settled.stranger) == []
