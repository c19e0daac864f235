"""Idempotent writes: the same Idempotency-Key and the same request give the stored response again, nothing is
done twice; the same key with a different request is refused (409). The response is stored in the transaction
of the write itself, so a write is committed if and only if its key is.

Use in any write route: `once(session, actor_id=..., key=..., operation="filing.submit", request=body,
run=lambda: ...)`. (IETF draft "The Idempotency-Key HTTP Header Field".)
"""

import hashlib
import json
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omnicourt.db import utcnow
from omnicourt.errors import Conflict, InvalidInput
from omnicourt.idempotency.models import IdempotentRequest

KEPT_FOR = timedelta(hours=24)  # long enough for any client's retries; then the key may be used again
KEY = re.compile(r"[A-Za-z0-9._:\-]{8,128}")
HEADER = "Idempotency-Key"


def request_hash(operation: str, request: Any) -> str:
    """A digest of what was asked: the operation and its body as canonical JSON (bytes as their sha256)."""
    canonical = json.dumps([operation, request], sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                           default=_digest)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _digest(value: Any) -> str:
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return str(value)


def check_key(key: str) -> None:
    if not KEY.fullmatch(key):
        raise InvalidInput(f"{HEADER} 应为8至128位字母、数字或 . _ : -（建议使用 UUID）", field=HEADER)


def once(session: Session, *, actor_id: int, key: str | None, operation: str, request: Any,
         run: Callable[[], BaseModel]) -> dict:
    """`run()`'s response as JSON, or, for a key already used with the same request, the response stored then."""
    if key is None:
        return run().model_dump(mode="json")
    check_key(key)
    digest = request_hash(operation, request)
    session.execute(delete(IdempotentRequest).where(IdempotentRequest.account_id == actor_id,
                                                    IdempotentRequest.created_at < utcnow() - KEPT_FOR))
    stored = session.scalar(select(IdempotentRequest).where(IdempotentRequest.account_id == actor_id,
                                                            IdempotentRequest.key == key))
    if stored is not None:
        if stored.request_hash != digest:
            raise Conflict(f"该 {HEADER} 已用于另一份不同的请求，请为新的请求使用新的键", field=HEADER)
        return stored.response
    response = run().model_dump(mode="json")
    session.flush()  # the use case's own writes, so that the error caught below can only be the key's
    session.add(IdempotentRequest(account_id=actor_id, key=key, request_hash=digest, response=response,
                                  created_at=utcnow()))
    try:
        session.flush()
    except IntegrityError:  # two concurrent first uses: the unique key refuses the second, which rolls back whole
        raise Conflict("相同的请求正在处理，请稍后重试", field=HEADER) from None
    return response
