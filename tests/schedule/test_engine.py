from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from cchc.importer.recurrence import parse_frequency
from cchc.importer.timeframes import parse_timeframe
from cchc.schedule import DueItem, Schedule, build_schedule, progress_status, schedule_for


@dataclass(frozen=True)
class Case:
    sample: str
    timeframe: str | None  # printed timeframe phrase; None: the task prints none (the plan year)
    frequency: str | None  # printed frequency phrase (or the task text that holds it)
    year: int  # the plan year
    kind: str
    total: int | None
    expected: tuple[tuple[str, int | None], ...]  # (ISO day, expected_by(day)), counted by hand


# Every timeframe and frequency phrase of the five samples, with counts worked out on paper.
CASES = [
    Case(
        "000",
        "trong quý I năm 2025",
        None,
        2025,
        "once",
        1,
        (("2025-01-01", 0), ("2025-03-30", 0), ("2025-03-31", 1)),
    ),
    Case("000", "Thường xuyên", None, 2025, "continuous", None, (("2025-06-30", None),)),
    Case(
        "000",
        None,
        "Định kỳ 06 tháng, năm",
        2025,
        "recurring",
        2,
        (("2025-06-29", 0), ("2025-06-30", 1), ("2025-12-30", 1), ("2025-12-31", 2)),
    ),
    Case("000", "trước ngày 05/6", None, 2025, "once", 1, (("2025-06-04", 0), ("2025-06-05", 1))),
    Case("000", "trước ngày 30/11", None, 2025, "once", 1, (("2025-11-29", 0), ("2025-11-30", 1))),
    Case("001", "Thường xuyên", None, 2020, "continuous", None, (("2020-12-31", None),)),
    Case(
        "001",
        "Thường xuyên",
        "Phối hợp lồng ghép nội dung tuyên truyền về CCHC trong Hội nghị Báo cáo viên, "
        "trong các văn bản triển khai hướng dẫn tuyên truyền hàng tháng",
        2020,
        "recurring",
        12,
        (("2020-01-30", 0), ("2020-01-31", 1), ("2020-02-29", 2), ("2020-06-30", 6), ("2020-12-31", 12)),
    ),
    Case(
        "001",
        "Quý III/2020",
        None,
        2020,
        "once",
        1,
        (("2020-06-30", 0), ("2020-09-29", 0), ("2020-09-30", 1)),
    ),
    Case("001", "trước ngày 25/5/2020", None, 2020, "once", 1, (("2020-05-24", 0), ("2020-05-25", 1))),
    Case("001", "trước ngày 20/11/2020", None, 2020, "once", 1, (("2020-11-19", 0), ("2020-11-20", 1))),
    Case("002", "Thường xuyên trong năm.", None, 2023, "continuous", None, (("2023-12-31", None),)),
    Case("002", "Trong năm.", None, 2023, "continuous", None, (("2023-03-31", None),)),
    Case(
        "002", "Quý I/2023.", None, 2023, "once", 1, (("2023-03-30", 0), ("2023-03-31", 1), ("2023-12-31", 1))
    ),
    Case(
        "002",
        "Trong năm.",
        "01 số/tháng (12 kỳ/năm).",
        2023,
        "recurring",
        12,
        (("2023-01-30", 0), ("2023-01-31", 1), ("2023-03-30", 2), ("2023-03-31", 3), ("2023-12-31", 12)),
    ),
    Case(
        "002",
        "Định kỳ trong năm.",
        "+ Trên kênh phát thanh: 1 số (chuyên mục)/tuần, thời lượng 05 phút/chuyên mục.",
        2023,
        "recurring",
        52,
        # 7-day blocks from 1/1: block k ends on day 7k (7/1, 14/1, ...); the 52nd runs 24/12-31/12.
        (
            ("2023-01-06", 0),
            ("2023-01-07", 1),
            ("2023-03-31", 12),
            ("2023-12-23", 51),
            ("2023-12-30", 51),
            ("2023-12-31", 52),
        ),
    ),
    Case(
        "002",
        "Định kỳ trong năm.",
        "+ Trên kênh truyền hình: 1 số (chuyên mục)/tháng, thời lượng 10 phút/chuyên mục.",
        2023,
        "recurring",
        12,
        (("2023-02-28", 2), ("2023-09-30", 9)),
    ),
    Case("002", "Định kỳ trong năm.", None, 2023, "unstated", None, (("2023-12-31", None),)),
    Case(
        "002",
        "Hàng tháng.",
        "Mỗi tháng 01 chương trình (10-15 phút), phát trên kênh truyền thanh cấp huyện, cấp xã.",
        2023,
        "recurring",
        12,
        (("2023-05-31", 5), ("2023-06-29", 5), ("2023-06-30", 6)),
    ),
    Case("002", "trước ngày 30/11/2023", None, 2023, "once", 1, (("2023-11-29", 0), ("2023-11-30", 1))),
    Case("003", "Thường xuyên", None, 2025, "continuous", None, (("2025-12-31", None),)),
    Case("003", "Định kỳ", "Định kỳ", 2025, "unstated", None, (("2025-12-31", None),)),
    Case(
        "003",
        "Quý II đến Quý IV",
        None,
        2025,
        "once",
        1,
        (("2025-04-01", 0), ("2025-12-30", 0), ("2025-12-31", 1)),
    ),
    Case(
        "003",
        "Quý II đến Quý IV",
        "Hàng tháng",
        2025,
        "recurring",
        9,
        (("2025-03-31", 0), ("2025-04-29", 0), ("2025-04-30", 1), ("2025-06-30", 3), ("2025-12-31", 9)),
    ),
    Case("004", "Năm 2023", None, 2023, "continuous", None, (("2023-12-31", None),)),
    Case(
        "004",
        "Năm 2023",
        "Quy mô: 03 cuộc * Đối tượng: Các sở, ngành, quận, huyện * Thời gian: ½ ngày/cuộc.",
        2023,
        "spread",
        3,
        # 3 over 12 months: one per 4 months.
        (
            ("2023-04-29", 0),
            ("2023-04-30", 1),
            ("2023-08-30", 1),
            ("2023-08-31", 2),
            ("2023-12-30", 2),
            ("2023-12-31", 3),
        ),
    ),
    Case("004", "Tháng 6 đến tháng 11/2023", None, 2023, "once", 1, (("2023-11-29", 0), ("2023-11-30", 1))),
    Case(
        "004",
        "Tháng 6 đến tháng 11/2023",
        "Quy mô: 03 cuộc",
        2023,
        "spread",
        3,
        # 3 over June..November: one per 2 months.
        (("2023-05-31", 0), ("2023-07-30", 0), ("2023-07-31", 1), ("2023-09-30", 2), ("2023-11-30", 3)),
    ),
    Case("004", "Tháng 9/2023", None, 2023, "once", 1, (("2023-09-29", 0), ("2023-09-30", 1))),
    Case(
        "004",
        "Năm 2023",
        "định kỳ hàng quý, 6 tháng và năm",
        2023,
        "recurring",
        4,
        (("2023-03-30", 0), ("2023-03-31", 1), ("2023-09-30", 3), ("2023-12-31", 4)),
    ),
    Case(
        "004",
        "Năm 2023",
        "trên báo Hải Phòng hàng ngày",
        2023,
        "recurring",
        365,
        # Daily items are grouped by month: 31 due on 31/1, 28 more on 28/2.
        (("2023-01-30", 0), ("2023-01-31", 31), ("2023-02-27", 31), ("2023-02-28", 59), ("2023-12-31", 365)),
    ),
]


