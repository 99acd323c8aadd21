"""A report as an official .docx (through ``cchc.documents.builders``) and as an .xlsx workbook."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from cchc.core.vn import fold
from cchc.documents.builders import DocSection, DocTable, ReportDocument, build_report_docx
from cchc.reports.figures import channel_rows, form_rows
from cchc.reports.models import Report


def filename(report: Report, extension: str) -> str:
    stem = fold(f"bao-cao {report.period.label} {report.unit.short_name or report.unit.name}")
    stem = "-".join("".join(c if c.isalnum() else " " for c in stem).split())
    return f"{stem[:80]}.{extension}"


def _results_section(report: Report, title: str, text: str) -> DocSection:
    figures = report.figures
    start, end = report.period.start, report.period.end
    paragraphs = [
        f"Số liệu tính từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y} "
        f"(thời gian chốt số liệu theo Nghị định số 09/2019/NĐ-CP).",
    ]
    if text:
        paragraphs.extend(p for p in text.splitlines() if p.strip())
    children = [
        DocSection(
            heading="1. Kết quả theo hình thức tuyên truyền",
            table=DocTable(
                columns=["STT", "Hình thức", "Đơn vị tính", "Số lượng"],
                rows=[
                    [str(i), row["label"], row["unit"], f"{row['value']:,}".replace(",", ".")]
                    for i, row in enumerate(form_rows(figures), start=1)
                ],
                widths_cm=[1.2, 9.0, 3.0, 2.8],
            ),
        ),
    ]
    tasks = figures.get("tasks") or []
    if tasks:
        children.append(
            DocSection(
                heading="2. Kết quả thực hiện nhiệm vụ",
                table=DocTable(
                    columns=["STT", "Nhiệm vụ", "Trong kỳ", "Lũy kế", "Phải đạt", "Tình trạng"],
                    widths_cm=[1.3, 7.1, 1.8, 1.8, 1.8, 2.2],
                    rows=[
                        [
                            str(i),
                            f"{t['title']} (KH {t['plan']})",
                            str(t["in_period"]),
                            str(t["done"]),
                            "" if t["expected"] is None else str(t["expected"]),
                            t["status_label"],
                        ]
                        for i, t in enumerate(tasks, start=1)
                    ],
                ),
            )
        )
    missing = figures.get("missing") or []
    summed = figures.get("children") or []
    if summed or missing:
        children.append(
            DocSection(
                heading=f"{len(children) + 1}. Tổng hợp báo cáo của các đơn vị",
                paragraphs=[
                    f"Số đơn vị phải báo cáo: {figures.get('expected_count', 0)}; "
                    f"đã tổng hợp báo cáo được tiếp nhận của {len(summed)} đơn vị.",
                    *(
                        [
                            "Đơn vị chưa có báo cáo được tiếp nhận: "
                            + "; ".join(m["unit"] for m in missing)
                            + "."
                        ]
                        if missing
                        else []
                    ),
                ],
                table=DocTable(
                    columns=[
                        "STT",
                        "Đơn vị",
                        "Tin, bài",
                        "Chương trình PT-TH",
                        "Hội nghị",
                        "Người tham dự",
                        "Hoạt động",
                    ],
                    rows=[
                        [
                            str(i),
                            c["unit"],
                            *(
                                str(c["forms"].get(key, 0))
                                for key in ("articles", "broadcasts", "conferences", "participants")
                            ),
                            str(c["activity_count"]),
                        ]
                        for i, c in enumerate(summed, start=1)
                    ],
                    widths_cm=[1.3, 5.1, 1.8, 2.2, 1.8, 2.0, 1.8],
                )
                if summed
                else None,
            )
        )
    if report.indicators:
        children.append(
            DocSection(
                heading=f"{len(children) + 1}. Chỉ số",
                table=DocTable(
                    columns=["Chỉ số", "Giá trị", "Nguồn số liệu"],
                    rows=[
                        [i["name"], f"{i['value']} {i['unit']}".strip(), i["source"]]
                        for i in report.indicators
                    ],
                    widths_cm=[3.5, 3.0, 9.5],
                ),
            )
        )
    return DocSection(heading=title, paragraphs=paragraphs, children=children)


def report_document(report: Report) -> ReportDocument:
    """The report as the builders' input (no models cross into ``documents.builders``)."""
    sections = []
    for section in report.sections:
        if section.get("is_results"):
            sections.append(_results_section(report, section["title"], section.get("text", "")))
        else:
            paragraphs = [p for p in section.get("text", "").splitlines() if p.strip()]
            sections.append(DocSection(heading=section["title"], paragraphs=paragraphs or ["…"]))
    appendices = []
    activities = report.figures.get("activities") or []
    if activities:
        appendices.append(
            DocSection(
                heading="Phụ lục: Danh mục hoạt động và minh chứng",
                table=DocTable(
                    columns=["STT", "Ngày", "Hoạt động", "Hình thức", "Số lượng", "Minh chứng"],
                    rows=[
                        [
                            str(i),
                            date.fromisoformat(a["date"]).strftime("%d/%m/%Y"),
                            a["title"],
                            a["channel"],
                            f"{a['quantity']} {a['measure']}",
                            "; ".join(a["files"]) or a["link"],
                        ]
                        for i, a in enumerate(activities, start=1)
                    ],
                    landscape=True,
                ),
            )
        )
    unit = report.unit
    # A territory reports through its People's Committee; an agency names the committee above it.
    if unit.is_territorial:
        issuer, superior = f"ỦY BAN NHÂN DÂN {unit.name}", ""
    else:
        issuer = unit.name
        superior = (
            f"UBND {unit.parent.name}"
            if unit.parent_id and unit.parent and unit.parent.is_territorial
            else ""
        )
    return ReportDocument(
        title=report.subject,
        issuer=issuer.upper(),
        superior=superior,
        issuer_code=unit.symbol_code or "UBND",
        number=report.number or None,
        place=report.place,
        issue_date=report.issue_date,
        year=report.issue_date.year if report.issue_date else report.period.year,
        sections=sections,
        appendices=appendices,
        signer_name=report.signer_name,
        signer_title=report.signer_title,
        authority=report.authority,
        authority_body=report.authority_body,
        recipients=[report.recipient_name, f"Lưu: VT, {unit.symbol_code or ''}".rstrip(", ")],
    )


