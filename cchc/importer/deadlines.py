"""Reporting deadlines: "trước ngày 05/6", "trước ngày 08 tháng cuối của quý", and which report each is for."""

from __future__ import annotations

import calendar
import re

from .model import Deadline
from .text import fold_same_length, nfc

_LEAD = r"(?:truoc|cham nhat(?:\s+(?:la|vao))?|han chot(?:\s+la)?|khong muon hon|truoc hoac vao|han)\s*(?:ngay\s*)?"
_RELATIVE = re.compile(
    _LEAD + r"(\d{1,2})\s*(?:cua\s+|hang\s+|thuoc\s+)?thang\s+cuoi\s+(?:cua\s+)?(?:moi\s+)?"
    r"(quy|ky(?:\s+bao\s+cao)?|6\s+thang|nam)(?![a-z])"
)
_NUMERIC = re.compile(_LEAD + r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])")
_WORDS = re.compile(_LEAD + r"(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?(?!\d)")
_BARE = re.compile(r"^\s*(?:ngay\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\s*\.?$")

_PERIOD_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nine_months", re.compile(r"(?<![\d/])(?:9|09|chin)\s+thang(?!\s*\d)")),
    ("half_year", re.compile(r"(?<![\d/])(?:6|06|sau)\s+thang(?!\s*\d)|nua\s+nam")),
    (
        "quarter",
        re.compile(
            r"(?:(?<=hang )|(?<=moi )|(?<=bao cao )|(?<=dinh ky )|(?<=, )|(?<=va )|(?<=\())quy(?![a-z])"
        ),
    ),
    (
        "year",
        re.compile(
            r"(?:(?<=bao cao )|(?<=hang )|(?<=moi )|(?<=, )|(?<=va )|(?<=\()|(?<=ca )|(?<=tong ket ))nam(?![a-z]|\s*\d)"
        ),
    ),
    ("ad_hoc", re.compile(r"dot xuat")),
)
_ATTACHED_AFTER = re.compile(
    r"\s*(?:\(\s*(?:doi voi|voi|cho)?|,?\s*(?:doi voi|cho))\s*(?:bao cao\s+)?(?:ket qua\s+)?"
)


def _valid(day: int, month: int | None, year: int | None) -> bool:
    if month is None:
        return 1 <= day <= 31
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _deadlines(original: str, folded: str) -> list[tuple[int, int, Deadline]]:
    found: list[tuple[int, int, Deadline]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _d in found)

    for m in _RELATIVE.finditer(folded):
        day = int(m.group(1))
        if _valid(day, None, None):
            text = original[m.start() : m.end()]
            found.append((m.start(), m.end(), Deadline(text=text, day=day, relative="last_month_of_period")))
    for pattern in (_NUMERIC, _WORDS):
        for m in pattern.finditer(folded):
            day, month = int(m.group(1)), int(m.group(2))
            year = int(m.group(3)) if m.group(3) else None
            if free(m.start(), m.end()) and _valid(day, month, year):
                deadline = Deadline(text=original[m.start() : m.end()], day=day, month=month, year=year)
                found.append((m.start(), m.end(), deadline))
    return sorted(found, key=lambda f: f[0])


def parse_deadline(text: str) -> Deadline | None:
    """The first deadline phrase in ``text``; a bare date ("30/11/2023") counts too."""
    original = nfc(text)
    folded = fold_same_length(original)
    found = _deadlines(original, folded)
    if found:
        return found[0][2]
    bare = _BARE.match(folded)
    if bare:
        day, month = int(bare.group(1)), int(bare.group(2))
        year = int(bare.group(3)) if bare.group(3) else None
        if _valid(day, month, year):
            return Deadline(text=original.strip(" ."), day=day, month=month, year=year)
    return None


def _periods_in(folded: str, start: int, end: int) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for period, pattern in _PERIOD_WORDS:
        for m in pattern.finditer(folded, start, end):
            found.append((m.start(), period))
    return sorted(found)


def _attached_after(folded: str, start: int, end: int) -> list[str]:
    """Periods written right after a deadline: "trước ngày 05/6 (đối với báo cáo 6 tháng)"."""
    lead = _ATTACHED_AFTER.match(folded, start, end)
    if lead is None:
        return []
    at = lead.end()
    periods = _periods_in(folded, at, min(end, at + 40))
    first = periods[0][0] if periods else -1
    if first != at and not folded[at:first].strip(" ("):
        first = at
    if first != at:
        return []
    closing = folded.find(")", at, end)
    limit = closing if closing != -1 and folded[start:at].strip().startswith("(") else min(end, at + 25)
    return [p for pos, p in periods if pos < limit]


def find_report_deadlines(text: str) -> list[tuple[str, Deadline]]:
    """Each reporting period named in ``text`` with its deadline, periods in the order of the text.

    A deadline is paired with the period written right after it ("(đối với báo cáo 6 tháng)") or
    right before it ("báo cáo năm trước ngày 30/11"); periods listed once for a single deadline
    ("định kỳ hằng quý, 6 tháng, năm ... trước ngày 08 tháng cuối của quý") all share it. A lone
    deadline with no period named is the year's report.
    """
    original = nfc(text)
    folded = fold_same_length(original)
    deadlines = _deadlines(original, folded)
    if not deadlines:
        return []
    pairs: list[tuple[int, str, Deadline]] = []
    unpaired: list[tuple[int, Deadline]] = []
    for index, (start, end, deadline) in enumerate(deadlines):
        next_start = deadlines[index + 1][0] if index + 1 < len(deadlines) else len(folded)
        prev_end = deadlines[index - 1][1] if index else 0
        after = _attached_after(folded, end, next_start)
        if after:
            pairs.extend((start, p, deadline) for p in after)
            continue
        window_start = max(prev_end, start - 30)
        before = [p for _pos, p in _periods_in(folded, window_start, start)]
        if before and index:
            pairs.extend((start, p, deadline) for p in before)
            continue
        unpaired.append((start, deadline))
    paired_periods = {p for _s, p, _d in pairs}
    if len(unpaired) == 1:
        listed = [p for _pos, p in _periods_in(folded, 0, deadlines[-1][0])]
        shared = [p for p in dict.fromkeys(listed) if p not in paired_periods]
        if not shared and not pairs:
            shared = ["year"]
        pairs.extend((unpaired[0][0], p, unpaired[0][1]) for p in shared)
    elif unpaired and not pairs:
        pairs.extend((start, "year", d) for start, d in unpaired)
    result: list[tuple[str, Deadline]] = []
    seen: set[str] = set()
    for _start, period, deadline in sorted(pairs, key=lambda pair: pair[0]):
        if period not in seen:
            seen.add(period)
            result.append((period, deadline))
    return result
