"""The due items of a task, from its timeframe, recurrence and quantity target.

A schedule has a window (the timeframe's dates; the plan year when it has none) and, when it is
countable, a list of due items: each has its own window, a due date (the last day of that window)
and a quantity. Items are built in three steps:

1. Cut the window into periods. Monthly, quarterly and half-yearly periods follow the calendar
   (monthly over Q2–Q4: April..December). Weekly: ``round(days / 7)`` consecutive 7-day blocks from the
   window's start, the last one taking the remainder, so a year has 52 like the importer's total.
   Daily: one period per calendar month, weighted by its days (31 items due on 31 January), which keeps
   a year at 12 items. A count ("Quy mô: 03 cuộc"), a yearly rate ("4 số/năm") and a total with no
   recurrence use calendar months weighted by the share of the month inside the window.
2. Decide the total: the printed total when there is one, otherwise per_period × periods (× days for
   daily; × years for yearly). A one-off has total 1 (or its stated quantity).
3. Spread the total over the periods: after period i, ``floor(total × weight so far / all weight)`` are
   due. With an implied total each period gets exactly per_period; a printed total that disagrees with
   the periods wins, and periods that get nothing merge into the next item's window. The last item is
   always due on the window's last day: everything is due by the end.

Forms:
- recurring (daily, weekly, monthly, quarterly, half_yearly, yearly): as above.
- spread: a total with no period ("Quy mô: 03 cuộc", "mỗi xã 01 pano", a total set by hand on a
  "Thường xuyên" task): 3 over 2023 is due by 30/4, 31/8 and 31/12.
- once: a range with no recurrence ("Quý III/2020", "trong quý I năm 2025"), or recurrence "once":
  one item due on the range's last day.
- continuous ("Thường xuyên", "Trong năm", a count with no number): no countable items; progress is
  judged by whether any activity was recorded in the window.
- unstated ("Định kỳ" with no frequency, or a frequency the importer could not read): not countable
  until the user sets the frequency (``needs_frequency``).
- unknown (no timeframe and no recurrence): not countable, window = the plan year.

``each_unit`` ("mỗi xã 01 pano"): the quantities are per unit; the group's schedule multiplies every
quantity by ``units`` (a one-unit schedule is ``units=1``).

"Due by D" includes items due on D: ``expected_by(date(2025, 3, 31))`` counts an item due on 31/3.
``next_due(D)`` is the first item due strictly after D, the first one ``expected_by(D)`` does not count.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc.importer.model import Recurrence, Timeframe

RECURRING_KINDS = ("daily", "weekly", "monthly", "quarterly", "half_yearly", "yearly")
RECURRING = "recurring"
SPREAD = "spread"
ONCE = "once"
CONTINUOUS = "continuous"
UNSTATED = "unstated"
UNKNOWN = "unknown"
COUNTABLE_KINDS = (RECURRING, SPREAD, ONCE)

_CALENDAR_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6}
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DueItem:
    """One deliverable: ``quantity`` outputs to record between window_start and due_date."""

    index: int  # 1-based
    window_start: date
    window_end: date
    due_date: date  # = window_end
    quantity: int
    cumulative: int  # quantity of this item and all before it


@dataclass(frozen=True)
class _Period:
    start: date
    end: date
    weight: Fraction


@dataclass(frozen=True)
class Schedule:
    """What a task must deliver, and by when. ``kind`` is one of RECURRING, SPREAD, ONCE, CONTINUOUS,
    UNSTATED, UNKNOWN; only the first three have due items."""

    kind: str
    window_start: date
    window_end: date
    due_items: tuple[DueItem, ...] = ()

    @property
    def is_countable(self) -> bool:
        return self.kind in COUNTABLE_KINDS

    @property
    def needs_frequency(self) -> bool:
        return self.kind == UNSTATED

    @property
    def total(self) -> int | None:
        if not self.is_countable:
            return None
        return self.due_items[-1].cumulative if self.due_items else 0

    def expected_by(self, day: date) -> int | None:
        """Quantity due on or before ``day``; None when the schedule is not countable."""
        if not self.is_countable:
            return None
        position = bisect_right([item.due_date for item in self.due_items], day)
        return self.due_items[position - 1].cumulative if position else 0

    def next_due(self, day: date) -> DueItem | None:
        """The first item due strictly after ``day``."""
        position = bisect_right([item.due_date for item in self.due_items], day)
        return self.due_items[position] if position < len(self.due_items) else None

    def first_unmet(self, done: int) -> DueItem | None:
        """The first item that ``done`` outputs (counted in due order) do not fully cover."""
        return next((item for item in self.due_items if item.cumulative > done), None)


def build_schedule(
    timeframe_kind: str | None,
    start: date | str | None,
    end: date | str | None,
    recurrence_kind: str | None,
    per_period: int | None,
    total: int | None,
    *,
    plan_year: int,
    units: int = 1,
    each_unit: bool = False,
) -> Schedule:
    """The schedule of a task. Dates may be ``date`` or ISO strings; raises ValueError on bad input."""
    for name, value in (("per_period", per_period), ("total", total)):
        if value is not None and value < 0:
            raise ValueError(f"{name} must not be negative: {value}")
    if units < 1:
        raise ValueError(f"units must be at least 1: {units}")
    window_start, window_end = _window(_as_date(start), _as_date(end), plan_year)
    kind = _kind(timeframe_kind, recurrence_kind, total)
    if kind not in COUNTABLE_KINDS:
        return Schedule(kind, window_start, window_end)
    if kind == ONCE:
        periods = [_Period(window_start, window_end, Fraction(1))]
        count = total if total is not None else per_period or 1
    elif kind == SPREAD or recurrence_kind == "yearly":
        periods = _month_shares(window_start, window_end)
        years = window_end.year - window_start.year + 1
        count = total if total is not None else (per_period or 1) * years
    else:
        periods = _periods(recurrence_kind or "", window_start, window_end)
        count = total if total is not None else (per_period or 1) * int(sum(p.weight for p in periods))
    items = _spread(periods, count, window_start)
    if each_unit and units > 1:
        items = [_times(item, units) for item in items]
    return Schedule(kind, window_start, window_end, tuple(items))


def schedule_for(
    timeframe: Timeframe | None, frequency: Recurrence | None, *, plan_year: int, units: int = 1
) -> Schedule:
    """The schedule of an importer Task's timeframe and frequency."""
    return build_schedule(
        timeframe.kind if timeframe else None,
        timeframe.start if timeframe else None,
        timeframe.end if timeframe else None,
        frequency.kind if frequency else None,
        frequency.per_period if frequency else None,
        frequency.total if frequency else None,
        plan_year=plan_year,
        units=units,
        each_unit=frequency.each_unit if frequency else False,
    )


