"""Progress of each (task, lead unit) on a day, and its roll-ups, with a fixed number of queries.

Four queries whatever the size: the lead assignments' (task, unit) pairs, their tasks (with plans), their
units, and one aggregate of their activities per (task, unit, month, channel) up to the day; the plan
dashboard adds the units' members. Everything else is Python over those rows, so 100 units cost as many
queries as one.

An activity belongs to one task and one unit, so it lands in exactly one row (the lead assignment of its
(task, unit)); roll-ups sum rows, never activities again, and count nothing twice. Activities of a unit
that does not lead the task (a coordinating unit) belong to no row and are not counted here.

Sub-plans: a task of a sub-plan points to the task it carries out (``Task.parent_task``, followed up to
``SUBPLAN_DEPTH`` levels). Its activities count for that task too, for the activity's unit exactly as if
they had been recorded on the task itself: the task query also fetches the tasks carrying out the rows'
tasks (no extra query), and the aggregate takes in their activities. Within one plan an activity counts
for the nearest of its task's ancestors in that plan only, so never twice in a plan or its roll-ups; the
sub-plan's own dashboard counts it for the sub-plan's task.

Speed (``make bench-dashboard``: 2,000 rows × 12 months, 20,000 aggregate rows): the aggregate's rows are
kept as the database returns them; tasks with the same due items share a ``Timetable`` that remembers the
schedule's answers; rows with the same sums at the months' ends share their grid statuses; and the markup
repeated hundreds of times (grid cells, overdue tasks, contacts) is built here as strings, not by the
template.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import accumulate
from typing import Any, NamedTuple
from urllib.parse import quote_plus

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, IntegerField, Q, QuerySet, Sum
from django.db.models.functions import Cast, ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cchc.activities.models import CHANNEL_CHOICES, Activity
from cchc.activities.services import SUBPLAN_DEPTH
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
CELL_LABELS = {**STATUS_LABELS, FUTURE: "Chưa đến"}


def _badge(status: str) -> SafeString:
    return mark_safe(  # noqa: S308 - constants of this module, escaped
        f'<span class="badge {STATUS_CSS[status]} border"><i class="bi {STATUS_ICONS[status]}" '
        f'aria-hidden="true"></i> {escape(CELL_LABELS[status])}</span>'
    )


# A status as a badge, and a grid cell's markup around its link and count: the same for every cell of a
# status, so a 100-unit grid (1,200 cells) is string concatenation.
STATUS_BADGES = {status: _badge(status) for status in STATUS_CSS}
_CELL_START = {
    status: f'<td class="{STATUS_CSS[status]}" title="{escape(label)}"><a class="link-body-emphasis" href="'
    for status, label in CELL_LABELS.items()
}
_CELL_END = {
    status: f'</a><span class="visually-hidden"> hoạt động, {escape(label)}</span> '
    f'<i class="bi {STATUS_ICONS[status]}" aria-hidden="true"></i></td>'
    for status, label in CELL_LABELS.items()
}


class StatusLook:
    """``status_css``, ``status_icon`` and ``status_badge`` for a template, from ``status``."""

    status: str

    @property
    def status_css(self) -> str:
        return STATUS_CSS[self.status]

    @property
    def status_icon(self) -> str:
        return STATUS_ICONS[self.status]

    @property
    def status_badge(self) -> SafeString:
        return STATUS_BADGES[self.status]


def activities_url(
    *,
    plan: int | None = None,
    unit: int | None = None,
    task: int | None = None,
    channel: str | None = None,
    start: date | None = None,
    end: date | None = None,
    counted: bool = False,
    base: str = "",
) -> str:
    """The activity list filtered by plan, unit, task, channel and dates (the list's own query parameters).

    Written out rather than with ``urlencode``: a dashboard makes hundreds, and only the channel needs
    quoting."""
    query = []
    if plan is not None:
        query.append(f"plan={plan}")
    if unit is not None:
        query.append(f"unit={unit}")
    if task is not None:
        query.append(f"task={task}")
    if channel is not None:
        query.append(f"channel={quote_plus(channel)}")
    if start is not None:
        query.append(f"date_from={start.isoformat()}")
    if end is not None:
        query.append(f"date_to={end.isoformat()}")
    if counted:
        query.append("counted=on")
    return f"{base or reverse('activities:activity_list')}?{'&'.join(query)}"


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


# One row of the activities' aggregate, as the database returns it (a dashboard reads 20,000 of them):
# (task_id, unit_id, month, channel, quantity, count) for the activities of one task and unit in one month
# (``month_index``) through one channel, up to the day shown.
Bucket = tuple[int, int, int, str, int, int]


class Timetable:
    """A schedule and the answers already given: the rows of a task share one and mostly ask the same
    (2,000 rows × 12 months need a few hundred distinct statuses)."""

    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self.countable = schedule.is_countable
        self._on: dict[date, tuple[int | None, DueItem | None]] = {}
        self._unmet: dict[int, DueItem | None] = {}
        self._status: dict[tuple[int, date, bool], str] = {}

    def expected_and_next(self, day: date) -> tuple[int | None, DueItem | None]:
        """Quantity due by ``day`` and the next item due after it."""
        answer = self._on.get(day)
        if answer is None:
            answer = self._on[day] = (self.schedule.expected_by(day), self.schedule.next_due(day))
        return answer

    def first_unmet(self, done: int) -> DueItem | None:
        if done not in self._unmet:
            self._unmet[done] = self.schedule.first_unmet(done)
        return self._unmet[done]

    def status(self, done: int, day: date, started: bool) -> str:
        """``progress_status`` of the schedule, remembered per (done, day, started)."""
        key = (done, day, started or done > 0)
        status = self._status.get(key)
        if status is None:
            status = self._status[key] = progress_status(self.schedule, done, day, started=key[2])
        return status


@dataclass(eq=False)
class AssignmentProgress(StatusLook):
    """One lead unit's progress on one task on ``on``: done (sum of quantities) against expected."""

    task: Task
    unit: Unit
    timetable: Timetable
    buckets: tuple[Bucket, ...]
    on: date
    list_url: str = ""

    def __post_init__(self) -> None:
        done = count = 0
        for _task, _unit, _month, _channel, quantity, activities in self.buckets:
            done += quantity
            count += activities
        self.done = done
        self.activity_count = count
        self.expected, self.next_due = self.timetable.expected_and_next(self.on)
        self.first_unmet: DueItem | None = self.timetable.first_unmet(done)
        # Every bucket is up to ``on``: no need to sum them again for today's status.
        started = count > 0 if self.timetable.countable else self.started_by(self.on)
        self.status = self.timetable.status(done, self.on, started)

    @property
    def schedule(self) -> Schedule:
        return self.timetable.schedule

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
        """An activity in the schedule's window by ``day``, to the month (statuses are judged by month)."""
        first = month_index(self.schedule.window_start)
        last = month_index(min(day, self.schedule.window_end))
        return any(first <= bucket[2] <= last for bucket in self.buckets)

    def status_at(self, day: date) -> str:
        """The status on ``day``: exact when ``day`` ends a month or is ``on`` (judged by month)."""
        last = month_index(day)
        done = count = 0
        for _task, _unit, month, _channel, quantity, activities in self.buckets:
            if month <= last:
                done += quantity
                count += activities
        started = count > 0 if self.timetable.countable else self.started_by(day)
        return self.timetable.status(done, day, started)


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
    def status_lines(self) -> list[dict[str, Any]]:
        """The statuses some row has, worst first: status, its words, colour, icon and badge, how many rows."""
        return [
            {
                "status": status,
                "label": STATUS_LABELS[status],
                "css": STATUS_CSS[status],
                "icon": STATUS_ICONS[status],
                "badge": STATUS_BADGES[status],
                "count": count,
            }
            for status, count in self.counts.items()
            if count
        ]

    @cached_property
    def overdue_units(self) -> int:
        """Units with at least one overdue row."""
        return len({row.unit.pk for row in self.rows if row.status == OVERDUE})

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def subtree_rollup(rows: Iterable[AssignmentProgress], root: Unit) -> Rollup:
    """The rows of ``root`` and of every unit below it (each row, hence each activity, once)."""
    return Rollup([row for row in rows if row.unit.path.startswith(root.path)])


def _fetch(queryset: QuerySet) -> list[tuple]:
    """The rows of a values_list queryset as plain SQL: Django's per-value converters would cost more than
    the query for 20,000 rows."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # filtered by an empty list: the ORM would not ask either
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _targets(tasks: dict[int, Task], root_ids: set[int]) -> dict[int, tuple[int, ...]]:
    """The row tasks each task's activities count for, when not just itself: up its ``parent_task`` chain
    (SUBPLAN_DEPTH levels), the nearest row task of each plan."""
    targets = {}
    for task in tasks.values():
        found: dict[int, int] = {}  # plan → row task
        current: Task | None = task
        for _level in range(SUBPLAN_DEPTH + 1):
            if current is None:
                break
            if current.pk in root_ids:
                found.setdefault(current.plan_id, current.pk)
            current = tasks.get(current.parent_task_id) if current.parent_task_id else None
        if list(found.values()) != [task.pk]:
            targets[task.pk] = tuple(found.values())
    return targets


def progress_of(
    assignments: QuerySet[Assignment], activities: QuerySet[Activity], on: date
) -> list[AssignmentProgress]:
    """Rows for ``assignments`` from ``activities`` (already narrowed to them; the activities of sub-plan
    tasks carrying them out are added here), up to ``on`` (four queries: the pairs, their tasks with plans
    and the tasks carrying them out, their units, and the activities' aggregate)."""
    pairs = list(assignments.order_by("task_id", "pk").values_list("task_id", "unit_id", "expected_quantity"))
    roots = assignments.values("task_id")
    carried = Q(pk__in=roots)
    path = "parent_task"
    for _level in range(SUBPLAN_DEPTH):
        carried |= Q(**{f"{path}__in": roots})
        path += "__parent_task"
    tasks = {
        task.pk: task
        for task in Task.objects.filter(carried)
        .select_related("plan")
        .defer(*(f"plan__{name}" for name in PLAN_DOCUMENT_FIELDS))
    }
    root_ids = {task_id for task_id, _unit, _quantity in pairs}
    targets = _targets(tasks, root_ids)
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=assignments.values("unit_id"))}
    below = [task_id for task_id in tasks if task_id not in root_ids]
    if below:
        activities = activities | Activity.objects.filter(
            task_id__in=below, unit_id__in=assignments.values("unit_id")
        )
    # Integer parts: PostgreSQL's EXTRACT gives numerics, slower to add up over 20,000 rows.
    month = Cast(ExtractYear("date"), IntegerField()) * 12 + Cast(ExtractMonth("date"), IntegerField()) - 1
    aggregate = (
        activities.filter(date__lte=on)
        .order_by()
        .annotate(month=month)
        .values("task_id", "unit_id", "month", "channel")
        .annotate(quantity=Sum("quantity"), count=Count("id"))
        .values_list("task_id", "unit_id", "month", "channel", "quantity", "count")
    )
    # Each row keeps its buckets as a tuple: a tuple of plain tuples leaves the garbage collector's watch,
    # where 2,000 lists per request would bring on a full collection every few requests.
    buckets: dict[tuple[int, int], list[Bucket]] = defaultdict(list)
    for bucket in _fetch(aggregate):
        if bucket[0] in targets:
            for target in targets[bucket[0]]:
                buckets[(target, bucket[1])].append(bucket)
        else:
            buckets[(bucket[0], bucket[1])].append(bucket)
    list_url = reverse("activities:activity_list")
    timetables: dict[tuple[int, int | None], Timetable] = {}
    # Tasks with the same due items share a timetable (and the statuses it remembers).
    shared: dict[Schedule, Timetable] = {}
    rows = []
    seen: set[tuple[int, int]] = set()
    for task_id, unit_id, expected_quantity in pairs:
        # A unit named twice as lead of one task is one row: its activities must not count twice.
        if (task_id, unit_id) in seen:
            continue
        seen.add((task_id, unit_id))
        task = tasks[task_id]
        key = (task_id, expected_quantity)
        if key not in timetables:
            schedule = task.schedule(expected_quantity)
            timetables[key] = shared.setdefault(schedule, Timetable(schedule))
        rows.append(
            AssignmentProgress(
                task,
                units[unit_id],
                timetables[key],
                tuple(buckets.get((task_id, unit_id), ())),
                on,
                list_url,
            )
        )
    rows.sort(key=lambda row: (row.task.plan_id, row.task.position, row.task.pk, row.unit.name))
    return rows