def _schedule(case: Case) -> Schedule:
    timeframe = parse_timeframe(case.timeframe, case.year) if case.timeframe else None
    frequency = parse_frequency(case.frequency, timeframe) if case.frequency else None
    if case.frequency:
        assert frequency is not None, f"the importer found no frequency in {case.frequency!r}"
        if frequency.total is not None:
            assert frequency.total == case.total
    return schedule_for(timeframe, frequency, plan_year=case.year)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.sample}-{c.timeframe}-{c.frequency}")
def test_sample_phrase_expected_counts(case: Case) -> None:
    schedule = _schedule(case)
    assert schedule.kind == case.kind
    assert schedule.total == case.total
    for day, expected in case.expected:
        assert schedule.expected_by(date.fromisoformat(day)) == expected, day


def test_monthly_over_quarters_two_to_four_has_nine_items_due_at_month_ends() -> None:
    schedule = build_schedule("range", "2025-04-01", "2025-12-31", "monthly", 1, None, plan_year=2025)
    assert [item.due_date for item in schedule.due_items] == [
        date(2025, 4, 30),
        date(2025, 5, 31),
        date(2025, 6, 30),
        date(2025, 7, 31),
        date(2025, 8, 31),
        date(2025, 9, 30),
        date(2025, 10, 31),
        date(2025, 11, 30),
        date(2025, 12, 31),
    ]
    assert schedule.due_items[0] == DueItem(1, date(2025, 4, 1), date(2025, 4, 30), date(2025, 4, 30), 1, 1)