def report_docx(report: Report) -> bytes:
    """The document as sent (the register's stored file) while the report is locked; otherwise the current
    draft, unnumbered until it is signed and sent."""
    if not report.is_editable and report.document_id and report.document and report.document.file:
        with report.document.file.open("rb") as handle:
            return handle.read()
    if report.is_editable:
        return build_report_docx(replace(report_document(report), number=None, issue_date=None))
    return build_report_docx(report_document(report))


def _sheet_rows(ws: Any, header: list[str], rows: list[list[Any]]) -> None:
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    for index, title in enumerate(header, start=1):
        width = max([len(str(title))] + [len(str(r[index - 1])) for r in rows if index - 1 < len(r)] or [10])
        ws.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)


def report_xlsx(report: Report) -> bytes:
    """The figures as a workbook: forms, channels, tasks, units summed, activities."""
    figures = report.figures
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Tong hop"
    ws.append([report.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(
        [f"{report.unit.name} · chốt số liệu {report.period.start:%d/%m/%Y} – {report.period.end:%d/%m/%Y}"]
    )
    ws.append([f"Trạng thái: {report.get_status_display()}"])
    ws.append([])
    _sheet_rows(
        ws,
        ["Hình thức", "Đơn vị tính", "Số lượng"],
        [[r["label"], r["unit"], r["value"]] for r in form_rows(figures)],
    )
    ws = workbook.create_sheet("Kenh")
    _sheet_rows(
        ws,
        ["Kênh", "Số hoạt động", "Số lượng"],
        [[r["label"], r["count"], r["quantity"]] for r in channel_rows(figures)],
    )
    ws = workbook.create_sheet("Nhiem vu")
    _sheet_rows(
        ws,
        [
            "Kế hoạch",
            "STT",
            "Nhiệm vụ",
            "Đơn vị",
            "Trong kỳ",
            "Lũy kế",
            "Phải đạt",
            "Tổng chỉ tiêu",
            "Tình trạng",
        ],
        [
            [
                t["plan"],
                t["ordinal"],
                t["title"],
                t["unit"],
                t["in_period"],
                t["done"],
                t["expected"],
                t["total"],
                t["status_label"],
            ]
            for t in figures.get("tasks") or []
        ],
    )
    ws = workbook.create_sheet("Don vi")
    _sheet_rows(
        ws,
        ["Đơn vị", "Đã tổng hợp", *[r["label"] for r in form_rows({})]],
        [
            [c["unit"], "Có", *[c["forms"].get(r["key"], 0) for r in form_rows({})]]
            for c in figures.get("children") or []
        ]
        + [[m["unit"], "Chưa báo cáo"] for m in figures.get("missing") or []],
    )
    ws = workbook.create_sheet("Hoat dong")
    _sheet_rows(
        ws,
        ["Ngày", "Đơn vị", "Hoạt động", "Hình thức", "Số lượng", "Đơn vị tính", "Đường dẫn", "Minh chứng"],
        [
            [
                a["date"],
                a["unit"],
                a["title"],
                a["channel"],
                a["quantity"],
                a["measure"],
                a["link"],
                "; ".join(a["files"]),
            ]
            for a in figures.get("activities") or []
        ],
    )
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