def assignment_progress(plan: Plan, on: date) -> list[AssignmentProgress]:
    """Every lead unit's progress on every task of ``plan`` on ``on``."""
    return progress_of(
        Assignment.objects.leads().filter(task__plan=plan), Activity.objects.filter(task__plan=plan), on
    )


@dataclass
class PlanSummary:
    """A plan at a glance: its rows' statuses and who is late, with its dashboard on the same day."""

    plan: Plan
    rollup: Rollup
    url: str


def plan_summaries(plans: list[Plan], on: date) -> list[PlanSummary]:
    """``plans`` at a glance on ``on``, in their order (the four queries of ``progress_of`` for all)."""
    if not plans:
        return []
    rows = progress_of(
        Assignment.objects.leads().filter(task__plan__in=plans),
        Activity.objects.filter(task__plan__in=plans),
        on,
    )
    by_plan: dict[int, list[AssignmentProgress]] = defaultdict(list)
    for row in rows:
        by_plan[row.task.plan_id].append(row)
    return [
        PlanSummary(
            plan,
            Rollup(by_plan.get(plan.pk, [])),
            f"{reverse('tracking:plan_dashboard', kwargs={'pk': plan.pk})}?ngay={on.isoformat()}",
        )
        for plan in plans
    ]


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


# A row's statuses at the grid's months, by (timetable, done by each month's end, activities by then).
SequenceMemo = dict[tuple[Timetable, tuple[int, ...], tuple[int, ...]], tuple[str, ...]]


