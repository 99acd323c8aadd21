"""The structural parser, one rule at a time, on short synthetic plans of the genre."""

from __future__ import annotations

import pytest

from cchc.importer import ImportFailure, PlanDraft, parse_document, parse_lines
from cchc.importer.model import Section, Task


def parse(text: str) -> PlanDraft:
    return parse_lines(text.strip("\n").split("\n"))


def codes(draft: PlanDraft) -> list[str]:
    return [w.code for w in draft.warnings]


def names(agencies: list) -> list[str]:
    return [f"group:{a.group}" if a.is_group else a.name for a in agencies]


def flat(sections: list[Section]) -> list[str]:
    found: list[str] = []
    for section in sections:
        found.append(section.marker)
        found.extend(f"{section.marker}>{m}" for m in flat(section.children))
    return found


def task(draft: PlanDraft, ordinal: str) -> Task:
    return next(t for t in draft.tasks if t.ordinal == ordinal)


HEADER = """
ỦY BAN NHÂN DÂN TỈNH NINH THUẬN
ỦY BAN NHÂN DÂN
THÀNH PHỐ PHAN RANG - THÁP CHÀM
Số: 05/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Phan Rang - Tháp Chàm, ngày 28 tháng 12 năm 2024
KẾ HOẠCH
Tuyên truyền cải cách hành chính
năm 2025
"""

BODY = """
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về cải cách hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp tổ chức hội nghị tập huấn trước ngày 30/6/2025.
2. Phòng Tư pháp
Lồng ghép tuyên truyền cải cách hành chính trong phổ biến pháp luật.
"""


# Header, title, year


def test_header_gives_number_symbol_place_date_issuer_and_superior() -> None:
    document = parse(HEADER + BODY).document
    assert (document.number, document.symbol) == ("05/KH-UBND", "KH-UBND")
    assert document.place == "Phan Rang - Tháp Chàm"
    assert document.issue_date == "2024-12-28"
    assert document.issue_date_text == "ngày 28 tháng 12 năm 2024"
    assert document.superior == "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN"
    assert document.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG - THÁP CHÀM"


@pytest.mark.parametrize(
    "header",
    [
        "UBND TỈNH NAM ĐỊNH\nSỞ NỘI VỤ\n-------\nSố: 15/KH-SNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nNam Định, ngày 05 tháng 01 năm 2024",
        "UBND TỈNH NAM ĐỊNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc\n"
        "Số: 15/KH-SNV Nam Định, ngày 05 tháng 01 năm 2024",
    ],
    ids=["cell by cell", "columns side by side"],
)
def test_a_department_header_read_either_way_gives_the_same_fields(header: str) -> None:
    document = parse(header + "\nKẾ HOẠCH\nTuyên truyền năm 2024\n" + BODY).document
    assert (document.superior, document.issuer) == ("UBND TỈNH NAM ĐỊNH", "SỞ NỘI VỤ")
    assert (document.number, document.place, document.issue_date) == ("15/KH-SNV", "Nam Định", "2024-01-05")


def test_title_continues_on_a_lowercase_line_and_gives_the_plan_year_not_the_issue_year() -> None:
    document = parse(HEADER + BODY).document
    assert document.title == "Tuyên truyền cải cách hành chính năm 2025"
    assert document.year == 2025


def test_title_on_the_same_line_as_ke_hoach_and_markdown_headings() -> None:
    draft = parse("## KẾ HOẠCH Thông tin, tuyên truyền năm 2024\n#### I. NỘI DUNG\nTuyên truyền.")
    assert draft.document.title == "Thông tin, tuyên truyền năm 2024"
    assert draft.document.year == 2024


def test_a_span_of_years_in_the_title_gives_no_year() -> None:
    draft = parse(
        "KẾ HOẠCH\nTuyên truyền cải cách hành chính giai đoạn 2021-2025\nI. NỘI DUNG\nTuyên truyền."
    )
    assert draft.document.year is None


def test_blank_number_and_date_keep_the_symbol_and_warn() -> None:
    draft = parse("Số: /KH-UBND\nHải Phòng, ngày tháng năm 2023\nKẾ HOẠCH\nTuyên truyền năm 2023\n" + BODY)
    document = draft.document
    assert (document.number, document.symbol, document.issue_date) == (None, "KH-UBND", None)
    assert document.issue_date_text == "ngày tháng năm 2023"
    assert document.place == "Hải Phòng"
    assert {"blank_number", "blank_date"} <= set(codes(draft))


