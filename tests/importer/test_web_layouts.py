"""Plans copied from legal-document web sites, one rule at a time, on short synthetic texts.

Sites print the two-column header of Nghị định 30/2020 as a table flattened to text: either one row a
line with cells cut by " | " ("ỦY BAN NHÂN DÂN | CỘNG HÒA …"), or each cell over several lines with a
lone "|" between cells. A Ministry or a Chairman often issues the plan with a decision
("QUYẾT ĐỊNH Ban hành Kế hoạch …"), and a copy may stop after its opening.
"""

from __future__ import annotations

import pytest

from cchc.importer import ImportFailure, PlanDraft, parse_lines


def parse(text: str) -> PlanDraft:
    return parse_lines(text.strip("\n").split("\n"))


BODY = """
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về cải cách hành chính.
"""

PIPE_ROWS = """
ỦY BAN NHÂN DÂN TỈNH KON TUM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 17/KH-UBND | Kon Tum, ngày 09 tháng 02 năm 2024 |
KẾ HOẠCH
TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2024
"""

LONE_BARS = """
ỦY BAN NHÂN DÂN
TỈNH BÀ RỊA - VŨNG TÀU
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 08/KH-UBND
|
Bà Rịa - Vũng
Tàu, ngày 08 tháng 01 năm 2024
|
KẾ HOẠCH
TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2024
"""


def test_a_header_flattened_to_pipe_rows_gives_issuer_number_place_and_date() -> None:
    document = parse(PIPE_ROWS + BODY).document
    assert document.issuer == "ỦY BAN NHÂN DÂN TỈNH KON TUM"
    assert (document.number, document.place, document.issue_date) == ("17/KH-UBND", "Kon Tum", "2024-02-09")
    assert document.year == 2024


def test_header_cells_between_lone_bars_are_read_whole() -> None:
    document = parse(LONE_BARS + BODY).document
    # The motto cut over two lines is no issuer; the place cut over two lines is one place.
    assert (document.superior, document.issuer) == (None, "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU")
    assert (document.number, document.issue_date) == ("08/KH-UBND", "2024-01-08")
    assert document.place == "Bà Rịa - Vũng Tàu"


def test_a_department_cell_between_bars_keeps_its_superior() -> None:
    header = (
        "UBND TỈNH NAM ĐỊNH\nSỞ NỘI VỤ\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n|\nSố: 15/KH-SNV\n|\nNam Định, ngày 05 tháng 01 năm 2024\n|\n"
    )
    document = parse(header + "KẾ HOẠCH\nTuyên truyền năm 2024\n" + BODY).document
    assert (document.superior, document.issuer) == ("UBND TỈNH NAM ĐỊNH", "SỞ NỘI VỤ")
    assert (document.number, document.place, document.issue_date) == ("15/KH-SNV", "Nam Định", "2024-01-05")


def test_an_issuer_printed_before_the_number_in_its_cell_is_read() -> None:
    header = (
        "Bộ Nội vụ Số: 251/QĐ-BNV |\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Hà Nội, ngày 29 tháng 03 năm 2022 |\n"
    )
    document = parse(header + "KẾ HOẠCH\nTuyên truyền năm 2022\n" + BODY).document
    assert (document.issuer, document.number) == ("Bộ Nội vụ", "251/QĐ-BNV")
    assert (document.place, document.issue_date) == ("Hà Nội", "2022-03-29")


def test_a_subject_in_capitals_is_the_title_even_when_it_opens_like_the_text() -> None:
    text = (
        "KẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN CÔNG TÁC TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH TRÊN ĐỊA\n"
        "BÀN TỈNH NĂM 2024\nTriển khai Kế hoạch số 12/KH-UBND ngày 05/01/2024, UBND tỉnh ban hành Kế hoạch:\n"
    )
    document = parse(text + BODY).document
    assert (
        document.title
        == "TRIỂN KHAI THỰC HIỆN CÔNG TÁC TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH TRÊN ĐỊA BÀN TỈNH NĂM 2024"
    )
    assert document.year == 2024


