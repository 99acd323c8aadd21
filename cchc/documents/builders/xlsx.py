"""Spreadsheets a leader can sort: plain rows in, .xlsx bytes out (openpyxl, no Django).

Each sheet has one header row (bold, filled, frozen, with an auto filter), columns as wide as their text
(long text wraps), dates as real dates shown "dd/mm/yyyy" and numbers as numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
PERCENT_FORMAT = "0.0%"
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDCE6F1", end_color="FFDCE6F1")
HEADER_FONT = Font(name="Times New Roman", bold=True, size=12)
BODY_FONT = Font(name="Times New Roman", size=12)
THIN = Side(style="thin", color="FF8EA9C1")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MIN_WIDTH = 6
MAX_WIDTH = 60
# Excel's sheet names: at most 31 characters, none of these.
FORBIDDEN_IN_TITLE = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass
class Column:
    """A column: its header and how its values are shown ("text", "date", "int", "percent")."""

    header: str
    kind: str = "text"
    # Characters; None fits the longest line of the column (bounded by MIN_WIDTH and MAX_WIDTH).
    width: float | None = None


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)


def fitted_width(values: list[Any], header: str) -> float:
    """Characters wide enough for the longest line (diacritics do not widen a letter), within bounds."""
    longest = max((len(line) for value in values for line in _text(value).split("\n")), default=0)
    header_longest = max((len(word) for word in header.split()), default=0)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2, header_longest + 2)))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return "00/00/0000 00:00"
    if isinstance(value, date):
        return "00/00/0000"
    return str(value)


def _cell_value(value: Any) -> Any:
    # Excel has no time zones: aware times are written as the wall-clock time the caller gave.
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def build_xlsx(sheets: list[Sheet]) -> bytes:
    """The workbook of ``sheets`` as .xlsx bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    title = sheet.title.translate(FORBIDDEN_IN_TITLE).strip()[:31] or "Sheet"
    ws = workbook.create_sheet(title)
    ws.append([column.header for column in sheet.columns])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in sheet.rows:
        ws.append([_cell_value(value) for value in row])
    wrap = Alignment(vertical="top", wrap_text=True)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        values = [row[index - 1] if index - 1 < len(row) else None for row in sheet.rows]
        width = column.width or fitted_width(values, column.header)
        ws.column_dimensions[letter].width = width
        number_format = {
            "date": DATE_FORMAT,
            "datetime": DATETIME_FORMAT,
            "percent": PERCENT_FORMAT,
            "int": "0",
        }.get(column.kind)
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.font = BODY_FONT
            cell.border = BORDER
            cell.alignment = wrap
            if number_format and cell.value is not None:
                cell.number_format = number_format
    ws.freeze_panes = "A2"
    last = get_column_letter(max(len(sheet.columns), 1))
    ws.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
