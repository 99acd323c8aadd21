"""build_plan_docx: the .docx opened with python-docx and checked against Nghị định 30/2020."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from cchc.documents.builders import TemplateProblem, build_plan_docx, plan_context
from cchc.documents.builders.text import date_text, date_words, number_line, partial_date, signature_lines
from cchc.importer import parse_document
from cchc.importer.model import (
    Agency,
    DocumentInfo,
    LegalReference,
    PlanDraft,
    Recurrence,
    Section,
    SourceSpan,
    Task,
    Timeframe,
)

SPAN = SourceSpan(1, 1)
MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|á»|áº|Ä‘")
TOLERANCE = Mm(0.5)


def make_draft(**document: object) -> PlanDraft:
    info = DocumentInfo(
        number="05/KH-SNV",
        symbol="KH-SNV",
        issuer="SỞ NỘI VỤ",
        superior="UBND TỈNH KHÁNH HÒA",
        place="Khánh Hòa",
        issue_date="2025-02-05",
        issue_date_text="ngày 05 tháng 02 năm 2025",
        year=2025,
        title="Tuyên truyền cải cách hành chính năm 2025",
        signer_name="Nguyễn Thị Hằng",
        signer_title="PHÓ GIÁM ĐỐC",
        authority="KT.",
        recipients=["UBND tỉnh (b/c)", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, CCHC"],
    )
    for name, value in document.items():
        setattr(info, name, value)
    return PlanDraft(
        document=info,
        legal_references=[
            LegalReference(
                "Nghị quyết",
                "76/NQ-CP",
                "2021-07-15",
                "Chính phủ",
                None,
                "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
                SPAN,
            )
        ],
        sections=[
            Section("", "", "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;", SPAN),
            Section(
                "I.",
                "MỤC ĐÍCH, YÊU CẦU",
                "",
                SPAN,
                [
                    Section(
                        "1.",
                        "Mục đích",
                        "",
                        SPAN,
                        [
                            Section(
                                "a)",
                                "Nâng cao nhận thức",
                                "",
                                SPAN,
                                [Section("-", "Đối với cán bộ", "", SPAN)],
                            )
                        ],
                    )
                ],
            ),
            Section("II.", "TỔ CHỨC THỰC HIỆN", "Các đơn vị thực hiện nghiêm túc Kế hoạch này.", SPAN),
        ],
        tasks=[
            Task(
                "1",
                "Đăng tin, bài về cải cách hành chính trên Cổng Thông tin điện tử",
                details="Nội dung: kết quả cải cách thủ tục hành chính",
                group="I. Hoạt động tuyên truyền cấp tỉnh",
                lead=[Agency("Sở Nội vụ", "Sở Nội vụ")],
                coordinating=[
                    Agency("Các cơ quan, đơn vị liên quan", "Các cơ quan, đơn vị liên quan", is_group=True)
                ],
                timeframe=Timeframe("Thường xuyên", "continuous", "2025-01-01", "2025-12-31"),
                frequency=Recurrence("01 tin/tháng", "monthly", per_period=1, total=12, item_unit="tin"),
                product="Tin, bài",
                budget="Kinh phí thường xuyên",
            ),
            Task(
                "2",
                "Tổ chức hội nghị tập huấn",
                group="I. Hoạt động tuyên truyền cấp tỉnh",
                lead=[Agency("Sở Nội vụ", "Sở Nội vụ")],
                timeframe=Timeframe("Quý II/2025", "range", "2025-04-01", "2025-06-30"),
            ),
        ],
    )


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def close(value: int | None, expected: int) -> bool:
    return value is not None and abs(value - expected) <= TOLERANCE


def all_text(document: Document) -> str:
    """Every w:t of the body, paragraphs and tables alike."""
    return "\n".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def cell_texts(table: Table, row: int, column: int) -> list[str]:
    return [p.text for p in table.cell(row, column).paragraphs if p.text]


def runs_of(table: Table, row: int, column: int, text: str):
    for paragraph in table.cell(row, column).paragraphs:
        if paragraph.text == text:
            return paragraph.runs
    raise AssertionError(f"{text!r} not in cell ({row}, {column}): {cell_texts(table, row, column)}")


def border_values(table: Table) -> dict[str, str]:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None, "the table sets its own borders"
    return {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}


def assert_official_page(document: Document) -> None:
    """A4 portrait, margins 20/20/30/15 mm, Times New Roman in every font slot, 14 pt body."""
    first = document.sections[0]
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert close(first.page_width, Mm(210)) and close(first.page_height, Mm(297))
    assert close(first.top_margin, Mm(20)) and close(first.bottom_margin, Mm(20))
    assert close(first.left_margin, Mm(30)) and close(first.right_margin, Mm(15))
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = defaults.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(slot)) == "Times New Roman", slot
    assert not [key for key in fonts.attrib if key.endswith("Theme")], "no theme font overrides"
    assert document.styles["Normal"].font.size == Pt(14)
    # No run anywhere picks another font.
    for run_fonts in document.element.body.iter(qn("w:rFonts")):
        assert run_fonts.get(qn("w:ascii")) in (None, "Times New Roman")
    # Page numbers: top centre, not on page 1.
    assert first.different_first_page_header_footer
    header_xml = first.header._element.xml
    assert "PAGE" in header_xml and 'w:val="center"' in header_xml
    assert not any(p.text for p in first.first_page_header.paragraphs)


def assert_header(table: Table, *, superior: str, issuer: str, number: str, place_date: str) -> None:
    assert len(table.columns) == 2
    assert set(border_values(table).values()) == {"nil"}, "the header table is borderless"
    left = cell_texts(table, 0, 0)
    assert left == [superior, issuer]
    assert [r.bold for r in runs_of(table, 0, 0, issuer)] == [True]
    assert runs_of(table, 0, 0, issuer)[0].font.size == Pt(13)
    assert cell_texts(table, 0, 1) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(r.bold for r in runs_of(table, 0, 1, "Độc lập - Tự do - Hạnh phúc"))
    # A short rule (an empty paragraph's bottom border) under the issuer and under the motto.
    for column in (0, 1):
        assert table.cell(0, column)._tc.xpath(".//w:pBdr/w:bottom"), f"rule in header column {column}"
    assert cell_texts(table, 1, 0) == [number]
    assert cell_texts(table, 1, 1) == [place_date]
    assert all(r.italic for r in runs_of(table, 1, 1, place_date))


def assert_signature(table: Table, *, recipients: list[str], lines: list[str], name: str) -> None:
    assert set(border_values(table).values()) == {"nil"}
    assert table.rows[0]._tr.xpath("./w:trPr/w:cantSplit"), "the signature block stays on one page"
    left = cell_texts(table, 0, 0)
    assert left[0] == "Nơi nhận:"
    heading = runs_of(table, 0, 0, "Nơi nhận:")[0]
    assert heading.bold and heading.italic and heading.font.size == Pt(12)
    expected = [f"- {r};" for r in recipients[:-1]] + [f"- {recipients[-1]}."]
    assert left[1:] == expected
    assert all(runs_of(table, 0, 0, line)[0].font.size == Pt(11) for line in expected)
    right = cell_texts(table, 0, 1)
    assert right == [*lines, name]
    for line in right:
        assert all(run.bold for run in runs_of(table, 0, 1, line)), line


def test_page_fonts_and_numbers() -> None:
    assert_official_page(open_docx(build_plan_docx(make_draft())))


def test_header_table() -> None:
    document = open_docx(build_plan_docx(make_draft()))
    body = document.element.body
    assert body[0].tag == qn("w:tbl"), "the document opens with the header table"
    assert_header(
        document.tables[0],
        superior="UBND TỈNH KHÁNH HÒA",
        issuer="SỞ NỘI VỤ",
        number="Số: 05/KH-SNV",
        place_date="Khánh Hòa, ngày 05 tháng 02 năm 2025",
    )


def test_blank_number_and_date_leave_room_to_write() -> None:
    draft = make_draft(number=None, issue_date=None, issue_date_text=None)
    header = open_docx(build_plan_docx(draft)).tables[0]
    assert cell_texts(header, 1, 0) == ["Số:      /KH-SNV"]
    assert cell_texts(header, 1, 1) == ["Khánh Hòa, ngày     tháng     năm 2025"]


def test_title_and_body_keep_the_plans_numbering() -> None:
    document = open_docx(build_plan_docx(make_draft()))
    paragraphs = {p.text: p for p in document.paragraphs if p.text}
    title = paragraphs["KẾ HOẠCH"]
    assert title.runs[0].bold and title.runs[0].font.size == Pt(14)
    assert paragraphs["Tuyên truyền cải cách hành chính năm 2025"].runs[0].bold
    texts = [p.text for p in document.paragraphs if p.text]
    start = texts.index("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;")
    assert texts[start : start + 7] == [
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "a) Nâng cao nhận thức",
        "- Đối với cán bộ",
        "II. TỔ CHỨC THỰC HIỆN",
        "Các đơn vị thực hiện nghiêm túc Kế hoạch này.",
    ]
    assert paragraphs["I. MỤC ĐÍCH, YÊU CẦU"].runs[0].bold
    assert paragraphs["1. Mục đích"].runs[0].bold
    assert not paragraphs["- Đối với cán bộ"].runs[0].bold
    body = paragraphs["Các đơn vị thực hiện nghiêm túc Kế hoạch này."]
    assert body.paragraph_format.first_line_indent is not None and body.paragraph_format.first_line_indent > 0
    assert body.alignment == 3  # WD_ALIGN_PARAGRAPH.JUSTIFY


def test_legal_bases_printed_when_the_draft_has_no_preamble() -> None:
    draft = make_draft()
    draft.sections = draft.sections[1:]
    texts = [p.text for p in open_docx(build_plan_docx(draft)).paragraphs]
    assert "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;" in texts


def test_signature_block_and_recipients() -> None:
    document = open_docx(build_plan_docx(make_draft(authority_body="ỦY BAN NHÂN DÂN")))
    assert_signature(
        document.tables[1],
        recipients=["UBND tỉnh (b/c)", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, CCHC"],
        lines=["TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        name="Nguyễn Thị Hằng",
    )


def test_appendix_on_landscape_pages_with_a_repeating_header_row() -> None:
    document = open_docx(build_plan_docx(make_draft()))
    appendix = document.sections[-1]
    assert len(document.sections) == 2
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert close(appendix.page_width, Mm(297)) and close(appendix.page_height, Mm(210))
    texts = [p.text for p in document.paragraphs]
    assert "PHỤ LỤC" in texts
    assert "(Kèm theo Kế hoạch số 05/KH-SNV ngày 05 tháng 02 năm 2025 của Sở Nội vụ)" in texts
    table = document.tables[2]
    assert set(border_values(table).values()) == {"single"}, "a ruled data table"
    header = table.rows[0]
    assert [c.text for c in header.cells] == [
        "STT",
        "Nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
        "Sản phẩm",
        "Kinh phí",
    ]
    assert header._tr.xpath("./w:trPr/w:tblHeader"), "the header row repeats on every page"
    assert not table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")
    group = table.rows[1]
    assert group._tr.xpath("./w:tc/w:tcPr/w:gridSpan[@w:val='7']"), "the group title spans the row"
    assert group.cells[0].text == "I. Hoạt động tuyên truyền cấp tỉnh"
    first = [c.text for c in table.rows[2].cells]
    assert first == [
        "1",
        "Đăng tin, bài về cải cách hành chính trên Cổng Thông tin điện tử\n- Tần suất: 01 tin/tháng\n"
        "Nội dung: kết quả cải cách thủ tục hành chính",
        "Sở Nội vụ",
        "Các cơ quan, đơn vị liên quan",
        "Thường xuyên",
        "Tin, bài",
        "Kinh phí thường xuyên",
    ]
    assert [c.text for c in table.rows[3].cells][:5] == [
        "2",
        "Tổ chức hội nghị tập huấn",
        "Sở Nội vụ",
        "",
        "Quý II/2025",
    ]


def test_appendix_leaves_out_empty_product_and_budget_columns() -> None:
    draft = make_draft()
    for task in draft.tasks:
        task.product = task.budget = None
    table = open_docx(build_plan_docx(draft)).tables[2]
    assert [c.text for c in table.rows[0].cells][-1] == "Thời gian thực hiện"


def test_vietnamese_text_survives_in_every_run() -> None:
    """Every sample's text comes out with its diacritics (NFC), no replacement characters."""
    path = sorted(Path("/work/shared/samples/plans").glob("0*.txt"))[2]
    draft = parse_document(path.read_bytes(), path.name)
    text = all_text(open_docx(build_plan_docx(draft)))
    assert "\ufffd" not in text
    assert not MOJIBAKE.search(text), "UTF-8 read as Latin-1 (mojibake)"
    assert unicodedata.is_normalized("NFC", text)
    for task in draft.tasks:
        assert task.title in text
    assert "Tuyên truyền cải cách hành chính năm 2023 trên địa bàn tỉnh Quảng Ngãi" in text


