"""Closing a case: confirmed, decided by a signed document filed in the dossier, and the fee following the
closing method (诉讼费用交纳办法 arts 8, 15; one halving only, 民诉法解释 art. 206); on every backend."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from omnicourt.cases import service as cases
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.dossier import service as dossier
from omnicourt.dossier.service import Upload
from omnicourt.errors import Conflict, Forbidden, InvalidInput
from omnicourt.fees.models import FeeNotice, FeeRefund
from omnicourt.filing import service as filing
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.conftest import TODAY, actor_named
from tests.factories import PNG_BYTES
from tests.factories import filing as make_filing
from tests.fees.conftest import FULL_FEE, OpenCase, case_row, close, fee_account, pay
from tests.filing.test_filing_flow import new_party


def events(db, case_id):
    with db.reading() as session:
        return list(session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == case_id)
                                    .order_by(TimelineEvent.id)))


def test_closing_files_the_deciding_document_and_names_it_on_the_timeline(db, settings, case):
    close(db, settings, case, "judgment")
    row = case_row(db, case.id)
    assert (row.stage, row.closing_method) == ("closed", "judgment")
    closed = events(db, case.id)[-1]
    with db.reading() as session:
        document = next(d for d in dossier.for_case(session, case.id) if d.id == closed.details["document_id"])
    assert document.filename == "结案文书.pdf" and document.content_type == "application/pdf"
    assert "判决书：结案文书.pdf" in closed.summary
    assert fee_account(db, case).notice.charged_fee == FULL_FEE  # a judgment leaves the fee as it was


@pytest.mark.parametrize(("confirmed", "document", "field"), [
    (False, Upload("调解书.pdf", b"%PDF-1.4\n%%EOF\n"), "confirmed"),
    (True, None, "document"),
    (True, Upload("调解书.png", PNG_BYTES), "document"),
    (True, Upload("调解书.pdf", b"not a pdf"), "document"),
])
def test_closing_without_confirmation_or_a_pdf_is_refused_and_writes_nothing(db, settings, case, confirmed,
                                                                             document, field):
    before = len(events(db, case.id))
    with pytest.raises(InvalidInput) as refused:
        close(db, settings, case, "mediation", confirmed=confirmed, document=document)
    assert refused.value.field == field
    assert case_row(db, case.id).stage != "closed" and len(events(db, case.id)) == before
    with db.reading() as session:
        assert dossier.for_case(session, case.id) == []


def test_only_the_judge_closes_and_a_closed_case_says_so_first(db, settings, case):
    closed_by_the_party = type(case)(case.id, case.notice_id, case.party, judge=case.party)
    with pytest.raises(Forbidden):
        close(db, settings, closed_by_the_party, "judgment")
    close(db, settings, case, "judgment")
    with pytest.raises(Conflict, match="已结案"):
        close(db, settings, case, "judgment", document=None)


@pytest.mark.parametrize("method", ["mediation", "withdrawal"])
def test_mediation_or_withdrawal_halves_the_unpaid_fee(db, settings, case, method):
    close(db, settings, case, method)
    account = fee_account(db, case)
    assert account.notice.charged_fee == FULL_FEE / 2 == account.outstanding
    assert "第十五条" in account.notice.basis[-1]
    assert [e.kind for e in events(db, case.id)][-2:] == ["closed", "fee_changed"]


def test_a_fee_already_halved_for_simple_procedure_is_not_halved_again(db, settings):
    party = new_party(db)
    with db.transaction() as session:
        application = filing.submit(session, settings, actor=party, data=make_filing(plaintiff_id=party.id_number),
                                    uploads=[], today=TODAY)
    with db.transaction() as session:
        case_id = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                                application_id=application.id, today=TODAY).id
    with db.reading() as session:
        row = session.get(Case, case_id)
        judge = security.actor_for(session, session.get(Account, row.judge_id))
        notice = session.scalar(select(FeeNotice).where(FeeNotice.case_id == case_id))
    assert row.procedure == "small_claims" and notice.charged_fee == notice.full_fee / 2
    small = OpenCase(case_id, notice.id, party, judge)
    close(db, settings, small, "mediation")
    assert fee_account(db, small).notice.charged_fee == notice.full_fee / 2
    assert [e.kind for e in events(db, case_id)][-1] == "closed"


def test_a_paid_fee_halved_on_mediation_refunds_the_half(db, settings, case):
    pay(db, settings, case)
    close(db, settings, case, "mediation")
    account = fee_account(db, case)
    assert (account.paid, account.refunded, account.outstanding) == (FULL_FEE, FULL_FEE / 2, Decimal("0.00"))
    assert account.status_label == "已交纳，部分退费"
    (refund,) = account.refunds
    assert refund.refund_no.startswith("R") and refund.gateway_reference and "第十五条" in refund.reason
    assert [e.kind for e in events(db, case.id)][-3:] == ["closed", "fee_changed", "fee_refunded"]


def test_dismissal_refunds_the_whole_fee(db, settings, case):
    pay(db, settings, case)
    close(db, settings, case, "dismissal")
    account = fee_account(db, case)
    assert account.notice.charged_fee == Decimal("0.00") and account.refunded == FULL_FEE
    assert "第八条" in account.refunds[0].reason
    with db.reading() as session:
        assert session.scalars(select(FeeRefund).where(FeeRefund.case_id == case.id)).all()


def test_the_timeline_the_party_sees_shows_the_closing_and_the_fee(db, settings, case):
    close(db, settings, case, "withdrawal")
    with db.reading() as session:
        row = cases.get_case(session, actor=case.party, case_id=case.id)
        summaries = [e.summary for e in cases.timeline(session, actor=case.party, case=row)]
    assert any("撤诉方式结案" in s for s in summaries)
    assert any(s.startswith(f"案件受理费改为 {FULL_FEE / 2}") for s in summaries)
