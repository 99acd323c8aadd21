"""How often and how many: "01 số/tháng (12 kỳ/năm)", "Mỗi tháng 01 chương trình (10-15 phút)"."""

from __future__ import annotations

import re
from datetime import date

from .model import Recurrence, Timeframe
from .text import fold_same_length, nfc

_PERIODS = {
    "ngay": "daily",
    "tuan": "weekly",
    "thang": "monthly",
    "quy": "quarterly",
    "nam": "yearly",
}
_EVERY_MONTHS = {1: "monthly", 3: "quarterly", 6: "half_yearly", 12: "yearly"}
_NUMBER_WORDS = {"mot": 1, "hai": 2, "ba": 3}
_NUMBER = r"(\d{1,3}|mot|hai|ba)"
_PERIOD = r"(ngay|tuan|thang|quy|nam)(?![a-z])"
# Units of output, folded; "tin, bài" keeps its comma.
_UNITS = (
    r"tin\s*,\s*bai|tin\s+bai|tin|bai viet|bai|so|ky|lan|chuong trinh|chuyen muc|chuyen de|chuyen trang"
    r"|phong su|cuoc thi|cuoc|hoi nghi|hoi thao|hoi thi|toa dam|lop(?:\s+tap huan)?|buoi|dot|pano|pa\s*no"
    r"|ap phich|bang ron|to roi|to gap|an pham|video|clip|cuon|ban tin|ban|bo|tap|luot|san pham|tieu pham"
    r"|doan"
)
_UNIT = rf"((?:{_UNITS})(?![a-z]))"

_PER_PERIOD = re.compile(
    rf"(?<![\d/.])(?:(?:toi thieu|it nhat|khoang|tu)\s+)?{_NUMBER}\s+([a-z][a-z ,]{{0,30}}?)\s*(\([^)]{{0,40}}\))?"
    rf"\s*/\s*(?:01\s+|1\s+|mot\s+)?{_PERIOD}"
)
_EVERY_N_MONTHS = re.compile(
    r"(?<![\d/])(\d{1,2}|mot|sau|ba)\s+thang\s*(?:/\s*|mot\s+)(?:01\s+|1\s+)?lan"
    r"|dinh ky\s+(?:hang\s+)?(\d{1,2}|sau|ba)\s+thang(?!\s*\d)"
)
_EVERY_PERIOD_COUNT = re.compile(
    rf"(?<![a-z])(?:moi|hang)\s+{_PERIOD}\s*(?:,\s*)?(?:(?:toi thieu|it nhat)\s+)?{_NUMBER}\s+{_UNIT}"
)
_COUNT_EVERY_PERIOD = re.compile(
    rf"(?<![\d/.]){_NUMBER}\s+{_UNIT}\s+(?:moi|hang|tren)\s+(?:01\s+|1\s+|mot\s+)?{_PERIOD}"
)
_EVERY_WORD = re.compile(rf"(?<![a-z])(?:hang|moi)\s+{_PERIOD}")
_EACH_UNIT = re.compile(
    rf"(?<![a-z])(?:moi|tai moi|cho moi)\s+(?:xa|phuong|thi tran|huyen|quan|thi xa|don vi|co quan|dia phuong|so|nganh|truong|thon|to dan pho|khu dan cu)"
    rf"(?:\s*,\s*(?:xa|phuong|thi tran|huyen|quan|thi xa|don vi|co quan|dia phuong))*\s*(?::\s*)?{_NUMBER}\s+{_UNIT}"
)
_COUNT_LABEL = re.compile(rf"(?:quy mo|so luong|tong so|chi tieu)\s*:?\s*{_NUMBER}\s+{_UNIT}")
# "Số lượng: 1.500" (the unit stands in a column of its own): a count with no unit, nothing after it.
_BARE_COUNT = re.compile(r"(?:quy mo|so luong|tong so|chi tieu)\s*:?\s*(\d{1,3}(?:[.,]\d{3})+|\d{1,5})\s*$")
_COUNT_VERB = re.compile(
    r"(?<![a-z])(?:to chuc|xuat ban|phat hanh|in|san xuat|xay dung|thuc hien|dang tai|dang|phat song|lap dat|treo|mo)"
    rf"\s+(?:(?:toi thieu|it nhat|khoang)\s+)?(\d{{1,3}})\s+{_UNIT}"
)
_YEAR_TOTAL = re.compile(r"(\d{1,3})\s*(?:[a-z ]{0,15}?)\s*/\s*nam(?![a-z])")
_MINUTES = re.compile(r"(\d{1,3})\s*(?:(?:-|–|den)\s*(\d{1,3})\s*)?(phut|gio)(?![a-z])")
_DURATION_TEXT = re.compile(r"((?:½|1/2|nua|\d{1,2})\s*(?:ngay|buoi)\s*/\s*[a-z]+(?:\s[a-z]+)?)")
_PERIODIC = re.compile(r"dinh ky")
_HINT = re.compile(r"\d|½|hang |moi |dinh ky")


def _number(token: str) -> int:
    return _NUMBER_WORDS.get(token) or int(token)


def _clean_unit(printed: str) -> str:
    return re.sub(r"\s+", " ", printed.strip(" ,"))


def _days(timeframe: Timeframe | None) -> tuple[date, date] | None:
    if timeframe is None or not timeframe.start or not timeframe.end:
        return None
    try:
        return date.fromisoformat(timeframe.start), date.fromisoformat(timeframe.end)
    except ValueError:
        return None


