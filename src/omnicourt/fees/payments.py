"""Online fee payment (诉讼费网上缴纳): orders through a gateway adapter, the gateway's signed callback, the receipt
in the case's dossier, and refunds when the closing lowers the fee (诉讼费用交纳办法 arts 8, 15, 53).

Idempotent on both sides: a payment request retried with the same Idempotency-Key returns the same order (and a
notice has at most one open order), and a callback retried or delivered twice at once pays once — the order row is
locked and a paid order is returned as it is.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.db import utcnow
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import Storage, storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.fees import gateways, receipts, service
from omnicourt.fees.models import FeeNotice, FeePayment, FeeRefund
from omnicourt.idempotency import service as idempotency
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

if TYPE_CHECKING:
    from omnicourt.cases.models import Case
    from omnicourt.dossier.models import Document

ZERO = Decimal("0.00")
GATEWAY_LABELS = {"simulated": "模拟支付（测试环境）"}
MAX_KEY_LENGTH = 64
# One answer to a public account for a missing notice or order and for another's, or it could tell which exist.
CONCEALED_NOTICE = "交费通知不存在或无权查看"
CONCEALED_ORDER = "支付订单不存在或无权查看"


@dataclass
class NoticeAccount:
    """A notice with what was paid and refunded on it, and what it still asks."""

    notice: FeeNotice
    payments: list[FeePayment] = field(default_factory=list)
    refunds: list[FeeRefund] = field(default_factory=list)

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.status == "paid"), ZERO)

    @property
    def refunded(self) -> Decimal:
        return sum((r.amount for r in self.refunds), ZERO)

    @property
    def outstanding(self) -> Decimal:
        return max(self.notice.charged_fee - (self.paid - self.refunded), ZERO)

    @property
    def excess(self) -> Decimal:
        return max(self.paid - self.refunded - self.notice.charged_fee, ZERO)

    @property
    def status_label(self) -> str:
        if self.outstanding:
            return "待交纳"
        if not self.paid:
            return "无需交纳"
        return "已交纳，部分退费" if self.refunded else "已交纳"


def account(session: Session, notice: FeeNotice) -> NoticeAccount:
    payments = session.scalars(select(FeePayment).where(FeePayment.notice_id == notice.id).order_by(FeePayment.id))
    refunds = session.scalars(select(FeeRefund).where(FeeRefund.notice_id == notice.id).order_by(FeeRefund.id))
    return NoticeAccount(notice, list(payments), list(refunds))


def accounts_for_case(session: Session, case_id: int) -> list[NoticeAccount]:
    return [account(session, notice) for notice in service.notices_for_case(session, case_id)]


def _idempotency_key(text: str | None) -> str:
    key = (text or "").strip()
    if not key:
        raise InvalidInput("缺少幂等键（Idempotency-Key），请刷新页面后重试", field="Idempotency-Key")
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(f"幂等键（Idempotency-Key）最长 {MAX_KEY_LENGTH} 个字符", field="Idempotency-Key")
    idempotency.check_key(key)
    return key


def start_payment(session: Session, *, actor: Actor, notice_id: int, idempotency_key: str | None,
                  gateway: gateways.PaymentGateway) -> FeePayment:
    """The order that pays what the notice still asks: the same one for a retried request, or the notice's open one."""
    if actor.is_staff:
        raise Forbidden("只有本案当事人可以在线交纳诉讼费", field="notice_id")
    notice = session.get(FeeNotice, notice_id, with_for_update=True)  # queues requests for one notice
    if notice is None or not cases.is_party(session, actor, notice.case_id):
        raise Concealed(CONCEALED_NOTICE, field="notice_id")
    key = _idempotency_key(idempotency_key)
    retried = session.scalar(select(FeePayment).where(FeePayment.payer_id == actor.id,
                                                      FeePayment.idempotency_key == key))
    if retried is not None:
        if retried.notice_id != notice.id:
            raise Conflict("该幂等键已用于另一笔交费", field="Idempotency-Key")
        return retried
    notice_account = account(session, notice)
    if not notice_account.outstanding:
        raise Conflict("该交费通知已无需再交纳", field="notice_id")
    open_order = next((p for p in notice_account.payments
                       if p.status == "pending" and p.amount == notice_account.outstanding), None)
    if open_order is not None:
        return open_order
    order_no = f"F{notice.id:08d}{secrets.token_hex(6).upper()}"
    order = gateway.create_order(order_no=order_no, amount=notice_account.outstanding, subject="案件受理费")
    payment = FeePayment(notice_id=notice.id, case_id=notice.case_id, court_id=notice.court_id, amount=order.amount,
                         gateway=gateway.name, order_no=order.order_no, pay_url=order.pay_url, idempotency_key=key,
                         payer_id=actor.id, status="pending", created_at=utcnow())
    session.add(payment)
    audit.record(session, actor_id=actor.id, action=AuditAction.FEE_ORDER, object_type="fee_notice",
                 object_id=notice.id, court_id=notice.court_id,
                 details={"order_no": order_no, "amount": str(order.amount)})
    return payment


