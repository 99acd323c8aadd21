from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.schedule import Schedule, build_schedule, progress_status

RECURRENCE_KINDS = [
    None,
    "once",
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "half_yearly",
    "yearly",
    "count",
    "continuous",
    "periodic",
    "unknown",
]
TIMEFRAME_KINDS = [None, "range", "continuous", "periodic", "unknown"]
SEVERITY = {"overdue": 0, "behind": 1, "not_started": 2, "on_track": 2, "completed": 3}


@dataclass(frozen=True)
class Inputs:
    timeframe_kind: str | None
    start: date
    end: date
    recurrence_kind: str | None
    per_period: int | None
    total: int | None
    plan_year: int
    units: int
    each_unit: bool

    def build(self) -> Schedule:
        return build_schedule(
            self.timeframe_kind,
            self.start,
            self.end,
            self.recurrence_kind,
            self.per_period,
            self.total,
            plan_year=self.plan_year,
            units=self.units,
            each_unit=self.each_unit,
        )


@st.composite
def inputs(draw: st.DrawFn) -> Inputs:
    year = draw(st.integers(2019, 2031))
    first = date(year, 1, 1)
    days = (date(year, 12, 31) - first).days
    a = draw(st.integers(0, days))
    b = draw(st.integers(a, days))
    return Inputs(
        timeframe_kind=draw(st.sampled_from(TIMEFRAME_KINDS)),
        start=first + timedelta(days=a),
        end=first + timedelta(days=b),
        recurrence_kind=draw(st.sampled_from(RECURRENCE_KINDS)),
        per_period=draw(st.none() | st.integers(1, 5)),
        total=draw(st.none() | st.integers(0, 400)),
        plan_year=year,
        units=draw(st.integers(1, 12)),
        each_unit=draw(st.booleans()),
    )


def _days(schedule: Schedule) -> list[date]:
    first = schedule.window_start - timedelta(days=1)
    return [first + timedelta(days=n) for n in range((schedule.window_end - first).days + 2)]


@settings(max_examples=300, deadline=None)
@given(inputs())
def test_expected_count_never_decreases_and_never_exceeds_the_total(given_inputs: Inputs) -> None:
    schedule = given_inputs.build()
    if not schedule.is_countable:
        assert all(schedule.expected_by(day) is None for day in (given_inputs.start, given_inputs.end))
        return
    total = schedule.total
    assert total is not None
    counts = [schedule.expected_by(day) for day in _days(schedule)]
    assert all(c is not None for c in counts)
    assert counts == sorted(counts)
    assert max(counts) <= total
    assert counts[0] == 0  # nothing is due before the window
    assert schedule.expected_by(schedule.window_end) == total  # everything is due by its end


@settings(max_examples=300, deadline=None)
@given(inputs(), st.integers(-40, 400))
def test_next_due_is_after_the_day_and_missing_only_when_all_is_due(
    given_inputs: Inputs, offset: int
) -> None:
    schedule = given_inputs.build()
    day = given_inputs.start + timedelta(days=offset)
    item = schedule.next_due(day)
    if item is not None:
        assert item.due_date > day
        assert schedule.expected_by(item.due_date) > (schedule.expected_by(day) or 0)
    elif schedule.is_countable:
        assert schedule.expected_by(day) == schedule.total


@settings(max_examples=300, deadline=None)
@given(inputs())
def test_items_sum_to_the_total_and_tile_the_window(given_inputs: Inputs) -> None:
    schedule = given_inputs.build()
    items = schedule.due_items
    multiplier = given_inputs.units if given_inputs.each_unit else 1
    if schedule.is_countable and given_inputs.total is not None:
        assert sum(item.quantity for item in items) == given_inputs.total * multiplier == schedule.total
    if (
        given_inputs.recurrence_kind in ("monthly", "quarterly", "half_yearly", "weekly")
        and given_inputs.total is None
    ):
        assert {item.quantity for item in items} == {(given_inputs.per_period or 1) * multiplier}
    if not items:
        return
    assert items[0].window_start == schedule.window_start
    assert items[-1].due_date == schedule.window_end
    for number, item in enumerate(items, start=1):
        assert item.index == number
        assert item.quantity > 0
        assert item.due_date == item.window_end >= item.window_start
    for before, after in pairwise(items):
        assert after.window_start == before.due_date + timedelta(days=1)
        assert after.cumulative == before.cumulative + after.quantity


@settings(max_examples=300, deadline=None)
@given(inputs(), st.integers(-10, 380), st.integers(0, 500), st.booleans())
def test_more_done_never_makes_the_status_worse(
    given_inputs: Inputs, offset: int, done: int, started: bool
) -> None:
    schedule = given_inputs.build()
    on = given_inputs.start + timedelta(days=offset)
    now = progress_status(schedule, done, on, started=started)
    more = progress_status(schedule, done + 1, on, started=started)
    assert SEVERITY[more] >= SEVERITY[now]
    if schedule.is_countable:
        assert (now == "completed") == (done >= (schedule.total or 0))
        expected = schedule.expected_by(on - timedelta(days=1)) or 0
        assert (now == "overdue") == (done < expected)
