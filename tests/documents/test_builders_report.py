"""build_report_docx: a report opened with python-docx and checked like a plan."""

from __future__ import annotations

from datetime import date

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cchc.documents.builders import (
    DocSection,
    DocTable,
    ReportDocument,
    TemplateProblem,
    build_report_docx,
    report_context,
)
from cchc.documents.builders.report import column_widths
from tests.documents.test_builders_plan import (
    all_text,
    assert_header,
    assert_official_page,
    assert_signature,
    border_values,
    close,
    open_docx,
    template_with,
)


def make_report(**fields: object) -> ReportDocument:
    report = ReportDocument(
        title="Kết quả công tác tuyên truyền cải cách hành chính quý I năm 2025",
        issuer="Sở Nội vụ",
        superior="UBND tỉnh Khánh Hòa",
        issuer_code="SNV",
        number="12/BC-SNV",
        place="Khánh Hòa",
        issue_date=date(2025, 4, 7),
        subtitle="Kỳ báo cáo: Quý I năm 2025",
        sections=[
            DocSection(
                "I. KẾT QUẢ THỰC HIỆN",
                ["Trong quý I năm 2025, Sở Nội vụ đã triển khai các nhiệm vụ được giao."],
                children=[
                    DocSection(
                        "1. Đăng tin, bài",
                        ["Đăng 36 tin, bài trên Cổng Thông tin điện tử."],
                        table=DocTable(
                            ["STT", "Nhiệm vụ", "Kết quả"],
                            [["1", "Đăng tin, bài", "36 tin"], ["2", "Hội nghị tập huấn", "Hoàn thành"]],
                            caption="Bảng 1. Kết quả thực hiện",
                        ),
                    )
                ],
            ),
            DocSection("II. PHƯƠNG HƯỚNG QUÝ II", ["Tiếp tục đẩy mạnh tuyên truyền."]),
        ],
        appendices=[
            DocSection(
                "PHỤ LỤC",
                table=DocTable(
                    ["STT", "Đơn vị", "Số tin, bài", "Tỷ lệ hoàn thành"],
                    [[str(i), f"Phòng Nội vụ huyện {i}", str(i * 3), "100%"] for i in range(1, 41)],
                    caption="(Kèm theo Báo cáo số 12/BC-SNV ngày 07 tháng 4 năm 2025 của Sở Nội vụ)",
                    landscape=True,
                ),
            )
        ],
        signer_name="Nguyễn Văn An",
        signer_title="Phó Giám đốc",
        authority="KT.",
        recipients=["UBND tỉnh (b/c)", "Bộ Nội vụ", "Lưu: VT, CCHC"],
    )
    for name, value in fields.items():
        setattr(report, name, value)
    return report


def test_page_fonts_and_numbers() -> None:
    assert_official_page(open_docx(build_report_docx(make_report())))


def test_header_title_and_signature() -> None:
    document = open_docx(build_report_docx(make_report()))
    assert_header(
        document.tables[0],
        superior="UBND TỈNH KHÁNH HÒA",
        issuer="SỞ NỘI VỤ",
        number="Số: 12/BC-SNV",
        place_date="Khánh Hòa, ngày 07 tháng 4 năm 2025",
    )
    paragraphs = {p.text: p for p in document.paragraphs if p.text}
    assert paragraphs["BÁO CÁO"].runs[0].bold and paragraphs["BÁO CÁO"].runs[0].font.size == Pt(14)
    assert paragraphs["Kết quả công tác tuyên truyền cải cách hành chính quý I năm 2025"].runs[0].bold
    assert paragraphs["Kỳ báo cáo: Quý I năm 2025"].runs[0].italic
    assert paragraphs["I. KẾT QUẢ THỰC HIỆN"].runs[0].bold
    signature = document.tables[2]
    assert_signature(
        signature,
        recipients=["UBND tỉnh (b/c)", "Bộ Nội vụ", "Lưu: VT, CCHC"],
        lines=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        name="Nguyễn Văn An",
    )


def test_unissued_report_leaves_number_and_date_blank() -> None:
    document = open_docx(build_report_docx(make_report(number=None, issue_date=None, year=2025)))
    header = document.tables[0]
    assert header.cell(1, 0).text == "Số:      /BC-SNV"
    assert header.cell(1, 1).text == "Khánh Hòa, ngày     tháng     năm 2025"


