"""A task's progress on a given day, from its schedule and what has been recorded.

Countable schedules (``done`` = outputs recorded so far, counted against the items in due order):
- completed: ``done >= total``;
- overdue: the first item ``done`` does not cover was due before ``on`` (an item due today is not late);
- behind: not late, but the last quarter of that item's window has begun (from 1 October for an item
  spanning a whole year, the last 8 days of a 31-day month, the last 2 days of a week, the due day of a
  one-day item);
- not_started: nothing recorded (``done == 0`` and not ``started``) and nothing late or behind;
- on_track: otherwise.

Not countable (continuous, unstated, unknown; ``started`` = an activity was recorded in the window):
- after the window: completed when started, else overdue;
- within it: on_track when started, behind when the window's last quarter has begun, else not_started.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from .engine import Schedule

NOT_STARTED = "not_started"
ON_TRACK = "on_track"
BEHIND = "behind"
OVERDUE = "overdue"
COMPLETED = "completed"

STATUS_LABELS = {
    NOT_STARTED: "Chưa bắt đầu",
    ON_TRACK: "Đúng tiến độ",
    BEHIND: "Chậm tiến độ",
    OVERDUE: "Quá hạn",
    COMPLETED: "Hoàn thành",
}

# Share of an item's window after which an unrecorded item counts as behind.
BEHIND_AFTER = Fraction(3, 4)


def behind_from(window_start: date, window_end: date, behind_after: Fraction = BEHIND_AFTER) -> date:
    """The first day of the window's last part (its last quarter by default)."""
    days = (window_end - window_start).days + 1
    return window_start + timedelta(days=int(days * behind_after))


def progress_status(
    schedule: Schedule,
    done: int,
    on: date,
    *,
    started: bool = False,
    behind_after: Fraction = BEHIND_AFTER,
) -> str:
    """One of NOT_STARTED, ON_TRACK, BEHIND, OVERDUE, COMPLETED (rules in the module docstring)."""
    started = started or done > 0
    if schedule.is_countable:
        item = schedule.first_unmet(done)
        if item is None:
            return COMPLETED
        if item.due_date < on:
            return OVERDUE
        if on >= behind_from(item.window_start, item.window_end, behind_after):
            return BEHIND
        return ON_TRACK if started else NOT_STARTED
    if on > schedule.window_end:
        return COMPLETED if started else OVERDUE
    if started:
        return ON_TRACK
    if on >= behind_from(schedule.window_start, schedule.window_end, behind_after):
        return BEHIND
    return NOT_STARTED
