"""The score sheet as .xlsx (every line with its arithmetic and its evidence links) and as an official
.docx through the documents builders."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from cchc.documents.builders import DocSection, DocTable, ReportDocument, build_report_docx
from cchc.evaluation.scoring import ScoreSheet, format_number, format_points
from cchc.orgs.models import Unit

HEADER = ["Mã", "Tiêu chí", "Điểm tối đa", "Điểm đạt", "Diễn giải", "Minh chứng"]
WIDTHS = [10, 60, 12, 12, 80, 80]


def score_sheet_xlsx(
    unit: Unit,
    year: int,
    rule_name: str,
    result: ScoreSheet,
    evaluated_on: date,
    computed_at: datetime | None,
    base_url: str,
) -> bytes:
    """One sheet; points are numbers (two decimals) so the file adds up in Excel too. ``base_url``
    makes the evidence links absolute."""
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
    sheet.append([])
    sheet.append(HEADER)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="EEF2F7")
    for line in result.lines:
        evidence = "\n".join(
            f"{ref.label} ({base_url}{ref.url})" if ref.url else ref.label for ref in line.references
        )
        sheet.append(
            [line.code, line.title, float(line.max_points), float(line.points), line.explanation, evidence]
        )
        row = sheet.max_row
        sheet.cell(row, 2).alignment = Alignment(indent=line.depth * 2, wrap_text=True, vertical="top")
        for column in (3, 4):
            sheet.cell(row, column).number_format = "0.00"
        for column in (1, 5, 6):
            sheet.cell(row, column).alignment = Alignment(wrap_text=True, vertical="top")
        if line.is_group or line.depth == 0:
            for column in range(1, 5):
                sheet.cell(row, column).font = bold
    sheet.append(["", "Tổng cộng", float(result.max_points), float(result.total)])
    for column in range(1, 5):
        sheet.cell(sheet.max_row, column).font = bold
    sheet.cell(sheet.max_row, 3).number_format = "0.00"
    sheet.cell(sheet.max_row, 4).number_format = "0.00"
    for index, width in enumerate(WIDTHS):
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
) -> ReportDocument:
    """The score sheet as an official document (Nghị định 30/2020 layout, unnumbered until issued): the
    rule, the lines with their arithmetic, the evidence in an appendix."""
    lines = [
        [
            line.code,
            line.title,
            format_number(line.max_points),
            format_points(line.points),
            ("Không có dữ liệu. " if line.missing else "") + line.explanation,
        ]
        for line in result.lines
    ]
    lines.append(["", "Tổng cộng", format_number(result.max_points), format_points(result.total), ""])
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
            heading="II. KẾT QUẢ TỰ CHẤM ĐIỂM",
            paragraphs=[
                f"Tổng điểm tự chấm: {format_points(result.total)}/{format_number(result.max_points)} điểm."
            ],
            table=DocTable(
                columns=["Mã", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Diễn giải"],
                rows=lines,
                widths_cm=[1.9, 4.3, 1.6, 1.8, 6.4],
            ),
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
    return ReportDocument(
        title=f"Báo cáo kết quả tự chấm điểm tiêu chí công tác tuyên truyền cải cách hành chính năm {year}",
        issuer=unit.name.upper(),
        superior=superior,
        issuer_code=unit.symbol_code or "UBND",
        year=year,
        sections=sections,
        appendices=appendices,
        recipients=[f"Lưu: VT, {unit.symbol_code}".rstrip(", ")],
    )


def score_sheet_docx(document: ReportDocument) -> bytes:
    return build_report_docx(document)
