"""Online asset inquiry: one inquiry per debtor and agency, each answered by its own job through the adapter,
recorded once; an officer of the case only; a second round waits for the first."""

import pytest
from sqlalchemy import select

from omnicourt.cases.models import Case
from omnicourt.enforcement import inquiry
from omnicourt.enforcement.models import AssetInquiry
from omnicourt.errors import Conflict, Forbidden
from omnicourt.security import service as security
from tests.app.conftest import bearer, username_of
from tests.conftest import TODAY, actor_named
from tests.enforcement.conftest import accepted


def _officer(db, case_id):
    with db.reading() as session:
        return security.actor_for(session, security.get_account(session, session.get(Case, case_id).judge_id))


def test_the_simulated_agencies_answer_the_same_for_the_same_debtor():
    first = {agency: inquiry.simulated(agency, "李四", "330106198001010011") for agency in inquiry.AGENCIES}
    again = {agency: inquiry.simulated(agency, "李四", "330106198001010011") for agency in inquiry.AGENCIES}
    assert first == again
    others = [inquiry.simulated("bank", "王五", f"33010619800101{n:04d}") for n in range(30)]
    assert any(not r for r in others) and any(r for r in others)  # some debtors have nothing at an agency


def test_an_inquiry_round_is_answered_by_jobs_once(db, settings, decided):
    case_id = accepted(db, settings, decided)
    officer = _officer(db, case_id)
    with pytest.raises(Forbidden), db.transaction() as session:
        inquiry.start(session, actor=actor_named(db, "demo-filing-officer"), case_id=case_id, queue=None,
                      today=TODAY)
    with db.transaction() as session:
        sent = [i.id for i in inquiry.start(session, actor=officer, case_id=case_id, queue=None, today=TODAY)]
    assert len(sent) == len(inquiry.AGENCIES)  # one debtor
    with pytest.raises(Conflict, match="尚有机构未反馈"), db.transaction() as session:
        inquiry.start(session, actor=officer, case_id=case_id, queue=None, today=TODAY)
    assert {inquiry.answer(db, settings, inquiry_id=i) for i in sent} == {"answered"}
    assert inquiry.answer(db, settings, inquiry_id=sent[0]) == "answered"  # a run again changes nothing
    with db.reading() as session:
        rows = session.scalars(select(AssetInquiry).where(AssetInquiry.id.in_(sent))).all()
        debtor = next(p for p in session.get(Case, case_id).parties if p.role == "defendant")
        for row in rows:
            assert row.records == inquiry.simulated(row.agency, debtor.name, debtor.id_number)
    with db.transaction() as session:  # answered: a new round may go out
        inquiry.start(session, actor=officer, case_id=case_id, queue=None, today=TODAY)


def test_the_page_sends_the_round_the_jobs_answer_it_and_a_record_fills_the_measure_form(client, db, settings,
                                                                                         decided):
    case_id = accepted(db, settings, decided)
    with db.reading() as session:
        officer = bearer(client, username_of(db, session.get(Case, case_id).judge_id))
    sent = client.post(f"/bench/enforcement/cases/{case_id}/inquiries", headers=officer, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    assert "等待反馈" in client.get(f"/bench/enforcement/cases/{case_id}", headers=officer).text
    client.app.state.queue.drain()
    page = client.get(f"/bench/enforcement/cases/{case_id}", headers=officer).text
    assert "等待反馈" not in page and page.count('data-testid="inquiry-row"') == len(inquiry.AGENCIES)
    filled = client.get(f"/bench/enforcement/cases/{case_id}", headers=officer,
                        params={"asset_kind": "movable", "asset_key": "浙A12345", "description": "小型普通客车"}).text
    assert 'value="浙A12345"' in filled and '<option value="movable" selected' in filled
    assert client.get(f"/bench/enforcement/cases/{case_id}", headers=officer,
                      params={"asset_key": "x" * 65}).status_code == 422
