"""Progress of each (task, lead unit) on a day, and its roll-ups, with a fixed number of queries.

Four queries whatever the size: the lead assignments' (task, unit) pairs, their tasks (with plans), their
units, and one aggregate of their activities per (task, unit, channel, month) up to the day; the plan
dashboard adds the units' members.
Everything else is Python over those rows, so 100 units cost as many queries as one.

An activity belongs to one task and one unit, so it lands in exactly one row (the lead assignment of its
(task, unit)); roll-ups sum rows, never activities again, and count nothing twice. Activities of a unit
that does not lead the task (a coordinating unit) belong to no row and are not counted here.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, NamedTuple
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Count, IntegerField, QuerySet, Sum
from django.db.models.functions import Cast, ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils.html import format_html

from cchc.activities.models import CHANNEL_CHOICES, Activity
from cchc.orgs.models import Membership, Unit
from cchc.plans.models import PLAN_DOCUMENT_FIELDS, Assignment, Plan, Task
from cchc.schedule import STATUS_LABELS, DueItem, Schedule, progress_status
from cchc.schedule.status import BEHIND, COMPLETED, NOT_STARTED, ON_TRACK, OVERDUE

FUTURE = "future"
STATUSES = (OVERDUE, BEHIND, NOT_STARTED, ON_TRACK, COMPLETED)
CHANNEL_LABELS = dict(CHANNEL_CHOICES)
# Colours come with an icon and the status in words: colour is never the only signal.
STATUS_CSS = {
    COMPLETED: "bg-success-subtle text-success-emphasis",
    ON_TRACK: "bg-info-subtle text-info-emphasis",
    BEHIND: "bg-warning-subtle text-warning-emphasis",
    OVERDUE: "bg-danger-subtle text-danger-emphasis",
    NOT_STARTED: "bg-secondary-subtle text-secondary-emphasis",
    FUTURE: "bg-body-tertiary text-body-secondary",
}
STATUS_ICONS = {
    COMPLETED: "bi-check-circle-fill",
    ON_TRACK: "bi-arrow-right-circle",
    BEHIND: "bi-hourglass-split",
    OVERDUE: "bi-exclamation-octagon-fill",
    NOT_STARTED: "bi-circle",
    FUTURE: "bi-dash",
}


class StatusLook:
    """``status_css`` and ``status_icon`` for a template, from ``status``."""

    status: str

    @property
    def status_css(self) -> str:
        return STATUS_CSS[self.status]

    @property
    def status_icon(self) -> str:
        return STATUS_ICONS[self.status]


def activities_url(
    *,
    plan: int | None = None,
    unit: int | None = None,
    task: int | None = None,
    channel: str | None = None,
    start: date | None = None,
    end: date | None = None,
    base: str = "",
) -> str:
    """The activity list filtered by plan, unit, task, channel and dates (the list's own query parameters)."""
    query: dict[str, object] = {}
    if plan is not None:
        query["plan"] = plan
    if unit is not None:
        query["unit"] = unit
    if task is not None:
        query["task"] = task
    if channel is not None:
        query["channel"] = channel
    if start is not None:
        query["date_from"] = start.isoformat()
    if end is not None:
        query["date_to"] = end.isoformat()
    return f"{base or reverse('activities:activity_list')}?{urlencode(query)}"


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


class Bucket(NamedTuple):
    """The activities of one (task, unit) in one month (``month_index``) and one channel, up to the day."""

    month: int
    channel: str
    quantity: int
    count: int


# Results per (id of a schedule, ...): the rows of one task share a schedule and mostly the same counts.
StatusMemo = dict[tuple[Any, ...], Any]


@dataclass
class AssignmentProgress(StatusLook):
    """One lead unit's progress on one task on ``on``: done (sum of quantities) against expected."""

    task: Task
    unit: Unit
    schedule: Schedule
    buckets: list[Bucket]
    on: date
    memo: StatusMemo = field(default_factory=dict, repr=False, compare=False)
    list_url: str = ""

    def __post_init__(self) -> None:
        self.done = sum(b.quantity for b in self.buckets)
        self.activity_count = sum(b.count for b in self.buckets)
        schedule, key = self.schedule, id(self.schedule)
        if (key, "on", self.on) not in self.memo:
            self.memo[(key, "on", self.on)] = (schedule.expected_by(self.on), schedule.next_due(self.on))
        self.expected, self.next_due = self.memo[(key, "on", self.on)]
        if (key, "unmet", self.done) not in self.memo:
            self.memo[(key, "unmet", self.done)] = schedule.first_unmet(self.done)
        self.first_unmet: DueItem | None = self.memo[(key, "unmet", self.done)]
        self.status = self.status_at(self.on, self.memo)

    @property
    def plan(self) -> Plan:
        return self.task.plan

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def total(self) -> int | None:
        return self.schedule.total

    @property
    def shortfall(self) -> int:
        """Outputs missing for the first item not covered yet (0 when none is)."""
        return self.first_unmet.cumulative - self.done if self.first_unmet else 0

    @property
    def days_late(self) -> int:
        if self.first_unmet is None or self.first_unmet.due_date >= self.on:
            return 0
        return (self.on - self.first_unmet.due_date).days

    @property
    def activities_url(self) -> str:
        return activities_url(
            plan=self.task.plan_id,
            unit=self.unit.pk,
            task=self.task.pk,
            start=self.schedule.window_start,
            end=self.on,
            base=self.list_url,
        )

    def started_by(self, day: date) -> bool:
        """An activity in the schedule's window by ``day``, to the month (buckets are months)."""
        first = month_index(self.schedule.window_start)
        last = month_index(min(day, self.schedule.window_end))
        return any(first <= b.month <= last for b in self.buckets)

    def status_at(self, day: date, memo: StatusMemo | None = None) -> str:
        """The status on ``day``: exact when ``day`` ends a month or is ``on`` (buckets are months)."""
        last = month_index(day)
        done = count = 0
        for bucket in self.buckets:
            if bucket.month <= last:
                done += bucket.quantity
                count += bucket.count
        started = count > 0 if self.schedule.is_countable else self.started_by(day)
        key = (id(self.schedule), done, day, started)
        if memo is not None and key in memo:
            return memo[key]
        status = progress_status(self.schedule, done, day, started=started)
        if memo is not None:
            memo[key] = status
        return status


def combined_status(statuses: Iterable[str]) -> str:
    """A group's status: completed when every row is; else overdue or behind when a row is; else on track
    when a row has started; else not started."""
    found = set(statuses)
    if not found:
        return NOT_STARTED
    if found == {COMPLETED}:
        return COMPLETED
    for status in (OVERDUE, BEHIND):
        if status in found:
            return status
    if found & {ON_TRACK, COMPLETED}:
        return ON_TRACK
    return NOT_STARTED


@dataclass
class Rollup(StatusLook):
    """Sums over rows: how many tasks in each status, outputs done against expected, activities."""

    rows: list[AssignmentProgress] = field(default_factory=list)

    @cached_property
    def task_count(self) -> int:
        return len(self.rows)

    @cached_property
    def done(self) -> int:
        return sum(row.done for row in self.rows)

    @cached_property
    def expected(self) -> int:
        return sum(row.expected or 0 for row in self.rows)

    @cached_property
    def activity_count(self) -> int:
        return sum(row.activity_count for row in self.rows)

    @cached_property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @cached_property
    def status(self) -> str:
        return combined_status(row.status for row in self.rows)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def subtree_rollup(rows: Iterable[AssignmentProgress], root: Unit) -> Rollup:
    """The rows of ``root`` and of every unit below it (each row, hence each activity, once)."""
    return Rollup([row for row in rows if row.unit.path.startswith(root.path)])


# Plan fields a dashboard never shows: the text tree and the importer's lists.


def progress_of(
    assignments: QuerySet[Assignment], activities: QuerySet[Activity], on: date
) -> list[AssignmentProgress]:
    """Rows for ``assignments`` from ``activities`` (already narrowed to them), up to ``on`` (four queries:
    the pairs, their tasks with plans, their units, and the activities' aggregate)."""
    pairs = list(assignments.order_by("task_id", "pk").values_list("task_id", "unit_id", "expected_quantity"))
    task_ids = assignments.values("task_id")
    tasks = {
        task.pk: task
        for task in Task.objects.filter(pk__in=task_ids)
        .select_related("plan")
        .defer(*(f"plan__{name}" for name in PLAN_DOCUMENT_FIELDS))
    }
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=assignments.values("unit_id"))}
    month = Cast(ExtractYear("date") * 12 + ExtractMonth("date") - 1, IntegerField())
    aggregate = (
        activities.filter(date__lte=on)
        .order_by()
        .annotate(month=month)
        .values("task_id", "unit_id", "month", "channel")
        .annotate(quantity=Sum("quantity"), count=Count("id"))
        .values_list("task_id", "unit_id", "month", "channel", "quantity", "count")
    )
    # Run as plain SQL: Django's per-value converters would cost more than the query for 20,000 rows.
    sql, params = aggregate.query.sql_with_params()
    with connections[aggregate.db].cursor() as cursor:
        cursor.execute(sql, params)
        records = cursor.fetchall()
    buckets: dict[tuple[int, int], list[Bucket]] = defaultdict(list)
    for record in records:
        buckets[(record[0], record[1])].append(Bucket._make(record[2:]))
    list_url = reverse("activities:activity_list")
    schedules: dict[tuple[int, int | None], Schedule] = {}
    memo: StatusMemo = {}
    rows = []
    seen: set[tuple[int, int]] = set()
    for task_id, unit_id, expected_quantity in pairs:
        # A unit named twice as lead of one task is one row: its activities must not count twice.
        if (task_id, unit_id) in seen:
            continue
        seen.add((task_id, unit_id))
        task = tasks[task_id]
        key = (task_id, expected_quantity)
        if key not in schedules:
            schedules[key] = task.schedule(expected_quantity)
        rows.append(
            AssignmentProgress(
                task, units[unit_id], schedules[key], buckets.get((task_id, unit_id), []), on, memo, list_url
            )
        )
    rows.sort(key=lambda row: (row.task.plan_id, row.task.position, row.task.pk, row.unit.name))
    return rows


