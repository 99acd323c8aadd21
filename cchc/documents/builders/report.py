"""A ``ReportDocument`` (report, aggregate, score sheet) as an official .docx.

Same page, header, signature block and "Nơi nhận" as a plan; the body is the document's
sections (headings carry their own numbering), each with paragraphs and an optional table;
appendices go on landscape pages after the signature.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from . import layout
from .context import report_context
from .data import DocSection, DocTable, ReportDocument
from .layout import Style
from .template import render_template

ORDINAL_HEADS = {"stt", "tt"}
ORDINAL_CM = 1.2
_CAPTION = Style(italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, after=6)
_TOP_HEADING = Style(bold=True, keep_with_next=True)
_SUB_HEADING = Style(bold=True, italic=True, keep_with_next=True)


def build_report_docx(doc: ReportDocument, *, template: bytes | None = None) -> bytes:
    """The document as a .docx in the format of Nghị định 30/2020 (or rendered into ``template``).

    ``template``: a unit's docxtpl template; a broken one raises ``TemplateProblem``.
    """
    context = report_context(doc)
    if template is not None:
        return render_template(template, context)
    document = layout.new_document()
    layout.header_table(
        document,
        layout.HeaderBlock(
            superior=context["superior"],
            issuer=context["issuer"],
            number_line=context["number_line"],
            place_date=context["place_date"],
        ),
    )
    layout.title_block(document, doc.doc_type, doc.title, doc.subtitle)
    for section in doc.sections:
        _section(document, section, depth=0)
    layout.signature_table(
        document,
        layout.SignatureBlock(
            lines=context["signature_lines"], name=doc.signer_name, recipients=list(doc.recipients)
        ),
    )
    for appendix in doc.appendices:
        layout.landscape_section(document)
        layout.add_paragraph(document, appendix.heading, layout.CENTER_BOLD)
        if appendix.table is not None and appendix.table.caption:
            layout.add_paragraph(document, appendix.table.caption, _CAPTION)
        for paragraph in appendix.paragraphs:
            layout.add_paragraph(document, paragraph)
        if appendix.table is not None:
            _table(document, appendix.table, layout.LANDSCAPE_TEXT_CM, with_caption=False)
        for child in appendix.children:
            _section(document, child, depth=1, width_cm=layout.LANDSCAPE_TEXT_CM)
    return layout.to_bytes(document)


def _section(document: Document, section: DocSection, *, depth: int, width_cm: float | None = None) -> None:
    if section.heading:
        layout.add_paragraph(document, section.heading, _TOP_HEADING if depth == 0 else _SUB_HEADING)
    for paragraph in section.paragraphs:
        layout.add_paragraph(document, paragraph)
    table = section.table
    if table is not None:
        if table.landscape and width_cm is None:
            layout.landscape_section(document)
            _table(document, table, layout.LANDSCAPE_TEXT_CM)
            layout.portrait_section(document)
        else:
            _table(document, table, width_cm or layout.PORTRAIT_TEXT_CM)
    for child in section.children:
        _section(document, child, depth=depth + 1, width_cm=width_cm)


def _table(document: Document, table: DocTable, text_width_cm: float, *, with_caption: bool = True) -> None:
    if with_caption and table.caption:
        layout.add_paragraph(document, table.caption, _CAPTION)
    widths = column_widths(table, text_width_cm)
    width = len(table.columns)
    rows = [[[cell] for cell in (list(row) + [""] * width)[:width]] for row in table.rows]
    centred = {0} if _has_ordinal(table) else set()
    # Figures are right where a reader compares them: centre short cells (numbers, dates, marks).
    for column in range(1 if centred else 0, width):
        cells = [row[column] for row in table.rows if column < len(row)]
        if cells and all(len(cell) <= 12 for cell in cells):
            centred.add(column)
    layout.data_table(document, list(table.columns), widths, rows, centred=centred)
    layout.add_paragraph(document, "", Style(before=0))


def column_widths(table: DocTable, text_width_cm: float) -> list[float]:
    """The given widths scaled down to the text width, or a narrow STT and equal shares."""
    count = len(table.columns)
    if table.widths_cm and len(table.widths_cm) == count:
        total = sum(table.widths_cm)
        scale = min(1.0, text_width_cm / total) if total else 1.0
        return [round(width * scale, 2) for width in table.widths_cm]
    if _has_ordinal(table) and count > 1:
        share = round((text_width_cm - ORDINAL_CM) / (count - 1), 2)
        return [ORDINAL_CM] + [share] * (count - 1)
    return [round(text_width_cm / count, 2)] * count


def _has_ordinal(table: DocTable) -> bool:
    return bool(table.columns) and table.columns[0].strip().lower().strip(".") in ORDINAL_HEADS