def test_number_and_date_from_the_appendix_caption_when_the_header_has_none() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2020\n" + BODY + "Nơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn An\n"
        "PHỤ LỤC\n(Kèm theo Kế hoạch số 93 /KH-UBND ngày 17/01/2020 của UBND thành phố)\n"
    )
    draft = parse(text)
    assert (draft.document.number, draft.document.issue_date) == ("93/KH-UBND", "2020-01-17")
    assert "blank_number" not in codes(draft)
    assert all(r.number != "93/KH-UBND" for r in draft.legal_references)


def test_a_plan_without_number_or_date_warns_that_they_are_missing() -> None:
    draft = parse("KẾ HOẠCH\nTuyên truyền năm 2023\n" + BODY)
    assert (draft.document.number, draft.document.symbol, draft.document.issue_date) == (None, None, None)
    assert {"blank_number", "blank_date"} <= set(codes(draft))


# Closing block: recipients and signer


CLOSING = """
Trên đây là Kế hoạch tuyên truyền năm 2025./.
**Nơi nhận:**
- Sở Nội vụ;
- UBND các xã, phường;
- Lưu: VT, NV. *HL*
**TM. ỦY BAN NHÂN DÂN**
**KT. CHỦ TỊCH**
**PHÓ CHỦ TỊCH**

HL
**Trần Văn Bình**
"""


def test_recipients_lose_their_dash_punctuation_and_typist_initials() -> None:
    document = parse(HEADER + BODY + CLOSING).document
    assert document.recipients == ["Sở Nội vụ", "UBND các xã, phường", "Lưu: VT, NV"]


def test_signer_block_gives_authority_body_title_and_name_not_the_initials() -> None:
    document = parse(HEADER + BODY + CLOSING).document
    assert (document.authority, document.authority_body) == ("KT.", "ỦY BAN NHÂN DÂN")
    assert (document.signer_title, document.signer_name) == ("PHÓ CHỦ TỊCH", "Trần Văn Bình")


def test_a_signer_before_the_recipients_is_read_too() -> None:
    closing = "Trên đây là Kế hoạch./.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Cường\nNơi nhận:\n- Như trên;\n"
    document = parse(HEADER + BODY + closing).document
    assert (document.authority, document.signer_title, document.signer_name) == (
        "TM.",
        "CHỦ TỊCH",
        "Lê Văn Cường",
    )
    assert document.recipients == ["Như trên"]


def test_an_obvious_typo_in_the_signer_title_is_corrected_with_a_warning() -> None:
    closing = (
        "Trên đây là Kế hoạch./.\nNơi nhận:\n- Lưu: VT.\n**TM. ỦY BAN NHÂN DÂN\nCHỦ NỊCH**\nLương Văn Dũng\n"
    )
    draft = parse(HEADER + BODY + closing)
    assert draft.document.signer_title == "CHỦ TỊCH"
    assert "signer_typo" in codes(draft)


def test_an_unknown_title_is_kept_as_printed_without_a_warning() -> None:
    closing = (
        "Trên đây là Kế hoạch./.\nNơi nhận:\n- Lưu: VT.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG UBND\nNgô Thị Em\n"
    )
    draft = parse(HEADER + BODY + closing)
    assert (draft.document.authority, draft.document.signer_title) == ("TL.", "CHÁNH VĂN PHÒNG UBND")
    assert "signer_typo" not in codes(draft)


