from __future__ import annotations

import pytest

from cchc.importer.model import Recurrence, Timeframe
from cchc.importer.recurrence import parse_frequency
from cchc.importer.timeframes import parse_timeframe

CASES = [
    # text, kind, per_period, total, item_unit, minutes (min, max)
    ("01 số/tháng (12 kỳ/năm).", "monthly", 1, 12, "số", (None, None)),
    ("- Tần suất: 01 số/tháng (12 kỳ/năm).", "monthly", 1, 12, "số", (None, None)),
    (
        "+ Trên kênh phát thanh: 1 số (chuyên mục)/tuần, thời lượng 05 phút/chuyên mục.",
        "weekly",
        1,
        52,
        "số",
        (5, 5),
    ),
    (
        "+ Trên kênh truyền hình: 1 số (chuyên mục)/tháng, thời lượng 10 phút/chuyên mục.",
        "monthly",
        1,
        12,
        "số",
        (10, 10),
    ),
    (
        "- Tần suất: Mỗi tháng 01 chương trình (10-15 phút), phát trên kênh truyền thanh cấp huyện, cấp xã.",
        "monthly",
        1,
        12,
        "chương trình",
        (10, 15),
    ),
    ("1 số/tháng, 10 phút", "monthly", 1, 12, "số", (10, 10)),
    ("tối thiểu 02 tin, bài/tháng", "monthly", 2, 24, "tin, bài", (None, None)),
    ("02 lần/năm", "yearly", 2, 2, "lần", (None, None)),
    ("4 số/năm", "yearly", 4, 4, "số", (None, None)),
    ("6 tháng/lần", "half_yearly", 1, 2, "lần", (None, None)),
    ("3 tháng/lần", "quarterly", 1, 4, "lần", (None, None)),
    ("hàng ngày", "daily", 1, 365, None, (None, None)),
    ("hằng tuần", "weekly", 1, 52, None, (None, None)),
    ("Hàng tháng.", "monthly", 1, 12, None, (None, None)),
    ("hàng quý", "quarterly", 1, 4, None, (None, None)),
    ("Định kỳ 06 tháng, năm báo cáo kết quả", "half_yearly", 1, 2, "lần", (None, None)),
    ("Mỗi tuần 02 tin", "weekly", 2, 104, "tin", (None, None)),
    ("02 bài mỗi tháng", "monthly", 2, 24, "bài", (None, None)),
    ("Quy mô: 03 cuộc", "count", None, 3, "cuộc", (None, None)),
    ("Số lượng: 1.500", "count", None, 1500, None, (None, None)),  # the unit in a column of its own
    ("Quy mô: 12", "count", None, 12, None, (None, None)),
    ("Tổ chức 02 hội nghị tập huấn cho cán bộ", "count", None, 2, "hội nghị", (None, None)),
    ("Phát sóng chương trình 30 phút mỗi tuần 01 chương trình", "weekly", 1, 52, "chương trình", (30, 30)),
]


@pytest.mark.parametrize(
    ("text", "kind", "per_period", "total", "unit", "minutes"), CASES, ids=[c[0][:40] for c in CASES]
)
def test_parse_frequency(
    text: str,
    kind: str,
    per_period: int | None,
    total: int | None,
    unit: str | None,
    minutes: tuple[int, int],
) -> None:
    found = parse_frequency(text)
    assert found is not None
    assert (found.kind, found.per_period, found.total, found.item_unit) == (kind, per_period, total, unit)
    assert (found.duration_min_minutes, found.duration_max_minutes) == minutes


def test_frequency_text_is_the_phrase_not_the_whole_line() -> None:
    found = parse_frequency(
        "- Tần suất: Mỗi tháng 01 chương trình (10-15 phút), phát trên kênh truyền thanh cấp huyện."
    )
    assert found is not None
    assert found.text == "Mỗi tháng 01 chương trình (10-15 phút)"


def test_scale_and_half_day_duration_from_a_task_cell() -> None:
    cell = (
        "Chủ trì đối thoại trực tuyến trên Cổng Thông tin điện tử thành phố. * Quy mô: 03 cuộc "
        "* Đối tượng: Các sở, ngành, quận, huyện, người dân và doanh nghiệp * Thời gian: ½ ngày/cuộc."
    )
    assert parse_frequency(cell) == Recurrence(
        text="Quy mô: 03 cuộc", kind="count", total=3, item_unit="cuộc", duration_text="½ ngày/cuộc"
    )


def test_each_unit_quantity() -> None:
    found = parse_frequency("Lắp đặt pano tuyên truyền, mỗi xã, phường 01 pano")
    assert found is not None
    assert (found.kind, found.total, found.item_unit, found.each_unit) == ("count", 1, "pano", True)


@pytest.mark.parametrize("text", ["Định kỳ", "Định kỳ trong năm.", "Thời gian thực hiện: Định kỳ"])
def test_periodic_without_a_stated_frequency(text: str) -> None:
    found = parse_frequency(text)
    assert found is not None
    assert (found.kind, found.per_period, found.total) == ("periodic", None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Thường xuyên",
        "Thường xuyên trong năm.",
        "Trong năm",
        "Năm 2023",
        "Quý II đến Quý IV",
        "Nghị quyết số 76/NQ-CP ngày 15/7/2021",
        "xếp thứ hạng đầu của 07 huyện, thành phố",
        "dịch vụ công trực tuyến mức độ 3, 4",
        "Quy mô: 200 đại biểu",  # people at an event, not a number of events
        "",
    ],
)
def test_no_frequency_gives_none(text: str) -> None:
    assert parse_frequency(text) is None


@pytest.mark.parametrize(
    ("text", "timeframe", "year", "total"),
    [
        ("Hàng tháng", "Quý II đến Quý IV", 2025, 9),
        ("01 số/tháng", "Năm 2023", None, 12),
        ("1 số/tuần", "Năm 2023", None, 52),
        ("1 số/tuần", "Quý II đến Quý IV", 2025, 39),
        ("hàng quý", "6 tháng đầu năm", 2024, 2),
        ("2 tin/tháng", "Tháng 6 đến tháng 11/2023", None, 12),
        ("01 số/tháng (12 kỳ/năm)", "Quý II đến Quý IV", 2025, 12),  # a printed total wins
    ],
)
def test_total_is_counted_over_the_timeframe(text: str, timeframe: str, year: int | None, total: int) -> None:
    found = parse_frequency(text, parse_timeframe(timeframe, year))
    assert found is not None
    assert found.total == total


def test_total_is_unknown_over_a_range_without_dates() -> None:
    found = parse_frequency("1 số/tuần", Timeframe(text="Quý II đến Quý IV", kind="range"))
    assert found is not None
    assert (found.per_period, found.total) == (1, None)
