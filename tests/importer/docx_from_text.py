"""Write a plan in the sample .txt form to a real .docx, as an agency's Word file would be.

Paragraph lines become paragraphs (Markdown heading marks dropped, ``**bold**`` and ``*italic*``
kept as formatting), runs of tab-separated lines become ruled Word tables (Table Grid) whose first
row repeats on every page; ``<p>…</p>`` in a cell becomes several paragraphs and a group row
("I", title, empty cells) a horizontally merged row. Reading the file back gives the same lines.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

_HEADING = re.compile(r"^#{1,6}\s+")
_INLINE = re.compile(r"\*\*(.+?)\*\*|(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])")
_CELL_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
TEXT_WIDTH_CM = 16.0


def docx_from_text(text: str) -> bytes:
    document = Document()
    _set_up_page(document)
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        if "\t" in lines[index]:
            rows, index = _table_rows(lines, index)
            _add_table(document, rows)
            continue
        line = lines[index].strip()
        if line:
            _add_inline(document.add_paragraph(), _HEADING.sub("", line))
        index += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up_page(document: WordDocument) -> None:
    # Nghị định 30/2020: A4; margins top and bottom 20 mm, left 30, right 20; Times New Roman 13.
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.paragraph_format.first_line_indent = Cm(1)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _table_rows(lines: list[str], index: int) -> tuple[list[list[str]], int]:
    """Tab-separated lines from ``index``; blank lines between rows of the same width are page breaks."""
    rows = [lines[index].split("\t")]
    index += 1
    while index < len(lines):
        if "\t" in lines[index]:
            rows.append(lines[index].split("\t"))
            index += 1
            continue
        following = index
        while following < len(lines) and not lines[following].strip():
            following += 1
        if (
            following > index
            and following < len(lines)
            and "\t" in lines[following]
            and len(lines[following].split("\t")) == len(rows[0])
        ):
            index = following
            continue
        break
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows], index


def _add_table(document: WordDocument, rows: list[list[str]]) -> None:
    width = len(rows[0])
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(rows)
    for column, width_cm in zip(table.columns, widths, strict=True):
        column.width = Cm(width_cm)
    for row_index, values in enumerate(rows):
        row = table.rows[row_index]
        for column, value in enumerate(values):
            cell = row.cells[column]
            cell.width = Cm(widths[column])
            _fill_cell(cell.paragraphs[0], cell, value)
        if _is_group_row(values):
            row.cells[1].merge(row.cells[width - 1])
    _repeat_header_row(table)


def _fill_cell(first: Paragraph, cell: _Cell, value: str) -> None:
    paragraphs = [part.strip() for part in _CELL_PARAGRAPH.findall(value)] or [value.strip()]
    for position, text in enumerate(paragraphs):
        paragraph = first if position == 0 else cell.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Cm(0)
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(text)


def _is_group_row(values: list[str]) -> bool:
    return len(values) > 2 and bool(values[0].strip() and values[1].strip()) and not any(values[2:])


def _column_widths(rows: list[list[str]]) -> list[float]:
    """Column widths from the cells' median length: a number column narrow, text columns wide."""
    weights = []
    for column in range(len(rows[0])):
        median = sorted(len(row[column]) for row in rows)[len(rows) // 2]
        weights.append(12 if median <= 3 else min(max(median, 22), 60))
    total = sum(weights)
    return [TEXT_WIDTH_CM * weight / total for weight in weights]


def _repeat_header_row(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _add_inline(paragraph: Paragraph, text: str) -> None:
    """Runs for ``**bold**`` and ``*italic*``; an unpaired ``**`` (bold over two lines) is dropped."""
    position = 0
    for match in _INLINE.finditer(text):
        _add_plain(paragraph, text[position : match.start()])
        if match.group(1) is not None:
            paragraph.add_run(match.group(1)).bold = True
        else:
            paragraph.add_run(match.group(2)).italic = True
        position = match.end()
    _add_plain(paragraph, text[position:])


def _add_plain(paragraph: Paragraph, text: str) -> None:
    text = text.replace("**", "")
    if text:
        paragraph.add_run(text)
