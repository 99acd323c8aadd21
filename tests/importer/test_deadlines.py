from __future__ import annotations

import pytest

from cchc.importer.deadlines import find_report_deadlines, parse_deadline
from cchc.importer.model import Deadline

PARSE_CASES = [
    ("trước ngày 05/6", Deadline("trước ngày 05/6", day=5, month=6)),
    ("trước ngày 30/11/2023", Deadline("trước ngày 30/11/2023", day=30, month=11, year=2023)),
    (
        "trước ngày 08 tháng cuối của quý",
        Deadline("trước ngày 08 tháng cuối của quý", day=8, relative="last_month_of_period"),
    ),
    (
        "báo cáo quý trước ngày 15 của tháng cuối quý",
        Deadline("trước ngày 15 của tháng cuối quý", day=15, relative="last_month_of_period"),
    ),
    ("chậm nhất ngày 20/6", Deadline("chậm nhất ngày 20/6", day=20, month=6)),
    ("Chậm nhất là ngày 10/12/2024.", Deadline("Chậm nhất là ngày 10/12/2024", day=10, month=12, year=2024)),
    (
        "trước ngày 15 tháng 3 năm 2025",
        Deadline("trước ngày 15 tháng 3 năm 2025", day=15, month=3, year=2025),
    ),
    ("30/11/2023", Deadline("30/11/2023", day=30, month=11, year=2023)),
    (
        "(*trước ngày 08 tháng cuối của quý*)",
        Deadline("trước ngày 08 tháng cuối của quý", day=8, relative="last_month_of_period"),
    ),
]


@pytest.mark.parametrize(("text", "deadline"), PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_parse_deadline(text: str, deadline: Deadline) -> None:
    assert parse_deadline(text) == deadline


@pytest.mark.parametrize(
    "text",
    [
        "trước ngày 31/02/2024",
        "trước ngày 32/1",
        "trước ngày 15/13",
        "báo cáo định kỳ 06 tháng, năm",
        "Trong năm",
        "",
    ],
)
def test_parse_deadline_returns_none_without_a_valid_deadline(text: str) -> None:
    assert parse_deadline(text) is None


def _short(
    pairs: list[tuple[str, Deadline]],
) -> list[tuple[str, int | None, int | None, int | None, str | None]]:
    return [(period, d.day, d.month, d.year, d.relative) for period, d in pairs]


REPORT_CASES = [
    (
        "báo cáo 6 tháng trước ngày 05/6 và báo cáo năm trước ngày 30/11",
        [("half_year", 5, 6, None, None), ("year", 30, 11, None, None)],
    ),
    (
        "- Định kỳ 06 tháng, năm (trước ngày 05/6 đối với báo cáo 06 tháng và trước ngày 30/11 đối với báo cáo năm) "
        "báo cáo về tình hình, kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính",
        [("half_year", 5, 6, None, None), ("year", 30, 11, None, None)],
    ),
    (
        "trước ngày 25/5/2020 (6 tháng) trước ngày 20/11/2020 (năm)",
        [("half_year", 25, 5, 2020, None), ("year", 20, 11, 2020, None)],
    ),
    (
        "Định kỳ báo cáo kết quả thực hiện kế hoạch về UBND thành phố (qua phòng Nội vụ) theo đề cương báo cáo "
        "(kèm theo) **trước ngày 25/5/2020 (đối với báo cáo 6 tháng) trước ngày 20/11/2020 (đối với báo cáo năm).**",
        [("half_year", 25, 5, 2020, None), ("year", 20, 11, 2020, None)],
    ),
    (
        "tổng hợp tình hình, kết quả thực hiện công tác tuyên truyền trong báo cáo công tác cải cách hành chính "
        "định kỳ hàng quý, 6 tháng và năm (*trước ngày 08 tháng cuối của quý*) gửi Sở Nội vụ",
        [
            ("quarter", 8, None, None, "last_month_of_period"),
            ("half_year", 8, None, None, "last_month_of_period"),
            ("year", 8, None, None, "last_month_of_period"),
        ],
    ),
    (
        "định kỳ hằng quý, 6 tháng, năm báo cáo trước ngày 08 tháng cuối của quý",
        [
            ("quarter", 8, None, None, "last_month_of_period"),
            ("half_year", 8, None, None, "last_month_of_period"),
            ("year", 8, None, None, "last_month_of_period"),
        ],
    ),
    (
        "báo cáo UBND tỉnh kết quả thực hiện (qua Sở Thông tin và Truyền thông) trước ngày 30/11/2023./.",
        [("year", 30, 11, 2023, None)],
    ),
    (
        "Báo cáo 9 tháng trước ngày 10/9, báo cáo năm trước ngày 10/12",
        [("nine_months", 10, 9, None, None), ("year", 10, 12, None, None)],
    ),
    ("báo cáo quý trước ngày 15 của tháng cuối quý", [("quarter", 15, None, None, "last_month_of_period")]),
    ("Báo cáo đột xuất trước ngày 15/8/2024", [("ad_hoc", 15, 8, 2024, None)]),
    ("Tổng hợp, báo cáo theo định kỳ 06 tháng, năm về tình hình thực hiện", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), REPORT_CASES, ids=[c[0][:40] or "empty" for c in REPORT_CASES])
def test_find_report_deadlines(
    text: str, expected: list[tuple[str, int, int | None, int | None, str | None]]
) -> None:
    assert _short(find_report_deadlines(text)) == expected