@pytest.mark.parametrize(
    ("block", "authority", "body", "title", "name"),
    [
        # Q.: the acting head signs under his own title ("Q. GIÁM ĐỐC"), with no title line below.
        ("Q. GIÁM ĐỐC\nNguyễn Văn Hùng", "Q.", None, "GIÁM ĐỐC", "Nguyễn Văn Hùng"),
        ("**Q. CHÁNH VĂN PHÒNG**\n\n**Đỗ Thị Lan**", "Q.", None, "CHÁNH VĂN PHÒNG", "Đỗ Thị Lan"),
        ("TM. ỦY BAN NHÂN DÂN\nQ. CHỦ TỊCH\nLê Văn Tám", "Q.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Tám"),
        # TL. / TUQ.: the head in whose name the block is signed is kept as the body.
        ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nNgô Thị Em", "TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Ngô Thị Em"),
        (
            "TUQ. GIÁM ĐỐC\nTRƯỞNG PHÒNG CẢI CÁCH HÀNH CHÍNH\nPhạm Văn Bình",
            "TUQ.",
            "GIÁM ĐỐC",
            "TRƯỞNG PHÒNG CẢI CÁCH HÀNH CHÍNH",
            "Phạm Văn Bình",
        ),
        (
            "TUQ. CHỦ TỊCH\nTRƯỞNG PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ HUYỆN\nVũ Văn Nam",
            "TUQ.",
            "CHỦ TỊCH",
            "TRƯỞNG PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ HUYỆN",
            "Vũ Văn Nam",
        ),
        # KT.: the head is the signer's title without "PHÓ"; the body stays the collective's only.
        ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Thị Hoa", "KT.", None, "PHÓ GIÁM ĐỐC", "Trần Thị Hoa"),
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Cường", "TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Cường"),
    ],
)
def test_every_signature_form_of_nd_30_gives_authority_body_title_and_name(
    block: str, authority: str, body: str | None, title: str, name: str
) -> None:
    closing = f"Trên đây là Kế hoạch./.\nNơi nhận:\n- Lưu: VT.\n{block}\n"
    document = parse(HEADER + BODY + closing).document
    assert (document.authority, document.authority_body, document.signer_title, document.signer_name) == (
        authority,
        body,
        title,
        name,
    )


