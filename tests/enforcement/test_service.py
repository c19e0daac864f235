"""Applying, opening the enforcement case, and its freezes, on SQLite and PostgreSQL."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from omnicourt.cases.models import Case, CaseLink, TimelineEvent
from omnicourt.delivery import service as delivery
from omnicourt.delivery.models import Delivery
from omnicourt.dossier.models import Document
from omnicourt.enforcement import payments as enforcement_payments
from omnicourt.enforcement import service as enforcement
from omnicourt.enforcement.models import EnforcementApplication, PropertyMeasure
from omnicourt.enforcement.schemas import MeasureIn
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput
from omnicourt.notifications.models import Notification
from tests.conftest import TODAY, actor_named
from tests.enforcement.conftest import accepted, application, decided_case
from tests.evidence.conftest import open_case


def _officer(db, case_id: int):
    with db.reading() as session:
        case = session.get(Case, case_id)
        from omnicourt.security import service as security
        return security.actor_for(session, security.get_account(session, case.judge_id))


def test_an_application_opens_a_linked_enforcement_case_and_serves_its_notices(db, settings, decided):
    with db.transaction() as session:  # the debtor consented to electronic service in the trial
        delivery.confirm_address(session, actor=decided.debtor, case_id=decided.case_id,
                                 party_id=decided.debtor_party_id, consented=True, mobile="13900000002")
    case_id = accepted(db, settings, decided)
    with db.reading() as session:
        case = session.get(Case, case_id)
        assert case.type_code == "执" and "执" in case.case_number and case.deadline_on is not None
        assert case.deadline_on > TODAY + timedelta(days=170)  # six months (执行期限规定 art. 1)
        assert {p.role: p.name for p in case.parties} == {"plaintiff": "张三", "defendant": "李四"}
        assert case.title.startswith("张三申请执行李四") and case.title.endswith("一案")
        link = session.scalars(select(CaseLink).where(CaseLink.to_case_id == case_id)).one()
        assert (link.from_case_id, link.relation) == (decided.case_id, "enforcement")
        kinds = set(session.scalars(select(Document.kind).where(Document.case_id == case_id)))
        assert kinds == {"enforcement_notice", "property_report_order"}
        debtor = next(p for p in case.parties if p.role == "defendant")
        delivered = session.scalar(select(func.count()).select_from(Delivery).where(
            Delivery.case_id == case_id, Delivery.case_party_id == debtor.id))
        assert delivered == 2
        officer = session.get(Notification, session.scalar(select(func.max(Notification.id)).where(
            Notification.case_id == case_id)))
        assert officer.recipient_id == case.judge_id
        accepted_event = session.scalars(select(TimelineEvent).where(
            TimelineEvent.case_id == case_id, TimelineEvent.kind == "accepted")).one()
        assert "适用" not in accepted_event.summary  # an enforcement case has no trial procedure


def test_a_debtor_who_did_not_consent_is_served_by_the_court(db, settings, decided):
    case_id = accepted(db, settings, decided)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Delivery).where(Delivery.case_id == case_id)) == 0
        notice = session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == case_id,
                                                             TimelineEvent.kind == "enforcement_notice_issued")).one()
        assert "直接送达或者邮寄送达" in notice.summary


def test_a_late_application_is_taken_and_marked(db, settings, decided):
    long_ago = TODAY - timedelta(days=1000)
    with db.transaction() as session:
        made = enforcement.apply(session, actor=decided.creditor, today=TODAY, data=application(
            decided, effective_on=long_ago, performance_due_on=long_ago + timedelta(days=10)))
        assert made.late and made.status == "pending" and made.period_ends_on < TODAY


@pytest.mark.parametrize(("who", "overrides", "error", "field"), [
    ("stranger", {}, Concealed, "source_case_id"),
    ("debtor", {}, InvalidInput, "applicant_party_id"),
    ("creditor", {"respondent_party_ids": [0]}, InvalidInput, "respondent_party_ids"),
    ("creditor", {"source_document": "mediation_statement"}, InvalidInput, "source_document"),
    ("creditor", {"effective_on": TODAY + timedelta(days=1), "performance_due_on": None}, InvalidInput,
     "effective_on"),
    ("creditor", {"performance_due_on": TODAY - timedelta(days=60)}, InvalidInput, "performance_due_on"),
])
def test_bad_applications_are_refused_and_write_nothing(db, settings, decided, who, overrides, error, field):
    actor = getattr(decided, who)
    with db.reading() as session:
        before = session.scalar(select(func.count()).select_from(EnforcementApplication))
    with pytest.raises(error) as refused, db.transaction() as session:
        enforcement.apply(session, actor=actor, data=application(decided, **overrides), today=TODAY)
    assert refused.value.field == field
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(EnforcementApplication)) == before


def test_an_open_case_has_nothing_to_enforce_and_a_second_application_is_refused(db, settings, decided):
    opened = open_case(db, settings)
    with db.reading() as session:
        parties = {p.role: p.id for p in session.get(Case, opened.case_id).parties}
    with pytest.raises(Conflict, match="尚未审结"), db.transaction() as session:
        enforcement.apply(session, actor=opened.plaintiff, today=TODAY, data=application(
            decided, source_case_id=opened.case_id, applicant_party_id=parties["plaintiff"],
            respondent_party_ids=[parties["defendant"]]))
    with db.transaction() as session:
        enforcement.apply(session, actor=decided.creditor, data=application(decided), today=TODAY)
    with pytest.raises(Conflict, match="请勿重复申请"), db.transaction() as session:
        enforcement.apply(session, actor=decided.creditor, data=application(decided), today=TODAY)


def test_only_a_filing_officer_of_the_court_decides_and_only_once(db, settings, decided):
    with db.transaction() as session:
        application_id = enforcement.apply(session, actor=decided.creditor, data=application(decided),
                                           today=TODAY).id
    with pytest.raises(Forbidden), db.transaction() as session:
        enforcement.accept(session, settings, actor=decided.judge, application_id=application_id, today=TODAY)
    officer = actor_named(db, "demo-filing-officer")
    with pytest.raises(InvalidInput, match="理由"), db.transaction() as session:
        enforcement.refuse(session, actor=officer, application_id=application_id, reason="不")
    with db.transaction() as session:
        enforcement.refuse(session, actor=officer, application_id=application_id, reason="执行依据不明确")
    with pytest.raises(Conflict, match="不予受理"), db.transaction() as session:
        enforcement.accept(session, settings, actor=officer, application_id=application_id, today=TODAY)


def _freeze(key="6222 0000 1111", **overrides) -> MeasureIn:
    data = {"measure": "freeze", "asset_kind": "deposit", "asset_key": key, "description": "李四名下工商银行存款",
            "amount": Decimal("300000.00"), "starts_on": TODAY}
    return MeasureIn(**(data | overrides))


def test_a_freeze_runs_its_lawful_period_renews_and_releases(db, settings, decided):
    case_id = accepted(db, settings, decided)
    officer = _officer(db, case_id)
    with db.transaction() as session:
        measure = enforcement.take_measure(session, actor=officer, case_id=case_id, data=_freeze(), today=TODAY)
        measure_id, end = measure.id, measure.ends_on
        assert measure.asset_key == "622200001111"
    assert end.year == TODAY.year + 1 or (end.year == TODAY.year and TODAY.month == 1 and TODAY.day == 1)
    with pytest.raises(Conflict, match="不能重复"), db.transaction() as session:
        enforcement.take_measure(session, actor=officer, case_id=case_id, data=_freeze("622200001111"), today=TODAY)
    with pytest.raises(Forbidden), db.transaction() as session:
        enforcement.take_measure(session, actor=decided.judge, case_id=case_id, data=_freeze("1"), today=TODAY)
    with db.transaction() as session:
        renewed = enforcement.renew(session, actor=officer, case_id=case_id, measure_id=measure_id, ends_on=None,
                                    today=end - timedelta(days=3))
        assert renewed.renewals == 1 and renewed.ends_on > end
    with db.transaction() as session:
        enforcement.release(session, actor=officer, case_id=case_id, measure_id=measure_id, today=TODAY)
    with db.transaction() as session:  # released: the same account may be frozen again
        enforcement.take_measure(session, actor=officer, case_id=case_id, data=_freeze(), today=TODAY)
    with db.reading() as session:
        statuses = [v.status for v in enforcement.measures_of(session, actor=officer, case_id=case_id, today=TODAY)]
    assert statuses == ["released", "active"]


def test_the_sweep_warns_once_before_the_end_and_a_lapsed_freeze_shows_lapsed(db, settings, decided):
    case_id = accepted(db, settings, decided)
    officer = _officer(db, case_id)
    with db.transaction() as session:
        measure = enforcement.take_measure(session, actor=officer, case_id=case_id, data=_freeze(
            "car-1", measure="seizure", asset_kind="movable", amount=None, description="小型轿车",
            ends_on=TODAY + timedelta(days=30)), today=TODAY)
    with db.transaction() as session:
        assert enforcement.sweep_expiring(session, today=TODAY + timedelta(days=22)) == 0
    with db.transaction() as session:
        assert enforcement.sweep_expiring(session, today=TODAY + timedelta(days=23)) >= 1
    with db.transaction() as session:
        enforcement.sweep_expiring(session, today=TODAY + timedelta(days=24))
        warnings = session.scalar(select(func.count()).select_from(TimelineEvent).where(
            TimelineEvent.case_id == case_id, TimelineEvent.kind == "property_measure_expiring"))
        assert warnings == 1
    with db.reading() as session:
        lapsed = enforcement.measures_of(session, actor=officer, case_id=case_id, today=TODAY + timedelta(days=31))
        assert [v.status for v in lapsed if v.measure.id == measure.id] == ["lapsed"]
    with pytest.raises(InvalidInput, match="失效"), db.transaction() as session:
        enforcement.renew(session, actor=officer, case_id=case_id, measure_id=measure.id, ends_on=None,
                          today=TODAY + timedelta(days=31))


@pytest.mark.postgres
def test_two_officers_freezing_one_account_at_once_make_one_freeze(db, settings):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrency on PostgreSQL")
    decided = decided_case(db, settings)
    case_id = accepted(db, settings, decided)
    officer = _officer(db, case_id)
    barrier, outcomes = threading.Barrier(2), []

    def freeze() -> None:
        barrier.wait()
        try:
            with db.transaction() as session:
                enforcement.take_measure(session, actor=officer, case_id=case_id, data=_freeze("9558"), today=TODAY)
            outcomes.append("made")
        except Conflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=freeze) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["made", "refused"]
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(PropertyMeasure).where(
            PropertyMeasure.case_id == case_id, PropertyMeasure.asset_key == "9558")) == 1


def test_payments_are_recorded_with_their_source_and_reduce_what_is_owed(db, settings, decided):
    case_id = accepted(db, settings, decided)
    officer = _officer(db, case_id)
    from omnicourt.enforcement.schemas import PaymentIn

    with pytest.raises(InvalidInput) as refused, db.transaction() as session:
        enforcement_payments.record_payment(session, actor=officer, case_id=case_id, today=TODAY, data=PaymentIn(
            received_on=TODAY, amount=Decimal("1000"), source="cash", reference="T0"))
    assert refused.value.field == "source"
    with db.transaction() as session:
        enforcement_payments.record_payment(session, actor=officer, case_id=case_id, today=TODAY, data=PaymentIn(
            received_on=TODAY, amount=Decimal("100000"), source="deduction", reference="ICBC-0001"))
    with db.reading() as session:
        book = enforcement_payments.ledger(session, actor=officer, case_id=case_id, on=TODAY + timedelta(days=10))
    # applied for 300,000 with the performance period ending 20 days ago: 300,000 × 20 days, then 200,000 × 10
    assert book.received == Decimal("100000") and book.owed.debt == Decimal("200000")
    assert book.owed.double_interest == Decimal("1400.00")
