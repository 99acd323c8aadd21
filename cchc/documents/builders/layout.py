"""The page and the blocks of Nghị định 30/2020, in python-docx: shared by plans and reports.

Measurements follow Phụ lục I of the decree: A4, margins top 20 mm, bottom 20 mm, left 30 mm,
right 15 mm; Times New Roman (Unicode) everywhere; body 14 pt justified with a first-line indent;
the header as a borderless two-column table; page numbers top centre from page 2. Fonts are set
on the document defaults for all four scripts (ascii, hAnsi, eastAsia, cs): a run with Vietnamese
letters falls in the "complex" or "East Asian" slot in some Word versions, and would otherwise
show in another font.
"""

from __future__ import annotations

import functools
import io
import re
from copy import deepcopy
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
FIRST_LINE_INDENT = Cm(1.27)
A4_WIDTH, A4_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
# A landscape page turned in a portrait-bound file: the bound edge is its top.
LANDSCAPE_MARGINS = {"top": Mm(30), "bottom": Mm(15), "left": Mm(20), "right": Mm(20)}
HEADER_DISTANCE = Mm(10)
PORTRAIT_TEXT_CM = 21.0 - 3.0 - 1.5
LANDSCAPE_TEXT_CM = 29.7 - 2.0 - 2.0
HEADER_LEFT_CM = 6.4  # issuing body, "Số:"
HEADER_RIGHT_CM = PORTRAIT_TEXT_CM - HEADER_LEFT_CM  # national title, place-date
SIGNATURE_LEFT_CM = 7.5  # "Nơi nhận"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_HEADING = "Nơi nhận:"
SIGNATURE_SPACE = 4  # empty lines for the signature and the seal


@dataclass(frozen=True)
class Style:
    size: float = BODY_PT
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent: bool = True  # first-line indent
    before: float = 6
    after: float = 0
    keep_with_next: bool = False


BODY = Style()
CENTER = Style(align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0)
CENTER_BOLD = Style(align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, bold=True)
CELL = Style(size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=False, before=2, after=2)
CELL_LEFT = Style(size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, before=2, after=2)
CELL_CENTER = Style(size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=2, after=2)
CELL_HEAD = Style(size=TABLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=2, after=2)


def new_document() -> Document:
    """An empty A4 portrait document: fonts, margins, page numbers from page 2."""
    document = docx.Document()
    _set_default_fonts(document)
    section = document.sections[0]
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    section.orientation = WD_ORIENT.PORTRAIT
    _set_margins(section, MARGINS)
    section.different_first_page_header_footer = True
    page_number(section.header.paragraphs[0])
    return document


