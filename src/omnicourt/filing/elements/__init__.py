"""The element sheet (要素表) of a financial loan case: cells.py its columns and how a cell reads, rows.py the
checks of a row and the checked row as stored and as the loan elements, workbook.py the .xlsx template and upload."""