@pytest.mark.parametrize(
    ("authority", "body", "title"),
    [
        ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ("KT.", "ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"),
        ("KT.", "", "PHÓ GIÁM ĐỐC"),
        ("Q.", "", "GIÁM ĐỐC"),
        ("Q.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ("TUQ.", "GIÁM ĐỐC", "TRƯỞNG PHÒNG VĂN HÓA VÀ THÔNG TIN"),
        ("", "", "CHỦ TỊCH"),
    ],
)
def test_the_signature_lines_the_document_builder_prints_are_read_back(
    authority: str, body: str, title: str
) -> None:
    from cchc.documents.builders.text import signature_lines

    block = "\n".join([*signature_lines(authority, body, title), "Hoàng Văn Sơn"])
    document = parse(HEADER + BODY + f"Trên đây là Kế hoạch./.\nNơi nhận:\n- Lưu: VT.\n{block}\n").document
    assert (document.authority or "", document.authority_body or "", document.signer_title) == (
        authority,
        body,
        title,
    )
    assert document.signer_name == "Hoàng Văn Sơn"


# Sections


def test_marker_kinds_nest_in_genre_order_whatever_the_markdown_depth() -> None:
    text = "KẾ HOẠCH\nTuyên truyền năm 2025\n## I. NỘI DUNG\n##### 1. Nội dung\na) Một\n- gạch\n+ cộng\n### 1.1. Nhỏ\n#### II. HÌNH THỨC\n"
    sections = parse(text).sections
    assert flat(sections) == ["I.", "I.>1.", "I.>1.>a)", "I.>1.>a)>-", "I.>1.>a)>->+", "I.>1.>1.1.", "II."]


def test_a_preamble_keeps_the_legal_bases_before_the_first_heading() -> None:
    text = "KẾ HOẠCH\nTuyên truyền năm 2025\nCăn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2025 của UBND tỉnh;\nI. NỘI DUNG\nTuyên truyền."
    sections = parse(text).sections
    assert (sections[0].marker, sections[0].title) == ("", "")
    assert sections[0].text.startswith("Căn cứ Kế hoạch số 12/KH-UBND")
    assert sections[1].text == "Tuyên truyền."


def test_vietnamese_letters_run_d_dd_e_g_without_f() -> None:
    items = "\n".join(f"{letter}) Mục {letter}" for letter in "abcdđeghik")
    draft = parse(f"KẾ HOẠCH\nTuyên truyền năm 2025\nI. NỘI DUNG\n{items}")
    assert not {"duplicate_marker", "numbering_jump"} & set(codes(draft))


def test_a_repeated_letter_is_a_duplicate_marker_and_the_count_goes_on() -> None:
    draft = parse("KẾ HOẠCH\nTuyên truyền năm 2025\nI. NỘI DUNG\na) A\nb) B\nc) C\nd) D\nd) Đ\ne) E\ng) G")
    assert codes(draft).count("duplicate_marker") == 1
    assert "numbering_jump" not in codes(draft)


def test_a_gap_in_the_numbers_is_a_numbering_jump() -> None:
    draft = parse("KẾ HOẠCH\nTuyên truyền năm 2025\nI. NỘI DUNG\n1. Một\n2. Hai\n4. Bốn")
    jumps = [w for w in draft.warnings if w.code == "numbering_jump"]
    assert len(jumps) == 1
    assert jumps[0].source is not None and jumps[0].source.start == 6


def test_a_sentence_cut_by_a_page_break_is_one_paragraph() -> None:
    text = "KẾ HOẠCH\nTuyên truyền năm 2025\nI. NỘI DUNG\n- Tuyên truyền về văn hóa giao\n\ntiếp của cán bộ.\n- Tiếp"
    sections = parse(text).sections
    bullet = sections[0].children[0]
    assert bullet.title == "Tuyên truyền về văn hóa giao tiếp của cán bộ."
    assert (bullet.source.start, bullet.source.end) == (4, 6)


# Tasks from an appendix table


TABLE = """
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2023
I. NỘI DUNG
Tuyên truyền.
II. TỔ CHỨC THỰC HIỆN
Các cơ quan thực hiện theo Phụ lục./.
Nơi nhận:
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn An

PHỤ LỤC
(Kèm theo Kế hoạch số 10/KH-UBND ngày 10/01/2023 của UBND tỉnh)

ST T\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tSản phẩm\tKinh phí
(1)\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)
I\tTuyên truyền trên báo chí\t\t\t\t\t
1\tXây dựng chuyên mục cải cách hành chính\tSở TT&TT\tCác cơ quan, đơn vị liên quan\tQuý II đến Quý IV\tChuyên mục\tKinh phí thường xuyên
2\tTổ chức đối thoại trực tuyến. * Quy mô: 03 cuộc * Thời gian: ½ ngày/cuộc.\tVăn phòng UBND tỉnh\tSở Nội vụ\tNăm 2023\tCuộc đối thoại\t
II\tTuyên truyền tại cơ sở\t\t\t\t\t
1\tXây dựng chuyên đề phát thanh\tSở Thông tin và Truyền thông\tUBND các huyện; Trung tâm Văn hóa - Thông tin và\tNăm 2023\tChuyên đề\t

\t- Mục đích: nâng cao nhận thức.\t\tThể thao huyện\t\t\t
2\t<p>Tổ chức cuộc thi tìm hiểu cải cách hành chính</p> <p>- Thời gian thực hiện: Tháng 6 đến tháng 11/2023</p>\tSở Nội vụ\tĐoàn Thanh niên\tNăm 2023\tCuộc thi\t
"""


def test_table_columns_are_found_by_header_words_and_rows_become_tasks() -> None:
    draft = parse(TABLE)
    assert [(t.group[:2] if t.group else None, t.ordinal) for t in draft.tasks] == [
        ("I.", "1"),
        ("I.", "2"),
        ("II", "1"),
        ("II", "2"),
    ]
    first = draft.tasks[0]
    assert first.title == "Xây dựng chuyên mục cải cách hành chính"
    assert first.group == "I. Tuyên truyền trên báo chí"
    assert names(first.lead) == ["Sở Thông tin và Truyền thông"]
    assert names(first.coordinating) == ["group:related"]
    assert (first.timeframe.kind, first.timeframe.start, first.timeframe.end) == (
        "range",
        "2023-04-01",
        "2023-12-31",
    )
    assert (first.product, first.budget) == ("Chuyên mục", "Kinh phí thường xuyên")
    assert first.source is not None and first.source.start == 18


def test_a_count_inside_the_cell_is_the_frequency_and_its_lines_leave_the_title() -> None:
    second = parse(TABLE).tasks[1]
    assert second.title == "Tổ chức đối thoại trực tuyến"
    assert second.frequency is not None
    assert (second.frequency.kind, second.frequency.total, second.frequency.item_unit) == ("count", 3, "cuộc")
    assert second.frequency.duration_text == "½ ngày/cuộc"
    assert "Quy mô" not in second.details


def test_a_row_broken_over_a_page_is_merged_cell_by_cell_with_a_warning() -> None:
    draft = parse(TABLE)
    broken = draft.tasks[2]
    assert names(broken.coordinating) == [
        "group:district_committees",
        "Trung tâm Văn hóa - Thông tin và Thể thao huyện",
    ]
    assert broken.details == "- Mục đích: nâng cao nhận thức."
    assert broken.source is not None and (broken.source.start, broken.source.end) == (21, 23)
    assert codes(draft).count("merged_row") == 1


def test_an_inner_time_line_beats_the_time_column() -> None:
    last = parse(TABLE).tasks[3]
    assert last.title == "Tổ chức cuộc thi tìm hiểu cải cách hành chính"
    assert (last.timeframe.start, last.timeframe.end) == ("2023-06-01", "2023-11-30")
    assert "Thời gian" not in last.details


def test_columns_are_told_apart_by_their_words_not_their_place() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2024\n\n"
        "Thời hạn\tNội dung thực hiện\tĐơn vị phối hợp\tĐơn vị thực hiện\tSTT\n"
        "Quý III/2024\tTập huấn\tSở Tư pháp\tSở Nội vụ\t1\n"
    )
    only = parse(text).tasks[0]
    assert (only.ordinal, only.title) == ("1", "Tập huấn")
    assert (names(only.lead), names(only.coordinating)) == (["Sở Nội vụ"], ["Sở Tư pháp"])
    assert only.timeframe is not None and only.timeframe.end == "2024-09-30"


