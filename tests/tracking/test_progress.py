"""Progress of a (task, unit) on several days, and roll-ups that count each activity once."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.plans.models import Assignment
from cchc.tracking.progress import assignment_progress, combined_status, plan_progress, subtree_rollup
from tests.activities.factories import add_activity
from tests.factories import make_unit
from tests.plans.factories import make_task

pytestmark = pytest.mark.django_db


def _row(plan, on):
    (row,) = assignment_progress(plan, on)
    return row


@pytest.mark.parametrize(
    ("on", "status", "done", "expected"),
    [
        (date(2026, 1, 5), "not_started", 0, 0),
        (date(2026, 2, 15), "on_track", 2, 1),
        (date(2026, 3, 25), "behind", 2, 2),
        (date(2026, 4, 2), "overdue", 2, 3),
    ],
)
def test_status_on_several_days(plan, task, dept_a, on, status, done, expected) -> None:
    add_activity(task, dept_a, date(2026, 1, 10))
    add_activity(task, dept_a, date(2026, 2, 10))

    row = _row(plan, on)

    assert (row.status, row.done, row.expected) == (status, done, expected)


def test_completed_once_everything_is_done(plan, task, dept_a) -> None:
    add_activity(task, dept_a, date(2026, 1, 10), quantity=2)
    add_activity(task, dept_a, date(2026, 4, 5), quantity=10)

    assert _row(plan, date(2026, 4, 4)).status == "overdue"
    row = _row(plan, date(2026, 4, 10))
    assert (row.status, row.done, row.next_due.due_date) == ("completed", 12, date(2026, 4, 30))


def test_due_items_with_nothing_recorded_are_overdue(plan) -> None:
    row = _row(plan, date(2026, 2, 1))

    assert row.status == "overdue"
    assert row.first_unmet.due_date == date(2026, 1, 31)
    assert row.days_late == 1
    assert row.shortfall == 1


def test_activities_after_the_day_do_not_count(plan, task, dept_a) -> None:
    add_activity(task, dept_a, date(2026, 1, 10))
    add_activity(task, dept_a, date(2026, 3, 1), quantity=5)

    assert _row(plan, date(2026, 2, 28)).done == 1


def test_continuous_task_is_judged_by_any_activity_in_its_window(plan, dept_b) -> None:
    task = make_task(
        plan,
        units=[dept_b],
        position=1,
        timeframe_kind="continuous",
        recurrence_kind="continuous",
        per_period=None,
        target_total=None,
    )
    rows = {row.task.pk: row for row in assignment_progress(plan, date(2026, 12, 31))}
    assert rows[task.pk].status == "behind"

    add_activity(task, dept_b, date(2026, 5, 1))
    rows = {row.task.pk: row for row in assignment_progress(plan, date(2027, 1, 2))}
    assert rows[task.pk].status == "completed"


def test_grid_cells_show_the_month_count_and_the_status_at_its_end(plan, task, dept_a) -> None:
    add_activity(task, dept_a, date(2026, 1, 10))
    add_activity(task, dept_a, date(2026, 1, 20))

    (line,) = plan_progress(plan, date(2026, 3, 15)).units
    cells = {cell.month.month: cell for cell in line.cells}

    assert (cells[1].count, cells[1].status) == (2, "on_track")
    assert (cells[2].count, cells[2].status) == (0, "on_track")
    assert cells[3].status == "on_track"  # judged on 15/3, the day shown, not at the month's end
    assert cells[4].status == "future"

    (line,) = plan_progress(plan, date(2026, 4, 1)).units
    assert [cell.status for cell in line.cells[:4]] == ["on_track", "on_track", "behind", "overdue"]
    assert (
        "unit=" in cells[1].url
        and "date_from=2026-01-01" in cells[1].url
        and "date_to=2026-01-31" in cells[1].url
    )


def test_rolled_up_totals_are_the_sums_of_the_units(plan, task, province, province_committee, dept_a) -> None:
    child = make_unit(parent=dept_a, name="Phòng thuộc Sở")
    other = make_unit(parent=province, name="Đơn vị khác")
    second = make_task(plan, units=[child, other], position=1)
    for unit, days in ((dept_a, (1, 2, 3)), (child, (1, 2)), (other, (1,))):
        for day in days:
            add_activity(task if unit == dept_a else second, unit, date(2026, day, 5))
    # A coordinating unit's activity belongs to no lead row: counted nowhere, not twice.
    Assignment.objects.create(task=task, unit=child, role=Assignment.Role.COORDINATING)
    add_activity(task, child, date(2026, 1, 6))

    progress = plan_progress(plan, date(2026, 6, 30))

    assert progress.total.done == sum(line.rollup.done for line in progress.units) == 6
    assert progress.total.expected == sum(line.rollup.expected for line in progress.units) == 18
    assert progress.total.activity_count == sum(c.count for c in progress.channels) == 6
    assert sum(progress.total.counts.values()) == progress.total.task_count == 3
    assert subtree_rollup(progress.rows, province).done == 6
    assert subtree_rollup(progress.rows, dept_a).done == 5
    assert subtree_rollup(progress.rows, child).done == 2


def test_a_unit_named_twice_as_lead_counts_its_activities_once(plan, task, dept_a) -> None:
    Assignment.objects.create(task=task, unit=dept_a, role=Assignment.Role.LEAD, position=5)
    add_activity(task, dept_a, date(2026, 1, 10))

    progress = plan_progress(plan, date(2026, 1, 31))

    assert (progress.total.task_count, progress.total.done) == (1, 1)


def test_combined_status() -> None:
    assert combined_status(["completed", "completed"]) == "completed"
    assert combined_status(["completed", "behind", "overdue"]) == "overdue"
    assert combined_status(["completed", "not_started"]) == "on_track"
    assert combined_status(["not_started"]) == "not_started"
    assert combined_status([]) == "not_started"


def test_numbers_link_to_exactly_the_activities_behind_them(plan, task, dept_a) -> None:
    add_activity(task, dept_a, date(2026, 1, 5))
    progress = plan_progress(plan, date(2026, 6, 30))

    (channel,) = progress.channels
    assert f"channel={channel.channel}" in channel.url
    assert f"plan={plan.pk}" in channel.url
    assert f"task={task.pk}" in _row(plan, date(2026, 6, 30)).activities_url
