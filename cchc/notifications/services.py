"""Items due for a user's units, and the daily reminder digest.

``due_items_for_user`` costs three queries whatever the number of tasks: the lead assignments of the
user's units (with tasks and plans), and the sums of their activities up to the day. ``send_reminders``
costs a fixed number of queries per user (about ten with a digest to send), never per task.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.urls import reverse
from django.utils.module_loading import import_string

from cchc.activities.models import Activity
from cchc.notifications.models import Notification, ReminderDigest, ReminderPreference
from cchc.orgs.models import Membership, Unit
from cchc.plans.models import PLAN_DOCUMENT_FIELDS, Assignment, Plan, Task
from cchc.schedule import DueItem, Schedule

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# Plan fields reminders never use: the text tree and the importer's lists.


@dataclass(frozen=True)
class ReminderItem:
    """One due item of a task a unit of the user leads, not yet covered by the unit's activities."""

    task: Task
    unit: Unit
    item: DueItem
    done: int
    today: date

    @property
    def due_date(self) -> date:
        return self.item.due_date

    @property
    def is_overdue(self) -> bool:
        return self.item.due_date < self.today

    @property
    def shortfall(self) -> int:
        """Outputs still missing to cover this item."""
        return self.item.cumulative - max(self.done, self.item.cumulative - self.item.quantity)

    @property
    def uid(self) -> str:
        return f"due-{self.task.pk}-{self.unit.pk}-{self.item.index}@cchc"

    def line(self) -> str:
        unit = f" {self.task.item_unit}" if self.task.item_unit else ""
        return (
            f"{self.due_date:%d/%m/%Y} · {self.task.title[:120]} ({self.unit.name}) — "
            f"còn thiếu {self.shortfall}{unit} · Kế hoạch {self.task.plan.display_number}"
        )


def _member_units(user: AbstractBaseUser) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).values("unit_id")


def due_items_for_user(user: AbstractBaseUser, today: date, days_ahead: int) -> list[ReminderItem]:
    """Unmet items due by ``today + days_ahead`` (overdue ones included) of the issued plans' tasks led by
    the units ``user`` is a member of, soonest first."""
    units = _member_units(user)
    assignments = list(
        Assignment.objects.leads()
        .filter(
            unit__in=units,
            task__plan__status=Plan.Status.ISSUED,
        )
        .select_related("task__plan", "unit")
        .defer(*(f"task__plan__{name}" for name in PLAN_DOCUMENT_FIELDS))
        .order_by("task_id", "pk")
    )
    if not assignments:
        return []
    done: dict[tuple[int, int], int] = defaultdict(int)
    task_ids = {a.task_id for a in assignments}
    # An activity logged on the unit's own sub-plan task counts for the parent task it carries out (as on
    # the dashboards), so a unit working through its sub-plan is not reminded of the parent task as overdue.
    sums = Activity.objects.filter(unit__in=units, date__lte=today).filter(
        Q(task_id__in=task_ids)
        | Q(task__parent_task_id__in=task_ids)
        | Q(task__parent_task__parent_task_id__in=task_ids)
    )
    for task_id, parent_id, grandparent_id, unit_id, quantity in (
        sums.order_by()
        .values("task_id", "task__parent_task_id", "task__parent_task__parent_task_id", "unit_id")
        .annotate(quantity=Sum("quantity"))
        .values_list(
            "task_id", "task__parent_task_id", "task__parent_task__parent_task_id", "unit_id", "quantity"
        )
    ):
        for candidate in (task_id, parent_id, grandparent_id):
            if candidate in task_ids:
                done[(candidate, unit_id)] += quantity or 0
                break
    horizon = today + timedelta(days=days_ahead)
    schedules: dict[tuple[int, int | None], Schedule] = {}
    items: list[ReminderItem] = []
    seen: set[tuple[int, int]] = set()
    for assignment in assignments:
        key = (assignment.task_id, assignment.unit_id)
        if key in seen:
            continue
        seen.add(key)
        schedule_key = (assignment.task_id, assignment.expected_quantity)
        if schedule_key not in schedules:
            schedules[schedule_key] = assignment.task.schedule(assignment.expected_quantity)
        unit_done = done[key]
        for item in schedules[schedule_key].due_items:
            if item.due_date > horizon:
                break
            if item.cumulative > unit_done:
                items.append(ReminderItem(assignment.task, assignment.unit, item, unit_done, today))
    items.sort(key=lambda i: (i.due_date, i.task.plan_id, i.task.position, i.task.pk, i.unit.name))
    return items