def test_a_subject_in_lowercase_that_opens_like_the_text_is_still_no_title() -> None:
    text = (
        "KẾ HOẠCH\nTriển khai Kế hoạch số 12/KH-UBND ngày 05/01/2024, UBND tỉnh ban hành Kế hoạch như sau:\n"
    )
    assert parse(text + BODY).document.title is None


DECISION = """
BỘ NỘI VỤ
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số: 49/QĐ-BNV
|
Hà Nội, ngày 01
tháng 3 năm 2025
|
QUYẾT ĐỊNH
BAN
HÀNH KẾ HOẠCH THÔNG TIN, TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2025
BỘ TRƯỞNG BỘ NỘI VỤ
Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể;
QUYẾT ĐỊNH:
Điều 1. Ban hành Kế
"""


def test_a_decision_issuing_a_plan_is_read_as_the_plan_it_issues() -> None:
    draft = parse(DECISION)
    document = draft.document
    assert document.doc_type == "Quyết định"
    assert (document.issuer, document.number, document.issue_date) == ("BỘ NỘI VỤ", "49/QĐ-BNV", "2025-03-01")
    assert document.title == "THÔNG TIN, TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2025"
    assert document.year == 2025
    assert [r.number for r in draft.legal_references] == ["76/NQ-CP"]


def test_a_decision_about_a_plan_over_several_lines_stops_at_the_signing_authority() -> None:
    text = (
        "QUYẾT ĐỊNH\nVỀ\nVIỆC BAN HÀNH KẾ HOẠCH TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2022-2025\n"
        "TRÊN ĐỊA BÀN TỈNH QUẢNG NGÃI\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\n"
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\nQUYẾT ĐỊNH:\n"
    )
    document = parse(text).document
    assert (
        document.title == "TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2022-2025 TRÊN ĐỊA BÀN TỈNH QUẢNG NGÃI"
    )
    assert document.year is None


def test_a_decision_that_issues_no_plan_is_still_not_a_plan() -> None:
    with pytest.raises(ImportFailure) as failure:
        parse("QUYẾT ĐỊNH\nVỀ VIỆC KHEN THƯỞNG TẬP THỂ\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nĐiều 1. Khen thưởng.")
    assert failure.value.code == "not_a_plan"


def test_a_reference_number_keeps_an_ampersand_in_its_symbol() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2024\nThực hiện Công văn số 5104/BTTTT-PTTH&TTĐT của Bộ Thông tin và "
        "Truyền thông; Công văn số 2231/SNV-CCHC&PC ngày 28 tháng 9 năm 2023 của Sở Nội vụ.\n"
    )
    numbers = [r.number for r in parse(text + BODY).legal_references]
    assert numbers == ["5104/BTTTT-PTTH&TTĐT", "2231/SNV-CCHC&PC"]


def test_the_plans_own_number_keeps_an_ampersand_in_its_symbol() -> None:
    document = parse("Số: 35/KH-SNV-CCHC&PC\nKẾ HOẠCH\nTuyên truyền năm 2024\n" + BODY).document
    assert (document.number, document.symbol) == ("35/KH-SNV-CCHC&PC", "KH-SNV-CCHC&PC")


def test_a_decision_title_in_small_letters_is_read_and_its_articles_are_no_subject() -> None:
    text = (
        "Bộ Nội vụ Số: 251/QĐ-BNV |\nQuyết định\nBAN HÀNH KẾ HOẠCH THÔNG TIN, TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2022\n"
        "BỘ TRƯỞNG BỘ NỘI VỤ\nXét đề nghị của Vụ trưởng Vụ Cải cách hành chính.\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2022 (sau đây gọi tắt là Kế hoạch).\n"
    )
    document = parse(text).document
    assert document.title == "THÔNG TIN, TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2022"
    assert (document.doc_type, document.year) == ("Quyết định", 2022)


