"""List pages and plan detail run the same number of SQL queries whatever the data size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.plans.factories import make_plan, make_task

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_plan_list_queries_do_not_grow_with_plans(client_coordinator, province_committee, dept_a, dept_b):
    make_plan(province_committee, tasks=2, units=[dept_a])
    url = reverse("plans:plan_list")
    one = _count(client_coordinator, url)
    for index in range(9):
        make_plan(
            dept_a if index % 2 else province_committee, tasks=3, units=[dept_a, dept_b], year=2020 + index
        )

    ten = _count(client_coordinator, url)

    assert one == ten
    assert ten <= MAX_QUERIES


def test_plan_detail_queries_do_not_grow_with_tasks(client_coordinator, province_committee, dept_a, dept_b):
    small = make_plan(province_committee, tasks=1, units=[dept_a])
    large = make_plan(province_committee, tasks=30, units=[dept_a, dept_b])

    one = _count(client_coordinator, reverse("plans:plan_detail", args=[small.pk]))
    thirty = _count(client_coordinator, reverse("plans:plan_detail", args=[large.pk]))

    assert one == thirty
    assert thirty <= MAX_QUERIES


def test_home_queries_do_not_grow_with_tasks(client_officer_a, province_committee, dept_a, dept_b):
    year = timezone.localdate().year
    plan = make_plan(province_committee, year=year)
    make_task(plan, units=[dept_a])
    one = _count(client_officer_a, reverse("home"))
    for position in range(1, 10):
        make_task(make_plan(province_committee, year=year), units=[dept_a, dept_b], position=position)

    ten = _count(client_officer_a, reverse("home"))

    assert one == ten
    assert ten <= MAX_QUERIES


def test_task_edit_queries_do_not_grow_with_assignments(
    client_coordinator, province_committee, dept_a, dept_b
):
    plan = make_plan(province_committee)
    small = make_task(plan, units=[dept_a])
    large = make_task(plan, units=[dept_a, dept_b], position=1)
    for index in range(5):
        large.assignments.create(role="coordinating", text=f"Tên lạ {index}", is_resolved=False)

    one = _count(client_coordinator, reverse("plans:task_edit", args=[small.pk]))
    many = _count(client_coordinator, reverse("plans:task_edit", args=[large.pk]))

    assert one == many
