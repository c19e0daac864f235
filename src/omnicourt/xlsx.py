"""Rows into the .xlsx files the platform writes, with every text cell kept as text.

Names, plans and notes come from users: a cell starting with = + - @ tab or CR would be a live formula in Excel
(=HYPERLINK(...) sends the reader's data away). As OWASP's "CSV Injection" page recommends, such text gets a
leading single quote, and every text cell is written with the string data type. Characters XML cannot hold
(text stored before textcheck refused them) are dropped rather than failing the whole file.
"""

from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from omnicourt.textcheck import looks_like_formula, xml_safe


def text_cell(text: str) -> str:
    text = xml_safe(text)
    return "'" + text if looks_like_formula(text) else text


def first_sheet(workbook: Workbook) -> Worksheet:
    """The worksheet a new workbook opens with (openpyxl types `active` as possibly a chart sheet, or none)."""
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):
        raise TypeError("the workbook's active sheet is not a worksheet")
    return sheet


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """`sheet.append(values)`, with str values as escaped text cells; numbers and dates stay typed."""
    values = list(values)
    sheet.append([text_cell(v) if isinstance(v, str) else v for v in values])
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, str):
            cell.data_type = "s"