class GridCell(NamedTuple):
    """One unit × month: activities that month, and the unit's status at its end (or on the day shown)."""

    month: date
    count: int
    status: str
    url: str

    @property
    def status_label(self) -> str:
        return CELL_LABELS[self.status]

    @property
    def status_css(self) -> str:
        return STATUS_CSS[self.status]

    @property
    def status_icon(self) -> str:
        return STATUS_ICONS[self.status]


def _role_labels() -> dict[str, str]:
    """Role labels in the current language (translated once, not once per member)."""
    return {value: str(label) for value, label in Membership.Role.choices}


@dataclass
class UnitLine:
    """One unit of the plan: its roll-up, its months (and their markup) and the people to call."""

    unit: Unit
    rollup: Rollup
    cells: list[GridCell]
    url: str
    contacts: list[Membership] = field(default_factory=list)

    @cached_property
    def cells_html(self) -> SafeString:
        """The row's month cells, so the template only prints them (1,200 cells for 100 units). Every piece
        is a constant of this module, an int, or a URL made of a path, ints and ISO dates, where ``&`` is
        the only character to escape."""
        parts = [
            f'{_CELL_START[cell.status]}{cell.url.replace("&", "&amp;")}">{cell.count}{_CELL_END[cell.status]}'
            for cell in self.cells
        ]
        return mark_safe("".join(parts))  # noqa: S308 - escaped above

    @cached_property
    def contacts_html(self) -> SafeString:
        """Whom to call: name, role and e-mail of each member (rendered here, next to the overdue tasks)."""
        roles = _role_labels()
        parts = []
        for membership in self.contacts:
            user = membership.user
            email = escape(user.email)
            mail = f' · <a href="mailto:{email}">{email}</a>' if email else ""
            parts.append(
                f"<div>{escape(user.get_full_name() or user.username)} "
                f'<span class="text-muted">({escape(roles[membership.role])})</span>{mail}</div>'
            )
        return mark_safe("".join(parts))  # noqa: S308 - escaped above

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

    @property
    def shown_html(self) -> SafeString:
        """The shown tasks as list items, rendered here: 100 late units are 300 items."""
        return mark_safe("".join(_late_item(row) for row in self.shown))  # noqa: S308 - escaped in _late_item


