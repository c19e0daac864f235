"""Mediation on SQLite and PostgreSQL: applying, the mediator's acceptance, rights, the agreement's versions and
signatures, the sweep, entrusted mediation with the trial deadline, and the hand-over to filing."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from omnicourt.deadlines.models import DeadlineAdjustment
from omnicourt.dossier.models import Document
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput
from omnicourt.filing import service as filing
from omnicourt.filing.models import FilingApplication
from omnicourt.mediation import service as mediation
from omnicourt.mediation.models import AgreementSignature, Mediation, MediationEvent
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.conftest import TODAY, actor_named
from tests.factories import filing as make_filing
from tests.mediation.conftest import World, accepted, apply, new_mediator, propose, sign, terms


def _mediation(db, mediation_id) -> Mediation:
    with db.reading() as session:
        return session.get(Mediation, mediation_id)


def _count(db, model, **where) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).filter_by(**where))


def test_a_party_applies_and_the_mediation_is_numbered_and_given_to_a_mediator(db, world: World):
    found = _mediation(db, world.mediation_id)
    assert "浙0106民诉前调" in found.number and found.number.startswith(f"（{TODAY.year}）")
    assert found.status == "waiting" and found.assigned_on == TODAY and found.accept_by > TODAY
    assert found.filing["claims"][0]["description"] == "判令被告偿还借款本金"
    with db.reading() as session:
        assert security.get_account(session, world.mediator.id).id == session.get(
            mediation.Mediator, found.mediator_id).account_id


def test_without_consent_or_with_a_bad_filing_nothing_is_written(db, settings, world: World):
    before = _count(db, Mediation)
    with db.transaction() as session, pytest.raises(InvalidInput, match="同意先行调解"):
        mediation.apply(session, settings, actor=world.plaintiff, data=make_filing(), uploads=[], consent=False,
                        today=TODAY)
    with db.transaction() as session, pytest.raises(InvalidInput, match="被告"):
        mediation.apply(session, settings, actor=world.plaintiff, data=make_filing(defendant=False), uploads=[],
                        consent=True, today=TODAY)
    assert _count(db, Mediation) == before


def test_a_mediator_and_the_parties_see_it_and_nobody_else(db, world: World):
    with db.reading() as session:
        for actor in (world.plaintiff, world.defendant, world.mediator):
            assert mediation.get_mediation(session, actor=actor, mediation_id=world.mediation_id)
            assert world.mediation_id in [m.id for m in mediation.mine(session, actor=actor)]
        for actor in (world.stranger, world.other_mediator):
            with pytest.raises(Concealed):
                mediation.get_mediation(session, actor=actor, mediation_id=world.mediation_id)
            assert world.mediation_id not in [m.id for m in mediation.mine(session, actor=actor)]
        with pytest.raises(Forbidden):
            mediation.get_mediation(session, actor=actor_named(db, "c2-filing-officer1"),
                                    mediation_id=world.mediation_id)


def test_only_the_assigned_mediator_accepts_and_the_limit_runs_from_then(db, world: World):
    with db.transaction() as session, pytest.raises(Forbidden):
        mediation.accept(session, actor=world.defendant, mediation_id=world.mediation_id, today=TODAY)
    accepted(db, world)
    found = _mediation(db, world.mediation_id)
    assert (found.status, found.accepted_on, found.ends_on) == ("in_progress", TODAY, TODAY + timedelta(days=30))
    with db.transaction() as session, pytest.raises(Conflict):
        mediation.accept(session, actor=world.mediator, mediation_id=world.mediation_id, today=TODAY)


def test_the_sweep_returns_a_file_not_accepted_within_3_working_days(db, world: World):
    accept_by = _mediation(db, world.mediation_id).accept_by
    with db.transaction() as session:
        assert world.mediation_id not in _returned(session, accept_by)
    with db.transaction() as session:
        mediation.sweep_unaccepted(session, today=accept_by + timedelta(days=1))
    found = _mediation(db, world.mediation_id)
    assert (found.status, found.mediator_id) == ("returned", None)
    with db.transaction() as session:
        mediation.designate(session, actor=world.officer, mediation_id=world.mediation_id,
                            mediator_id=_mediator_id(session, world.mediator), today=TODAY)
    assert _mediation(db, world.mediation_id).status == "waiting"


def _returned(session, accept_by) -> list[int]:
    mediation.sweep_unaccepted(session, today=accept_by)  # the last day itself is still in time
    return list(session.scalars(select(Mediation.id).where(Mediation.status == "returned")))


def _mediator_id(session, actor) -> int:
    return session.scalar(select(mediation.Mediator.id).where(mediation.Mediator.account_id == actor.id))


def test_messages_and_documents_go_both_ways(db, settings, world: World):
    accepted(db, world)
    with db.transaction() as session, pytest.raises(Conflict, match="尚未同意异步调解"):
        mediation.post_message(session, settings, actor=world.mediator, mediation_id=world.mediation_id,
                               text="建议分两期还款", upload=None)
    consent_all(db, world)
    with db.transaction() as session:
        mediation.post_message(session, settings, actor=world.mediator, mediation_id=world.mediation_id,
                               text="建议分两期还款", upload=None)
        mediation.post_message(session, settings, actor=world.defendant, mediation_id=world.mediation_id,
                               text="同意分期", upload=None)
    with db.transaction() as session, pytest.raises(InvalidInput, match="留言内容"):
        mediation.post_message(session, settings, actor=world.plaintiff, mediation_id=world.mediation_id,
                               text="  ", upload=None)
    with db.reading() as session:
        found = mediation.view(session, actor=world.plaintiff, mediation_id=world.mediation_id)
    assert [m.author for m in found.messages[1:]] == ["调解员王调解", "被申请人李四"]
    assert found.messages[0].document_id is not None  # the file sent with the application


def test_a_changed_agreement_is_a_new_version_and_earlier_signatures_lapse(db, world: World):
    accepted(db, world)
    first = propose(db, world)
    sign(db, world, world.plaintiff, first)
    second = propose(db, world, amount="11000.00")
    assert second == 2
    with pytest.raises(Conflict, match="第2版"):
        sign(db, world, world.defendant, first)
    sign(db, world, world.defendant, second)
    found = _mediation(db, world.mediation_id)
    assert found.status == "in_progress"  # the plaintiff signed version 1 only
    sign(db, world, world.plaintiff, second)
    found = _mediation(db, world.mediation_id)
    assert (found.status, found.ended_on) == ("settled", TODAY)
    with db.reading() as session:
        rows = mediation.signatures(session, actor=world.mediator, mediation_id=world.mediation_id)
    assert [(a.version, a.status) for a, _ in rows] == [(1, "superseded"), (2, "effective"), (2, "effective")]
    assert all(s.method == "password" and s.signed_at for _, s in rows)


def test_a_signature_needs_the_password_again_and_the_wrong_one_writes_nothing(db, world: World):
    accepted(db, world)
    version = propose(db, world)
    before = _count(db, AgreementSignature)
    with pytest.raises(InvalidInput, match="密码不正确"):
        sign(db, world, world.plaintiff, version, password="wrong-password-1")
    with pytest.raises(Concealed):
        sign(db, world, world.stranger, version)
    assert _count(db, AgreementSignature) == before


def test_the_agreement_names_only_parties_as_obligors(db, world: World):
    accepted(db, world)
    bad = mediation.Terms((mediation.Obligation("王五", "付款", "1.00", None),), "违约金")
    with db.transaction() as session, pytest.raises(InvalidInput, match="履行人"):
        mediation.propose(session, actor=world.mediator, mediation_id=world.mediation_id, terms=bad)
    with db.transaction() as session, pytest.raises(Forbidden):
        mediation.propose(session, actor=world.plaintiff, mediation_id=world.mediation_id, terms=terms())


def test_a_party_withdraws(db, world: World):
    with db.transaction() as session:
        mediation.withdraw(session, actor=world.defendant, mediation_id=world.mediation_id, today=TODAY)
    assert _mediation(db, world.mediation_id).status == "withdrawn"


def _failed(db, world: World) -> None:
    accepted(db, world)
    with db.transaction() as session:
        mediation.fail(session, actor=world.mediator, mediation_id=world.mediation_id, reason="双方对金额分歧较大",
                       undisputed_facts="被告于2025年3月向原告借款12000元。", today=TODAY)


def test_a_failed_mediation_hands_over_everything_once(db, settings, world: World):
    _failed(db, world)
    with db.transaction() as session, pytest.raises(Forbidden):
        mediation.hand_over(session, settings, actor=world.defendant, mediation_id=world.mediation_id, today=TODAY)
    with db.transaction() as session:
        first = mediation.hand_over(session, settings, actor=world.plaintiff, mediation_id=world.mediation_id,
                                    today=TODAY).id
    with db.transaction() as session:
        again = mediation.hand_over(session, settings, actor=world.plaintiff, mediation_id=world.mediation_id,
                                    today=TODAY).id
    assert first == again and _count(db, FilingApplication, id=first) == 1
    filed = _mediation(db, world.mediation_id).filing
    with db.reading() as session:
        application = filing.get_application(session, actor=world.plaintiff, application_id=first)
        assert (application.status, application.cause_code) == ("submitted", filed["cause_code"])
        assert [(p["role"], p["name"], p["id_number"]) for p in application.parties] == \
            [(p["role"], p["name"], p["id_number"]) for p in filed["parties"]]
        assert application.claims == [{"description": "判令被告偿还借款本金", "amount": "12000.00"}]
        assert application.facts_and_reasons == filed["facts_and_reasons"]
        names = sorted(session.scalars(select(Document.filename).where(Document.filing_application_id == first)))
    assert names == ["借条.pdf", "无争议事实记载.pdf"]


def test_only_a_failed_pre_filing_mediation_hands_over(db, settings, world: World):
    with db.transaction() as session, pytest.raises(Conflict):
        mediation.hand_over(session, settings, actor=world.plaintiff, mediation_id=world.mediation_id, today=TODAY)


def test_two_hand_overs_at_once_make_one_filing(db, settings, world: World):
    if db.is_sqlite:
        pytest.skip("concurrent hand-overs: PostgreSQL's row lock (SQLite takes one writer at a time anyway)")
    _failed(db, world)
    barrier, results, errors = threading.Barrier(2), [], []

    def hand_over():
        try:
            barrier.wait()
            with db.transaction() as session:
                results.append(mediation.hand_over(session, settings, actor=world.plaintiff,
                                                   mediation_id=world.mediation_id, today=TODAY).id)
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)

    threads = [threading.Thread(target=hand_over) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(results) == 2 and results[0] == results[1]
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(FilingApplication).where(
            FilingApplication.id == results[0])) == 1
        assert session.scalar(select(func.count()).select_from(MediationEvent).where(
            MediationEvent.mediation_id == world.mediation_id, MediationEvent.kind == "handed_over")) == 1
        applicant_filings = session.scalar(select(func.count()).select_from(FilingApplication).where(
            FilingApplication.applicant_id == world.plaintiff.id))
    assert applicant_filings == 1


def test_an_entrusted_extension_is_a_period_not_counted_in_the_trial_deadline(db, settings):
    from tests.evidence.conftest import open_case

    parties = open_case(db, settings)
    mediator = new_mediator(db)
    with db.transaction() as session, pytest.raises(Forbidden):
        mediation.entrust(session, actor=parties.plaintiff, case_id=parties.case_id, today=TODAY)
    with db.transaction() as session:
        entrusted = mediation.entrust(session, actor=parties.judge, case_id=parties.case_id, today=TODAY)
        mediation_id, number = entrusted.id, entrusted.number
    with db.transaction() as session:
        found = mediation.accept(session, actor=mediator, mediation_id=mediation_id, today=TODAY)
        assert found.ends_on == TODAY + timedelta(days=15) and number.endswith("民初" + number.split("民初")[1])
    with db.transaction() as session, pytest.raises(Forbidden):
        mediation.extend(session, actor=mediator, mediation_id=mediation_id, ends_on=TODAY + timedelta(days=25),
                         all_consent=True, today=TODAY)
    with db.transaction() as session:
        mediation.extend(session, actor=parties.judge, mediation_id=mediation_id,
                         ends_on=TODAY + timedelta(days=25), all_consent=True, today=TODAY)
    with db.reading() as session:
        adjustment = session.scalar(select(DeadlineAdjustment).where(DeadlineAdjustment.case_id == parties.case_id))
        assert (adjustment.suspension_kind, adjustment.starts_on, adjustment.ends_on, adjustment.status) == (
            "entrusted_mediation_extension", TODAY + timedelta(days=16), TODAY + timedelta(days=25), "pending")
        # the plaintiff, a party of the case, sees the entrusted mediation; the defendant by its verified number
        assert mediation.get_mediation(session, actor=parties.defendant, mediation_id=mediation_id)


def test_the_roster_is_kept_by_the_court(db, world: World):
    with db.transaction() as session, pytest.raises(Forbidden):
        mediation.register_mediator(session, actor=world.plaintiff, username="x-mediator", password="x",
                                    name="x", phone="13900000000", organisation_id=None, specialities=[], areas=[])
    with db.transaction() as session, pytest.raises(InvalidInput):
        mediation.register_mediator(session, actor=world.officer, username="bad-cause-mediator",
                                    password="mediate-horse-9", name="赵", phone="13900000000", organisation_id=None,
                                    specialities=["no.such.cause"], areas=[])
    with db.reading() as session:
        assert session.scalar(select(Account.id).where(Account.username == "bad-cause-mediator")) is None
    with db.transaction() as session:
        organisation = mediation.add_organisation(session, actor=world.officer, name="西湖区人民调解委员会",
                                                  kind="people")
        assert organisation.court_id == world.officer.court_id


def test_a_mediator_cannot_file(db, settings, world: World):
    with db.transaction() as session, pytest.raises(Forbidden):
        mediation.apply(session, settings, actor=world.mediator, data=make_filing(), uploads=[], consent=True,
                        today=TODAY)


def test_a_second_application_gets_the_next_number(db, settings, world: World):
    second, *_ = apply(db, settings)
    first_number, second_number = _mediation(db, world.mediation_id).number, _mediation(db, second).number
    assert int(second_number.split("民诉前调")[1][:-1]) == int(first_number.split("民诉前调")[1][:-1]) + 1


def consent_all(db, world: World):
    for actor in (world.plaintiff, world.defendant):
        with db.transaction() as session:
            mediation.give_async_consent(session, actor=actor, mediation_id=world.mediation_id, consented=True)


def test_asynchronous_mediation_needs_every_party_and_names_who_is_missing(db, settings, world: World):
    """在线诉讼规则 art. 20(1): a refusal is named before a silence; a party may change its mind."""
    accepted(db, world)

    def post():
        with db.transaction() as session:
            mediation.post_message(session, settings, actor=world.defendant, mediation_id=world.mediation_id,
                                   text="同意分期", upload=None)
    with db.transaction() as session:
        mediation.give_async_consent(session, actor=world.defendant, mediation_id=world.mediation_id,
                                     consented=True)
    with pytest.raises(Conflict, match=r"^申请人\S+尚未同意异步调解"):
        post()
    with db.transaction() as session:
        mediation.give_async_consent(session, actor=world.plaintiff, mediation_id=world.mediation_id,
                                     consented=False)
    with pytest.raises(Conflict, match=r"^申请人\S+不同意异步调解"):
        post()
    with db.transaction() as session, pytest.raises(Forbidden):
        mediation.give_async_consent(session, actor=world.mediator, mediation_id=world.mediation_id,
                                     consented=True)
    consent_all(db, world)
    post()
    with db.reading() as session:
        found = mediation.view(session, actor=world.plaintiff, mediation_id=world.mediation_id)
        assert [m.author for m in found.messages[1:]] == ["被申请人李四"]
        assert "async_consent" in [e.kind for e in found.events]
