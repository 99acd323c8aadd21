"""The readers: bytes of a .txt, .md, .docx or .pdf -> lines in the sample .txt conventions."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml import parse_xml

from cchc.importer.errors import ImportFailure
from cchc.importer.readers import read_source
from tests.importer.docx_from_text import docx_from_text

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PLAN_TEXT = "Số: 82/KH-UBND\n\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2025\n"
FONT_PATHS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
]


def failure_code(data: bytes, filename: str) -> str:
    with pytest.raises(ImportFailure) as caught:
        read_source(data, filename)
    assert caught.value.message_vi and caught.value.message_en
    assert str(caught.value) == f"{caught.value.message_vi} / {caught.value.message_en}"
    return caught.value.code


# Text files


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),  # with a BOM
        lambda text: text.encode("utf-16-le"),  # without one
        lambda text: text.encode("utf-16-be"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "crlf"],
)
def test_text_encodings_give_the_same_lines(encode: Callable[[str], bytes]) -> None:
    source = read_source(encode(PLAN_TEXT), "ke-hoach.txt")
    assert source.format == "text"
    assert source.lines == ["Số: 82/KH-UBND", "", "KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2025"]


def test_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Quảng Ngãi")
    source = read_source(decomposed.encode("utf-8"), "a.txt")
    assert source.lines == ["Ủy ban nhân dân tỉnh Quảng Ngãi"]


def test_a_file_cut_inside_its_last_character_is_read() -> None:
    assert read_source("Kế hoạch năm 2025 ệ".encode()[:-1], "a.txt").lines == ["Kế hoạch năm 2025 "]
    assert read_source("Kế hoạch".encode("utf-16")[:-1], "a.txt").lines == ["Kế hoạc"]


def test_control_characters_are_dropped_and_tabs_kept() -> None:
    source = read_source("STT\tNội dung\x07\fa) Mục đích\x00".encode(), "a.txt")
    assert source.lines == ["STT\tNội dung", "a) Mục đích"]


def test_markdown_by_extension_or_by_headings() -> None:
    assert read_source(PLAN_TEXT.encode(), "plan.md").format == "markdown"
    assert (
        read_source(b"## K\xe1\xba\xbe HO\xe1\xba\xa0CH\n\nN\xe1\xbb\x99i dung", "plan.txt").format
        == "markdown"
    )
    assert read_source(b"# 1 so/thang", "x.txt").format == "markdown"
    assert read_source(b"#hashtag is not a heading", "x.txt").format == "text"


def test_the_type_comes_from_the_content_not_the_name() -> None:
    assert read_source(PLAN_TEXT.encode(), "ke-hoach.pdf").format == "text"
    assert read_source(docx_from_text(PLAN_TEXT), "ke-hoach.txt").format == "docx"


# Refused files


def test_empty_and_blank_files_are_refused() -> None:
    assert failure_code(b"", "a.txt") == "empty"
    assert failure_code(b" \r\n\t\n", "a.txt") == "empty"
    assert failure_code("\ufeff\n\n".encode(), "a.txt") == "empty"


def test_a_file_over_20_mb_is_refused() -> None:
    assert failure_code(b"a" * (20 * 1024 * 1024 + 1), "big.txt") == "too_large"


def test_random_bytes_are_unsupported() -> None:
    data = bytes(range(256)) * 40
    assert failure_code(data, "plan.docx") == "unsupported"


def test_legacy_vietnamese_encodings_are_unreadable_with_advice() -> None:
    data = "Kế hoạch tuyên truyền cải cách hành chính".encode("cp1258", errors="replace")
    with pytest.raises(ImportFailure) as caught:
        read_source(data, "a.txt")
    assert caught.value.code == "unreadable"
    assert "UTF-8" in caught.value.message_vi


def test_excel_workbook_is_unsupported() -> None:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    assert failure_code(buffer.getvalue(), "ke-hoach.xlsx") == "unsupported"


def test_other_zip_is_unsupported_and_broken_docx_unreadable() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert failure_code(buffer.getvalue(), "a.zip") == "unsupported"
    docx_bytes = docx_from_text(PLAN_TEXT)
    assert failure_code(docx_bytes[: len(docx_bytes) // 2], "ke-hoach.docx") == "unreadable"


def test_docx_with_damaged_xml_is_unreadable() -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_from_text(PLAN_TEXT))) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    assert failure_code(buffer.getvalue(), "ke-hoach.docx") == "unreadable"


def test_legacy_word_rtf_and_html_are_unsupported() -> None:
    assert failure_code(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "a.doc") == "unsupported"
    assert failure_code(b"{\\rtf1\\ansi K\\'e1 ho\\'e1ch}", "a.rtf") == "unsupported"
    assert failure_code(b"<!DOCTYPE html><html><body>x</body></html>", "a.html") == "unsupported"


def test_broken_pdf_is_unreadable() -> None:
    assert failure_code(b"%PDF-1.7\n garbage that is not a PDF", "a.pdf") == "unreadable"


# Word files


def docx_bytes(document: WordDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_document_order() -> None:
    text = "I. MỤC ĐÍCH\n\nSTT\tNội dung\tChủ trì\n1\tĐăng tin\tSở Nội vụ\n\nIV. TỔ CHỨC THỰC HIỆN"
    source = read_source(docx_from_text(text), "a.docx")
    assert source.format == "docx"
    assert source.lines == [
        "I. MỤC ĐÍCH",
        "",
        "STT\tNội dung\tChủ trì",
        "1\tĐăng tin\tSở Nội vụ",
        "",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]


def test_docx_merged_cells_and_cell_paragraphs() -> None:
    document = Document()
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    values = [
        ["TT", "Nhiệm vụ", "Chủ trì", "Thời gian"],
        ["I", "Nhiệm vụ chung", "", ""],
        ["1", "Đăng tin", "Sở Nội vụ", "Quý I"],
        ["2", "Tọa đàm", "", "Quý II"],
    ]
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 1).merge(table.cell(1, 3))  # a group row over three columns
    table.cell(2, 2).merge(table.cell(3, 2))  # one lead agency for two tasks
    table.cell(3, 1).add_paragraph("- Quy mô: 03 cuộc")
    assert read_source(docx_bytes(document), "a.docx").lines == [
        "TT\tNhiệm vụ\tChủ trì\tThời gian",
        "I\tNhiệm vụ chung\t\t",
        "1\tĐăng tin\tSở Nội vụ\tQuý I",
        "2\t<p>Tọa đàm</p> <p>- Quy mô: 03 cuộc</p>\t\tQuý II",
    ]


def test_docx_nested_table_is_flattened_into_its_cell() -> None:
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "1"
    inner_cell = table.cell(0, 1)
    inner_cell.text = "Phát thanh"
    inner = inner_cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Đài tỉnh"
    inner.cell(0, 1).text = "05 phút"
    assert read_source(docx_bytes(document), "a.docx").lines == [
        "1\t<p>Phát thanh</p> <p>Đài tỉnh</p> <p>05 phút</p>",
    ]


def test_docx_borderless_layout_table_is_read_as_paragraphs() -> None:
    document = Document()
    header = document.add_table(rows=2, cols=2)  # no style: the ND 30 header has no rulings
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 0).text = "Số: 12/KH-UBND"
    header.cell(1, 1).text = "Nam Định, ngày 05 tháng 02 năm 2025"
    document.add_paragraph("KẾ HOẠCH")
    assert read_source(docx_bytes(document), "a.docx").lines == [
        "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 12/KH-UBND",
        "Nam Định, ngày 05 tháng 02 năm 2025",
        "KẾ HOẠCH",
    ]


def test_docx_headers_footers_are_ignored_and_breaks_and_tabs_handled() -> None:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Trang 1"
    document.sections[0].footer.paragraphs[0].text = "Lưu hành nội bộ"
    paragraph = document.add_paragraph("TM. ỦY BAN NHÂN DÂN")
    paragraph.add_run().add_break()
    paragraph.add_run("CHỦ TỊCH")
    document.add_paragraph("a)\tTuyên truyền   về\u00a0CCHC")
    document.add_paragraph("")
    document.add_paragraph("")
    document.add_paragraph("Nguyễn Văn A")
    assert read_source(docx_bytes(document), "a.docx").lines == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "a) Tuyên truyền về CCHC",
        "",
        "Nguyễn Văn A",
    ]


def test_docx_symbol_font_bullets_become_dashes() -> None:
    document = Document()
    document.add_paragraph("\uf0b7\tTuyên truyền trên báo")
    paragraph = document.add_paragraph()
    paragraph._p.append(
        parse_xml(
            f'<w:r {W_NS}><w:sym w:font="Wingdings" w:char="F0D8"/><w:t xml:space="preserve"> Pano</w:t></w:r>'
        )
    )
    assert read_source(docx_bytes(document), "a.docx").lines == ["- Tuyên truyền trên báo", "- Pano"]


NUMBERING = f"""<w:numbering {W_NS}>
  <w:abstractNum w:abstractNumId="10">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="11">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="12">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="13">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalZero"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="21"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="22"><w:abstractNumId w:val="11"/></w:num>
  <w:num w:numId="23"><w:abstractNumId w:val="12"/></w:num>
  <w:num w:numId="24"><w:abstractNumId w:val="11"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="25"><w:abstractNumId w:val="13"/></w:num>