def test_the_articles_of_a_decision_without_a_title_line_give_no_subject() -> None:
    with pytest.raises(ImportFailure):
        parse("QUYẾT ĐỊNH:\nĐiều 1. Ban hành Kế hoạch tuyên truyền năm 2022 (sau đây gọi tắt là Kế hoạch).")


WRAPPED = """
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2022
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của
Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn
2021 - 2030; Quyết định số 649/QĐ-UBND ngày 26/7/2021 của
UBND tỉnh ban hành Kế hoạch cải thiện, nâng cao chỉ số năng lực cạnh tranh cấp
tỉnh giai đoạn 2021- 2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, công chức và người dân về
cải cách hành chính trên địa bàn tỉnh.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp và
Sở Thông tin và Truyền thông tổ chức hội nghị tập huấn cho
cán bộ, công chức trước ngày 30/6/2022.
2. Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ quan báo
chí của tỉnh mở chuyên mục cải cách hành chính trên báo, đài.
"""


def test_a_copy_cut_at_a_fixed_width_is_read_in_sentences() -> None:
    draft = parse(WRAPPED)
    # The citation "… của UBND tỉnh ban hành Kế hoạch …" goes on the next line; it is no sub-plan.
    assert draft.subplan_obligations == []
    first, second = draft.tasks
    assert [a.name for a in first.lead] == ["Sở Nội vụ"]
    assert [a.name for a in first.coordinating] == ["Sở Tư pháp", "Sở Thông tin và Truyền thông"]
    assert first.title.endswith("trước ngày 30/6/2022")
    assert [a.name for a in second.lead] == ["Sở Thông tin và Truyền thông"]


def test_lines_that_open_with_a_capital_stay_apart_when_the_copy_is_not_cut_at_a_width() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2022\nI. MỤC ĐÍCH, YÊU CẦU\n"
        "Nâng cao nhận thức về cải cách hành chính trong toàn tỉnh\nTăng cường phối hợp giữa các cơ quan.\n"
    )
    section = parse(text).sections[0]
    assert "toàn tỉnh Tăng cường" not in section.text


def test_a_citation_date_cut_after_its_month_or_its_word_nam_keeps_its_date() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền năm 2025\nCăn cứ Nghị định số 25/2025/NĐ-CP ngày 21 tháng\n"
        "02 năm 2025 của Chính phủ quy định chức năng của Bộ Nội vụ;\n"
        "Căn cứ Chỉ thị số 23/CT-TTg ngày 02 tháng 9 năm\n2021 của Thủ tướng Chính phủ;\n"
    )
    dates = [(r.number, r.date) for r in parse(text + BODY).legal_references]
    assert dates == [("25/2025/NĐ-CP", "2025-02-21"), ("23/CT-TTg", "2021-09-02")]


def test_a_copy_without_its_header_is_a_plan_by_its_issuing_sentence() -> None:
    text = (
        "Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ, Ủy ban nhân dân thành phố ban hành "
        "Kế hoạch tuyên truyền cải cách hành chính năm 2019 như sau:\n"
        "Nâng cao nhận thức về cải cách hành chính.\n"
    )
    draft = parse(text)
    assert draft.document.title is None
    assert [r.number for r in draft.legal_references] == ["61/2018/NĐ-CP"]


def test_a_letter_that_mentions_issuing_a_plan_later_on_is_still_not_a_plan() -> None:
    text = "Kính gửi các đơn vị,\n" * 20 + "Ủy ban nhân dân thành phố sẽ ban hành Kế hoạch như sau:\n"
    with pytest.raises(ImportFailure):
        parse(text)


