"""Text messages to a phone number. No gateway is configured by default: the "log" adapter only writes the
message to the log. A court plugs its SMS gateway in with OMNICOURT_SMS_ADAPTER="package.module:send", a
function taking (phone, message)."""

import importlib
import logging
from collections.abc import Callable

from omnicourt.settings import Settings

log = logging.getLogger("omnicourt.sms")

SmsSender = Callable[[str, str], None]


def log_only(phone: str, message: str) -> None:
    log.info("SMS to %s: %s", phone[:3] + "****" + phone[-4:], message)


def sender(settings: Settings) -> SmsSender:
    if settings.sms_adapter in ("", "log"):
        return log_only
    module, _, name = settings.sms_adapter.partition(":")
    return getattr(importlib.import_module(module), name)