def assignment_progress(plan: Plan, on: date) -> list[AssignmentProgress]:
    """Every lead unit's progress on every task of ``plan`` on ``on``."""
    return progress_of(
        Assignment.objects.leads().filter(task__plan=plan), Activity.objects.filter(task__plan=plan), on
    )


def unit_task_progress(units: QuerySet[Unit], plans: QuerySet[Plan], on: date) -> list[AssignmentProgress]:
    """The tasks ``units`` lead in ``plans``, soonest next due first."""
    rows = progress_of(
        Assignment.objects.leads().filter(unit__in=units, task__plan__in=plans),
        Activity.objects.filter(unit__in=units, task__plan__in=plans),
        on,
    )
    far = date.max
    rows.sort(
        key=lambda row: (row.next_due.due_date if row.next_due else far, row.task.plan_id, row.task.position)
    )
    return rows


@dataclass
class GridCell:
    """One unit × month: activities that month, and the unit's status at its end (or on the day shown)."""

    month: date
    count: int
    status: str
    url: str

    def __post_init__(self) -> None:
        self.status_label = "Chưa đến" if self.status == FUTURE else STATUS_LABELS[self.status]
        self.status_css = STATUS_CSS[self.status]
        self.status_icon = STATUS_ICONS[self.status]
        # Built here rather than in the template: a 100-unit grid has 1,200 cells.
        self.html = format_html(
            '<td class="{}" title="{}"><a class="link-body-emphasis" href="{}">{}</a>'
            '<span class="visually-hidden"> hoạt động, {}</span> <i class="bi {}" aria-hidden="true"></i></td>',
            self.status_css,
            self.status_label,
            self.url,
            self.count,
            self.status_label,
            self.status_icon,
        )