PIPE_TABLE = """
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2024
I. NỘI DUNG
Tuyên truyền.
II. TỔ CHỨC THỰC HIỆN
Các cơ quan thực hiện theo Phụ lục./.
Nơi nhận: | KT. CHỦ TỊCH |
- Lưu: VT. | PHÓ CHỦ TỊCH |
| Nguyễn Văn An |
PHỤ LỤC
(Kèm theo Kế hoạch số 10/KH-UBND ngày 10/01/2024 của UBND tỉnh)
{rows}
"""

MARKDOWN_ROWS = """
| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |
|---|---|:---:|---|---|
| 1 | Xây dựng chuyên mục cải cách hành chính | Sở Nội vụ | Sở Tư pháp | Quý II |
| 2 | Tổ chức hội thi tìm hiểu cải cách hành chính | Sở Tư pháp | | Năm 2024 |
"""

WEB_ROWS = """
STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |
1 | Xây dựng chuyên mục cải cách hành chính | Sở Nội vụ | Sở Tư pháp | Quý II |
2 | Tổ chức hội thi tìm hiểu cải cách hành chính | Sở Tư pháp | | Năm 2024 |
"""


@pytest.mark.parametrize("rows", [MARKDOWN_ROWS, WEB_ROWS], ids=["markdown", "web copy"])
def test_a_task_table_written_with_pipes_gives_one_task_a_row(rows: str) -> None:
    draft = parse(PIPE_TABLE.format(rows=rows.strip("\n")))
    assert [t.ordinal for t in draft.tasks] == ["1", "2"]
    first, second = draft.tasks
    assert first.title == "Xây dựng chuyên mục cải cách hành chính"
    assert ([a.name for a in first.lead], [a.name for a in first.coordinating]) == (
        ["Sở Nội vụ"],
        ["Sở Tư pháp"],
    )
    assert (first.timeframe.kind, first.timeframe.start, first.timeframe.end) == (
        "range",
        "2024-04-01",
        "2024-06-30",
    )
    assert ([a.name for a in second.lead], second.coordinating) == (["Sở Tư pháp"], [])
    # Rows of two cells are the layout of the signature block, not a table.
    assert (draft.document.authority, draft.document.signer_title) == ("KT.", "PHÓ CHỦ TỊCH")
    assert draft.document.signer_name == "Nguyễn Văn An"


DECISION_WITH_PLAN = """
ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
|
Số: 12/QĐ-UBND
|
Ninh Bình, ngày 10 tháng 01 năm 2024
|
QUYẾT ĐỊNH
Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2024
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền cải cách hành chính năm 2024.
Điều 2. Giao Sở Nội vụ chủ trì theo dõi, đôn đốc thực hiện Kế hoạch.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Bình
KẾ HOẠCH
TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2024
(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 10/01/2024 của Chủ tịch UBND tỉnh)
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về cải cách hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp tổ chức hội nghị tập huấn trước ngày 30/6/2024.
2. Sở Thông tin và Truyền thông
Mở chuyên mục cải cách hành chính trên Cổng thông tin điện tử tỉnh.
3. Các sở, ban, ngành báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15/11/2024.
"""


def test_the_plan_attached_to_a_decision_is_the_body_and_the_decision_is_signed() -> None:
    draft = parse(DECISION_WITH_PLAN)
    document = draft.document
    assert (document.doc_type, document.number, document.issue_date) == (
        "Quyết định",
        "12/QĐ-UBND",
        "2024-01-10",
    )
    assert (document.title, document.year) == ("tuyên truyền cải cách hành chính năm 2024", 2024)
    assert (document.authority, document.signer_title, document.signer_name) == (
        "KT.",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Bình",
    )
    assert document.recipients == ["Như Điều 3", "Lưu: VT"]
    # The tasks are the plan's, not the decision's articles.
    assert [t.ordinal for t in draft.tasks][:2] == ["1", "2"]
    assert [a.name for a in draft.tasks[0].lead] == ["Sở Nội vụ"]
    assert [a.name for a in draft.tasks[1].lead] == ["Sở Thông tin và Truyền thông"]
    assert [r.deadline.day for r in draft.reporting_obligations] == [15]
    assert [s.title.casefold() for s in draft.sections if s.marker == "II."] == ["tổ chức thực hiện"]


