from __future__ import annotations

from pathlib import Path

import pytest

from cchc.importer.model import LegalReference, SourceSpan
from cchc.importer.references import find_legal_references

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "plans"

SINGLE_CASES = [
    # line, doc_type, number, date, issuer, title
    (
        "- Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính "
        "nhà nước giai đoạn 2021-2030;",
        "Nghị quyết",
        "76/NQ-CP",
        "2021-07-15",
        "Chính phủ",
        "ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030",
    ),
    (
        "Tuyên truyền nội dung Nghị quyết số 76/NQCP ngày 15/7/2021 của Chính phủ về ban hành Chương trình tổng thể",
        "Nghị quyết",
        "76/NQ-CP",
        "2021-07-15",
        "Chính phủ",
        "về ban hành Chương trình tổng thể",
    ),
    (
        "(theo Nghị quyết số 06-NQ/TU ngày 09/12/2021 của Ban Thường vụ Thành ủy).",
        "Nghị quyết",
        "06-NQ/TU",
        "2021-12-09",
        "Ban Thường vụ Thành ủy",
        None,
    ),
    (
        "Căn cứ Kế hoạch số 93 /KH-UBND ngày 17/01/2020 của UBND thành phố Lai Châu về tuyên truyền năm 2020;",
        "Kế hoạch",
        "93/KH-UBND",
        "2020-01-17",
        "UBND thành phố Lai Châu",
        "về tuyên truyền năm 2020",
    ),
    (
        "Quyết định số 1291/QĐ-UBND ngày 15 tháng 7 năm 2021 của Ủy ban nhân dân tỉnh về việc phê duyệt Đề án.",
        "Quyết định",
        "1291/QĐ-UBND",
        "2021-07-15",
        "Ủy ban nhân dân tỉnh",
        "về việc phê duyệt Đề án",
    ),
    (
        "Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ về sửa đổi, bổ sung một số điều;",
        "Nghị định",
        "107/2021/NĐ-CP",
        "2021-12-06",
        "Chính phủ",
        "về sửa đổi, bổ sung một số điều",
    ),
    (
        "Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ về việc đẩy mạnh thực hiện Chương trình tổng thể",
        "Chỉ thị",
        "23/CT-TTg",
        "2021-09-02",
        "Thủ tướng Chính phủ",
        "về việc đẩy mạnh thực hiện Chương trình tổng thể",
    ),
    (
        "Chương trình hành động số 49-CTr/TU ngày 09/01/2018 của Ban Thường vụ Thành ủy thực hiện nghị quyết.",
        "Chương trình hành động",
        "49-CTr/TU",
        "2018-01-09",
        "Ban Thường vụ Thành ủy",
        "thực hiện nghị quyết",
    ),
    (
        "Kết luận số 1492-KL/TU ngày 05/12/2022 của Hội nghị Tỉnh ủy lần thứ 10 (Khóa XX).",
        "Kết luận",
        "1492-KL/TU",
        "2022-12-05",
        "Hội nghị Tỉnh ủy lần thứ 10",
        None,
    ),
    (
        "Công văn số 581/BNV-CCHC ngày 10/02/2022 của Bộ Nội vụ về hướng dẫn báo cáo.",
        "Công văn",
        "581/BNV-CCHC",
        "2022-02-10",
        "Bộ Nội vụ",
        "về hướng dẫn báo cáo",
    ),
    (
        "Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ hướng dẫn thể thức văn bản",
        "Thông tư",
        "01/2011/TT-BNV",
        "2011-01-19",
        "Bộ Nội vụ",
        "hướng dẫn thể thức văn bản",
    ),
    (
        "theo Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa XII) một số vấn đề về đổi mới",
        "Nghị quyết",
        "18-NQ/TW",
        None,
        "Ban Chấp hành Trung ương Đảng",
        "một số vấn đề về đổi mới",
    ),
    (
        "Tổ chức thực hiện có hiệu quả Luật Ban hành văn bản quy phạm pháp luật năm 2015, Luật khác.",
        "Luật",
        None,
        None,
        None,
        "Ban hành văn bản quy phạm pháp luật năm 2015",
    ),
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Luật",
        None,
        "2015-06-19",
        None,
        "Tổ chức chính quyền địa phương",
    ),
    (
        "Kế hoạch tuyên truyền CCHC tỉnh giai đoạn 2022-2025 ban hành tại Quyết định số 2074/QĐ-UBND ngày 20/12/2021;",
        "Quyết định",
        "2074/QĐ-UBND",
        "2021-12-20",
        None,
        "Kế hoạch tuyên truyền CCHC tỉnh giai đoạn 2022-2025",
    ),
    (
        "Đề án Phát triển ứng dụng dữ liệu về dân cư (Đề án số 06/CP); tuyên truyền",
        "Đề án",
        "06/CP",
        None,
        None,
        None,
    ),
    ("QĐ số 1291/QĐ-UBND ngày 15/7/2021", "Quyết định", "1291/QĐ-UBND", "2021-07-15", None, None),
    (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
        "Nghị định",
        "30/2020/NĐ-CP",
        "2020-03-05",
        "Chính phủ",
        "về công tác văn thư",
    ),
    (
        "Thông báo kết luận số 12-TB/TU ngày 3/2/2024 của Ban Thường vụ Tỉnh ủy",
        "Thông báo kết luận",
        "12-TB/TU",
        "2024-02-03",
        "Ban Thường vụ Tỉnh ủy",
        None,
    ),
]


