from __future__ import annotations

import pytest

from cchc.importer.timeframes import parse_timeframe

CASES = [
    # phrase, plan year, kind, start, end
    ("Thường xuyên", 2020, "continuous", "2020-01-01", "2020-12-31"),
    ("Thường xuyên (trong năm)", 2023, "continuous", "2023-01-01", "2023-12-31"),
    ("Thường xuyên trong năm.", 2023, "continuous", "2023-01-01", "2023-12-31"),
    ("Trong năm", 2023, "continuous", "2023-01-01", "2023-12-31"),
    ("Năm 2023", None, "continuous", "2023-01-01", "2023-12-31"),
    ("Năm 2023", 2025, "continuous", "2023-01-01", "2023-12-31"),
    ("Cả năm", 2025, "continuous", "2025-01-01", "2025-12-31"),
    ("Hàng tháng.", 2023, "continuous", "2023-01-01", "2023-12-31"),
    ("Hằng tuần", 2024, "continuous", "2024-01-01", "2024-12-31"),
    ("Năm 2023 và các năm tiếp theo", None, "continuous", "2023-01-01", "2023-12-31"),
    ("Giai đoạn 2021-2025", None, "continuous", "2021-01-01", "2025-12-31"),
    ("Định kỳ", 2025, "periodic", "2025-01-01", "2025-12-31"),
    ("Định kỳ trong năm.", 2023, "periodic", "2023-01-01", "2023-12-31"),
    ("Quý I/2023", None, "range", "2023-01-01", "2023-03-31"),
    ("Quý III/2020", 2020, "range", "2020-07-01", "2020-09-30"),
    ("Quý 3 năm 2024", None, "range", "2024-07-01", "2024-09-30"),
    ("**trong quý I năm 2025**", None, "range", "2025-01-01", "2025-03-31"),
    ("Quý II đến Quý IV", 2025, "range", "2025-04-01", "2025-12-31"),
    ("Quý II - Quý III", 2025, "range", "2025-04-01", "2025-09-30"),
    ("Quý I, II", 2024, "range", "2024-01-01", "2024-06-30"),
    ("Quý I và Quý III năm 2024", None, "range", "2024-01-01", "2024-09-30"),
    ("Quý IV", 2023, "range", "2023-10-01", "2023-12-31"),
    ("6 tháng đầu năm", 2024, "range", "2024-01-01", "2024-06-30"),
    ("6 tháng cuối năm 2023", None, "range", "2023-07-01", "2023-12-31"),
    ("9 tháng đầu năm", 2023, "range", "2023-01-01", "2023-09-30"),
    ("Tháng 6 đến tháng 11/2023", None, "range", "2023-06-01", "2023-11-30"),
    ("- Thời gian thực hiện: Tháng 6 đến tháng 11/2023", None, "range", "2023-06-01", "2023-11-30"),
    ("Tháng 9/2023", None, "range", "2023-09-01", "2023-09-30"),
    ("tháng 3-4/2025", None, "range", "2025-03-01", "2025-04-30"),
    ("Tháng 12", 2023, "range", "2023-12-01", "2023-12-31"),
    ("tháng 11 đến tháng 2/2024", None, "range", "2023-11-01", "2024-02-29"),
    ("Từ tháng 4/2023", None, "range", "2023-04-01", "2023-12-31"),
    ("Đến tháng 6/2025", None, "range", "2025-01-01", "2025-06-30"),
    ("trước ngày 30/6/2025", None, "range", "2025-01-01", "2025-06-30"),
    ("trước 30/6", 2025, "range", "2025-01-01", "2025-06-30"),
    ("trước ngày 15 tháng 3 năm 2025", None, "range", "2025-01-01", "2025-03-15"),
    ("từ ngày 01/4 đến ngày 30/4/2025", None, "range", "2025-04-01", "2025-04-30"),
    ("Thường xuyên; Quý IV/2023", None, "range", "2023-10-01", "2023-12-31"),
    ("Định kỳ; Quý II", 2024, "range", "2024-04-01", "2024-06-30"),
]


@pytest.mark.parametrize(("text", "year", "kind", "start", "end"), CASES, ids=[c[0] for c in CASES])
def test_parse_timeframe(text: str, year: int | None, kind: str, start: str, end: str) -> None:
    timeframe = parse_timeframe(text, year)
    assert (timeframe.kind, timeframe.start, timeframe.end) == (kind, start, end)


def test_timeframe_keeps_the_printed_text_without_markdown() -> None:
    assert parse_timeframe("Thường xuyên; **Quý IV/2023**", None).text == "Thường xuyên; Quý IV/2023"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Quý II đến Quý IV", "range"),
        ("Thường xuyên", "continuous"),
        ("Định kỳ", "periodic"),
        ("Tháng 9", "range"),
    ],
)
def test_without_any_year_the_kind_is_set_but_dates_are_not(text: str, kind: str) -> None:
    timeframe = parse_timeframe(text, None)
    assert (timeframe.kind, timeframe.start, timeframe.end) == (kind, None, None)


@pytest.mark.parametrize(
    "text", ["Theo kế hoạch", "Khi có yêu cầu", "", "Trước ngày 31/02/2025", "Quý V/2023"]
)
def test_unparseable_timeframes_are_unknown(text: str) -> None:
    timeframe = parse_timeframe(text, 2025)
    assert (timeframe.kind, timeframe.start, timeframe.end) == ("unknown", None, None)
