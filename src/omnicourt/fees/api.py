"""The fee calculator, open to everyone (portal page, API and CLI share it); online payment of fee notices."""

from fastapi import APIRouter, Depends, Header, Query, Request
from starlette.concurrency import run_in_threadpool

from omnicourt.cases import service as cases
from omnicourt.db import Database
from omnicourt.errors import PayloadTooLarge
from omnicourt.fees import calculator, gateways, payments, schemas
from omnicourt.idempotency.header import IdempotencyKey
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import current_actor, get_db, get_settings

router = APIRouter(prefix="/api/v1/calculators", tags=["calculators"])
payments_router = APIRouter(prefix="/api/v1/fees", tags=["fees"])
MAX_CALLBACK_BYTES = 8192

@router.get("/fee", response_model=schemas.FeeOut)
def acceptance_fee(amount: str = Query(..., description="标的额（元）"),
                   procedure: str = Query("ordinary", description="ordinary / simple / small_claims"),
                   kind: str = Query("property", description="property / divorce / personality / labour / ip / "
                                                             "other_non_property"),
                   court: str | None = Query(None, description="法院代字：按该院的取整习惯"),
                   settings: Settings = Depends(get_settings)):
    """The case acceptance fee, band by band."""
    return calculator.fee_result(calculator.parse_amount(amount), procedure, kind, court,
                                 fee_province=settings.fee_table_province)


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
