"""Bounds of ids, offsets and page sizes in the API: a number beyond them is a 422, never a database error
(SQLite and PostgreSQL integers stop at 2^63 - 1)."""

from typing import Annotated

from fastapi import Path, Query
from pydantic import Field

MAX_ID = 2**63 - 1
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_OFFSET = 10_000  # deeper pages are read by cursor (`after`), not by counting rows again

Id = Annotated[int, Field(ge=1, le=MAX_ID)]  # an id in a body
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]  # an id in the path
AfterId = Annotated[int | None, Query(ge=0, le=MAX_ID, description="cursor: the last id of the previous page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"at most {MAX_OFFSET}; use the cursor beyond")]
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]  # an id filtering a list
Year = Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR)]
