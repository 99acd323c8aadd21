"""draft → submitted (locked) → returned with a comment → resubmitted → accepted, with the full history;
a double submit changes nothing; the wrong unit and the wrong reviewer are refused; late is marked."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cchc.core.errors import DomainError
from cchc.notifications.models import Notification
from cchc.reports import services
from cchc.reports.models import Report, ReportingPeriod, ReviewEvent
from tests.reports.factories import submit

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def q2(db) -> ReportingPeriod:
    return ReportingPeriod.get("quarter", 2026, 2)


def at(day: int, month: int = 6, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=VN)


def test_report_goes_to_the_units_territory_without_a_calendar_line(officer_a, dept_a, province, q2) -> None:
    report = services.draft_report(dept_a, q2, None, by=officer_a)

    assert report.recipient == province
    assert report.due_date == date(2026, 6, 20)


@pytest.fixture
def province_report(officer_a, dept_a, province, q2) -> Report:
    services.add_requirement(dept_a, q2, recipient=province, due_date=date(2026, 6, 18))
    return services.draft_report(dept_a, q2, None, by=officer_a)


def test_submit_return_resubmit_accept_with_history(province_report, officer_a, coordinator) -> None:
    report = province_report
    submit(report, by=officer_a, now=at(16))
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert report.submitted_by == officer_a
    assert report.submitted_at == at(16)
    assert not report.is_editable

    services.return_report(report, by=coordinator, comment="Bổ sung số liệu hội nghị.", now=at(17))
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED
    assert report.is_editable
    assert Notification.objects.filter(user=officer_a, title__contains="trả lại").exists()

    submit(report, by=officer_a, now=at(19))
    services.accept_report(report, by=coordinator, now=at(20))
    report.refresh_from_db()

    assert report.status == Report.Status.ACCEPTED
    assert (report.accepted_by, report.accepted_at) == (coordinator, at(20))
    # Timeliness counts the first submission (16/6, due 18/6) even though the resubmission came on 19/6.
    assert report.first_submitted_at == at(16)
    assert report.is_late is False
    history = list(report.events.values_list("kind", "by__username", "comment", "is_late"))
    assert history == [
        (ReviewEvent.Kind.DRAFT, officer_a.username, "", False),
        (ReviewEvent.Kind.SUBMIT, officer_a.username, "", False),
        (ReviewEvent.Kind.RETURN, coordinator.username, "Bổ sung số liệu hội nghị.", False),
        (ReviewEvent.Kind.RESUBMIT, officer_a.username, "", True),
        (ReviewEvent.Kind.ACCEPT, coordinator.username, "", False),
    ]


def test_double_submit_is_harmless(province_report, officer_a) -> None:
    first = submit(province_report, by=officer_a, now=at(16))
    second = submit(province_report, by=officer_a, now=at(17))

    province_report.refresh_from_db()
    assert first is not None
    assert second is None
    assert province_report.submitted_at == at(16)
    assert province_report.events.filter(kind=ReviewEvent.Kind.SUBMIT).count() == 1


def test_submit_by_another_unit_is_refused(province_report, officer_b) -> None:
    with pytest.raises(DomainError, match="Chỉ cán bộ của đơn vị"):
        submit(province_report, by=officer_b)

    province_report.refresh_from_db()
    assert province_report.status == Report.Status.DRAFT
    assert not province_report.events.filter(kind=ReviewEvent.Kind.SUBMIT).exists()


def test_late_submission_is_marked_late(province_report, officer_a) -> None:
    event = submit(province_report, by=officer_a, now=at(19))

    province_report.refresh_from_db()
    assert province_report.is_late is True
    assert event.is_late is True


def test_submission_on_the_due_day_is_on_time(province_report, officer_a) -> None:
    # 23:30 in Vietnam on the due day is still the due day (16:30 UTC).
    submit(province_report, by=officer_a, now=at(18, hour=23))

    province_report.refresh_from_db()
    assert province_report.is_late is False


def test_officer_cannot_return_or_accept(province_report, officer_a, officer_b) -> None:
    submit(province_report, by=officer_a)

    for user in (officer_a, officer_b):
        with pytest.raises(DomainError, match="điều phối viên, lãnh đạo"):
            services.accept_report(province_report, by=user)
        with pytest.raises(DomainError, match="điều phối viên, lãnh đạo"):
            services.return_report(province_report, by=user, comment="x")
    province_report.refresh_from_db()
    assert province_report.status == Report.Status.SUBMITTED


def test_coordinator_of_another_province_cannot_review(province_report, officer_a, outsider) -> None:
    submit(province_report, by=officer_a)

    with pytest.raises(DomainError):
        services.accept_report(province_report, by=outsider)


def test_leader_of_the_province_can_accept(province_report, officer_a, leader) -> None:
    submit(province_report, by=officer_a)

    services.accept_report(province_report, by=leader)

    province_report.refresh_from_db()
    assert province_report.status == Report.Status.ACCEPTED


def test_return_needs_a_comment(province_report, officer_a, coordinator) -> None:
    submit(province_report, by=officer_a)

    with pytest.raises(DomainError, match="lý do"):
        services.return_report(province_report, by=coordinator, comment="   ")
    province_report.refresh_from_db()
    assert province_report.status == Report.Status.SUBMITTED


def test_draft_cannot_be_accepted_or_returned(province_report, coordinator) -> None:
    with pytest.raises(DomainError, match="đã gửi"):
        services.accept_report(province_report, by=coordinator)
    with pytest.raises(DomainError, match="đã gửi"):
        services.return_report(province_report, by=coordinator, comment="x")


def test_accepting_twice_is_refused_with_a_message(province_report, officer_a, coordinator) -> None:
    submit(province_report, by=officer_a)
    services.accept_report(province_report, by=coordinator)

    with pytest.raises(DomainError, match="đã được tiếp nhận"):
        services.accept_report(province_report, by=coordinator)
    assert province_report.events.filter(kind=ReviewEvent.Kind.ACCEPT).count() == 1


def test_accepted_report_cannot_be_submitted_again(province_report, officer_a, coordinator) -> None:
    submit(province_report, by=officer_a)
    services.accept_report(province_report, by=coordinator)

    assert submit(province_report, by=officer_a) is None
    province_report.refresh_from_db()
    assert province_report.status == Report.Status.ACCEPTED


def test_report_to_the_ministry_has_no_reviewer_in_the_system(coordinator, province, q2) -> None:
    report = services.draft_report(province, q2, None, by=coordinator)
    submit(report, by=coordinator)

    assert report.recipient is None
    with pytest.raises(DomainError):
        services.accept_report(report, by=coordinator)


def test_moving_the_due_date_moves_the_unsubmitted_report(province_report, coordinator, officer_a) -> None:
    requirement = province_report.requirement

    services.set_due_date(requirement, date(2026, 6, 25), by=coordinator)

    province_report.refresh_from_db()
    assert province_report.due_date == date(2026, 6, 25)
    with pytest.raises(DomainError, match="Chỉ điều phối viên"):
        services.set_due_date(requirement, date(2026, 6, 26), by=officer_a)
    with pytest.raises(DomainError, match="sau ngày chốt số liệu"):
        services.set_due_date(requirement, date(2026, 6, 1), by=coordinator)
