"""The score sheet as .xlsx (every line with its arithmetic and its evidence links) and as an official
.docx through the documents builders; once appraised, the appraised points and the reasons beside the
self-assessed ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from cchc.documents.builders import DocSection, DocTable, ReportDocument, build_report_docx
from cchc.documents.models import SignedDocument
from cchc.evaluation.scoring import ScoreLine, ScoreSheet, format_number, format_points
from cchc.orgs.models import Unit

HEADER = ["Mã", "Tiêu chí", "Điểm tối đa", "Điểm đạt", "Diễn giải", "Minh chứng"]
WIDTHS = [10, 60, 12, 12, 80, 80]
# Once appraised: the self-score and the appraised score side by side, then the reason.
APPRAISED_HEADER = [
    "Mã",
    "Tiêu chí",
    "Điểm tối đa",
    "Điểm tự chấm",
    "Điểm thẩm định",
    "Lý do điều chỉnh",
    "Diễn giải",
    "Minh chứng",
]
APPRAISED_WIDTHS = [10, 60, 12, 12, 12, 50, 80, 80]


def score_sheet_xlsx(
    unit: Unit,
    year: int,
    rule_name: str,
    result: ScoreSheet,
    evaluated_on: date,
    computed_at: datetime | None,
    base_url: str,
    notes: Sequence[tuple[str, str]] = (),
) -> bytes:
    """One sheet; points are numbers (two decimals) so the file adds up in Excel too. ``base_url``
    makes the evidence links absolute; ``notes``: who sent it for appraisal and who appraised it, when."""
    appraised = result.appraised_total is not None
    book = Workbook()
    sheet = book.active
    sheet.title = f"Điểm {year}"
    bold = Font(bold=True)
    sheet.append([f"BẢNG TỰ CHẤM ĐIỂM TIÊU CHÍ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM {year}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(["Đơn vị", unit.name])
    sheet.append(["Quy tắc", rule_name])
    sheet.append(["Số liệu tính đến", evaluated_on.strftime("%d/%m/%Y")])
    sheet.append(
        [
            "Thời điểm tính",
            computed_at.strftime("%d/%m/%Y %H:%M") if computed_at else "Bản tính tạm, chưa lưu",
        ]
    )
    sheet.append(["Tổng điểm", float(result.total), "trên", float(result.max_points)])
    if appraised:
        assert result.appraised_total is not None
        sheet.append(["Tổng điểm thẩm định", float(result.appraised_total), "trên", float(result.max_points)])
    for label, text in notes:
        sheet.append([label, text])
    sheet.append([])
    sheet.append(APPRAISED_HEADER if appraised else HEADER)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="EEF2F7")
    for line in result.lines:
        evidence = "\n".join(
            f"{ref.label} ({base_url}{ref.url})" if ref.url else ref.label for ref in line.references
        )
        scores: list[object] = [float(line.points)]
        if appraised:
            scores += [
                float(line.appraised_points) if line.appraised_points is not None else None,
                line.appraisal_reason,
            ]
        sheet.append([line.code, line.title, float(line.max_points), *scores, line.explanation, evidence])
        row = sheet.max_row
        sheet.cell(row, 2).alignment = Alignment(indent=line.depth * 2, wrap_text=True, vertical="top")
        numbers = (3, 4, 5) if appraised else (3, 4)
        for column in numbers:
            sheet.cell(row, column).number_format = "0.00"
        for column in (1, 6, 7, 8) if appraised else (1, 5, 6):
            sheet.cell(row, column).alignment = Alignment(wrap_text=True, vertical="top")
        if line.is_group or line.depth == 0:
            for column in range(1, numbers[-1] + 1):
                sheet.cell(row, column).font = bold
    totals: list[object] = [float(result.total)]
    if appraised:
        assert result.appraised_total is not None
        totals.append(float(result.appraised_total))
    sheet.append(["", "Tổng cộng", float(result.max_points), *totals])
    for column in range(1, 4 + len(totals)):
        sheet.cell(sheet.max_row, column).font = bold
    for column in range(3, 4 + len(totals)):
        sheet.cell(sheet.max_row, column).number_format = "0.00"
    for index, width in enumerate(APPRAISED_WIDTHS if appraised else WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def score_sheet_document(
    unit: Unit,
    year: int,
    rule_name: str,
    rule_source: str,
    result: ScoreSheet,
    evaluated_on: date,
    base_url: str,
    notes: Sequence[tuple[str, str]] = (),
    signed: SignedDocument | None = None,
) -> ReportDocument:
    """The score sheet as an official document (Nghị định 30/2020 layout; numbered and signed as ``signed``
    was when the unit sent it for appraisal, blank before): the rule, the lines with their arithmetic (and, once appraised, the appraised points beside the
    self-assessed ones, with the reasons), the evidence in an appendix."""
    appraised = result.appraised_total is not None

    def explained(line: ScoreLine) -> str:
        text = ("Không có dữ liệu. " if line.missing else "") + line.explanation
        if appraised and line.appraisal_reason:
            text += f" — Lý do thẩm định: {line.appraisal_reason}"
        return text

    lines = [
        [
            line.code,
            line.title,
            format_number(line.max_points),
            format_points(line.points),
            *([line.appraised_display] if appraised else []),
            explained(line),
        ]
        for line in result.lines
    ]
    lines.append(
        [
            "",
            "Tổng cộng",
            format_number(result.max_points),
            format_points(result.total),
            *([result.appraised_total_display] if appraised else []),
            "",
        ]
    )
    if appraised:
        columns = ["Mã", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định", "Diễn giải"]
        widths = [1.6, 3.9, 1.4, 1.5, 1.6, 6.0]
        summary = [
            f"Tổng điểm tự chấm: {format_points(result.total)}/{format_number(result.max_points)} điểm; "
            f"tổng điểm thẩm định: {result.appraised_total_display}/{format_number(result.max_points)} điểm."
        ]
    else:
        columns = ["Mã", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Diễn giải"]
        widths = [1.9, 4.3, 1.6, 1.8, 6.4]
        summary = [
            f"Tổng điểm tự chấm: {format_points(result.total)}/{format_number(result.max_points)} điểm."
        ]
    summary += [f"{label}: {text}." for label, text in notes]
    evidence = [
        [line.code, f"{ref.label}: {base_url}{ref.url}" if ref.url else ref.label]
        for line in result.lines
        for ref in line.references
    ]
    sections = [
        DocSection(
            heading="I. QUY TẮC CHẤM ĐIỂM",
            paragraphs=[
                f"Quy tắc: {rule_name}.",
                *([f"Nguồn: {rule_source}"] if rule_source else []),
                f"Số liệu lấy từ hệ thống, tính đến ngày {evaluated_on:%d/%m/%Y}.",
            ],
        ),
        DocSection(
            heading="II. KẾT QUẢ TỰ CHẤM ĐIỂM VÀ THẨM ĐỊNH" if appraised else "II. KẾT QUẢ TỰ CHẤM ĐIỂM",
            paragraphs=summary,
            table=DocTable(columns=columns, rows=lines, widths_cm=widths),
        ),
    ]
    appendices = []
    if evidence:
        appendices.append(
            DocSection(
                heading="Phụ lục: Tài liệu kiểm chứng",
                table=DocTable(columns=["Mã", "Minh chứng, số liệu"], rows=evidence, widths_cm=[2.0, 23.0]),
            )
        )
    superior = unit.parent.name.upper() if unit.parent is not None and not unit.is_territorial else ""
    # Sent for appraisal to the committee above the unit.
    recipients = [f"Ủy ban nhân dân {unit.parent.name}"] if unit.parent is not None else []
    return ReportDocument(
        title=f"Kết quả tự chấm điểm tiêu chí công tác tuyên truyền cải cách hành chính năm {year}",
        issuer=unit.name.upper(),
        superior=superior,
        issuer_code=unit.symbol_code or "UBND",
        year=signed.issue_date.year if signed and signed.issue_date else year,
        sections=sections,
        appendices=appendices,
        recipients=[*recipients, f"Lưu: VT, {unit.symbol_code}".rstrip(", ")],
        **(
            {
                "number": signed.number or None,
                "issue_date": signed.issue_date,
                "place": signed.place,
                "signer_name": signed.signer_name,
                "signer_title": signed.signer_title,
                "authority": signed.authority,
                "authority_body": signed.authority_body,
            }
            if signed is not None and signed.is_signed
            else {}
        ),
    )


def score_sheet_docx(document: ReportDocument) -> bytes:
    return build_report_docx(document)