@pytest.mark.parametrize(
    ("line", "doc_type", "number", "date", "issuer", "title"),
    SINGLE_CASES,
    ids=[c[2] or c[5] for c in SINGLE_CASES],
)
def test_one_reference_per_line(
    line: str, doc_type: str, number: str | None, date: str | None, issuer: str | None, title: str | None
) -> None:
    (ref,) = find_legal_references([line])
    assert (ref.doc_type, ref.number, ref.date, ref.issuer, ref.title) == (
        doc_type,
        number,
        date,
        issuer,
        title,
    )
    assert ref.source == SourceSpan(1, 1)


def test_several_references_in_one_sentence() -> None:
    line = (
        "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
        "hành chính nhà nước giai đoạn 2021 - 2030; Chỉ thị số 23/CT-TTg ngày 02/09/2021 của Thủ tướng Chính phủ "
        "về việc đẩy mạnh thực hiện Chương trình tổng thể; Kế hoạch số 111/KH-UBND ngày 29/09/2021 của UBND tỉnh "
        "về Cải cách hành chính tỉnh Nam Định giai đoạn 2021 - 2025, UBND tỉnh xây dựng Kế hoạch như sau:"
    )
    refs = find_legal_references([line])
    assert [(r.number, r.date, r.issuer, r.title) for r in refs] == [
        (
            "76/NQ-CP",
            "2021-07-15",
            "Chính phủ",
            "ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
        ),
        (
            "23/CT-TTg",
            "2021-09-02",
            "Thủ tướng Chính phủ",
            "về việc đẩy mạnh thực hiện Chương trình tổng thể",
        ),
        (
            "111/KH-UBND",
            "2021-09-29",
            "UBND tỉnh",
            "về Cải cách hành chính tỉnh Nam Định giai đoạn 2021 - 2025",
        ),
    ]


def test_nested_reference_is_found_and_title_stops_at_the_next_citation() -> None:
    line = (
        "Kế hoạch số 276/KH-UBND ngày 03/12/2020 của Ủy ban nhân dân thành phố về triển khai thực hiện "
        "Nghị định số 107/2020/NĐ-CP và Nghị định số 108/2020/NĐ-CP của Chính phủ; Chỉ thị số 21/CT-UBND"
    )
    refs = find_legal_references([line])
    assert [(r.number, r.issuer, r.title) for r in refs] == [
        ("276/KH-UBND", "Ủy ban nhân dân thành phố", "về triển khai thực hiện Nghị định số 107/2020/NĐ-CP"),
        ("107/2020/NĐ-CP", "Chính phủ", None),  # "A và B của Chính phủ": both issued by the Government
        ("108/2020/NĐ-CP", "Chính phủ", None),
        ("21/CT-UBND", None, None),
    ]