</w:numbering>"""


def numbered_document(items: list[tuple[str, int, int]]) -> bytes:
    """A .docx whose paragraphs (text, numId, ilvl) use the numbering above; numId 0 = none."""
    document = Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    for text, num_id, ilvl in items:
        paragraph = document.add_paragraph(text)
        if num_id:
            p_pr = paragraph._p.get_or_add_pPr()
            p_pr.append(
                parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
            )
    return docx_bytes(document)


def test_docx_automatic_numbering_is_rendered_as_printed() -> None:
    data = numbered_document(
        [
            ("MỤC ĐÍCH, YÊU CẦU", 21, 0),
            ("Mục đích", 21, 1),
            ("Yêu cầu", 21, 1),
            ("Chi tiết", 21, 2),
            ("Chi tiết nữa", 21, 2),
            ("NỘI DUNG", 21, 0),
            ("Nội dung tuyên truyền", 21, 1),
            ("Cải cách thể chế", 22, 0),
            ("Cải cách thủ tục hành chính", 22, 0),
            ("Cải cách tổ chức bộ máy", 22, 0),
            ("Cải cách chế độ công vụ", 22, 0),
            ("Cải cách tài chính công", 22, 0),
            ("Chính phủ số", 22, 0),
            ("Trên báo", 23, 0),
            ("Báo in", 23, 1),
            ("Không đánh số", 0, 0),
            ("Bắt đầu lại", 24, 0),
            ("Tháng thứ nhất", 25, 0),
        ]
    )
    assert read_source(data, "a.docx").lines == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "2.1. Chi tiết",
        "2.2. Chi tiết nữa",
        "II. NỘI DUNG",
        "1. Nội dung tuyên truyền",
        "a) Cải cách thể chế",
        "b) Cải cách thủ tục hành chính",
        "c) Cải cách tổ chức bộ máy",
        "d) Cải cách chế độ công vụ",
        "e) Cải cách tài chính công",  # Word's letters: no "đ"
        "f) Chính phủ số",
        "- Trên báo",
        "+ Báo in",
        "Không đánh số",
        "a) Bắt đầu lại",
        "01. Tháng thứ nhất",
    ]


def test_docx_numbering_in_table_cells_counts_in_document_order() -> None:
    document = Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text, table.cell(0, 1).text = "STT", "Nội dung"
    for row in (1, 2):
        paragraph = table.cell(row, 0).paragraphs[0]
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="1"/><w:numId w:val="21"/></w:numPr>')
        )
        table.cell(row, 1).text = f"Nhiệm vụ {row}"
    assert read_source(docx_bytes(document), "a.docx").lines == [
        "STT\tNội dung",
        "1.\tNhiệm vụ 1",
        "2.\tNhiệm vụ 2",
    ]


def test_docx_from_text_round_trips_a_sample_table() -> None:
    text = (
        "Phụ lục\n\nSTT\tNội dung\tChủ trì\tThời gian\n"
        "I\tĐối với các hoạt động cấp tỉnh\t\t\n"
        "1\t<p>Tổ chức cuộc thi</p> <p>- Mục đích: nâng cao nhận thức</p>\tSở Nội vụ\tQuý II\n\n"
        "\t- Đối tượng: cán bộ\t\tđến Quý IV\n\n"
        "**TM. ỦY BAN NHÂN DÂN**  \n## DANH MỤC"
    )
    assert read_source(docx_from_text(text), "a.docx").lines == [
        "Phụ lục",
        "",
        "STT\tNội dung\tChủ trì\tThời gian",
        "I\tĐối với các hoạt động cấp tỉnh\t\t",
        "1\t<p>Tổ chức cuộc thi</p> <p>- Mục đích: nâng cao nhận thức</p>\tSở Nội vụ\tQuý II",
        "\t- Đối tượng: cán bộ\t\tđến Quý IV",
        "",
        "TM. ỦY BAN NHÂN DÂN",
        "DANH MỤC",
    ]


# PDF files


def vietnamese_font() -> Path:
    for path in FONT_PATHS:
        if path.exists():
            return path
    pytest.skip("no TrueType font with Vietnamese letters (Debian package fonts-dejavu-core)")


def make_pdf(story_of: Callable[[dict], list], page_numbers: bool = True) -> bytes:
    """A PDF written by reportlab with a Vietnamese font; ``story_of(styles)`` gives its flowables."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("VN", str(vietnamese_font())))
    styles = {
        "body": ParagraphStyle(
            "body", fontName="VN", fontSize=12, leading=15, firstLineIndent=cm, alignment=4
        ),
        "cell": ParagraphStyle("cell", fontName="VN", fontSize=10, leading=12),
        "centre": ParagraphStyle("centre", fontName="VN", fontSize=11, leading=14, alignment=1),
    }

    def number_pages(canvas: Canvas, document: SimpleDocTemplate) -> None:
        if page_numbers and document.page > 1:
            canvas.setFont("VN", 11)
            canvas.drawCentredString(A4[0] / 2, A4[1] - 1.2 * cm, str(document.page))

    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=3 * cm, rightMargin=2 * cm)
    document.build(story_of(styles), onFirstPage=number_pages, onLaterPages=number_pages)
    return buffer.getvalue()


