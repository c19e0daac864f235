"""A case ready to close or pay: filed by a party of its own, accepted, its judge known; 300,000 yuan, above
twice the average wage, so triage chooses the ordinary procedure and the fee is not yet halved."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import select

from omnicourt.cases.models import Case
from omnicourt.casework import closing
from omnicourt.dossier.service import Upload
from omnicourt.fees import gateways, payments
from omnicourt.fees.models import FeeNotice
from omnicourt.filing import service as filing
from omnicourt.security import service as security
from omnicourt.security.models import Account
from omnicourt.settings import Settings
from tests.conftest import TODAY, actor_named
from tests.factories import PDF_BYTES, register_party
from tests.factories import filing as make_filing

FULL_FEE = Decimal("5800.00")  # 300,000 yuan: 50 + 90,000 × 2.5 % + 100,000 × 2 % + 100,000 × 1.5 %


@dataclass
class OpenCase:
    id: int
    notice_id: int
    party: object
    judge: object


def open_case(db, settings) -> OpenCase:
    with db.transaction() as session:
        party = security.actor_for(session, register_party(session))
    with db.transaction() as session:
        application = filing.submit(session, settings, actor=party, data=make_filing(
            plaintiff_id=party.id_number, amount="300000.00"), uploads=[], today=TODAY)
    with db.transaction() as session:
        case = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                             application_id=application.id, today=TODAY)
        notice = session.scalar(select(FeeNotice).where(FeeNotice.case_id == case.id))
        assert case.procedure == "ordinary" and notice.charged_fee == notice.full_fee == FULL_FEE
        judge = security.actor_for(session, session.get(Account, case.judge_id))
        return OpenCase(case.id, notice.id, party, judge)


@pytest.fixture
def case(db, settings) -> OpenCase:
    return open_case(db, settings)


def close(db, settings, case: OpenCase, method: str, *, confirmed=True,
          document: Upload | None = Upload("结案文书.pdf", PDF_BYTES)) -> None:
    with db.transaction() as session:
        closing.close(session, settings, actor=case.judge, case_id=case.id, today=TODAY,
                      request=closing.ClosingRequest(method, TODAY, confirmed, document))


def start(db, case: OpenCase, key: str = "fee-key-1", actor=None):
    with db.transaction() as session:
        payment = payments.start_payment(session, actor=actor or case.party, notice_id=case.notice_id,
                                         idempotency_key=key, gateway=gateways.configured(Settings()))
        return payment.order_no, payment.amount


def callback(order_no: str, amount: Decimal) -> tuple[bytes, str]:
    return gateways.configured(Settings()).paid_callback(order_no, amount)


def confirm(db, settings, body: bytes, signature: str):
    with db.transaction() as session:
        return payments.confirm_payment(session, settings, gateway=gateways.configured(settings), body=body,
                                        signature=signature).status


def pay(db, settings, case: OpenCase, key: str = "fee-key-1"):
    order_no, amount = start(db, case, key)
    confirm(db, settings, *callback(order_no, amount))
    return order_no


def fee_account(db, case: OpenCase) -> payments.NoticeAccount:
    with db.reading() as session:
        notice_account = payments.account(session, session.get(FeeNotice, case.notice_id))
        session.expunge_all()
        return notice_account


def case_row(db, case_id: int) -> Case:
    with db.reading() as session:
        row = session.get(Case, case_id)
        session.expunge(row)
        return row
