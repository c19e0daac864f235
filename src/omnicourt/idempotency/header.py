"""The Idempotency-Key request header, one type for every route that takes it (its format: service.KEY)."""

from typing import Annotated

from fastapi import Header

from omnicourt.idempotency.service import HEADER

IdempotencyKey = Annotated[str | None, Header(alias=HEADER, max_length=128, description=(
    "a key of the client's choosing (a UUID): a retry with the same key and body gets the first response and "
    "does nothing twice; the same key with another body is refused (409). Kept 24 hours."))]