def test_a_header_over_two_rows_is_joined() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2024\n\n"
        "TT\tNhiệm vụ\tCơ quan thực hiện\t\tThời hạn\n"
        "\t\tChủ trì\tPhối hợp\t\n"
        "1\tTập huấn\tSở Nội vụ\tSở Tư pháp\tQuý III/2024\n"
    )
    only = parse(text).tasks[0]
    assert (names(only.lead), names(only.coordinating)) == (["Sở Nội vụ"], ["Sở Tư pháp"])
    assert only.timeframe is not None and only.timeframe.end == "2024-09-30"


def test_a_numbered_row_with_sub_rows_is_a_group() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2024\n\nTT\tNội dung\tChủ trì\tPhối hợp\tThời gian\n"
        "1\tTuyên truyền trên báo chí\t\t\t\n"
        "1.1\tChuyên mục trên báo tỉnh\tBáo tỉnh\tSở Nội vụ\tHàng tháng\n"
        "1.2\tPhóng sự truyền hình\tĐài Phát thanh và Truyền hình tỉnh\tSở Nội vụ\tQuý IV\n"
        "2\tTập huấn cán bộ một cửa\tSở Nội vụ\t\tQuý III\n"
    )
    tasks = parse(text).tasks
    assert [(t.ordinal, t.group) for t in tasks] == [
        ("1.1", "1. Tuyên truyền trên báo chí"),
        ("1.2", "1. Tuyên truyền trên báo chí"),
        ("2", None),
    ]


def test_a_table_that_is_not_a_task_table_gives_no_tasks() -> None:
    text = "KẾ HOẠCH\nTuyên truyền năm 2024\nI. KINH PHÍ\n\nNguồn\tSố tiền\nNgân sách\t10.000.000\n"
    draft = parse(text)
    assert draft.tasks == []
    assert "no_tasks" in codes(draft)


# Tasks from numbered items with labelled lines


LABELLED = """
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2023
III. HÌNH THỨC TUYÊN TRUYỀN
1. Xuất bản Bản tin cải cách hành chính

- Tần suất: 01 số/tháng (12 kỳ/năm).
- Cơ quan chủ trì: Sở Thông tin và Truyền thông.

- Cơ quan phối hợp: Các đơn vị liên quan.
- Thời gian thực hiện: Trong năm.
2. Tuyên truyền trên hệ thống thông tin cơ sở
a) Sản xuất chuyên mục phát thanh
- Tần suất: Mỗi tháng 01 chương trình (10-15 phút).
- Cơ quan chỉ đạo: UBND các huyện, thị xã, thành phố.
- Cơ quan thực hiện: Trung tâm Truyền thông - Văn hóa - Thể thao các huyện.
- Thời gian thực hiện: Quý II/2023.
b) Xuất bản tờ gấp
- Cơ quan chủ trì: Sở Nội vụ.
- Kinh phí: Ngân sách tỉnh.
- Sản phẩm: 5.000 tờ gấp.
"""


def test_numbered_items_with_labelled_lines_are_tasks() -> None:
    draft = parse(LABELLED)
    assert [(t.ordinal, t.title) for t in draft.tasks] == [
        ("1", "Xuất bản Bản tin cải cách hành chính"),
        ("a)", "Sản xuất chuyên mục phát thanh"),
        ("b)", "Xuất bản tờ gấp"),
    ]
    first = draft.tasks[0]
    assert (names(first.lead), names(first.coordinating)) == (
        ["Sở Thông tin và Truyền thông"],
        ["group:related"],
    )
    assert first.timeframe is not None and first.timeframe.kind == "continuous"
    assert first.frequency is not None and (first.frequency.kind, first.frequency.total) == ("monthly", 12)