def test_section_table_and_landscape_appendix() -> None:
    document = open_docx(build_report_docx(make_report()))
    inline = document.tables[1]
    assert set(border_values(inline).values()) == {"single"}
    assert [c.text for c in inline.rows[0].cells] == ["STT", "Nhiệm vụ", "Kết quả"]
    assert inline.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert "Bảng 1. Kết quả thực hiện" in [p.text for p in document.paragraphs]

    appendix_section = document.sections[-1]
    assert appendix_section.orientation == WD_ORIENT.LANDSCAPE
    assert close(appendix_section.page_width, Mm(297))
    appendix = document.tables[3]
    assert [c.text for c in appendix.rows[0].cells] == ["STT", "Đơn vị", "Số tin, bài", "Tỷ lệ hoàn thành"]
    assert appendix.rows[0]._tr.xpath("./w:trPr/w:tblHeader"), "header row repeats on every page"
    assert len(appendix.rows) == 41
    assert [c.text for c in appendix.rows[40].cells] == ["40", "Phòng Nội vụ huyện 40", "120", "100%"]
    texts = [p.text for p in document.paragraphs]
    assert "(Kèm theo Báo cáo số 12/BC-SNV ngày 07 tháng 4 năm 2025 của Sở Nội vụ)" in texts
    # The appendix comes after the signature block.
    body = list(document.element.body)
    assert body.index(appendix._tbl) > body.index(document.tables[2]._tbl)


def test_landscape_table_inside_the_text_returns_to_portrait() -> None:
    report = make_report(appendices=[])
    report.sections[0].children[0].table.landscape = True
    document = open_docx(build_report_docx(report))
    orientations = [s.orientation for s in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]


def test_short_rows_are_padded_and_vietnamese_kept() -> None:
    report = make_report(
        appendices=[DocSection("PHỤ LỤC", table=DocTable(["STT", "Đơn vị", "Điểm"], [["1", "Xã Ninh Hòa"]]))]
    )
    document = open_docx(build_report_docx(report))
    assert [c.text for c in document.tables[-1].rows[1].cells] == ["1", "Xã Ninh Hòa", ""]
    assert "Xã Ninh Hòa" in all_text(document)


def test_column_widths() -> None:
    assert column_widths(DocTable(["STT", "A", "B"]), 16.5) == [1.2, 7.65, 7.65]
    assert column_widths(DocTable(["A", "B"]), 16.0) == [8.0, 8.0]
    assert column_widths(DocTable(["A", "B"], widths_cm=[10, 10]), 16.0) == [8.0, 8.0]
    assert column_widths(DocTable(["A", "B"], widths_cm=[3, 4]), 16.0) == [3, 4]


@pytest.mark.parametrize(
    ("authority", "body", "title", "lines"),
    [
        ("TM.", "Ủy ban nhân dân", "Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("TL.", "Giám đốc", "Chánh Văn phòng", ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
        ("", "", "Giám đốc", ["GIÁM ĐỐC"]),
    ],
)
def test_authority_forms_in_the_document(authority: str, body: str, title: str, lines: list[str]) -> None:
    report = make_report(authority=authority, authority_body=body, signer_title=title)
    signature = open_docx(build_report_docx(report)).tables[2]
    assert [p.text for p in signature.cell(0, 1).paragraphs if p.text] == [*lines, "Nguyễn Văn An"]


def test_report_template() -> None:
    template = template_with(
        "{{ number_line }} {{ date_text }}",
        "{% for s in sections %}{{ s.heading }}|{% endfor %}",
        "{% for a in appendices %}{{ a.table.columns | join(',') }}{% endfor %}",
    )
    texts = [p.text for p in open_docx(build_report_docx(make_report(), template=template)).paragraphs]
    assert texts == [
        "Số: 12/BC-SNV ngày 07 tháng 4 năm 2025",
        "I. KẾT QUẢ THỰC HIỆN|II. PHƯƠNG HƯỚNG QUÝ II|",
        "STT,Đơn vị,Số tin, bài,Tỷ lệ hoàn thành",
    ]


def test_report_template_with_a_bad_placeholder() -> None:
    with pytest.raises(TemplateProblem) as caught:
        build_report_docx(make_report(), template=template_with("{{ ky_bao_cao }}"))
    assert "{{ ky_bao_cao }}" in caught.value.message_vi


def test_report_context_keys_are_documented() -> None:
    from cchc.documents.builders import context

    for key in report_context(make_report()):
        assert f"``{key}``" in (context.__doc__ or ""), key


def test_fonts_in_table_cells_are_times_new_roman() -> None:
    document = open_docx(build_report_docx(make_report()))
    for fonts in document.element.body.iter(qn("w:rFonts")):
        assert fonts.get(qn("w:ascii")) in (None, "Times New Roman")
    sizes = {run.font.size for run in document.tables[3].rows[1].cells[1].paragraphs[0].runs}
    assert sizes == {Pt(12)}