def _late_item(row: AssignmentProgress) -> str:
    expected = "—" if row.expected is None else row.expected
    due = ""
    if row.first_unmet is not None:
        due = (
            f", hạn {row.first_unmet.due_date:%d/%m/%Y} "
            f'<span class="text-danger">(trễ {row.days_late} ngày)</span>'
        )
    return (
        f'<li>{escape(row.task)} — <a href="{escape(row.activities_url)}">đã làm {row.done}/{expected}</a>'
        f"{due}</li>"
    )


@dataclass
class MonthLine:
    """One month of the plan year: outputs recorded in it (None after the day shown) and falling due in it."""

    month: date
    done: int | None
    due: int
    url: str


# The colour of each status in the charts: Bootstrap's, as in STATUS_CSS (read from the page's CSS).
STATUS_COLOURS = {
    COMPLETED: "--bs-success",
    ON_TRACK: "--bs-info",
    BEHIND: "--bs-warning",
    OVERDUE: "--bs-danger",
    NOT_STARTED: "--bs-secondary",
}


def status_chart(rollup: Rollup) -> dict[str, list[Any]]:
    """A roll-up's tasks by status, for a doughnut (``json_script``)."""
    statuses = [status for status in STATUSES if rollup.counts[status]]
    return {
        "keys": statuses,
        "labels": [STATUS_LABELS[status] for status in statuses],
        "counts": [rollup.counts[status] for status in statuses],
        "colours": [STATUS_COLOURS[status] for status in statuses],
    }