def to_bytes(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_default_fonts(document: Document) -> None:
    styles = document.styles.element
    r_pr = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if r_pr is not None:
        set_fonts(r_pr)
        _set_lang(r_pr)
    for name in ("Normal", "Header", "Footer", "Table Grid"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        set_fonts(style.element.get_or_add_rPr())
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def set_fonts(r_pr: OxmlElement) -> None:
    """Times New Roman for all four font slots, theme fonts removed (they would win in Word)."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for key in list(fonts.attrib):
        if key.endswith("Theme"):
            del fonts.attrib[key]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _set_lang(r_pr: OxmlElement) -> None:
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")


def _set_margins(section: Section, margins: dict[str, int]) -> None:
    section.top_margin = margins["top"]
    section.bottom_margin = margins["bottom"]
    section.left_margin = margins["left"]
    section.right_margin = margins["right"]
    section.header_distance = HEADER_DISTANCE
    section.footer_distance = HEADER_DISTANCE


def page_number(paragraph: Paragraph) -> None:
    """A PAGE field, centred, 13 pt: the page number at the top of every page but the first."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "2"),
        ("end", None),
    ):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def add_paragraph(container: Document | _Cell, text: str = "", style: Style = BODY) -> Paragraph:
    """A paragraph with one run of ``text`` (soft line breaks for "\\n")."""
    element = make_paragraph(text, style)
    if isinstance(container, _Cell):
        container._tc.append(element)
        return Paragraph(element, container)
    body = container.element.body
    end = body.find(qn("w:sectPr"))
    if end is not None:
        end.addprevious(element)
    else:
        body.append(element)
    return Paragraph(element, container._body)


def make_paragraph(text: str, style: Style) -> BaseOxmlElement:
    """A w:p built from a copy of the style's prepared properties.

    python-docx's property setters walk the schema for every attribute; a plan has hundreds of
    paragraphs, and copying prepared elements renders it several times faster.
    """
    paragraph_props, run_props = _prepared(style)
    p = OxmlElement("w:p")
    p.append(deepcopy(paragraph_props))
    text = _XML_UNSAFE.sub("", text).replace("\t", " ")
    if text:
        run = OxmlElement("w:r")
        run.append(deepcopy(run_props))
        for index, piece in enumerate(text.split("\n")):
            if index:
                run.append(OxmlElement("w:br"))
            if piece:
                t = OxmlElement("w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = piece
                run.append(t)
        p.append(run)
    return p


_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_JUSTIFICATION = {
    WD_ALIGN_PARAGRAPH.JUSTIFY: "both",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
}


@functools.lru_cache(maxsize=64)
def _prepared(style: Style) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    """(w:pPr, w:rPr) of a style, in schema order."""
    run_props = OxmlElement("w:rPr")
    if style.bold:
        run_props.append(OxmlElement("w:b"))
        run_props.append(OxmlElement("w:bCs"))
    if style.italic:
        run_props.append(OxmlElement("w:i"))
        run_props.append(OxmlElement("w:iCs"))
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(int(style.size * 2)))
        run_props.append(size)
    paragraph_props = OxmlElement("w:pPr")
    if style.keep_with_next:
        paragraph_props.append(OxmlElement("w:keepNext"))
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), str(int(style.before * 20)))
    spacing.set(qn("w:after"), str(int(style.after * 20)))
    paragraph_props.append(spacing)
    if style.indent:
        indent = OxmlElement("w:ind")
        indent.set(qn("w:firstLine"), str(FIRST_LINE_INDENT.twips))
        paragraph_props.append(indent)
    justification = OxmlElement("w:jc")
    justification.set(qn("w:val"), _JUSTIFICATION[style.align])
    paragraph_props.append(justification)
    mark = OxmlElement("w:rPr")  # the paragraph mark: an empty line as tall as the text
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(int(style.size * 2)))
        mark.append(size)
    paragraph_props.append(mark)
    return paragraph_props, run_props


def rule(container: Document | _Cell, width_cm: float, line_cm: float) -> Paragraph:
    """A short centred horizontal line: the bottom border of a small empty paragraph, indented to
    ``line_cm`` (so it stands a few points below the text above it, not on it as an underline).

    Used under the issuing body, the national motto and the subject. A border rather than a
    drawn shape: it stays in place in Word and LibreOffice, and readers see an empty paragraph.
    """
    paragraph = add_paragraph(container, "", Style(size=4, indent=False, before=0))
    p_pr = paragraph._p.pPr
    borders = OxmlElement("w:pBdr")
    line = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        line.set(qn(key), value)
    borders.append(line)
    p_pr.insert(0, borders)  # before w:spacing, as the schema orders them
    side = str(Cm(max((width_cm - line_cm) / 2, 0)).twips)
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), side)
    indent.set(qn("w:right"), side)
    p_pr.find(qn("w:spacing")).addnext(indent)
    return paragraph


def borderless(table: Table) -> None:
    _table_borders(table, "nil")


def ruled(table: Table) -> None:
    _table_borders(table, "single")


def _table_borders(table: Table, value: str) -> None:
    tbl_pr = table._tbl.tblPr
    existing = tbl_pr.find(qn("w:tblBorders"))
    if existing is not None:
        tbl_pr.remove(existing)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    # Schema order: ... tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook.
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")


