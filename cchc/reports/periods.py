"""Reporting periods, their data cut-off windows and due dates (pure Python, no Django).

Cut-offs follow Điều 12 Nghị định 09/2019/NĐ-CP: a quarter runs from the 15th of the month before it to the
14th of its last month; six months 15/12 (previous year) → 14/6; the second half 15/6 → 14/12; the year
15/12 (previous year) → 14/12. Nine months (15/12 → 14/9) is provincial practice (Khánh Hòa QĐ 01/2023),
not in the decree itself. Due dates come from a plan's obligation ("trước ngày 05/6", "trước ngày 08 tháng
cuối của quý") or, without one, from ``DEFAULT_DEADLINES``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

QUARTER = "quarter"
HALF_YEAR = "half_year"
NINE_MONTHS = "nine_months"
YEAR = "year"
KINDS = (QUARTER, HALF_YEAR, NINE_MONTHS, YEAR)

# The obligation's relative deadline "trước ngày DD tháng cuối của quý/kỳ".
LAST_MONTH_OF_PERIOD = "last_month_of_period"

CUTOFF_DAY_END = 14
CUTOFF_DAY_START = 15

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class KindRule:
    """How many periods of a kind a year has, and the last month of each (its cut-off ends on the 14th)."""

    label: str
    last_months: tuple[int, ...]
    # True when the window starts 15/12 of the previous year whatever the index (cumulative periods).
    from_year_start: bool
    basis: str


KIND_RULES: dict[str, KindRule] = {
    QUARTER: KindRule("Quý", (3, 6, 9, 12), False, "Điều 12 NĐ 09/2019/NĐ-CP"),
    HALF_YEAR: KindRule("6 tháng", (6, 12), False, "Điều 12 NĐ 09/2019/NĐ-CP"),
    NINE_MONTHS: KindRule("9 tháng", (9,), True, "Thực tiễn cấp tỉnh (QĐ 01/2023/QĐ-UBND Khánh Hòa)"),
    YEAR: KindRule("Năm", (12,), True, "Điều 12 NĐ 09/2019/NĐ-CP"),
}


@dataclass(frozen=True)
class DefaultDeadline:
    """The due day when no plan sets one: ``day`` of the period's last month."""

    day: int
    basis: str


# One table, edit here: CCHC reports to Bộ Nội vụ are due by day 20 of the period's last month (hướng dẫn
# 581/BNV-CCHC); a coordinator moves a lower level's date earlier in the reporting calendar.
DEFAULT_DEADLINES: dict[str, DefaultDeadline] = {
    QUARTER: DefaultDeadline(20, "HD 581/BNV-CCHC: ngày 20 tháng cuối kỳ"),
    HALF_YEAR: DefaultDeadline(20, "HD 581/BNV-CCHC: ngày 20 tháng cuối kỳ"),
    NINE_MONTHS: DefaultDeadline(20, "HD 581/BNV-CCHC: ngày 20 tháng cuối kỳ"),
    YEAR: DefaultDeadline(20, "HD 581/BNV-CCHC: ngày 20 tháng cuối kỳ"),
}

# The national CCHC reporting schedule (581/BNV-CCHC): quarter I, six months, quarter III and the year.
NATIONAL_SCHEDULE: tuple[tuple[str, int], ...] = ((QUARTER, 1), (HALF_YEAR, 1), (QUARTER, 3), (YEAR, 1))


@dataclass(frozen=True)
class Period:
    """One reporting period: its kind, year, index (quarter 1–4, half 1–2, else 1) and cut-off window."""

    kind: str
    year: int
    index: int
    start: date
    end: date

    @property
    def last_month(self) -> int:
        return KIND_RULES[self.kind].last_months[self.index - 1]

    @property
    def label(self) -> str:
        if self.kind == QUARTER:
            return f"Quý {ROMAN[self.index]}/{self.year}"
        if self.kind == HALF_YEAR:
            half = "đầu" if self.index == 1 else "cuối"
            return f"6 tháng {half} năm {self.year}"
        if self.kind == NINE_MONTHS:
            return f"9 tháng năm {self.year}"
        return f"Năm {self.year}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _check(kind: str, index: int) -> KindRule:
    rule = KIND_RULES.get(kind)
    if rule is None:
        raise ValueError(f"unknown period kind {kind!r}")
    if not 1 <= index <= len(rule.last_months):
        raise ValueError(f"{kind} has no period {index}")
    return rule


def make_period(kind: str, year: int, index: int = 1) -> Period:
    """The period with its cut-off window (Điều 12 NĐ 09/2019)."""
    rule = _check(kind, index)
    last_month = rule.last_months[index - 1]
    end = date(year, last_month, CUTOFF_DAY_END)
    if rule.from_year_start:
        start = date(year - 1, 12, CUTOFF_DAY_START)
    else:
        months = 12 // len(rule.last_months)
        first_month = last_month - months  # the month before the period; 0 is December of last year
        start = date(year - 1, 12, CUTOFF_DAY_START) if first_month == 0 else date(year, first_month, 15)
    return Period(kind, year, index, start, end)


def periods_of(kind: str, year: int) -> list[Period]:
    """Every period of ``kind`` in ``year``."""
    rule = _check(kind, 1)
    return [make_period(kind, year, index) for index in range(1, len(rule.last_months) + 1)]


def period_holding(kind: str, day: date) -> Period:
    """The period of ``kind`` whose cut-off window holds ``day`` (15/12 already counts for next year's
    first quarter, six months and year)."""
    for year in (day.year, day.year + 1):
        for period in periods_of(kind, year):
            if period.start <= day <= period.end:
                return period
    raise ValueError(f"no {kind} window holds {day}")  # windows tile the year: cannot happen


def _clamped(year: int, month: int, day: int) -> date:
    """``day`` of the month, or the month's last day ("ngày 31 tháng cuối của quý" in June)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def due_date(
    period: Period,
    *,
    day: int | None = None,
    month: int | None = None,
    year: int | None = None,
    relative: str = "",
) -> date:
    """The due date of a report for ``period``.

    ``relative == "last_month_of_period"`` with ``day``: that day of the period's last month ("trước ngày 08
    tháng cuối của quý" → 08/3, 08/6, 08/9, 08/12). ``day`` and ``month``: that date, in ``year`` or else the
    period's year, moved to the next year when it would fall in the first half of the window (an annual
    report "trước ngày 15/01" is due after the year, not at its start). Otherwise the default of ``DEFAULT_DEADLINES``.
    """
    if relative == LAST_MONTH_OF_PERIOD and day:
        return _clamped(period.year, period.last_month, day)
    if day and month:
        if year:
            return _clamped(year, month, day)
        due = _clamped(period.year, month, day)
        if due < period.start + (period.end - period.start) / 2:
            due = _clamped(period.year + 1, month, day)
        return due
    default = DEFAULT_DEADLINES[period.kind]
    return _clamped(period.year, period.last_month, default.day)


def national_periods(year: int) -> list[Period]:
    """The periods of the national CCHC schedule in ``year``."""
    return [make_period(kind, year, index) for kind, index in NATIONAL_SCHEDULE]