@dataclass
class UnitLine:
    """One unit of the plan: its roll-up, its months and the people to call."""

    unit: Unit
    rollup: Rollup
    cells: list[GridCell]
    url: str
    contacts: list[Membership] = field(default_factory=list)

    @property
    def overdue(self) -> list[AssignmentProgress]:
        late = [row for row in self.rollup.rows if row.status == OVERDUE]
        late.sort(key=lambda row: -row.days_late)
        return late


@dataclass
class ChannelLine:
    channel: str
    label: str
    count: int
    quantity: int
    url: str


OVERDUE_SHOWN = 3


@dataclass
class OverdueLine:
    """A unit with overdue tasks: the most late first, and whom to call."""

    line: UnitLine
    rows: list[AssignmentProgress]

    @property
    def shown(self) -> list[AssignmentProgress]:
        return self.rows[:OVERDUE_SHOWN]

    @property
    def more(self) -> int:
        return max(0, len(self.rows) - OVERDUE_SHOWN)


@dataclass
class PlanProgress:
    plan: Plan
    on: date
    rows: list[AssignmentProgress]
    total: Rollup
    units: list[UnitLine]
    channels: list[ChannelLine]
    months: list[date]

    @property
    def overdue(self) -> list[OverdueLine]:
        """Units with overdue tasks, the latest first."""
        lines = [OverdueLine(line, line.overdue) for line in self.units]
        lines = [line for line in lines if line.rows]
        lines.sort(key=lambda item: (-item.rows[0].days_late, item.line.unit.name))
        return lines

    @property
    def url(self) -> str:
        return activities_url(plan=self.plan.pk, end=self.on)


