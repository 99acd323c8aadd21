"""Sub-plans in progress: a sub-plan task's activities count for the parent plan's task it carries out,
for the activity's unit, once; the sub-plan's own dashboard counts them too; the links list them."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.activities.services import SUBPLAN_DEPTH
from cchc.orgs.models import Unit
from cchc.plans.models import Plan
from cchc.tracking.progress import assignment_progress, plan_progress, subtree_rollup, unit_task_progress
from tests.activities.factories import add_activity
from tests.factories import make_unit
from tests.plans.factories import make_plan, make_task

pytestmark = pytest.mark.django_db

ON = date(2026, 6, 30)


@pytest.fixture
def chain(plan, task, dept_a):
    """dept_a leads ``task`` of the province's plan, and the same work in its own sub-plan and in a
    sub-sub-plan (each task pointing to the one it carries out); one activity at each level."""
    child_plan = make_plan(dept_a, parent=plan)
    child = make_task(child_plan, units=[dept_a], parent_task=task)
    grandchild_plan = make_plan(dept_a, parent=child_plan)
    grandchild = make_task(grandchild_plan, units=[dept_a], parent_task=child)
    add_activity(task, dept_a, date(2026, 1, 10), channel="press")
    add_activity(child, dept_a, date(2026, 2, 10), quantity=2, channel="radio")
    add_activity(grandchild, dept_a, date(2026, 3, 10), channel="radio")
    return child, grandchild


def _row(plan: Plan, unit: Unit):
    (row,) = [row for row in assignment_progress(plan, ON) if row.unit == unit]
    return row


def test_children_activities_count_once_for_the_parent_task(plan, dept_a, dept_b, chain) -> None:
    progress = plan_progress(plan, ON)

    (row,) = progress.rows
    assert (row.done, row.activity_count) == (4, 3)
    assert progress.total.done == 4
    assert subtree_rollup(progress.rows, Unit.objects.get(pk=dept_a.parent_id)).done == 4
    assert subtree_rollup(progress.rows, dept_a).done == 4
    assert {line.channel: line.count for line in progress.channels} == {"press": 1, "radio": 2}
    (line,) = progress.units
    assert [cell.count for cell in line.cells[:4]] == [1, 1, 1, 0]
    assert line.rollup.done == 4


def test_sub_plans_count_their_own_and_their_childrens_activities(dept_a, chain) -> None:
    child, grandchild = chain

    assert (_row(child.plan, dept_a).done, _row(child.plan, dept_a).activity_count) == (3, 2)
    assert (_row(grandchild.plan, dept_a).done, _row(grandchild.plan, dept_a).activity_count) == (1, 1)


def test_an_activity_counts_for_its_unit_as_if_recorded_on_the_parent_task(plan, task, dept_a) -> None:
    office = make_unit(parent=dept_a, name="Phòng thuộc Sở")
    child_plan = make_plan(dept_a, parent=plan)
    child = make_task(child_plan, units=[office], parent_task=task)
    add_activity(child, office, date(2026, 1, 5))
    add_activity(child, dept_a, date(2026, 1, 6))

    # The office leads nothing in the parent plan: like an activity of a non-lead unit on the task itself,
    # it counts there for no row; dept_a's does count for dept_a's row.
    assert plan_progress(plan, ON).total.done == 1
    assert _row(plan, dept_a).done == 1
    # In the sub-plan the office leads the task: its activity counts there; dept_a leads nothing there.
    (row,) = assignment_progress(child_plan, ON)
    assert (row.unit, row.done) == (office, 1)


def test_a_task_carrying_out_another_of_the_same_plan_counts_once(plan, task, dept_a) -> None:
    inner = make_task(plan, units=[dept_a], position=1, parent_task=task)
    add_activity(inner, dept_a, date(2026, 1, 5))

    progress = plan_progress(plan, ON)

    assert {row.task.pk: row.done for row in progress.rows} == {task.pk: 0, inner.pk: 1}
    assert progress.total.done == 1


def test_deeper_than_the_limit_does_not_count(plan, task, dept_a) -> None:
    parent = task
    for _level in range(SUBPLAN_DEPTH + 1):
        parent = make_task(make_plan(dept_a, parent=parent.plan), units=[dept_a], parent_task=parent)
    add_activity(parent, dept_a, date(2026, 1, 5))

    assert _row(plan, dept_a).done == 0
    assert _row(parent.plan.parent, dept_a).done == 1


def test_unit_dashboard_counts_each_plan_by_its_own_tasks(plan, task, dept_a, chain) -> None:
    child, grandchild = chain

    rows = unit_task_progress(Unit.objects.filter(pk=dept_a.pk), Plan.objects.all(), ON)

    assert {row.task.pk: row.done for row in rows} == {task.pk: 4, child.pk: 3, grandchild.pk: 1}


def test_the_links_list_exactly_the_activities_counted(client_coordinator, plan, task, dept_a, chain) -> None:
    response = client_coordinator.get(
        reverse("tracking:plan_dashboard", kwargs={"pk": plan.pk}), {"ngay": "2026-06-30"}
    )
    progress = response.context["progress"]
    (row,) = progress.rows
    (line,) = progress.units

    listed = client_coordinator.get(row.activities_url).context["page"].object_list
    assert len(listed) == row.activity_count == 3
    assert len(client_coordinator.get(line.url).context["page"].object_list) == 3
    assert len(client_coordinator.get(line.cells[2].url).context["page"].object_list) == 1  # March
    radio = next(channel for channel in progress.channels if channel.channel == "radio")
    assert len(client_coordinator.get(radio.url).context["page"].object_list) == radio.count == 2


def test_the_activity_list_filters_by_a_task_with_only_sub_plan_activities(
    client_coordinator, plan, task, dept_a
) -> None:
    child = make_task(make_plan(dept_a, parent=plan), units=[dept_a], parent_task=task)
    add_activity(child, dept_a, date(2026, 2, 10))
    other = make_task(plan, units=[dept_a], position=1)
    add_activity(other, dept_a, date(2026, 2, 11))

    response = client_coordinator.get(reverse("activities:activity_list"), {"task": task.pk})

    assert response.context["form"].is_valid()
    assert [activity.task for activity in response.context["page"].object_list] == [child]
    assert plan in response.context["form"].fields["plan"].queryset


def test_sub_plans_add_no_query_to_the_dashboard(client_coordinator, plan, task, dept_a) -> None:
    url = reverse("tracking:plan_dashboard", kwargs={"pk": plan.pk})
    client_coordinator.get(url)
    with CaptureQueriesContext(connection) as before:
        client_coordinator.get(url)
    child = make_task(make_plan(dept_a, parent=plan), units=[dept_a], parent_task=task)
    add_activity(child, dept_a, date(2026, 1, 5))

    with CaptureQueriesContext(connection) as after:
        response = client_coordinator.get(url, {"ngay": "2026-06-30"})

    assert response.context["progress"].total.done == 1
    assert len(after) == len(before)


def test_a_coordinating_units_work_is_listed_apart_from_the_counted_numbers(
    client_coordinator, plan, task, dept_a, dept_b, chain
) -> None:
    """dept_b coordinates ``task``: its article is real work, but progress counts the lead's; the plan's
    links (unit, month, channel, whole plan) open exactly the counted activities."""
    from cchc.plans.models import Assignment

    Assignment.objects.create(task=task, unit=dept_b, role=Assignment.Role.COORDINATING, text=dept_b.name)
    add_activity(task, dept_b, date(2026, 3, 12), channel="radio")
    response = client_coordinator.get(
        reverse("tracking:plan_dashboard", kwargs={"pk": plan.pk}), {"ngay": "2026-06-30"}
    )
    progress = response.context["progress"]
    (line,) = progress.units
    radio = next(channel for channel in progress.channels if channel.channel == "radio")

    def listed(url: str) -> list:
        return list(client_coordinator.get(url).context["page"].object_list)

    assert radio.count == 2
    assert len(listed(radio.url)) == 2
    assert len(listed(line.cells[2].url)) == line.cells[2].count == 1  # March: dept_a's, not dept_b's
    march = progress.by_month[2]
    assert len(listed(march.url)) == 1
    # Without the filter the list shows the coordinating unit's work as well.
    everything = client_coordinator.get(reverse("activities:activity_list"), {"plan": plan.pk})
    assert len(everything.context["page"].object_list) == 4
    assert {a.unit for a in listed(radio.url)} == {dept_a}