def test_duplicates_keep_the_first_appearance_and_gain_missing_fields() -> None:
    lines = [
        "Nghị quyết số 03-NQ/TU của Ban Thường vụ Thành ủy về chuyển đổi số;",
        "",
        "Nghị quyết số 03-NQ/TU ngày 26/10/2021 của Ban Thường vụ Thành ủy về việc chuyển đổi số thành phố;",
        "Nghị quyết số 76/NQCP ngày 15/7/2021; Nghị quyết số 76/NQ-CP ngày 15/7/2021",
    ]
    refs = find_legal_references(lines)
    assert [(r.number, r.date, r.source) for r in refs] == [
        ("03-NQ/TU", "2021-10-26", SourceSpan(1, 1)),
        ("76/NQ-CP", "2021-07-15", SourceSpan(4, 4)),
    ]
    assert refs[0].title == "về chuyển đổi số"


@pytest.mark.parametrize(
    "line",
    [
        "Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng khóa XII về đổi mới, sắp xếp tổ chức bộ máy;",
        "Thực hiện Kế hoạch cải cách hành chính nhà nước năm 2023, Ủy ban nhân dân thành phố ban hành",
        "theo quy định của Luật Phổ biến, giáo dục pháp luật và trong sinh hoạt Ngày pháp luật.",
        "Hướng dẫn các đơn vị, địa phương tuyên truyền về CCHC",
        "Tuyên truyền kết quả xếp hạng Chỉ số CCHC năm 2023",
        "Đăng tải số hotline 082.507.7988 trên Cổng Dịch vụ công thành phố",
        "",
    ],
)
def test_citations_without_number_or_date_are_skipped(line: str) -> None:
    assert find_legal_references([line]) == []


@pytest.mark.parametrize(
    ("symbol", "number"),
    [
        ("76/NQCP", "76/NQ-CP"),
        ("12/QĐUBND", "12/QĐ-UBND"),
        ("5/KHUBND", "5/KH-UBND"),
        ("76/NQ - CP", "76/NQ-CP"),
        ("76/NQ–CP", "76/NQ-CP"),
        ("80/2015/QH13", "80/2015/QH13"),
        ("259/KH-UBND", "259/KH-UBND"),
        ("7/ABCD", "7/ABCD"),  # unknown symbol: kept as printed, no hyphen invented
    ],
)
def test_numbers_are_normalised_without_touching_digits(symbol: str, number: str) -> None:
    (ref,) = find_legal_references([f"Quyết định số {symbol} ngày 01/02/2023"])
    assert ref.number == number


def test_blank_number_is_none_and_the_reference_is_kept_by_date() -> None:
    (ref,) = find_legal_references(["Quyết định số     /QĐ-UBND ngày 05/3/2025 của UBND tỉnh"])
    assert (ref.number, ref.date, ref.issuer) == (None, "2025-03-05", "UBND tỉnh")


def test_sample_004_references() -> None:
    lines = (SAMPLES / "004_3bb7fd847507d657.txt").read_text(encoding="utf-8").splitlines()
    refs = find_legal_references(lines[:200])
    numbers = [r.number for r in refs]
    assert numbers[:6] == ["76/NQ-CP", "23/CT-TTg", "39-NQ/TW", "17-KL/TW", "120/2020/NĐ-CP", "131/NQ-CP"]
    assert "259/KH-UBND" in numbers  # printed date 16/11/2023 kept as printed
    by_number = {r.number: r for r in refs}
    assert by_number["259/KH-UBND"].date == "2023-11-16"
    assert by_number["39-NQ/TW"].issuer == "Bộ Chính trị"
    assert by_number["06/CP"].doc_type == "Đề án"
    assert all(isinstance(r, LegalReference) and r.source.start >= 1 for r in refs)


def test_a_citation_cut_by_a_page_break_is_read_whole() -> None:
    lines = [
        "- Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính",
        "",
        "phủ về thực hiện thủ tục hành chính trên môi trường điện tử;",
        "- Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ phê duyệt Đề án;",
    ]
    first, second = find_legal_references(lines)
    assert (first.number, first.issuer, first.title) == (
        "107/2021/NĐ-CP",
        "Chính phủ",
        "về thực hiện thủ tục hành chính trên môi trường điện tử",
    )
    assert first.source == SourceSpan(1, 3)
    assert (second.number, second.issuer, second.source) == (
        "468/QĐ-TTg",
        "Thủ tướng Chính phủ",
        SourceSpan(4, 4),
    )


