"""When a task is carried out: "Thường xuyên", "Quý II đến Quý IV", "Tháng 6 đến tháng 11/2023" ..."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .model import Timeframe
from .text import clean_inline, fold, roman_to_int


@dataclass(frozen=True)
class _Window:
    """Months (or days) of a window; a missing year means "the plan year"."""

    start_year: int | None
    start_month: int
    end_year: int | None
    end_month: int
    start_day: int = 1
    end_day: int | None = None  # None: the last day of end_month


_NUM_YEAR = r"(?:\s*(?:/|nam)\s*(\d{4}))?"
_QUARTER_NUM = r"(iv|iii|ii|i|[1-4])(?![a-z0-9])"
_QUARTER_TOKEN = r"(?:iv|iii|ii|i|[1-4])(?![a-z0-9])"  # noqa: S105
_RANGE_WORD = r"(?:-|–|den(?:\s+het)?|toi)"
_LIST_WORD = r"(?:,|va|;)"

_QUARTERS = re.compile(
    rf"quy\s+{_QUARTER_NUM}((?:\s*(?:{_RANGE_WORD}|{_LIST_WORD})\s*(?:quy\s+)?{_QUARTER_TOKEN})*)" + _NUM_YEAR
)
_QUARTER_ITEM = re.compile(rf"{_QUARTER_NUM}")
_MONTHS = re.compile(
    rf"(?:(tu|bat dau tu|den|truoc|cham nhat|den het)\s+)?thang\s+(\d{{1,2}})(?!\d){_NUM_YEAR}"
    rf"((?:\s*(?:{_RANGE_WORD}|{_LIST_WORD})\s*(?:thang\s+)?\d{{1,2}}(?!\d){_NUM_YEAR})*)"
)
_MONTH_ITEM = re.compile(r"(\d{1,2})(?!\d)(?:\s*(?:/|nam)\s*(\d{4}))?")
_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])"
_DATE_WORDS = r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?"
_DEADLINE = re.compile(
    rf"(?:truoc|cham nhat|han chot|khong muon hon|hoan thanh truoc|den|trong thoi han den)\s*(?:ngay\s*)?"
    rf"(?:{_DATE}|(\d{{1,2}})\s+thang\s+(\d{{1,2}})(?:\s+nam\s+(\d{{4}}))?)"
)
_DATE_RANGE = re.compile(
    rf"tu\s+(?:ngay\s+)?{_DATE}\s*(?:den|-|–|toi)\s*(?:ngay\s+)?{_DATE}",
)
_ONE_DATE = re.compile(rf"(?<![\d/])(?<!thang )(?:ngay\s+)?{_DATE}|{_DATE_WORDS}")
_HALF = re.compile(r"(?:(6|06|sau)\s+thang|nua)\s+(dau|cuoi)\s+nam(?:\s+(\d{4}))?")
_NINE = re.compile(r"(?:9|09|chin)\s+thang\s+dau\s+nam(?:\s+(\d{4}))?")
_YEAR_SPAN = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*(?:-|–|den)\s*(20\d{2}|19\d{2})(?!\d)")
_YEAR = re.compile(r"(?<![\d/.])(20\d{2}|19\d{2})(?![\d/])")
_CONTINUOUS = re.compile(
    r"thuong xuyen|lien tuc|trong nam|ca nam|hang nam|nam \d{4}|quanh nam|suot nam"
    r"|(?:hang|moi)\s+(?:ngay|tuan|thang|quy)"
)
_PERIODIC = re.compile(r"dinh ky")


def _quarter_window(first: int, last: int, year: int | None) -> _Window:
    return _Window(year, first * 3 - 2, year, last * 3)


def _year_or(printed: str | None, fallback: int | None) -> int | None:
    return int(printed) if printed else fallback


def _quarters(folded: str, year: int | None, windows: list[_Window]) -> str:
    for m in _QUARTERS.finditer(folded):
        tokens = [m.group(1), *_QUARTER_ITEM.findall(m.group(2))]
        numbers = [_quarter_number(q) for q in tokens]
        numbers = [n for n in numbers if n is not None]
        if numbers:
            windows.append(_quarter_window(min(numbers), max(numbers), _year_or(m.group(3), year)))
        folded = folded[: m.start()] + " " * (m.end() - m.start()) + folded[m.end() :]
    return folded


def _quarter_number(token: str) -> int | None:
    value = int(token) if token.isdigit() else roman_to_int(token)
    return value if value and 1 <= value <= 4 else None


def _blank(folded: str, m: re.Match[str]) -> str:
    return folded[: m.start()] + " " * (m.end() - m.start()) + folded[m.end() :]


def _date_parts(
    day: str, month: str, printed_year: str | None, year: int | None
) -> tuple[int | None, int, int] | None:
    d, mth = int(day), int(month)
    y = _year_or(printed_year, year)
    probe = y if y else 2000
    if not 1 <= mth <= 12 or not 1 <= d <= calendar.monthrange(probe, mth)[1]:
        return None
    return y, mth, d


def _dates(folded: str, year: int | None, windows: list[_Window]) -> str:
    for m in _DATE_RANGE.finditer(folded):
        first = _date_parts(m.group(1), m.group(2), m.group(3) or m.group(6), year)
        last = _date_parts(m.group(4), m.group(5), m.group(6), year)
        if first and last:
            windows.append(_Window(first[0], first[1], last[0], last[1], first[2], last[2]))
        folded = _blank(folded, m)
    for m in _DEADLINE.finditer(folded):
        g = m.groups()
        day, month, printed = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
        parts = _date_parts(day, month, printed, year)
        if parts:
            windows.append(_Window(parts[0], 1, parts[0], parts[1], 1, parts[2]))
        folded = _blank(folded, m)
    for m in _ONE_DATE.finditer(folded):
        g = m.groups()
        day, month, printed = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
        parts = _date_parts(day, month, printed, year)
        if parts:
            windows.append(_Window(parts[0], parts[1], parts[0], parts[1], parts[2], parts[2]))
        folded = _blank(folded, m)
    return folded


def _months(folded: str, year: int | None, windows: list[_Window]) -> str:
    for m in _MONTHS.finditer(folded):
        items = [(int(mo), y) for mo, y in _MONTH_ITEM.findall(m.group(0).split("thang", 1)[1])]
        items = [(mo, y) for mo, y in items if 1 <= mo <= 12]
        if not items:
            continue
        printed_years = [int(y) for _mo, y in items if y]
        last_year = printed_years[-1] if printed_years else year
        first_month, first_year = items[0][0], int(items[0][1]) if items[0][1] else last_year
        end_month, end_year = items[-1][0], int(items[-1][1]) if items[-1][1] else last_year
        if len(items) > 1 and not items[0][1] and first_year is not None and first_month > end_month:
            first_year -= 1
        prefix = m.group(1)
        if len(items) == 1 and prefix in ("tu", "bat dau tu"):
            windows.append(_Window(first_year, first_month, first_year, 12))
        elif len(items) == 1 and prefix in ("den", "truoc", "cham nhat", "den het"):
            if prefix == "truoc":
                end_month -= 1
            if end_month >= 1:
                windows.append(_Window(end_year, 1, end_year, end_month))
        else:
            windows.append(_Window(first_year, first_month, end_year, end_month))
        folded = _blank(folded, m)
    return folded


def _halves(folded: str, year: int | None, windows: list[_Window]) -> str:
    for m in _NINE.finditer(folded):
        y = _year_or(m.group(1), year)
        windows.append(_Window(y, 1, y, 9))
        folded = _blank(folded, m)
    for m in _HALF.finditer(folded):
        y = _year_or(m.group(3), year)
        windows.append(_Window(y, 1, y, 6) if m.group(2) == "dau" else _Window(y, 7, y, 12))
        folded = _blank(folded, m)
    return folded


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    last = calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{min(day or last, last):02d}"


def _span(windows: list[_Window]) -> tuple[str | None, str | None]:
    starts = [_iso(w.start_year, w.start_month, w.start_day) for w in windows]
    ends = [_iso(w.end_year, w.end_month, w.end_day) for w in windows]
    if any(s is None for s in starts) or any(e is None for e in ends):
        return None, None
    return min(s for s in starts if s), max(e for e in ends if e)


def parse_timeframe(text: str, year: int | None) -> Timeframe:
    """A timeframe phrase -> Timeframe; the year comes from the phrase, else ``year`` (the plan year)."""
    printed = clean_inline(text)
    folded = fold(printed)
    windows: list[_Window] = []
    rest = _dates(folded, year, windows)
    rest = _quarters(rest, year, windows)
    rest = _halves(rest, year, windows)
    rest = _months(rest, year, windows)
    if windows:
        start, end = _span(windows)
        return Timeframe(text=printed, kind="range", start=start, end=end)
    span = _YEAR_SPAN.search(folded)
    printed_year = _YEAR.search(folded)
    first_year = (
        int(span.group(1)) if span else _year_or(printed_year.group(1) if printed_year else None, year)
    )
    last_year = int(span.group(2)) if span else first_year
    start = f"{first_year}-01-01" if first_year else None
    end = f"{last_year}-12-31" if last_year else None
    if _PERIODIC.search(folded) and not re.search(r"(?:hang|moi)\s+(?:ngay|tuan|thang|quy|nam)", folded):
        return Timeframe(text=printed, kind="periodic", start=start, end=end)
    if _CONTINUOUS.search(folded) or (printed_year and re.fullmatch(r"(?:nam\s+)?\d{4}\.?", folded)):
        return Timeframe(text=printed, kind="continuous", start=start, end=end)
    if span or re.fullmatch(r"(?:trong\s+)?(?:nam|giai doan)\s+\d{4}.*", folded):
        return Timeframe(text=printed, kind="continuous", start=start, end=end)
    return Timeframe(text=printed, kind="unknown")
