"""Online fee payment through the simulated gateway: one order per Idempotency-Key, one payment per order however
often (or however simultaneously) the gateway calls back, the receipt filed in the dossier; on every backend."""

import io
import threading
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from omnicourt.cases.models import TimelineEvent
from omnicourt.dossier import service as dossier
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput
from omnicourt.fees import gateways, payments
from omnicourt.fees.models import FeePayment
from tests.conftest import actor_named
from tests.fees.conftest import FULL_FEE, OpenCase, callback, close, confirm, fee_account, start


def paid_events(db, case_id) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(TimelineEvent).where(
            TimelineEvent.case_id == case_id, TimelineEvent.kind == "fee_paid"))


def test_a_retried_request_with_the_same_key_makes_one_order(db, case):
    first = start(db, case, "same-key")
    assert start(db, case, "same-key") == first
    assert start(db, case, "another-key") == first  # the notice's open order, not a second one
    assert first[1] == FULL_FEE and isinstance(first[1], Decimal)
    assert len(fee_account(db, case).payments) == 1


def test_the_callback_pays_once_and_files_the_receipt(db, settings, case):
    order_no, amount = start(db, case)
    body, signature = callback(order_no, amount)
    assert confirm(db, settings, body, signature) == "paid"
    assert confirm(db, settings, body, signature) == "paid"  # the gateway retries
    account = fee_account(db, case)
    assert (account.paid, account.outstanding, account.notice.status) == (FULL_FEE, Decimal("0.00"), "paid")
    assert account.status_label == "已交纳" and paid_events(db, case.id) == 1
    (payment,) = account.payments
    with db.reading() as session:
        (receipt,) = [d for d in dossier.for_case(session, case.id) if d.id == payment.receipt_document_id]
    assert receipt.content_type == "application/pdf"
    text = PdfReader(io.BytesIO(dossier.read(storage_of(settings), receipt))).pages[0].extract_text()
    assert "5,800.00 元" in text and "伍仟捌佰元整" in text and order_no in text
    with pytest.raises(Conflict, match="无需再交纳"):
        start(db, case, "after-paying")


def test_two_callbacks_at_once_pay_once(db, settings, case):
    order_no, amount = start(db, case)
    body, signature = callback(order_no, amount)
    barrier, results, errors = threading.Barrier(2), [], []

    def deliver():
        barrier.wait()
        try:
            results.append(confirm(db, settings, body, signature))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and results == ["paid", "paid"]
    account = fee_account(db, case)
    assert account.paid == FULL_FEE and paid_events(db, case.id) == 1
    with db.reading() as session:
        receipts = [d for d in dossier.for_case(session, case.id) if d.filename.startswith("诉讼费交纳凭证")]
    assert len(receipts) == 1


def test_two_requests_with_one_key_at_once_make_one_order(db, case):
    barrier, orders = threading.Barrier(2), []

    def request():
        barrier.wait()
        orders.append(start(db, case, "raced-key"))

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(orders) == 2 and orders[0] == orders[1]
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(FeePayment)
                              .where(FeePayment.notice_id == case.notice_id)) == 1


def test_a_forged_or_altered_callback_pays_nothing(db, settings, case):
    order_no, amount = start(db, case)
    body, signature = callback(order_no, amount)
    with pytest.raises(Forbidden):
        confirm(db, settings, body.replace(b"SIM-", b"FAKE"), signature)
    with pytest.raises(InvalidInput, match="不符"):
        confirm(db, settings, *callback(order_no, Decimal("0.01")))
    assert fee_account(db, case).paid == Decimal("0.00")


def test_only_a_party_of_the_case_pays(db, case):
    with pytest.raises(Forbidden):
        start(db, case, actor=case.judge)
    with pytest.raises(Concealed):  # a case not theirs looks to a party like none
        start(db, case, actor=actor_named(db, "demo-party"))
    with pytest.raises(InvalidInput) as refused:
        start(db, case, key="  ")
    assert refused.value.field == "Idempotency-Key"


def test_a_missing_notice_or_order_and_another_partys_answer_a_party_the_same(db, case):
    stranger = actor_named(db, "demo-party")
    with pytest.raises(Concealed) as missing_notice:
        start(db, OpenCase(case.id, 10**9, case.party, case.judge))
    with pytest.raises(Concealed) as others_notice:
        start(db, case, actor=stranger)
    assert (missing_notice.value.message, missing_notice.value.field) == (
        others_notice.value.message, others_notice.value.field)
    order_no, _ = start(db, case)
    with db.reading() as session:
        with pytest.raises(Concealed) as missing_order:
            payments.simulated_order(session, actor=case.party, order_no="SIM-NO-SUCH-ORDER")
        with pytest.raises(Concealed) as others_order:
            payments.simulated_order(session, actor=stranger, order_no=order_no)
    assert (missing_order.value.message, missing_order.value.field) == (
        others_order.value.message, others_order.value.field)


def test_an_order_paid_after_the_closing_halved_the_fee_refunds_the_excess(db, settings, case):
    order_no, amount = start(db, case)
    close(db, settings, case, "withdrawal")
    assert confirm(db, settings, *callback(order_no, amount)) == "paid"
    account = fee_account(db, case)
    assert (account.paid, account.refunded, account.outstanding) == (FULL_FEE, FULL_FEE / 2, Decimal("0.00"))
    assert account.notice.status == "paid" and "多交部分退还" in account.refunds[0].reason


def test_a_callback_amount_written_as_a_json_number_is_read_exactly(db, settings, case):
    """5800.000000000000001 is 5800.0 as a float: read as a float it would pass for the order's amount."""
    gateway = gateways.configured(settings)
    order_no, amount = start(db, case)

    def body(number: str) -> bytes:
        return f'{{"order_no": "{order_no}", "amount": {number}, "reference": "R1", "status": "paid"}}'.encode()

    with pytest.raises(InvalidInput, match="不符"):
        confirm(db, settings, body(f"{amount}000000000000001"), gateway.signature(body(f"{amount}000000000000001")))
    assert confirm(db, settings, body(str(amount)), gateway.signature(body(str(amount)))) == "paid"