@pytest.mark.parametrize(
    ("issuer", "named"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH", "Ủy ban nhân dân tỉnh Nam Định"),
        (
            "ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG - THÁP CHÀM",
            "Ủy ban nhân dân thành phố Phan Rang - Tháp Chàm",
        ),
        ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở Nội vụ", "Sở Nội vụ"),
    ],
)
def test_appendix_caption_names_the_issuer_as_a_sentence(issuer: str, named: str) -> None:
    caption = plan_context(make_draft(issuer=issuer))["appendix_caption"]
    assert caption == f"(Kèm theo Kế hoạch số 05/KH-SNV ngày 05 tháng 02 năm 2025 của {named})"


def test_plan_without_tasks_has_no_appendix() -> None:
    draft = make_draft()
    draft.tasks = []
    document = open_docx(build_plan_docx(draft))
    assert len(document.sections) == 1
    assert len(document.tables) == 2


# --- Wording rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),
        (date(2025, 3, 7), "ngày 07 tháng 3 năm 2025"),
        (date(2025, 1, 10), "ngày 10 tháng 01 năm 2025"),
        (date(2025, 12, 25), "ngày 25 tháng 12 năm 2025"),
        (date(2025, 11, 1), "ngày 01 tháng 11 năm 2025"),
    ],
)
def test_date_leading_zero_rule(day: date, expected: str) -> None:
    assert date_text(day) == expected


