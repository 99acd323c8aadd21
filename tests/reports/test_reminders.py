"""The daily digest reminds a unit of the reports it owes and has not sent (through REMINDER_SOURCES)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cchc.notifications.models import Notification
from cchc.notifications.services import send_reminders
from cchc.reports import services
from cchc.reports.models import ReportingPeriod
from cchc.reports.reminders import due_reports
from tests.reports.factories import submit

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 6, 15)


@pytest.fixture
def line(dept_a, province):
    q2 = ReportingPeriod.get("quarter", 2026, 2)
    return services.add_requirement(dept_a, q2, recipient=province, due_date=date(2026, 6, 18))


def test_a_report_due_within_the_days_ahead_is_in_the_digest(officer_a, line) -> None:
    assert send_reminders(TODAY) >= 1

    body = Notification.objects.get(user=officer_a).body
    assert "18/06/2026 · Gửi báo cáo Quý II/2026 của Sở Nội vụ tỉnh Khánh Hòa đến Tỉnh Khánh Hòa" in body
    assert "Việc đến hạn trong 7 ngày tới:" in body


def test_a_sent_report_is_not_recalled_and_a_returned_one_is(officer_a, coordinator, line, dept_a) -> None:
    report = services.draft_report(dept_a, line.period, None, by=officer_a)
    assert [r.requirement for r in due_reports(officer_a, TODAY, 7)] == [line]

    submit(report, by=officer_a, now=datetime(2026, 6, 15, 9, tzinfo=VN))
    assert due_reports(officer_a, TODAY, 7) == []

    services.return_report(report, by=coordinator, comment="Bổ sung số liệu.")
    (reminder,) = due_reports(officer_a, TODAY, 7)
    assert "bị trả lại, cần gửi lại" in reminder.line()


def test_overdue_lines_are_recalled_for_a_while_and_far_ones_wait(officer_a, line) -> None:
    assert due_reports(officer_a, date(2026, 6, 10), 7) == []  # due in 8 days: not yet
    (late,) = due_reports(officer_a, date(2026, 7, 1), 7)
    assert late.is_overdue
    assert due_reports(officer_a, date(2026, 6, 18) + timedelta(days=91), 7) == []


def test_another_units_reports_are_not_in_the_users_digest(officer_b, line) -> None:
    assert due_reports(officer_b, TODAY, 7) == []


def test_the_calendar_feed_holds_the_reports_owed(officer_a, line) -> None:
    from icalendar import Calendar

    from cchc.notifications.ical import build_feed

    feed = Calendar.from_ical(build_feed(officer_a, TODAY, "https://cchc.example"))

    (event,) = [e for e in feed.walk("VEVENT") if str(e["uid"]) == f"report-due-{line.pk}@cchc"]
    assert str(event["summary"]) == "Hạn gửi báo cáo Quý II/2026 (Sở Nội vụ tỉnh Khánh Hòa)"
    assert event.decoded("dtstart") == date(2026, 6, 18)
    assert str(event["url"]) == "https://cchc.example/bao-cao/?nam=2026"