@dataclass
class PlanProgress:
    plan: Plan
    on: date
    rows: list[AssignmentProgress]
    total: Rollup
    units: list[UnitLine]
    channels: list[ChannelLine]
    months: list[date]
    by_month: list[MonthLine] = field(default_factory=list)

    @cached_property
    def chart(self) -> dict[str, dict[str, list[Any]]]:
        """The dashboard's charts' data (``json_script``): each bar with the list of its activities."""
        return {
            "months": {
                "labels": [f"T{line.month.month}" for line in self.by_month],
                "done": [line.done for line in self.by_month],
                "due": [line.due for line in self.by_month],
                "urls": [line.url for line in self.by_month],
            },
            "channels": {
                "labels": [line.label for line in self.channels],
                "counts": [line.count for line in self.channels],
                "urls": [line.url for line in self.channels],
            },
        }

    @cached_property
    def overdue(self) -> list[OverdueLine]:
        """Units with overdue tasks, the latest first."""
        lines = [OverdueLine(line, line.overdue) for line in self.units]
        lines = [line for line in lines if line.rows]
        lines.sort(key=lambda item: (-item.rows[0].days_late, item.line.unit.name))
        return lines

    @property
    def url(self) -> str:
        return activities_url(plan=self.plan.pk, end=self.on, counted=True)


