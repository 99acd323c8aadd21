"""Cut-off windows (Điều 12 NĐ 09/2019) and due dates, table-driven."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from cchc.reports import periods
from cchc.reports.periods import HALF_YEAR, NINE_MONTHS, QUARTER, YEAR, due_date, make_period

WINDOWS = [
    # kind, year, index, start, end, label
    (QUARTER, 2025, 1, date(2024, 12, 15), date(2025, 3, 14), "Quý I/2025"),
    (QUARTER, 2025, 2, date(2025, 3, 15), date(2025, 6, 14), "Quý II/2025"),
    (QUARTER, 2025, 3, date(2025, 6, 15), date(2025, 9, 14), "Quý III/2025"),
    (QUARTER, 2025, 4, date(2025, 9, 15), date(2025, 12, 14), "Quý IV/2025"),
    (HALF_YEAR, 2026, 1, date(2025, 12, 15), date(2026, 6, 14), "6 tháng đầu năm 2026"),
    (HALF_YEAR, 2026, 2, date(2026, 6, 15), date(2026, 12, 14), "6 tháng cuối năm 2026"),
    (NINE_MONTHS, 2026, 1, date(2025, 12, 15), date(2026, 9, 14), "9 tháng năm 2026"),
    (YEAR, 2026, 1, date(2025, 12, 15), date(2026, 12, 14), "Năm 2026"),
    # Leap years change nothing: cut-offs are on the 14th and 15th.
    (QUARTER, 2024, 1, date(2023, 12, 15), date(2024, 3, 14), "Quý I/2024"),
    (YEAR, 2000, 1, date(1999, 12, 15), date(2000, 12, 14), "Năm 2000"),
]


@pytest.mark.parametrize(("kind", "year", "index", "start", "end", "label"), WINDOWS)
def test_cutoff_window_follows_decree_09(kind, year, index, start, end, label) -> None:
    period = make_period(kind, year, index)

    assert (period.start, period.end, period.label) == (start, end, label)


def test_window_edges_are_inclusive() -> None:
    q2 = make_period(QUARTER, 2026, 2)

    assert q2.contains(date(2026, 3, 15))
    assert q2.contains(date(2026, 6, 14))
    assert not q2.contains(date(2026, 3, 14))
    assert not q2.contains(date(2026, 6, 15))


def test_quarters_tile_the_year_without_gap_or_overlap() -> None:
    quarters = periods.periods_of(QUARTER, 2028)
    for before, after in pairwise(quarters):
        assert (after.start - before.end).days == 1
    assert quarters[0].start == periods.make_period(YEAR, 2028).start
    assert quarters[-1].end == periods.make_period(YEAR, 2028).end


DUE = [
    # kind, year, index, deadline arguments, due date
    # "trước ngày 05/6" (sample 000): the period's year.
    (HALF_YEAR, 2025, 1, {"day": 5, "month": 6}, date(2025, 6, 5)),
    # "trước ngày 30/11" (annual, sample 000).
    (YEAR, 2025, 1, {"day": 30, "month": 11}, date(2025, 11, 30)),
    # An explicit year wins ("trước ngày 25/5/2020").
    (HALF_YEAR, 2020, 1, {"day": 25, "month": 5, "year": 2020}, date(2020, 5, 25)),
    # A date in the first half of the window belongs to the next year.
    (YEAR, 2025, 1, {"day": 15, "month": 1}, date(2026, 1, 15)),
    # "trước ngày 08 tháng cuối của quý" (sample 004).
    (QUARTER, 2023, 1, {"day": 8, "relative": "last_month_of_period"}, date(2023, 3, 8)),
    (QUARTER, 2023, 4, {"day": 8, "relative": "last_month_of_period"}, date(2023, 12, 8)),
    (HALF_YEAR, 2023, 1, {"day": 8, "relative": "last_month_of_period"}, date(2023, 6, 8)),
    # Day 31 of a 30-day last month is its last day.
    (QUARTER, 2023, 2, {"day": 31, "relative": "last_month_of_period"}, date(2023, 6, 30)),
    # 29/2 in a common year is 28/2; in a leap year it stays.
    (QUARTER, 2025, 1, {"day": 29, "month": 2}, date(2025, 2, 28)),
    (QUARTER, 2024, 1, {"day": 29, "month": 2}, date(2024, 2, 29)),
    # No rule: day 20 of the period's last month (CCHC reports to Bộ Nội vụ).
    (QUARTER, 2026, 1, {}, date(2026, 3, 20)),
    (QUARTER, 2026, 3, {}, date(2026, 9, 20)),
    (HALF_YEAR, 2026, 1, {}, date(2026, 6, 20)),
    (NINE_MONTHS, 2026, 1, {}, date(2026, 9, 20)),
    (YEAR, 2026, 1, {}, date(2026, 12, 20)),
    # A relative rule without a day falls back to the default.
    (QUARTER, 2026, 2, {"relative": "last_month_of_period"}, date(2026, 6, 20)),
]


@pytest.mark.parametrize(("kind", "year", "index", "rule", "expected"), DUE)
def test_due_date(kind, year, index, rule, expected) -> None:
    assert due_date(make_period(kind, year, index), **rule) == expected


def test_national_schedule_is_quarter_one_six_months_quarter_three_and_year() -> None:
    labels = [p.label for p in periods.national_periods(2026)]

    assert labels == ["Quý I/2026", "6 tháng đầu năm 2026", "Quý III/2026", "Năm 2026"]


@pytest.mark.parametrize(("kind", "index"), [("month", 1), (QUARTER, 0), (QUARTER, 5), (YEAR, 2)])
def test_unknown_kind_or_index_is_refused(kind, index) -> None:
    with pytest.raises(ValueError):
        make_period(kind, 2026, index)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 29), (2026, 4)),
        (date(2026, 12, 14), (2026, 4)),
        (date(2026, 12, 15), (2027, 1)),  # the new year's first quarter starts on 15/12
        (date(2026, 3, 14), (2026, 1)),
        (date(2026, 3, 15), (2026, 2)),
    ],
)
def test_the_quarter_holding_a_day(day, expected) -> None:
    held = periods.period_holding("quarter", day)

    assert (held.year, held.index) == expected
    assert held.start <= day <= held.end