def test_blank_dates_and_numbers() -> None:
    assert date_text(None, 2025) == "ngày     tháng     năm 2025"
    assert partial_date("ngày /12/2024") == (None, 12, 2024)
    assert date_words(*partial_date("ngày /12/2024")) == "ngày     tháng 12 năm 2024"
    assert number_line(None, "KH-UBND") == "Số:      /KH-UBND"
    assert number_line("05/KH-UBND", "KH-UBND") == "Số: 05/KH-UBND"


@pytest.mark.parametrize(
    ("authority", "body", "title", "lines"),
    [
        ("TM.", "Ủy ban nhân dân", "Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("KT.", "ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("KT.", None, "PHÓ GIÁM ĐỐC", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
        ("Q.", None, "GIÁM ĐỐC", ["Q. GIÁM ĐỐC"]),
        ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
        ("TUQ.", "GIÁM ĐỐC", "TRƯỞNG PHÒNG", ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG"]),
        (None, None, "CHỦ TỊCH", ["CHỦ TỊCH"]),
    ],
)
def test_signature_forms(authority: str | None, body: str | None, title: str, lines: list[str]) -> None:
    assert signature_lines(authority, body, title) == lines


# --- Unit templates --------------------------------------------------------------------------


def template_with(*lines: str) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_unit_template_is_filled_with_the_context() -> None:
    template = template_with(
        "{{ issuer }} — {{ number_line }}",
        "{{ place_date }}",
        "{{ doc_type_upper }}: {{ title }}",
        "{% for t in tasks %}{{ t.ordinal }}. {{ t.title }} ({{ t.lead }}); {% endfor %}",
        "{{ signature_lines | join(' / ') }} {{ signer_name }}",
    )
    texts = [p.text for p in open_docx(build_plan_docx(make_draft(), template=template)).paragraphs]
    assert texts == [
        "SỞ NỘI VỤ — Số: 05/KH-SNV",
        "Khánh Hòa, ngày 05 tháng 02 năm 2025",
        "KẾ HOẠCH: Tuyên truyền cải cách hành chính năm 2025",
        "1. Đăng tin, bài về cải cách hành chính trên Cổng Thông tin điện tử (Sở Nội vụ); "
        "2. Tổ chức hội nghị tập huấn (Sở Nội vụ); ",
        "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC Nguyễn Thị Hằng",
    ]


def test_template_escapes_xml_in_values() -> None:
    draft = make_draft(title="Tuyên truyền <CCHC> & chuyển đổi số")
    texts = [
        p.text for p in open_docx(build_plan_docx(draft, template=template_with("{{ title }}"))).paragraphs
    ]
    assert texts == ["Tuyên truyền <CCHC> & chuyển đổi số"]


def test_template_with_an_unknown_placeholder_names_it() -> None:
    template = template_with("{{ number_line }}", "{{ so_hieu_sai }}")
    with pytest.raises(TemplateProblem) as caught:
        build_plan_docx(make_draft(), template=template)
    assert "{{ so_hieu_sai }}" in caught.value.message_vi
    assert caught.value.message_vi.startswith("Mẫu văn bản có trường không hợp lệ")
    assert caught.value.placeholder == "so_hieu_sai"
    # The standard layout still works.
    assert open_docx(build_plan_docx(make_draft())).tables


def test_template_with_an_unknown_task_field_names_it() -> None:
    template = template_with("{% for t in tasks %}{{ t.chu_tri }}{% endfor %}")
    with pytest.raises(TemplateProblem) as caught:
        build_plan_docx(make_draft(), template=template)
    assert "chu_tri" in caught.value.message_vi


def test_template_with_a_syntax_error() -> None:
    with pytest.raises(TemplateProblem) as caught:
        build_plan_docx(make_draft(), template=template_with("{{ number_line }", "{% for %}"))
    assert "cú pháp" in caught.value.message_vi


def test_template_code_is_sandboxed() -> None:
    """A template is uploaded by users: it cannot reach Python internals through the context."""
    template = template_with("{{ title.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateProblem):
        build_plan_docx(make_draft(), template=template)


def test_template_expression_errors_become_a_template_problem() -> None:
    with pytest.raises(TemplateProblem) as caught:
        build_plan_docx(make_draft(), template=template_with("{{ 1 / 0 }}"))
    assert "ZeroDivisionError" in caught.value.message_vi


def test_template_that_is_not_a_docx() -> None:
    with pytest.raises(TemplateProblem) as caught:
        build_plan_docx(make_draft(), template=b"not a word file")
    assert ".docx" in caught.value.message_vi


def test_context_keys_are_documented() -> None:
    """Every key a template may use is listed in the module docstring that units read."""
    from cchc.documents.builders import context

    for key in plan_context(make_draft()):
        assert f"``{key}``" in (context.__doc__ or ""), key


def test_an_almost_empty_draft_still_renders() -> None:
    """A draft the importer could barely read: no issuer, number, date, signer or recipients."""
    draft = PlanDraft(document=DocumentInfo(title="Tuyên truyền"), tasks=[Task("1", "Đăng tin")])
    document = open_docx(build_plan_docx(draft))
    header = document.tables[0]
    assert cell_texts(header, 1, 0) == ["Số:      /KH-……"]
    assert cell_texts(header, 1, 1) == ["Ngày     tháng     năm"]
    assert [c.text for c in document.tables[-1].rows[1].cells] == ["1", "Đăng tin", "", "", ""]


def test_control_characters_do_not_break_the_file() -> None:
    draft = make_draft(title="Tuyên truyền\x0b cải cách\x00 hành chính")
    draft.tasks[0].title = "Đăng\x07 tin\tbài"
    document = open_docx(build_plan_docx(draft))
    texts = [p.text for p in document.paragraphs]
    assert "Tuyên truyền cải cách hành chính" in texts
    assert document.tables[2].rows[2].cells[1].paragraphs[0].text == "Đăng tin bài"


def test_a_plan_issued_by_a_decision_heads_its_task_appendix_as_the_plans() -> None:
    text = all_text(open_docx(build_plan_docx(make_draft(doc_type="Quyết định", number="49/QĐ-BNV"))))

    assert "NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH" in text
    assert "TRIỂN KHAI QUYẾT ĐỊNH" not in text