def _cells(
    prefix: str,
    rows: list[AssignmentProgress],
    months: list[date],
    on: date,
    memo: SequenceMemo,
    month_queries: list[str],
) -> list[GridCell]:
    """The unit's months: activities in each, and the unit's combined status at each month's end (or
    ``on``). A row's statuses follow from its cumulative done and count at the months' ends; rows with the
    same timetable and the same sums have the same statuses, computed once per dashboard (``memo``).
    ``prefix`` + a month's query is the list of the unit's activities that month."""
    first = month_index(months[0])
    size = len(months)
    days = [min(month_end(month), on) for month in months if month <= on]
    counts = [0] * size
    sequences: set[tuple[str, ...]] = set()
    for row in rows:
        # Position 0 holds what was done before the first month; position p + 1 month p.
        done_in = [0] * (size + 1)
        count_in = [0] * (size + 1)
        for _task, _unit, month, _channel, quantity, activities in row.buckets:
            position = month - first
            if position < 0:
                done_in[0] += quantity
                count_in[0] += activities
            elif position < size:
                done_in[position + 1] += quantity
                count_in[position + 1] += activities
                counts[position] += activities
        timetable = row.timetable
        if not timetable.countable:
            sequences.add(tuple(row.status_at(day) for day in days))
            continue
        done_by = tuple(accumulate(done_in))[1 : len(days) + 1]
        count_by = tuple(accumulate(count_in))[1 : len(days) + 1]
        key = (timetable, done_by, count_by)
        sequence = memo.get(key)
        if sequence is None:
            sequence = memo[key] = tuple(
                timetable.status(done, day, count > 0)
                for done, count, day in zip(done_by, count_by, days, strict=True)
            )
        sequences.add(sequence)
    statuses = [combined_status({sequence[p] for sequence in sequences}) for p in range(len(days))]
    statuses += [FUTURE] * (size - len(days))
    return [
        GridCell(month, counts[position], statuses[position], prefix + month_queries[position])
        for position, month in enumerate(months)
    ]


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
    base = reverse("activities:activity_list")
    memo: SequenceMemo = {}
    month_queries = [
        f"&date_from={month.isoformat()}&date_to={month_end(month).isoformat()}" for month in months
    ]
    units = [
        UnitLine(
            unit=unit_rows[0].unit,
            rollup=Rollup(unit_rows),
            cells=_cells(
                f"{base}?plan={plan.pk}&unit={unit_pk}&counted=on", unit_rows, months, on, memo, month_queries
            ),
            url=activities_url(plan=plan.pk, unit=unit_pk, end=on, counted=True, base=base),
            contacts=contacts.get(unit_pk, []),
        )
        for unit_pk, unit_rows in grouped.items()
    ]
    units.sort(key=lambda line: (STATUSES.index(line.rollup.status), line.unit.name))
    by_channel: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    first = month_index(months[0])
    done_in = [0] * len(months)
    for row in rows:
        for _task, _unit, month, channel, quantity, activities in row.buckets:
            totals = by_channel[channel]
            totals[0] += activities
            totals[1] += quantity
            if 0 <= month - first < len(months):
                done_in[month - first] += quantity
    channels = [
        ChannelLine(
            code,
            CHANNEL_LABELS.get(code, code),
            count,
            quantity,
            activities_url(plan=plan.pk, channel=code, end=on, counted=True, base=base),
        )
        for code, (count, quantity) in sorted(
            by_channel.items(), key=lambda item: (-item[1][0], CHANNEL_LABELS.get(item[0], item[0]))
        )
    ]
    return PlanProgress(
        plan,
        on,
        rows,
        Rollup(rows),
        units,
        channels,
        months,
        _by_month(plan, rows, months, on, done_in, base),
    )


def _by_month(
    plan: Plan, rows: list[AssignmentProgress], months: list[date], on: date, done_in: list[int], base: str
) -> list[MonthLine]:
    """Each month's outputs recorded and falling due: what is due by its end less what was due by the end
    of the month before, summed per timetable (rows sharing one share their due items). A month after
    the day shown has nothing recorded yet and no list to open."""
    sharing = Counter(row.timetable for row in rows)

    def due_by(day: date) -> int:
        return sum(count * (timetable.schedule.expected_by(day) or 0) for timetable, count in sharing.items())

    lines = []
    previous = due_by(months[0] - timedelta(days=1))
    for position, month in enumerate(months):
        cumulative = due_by(month_end(month))
        past = month <= on
        url = (
            activities_url(plan=plan.pk, start=month, end=min(month_end(month), on), counted=True, base=base)
            if past
            else ""
        )
        lines.append(MonthLine(month, done_in[position] if past else None, cumulative - previous, url))
        previous = cumulative
    return lines
