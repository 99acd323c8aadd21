"""The daily digest: once a day whatever the number of runs, what it lists, and the user's choices."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.notifications.models import Notification, ReminderDigest, ReminderPreference
from cchc.notifications.services import due_items_for_user, send_reminders
from cchc.notifications.tasks import send_daily_reminders
from cchc.plans.models import Plan
from tests.activities.factories import add_activity
from tests.plans.factories import make_plan, make_task

pytestmark = pytest.mark.django_db

MARCH_10 = date(2026, 3, 10)


def test_running_twice_a_day_sends_once(member, task) -> None:
    assert send_reminders(MARCH_10) == 1
    assert send_reminders(MARCH_10) == 0

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["canbo.a@example.vn"]
    assert Notification.objects.filter(user=member).count() == 1
    assert ReminderDigest.objects.get(user=member).day == MARCH_10


def test_command_and_celery_task_share_the_idempotency(member, task, capsys) -> None:
    call_command("send_reminders", "--date", "2026-03-10")
    call_command("send_reminders", "--date", "2026-03-10")
    assert send_daily_reminders.delay("2026-03-10").get() == 0

    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1
    assert "cho 1 người dùng" in capsys.readouterr().out


def test_next_day_sends_again(member, task) -> None:
    send_reminders(MARCH_10)
    send_reminders(date(2026, 3, 11))

    assert len(mail.outbox) == 2
    assert Notification.objects.filter(user=member).count() == 2


def test_overdue_items_are_listed_and_covered_ones_are_not(member, task, dept_a) -> None:
    items = due_items_for_user(member, MARCH_10, 7)
    assert [(i.due_date, i.is_overdue) for i in items] == [
        (date(2026, 1, 31), True),
        (date(2026, 2, 28), True),
    ]

    send_reminders(MARCH_10)
    body = mail.outbox[0].body
    assert "Việc đã quá hạn:" in body
    assert "31/01/2026" in body
    assert task.title in body
    assert "2 việc quá hạn" in mail.outbox[0].subject

    add_activity(task, dept_a, date(2026, 2, 3))
    assert [i.due_date for i in due_items_for_user(member, MARCH_10, 7)] == [date(2026, 2, 28)]
    add_activity(task, dept_a, date(2026, 3, 1))
    assert due_items_for_user(member, MARCH_10, 7) == []


def test_days_ahead_sets_the_window(member, task) -> None:
    ReminderPreference.objects.create(user=member, days_ahead=5)
    assert send_reminders(date(2026, 1, 25)) == 0
    assert mail.outbox == []

    member.reminder_preference.days_ahead = 6
    member.reminder_preference.save()
    assert send_reminders(date(2026, 1, 25)) == 1
    assert "1 việc sắp đến hạn" in mail.outbox[0].subject
    assert "31/01/2026" in mail.outbox[0].body


def test_no_email_when_email_is_off(member, task) -> None:
    ReminderPreference.objects.create(user=member, by_email=False)

    assert send_reminders(MARCH_10) == 1
    assert mail.outbox == []
    assert Notification.objects.filter(user=member).count() == 1


def test_no_notification_when_in_app_is_off(member, task) -> None:
    ReminderPreference.objects.create(user=member, in_app=False)

    assert send_reminders(MARCH_10) == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 0


def test_both_channels_off_sends_nothing(member, task) -> None:
    ReminderPreference.objects.create(user=member, in_app=False, by_email=False)

    assert send_reminders(MARCH_10) == 0
    assert ReminderDigest.objects.count() == 0


def test_other_units_and_draft_plans_get_nothing(member, officer_b, province_committee, dept_a) -> None:
    make_plan(province_committee, tasks=1, units=[dept_a], status=Plan.Status.DRAFT)
    officer_b.email = "canbo.b@example.vn"
    officer_b.save(update_fields=["email"])

    assert send_reminders(MARCH_10) == 0
    assert mail.outbox == []


def _queries(day: date) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert send_reminders(day) == 1
    return len(queries)


def test_queries_do_not_grow_with_tasks(member, plan, dept_a) -> None:
    """A fixed number of queries per user: the same for 1 task as for 20."""
    make_task(plan, units=[dept_a], position=1)
    one = _queries(MARCH_10)
    for position in range(2, 22):
        task = make_task(plan, units=[dept_a], position=position)
        add_activity(task, dept_a, date(2026, 1, 5))

    assert _queries(date(2026, 3, 11)) == one


def test_work_logged_on_the_units_sub_plan_counts_for_the_parent_task(member, plan, task, dept_a) -> None:
    from cchc.plans.subplans import derive_subplans

    [child] = derive_subplans(plan, [dept_a], by=None)
    child_task = child.tasks.get()
    add_activity(child_task, dept_a, date(2026, 2, 3))

    assert [i.due_date for i in due_items_for_user(member, MARCH_10, 7)] == [date(2026, 2, 28)]
    add_activity(child_task, dept_a, date(2026, 3, 1))
    assert due_items_for_user(member, MARCH_10, 7) == []