def test_sub_items_with_their_own_labels_are_tasks_grouped_under_their_item() -> None:
    draft = parse(LABELLED)
    radio = task(draft, "a)")
    assert radio.group == "2. Tuyên truyền trên hệ thống thông tin cơ sở"
    assert names(radio.lead) == [
        "group:district_committees",
        "Trung tâm Truyền thông - Văn hóa - Thể thao các huyện",
    ]
    assert radio.frequency is not None and radio.frequency.total == 3
    assert (radio.frequency.duration_min_minutes, radio.frequency.duration_max_minutes) == (10, 15)
    leaflet = task(draft, "b)")
    assert (leaflet.budget, leaflet.product) == ("Ngân sách tỉnh", "5.000 tờ gấp")
    assert leaflet.timeframe is None


# Tasks from the agency duties of "Tổ chức thực hiện"


DUTIES = """
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
I. NỘI DUNG
Tuyên truyền cải cách thủ tục hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Các phòng, ban, đơn vị; Ủy ban nhân dân các phường, xã:
- Xây dựng Kế hoạch tuyên truyền của đơn vị trong quý I năm 2025 và gửi về Ủy ban nhân dân thành phố (qua Phòng Nội vụ).
- Định kỳ 06 tháng, năm (trước ngày 05/6 đối với báo cáo 06 tháng và trước ngày 30/11 đối với báo cáo năm) báo cáo kết quả về Ủy ban nhân dân thành phố (qua Phòng Nội vụ).
- Chủ động phối hợp với các tổ chức đoàn thể trong việc tuyên truyền.
2. Giao Phòng Nội vụ thành phố (cơ quan thường trực) có trách nhiệm:
- Phối hợp với Phòng Văn hóa và Thông tin trong công tác tuyên truyền.
- Tổ chức hội nghị tập huấn trước ngày 30/9/2025.
3. Giao Phòng Tư pháp thành phố tham mưu lồng ghép tuyên truyền trong phổ biến pháp luật.
4. Đề nghị các cơ quan phối hợp:
- Trung tâm Chính trị thành phố đưa nội dung vào các lớp bồi dưỡng.
- Ủy ban Mặt trận Tổ quốc Việt Nam thành phố, các tổ chức chính trị - xã hội tăng cường tuyên truyền.
Trong quá trình thực hiện, nếu có vướng mắc, báo cáo Ủy ban nhân dân thành phố./.
"""


def test_each_agency_item_of_to_chuc_thuc_hien_is_a_task_when_there_is_no_table() -> None:
    draft = parse(DUTIES)
    assert [t.ordinal for t in draft.tasks] == ["1", "2", "3", "4"]
    assert draft.tasks[1].title == "Giao Phòng Nội vụ thành phố (cơ quan thường trực) có trách nhiệm"
    assert names(draft.tasks[0].lead) == ["group:local_offices", "group:commune_committees"]
    assert names(draft.tasks[1].lead) == ["Phòng Nội vụ thành phố"]
    assert names(draft.tasks[2].lead) == ["Phòng Tư pháp thành phố"]


def test_duty_coordination_comes_from_phoi_hop_voi() -> None:
    draft = parse(DUTIES)
    assert names(draft.tasks[0].coordinating) == ["group:mass_organisations"]
    assert names(draft.tasks[1].coordinating) == ["Phòng Văn hóa và Thông tin"]
    assert draft.tasks[2].coordinating == []


def test_duty_timeframe_is_its_own_deadline_else_the_plan_year() -> None:
    draft = parse(DUTIES)
    first, second, third = draft.tasks[:3]
    assert (first.timeframe.kind, first.timeframe.end) == ("continuous", "2025-12-31")
    assert (second.timeframe.kind, second.timeframe.end) == ("range", "2025-09-30")
    assert (third.timeframe.kind, third.timeframe.start) == ("continuous", "2025-01-01")
    assert all(t.frequency is None for t in draft.tasks)


def test_a_request_to_several_bodies_leads_with_the_bodies_its_bullets_name() -> None:
    request = parse(DUTIES).tasks[3]
    assert names(request.lead) == [
        "Trung tâm Chính trị thành phố",
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố",
        "group:mass_organisations",
    ]
    assert "Trong quá trình" not in request.details