def _as_date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def _window(start: date | None, end: date | None, plan_year: int) -> tuple[date, date]:
    if end is None:
        end = date(start.year if start else plan_year, 12, 31)
    if start is None:
        start = date(end.year, 1, 1)
    if start > end:
        raise ValueError(f"the timeframe starts after it ends: {start} > {end}")
    return start, end


def _kind(timeframe_kind: str | None, recurrence_kind: str | None, total: int | None) -> str:
    if recurrence_kind in RECURRING_KINDS:
        return RECURRING
    if recurrence_kind == "once":
        return ONCE
    if total is not None:
        return SPREAD
    if recurrence_kind in ("periodic", "unknown") or timeframe_kind == "periodic":
        return UNSTATED
    if timeframe_kind == "range":
        return ONCE
    if timeframe_kind == "continuous" or recurrence_kind in ("continuous", "count"):
        return CONTINUOUS
    return UNKNOWN


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _calendar_blocks(start: date, end: date, months: int) -> list[tuple[date, date]]:
    """Calendar blocks of ``months`` months (1, 3, 6) overlapping start..end, clipped to it."""
    blocks = []
    index = _month_index(start) // months * months
    while _month_start(index) <= end:
        block_end = _month_start(index + months) - _ONE_DAY
        blocks.append((max(start, _month_start(index)), min(end, block_end)))
        index += months
    return blocks


def _days(start: date, end: date) -> int:
    return (end - start).days + 1


def _month_shares(start: date, end: date) -> list[_Period]:
    """Calendar months, each weighted by the share of it inside start..end."""
    periods = []
    for first, last in _calendar_blocks(start, end, 1):
        month_days = calendar.monthrange(first.year, first.month)[1]
        periods.append(_Period(first, last, Fraction(_days(first, last), month_days)))
    return periods


def _periods(kind: str, start: date, end: date) -> list[_Period]:
    if kind in _CALENDAR_MONTHS:
        return [_Period(a, b, Fraction(1)) for a, b in _calendar_blocks(start, end, _CALENDAR_MONTHS[kind])]
    if kind == "daily":
        return [_Period(a, b, Fraction(_days(a, b))) for a, b in _calendar_blocks(start, end, 1)]
    if kind == "weekly":
        weeks = max(1, round(_days(start, end) / 7))
        firsts = [start + timedelta(days=7 * k) for k in range(weeks)]
        lasts = [first - _ONE_DAY for first in firsts[1:]] + [end]
        return [_Period(a, b, Fraction(1)) for a, b in zip(firsts, lasts, strict=True)]
    raise ValueError(f"not a recurring kind: {kind!r}")


def _spread(periods: list[_Period], count: int, start: date) -> list[DueItem]:
    """``count`` outputs over the periods: after period i, floor(count × weight so far / weight) are due."""
    all_weight = sum(p.weight for p in periods)
    items: list[DueItem] = []
    weight_so_far = Fraction(0)
    due_so_far = 0
    window_start = start
    for period in periods:
        weight_so_far += period.weight
        cumulative = int(count * weight_so_far // all_weight)
        if cumulative > due_so_far:
            items.append(
                DueItem(
                    index=len(items) + 1,
                    window_start=window_start,
                    window_end=period.end,
                    due_date=period.end,
                    quantity=cumulative - due_so_far,
                    cumulative=cumulative,
                )
            )
            due_so_far = cumulative
            window_start = period.end + _ONE_DAY
    return items


def _times(item: DueItem, units: int) -> DueItem:
    return DueItem(
        index=item.index,
        window_start=item.window_start,
        window_end=item.window_end,
        due_date=item.due_date,
        quantity=item.quantity * units,
        cumulative=item.cumulative * units,
    )