def test_pdf_paragraphs_are_joined_and_two_column_header_read_column_by_column() -> None:
    from reportlab.platypus import Paragraph, Spacer, Table

    def story(styles: dict) -> list:
        centre, body = styles["centre"], styles["body"]
        header = Table(
            [
                [
                    Paragraph("ỦY BAN NHÂN DÂN<br/>TỈNH NAM ĐỊNH", centre),
                    Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc", centre),
                ],
                [
                    Paragraph("Số: 12/KH-UBND", centre),
                    Paragraph("Nam Định, ngày 05 tháng 02 năm 2025", centre),
                ],
            ],
            colWidths=[6 * 28.35, 10 * 28.35],
        )
        long_text = (
            "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể "
            "cải cách hành chính nhà nước giai đoạn 2021 - 2030, Ủy ban nhân dân tỉnh ban hành Kế hoạch "
            "tuyên truyền cải cách hành chính năm 2025 như sau:"
        )
        return [
            header,
            Spacer(1, 12),
            Paragraph("KẾ HOẠCH", centre),
            Paragraph(long_text, body),
            Paragraph("I. MỤC ĐÍCH, YÊU CẦU", body),
        ]

    source = read_source(make_pdf(story), "ke-hoach.pdf")
    assert source.format == "pdf"
    assert [line for line in source.lines if line] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH NAM ĐỊNH",
        "Số: 12/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nam Định, ngày 05 tháng 02 năm 2025",
        "KẾ HOẠCH",
        "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể "
        "cải cách hành chính nhà nước giai đoạn 2021 - 2030, Ủy ban nhân dân tỉnh ban hành Kế hoạch "
        "tuyên truyền cải cách hành chính năm 2025 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ]