def test_a_number_cut_after_so_in_its_cell_is_read() -> None:
    header = "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\n-------\n|\nSố:\n06/KH-UBND\n|\nKon Tum, ngày 25\ntháng 01 năm 2024\n|\n"
    document = parse(header + "KẾ HOẠCH\nTuyên truyền năm 2024\n" + BODY).document
    assert (document.issuer, document.number) == ("ỦY BAN NHÂN DÂN TỈNH KON TUM", "06/KH-UBND")
    assert (document.place, document.issue_date) == ("Kon Tum", "2024-01-25")


BARRED_TABLE = """
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2024
I. TỔ CHỨC THỰC HIỆN
Các cơ quan thực hiện theo Phụ lục kèm theo.
PHỤ LỤC
STT
|
Nội dung
|
Cơ quan chủ trì
|
Cơ quan phối hợp
|
Thời gian thực hiện
|
I
|
Tuyên truyền trên báo chí
|
1
|
Xây dựng chuyên mục cải cách
hành chính trên Báo tỉnh
|
Sở Nội vụ
|
Sở Tư pháp
|
Quý II
|
2
|
Tổ chức hội thi tìm hiểu cải cách hành chính
|
Sở Tư pháp
|
|
Năm 2024
|
"""


def test_a_table_whose_cells_are_closed_by_lone_bars_gives_one_task_a_row() -> None:
    draft = parse(BARRED_TABLE)
    assert [(t.group, t.ordinal) for t in draft.tasks] == [
        ("I. Tuyên truyền trên báo chí", "1"),
        ("I. Tuyên truyền trên báo chí", "2"),
    ]
    first, second = draft.tasks
    assert first.title == "Xây dựng chuyên mục cải cách hành chính trên Báo tỉnh"
    assert ([a.name for a in first.lead], [a.name for a in first.coordinating]) == (
        ["Sở Nội vụ"],
        ["Sở Tư pháp"],
    )
    assert (first.timeframe.start, first.timeframe.end) == ("2024-04-01", "2024-06-30")
    assert ([a.name for a in second.lead], second.coordinating) == (["Sở Tư pháp"], [])


def test_a_whole_decision_copied_from_a_web_page_gives_header_signer_and_the_plans_table_tasks() -> None:
    closing = (
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2025.\n"
        "Điều 2. Chánh Văn phòng Bộ chịu trách nhiệm thi hành Quyết định này./.\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT, CCHC.\n|\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn Khánh\n|\n"
    )
    plan = BARRED_TABLE.replace(
        "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2024\n",
        "KẾ HOẠCH\nThông tin, tuyên truyền cải cách hành chính năm 2025\n"
        "(Ban hành kèm theo Quyết định số 49/QĐ-BNV ngày 01/3/2025 của Bộ trưởng Bộ Nội vụ)\n",
    ).replace("Năm 2024", "Năm 2025")
    draft = parse(DECISION.replace("Điều 1. Ban hành Kế\n", closing) + plan)
    document = draft.document
    assert (document.doc_type, document.number, document.year) == ("Quyết định", "49/QĐ-BNV", 2025)
    assert (document.authority, document.signer_title, document.signer_name) == (
        "KT.",
        "THỨ TRƯỞNG",
        "Nguyễn Văn Khánh",
    )
    assert document.recipients == ["Như Điều 2", "Lưu: VT, CCHC"]
    assert [(t.ordinal, [a.name for a in t.lead]) for t in draft.tasks] == [
        ("1", ["Sở Nội vụ"]),
        ("2", ["Sở Tư pháp"]),
    ]
    assert (draft.tasks[0].timeframe.start, draft.tasks[0].timeframe.end) == ("2025-04-01", "2025-06-30")
