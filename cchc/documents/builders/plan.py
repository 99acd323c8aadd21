"""A plan (``PlanDraft``) as an official "KẾ HOẠCH" .docx.

The text keeps the plan's own numbering (I., 1., a), -, +) as printed; the tasks go into the
appendix table on landscape pages, one column per field the importer reads back (STT, task with
its details and frequency, lead and coordinating agencies as printed, time, product, budget), so
that importing the document again gives the same plan.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from cchc.importer.model import PlanDraft, Section, Task

from . import layout
from .context import agencies_text, appendix_caption, plan_context
from .layout import Style
from .template import render_template

APPENDIX_HEADING = "PHỤ LỤC"
OUTLINE_HEADING = "ĐỀ CƯƠNG BÁO CÁO"
CONTINUOUS = "Thường xuyên"
# Labels the importer reads as a frequency in a task's cell; printed as they are.
_FREQUENCY_LABELS = ("tần suất", "quy mô", "số lượng", "số kỳ", "thời lượng")

_ROMAN = Style(bold=True, keep_with_next=True)
_NUMBERED = Style(bold=True, keep_with_next=True)
_LETTERED = Style(italic=True, keep_with_next=True)


def build_plan_docx(draft: PlanDraft, *, template: bytes | None = None) -> bytes:
    """The plan as a .docx in the format of Nghị định 30/2020 (or rendered into ``template``).

    ``template``: a unit's docxtpl template; a broken one raises ``TemplateProblem``.
    """
    context = plan_context(draft)
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
    layout.title_block(document, context["doc_type"], context["title"])
    _body(document, draft)
    layout.signature_table(
        document,
        layout.SignatureBlock(
            lines=context["signature_lines"], name=context["signer_name"], recipients=context["recipients"]
        ),
    )
    if draft.tasks:
        _task_appendix(document, draft)
    if draft.report_outline:
        _outline_appendix(document, draft)
    return layout.to_bytes(document)


def _body(document: Document, draft: PlanDraft) -> None:
    """The text: its sections as printed; the legal bases when the draft kept no preamble."""
    has_preamble = bool(draft.sections) and draft.sections[0].marker == ""
    if not has_preamble:
        for reference in draft.legal_references:
            layout.add_paragraph(document, f"Căn cứ {reference.text.strip().rstrip(';.')};")
    for section in draft.sections:
        _section(document, section)


def _section(document: Document, section: Section) -> None:
    heading = " ".join(part for part in (section.marker, section.title) if part and part != "#")
    if heading:
        layout.add_paragraph(document, heading, _heading_style(section))
    for line in section.text.split("\n"):
        if line.strip():
            layout.add_paragraph(document, line.strip())
    for child in section.children:
        _section(document, child)


def _heading_style(section: Section) -> Style:
    """Bold for "I." and "1."; italic for "a)" when it heads items of its own; plain for bullets."""
    marker = section.marker
    if marker == "#":
        return _ROMAN
    if marker[:1].isdigit():
        return _NUMBERED
    if marker.endswith(".") and marker[:-1].isalpha() and marker[:-1].isupper():
        return _ROMAN
    if marker.endswith(")") and section.children:
        return _LETTERED
    return layout.BODY


def _task_appendix(document: Document, draft: PlanDraft) -> None:
    layout.landscape_section(document)
    layout.add_paragraph(document, APPENDIX_HEADING, layout.CENTER_BOLD)
    # A decision issuing a plan carries the plan's number; its tasks are still the plan's.
    doc_type = draft.document.doc_type or "Kế hoạch"
    title = f"NHIỆM VỤ TRIỂN KHAI {'KẾ HOẠCH' if doc_type == 'Quyết định' else doc_type.upper()}"
    layout.add_paragraph(document, title, layout.CENTER_BOLD)
    caption = Style(italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, after=8)
    layout.add_paragraph(document, appendix_caption(draft), caption)

    with_product = any(task.product for task in draft.tasks)
    with_budget = any(task.budget for task in draft.tasks)
    columns = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    widths = [1.2, 0.0, 4.0, 4.0, 3.0]
    if with_product:
        columns.append("Sản phẩm")
        widths.append(3.0)
    if with_budget:
        columns.append("Kinh phí")
        widths.append(3.0)
    widths[1] = round(layout.LANDSCAPE_TEXT_CM - sum(widths), 2)

    rows: list[list[list[str]]] = []
    groups: dict[int, str] = {}
    group: str | None = None
    for task in draft.tasks:
        if task.group and task.group != group:
            groups[len(rows)] = task.group
            rows.append([[] for _ in columns])
        group = task.group
        cells = [
            [task.ordinal],
            _task_cell(task),
            [agencies_text(task.lead)],
            [agencies_text(task.coordinating)],
            [timeframe_text(task)],
        ]
        if with_product:
            cells.append([task.product or ""])
        if with_budget:
            cells.append([task.budget or ""])
        rows.append(cells)
    layout.data_table(document, columns, widths, rows, group_rows=groups, centred={0, 4}, justified={1})


def timeframe_text(task: Task) -> str:
    """The time as printed; a task the plan gives no time (a standing duty, which the importer
    reads as running through the plan's year) is printed "Thường xuyên", which reads back the same."""
    timeframe = task.timeframe
    if timeframe is None:
        return ""
    if not timeframe.text and timeframe.kind == "continuous":
        return CONTINUOUS
    return timeframe.text


def _task_cell(task: Task) -> list[str]:
    """Title, frequency (unless the title or the time already say it), details.

    The frequency line comes right under the title: the importer reads a "Quy mô:" line together
    with the lines that follow it ("Thời gian: ½ ngày/cuộc"), as the plans print them.
    """
    paragraphs = [task.title]
    frequency = task.frequency.text.strip() if task.frequency else ""
    if frequency and frequency not in task.title and frequency not in timeframe_text(task):
        if frequency.lower().startswith(_FREQUENCY_LABELS):
            paragraphs.append(f"- {frequency}")
        else:
            paragraphs.append(f"- Tần suất: {frequency}")
    paragraphs += [line for line in task.details.split("\n") if line.strip()]
    return paragraphs


def _outline_appendix(document: Document, draft: PlanDraft) -> None:
    """The report outline the plan asks units to follow ("ĐỀ CƯƠNG BÁO CÁO")."""
    layout.portrait_section(document)
    layout.add_paragraph(document, OUTLINE_HEADING, layout.CENTER_BOLD)
    caption = Style(italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, after=8)
    layout.add_paragraph(document, appendix_caption(draft), caption)
    for section in draft.report_outline:
        _section(document, section)