def test_weekly_over_quarters_two_to_four_matches_the_importer_total() -> None:
    timeframe = parse_timeframe("Quý II đến Quý IV", 2025)
    frequency = parse_frequency("1 số/tuần", timeframe)
    assert frequency is not None
    schedule = schedule_for(timeframe, frequency, plan_year=2025)
    assert schedule.total == frequency.total == 39
    assert schedule.due_items[0].window_start == date(2025, 4, 1)
    assert schedule.due_items[0].due_date == date(2025, 4, 7)
    assert schedule.due_items[-1].window_start == date(2025, 12, 23)
    assert schedule.due_items[-1].due_date == date(2025, 12, 31)


def test_quarterly_periods_follow_the_calendar_and_are_clipped_to_the_window() -> None:
    schedule = build_schedule("range", "2023-06-01", "2023-11-30", "quarterly", 1, None, plan_year=2023)
    assert [(i.window_start, i.due_date) for i in schedule.due_items] == [
        (date(2023, 6, 1), date(2023, 6, 30)),
        (date(2023, 7, 1), date(2023, 9, 30)),
        (date(2023, 10, 1), date(2023, 11, 30)),
    ]


def test_yearly_rate_is_spread_over_the_year() -> None:
    frequency = parse_frequency("02 lần/năm", None)
    schedule = schedule_for(None, frequency, plan_year=2024)
    assert [(i.due_date, i.quantity) for i in schedule.due_items] == [
        (date(2024, 6, 30), 1),
        (date(2024, 12, 31), 1),
    ]


def test_a_printed_total_wins_over_the_periods() -> None:
    schedule = build_schedule("continuous", "2023-01-01", "2023-12-31", "monthly", 1, 10, plan_year=2023)
    assert schedule.total == 10
    first = schedule.due_items[0]
    assert (first.window_start, first.due_date, first.quantity) == (date(2023, 1, 1), date(2023, 2, 28), 1)
    assert schedule.expected_by(date(2023, 1, 31)) == 0
    assert schedule.expected_by(date(2023, 6, 30)) == 5


def test_a_total_on_a_continuous_task_is_spread_over_the_year() -> None:
    schedule = build_schedule("continuous", "2023-01-01", "2023-12-31", None, None, 6, plan_year=2023)
    assert schedule.kind == "spread"
    assert [i.due_date.month for i in schedule.due_items] == [2, 4, 6, 8, 10, 12]


def test_each_unit_quantity_multiplies_by_the_group_size() -> None:
    timeframe = parse_timeframe("Trong năm", 2024)
    frequency = parse_frequency("Lắp đặt pano tuyên truyền CCHC, mỗi xã 01 pano", timeframe)
    assert frequency is not None and frequency.each_unit
    one = schedule_for(timeframe, frequency, plan_year=2024)
    group = schedule_for(timeframe, frequency, plan_year=2024, units=12)
    assert one.total == 1
    assert group.total == 12
    assert [(i.due_date, i.quantity) for i in group.due_items] == [(date(2024, 12, 31), 12)]
    assert group.expected_by(date(2024, 12, 30)) == 0


def test_units_do_not_multiply_a_task_level_total() -> None:
    schedule = build_schedule("continuous", None, None, "count", None, 3, plan_year=2023, units=5)
    assert schedule.total == 3


def test_next_due_is_the_first_item_due_after_the_day() -> None:
    schedule = build_schedule("continuous", "2023-01-01", "2023-12-31", "monthly", 1, 12, plan_year=2023)
    assert schedule.next_due(date(2022, 12, 31)).due_date == date(2023, 1, 31)
    assert schedule.next_due(date(2023, 1, 30)).due_date == date(2023, 1, 31)
    assert schedule.next_due(date(2023, 1, 31)).due_date == date(2023, 2, 28)
    assert schedule.next_due(date(2023, 12, 31)) is None


def test_continuous_task_has_no_count() -> None:
    schedule = build_schedule("continuous", "2023-01-01", "2023-12-31", None, None, None, plan_year=2023)
    assert not schedule.is_countable
    assert not schedule.needs_frequency
    assert schedule.total is None
    assert schedule.expected_by(date(2023, 12, 31)) is None
    assert schedule.next_due(date(2023, 1, 1)) is None


def test_periodic_without_frequency_needs_the_user() -> None:
    schedule = build_schedule("periodic", "2025-01-01", "2025-12-31", "periodic", None, None, plan_year=2025)
    assert schedule.needs_frequency
    assert not schedule.is_countable