@pytest.mark.parametrize(
    ("lines", "number", "date", "issuer"),
    [
        # a line that stops on "của", "số", "ngày" or "và" goes on in the next, whatever its first letter
        (
            [
                "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2025 của",
                "Ủy ban nhân dân tỉnh về tuyên truyền năm 2025;",
            ],
            "12/KH-UBND",
            "2025-01-05",
            "Ủy ban nhân dân tỉnh",
        ),
        (
            ["Căn cứ Quyết định số", "1291/QĐ-UBND ngày 15/7/2021 của UBND tỉnh về việc phê duyệt Đề án;"],
            "1291/QĐ-UBND",
            "2021-07-15",
            "UBND tỉnh",
        ),
        (
            ["Căn cứ Nghị quyết số 76/NQ-CP ngày", "15/7/2021 của Chính phủ ban hành Chương trình tổng thể;"],
            "76/NQ-CP",
            "2021-07-15",
            "Chính phủ",
        ),
    ],
)
def test_a_line_ending_inside_a_citation_is_joined_to_the_next(
    lines: list[str], number: str, date: str, issuer: str
) -> None:
    (ref,) = find_legal_references(lines)
    assert (ref.number, ref.date, ref.issuer) == (number, date, issuer)
    assert ref.source == SourceSpan(1, 2)


@pytest.mark.parametrize(
    "lines",
    [
        # items without closing punctuation, each on its own line
        [
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
            "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2025 của UBND tỉnh",
        ],
        [
            "- Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
            "- Kế hoạch số 12/KH-UBND ngày 05/01/2025 của UBND tỉnh",
        ],
        [
            "1. Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
            "2. Kế hoạch số 12/KH-UBND ngày 05/01/2025 của UBND tỉnh",
        ],
    ],
)
def test_separate_references_on_separate_lines_stay_apart(lines: list[str]) -> None:
    first, second = find_legal_references(lines)
    assert (first.number, first.issuer, first.title, first.source) == (
        "76/NQ-CP",
        "Chính phủ",
        None,
        SourceSpan(1, 1),
    )
    assert (second.number, second.issuer, second.source) == ("12/KH-UBND", "UBND tỉnh", SourceSpan(2, 2))


def test_sample_002_issuer_cut_by_a_page_break_comes_back_whole() -> None:
    lines = (SAMPLES / "002_3c5505d236efa881.txt").read_text(encoding="utf-8").splitlines()
    by_number = {r.number: r for r in find_legal_references(lines)}
    # line 43 ends "… Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính", line 45 goes on "phủ về …"
    cut = by_number["45/2020/NĐ-CP"]
    assert (cut.issuer, cut.title) == ("Chính phủ", "về thực hiện TTHC trên môi trường điện tử")
    assert cut.source == SourceSpan(43, 45)
    assert by_number["468/QĐ-TTg"].source == SourceSpan(45, 45)


def test_a_marker_opens_a_new_item_even_after_a_line_that_stops_mid_phrase() -> None:
    lines = [
        "- Nghị quyết số 76/NQ-CP ngày 15/7/2021 của",
        "- Kế hoạch số 12/KH-UBND ngày 05/01/2025 của UBND tỉnh",
    ]
    first, second = find_legal_references(lines)
    assert (first.number, first.issuer, first.source) == ("76/NQ-CP", None, SourceSpan(1, 1))
    assert (second.number, second.issuer, second.source) == ("12/KH-UBND", "UBND tỉnh", SourceSpan(2, 2))


@pytest.mark.parametrize(
    "first",
    [
        "- Nghị quyết số 05-NQ/TU ngày 01/3/2021 của Tỉnh ủy về chuyển đổi số",  # "số" ends a phrase here
        "- Chỉ thị số 07/CT-UBND ngày 10/02/2022 về cập nhật thông tin hằng ngày",  # and "ngày" here
    ],
)
def test_a_phrase_that_ends_on_a_citation_word_is_not_joined_to_the_next_citation(first: str) -> None:
    lines = [first, "Quyết định số 12/QĐ-UBND ngày 05/01/2025 của UBND tỉnh về cải cách hành chính"]
    one, two = find_legal_references(lines)
    assert one.title is not None and "12/QĐ-UBND" not in one.title
    assert (one.source, two.source) == (SourceSpan(1, 1), SourceSpan(2, 2))