def test_duties_written_as_bullets_paragraphs_or_nested_items_are_tasks() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2025\nI. NỘI DUNG\nTuyên truyền.\nII. TỔ CHỨC THỰC HIỆN\n"
        "Giao Sở Nội vụ chủ trì theo dõi việc thực hiện. Định kỳ tổng hợp kết quả.\n"
        "- Sở Tư pháp: lồng ghép tuyên truyền trong phổ biến pháp luật.\n"
        "1. Trách nhiệm của các sở, ngành\n"
        "a) Sở Tài chính: bố trí kinh phí.\n"
        "b) Đài Phát thanh và Truyền hình tỉnh: xây dựng chuyên mục hàng tháng.\n"
    )
    draft = parse(text)
    assert [(t.ordinal, names(t.lead)) for t in draft.tasks] == [
        ("", ["Sở Nội vụ"]),
        ("", ["Sở Tư pháp"]),
        ("a)", ["Sở Tài chính"]),
        ("b)", ["Đài Phát thanh và Truyền hình tỉnh"]),
    ]
    assert draft.tasks[0].title == "Giao Sở Nội vụ chủ trì theo dõi việc thực hiện"
    assert draft.tasks[0].details == "Định kỳ tổng hợp kết quả."


def test_the_frequency_text_stops_at_the_next_labelled_line() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2023\nI. HÌNH THỨC\n1. Phát sóng chuyên mục\n"
        "- Tần suất: 2 số/tháng.\n- Cơ quan chủ trì: Đài Phát thanh và Truyền hình tỉnh.\n"
        "- Sản phẩm: 24 chương trình/năm.\n"
    )
    only = parse(text).tasks[0]
    assert only.frequency is not None
    assert (only.frequency.kind, only.frequency.per_period, only.frequency.total) == ("monthly", 2, 24)
    assert only.frequency.text.startswith("2 số/tháng")
    assert only.product == "24 chương trình/năm"


def test_table_tasks_win_over_agency_duties() -> None:
    draft = parse(
        TABLE.replace("Các cơ quan thực hiện theo Phụ lục./.", "1. Sở Nội vụ\nTheo dõi, đôn đốc./.")
    )
    assert len(draft.tasks) == 4


# Obligations


def test_reporting_obligations_carry_period_deadline_reporters_recipient_and_via() -> None:
    reports = parse(DUTIES).reporting_obligations
    assert [(r.period, r.deadline.day, r.deadline.month) for r in reports] == [
        ("half_year", 5, 6),
        ("year", 30, 11),
    ]
    assert names(reports[0].reporters) == ["group:local_offices", "group:commune_committees"]
    assert (reports[0].recipient, reports[0].via) == ("Ủy ban nhân dân thành phố", "Phòng Nội vụ")


def test_a_closing_sentence_reports_for_its_own_subject() -> None:
    text = DUTIES.replace(
        "Trong quá trình thực hiện, nếu có vướng mắc, báo cáo Ủy ban nhân dân thành phố./.",
        "Các sở, ngành báo cáo kết quả định kỳ hằng quý (trước ngày 08 tháng cuối của quý) gửi Sở Nội vụ./.",
    )
    quarterly = parse(text).reporting_obligations[-1]
    assert (quarterly.period, quarterly.deadline.relative) == ("quarter", "last_month_of_period")
    assert names(quarterly.reporters) == ["group:departments"]
    assert quarterly.recipient == "Sở Nội vụ"


def test_subplan_obligation_gives_units_deadline_and_due_date() -> None:
    subplans = parse(DUTIES).subplan_obligations
    assert len(subplans) == 1
    only = subplans[0]
    assert names(only.units) == ["group:local_offices", "group:commune_committees"]
    assert (only.deadline_text, only.due_date) == ("trong quý I năm 2025", "2025-03-31")
    assert (only.recipient, only.via) == ("Ủy ban nhân dân thành phố", "Phòng Nội vụ")


def test_folding_into_an_existing_plan_is_no_subplan() -> None:
    text = DUTIES.replace(
        "Xây dựng Kế hoạch tuyên truyền", "Đưa nội dung tuyên truyền vào kế hoạch công tác năm"
    )
    assert parse(text).subplan_obligations == []


# References, targets, years, agencies


