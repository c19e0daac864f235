"""Payment gateways behind one interface: create an order, verify the gateway's signed callback, refund.

The simulated gateway is the default: it stands in for a bank or a third-party gateway in development, demos and
tests, and signs its callbacks with HMAC-SHA256 as real gateways do, so the platform's side is the same code.
A real gateway is one more class with these three methods, registered in GATEWAYS.
"""

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Protocol

from omnicourt.audit.keys import load_key
from omnicourt.errors import Forbidden, InvalidInput
from omnicourt.settings import Settings


@dataclass(frozen=True)
class Order:
    order_no: str
    amount: Decimal
    pay_url: str  # where the payer is sent to pay


@dataclass(frozen=True)
class PaidCallback:
    order_no: str
    amount: Decimal
    reference: str  # the gateway's transaction number


class PaymentGateway(Protocol):
    name: str

    def create_order(self, *, order_no: str, amount: Decimal, subject: str) -> Order: ...

    def verify_callback(self, body: bytes, signature: str) -> PaidCallback: ...

    def refund(self, *, order_no: str, refund_no: str, amount: Decimal) -> str: ...


class SimulatedGateway:
    name = "simulated"

    def __init__(self, key: bytes):
        self._key = key

    def create_order(self, *, order_no: str, amount: Decimal, subject: str) -> Order:
        return Order(order_no, amount, f"/portal/payments/simulated/{order_no}")

    def signature(self, body: bytes) -> str:
        return hmac.new(self._key, body, hashlib.sha256).hexdigest()

    def paid_callback(self, order_no: str, amount: Decimal) -> tuple[bytes, str]:
        """What the gateway posts back once the payer has paid: the body and its signature."""
        body = json.dumps({"order_no": order_no, "amount": str(amount), "reference": f"SIM-{order_no}",
                           "status": "paid"}, sort_keys=True).encode()
        return body, self.signature(body)

    def verify_callback(self, body: bytes, signature: str) -> PaidCallback:
        if not hmac.compare_digest(self.signature(body), signature or ""):
            raise Forbidden("支付回调的签名无效", field="signature")
        try:
            fields = json.loads(body, parse_float=Decimal)  # amounts never pass through float
            amount = Decimal(fields["amount"])
            if fields["status"] != "paid" or not amount.is_finite():
                raise ValueError
            return PaidCallback(str(fields["order_no"]), amount, str(fields["reference"])[:64])
        except (ValueError, KeyError, TypeError, InvalidOperation):
            raise InvalidInput("支付回调的内容无效", field="body") from None

    def refund(self, *, order_no: str, refund_no: str, amount: Decimal) -> str:
        return f"SIM-{refund_no}"


def simulated(settings: Settings) -> SimulatedGateway:
    return SimulatedGateway(load_key(settings.payment_simulator_key_file))


GATEWAYS: dict[str, Callable[[Settings], PaymentGateway]] = {"simulated": simulated}


def by_name(name: str, settings: Settings) -> PaymentGateway:
    if name not in GATEWAYS:
        raise InvalidInput(f"未知的支付渠道：{name}", field="gateway")
    return GATEWAYS[name](settings)


def configured(settings: Settings) -> PaymentGateway:
    """The gateway new orders go through (the payment_gateway setting)."""
    return by_name(settings.payment_gateway, settings)
