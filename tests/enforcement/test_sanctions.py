"""The list of dishonest debtors: a decision filed and delivered, the public list with the number masked, one
listing per debtor of a case, and deletion when the ledger shows the debt paid."""

from datetime import timedelta
from decimal import Decimal

import pytest

from omnicourt.cases.models import Case
from omnicourt.dossier.models import Document
from omnicourt.enforcement import payments, sanctions
from omnicourt.enforcement.schemas import PaymentIn
from omnicourt.errors import Conflict, Forbidden, InvalidInput
from omnicourt.security import service as security
from tests.conftest import TODAY, actor_named
from tests.enforcement.conftest import accepted


def _officer(db, case_id):
    with db.reading() as session:
        return security.actor_for(session, security.get_account(session, session.get(Case, case_id).judge_id))


def test_list_publish_refuse_twice_and_delete_on_payment(db, settings, decided):
    case_id = accepted(db, settings, decided)
    officer = _officer(db, case_id)
    with db.reading() as session:
        debtor = next(p for p in session.get(Case, case_id).parties if p.role == "defendant")
    with pytest.raises(Forbidden), db.transaction() as session:
        sanctions.list_debtor(session, settings, actor=actor_named(db, "demo-filing-officer"), case_id=case_id,
                              debtor_party_id=debtor.id, ground=4, extra_years=0, facts="拒不报告财产", today=TODAY)
    with pytest.raises(InvalidInput) as refused, db.transaction() as session:
        sanctions.list_debtor(session, settings, actor=officer, case_id=case_id, debtor_party_id=debtor.id - 1,
                              ground=4, extra_years=0, facts="拒不报告财产", today=TODAY)
    assert refused.value.field == "debtor_party_id"
    with db.transaction() as session:
        listing = sanctions.list_debtor(session, settings, actor=officer, case_id=case_id, debtor_party_id=debtor.id,
                                        ground=4, extra_years=0, facts="拒不报告财产", today=TODAY)
        assert listing.ends_on is not None and listing.ends_on.year == TODAY.year + 2
        decision = session.get(Document, listing.decision_document_id)
        assert decision.case_id == case_id and decision.filename.startswith("失信决定书")
    with pytest.raises(Conflict, match="已在本案纳入"), db.transaction() as session:
        sanctions.list_debtor(session, settings, actor=officer, case_id=case_id, debtor_party_id=debtor.id,
                              ground=2, extra_years=0, facts="暴力抗拒执行", today=TODAY)
    with db.reading() as session:
        shown = [e for e in sanctions.published(session, today=TODAY) if e.name == debtor.name
                 and e.case_number == session.get(Case, case_id).case_number]
    assert len(shown) == 1 and shown[0].number == debtor.id_number[:10] + "****" + debtor.id_number[14:]
    with db.transaction() as session:  # the debt of 300,000 paid in full: the listing is deleted at once
        payments.record_payment(session, actor=officer, case_id=case_id, today=TODAY, data=PaymentIn(
            received_on=TODAY, amount=Decimal("300000"), source="voluntary", reference="PAY-1"))
    with db.reading() as session:
        listed = sanctions.of_case(session, case_id=case_id)
        assert [(x.removed_on, x.removal_ground) for x in listed] == [(TODAY, "performed")]
        assert not [e for e in sanctions.published(session, today=TODAY)
                    if e.case_number == session.get(Case, case_id).case_number]


def test_the_public_page_lists_without_signing_in(client):
    page = client.get("/dishonest-debtors")
    assert page.status_code == 200 and "失信被执行人名单" in page.text


def test_a_listing_s_end_drops_it_from_the_list(db, settings, decided):
    case_id = accepted(db, settings, decided)
    officer = _officer(db, case_id)
    with db.reading() as session:
        debtor = next(p for p in session.get(Case, case_id).parties if p.role == "defendant")
    with db.transaction() as session:
        listing = sanctions.list_debtor(session, settings, actor=officer, case_id=case_id, debtor_party_id=debtor.id,
                                        ground=5, extra_years=0, facts="违反限制消费令乘坐飞机", today=TODAY)
        ends = listing.ends_on
    with db.reading() as session:
        number = session.get(Case, case_id).case_number
        assert any(e.case_number == number for e in sanctions.published(session, today=ends))
        assert not any(e.case_number == number for e in sanctions.published(session, today=ends + timedelta(days=1)))
    with pytest.raises(InvalidInput), db.transaction() as session:
        sanctions.remove_by_officer(session, actor=officer, case_id=case_id, listing_id=listing.id, ground="whim",
                                    today=TODAY)