def test_references_skip_the_plans_own_caption_and_laws_without_number() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2020\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015; Kế hoạch số 33/KH-UBND ngày 08/01/2020 của UBND tỉnh;\n"
        "I. NỘI DUNG\nTuyên truyền.\nPHỤ LỤC\n(Kèm theo Kế hoạch số 93/KH-UBND ngày 17/01/2020)\n"
    )
    references = parse(text).legal_references
    assert [(r.doc_type, r.number, r.date) for r in references] == [("Kế hoạch", "33/KH-UBND", "2020-01-08")]
    assert references[0].source is not None and references[0].source.start == 3


def test_a_reference_dated_after_the_plan_is_a_year_mismatch_and_kept_as_printed() -> None:
    text = HEADER + "Thực hiện Kế hoạch số 259/KH-UBND ngày 16/11/2025 của UBND tỉnh;\n" + BODY
    draft = parse(text)
    assert [r.date for r in draft.legal_references] == ["2025-11-16"]
    assert "year_mismatch" in codes(draft)


def test_an_issue_date_far_from_the_plan_year_is_a_year_mismatch() -> None:
    draft = parse(HEADER.replace("năm 2024", "năm 2027") + BODY)
    assert "year_mismatch" in codes(draft)
    assert "year_mismatch" not in codes(parse(HEADER + BODY))


def test_targets_need_a_level() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2025\nI. MỤC TIÊU\n"
        "- Chỉ số hài lòng (SIPAS) từ 95% trở lên.\n- Cải thiện Chỉ số PAPI.\n"
    )
    targets = parse(text).indicator_targets
    assert [(t.index, t.comparator, t.value) for t in targets] == [("SIPAS", ">=", 95.0)]


def test_each_unrecognised_agency_is_warned_once() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2023\n\nSTT\tNội dung\tChủ trì\tPhối hợp\tThời gian\n"
        "1\tTập huấn\tTổ xung kích\tSở Nội vụ\tNăm 2023\n2\tHội thi\tTổ xung kích\t\tNăm 2023\n"
    )
    unknown = [w for w in parse(text).warnings if w.code == "unknown_agency"]
    assert len(unknown) == 1
    assert "Tổ xung kích" in unknown[0].message


def test_plan_themes_come_from_the_content_section_and_channels_from_the_form_section() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2025\nI. NỘI DUNG TUYÊN TRUYỀN\nCải cách thủ tục hành chính.\n"
        "II. HÌNH THỨC TUYÊN TRUYỀN\nTrên Trang thông tin điện tử và loa truyền thanh.\n"
        "III. TỔ CHỨC THỰC HIỆN\nSở Nội vụ tổ chức hội nghị, tập huấn về chuyển đổi số.\n"
    )
    draft = parse(text)
    assert draft.themes == ["procedures"]
    assert draft.channels == ["web_portal", "loudspeaker"]


def test_the_report_outline_is_kept_apart_from_the_sections() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2020\nI. NỘI DUNG\nTuyên truyền./.\nNơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn An\n"
        "ĐỀ CƯƠNG BÁO CÁO\n*Kèm theo Kế hoạch số 93/KH-UBND ngày 17/01/2020*\n1. Công tác chỉ đạo\n2. Kết quả\n- Ưu điểm\n"
    )
    draft = parse(text)
    assert [s.marker for s in draft.report_outline] == ["1.", "2."]
    assert draft.report_outline[1].children[0].title == "Ưu điểm"
    assert [s.marker for s in draft.sections] == ["I."]


# Failures


def test_empty_text_is_an_empty_failure() -> None:
    with pytest.raises(ImportFailure) as failure:
        parse_lines(["", "   ", "\t"])
    assert failure.value.code == "empty"


def test_text_without_plan_signals_is_not_a_plan() -> None:
    with pytest.raises(ImportFailure) as failure:
        parse("Thân gửi anh chị,\nCuối tuần này cả nhà đi chơi.\nHẹn gặp lại.")
    assert failure.value.code == "not_a_plan"
    assert "KẾ HOẠCH" in failure.value.message_vi


def test_a_plan_without_its_title_line_is_recognised_by_its_sections() -> None:
    draft = parse("I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\nTheo dõi.")
    assert draft.document.title is None
    assert [t.ordinal for t in draft.tasks] == ["1"]


def test_parse_document_reads_bytes_and_keeps_the_source() -> None:
    text = HEADER + BODY
    draft = parse_document(text.encode("utf-8"), "ke-hoach.txt")
    assert draft.source_format == "text"
    assert draft.source_lines == text.splitlines()
    assert PlanDraft.from_dict(draft.to_dict()) == draft