class Reminder(Protocol):
    """What a digest line needs: the tasks' due items here, and the items of ``REMINDER_SOURCES``."""

    @property
    def due_date(self) -> date: ...

    @property
    def is_overdue(self) -> bool: ...

    def line(self) -> str: ...


class SourceItem(Reminder, Protocol):
    """An item of ``settings.REMINDER_SOURCES``: also an event of the calendar feed."""

    @property
    def uid(self) -> str: ...

    @property
    def path(self) -> str: ...

    def summary(self) -> str: ...


def source_items(user: AbstractBaseUser, today: date, days_ahead: int) -> list[SourceItem]:
    """The items of the apps above (``settings.REMINDER_SOURCES``: functions of ``(user, today,
    days_ahead)``, e.g. the reports the user's units owe)."""
    items: list[SourceItem] = []
    for path in settings.REMINDER_SOURCES:
        items.extend(import_string(path)(user, today, days_ahead))
    return items


def reminder_items(user: AbstractBaseUser, today: date, days_ahead: int) -> list[Reminder]:
    """The user's due items of tasks and of ``source_items``, by due date."""
    items: list[Reminder] = [
        *due_items_for_user(user, today, days_ahead),
        *source_items(user, today, days_ahead),
    ]
    return sorted(items, key=lambda item: item.due_date)


def preference_of(user: AbstractBaseUser) -> ReminderPreference:
    """The user's preference, or the defaults (unsaved) when it never chose."""
    try:
        return user.reminder_preference
    except ReminderPreference.DoesNotExist:
        return ReminderPreference(user=user)


def digest_text(
    user: AbstractBaseUser, items: list[Reminder], today: date, days_ahead: int
) -> tuple[str, str]:
    """The digest's subject and body, in Vietnamese."""
    overdue = [i for i in items if i.is_overdue]
    upcoming = [i for i in items if not i.is_overdue]
    parts = []
    if overdue:
        parts.append(f"{len(overdue)} việc quá hạn")
    if upcoming:
        parts.append(f"{len(upcoming)} việc sắp đến hạn")
    subject = f"[CCHC] Nhắc việc ngày {today:%d/%m/%Y}: {', '.join(parts)}"
    name = user.get_full_name() or user.get_username()
    lines = [f"Kính gửi {name},", ""]
    if overdue:
        lines.append("Việc đã quá hạn:")
        lines.extend(f"- {i.line()}" for i in overdue)
        lines.append("")
    if upcoming:
        lines.append(f"Việc đến hạn trong {days_ahead} ngày tới:")
        lines.extend(f"- {i.line()}" for i in upcoming)
        lines.append("")
    lines.append("Vui lòng cập nhật hoạt động đã thực hiện và gửi báo cáo đúng hạn trên hệ thống CCHC.")
    lines.append("Thư này được gửi tự động; có thể đổi thời gian nhắc và cách nhận tại mục Thông báo.")
    return subject, "\n".join(lines)


def send_reminders(today: date) -> int:
    """Send each member its digest of ``today`` once; returns how many users got one.

    The digest row is created in the same transaction as the notification and the e-mail: a second run
    (or a concurrent one, which waits on the unique (user, day) row) finds it and sends nothing.
    """
    users = (
        get_user_model()
        .objects.filter(is_active=True, pk__in=Membership.objects.values("user_id"))
        .select_related("reminder_preference")
        .order_by("pk")
    )
    sent = 0
    for user in list(users):
        preference = preference_of(user)
        by_email = preference.by_email and bool(user.email)
        if not (by_email or preference.in_app):
            continue
        if ReminderDigest.objects.filter(user=user, day=today).exists():
            continue
        items = reminder_items(user, today, preference.days_ahead)
        if not items:
            continue
        subject, body = digest_text(user, items, today, preference.days_ahead)
        with transaction.atomic():
            _, created = ReminderDigest.objects.select_for_update().get_or_create(
                user=user,
                day=today,
                defaults={"item_count": len(items), "by_email": by_email, "in_app": preference.in_app},
            )
            if not created:
                continue
            if preference.in_app:
                Notification.objects.create(user=user, title=subject, body=body, link=reverse("home"))
            if by_email:
                send_mail(subject, body, None, [user.email])
        sent += 1
    return sent


def notify(user: AbstractBaseUser, title: str, body: str, link: str) -> Notification:
    """Tell one user: an in-app notification now, and an e-mail when the surrounding transaction commits
    (a rolled-back action sends nothing)."""
    notification = Notification.objects.create(user=user, title=title[:255], body=body, link=link)
    address = getattr(user, "email", "")
    if address:
        transaction.on_commit(lambda: send_mail(title, body, None, [address]))
    return notification
