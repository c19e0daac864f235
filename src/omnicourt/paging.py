"""Keyset paging: the next page starts after the last row's sort key (a cursor), so a deep page costs what the
first one costs, where an offset makes the database count through every row before it.

A cursor is "<date>_<id>" (the date empty when the row has none): the last row's sort date and id.
"""

import re
from dataclasses import dataclass
from datetime import date

from fastapi import Response
from sqlalchemy import and_, or_
from sqlalchemy.sql import ColumnElement

from omnicourt.errors import InvalidInput
from omnicourt.limits import MAX_ID

_CURSOR = re.compile(r"(\d{4}-\d{2}-\d{2})?_(\d{1,19})")
CURSOR_HEADER = "X-Next-Cursor"  # on list responses whose page is full: pass it back as `cursor`


@dataclass(frozen=True)
class Cursor:
    on: date | None
    id: int

    def __str__(self) -> str:
        return f"{self.on.isoformat() if self.on else ''}_{self.id}"


def _cursor(text: str) -> Cursor | None:
    match = _CURSOR.fullmatch(text)
    if match is None:
        return None
    try:
        return Cursor(date.fromisoformat(match.group(1)) if match.group(1) else None, int(match.group(2)))
    except ValueError:  # a date that is no day, such as 2024-02-30
        return None


def parse_cursor(text: str | None, *, field: str = "cursor") -> Cursor | None:
    if text is None:
        return None
    cursor = _cursor(text)
    if cursor is None or not 1 <= cursor.id <= MAX_ID:
        raise InvalidInput("翻页游标无效：请使用上一页返回的游标，或从第一页重新开始", field=field)
    return cursor


def next_cursor(rows: list, limit: int, on: str) -> str | None:
    """The cursor after the last row of a full page; None when the page is the last."""
    if len(rows) < limit or not rows:
        return None
    return str(Cursor(getattr(rows[-1], on), rows[-1].id))


def send_next_cursor(response: Response, rows: list, limit: int, on: str) -> None:
    """The next page's cursor in the X-Next-Cursor header when the page is full."""
    following = next_cursor(rows, limit, on)
    if following:
        response.headers[CURSOR_HEADER] = following


def after_descending(column, id_column, cursor: Cursor) -> ColumnElement[bool]:
    """Rows after the cursor in (column DESC, id DESC) order; the column is never null."""
    return or_(column < cursor.on, and_(column == cursor.on, id_column < cursor.id))


def after_ascending_nulls_last(column, id_column, cursor: Cursor) -> ColumnElement[bool]:
    """Rows after the cursor in (column ASC NULLS LAST, id ASC) order."""
    if cursor.on is None:
        return and_(column.is_(None), id_column > cursor.id)
    return or_(column > cursor.on, and_(column == cursor.on, id_column > cursor.id), column.is_(None))
