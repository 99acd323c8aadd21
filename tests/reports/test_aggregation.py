"""Aggregation up the tree: the coordinator's report sums exactly its units' accepted reports plus its own
activities, at every level; completeness and timeliness with units missing and late; reminders; and a
number of queries that does not grow with the number of units."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.core.errors import DomainError
from cchc.notifications.models import Notification
from cchc.reports import services
from cchc.reports.aggregation import NOT_STARTED, period_status
from cchc.reports.figures import compute_figures
from cchc.reports.models import Report, ReportingPeriod
from tests.reports.factories import add, calendar, make_tree, submit

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = date(2026, 6, 18)


def at(day: int) -> datetime:
    return datetime(2026, 6, day, 9, tzinfo=VN)


@pytest.fixture
def q2(db) -> ReportingPeriod:
    return ReportingPeriod.get("quarter", 2026, 2)


def submit_and_accept(unit, period, preparer, reviewer, *, day: int = 16) -> Report:
    """Sent and accepted on ``day`` of June, or at the end of a later period's window."""
    when = max(at(day), datetime(period.end.year, period.end.month, period.end.day, 9, tzinfo=VN))
    report = services.draft_report(unit, period, None, by=preparer)
    submit(report, by=preparer, now=when)
    services.accept_report(report, by=reviewer, now=when)
    report.refresh_from_db()
    return report


def test_three_levels_sum_exactly_the_accepted_childrens_figures(q2) -> None:
    tree = make_tree(communes=3)
    calendar(tree, q2, DUE)
    c0, c1, c2 = tree.communes
    day = date(2026, 4, 20)
    add(tree.task, c0, day, quantity=3)
    add(tree.task, c0, day, quantity=2, measure="conferences", channel="conference", reach=150)
    add(tree.task, c1, day, quantity=5)
    add(tree.task, c1, day, quantity=30, measure="minutes", channel="radio")
    add(tree.task, c2, day, quantity=11)  # c2 submits but is never accepted: not summed
    add(tree.task, tree.district, day, quantity=7)
    add(tree.task, tree.province, day, quantity=13)
    add(tree.task, tree.province, date(2026, 6, 15), quantity=1000)  # after the cut-off
    users = tree.users

    submit_and_accept(c0, q2, users["commune0"], users["district"])
    submit_and_accept(c1, q2, users["commune1"], users["district"])
    pending = services.draft_report(c2, q2, None, by=users["commune2"])
    submit(pending, by=users["commune2"], now=at(17))

    district = submit_and_accept(tree.district, q2, users["district"], users["province"])
    province = services.draft_report(tree.province, q2, None, by=users["province"])

    assert district.figures["forms"]["articles"] == 3 + 5 + 7
    assert district.figures["forms"]["conferences"] == 2
    assert district.figures["forms"]["participants"] == 150
    assert district.figures["forms"]["broadcasts"] == 1
    assert district.figures["forms"]["broadcast_minutes"] == 30
    assert district.figures["own_forms"]["articles"] == 7
    assert [c["unit"] for c in district.figures["children"]] == [c0.name, c1.name]
    assert district.figures["missing"] == [{"unit_id": c2.pk, "unit": c2.name, "status": "submitted"}]
    assert district.figures["activity_count"] == 2 + 2 + 1

    assert province.figures["forms"]["articles"] == 3 + 5 + 7 + 13
    assert province.figures["forms"]["broadcast_minutes"] == 30
    assert province.figures["activity_count"] == 5 + 1
    assert [c["unit"] for c in province.figures["children"]] == [tree.district.name]
    assert province.figures["missing"] == []
    assert province.recipient is None  # the province reports to Bộ Nội vụ


def test_a_unit_whose_report_is_not_accepted_is_listed_not_summed(q2) -> None:
    tree = make_tree(communes=2)
    calendar(tree, q2, DUE)
    add(tree.task, tree.communes[0], date(2026, 4, 1), quantity=4)
    report = services.draft_report(tree.communes[0], q2, None, by=tree.users["commune0"])
    submit(report, by=tree.users["commune0"])
    services.return_report(report, by=tree.users["district"], comment="Thiếu minh chứng.")

    district = services.draft_report(tree.district, q2, None, by=tree.users["district"])

    assert district.figures["forms"]["articles"] == 0
    assert [(m["unit"], m["status"]) for m in district.figures["missing"]] == [
        (tree.communes[0].name, "returned"),
        (tree.communes[1].name, ""),
    ]