def _cells(
    plan: Plan, unit: Unit, rows: list[AssignmentProgress], months: list[date], on: date, memo: StatusMemo
) -> list[GridCell]:
    """The unit's months: each row's done and count at each month's end (or ``on``), its status from the
    memo when another row already had the same (schedule, done, day), then the unit's combined status."""
    base = reverse("activities:activity_list")
    first = month_index(months[0])
    size = len(months)
    days = [min(month_end(month), on) for month in months]
    past = sum(1 for month in months if month <= on)
    counts = [0] * size
    statuses: list[list[str]] = [[] for _ in months]
    for row in rows:
        schedule, key = row.schedule, id(row.schedule)
        countable = schedule.is_countable
        done_in = [0] * size
        count_in = [0] * size
        done = count = 0
        for bucket in row.buckets:
            position = bucket.month - first
            if position < 0:
                done += bucket.quantity
                count += bucket.count
            elif position < size:
                done_in[position] += bucket.quantity
                count_in[position] += bucket.count
                counts[position] += bucket.count
        for position in range(past):
            done += done_in[position]
            count += count_in[position]
            day = days[position]
            started = count > 0 if countable else row.started_by(day)
            status = memo.get((key, done, day, started))
            if status is None:
                status = memo[(key, done, day, started)] = progress_status(
                    schedule, done, day, started=started
                )
            statuses[position].append(status)
    prefix = f"{base}?{urlencode({'plan': plan.pk, 'unit': unit.pk})}"
    cells = []
    for position, month in enumerate(months):
        status = FUTURE if month > on else combined_status(statuses[position])
        url = f"{prefix}&date_from={month.isoformat()}&date_to={month_end(month).isoformat()}"
        cells.append(GridCell(month, counts[position], status, url))
    return cells


def plan_progress(plan: Plan, on: date) -> PlanProgress:
    """The plan's rows and their roll-ups by unit, by channel and for the whole plan (five queries)."""
    rows = assignment_progress(plan, on)
    months = [date(plan.year, month, 1) for month in range(1, 13)]
    grouped: dict[int, list[AssignmentProgress]] = defaultdict(list)
    for row in rows:
        grouped[row.unit.pk].append(row)
    contacts: dict[int, list[Membership]] = defaultdict(list)
    members = (
        Membership.objects.filter(
            unit__in=Assignment.objects.leads().filter(task__plan=plan).values("unit_id")
        )
        .exclude(role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )
    for membership in members:
        contacts[membership.unit_id].append(membership)
    memo: StatusMemo = rows[0].memo if rows else {}
    units = [
        UnitLine(
            unit=unit_rows[0].unit,
            rollup=Rollup(unit_rows),
            cells=_cells(plan, unit_rows[0].unit, unit_rows, months, on, memo),
            url=activities_url(plan=plan.pk, unit=unit_pk, end=on),
            contacts=contacts.get(unit_pk, []),
        )
        for unit_pk, unit_rows in grouped.items()
    ]
    units.sort(key=lambda line: (STATUSES.index(line.rollup.status), line.unit.name))
    by_channel: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        for bucket in row.buckets:
            by_channel[bucket.channel][0] += bucket.count
            by_channel[bucket.channel][1] += bucket.quantity
    channels = [
        ChannelLine(
            code,
            CHANNEL_LABELS.get(code, code),
            count,
            quantity,
            activities_url(plan=plan.pk, channel=code, end=on),
        )
        for code, (count, quantity) in sorted(by_channel.items(), key=lambda item: -item[1][0])
    ]
    return PlanProgress(plan, on, rows, Rollup(rows), units, channels, months)