def _periods(kind: str, timeframe: Timeframe | None) -> int | None:
    """How many periods of ``kind`` the timeframe covers (a whole year when it has no dates)."""
    bounds = _days(timeframe)
    if bounds is None and timeframe is not None and timeframe.kind == "range":
        return None
    if bounds is None:
        return {"daily": 365, "weekly": 52, "monthly": 12, "quarterly": 4, "half_yearly": 2, "yearly": 1}.get(
            kind
        )
    start, end = bounds
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if kind == "daily":
        return (end - start).days + 1
    if kind == "weekly":
        return round(((end - start).days + 1) / 7)
    if kind == "monthly":
        return months
    if kind == "quarterly":
        return (end.year * 4 + (end.month - 1) // 3) - (start.year * 4 + (start.month - 1) // 3) + 1
    if kind == "half_yearly":
        return (end.year * 2 + (end.month - 1) // 6) - (start.year * 2 + (start.month - 1) // 6) + 1
    if kind == "yearly":
        return end.year - start.year + 1
    return None


def _span_text(original: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", original[start:end]).strip(" .;,:")


def _durations(original: str, folded: str, near: int) -> tuple[int | None, int | None, str | None, int]:
    """Minutes (min, max) or a printed duration; the one nearest after ``near`` wins."""
    minutes = list(_MINUTES.finditer(folded))
    chosen = next((m for m in minutes if m.start() >= near), minutes[0] if minutes else None)
    if chosen:
        factor = 60 if chosen.group(3) == "gio" else 1
        low = int(chosen.group(1)) * factor
        high = int(chosen.group(2)) * factor if chosen.group(2) else low
        return low, high, None, chosen.end()
    text = _DURATION_TEXT.search(folded)
    if text:
        return None, None, _span_text(original, text.start(1), text.end(1)), -1
    return None, None, None, -1


def parse_frequency(text: str, timeframe: Timeframe | None = None) -> Recurrence | None:
    """The frequency phrase inside ``text`` -> Recurrence; None when the text states none."""
    original = nfc(text).replace("*", " ")
    folded = fold_same_length(original).lower()
    if not _HINT.search(folded):
        return None
    kind: str | None = None
    per_period: int | None = None
    unit = ""
    total: int | None = None
    each_unit = False
    start = end = 0

    m = _PER_PERIOD.search(folded)
    every = _EVERY_N_MONTHS.search(folded)
    if every and (m is None or every.start() < m.start()):
        word = every.group(1) or every.group(2)
        months = 6 if word == "sau" else 3 if word == "ba" else _number(word)
        kind = _EVERY_MONTHS.get(months, "unknown")
        per_period, unit, start, end = 1, "lần", every.start(), every.end()
    elif m:
        kind = _PERIODS[m.group(4)]
        per_period = _number(m.group(1))
        unit = _clean_unit(original[m.start(2) : m.end(2)])
        start, end = m.start(), m.end()
    else:
        for pattern, period_group, number_group, unit_group in (
            (_EVERY_PERIOD_COUNT, 1, 2, 3),
            (_COUNT_EVERY_PERIOD, 3, 1, 2),
        ):
            found = pattern.search(folded)
            if found:
                kind = _PERIODS[found.group(period_group)]
                per_period = _number(found.group(number_group))
                unit = original[found.start(unit_group) : found.end(unit_group)]
                start, end = found.start(), found.end()
                break
    if kind is None:
        found = _EACH_UNIT.search(folded)
        if found:
            kind, each_unit = "count", True
            total = _number(found.group(1))
            unit = original[found.start(2) : found.end(2)]
            start, end = found.start(), found.end()
    if kind is None:
        found = _COUNT_LABEL.search(folded) or _COUNT_VERB.search(folded)
        if found:
            kind = "count"
            total = _number(found.group(1))
            unit = original[found.start(2) : found.end(2)]
            start, end = found.start(), found.end()
    if kind is None:
        found = _BARE_COUNT.search(folded)
        if found:
            kind, total = "count", int(re.sub(r"[.,]", "", found.group(1)))
            start, end = found.start(), found.end()
    if kind is None:
        found = _EVERY_WORD.search(folded)
        if found:
            kind, per_period = _PERIODS[found.group(1)], 1
            start, end = found.start(), found.end()
    if kind is None:
        found = _PERIODIC.search(folded)
        if found is None:
            return None
        return Recurrence(text=_span_text(original, found.start(), found.end()), kind="periodic")

    if kind not in ("count", "unknown") and kind != "yearly":
        printed_total = _YEAR_TOTAL.search(folded, end)
        if printed_total and printed_total.start() - end <= 20:
            total = int(printed_total.group(1))
            end = max(
                end,
                printed_total.end()
                + (1 if folded[printed_total.end() : printed_total.end() + 1] == ")" else 0),
            )
    if total is None and per_period is not None:
        periods = _periods(kind, timeframe)
        total = per_period * periods if periods is not None else None
    low, high, duration_text, duration_end = _durations(original, folded, start)
    if duration_end > end and duration_end - end <= 40:
        end = duration_end
    after = folded[end : end + 2]
    if after.startswith(")") and "(" in folded[start:end]:
        end += 1
    return Recurrence(
        text=_span_text(original, start, end),
        kind=kind,
        per_period=per_period,
        total=total,
        item_unit=unit or None,
        duration_min_minutes=low,
        duration_max_minutes=high,
        duration_text=duration_text,
        each_unit=each_unit,
    )
