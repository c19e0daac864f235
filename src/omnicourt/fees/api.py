"""The fee calculator, open to everyone (portal page, API and CLI share it); online payment of fee notices."""

from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, Depends, Header, Query, Request
from starlette.concurrency import run_in_threadpool

from omnicourt.cases import service as cases
from omnicourt.db import Database
from omnicourt.errors import InvalidInput, PayloadTooLarge
from omnicourt.fees import gateways, payments, schemas, service
from omnicourt.idempotency.header import IdempotencyKey
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import current_actor, get_db, get_settings

router = APIRouter(prefix="/api/v1/calculators", tags=["calculators"])
payments_router = APIRouter(prefix="/api/v1/fees", tags=["fees"])
MAX_CALLBACK_BYTES = 8192

SOURCE = ("《诉讼费用交纳办法》第十三条、第十五条、第十六条；"
          "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百零六条")


MAX_AMOUNT = Decimal("1000000000000")  # ¥1 trillion, as in filing: anything above is a typing error


def parse_amount(text: str) -> Decimal:
    """The amount typed, or a refusal: not a number (NaN and infinities included), negative, or absurd."""
    plain = (text or "").replace(",", "").strip()
    try:
        amount = Decimal(plain[:64])
    except InvalidOperation:
        amount = None
    if amount is None or len(plain) > 64 or not amount.is_finite():
        raise InvalidInput("标的额应为数字，例如 114142.70", field="amount")
    if amount < 0:
        raise InvalidInput("标的额不能为负数", field="amount")
    if amount > MAX_AMOUNT:
        raise InvalidInput("标的额超出合理范围（不超过1万亿元），请核对", field="amount")
    return amount


def fee_result(amount: Decimal, procedure: str, kind: str = "property", court_code: str | None = None, *,
               fee_province: str) -> schemas.FeeOut:
    if kind not in service.FEE_KINDS:
        raise InvalidInput("案件类别应为 " + " / ".join(service.FEE_KINDS), field="kind")
    assessment = service.assess_acceptance_fee(amount, procedure, kind=kind, fee_province=fee_province,
                                               court_code=court_code)
    return schemas.FeeOut(
        amount=amount, procedure=procedure, kind=kind, full_fee=assessment.full_fee, charged_fee=assessment.charged_fee,
        halved=assessment.halved, halving_basis=assessment.halving_basis or None, rounding=assessment.rounding,
        bands=[schemas.BandOut(lower=b.lower, upper=b.upper, rate=b.rate, charged=b.charged)
               for b in assessment.bands],
        source=SOURCE,
    )


@router.get("/fee", response_model=schemas.FeeOut)
def acceptance_fee(amount: str = Query(..., description="标的额（元）"),
                   procedure: str = Query("ordinary", description="ordinary / simple / small_claims"),
                   kind: str = Query("property", description="property / divorce / personality / labour / ip / "
                                                             "other_non_property"),
                   court: str | None = Query(None, description="法院代字：按该院的取整习惯"),
                   settings: Settings = Depends(get_settings)):
    """The case acceptance fee, band by band."""
    return fee_result(parse_amount(amount), procedure, kind, court, fee_province=settings.fee_table_province)


@payments_router.get("/cases/{case_id}", response_model=list[schemas.FeeAccountOut])
def case_fees(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """Each fee notice of the case: what is due, paid, refunded and still outstanding."""
    with db.reading() as session:
        cases.get_case(session, actor=actor, case_id=case_id)
        return [account_out(a) for a in payments.accounts_for_case(session, case_id)]


def account_out(account: payments.NoticeAccount) -> schemas.FeeAccountOut:
    notice = account.notice
    return schemas.FeeAccountOut(notice_id=notice.id, payer=notice.payer, due_on=notice.due_on,
                                 full_fee=notice.full_fee, charged_fee=notice.charged_fee, paid=account.paid,
                                 refunded=account.refunded, outstanding=account.outstanding,
                                 status=account.status_label)


@payments_router.post("/notices/{fee_notice_id}/payments", response_model=schemas.PaymentOut, status_code=201)
def create_payment(fee_notice_id: PathId, idempotency_key: IdempotencyKey = None,
                   actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                   settings: Settings = Depends(get_settings)):
    """An order for what the notice still asks; retried with the same Idempotency-Key, the same order."""
    with db.transaction() as session:
        payment = payments.start_payment(session, actor=actor, notice_id=fee_notice_id,
                                         idempotency_key=idempotency_key, gateway=gateways.configured(settings))
        return schemas.PaymentOut.model_validate(payment)


@payments_router.post("/callbacks/{gateway_name}", response_model=schemas.PaymentOut)
async def payment_callback(gateway_name: str, request: Request, signature: str = Header("", alias="X-Signature"),
                           db: Database = Depends(get_db), settings: Settings = Depends(get_settings)):
    """The gateway's signed notice that an order is paid; delivered again, it changes nothing."""
    body = await request.body()
    if len(body) > MAX_CALLBACK_BYTES:
        raise PayloadTooLarge("支付回调内容过长", field="body")
    return await run_in_threadpool(confirm, db, settings, gateway_name, body, signature)


def confirm(db: Database, settings: Settings, gateway_name: str, body: bytes, signature: str) -> schemas.PaymentOut:
    gateway = gateways.by_name(gateway_name, settings)
    with db.transaction() as session:
        payment = payments.confirm_payment(session, settings, gateway=gateway, body=body,
                                           signature=signature)
        return schemas.PaymentOut.model_validate(payment)