def test_pdf_table_with_merged_cells_and_a_row_broken_over_a_page() -> None:
    from reportlab.platypus import PageBreak, Paragraph, Table, TableStyle

    widths = [1.2 * 28.35, 8 * 28.35, 4 * 28.35, 2.8 * 28.35]
    header = ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"]

    def story(styles: dict) -> list:
        cell = styles["cell"]
        grid = [
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("FONTNAME", (0, 0), (-1, -1), "VN"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        first = Table(
            [
                header,
                ["I", "Nhiệm vụ chung", "", ""],
                [
                    "1",
                    Paragraph(
                        "Đăng tải tin, bài trên Cổng Thông tin điện tử tỉnh và các trang thông tin của các sở, ngành",
                        cell,
                    ),
                    Paragraph("Sở Thông tin và Truyền thông", cell),
                    "Thường xuyên",
                ],
                ["2", "Tổ chức tọa đàm", "", "Quý II/2025"],
                ["3", "Tổ chức cuộc thi tìm hiểu", Paragraph("Sở Nội vụ<br/>Sở Tư pháp", cell), "Quý III"],
            ],
            colWidths=widths,
        )
        first.setStyle(TableStyle([*grid, ("SPAN", (1, 1), (3, 1)), ("SPAN", (2, 2), (2, 3))]))
        rest = Table([header, ["", "về cải cách hành chính", "", "đến Quý IV"]], colWidths=widths)
        rest.setStyle(TableStyle(grid))
        return [
            Paragraph("Phụ lục", styles["centre"]),
            first,
            PageBreak(),
            rest,
            Paragraph("Trên đây là Kế hoạch.", styles["body"]),
        ]

    lines = read_source(make_pdf(story), "phu-luc.pdf").lines
    assert lines == [
        "Phụ lục",
        "",
        "STT\tNhiệm vụ\tChủ trì\tThời gian",
        "I\tNhiệm vụ chung\t\t",
        "1\tĐăng tải tin, bài trên Cổng Thông tin điện tử tỉnh và các trang thông tin của các sở, ngành\tSở Thông tin và Truyền thông\tThường xuyên",
        "2\tTổ chức tọa đàm\t\tQuý II/2025",
        "3\tTổ chức cuộc thi tìm hiểu\t<p>Sở Nội vụ</p> <p>Sở Tư pháp</p>\tQuý III",
        "\tvề cải cách hành chính\t\tđến Quý IV",
        "",
        "Trên đây là Kế hoạch.",
    ]


def test_pdf_signature_block_beside_recipients_is_read_column_by_column() -> None:
    from reportlab.platypus import Paragraph, Table

    def story(styles: dict) -> list:
        cell, centre = styles["cell"], styles["centre"]
        block = Table(
            [
                [
                    Paragraph("Nơi nhận:<br/>- Sở Nội vụ;<br/>- UBND các huyện;<br/>- Lưu: VT.", cell),
                    Paragraph("TM. ỦY BAN NHÂN DÂN<br/>CHỦ TỊCH<br/><br/><br/><br/>Nguyễn Văn A", centre),
                ]
            ],
            colWidths=[7 * 28.35, 9 * 28.35],
        )
        return [
            Paragraph("Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2025./.", styles["body"]),
            block,
        ]

    lines = [line for line in read_source(make_pdf(story), "a.pdf").lines if line]
    assert lines == [
        "Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2025./.",
        "Nơi nhận:",
        "- Sở Nội vụ;",
        "- UBND các huyện;",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn A",
    ]


def test_pdf_letters_drawn_out_of_order_are_put_back_in_place() -> None:
    """LibreOffice draws a letter its font lacks (ệ, ử, ơ) with a fallback font after the rest of the line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("VN", str(vietnamese_font())))
    text = "Nhiệm vụ điện tử phục vụ các cơ quan"
    late = {i for i, char in enumerate(text) if char in "ệụửơ"}
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont("VN", 12)

    def x_of(index: int) -> float:
        return 80 + pdfmetrics.stringWidth(text[:index], "VN", 12)

    run_start = 0
    for index in range(len(text) + 1):
        if index == len(text) or index in late:
            run = text[run_start:index]
            canvas.drawString(x_of(run_start), 700, run)
            # The space after a late letter goes with it: the first run shows none there.
            run_start = index + 2 if index + 1 < len(text) and text[index + 1] == " " else index + 1
    canvas.drawString(200, 730, "KẾ HOẠCH")
    for index in sorted(late):  # after another line, as LibreOffice does
        canvas.drawString(x_of(index), 700, text[index])
    canvas.showPage()
    canvas.save()
    assert read_source(buffer.getvalue(), "a.pdf").lines == ["KẾ HOẠCH", text]


def test_pdf_without_text_layer_is_refused() -> None:
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    scan = Image.new("L", (200, 280), color=255)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawImage(ImageReader(scan), 0, 0, width=A4[0], height=A4[1])
    canvas.showPage()
    canvas.save()
    assert failure_code(buffer.getvalue(), "scan.pdf") == "no_text_layer"


def test_docx_page_layout_helper_sets_a4_margins() -> None:
    document = Document(io.BytesIO(docx_from_text(PLAN_TEXT)))
    section = document.sections[0]
    assert section.page_width is not None and abs(section.page_width.cm - 21) < 0.01
    assert section.left_margin is not None and abs(section.left_margin.cm - 3) < 0.01
