"""The dashboards: what they show on a frozen day, their links to the activities, and a query count that
does not grow with the number of units."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.activities.models import Activity
from cchc.plans.models import Assignment, Plan
from tests.activities.factories import add_activity
from tests.factories import add_membership, make_unit, make_user
from tests.plans.factories import make_plan, make_task

pytestmark = pytest.mark.django_db


def _dashboard(client, plan: Plan, day: str = ""):
    url = reverse("tracking:plan_dashboard", kwargs={"pk": plan.pk})
    return client.get(url, {"ngay": day} if day else {})


def test_plan_dashboard_on_a_frozen_day(client_coordinator, plan, task, dept_a, officer_a) -> None:
    officer_a.email = "canbo.a@example.vn"
    officer_a.save()
    add_activity(task, dept_a, date(2026, 1, 10))

    response = _dashboard(client_coordinator, plan, "2026-03-02")

    assert response.status_code == 200
    progress = response.context["progress"]
    assert progress.on == date(2026, 3, 2)
    assert progress.total.counts["overdue"] == 1
    html = response.content.decode()
    assert "Quá hạn" in html
    assert "mailto:canbo.a@example.vn" in html  # whom to call
    assert (
        f"?plan={plan.pk}&amp;unit={dept_a.pk}&amp;counted=on&amp;date_from=2026-01-01&amp;date_to=2026-01-31"
        in html
    )


def test_dashboard_links_lead_to_the_activities_behind_the_numbers(
    client_coordinator, plan, task, dept_a
) -> None:
    add_activity(task, dept_a, date(2026, 1, 10))
    add_activity(task, dept_a, date(2026, 2, 10))
    (line,) = _dashboard(client_coordinator, plan, "2026-02-20").context["progress"].units

    response = client_coordinator.get(line.cells[0].url)

    assert [a.date for a in response.context["page"].object_list] == [date(2026, 1, 10)]
    assert (
        len(client_coordinator.get(line.url).context["page"].object_list) == line.rollup.activity_count == 2
    )


def test_a_wrong_day_falls_back_to_today_with_a_message(client_coordinator, plan) -> None:
    response = _dashboard(client_coordinator, plan, "2026-02-30")

    assert response.status_code == 200
    assert response.context["day_error"]
    assert response.context["progress"].on == response.context["on"]
    assert "không hợp lệ" in response.content.decode()


def test_unit_dashboard_lists_own_tasks_with_next_due(client_officer_a, plan, task, dept_a) -> None:
    add_activity(task, dept_a, date(2026, 1, 10))

    response = client_officer_a.get(reverse("tracking:unit_dashboard"), {"ngay": "2026-02-15"})

    (row,) = response.context["rows"]
    assert (row.task, row.status, row.next_due.due_date) == (task, "on_track", date(2026, 2, 28))
    assert "28/02/2026" in response.content.decode()
    assert response.context["plans"] == []


def test_unit_dashboard_of_a_coordinator_links_the_plans_it_follows(client_coordinator, plan) -> None:
    response = client_coordinator.get(reverse("tracking:unit_dashboard"))

    assert plan in response.context["plans"]
    assert reverse("tracking:plan_dashboard", kwargs={"pk": plan.pk}) in response.content.decode()


def _plan_with_units(issuer, parent, size: int) -> tuple[Plan, list]:
    """A plan of two tasks led by ``size`` new units, each with three activities and one officer."""
    units = [make_unit(parent=parent) for _ in range(size)]
    plan = make_plan(issuer, tasks=0)
    tasks = [make_task(plan, units=[], position=position) for position in range(2)]
    Assignment.objects.bulk_create(
        Assignment(task=task, unit=unit, role=Assignment.Role.LEAD, text=unit.name)
        for task in tasks
        for unit in units
    )
    Activity.objects.bulk_create(
        Activity(
            task=task,
            unit=unit,
            date=date(2026, month, 3),
            channel="press",
            title="Tin",
            measure=Activity.Measure.ARTICLES,
        )
        for task in tasks
        for unit in units
        for month in (1, 2, 3)
    )
    for unit in units:
        make_user(unit=unit, email="a@example.vn")
    return plan, units


def _queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_plan_dashboard_queries_do_not_grow_with_units(
    client_coordinator, province, province_committee, django_assert_num_queries
) -> None:
    small, _ = _plan_with_units(province_committee, province, 1)
    large, _ = _plan_with_units(province_committee, province, 100)
    params = {"ngay": "2026-05-01"}
    _queries(
        client_coordinator, reverse("tracking:plan_dashboard", kwargs={"pk": small.pk}), params
    )  # warm up

    count = _queries(client_coordinator, reverse("tracking:plan_dashboard", kwargs={"pk": small.pk}), params)
    with django_assert_num_queries(count):
        response = client_coordinator.get(reverse("tracking:plan_dashboard", kwargs={"pk": large.pk}), params)

    assert len(response.context["progress"].units) == 100
    assert response.context["progress"].total.counts["overdue"] == 200


def test_unit_dashboard_queries_do_not_grow_with_units(
    province, province_committee, django_assert_num_queries
) -> None:
    from django.test import Client

    _, small_units = _plan_with_units(province_committee, province, 1)
    _, large_units = _plan_with_units(province_committee, province, 100)
    one, many = make_user(unit=small_units[0]), make_user()
    for unit in large_units:
        add_membership(many, unit)
    url = reverse("tracking:unit_dashboard")
    clients = []
    for user in (one, many):
        client = Client()
        client.force_login(user)
        clients.append(client)
    _queries(clients[0], url, {"ngay": "2026-05-01"})

    count = _queries(clients[0], url, {"ngay": "2026-05-01"})
    with django_assert_num_queries(count):
        response = clients[1].get(url, {"ngay": "2026-05-01"})

    assert len(response.context["rows"]) == 200


def test_markup_built_for_speed_escapes_what_users_typed(
    client_coordinator, plan, task, dept_a, officer_a
) -> None:
    task.title = "Tin <b>đậm</b> & “trích”"
    task.save(update_fields=["title"])
    officer_a.first_name = "<script>x</script>"
    officer_a.email = "a&b@example.vn"
    officer_a.save()

    html = _dashboard(client_coordinator, plan, "2026-03-02").content.decode()

    assert "Tin &lt;b&gt;đậm&lt;/b&gt; &amp; “trích”" in html  # the overdue list
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html  # whom to call
    assert 'href="mailto:a&amp;b@example.vn"' in html
    # A grid cell: status colour, words and icon, and its link with escaped ampersands.
    cell = (
        f'<td class="bg-danger-subtle text-danger-emphasis" title="Quá hạn"><a class="link-body-emphasis" '
        f'href="/hoat-dong/?plan={plan.pk}&amp;unit={dept_a.pk}&amp;counted=on&amp;date_from=2026-02-01&amp;date_to=2026-02-28">0'
        f'</a><span class="visually-hidden"> hoạt động, Quá hạn</span>'
    )
    assert cell in html


def test_plan_dashboard_charts_draw_the_figures_of_the_page(client_coordinator, plan, task, dept_a) -> None:
    add_activity(task, dept_a, date(2026, 1, 10), quantity=2, channel="radio")
    add_activity(task, dept_a, date(2026, 3, 10))

    response = _dashboard(client_coordinator, plan, "2026-03-15")

    progress = response.context["progress"]
    chart = progress.chart
    assert chart["months"]["labels"][:3] == ["T1", "T2", "T3"]
    assert chart["months"]["done"] == [2, 0, 1] + [None] * 9  # nothing recorded after the day shown
    assert chart["months"]["due"] == [1] * 12
    assert sum(chart["months"]["due"][:2]) == progress.total.expected  # due by 15/3: January, February
    assert chart["months"]["urls"][0].endswith(
        f"plan={plan.pk}&date_from=2026-01-01&date_to=2026-01-31&counted=on"
    )
    assert chart["months"]["urls"][2].endswith("date_from=2026-03-01&date_to=2026-03-15&counted=on")
    assert chart["months"]["urls"][3] == ""
    assert chart["channels"]["counts"] == [line.count for line in progress.channels] == [1, 1]
    assert chart["channels"]["urls"] == [line.url for line in progress.channels]
    html = response.content.decode()
    assert '<script id="chart-data" type="application/json">' in html
    assert (
        'data-chart="months"' in html and "vendor/chartjs/chart.umd.min.js" in html and "js/charts.js" in html
    )
    # The month's list holds exactly what its bar counts.
    listed = client_coordinator.get(chart["months"]["urls"][0]).context["page"].object_list
    assert sum(activity.quantity for activity in listed) == chart["months"]["done"][0]


def test_unit_dashboard_status_doughnut(client_officer_a, plan, task, dept_a, dept_b) -> None:
    make_task(plan, units=[dept_a], position=1)
    add_activity(task, dept_a, date(2026, 1, 10))

    response = client_officer_a.get(reverse("tracking:unit_dashboard"), {"ngay": "2026-02-15"})

    chart = response.context["charts"]["statuses"]
    assert chart["keys"] == ["overdue", "on_track"]
    assert chart["counts"] == [1, 1]
    assert chart["colours"] == ["--bs-danger", "--bs-info"]
    html = response.content.decode()
    assert '<script id="chart-data" type="application/json">' in html
    assert 'data-status-filter="overdue"' in html and 'data-status-row="on_track"' in html


def _main(html: str) -> str:
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_a_leader_sees_the_plan_dashboard_read_only(client_leader, plan, task, dept_a) -> None:
    add_activity(task, dept_a, date(2026, 1, 10))

    response = _dashboard(client_leader, plan, "2026-03-02")

    assert response.status_code == 200
    main = _main(response.content.decode())
    assert "Việc quá hạn — cần liên hệ" in main and 'data-chart="months"' in main
    assert 'method="post"' not in main.lower()
    assert reverse("activities:activity_create") not in main and "/sua/" not in main


def test_a_leader_sees_the_plans_it_follows_at_a_glance(client_leader, plan, task, dept_a, dept_b) -> None:
    second = make_task(plan, units=[dept_a, dept_b], position=1)
    add_activity(task, dept_a, date(2026, 1, 10))
    add_activity(task, dept_a, date(2026, 2, 10))
    add_activity(second, dept_a, date(2026, 2, 10))

    response = client_leader.get(reverse("tracking:unit_dashboard"), {"ngay": "2026-03-02"})

    (summary,) = response.context["summaries"]
    assert summary.plan == plan
    assert summary.rollup.counts == {
        "overdue": 2,  # second task: dept_a has 1 of 2 due, dept_b nothing
        "behind": 0,
        "not_started": 0,
        "on_track": 1,
        "completed": 0,
    }
    assert summary.rollup.overdue_units == 2
    main = _main(response.content.decode())
    assert f'href="/theo-doi/ke-hoach/{plan.pk}/?ngay=2026-03-02#overdue-title" data-overdue="2"' in main
    assert "2 đơn vị" in main


def test_plans_at_a_glance_cost_the_same_queries_for_one_plan_or_several(
    client_leader, province_committee, dept_a, dept_b
) -> None:
    make_plan(province_committee, tasks=2, units=[dept_a])
    url = reverse("tracking:unit_dashboard")
    client_leader.get(url)
    count = _queries(client_leader, url, {"ngay": "2026-05-01"})
    for _plan in range(3):
        make_plan(province_committee, tasks=2, units=[dept_a, dept_b])

    with CaptureQueriesContext(connection) as queries:
        response = client_leader.get(url, {"ngay": "2026-05-01"})

    assert len(response.context["summaries"]) == 4
    assert len(queries) == count
