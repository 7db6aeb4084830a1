"""An official file's bytes to rows of text cells: CSV as published (UTF-8 or Windows-1252), or a
spreadsheet (.xlsx, .xls, .ods) read with python-calamine, the sheet chosen by its header row.
Pure: bytes in, rows out."""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable

_ZIP = b"PK\x03\x04"                      # .xlsx and .ods are zip files
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls
HEADER_SEARCH_ROWS = 20


class TableError(ValueError):
    """The bytes are no table we can read; the message says what to give."""


def decode(data: bytes) -> str:
    """UTF-8 when it is (with or without a byte-order mark), else Windows-1252 as published."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def is_spreadsheet(data: bytes) -> bool:
    return data.startswith(_ZIP) or data.startswith(_OLE)


def read_rows(data: bytes, name: str, is_header: Callable[[list[str]], bool] = lambda row: True) -> list[list[str]]:
    """Every row as text cells. A spreadsheet gives the first sheet with a header row (`is_header`)
    in its first rows; dates become dd/mm/yyyy, whole numbers lose their '.0'."""
    if not is_spreadsheet(data):
        return list(csv.reader(io.StringIO(decode(data), newline="")))
    try:
        from python_calamine import CalamineWorkbook
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own errors for a damaged or unknown workbook
        raise TableError(f"{name}: a spreadsheet that cannot be read ({type(exc).__name__}: {exc}); "
                         "open it and save it again, or give the CSV") from None
    first = None
    for sheet_name in book.sheet_names:
        rows = [[_text(v) for v in row] for row in book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)]
        if first is None:
            first = rows
        if any(is_header(row) for row in rows[:HEADER_SEARCH_ROWS]):
            return rows
    return first or []


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