def test_completeness_and_timeliness_with_units_missing_and_late(q2) -> None:
    tree = make_tree(communes=4)
    calendar(tree, q2, DUE)
    c0, c1, c2, c3 = tree.communes
    users = tree.users
    submit_and_accept(c0, q2, users["commune0"], users["district"], day=16)  # on time, accepted
    late = services.draft_report(c1, q2, None, by=users["commune1"])
    submit(late, by=users["commune1"], now=at(19))  # late
    services.draft_report(c2, q2, None, by=users["commune2"])  # draft only: not received
    # c3: not started

    status = period_status(tree.district, q2, None)

    assert status.expected == 4
    assert status.received == 2
    assert status.on_time == 1
    assert str(status.completeness) == "50.0"
    assert str(status.timeliness) == "25.0"
    assert [row.status for row in status.rows] == ["accepted", "submitted", "draft", NOT_STARTED]
    assert [row.unit for row in status.to_remind] == [c2, c3]


def test_returned_report_stays_received_and_on_time(q2) -> None:
    tree = make_tree(communes=1)
    calendar(tree, q2, DUE)
    report = services.draft_report(tree.communes[0], q2, None, by=tree.users["commune0"])
    submit(report, by=tree.users["commune0"], now=at(16))
    services.return_report(report, by=tree.users["district"], comment="Sửa số liệu.")

    status = period_status(tree.district, q2, None)

    assert (status.received, status.on_time, status.expected) == (1, 1, 1)


def test_no_expected_unit_gives_no_rate(q2) -> None:
    tree = make_tree(communes=1)

    status = period_status(tree.district, q2, None)

    assert status.expected == 0
    assert status.completeness is None


def test_remind_notifies_and_emails_the_missing_units_only(
    q2, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    tree = make_tree(communes=3)
    calendar(tree, q2, DUE)
    tree.users["commune1"].email = "xa2@example.vn"
    tree.users["commune1"].save()
    submit_and_accept(tree.communes[0], q2, tree.users["commune0"], tree.users["district"])

    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.remind_missing(tree.district, q2, None, by=tree.users["district"])

    assert reminded == 2
    assert not Notification.objects.filter(user=tree.users["commune0"]).exists()
    assert Notification.objects.filter(user=tree.users["commune1"], title__contains="Quý II/2026").exists()
    assert Notification.objects.filter(user=tree.users["commune2"]).exists()
    assert [m.to for m in mail.outbox] == [["xa2@example.vn"]]


def test_remind_by_an_officer_is_refused(q2) -> None:
    tree = make_tree(communes=1)
    calendar(tree, q2, DUE)

    with pytest.raises(DomainError):
        services.remind_missing(tree.district, q2, None, by=tree.users["commune0"])
    assert not Notification.objects.exists()


def test_annual_aggregate_sums_four_accepted_quarters_when_no_annual_report(db) -> None:
    tree = make_tree(communes=2)
    year = ReportingPeriod.get("year", 2026)
    calendar(tree, year, date(2026, 12, 20))
    c0, c1 = tree.communes
    for index, day in enumerate(
        [date(2026, 1, 5), date(2026, 4, 5), date(2026, 7, 5), date(2026, 10, 5)], start=1
    ):
        quarter = ReportingPeriod.get("quarter", 2026, index)
        add(tree.task, c0, day, quantity=index)
        submit_and_accept(c0, quarter, tree.users["commune0"], tree.users["district"])
    # c1 has only three quarters accepted: it cannot be composed and is listed as missing.
    for index in (1, 2, 3):
        quarter = ReportingPeriod.get("quarter", 2026, index)
        add(tree.task, c1, date(2026, 2, 1), quantity=100)
        submit_and_accept(c1, quarter, tree.users["commune1"], tree.users["district"])

    district = services.draft_report(tree.district, year, None, by=tree.users["district"])

    assert district.figures["forms"]["articles"] == 1 + 2 + 3 + 4
    assert district.figures["children"][0]["composed"] is True
    assert len(district.figures["children"][0]["report_ids"]) == 4
    assert [m["unit"] for m in district.figures["missing"]] == [c1.name]


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


@pytest.mark.parametrize("what", ["figures", "status"])
def test_queries_do_not_grow_with_the_number_of_units(q2, what) -> None:
    counts = []
    for size in (1, 10):
        tree = make_tree(communes=size)
        calendar(tree, q2, DUE)
        for index, commune in enumerate(tree.communes):
            add(tree.task, commune, date(2026, 4, 1), quantity=2)
            submit_and_accept(commune, q2, tree.users[f"commune{index}"], tree.users["district"])
        add(tree.task, tree.district, date(2026, 4, 1))
        report = Report(unit=tree.district, period=q2, plan=None, due_date=DUE)
        if what == "figures":
            counts.append(_queries(lambda report=report: compute_figures(report)))
        else:
            counts.append(_queries(lambda tree=tree: period_status(tree.district, q2, None).completeness))
    assert counts[0] == counts[1]