def fixed_table(container: Document | _Cell, rows: int, widths_cm: list[float]) -> Table:
    """A table with fixed column widths (Word and LibreOffice both honour the grid and cell widths)."""
    table = container.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    table._tbl.tblPr.get_or_add_tblLayout().set(qn("w:type"), "fixed")
    for index, width in enumerate(widths_cm):
        table.columns[index].width = Cm(width)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = Cm(widths_cm[index])
    return table


def repeat_header(table: Table, rows: int = 1) -> None:
    """The first ``rows`` rows repeat at the top of every page (w:tblHeader) and never split."""
    for row in table.rows[:rows]:
        tr_pr = row._tr.get_or_add_trPr()
        for tag in ("w:cantSplit", "w:tblHeader"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), "true")
            tr_pr.append(element)


def keep_rows_whole(table: Table) -> None:
    """Rows never break across pages: a signature block split from its name is no signature."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        element = OxmlElement("w:cantSplit")
        element.set(qn("w:val"), "true")
        tr_pr.append(element)


def span_row(row_cells: list[_Cell]) -> _Cell:
    """Merge a row's cells into one (a group title across the whole table)."""
    return row_cells[0].merge(row_cells[-1])


def cell_text(cell: _Cell, paragraphs: list[str], style: Style = CELL) -> None:
    """Fill a fresh cell with paragraphs (they replace its first, empty paragraph)."""
    tc = cell._tc
    tc_pr = tc.get_or_add_tcPr()
    v_align = OxmlElement("w:vAlign")
    v_align.set(qn("w:val"), "center" if style.align == WD_ALIGN_PARAGRAPH.CENTER else "top")
    tc_pr.append(v_align)
    for old in tc.findall(qn("w:p")):
        tc.remove(old)
    for text in paragraphs or [""]:
        tc.append(make_paragraph(text, style))


def first_paragraph(cell: _Cell, text: str, style: Style) -> Paragraph:
    """Write into the cell's first (empty) paragraph; later ones are appended."""
    tc = cell._tc
    element = make_paragraph(text, style)
    old = tc.find(qn("w:p"))
    if old is not None:
        old.addprevious(element)
        tc.remove(old)
    else:
        tc.append(element)
    return Paragraph(element, cell)