def test_missing_dates_fall_back_to_the_plan_year() -> None:
    schedule = build_schedule("unknown", None, None, "monthly", 2, None, plan_year=2024)
    assert (schedule.window_start, schedule.window_end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert schedule.total == 24
    assert build_schedule(None, None, None, None, None, None, plan_year=2024).kind == "unknown"


def test_a_window_starting_mid_month_gets_a_share_of_a_count() -> None:
    timeframe = parse_timeframe("từ ngày 16/6/2023 đến ngày 30/11/2023", 2023)
    assert (timeframe.start, timeframe.end) == ("2023-06-16", "2023-11-30")
    schedule = build_schedule(
        timeframe.kind, timeframe.start, timeframe.end, "count", None, 11, plan_year=2023
    )
    # Weights: June 15/30 = 0.5, then 5 whole months; 11 over 5.5 months = 2 a month.
    assert [(i.due_date.month, i.quantity) for i in schedule.due_items] == [
        (6, 1),
        (7, 2),
        (8, 2),
        (9, 2),
        (10, 2),
        (11, 2),
    ]


def test_invalid_input_is_refused() -> None:
    with pytest.raises(ValueError, match="starts after it ends"):
        build_schedule("range", "2023-12-01", "2023-01-31", None, None, None, plan_year=2023)
    with pytest.raises(ValueError, match="total"):
        build_schedule("range", None, None, "count", None, -1, plan_year=2023)
    with pytest.raises(ValueError, match="units"):
        build_schedule("range", None, None, "count", None, 1, plan_year=2023, units=0)


MONTHLY_2023 = build_schedule("continuous", "2023-01-01", "2023-12-31", "monthly", 1, 12, plan_year=2023)
ONE_OFF_Q1 = build_schedule("range", "2023-01-01", "2023-03-31", None, None, None, plan_year=2023)
THREE_EVENTS = build_schedule("continuous", "2023-01-01", "2023-12-31", "count", None, 3, plan_year=2023)
CONTINUOUS_2023 = build_schedule("continuous", "2023-01-01", "2023-12-31", None, None, None, plan_year=2023)


@pytest.mark.parametrize(
    ("schedule", "done", "started", "on", "status"),
    [
        (MONTHLY_2023, 0, False, "2023-01-10", "not_started"),
        (MONTHLY_2023, 0, False, "2023-01-23", "not_started"),
        (MONTHLY_2023, 0, False, "2023-01-24", "behind"),  # January's last quarter: 24-31/1
        (MONTHLY_2023, 0, False, "2023-01-31", "behind"),  # due today: not late yet
        (MONTHLY_2023, 0, False, "2023-02-01", "overdue"),
        (MONTHLY_2023, 1, False, "2023-02-01", "on_track"),
        (MONTHLY_2023, 1, False, "2023-02-22", "behind"),  # February's last quarter: 22-28/2
        (MONTHLY_2023, 3, False, "2023-02-25", "on_track"),  # ahead of the plan
        (MONTHLY_2023, 5, False, "2023-07-01", "overdue"),  # June's item is missing
        (MONTHLY_2023, 12, False, "2023-03-01", "completed"),
        (ONE_OFF_Q1, 0, False, "2023-01-15", "not_started"),
        (ONE_OFF_Q1, 0, True, "2023-01-15", "on_track"),  # work begun, nothing countable yet
        (ONE_OFF_Q1, 0, False, "2023-03-10", "behind"),  # from 10/3: the last quarter of Q1
        (ONE_OFF_Q1, 0, True, "2023-04-01", "overdue"),
        (ONE_OFF_Q1, 1, False, "2023-04-01", "completed"),
        (THREE_EVENTS, 0, False, "2023-03-31", "not_started"),
        (THREE_EVENTS, 0, False, "2023-04-01", "behind"),  # the first of 3 is due by 30/4
        (THREE_EVENTS, 0, False, "2023-05-01", "overdue"),
        (THREE_EVENTS, 1, False, "2023-05-01", "on_track"),
        (THREE_EVENTS, 2, False, "2023-12-31", "behind"),
        (THREE_EVENTS, 3, False, "2023-12-31", "completed"),
        (CONTINUOUS_2023, 0, False, "2023-05-01", "not_started"),
        (CONTINUOUS_2023, 0, True, "2023-05-01", "on_track"),
        (CONTINUOUS_2023, 0, False, "2023-10-01", "behind"),  # the year's last quarter, nothing yet
        (CONTINUOUS_2023, 0, True, "2023-12-31", "on_track"),
        (CONTINUOUS_2023, 0, True, "2024-01-01", "completed"),
        (CONTINUOUS_2023, 0, False, "2024-01-01", "overdue"),
    ],
)
def test_progress_status_on_frozen_dates(
    schedule: Schedule, done: int, started: bool, on: str, status: str
) -> None:
    assert progress_status(schedule, done, date.fromisoformat(on), started=started) == status