def simulated_order(session: Session, *, actor: Actor, order_no: str) -> FeePayment:
    """The payer's own order at the simulated gateway."""
    if actor.is_staff:
        raise Forbidden("只有交费的当事人可以打开支付订单", field="order_no")
    payment = session.scalar(select(FeePayment).where(FeePayment.order_no == order_no[:40]))
    if payment is None or payment.gateway != "simulated" or payment.payer_id != actor.id:
        raise Concealed(CONCEALED_ORDER, field="order_no")
    return payment


def receipt_document(session: Session, *, actor: Actor, case_id: int, payment_id: int) -> Document:
    cases.get_case(session, actor=actor, case_id=case_id)
    payment = session.get(FeePayment, payment_id)
    document = None
    if payment is not None and payment.case_id == case_id:
        document = next((d for d in dossier.for_case(session, case_id) if d.id == payment.receipt_document_id), None)
    if document is None:
        raise NotFound("交费凭证不存在", field="payment_id")
    return document


def confirm_payment(session: Session, settings: Settings, *, gateway: gateways.PaymentGateway, body: bytes,
                    signature: str) -> FeePayment:
    """The gateway says an order is paid: mark it paid once, file the receipt, refund anything paid beyond the fee."""
    callback = gateway.verify_callback(body, signature)
    payment = session.scalar(select(FeePayment).where(FeePayment.order_no == callback.order_no).with_for_update())
    if payment is None or payment.gateway != gateway.name:
        raise NotFound("支付订单不存在", field="order_no")
    if payment.status == "paid":
        return payment  # a retried or duplicate callback
    if callback.amount != payment.amount:
        raise InvalidInput(f"回调金额 {callback.amount} 元与订单金额 {payment.amount} 元不符", field="amount")
    notice = session.get_one(FeeNotice, payment.notice_id, with_for_update=True)
    paid_at = utcnow()
    payment.status, payment.paid_at, payment.gateway_reference = "paid", paid_at, callback.reference
    case = cases.case_for_platform(session, payment.case_id)
    receipt = _file_receipt(session, storage_of(settings), payment=payment, case=case, payer=notice.payer,
                            paid_at=paid_at, gateway_reference=callback.reference)
    payment.receipt_document_id = receipt.id
    cases.record_event(session, case=case, actor=None, kind=EventKind.FEE_PAID,
                       summary=f"案件受理费 {payment.amount} 元已在线交纳（订单 {payment.order_no}）",
                       details={"payment_id": payment.id, "receipt_document_id": receipt.id},
                       audit_action=AuditAction.FEE_PAID, object_type="fee_payment", object_id=payment.id,
                       audit_details={"order_no": payment.order_no, "amount": str(payment.amount),
                                      "reference": callback.reference})
    _settle(session, settings, notice, reason="交纳金额超过应交数额，多交部分退还")
    return payment