def landscape_section(document: Document) -> Section:
    """A new landscape section (the appendix tables); page numbers go on."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4_HEIGHT, A4_WIDTH
    _set_margins(section, LANDSCAPE_MARGINS)
    section.different_first_page_header_footer = False
    return section


def portrait_section(document: Document) -> Section:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    _set_margins(section, MARGINS)
    section.different_first_page_header_footer = False
    return section


# --- The blocks of an official document ------------------------------------------------------


@dataclass
class HeaderBlock:
    superior: str
    issuer: str
    number_line: str
    place_date: str


def header_table(document: Document, header: HeaderBlock) -> Table:
    """Issuing body and national title side by side; "Số:" and place-date on the row below."""
    table = fixed_table(document, 2, [HEADER_LEFT_CM, HEADER_RIGHT_CM])
    borderless(table)
    keep_rows_whole(table)
    left, right = table.rows[0].cells
    top = Style(size=13, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0)
    if header.superior:
        first_paragraph(left, header.superior.upper(), top)
        if header.issuer:
            add_paragraph(
                left,
                header.issuer.upper(),
                Style(size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0),
            )
    else:
        first_paragraph(
            left,
            header.issuer.upper(),
            Style(size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0),
        )
    if header.issuer:
        rule(left, HEADER_LEFT_CM, 2.2)
    first_paragraph(
        right, MOTTO, Style(size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0)
    )
    add_paragraph(
        right, MOTTO_LINE, Style(size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0)
    )
    rule(right, HEADER_RIGHT_CM, 5.9)
    number, date = table.rows[1].cells
    first_paragraph(
        number, header.number_line, Style(size=13, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=6)
    )
    first_paragraph(
        date,
        header.place_date,
        Style(size=13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=6),
    )
    return table


def title_block(document: Document, doc_type: str, title: str, subtitle: str = "") -> None:
    """ "KẾ HOẠCH" and the subject, bold, centred, with a short rule under the subject."""
    add_paragraph(
        document,
        doc_type.upper(),
        Style(bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=18, keep_with_next=True),
    )
    if title:
        add_paragraph(
            document,
            title,
            Style(bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, keep_with_next=True),
        )
    if subtitle:
        add_paragraph(
            document,
            subtitle,
            Style(italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, keep_with_next=True),
        )
    rule(document, PORTRAIT_TEXT_CM, 3.0)
    document.paragraphs[-1].paragraph_format.space_after = Pt(6)


@dataclass
class SignatureBlock:
    lines: list[str]  # capitalised: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    name: str
    recipients: list[str]


def signature_table(document: Document, block: SignatureBlock) -> Table:
    """ "Nơi nhận" on the left, the signature on the right, as a borderless table.

    The last paragraph of the text keeps with it, so the signature never stands alone on a page.
    """
    body = document.element.body
    last = body[-2] if len(body) > 1 else None  # the element before the final sectPr
    if last is not None and last.tag == qn("w:p"):
        Paragraph(last, document._body).paragraph_format.keep_with_next = True
    table = fixed_table(document, 1, [SIGNATURE_LEFT_CM, PORTRAIT_TEXT_CM - SIGNATURE_LEFT_CM])
    borderless(table)
    keep_rows_whole(table)
    left, right = table.rows[0].cells
    heading = Style(size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, before=12)
    if block.recipients:
        first_paragraph(left, RECIPIENTS_HEADING, heading)
        item = Style(size=11, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, before=0)
        for index, recipient in enumerate(block.recipients):
            end = "." if index == len(block.recipients) - 1 else ";"
            add_paragraph(left, f"- {recipient}{end}", item)
    else:
        first_paragraph(left, "", heading)
    caps = Style(bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0)
    lines = block.lines or [""]
    first_paragraph(
        right, lines[0], Style(bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=12)
    )
    for line in lines[1:]:
        add_paragraph(right, line, caps)
    for _ in range(SIGNATURE_SPACE):
        add_paragraph(right, "", caps)
    if block.name:
        add_paragraph(right, block.name, caps)
    return table


def data_table(
    document: Document,
    columns: list[str],
    widths_cm: list[float],
    rows: list[list[list[str]]],
    *,
    group_rows: dict[int, str] | None = None,
    centred: set[int] | None = None,
    justified: set[int] | None = None,
) -> Table:
    """A ruled table whose header row repeats on every page.

    ``rows``: cells as lists of paragraphs. ``group_rows``: row index -> a title spanning the
    whole row (bold). ``centred``: column indexes whose text is centred (STT, dates);
    ``justified``: columns of running text; the others (names of agencies) are left-aligned, as
    justifying a narrow column opens wide gaps between words.
    """
    group_rows = group_rows or {}
    centred = centred or set()
    justified = justified or set()
    table = fixed_table(document, 1 + len(rows), widths_cm)
    ruled(table)
    repeat_header(table)
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        _shade(cell)  # w:shd before w:vAlign in the cell's properties
        cell_text(cell, [column], CELL_HEAD)
    for index, row_cells in enumerate(rows):
        cells = table.rows[index + 1].cells
        if index in group_rows:
            merged = span_row(list(cells))
            cell_text(
                merged,
                [group_rows[index]],
                Style(
                    size=TABLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, before=2, after=2
                ),
            )
            continue
        for column, (cell, paragraphs) in enumerate(zip(cells, row_cells, strict=True)):
            style = CELL_CENTER if column in centred else CELL if column in justified else CELL_LEFT
            cell_text(cell, paragraphs, style)
    return table


def _shade(cell: _Cell) -> None:
    """A light grey header cell, as ministries print them (black on white stays legible)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "F2F2F2")
    tc_pr.append(shading)
