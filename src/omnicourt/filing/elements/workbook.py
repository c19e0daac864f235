"""The element sheet as an Excel workbook: the blank template to fill, and the rows of an uploaded one."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from omnicourt.dossier import checks
from omnicourt.errors import InvalidInput
from omnicourt.filing.elements.cells import COLUMNS_BY_KEY, EXAMPLE_ROW, HEADERS, SHEET_COLUMNS, cell_text, is_formula
from omnicourt.filing.elements.rows import MAX_ROWS
from omnicourt.xlsx import append_row, first_sheet

# Rows and columns of a sheet read at most, blank ones included: a sheet of 300,000 blank rows is refused by its
# dimension, or when reading reaches this row, never read to its end.
MAX_SHEET_ROWS = 2 * MAX_ROWS
MAX_SHEET_COLUMNS = 200


def template_xlsx() -> bytes:
    """A blank sheet: the Chinese headers (required ones in bold red), one example row, and the notes."""
    workbook = Workbook()
    sheet = first_sheet(workbook)
    sheet.title = "要素表"
    append_row(sheet, [column.header for column in SHEET_COLUMNS])
    append_row(sheet, [EXAMPLE_ROW.get(column.key, "") for column in SHEET_COLUMNS])
    for index, column in enumerate(SHEET_COLUMNS, start=1):
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True, color="9B1C1C" if column.required else "1F2933")
        header.fill = PatternFill("solid", fgColor="F0F4F8")
        for row in range(2, 202):  # text cells: Excel keeps ID numbers and amounts as typed
            sheet.cell(row=row, column=index).number_format = "@"
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column.header) * 2 + 2)
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    append_row(notes, ["列", "是否必填", "说明"])
    append_row(notes, ["第2行", "", f"第2行为示例，请替换为实际数据；每个案件一行，最多{MAX_ROWS}行"])
    for column in SHEET_COLUMNS:
        append_row(notes, [column.header, "必填" if column.required else "", column.note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_xlsx(data: bytes) -> list[dict[str, str | int]]:
    """The rows of an uploaded sheet as {column key: text}, each with "_row" (its row number in the sheet);
    blank rows are skipped. Refused whole: not an .xlsx file, unknown or missing columns, formulas, too many rows."""
    if not data.startswith(b"PK\x03\x04"):
        raise InvalidInput("请上传 .xlsx 格式的要素表（可下载模板填写；不支持 .xls、.csv）", field="file")
    unreadable = InvalidInput("无法读取该 .xlsx 文件，请使用要素表模板重新保存后上传", field="file")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise unreadable
    checks.check_zip("要素表", data, field="file", required=("[Content_Types].xml", "xl/workbook.xml"),
                     label="Excel 工作簿（.xlsx）")  # a zip bomb is refused before it unpacks
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise unreadable from None
    try:
        sheet = workbook["要素表"] if "要素表" in workbook.sheetnames else workbook.worksheets[0]
        too_many = InvalidInput(f"要素表超过{MAX_SHEET_ROWS}行（含空行），请删除多余的行或分批上传", field="file")
        if (sheet.max_row or 0) > MAX_SHEET_ROWS:  # the dimension the file declares
            raise too_many
        rows = sheet.iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=MAX_SHEET_COLUMNS)
        keys = _header_keys(next(rows, ()))
        result: list[dict[str, str | int]] = []
        for number, row in enumerate(rows, start=2):
            if number > MAX_SHEET_ROWS:  # the declared dimension was wrong or absent
                raise too_many
            texts: dict[str, str] = {}
            for key, cell in zip(keys, row, strict=False):
                if cell.data_type == "f" or (isinstance(cell.value, str) and is_formula(cell.value)):
                    raise InvalidInput(f"单元格{cell.coordinate}含有公式，请将公式转为数值后上传", field="file")
                if key and cell.value is not None:
                    texts[key] = cell_text(cell.value)
            if any(texts.values()):
                if len(result) == MAX_ROWS:
                    raise InvalidInput(f"一次最多提交{MAX_ROWS}行，请分批上传", field="file")
                result.append({**texts, "_row": number})
        return result
    finally:
        workbook.close()


def _header_keys(header_cells) -> list[str | None]:
    keys = []
    for cell in header_cells:
        text = cell_text(cell.value)
        key = HEADERS.get(text) or (text if text in COLUMNS_BY_KEY else None)
        if text and key is None:
            raise InvalidInput(f"第1行的列标题「{text}」不是要素表的列，请使用要素表模板", field="file")
        keys.append(key)
    missing = [column.header for column in SHEET_COLUMNS if column.required and column.key not in keys]
    if missing:
        raise InvalidInput(f"要素表缺少必填列：{'、'.join(missing)}", field="file")
    return keys