def _file_receipt(session: Session, storage: Storage, *, payment: FeePayment, case: Case, payer: str,
                  paid_at: datetime, gateway_reference: str) -> Document:
    data = receipts.ReceiptData(
        court_name=reference.court(session, case.court_id).name, case_number=case.case_number, payer=payer,
        amount=payment.amount, order_no=payment.order_no,
        gateway_label=GATEWAY_LABELS.get(payment.gateway, payment.gateway),
        gateway_reference=gateway_reference, paid_at=paid_at)
    upload = dossier.Upload(receipts.filename(data), receipts.receipt_pdf(data))
    document = dossier.store(session, storage, upload=upload, checked=dossier.generated_pdf(upload),
                             court_id=case.court_id, uploaded_by=payment.payer_id, case_id=case.id,
                             kind=DocumentKind.FEE_RECEIPT, addressee_party_id=payer_party_id(session, case, payment,
                                                                                              payer))
    session.flush()
    return document


def payer_party_id(session: Session, case: Case, payment: FeePayment, payer: str) -> int | None:
    """The party whose receipt it is (casework/documents.py opens it for that party, the account that paid and the
    court only): the party the paying account is in the case; when that account is only an agent (a lawyer paid),
    the party the notice names as payer; None when neither is known (the payer account and the court alone)."""
    account = security.get_account(session, payment.payer_id)
    own = set(session.scalars(permissions.own_party_ids(security.actor_for(session, account)))) if account else set()
    parties = [p for p in case.parties if p.role != "agent"]
    found = next((p for p in parties if p.id in own), None) or next((p for p in parties if p.name == payer), None)
    return found.id if found is not None else None


def _settle(session: Session, settings: Settings, notice: FeeNotice, *, reason: str) -> list[FeeRefund]:
    """Mark the notice paid when nothing is outstanding; refund what was paid beyond it, newest payment first,
    through the gateway that took it."""
    notice_account = account(session, notice)
    notice.status = "unpaid" if notice_account.outstanding else "paid"
    excess, made = notice_account.excess, []
    for payment in reversed([p for p in notice_account.payments if p.status == "paid"]):
        already = sum((r.amount for r in notice_account.refunds if r.payment_id == payment.id), ZERO)
        amount = min(excess, payment.amount - already)
        if amount <= 0:
            continue
        refund_no = f"R{payment.id:08d}{secrets.token_hex(6).upper()}"
        reference_no = gateways.by_name(payment.gateway, settings).refund(order_no=payment.order_no,
                                                                          refund_no=refund_no, amount=amount)
        refund = FeeRefund(notice_id=notice.id, payment_id=payment.id, case_id=notice.case_id,
                           court_id=notice.court_id, amount=amount, reason=reason[:255], refund_no=refund_no,
                           gateway_reference=reference_no[:64], created_at=utcnow())
        session.add(refund)
        cases.record_event(session, case=cases.case_for_platform(session, notice.case_id), actor=None,
                           kind=EventKind.FEE_REFUNDED, summary=f"退还案件受理费 {amount} 元：{reason}",
                           details={"refund_no": refund_no}, audit_action=AuditAction.FEE_REFUND,
                           object_type="fee_notice", object_id=notice.id,
                           audit_details={"refund_no": refund_no, "amount": str(amount), "reason": reason})
        made.append(refund)
        excess -= amount
        if not excess:
            break
    return made


def follow_closing(session: Session, settings: Settings, *, actor: Actor, case, kind: str,
                   court_code: str | None) -> list[FeeNotice]:
    """The fee as the closing method leaves it (arts 8, 15): lowered on each notice, and what was paid beyond it
    refunded (art. 53)."""
    after = service.fee_after_closing(amount=case.amount_in_dispute or ZERO, procedure=case.procedure, kind=kind,
                                      fee_province=settings.fee_table_province, court_code=court_code,
                                      method=case.closing_method)
    if after is None:
        return []
    due, basis = after
    changed = []
    for notice in service.notices_for_case(session, case.id, for_update=True):
        if due >= notice.charged_fee:
            continue
        notice.charged_fee, notice.basis = due, [*notice.basis, basis]
        cases.log_event(session, case=case, actor=actor, kind=EventKind.FEE_CHANGED,
                        summary=f"案件受理费改为 {due} 元：{basis}", details={"notice_id": notice.id})
        _settle(session, settings, notice, reason=basis)
        changed.append(notice)
    return changed
