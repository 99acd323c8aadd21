"""The private iCalendar feed: it parses, lists due items and reporting deadlines as all-day events, and a
renewed token revokes the old address."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cchc.notifications.ical import build_feed, reporting_deadlines
from cchc.notifications.models import CalendarFeed
from cchc.plans.models import Plan, ReportingObligation
from tests.activities.factories import add_activity
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db


def _obligation(plan: Plan, **fields) -> ReportingObligation:
    values = {"period": ReportingObligation.Period.HALF_YEAR, "deadline_text": "trước ngày 05/6"}
    values.update(fields)
    return ReportingObligation.objects.create(plan=plan, **values)


def _events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_feed_parses_with_due_items_and_reporting_deadlines(member, task, plan, dept_a) -> None:
    _obligation(plan, deadline_day=5, deadline_month=6)
    _obligation(
        plan,
        period=ReportingObligation.Period.QUARTER,
        deadline_day=8,
        deadline_relative="last_month_of_period",
    )
    add_activity(task, dept_a, date(2026, 1, 10))

    data = build_feed(member, date(2026, 3, 10), "https://cchc.example.vn")
    calendar = Calendar.from_ical(data)
    events = _events(data)

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert "PRODID" in calendar
    assert "X-WR-CALNAME" in calendar
    due = sorted(uid for uid in events if uid.startswith("due-"))
    # January is covered by the activity; February to December are listed.
    assert due == sorted(f"due-{task.pk}-{dept_a.pk}-{index}@cchc" for index in range(2, 13))
    february = events[f"due-{task.pk}-{dept_a.pk}-2@cchc"]
    assert february["DTSTART"].dt == date(2026, 2, 28)
    assert type(february["DTSTART"].dt) is date
    assert february["DTEND"].dt == date(2026, 3, 1)
    assert str(february["SUMMARY"]).startswith("Quá hạn: ")
    assert str(february["URL"]) == f"https://cchc.example.vn{reverse('plans:plan_detail', args=[plan.pk])}"
    assert "DTSTAMP" in february
    reports = sorted(event["DTSTART"].dt for uid, event in events.items() if uid.startswith("report-"))
    assert reports == [
        date(2026, 3, 8),
        date(2026, 6, 5),
        date(2026, 6, 8),
        date(2026, 9, 8),
        date(2026, 12, 8),
    ]
    assert all(type(day) is date for day in reports)


def test_reporting_deadlines_skip_impossible_dates() -> None:
    obligation = ReportingObligation(
        period=ReportingObligation.Period.QUARTER, deadline_day=31, deadline_relative="last_month_of_period"
    )
    assert reporting_deadlines(obligation, 2026) == [date(2026, 3, 31), date(2026, 12, 31)]
    assert reporting_deadlines(ReportingObligation(period="year"), 2026) == []


def test_feed_view_needs_no_login_and_answers_text_calendar(member, province_committee, dept_a) -> None:
    plan = make_plan(province_committee, tasks=1, units=[dept_a], year=timezone.localdate().year)
    _obligation(plan, deadline_day=5, deadline_month=6)
    feed = CalendarFeed.objects.create(user=member)

    response = Client().get(reverse("notifications:calendar_feed", kwargs={"token": feed.token}))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response.content)
    assert any(uid.startswith("report-") for uid in events)
    assert any(uid.startswith("due-") for uid in events)
    assert "Hạn báo cáo" in response.content.decode()


def test_new_address_revokes_the_old_one(client_officer_a, officer_a) -> None:
    page = client_officer_a.get(reverse("notifications:calendar"))
    old = CalendarFeed.objects.get(user=officer_a).token
    assert old in page.content.decode()

    response = client_officer_a.post(reverse("notifications:calendar_renew"))

    new = CalendarFeed.objects.get(user=officer_a).token
    assert response.status_code == 302
    assert new != old
    assert Client().get(reverse("notifications:calendar_feed", kwargs={"token": old})).status_code == 404
    assert Client().get(reverse("notifications:calendar_feed", kwargs={"token": new})).status_code == 200
    assert new in client_officer_a.get(reverse("notifications:calendar")).content.decode()


def test_unknown_token_and_inactive_user_are_404(officer_a) -> None:
    feed = CalendarFeed.objects.create(user=officer_a)
    url = reverse("notifications:calendar_feed", kwargs={"token": feed.token})
    assert (
        Client().get(reverse("notifications:calendar_feed", kwargs={"token": "khong-ton-tai"})).status_code
        == 404
    )

    officer_a.is_active = False
    officer_a.save(update_fields=["is_active"])

    assert Client().get(url).status_code == 404


def test_feed_lists_a_year_ahead(member, task) -> None:
    events = _events(build_feed(member, date(2025, 12, 1)))

    # Due at each month's end of 2026; 31/12/2026 is more than a year after 1/12/2025.
    assert sorted(event["DTSTART"].dt for event in events.values())[-1] == date(2026, 11, 30)
    assert len(events) == 11
