"""Sub-plans: deriving them from a parent plan, who may edit them, and the parent's view of who issued."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from cchc.core.errors import DomainError
from cchc.plans import subplans
from cchc.plans.access import can_edit_plan
from cchc.plans.models import Assignment, LegalReference, Plan, SubPlanObligation, Task
from tests.plans.factories import make_plan, make_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent(province_committee, dept_a, dept_b, commune_committee) -> Plan:
    """The province's plan: task 1 led by dept_a (dept_b coordinating), task 2 "mỗi xã 01 pano" given to the
    commune committees as a group, and UBND các xã required to issue their plan by 31/3/2026."""
    plan = make_plan(province_committee, issue_date=date(2026, 2, 5))
    first = make_task(plan, units=[dept_a], position=0)
    Assignment.objects.create(
        task=first, unit=dept_b, role=Assignment.Role.COORDINATING, position=1, text=dept_b.name
    )
    second = make_task(
        plan,
        units=[],
        position=1,
        title="Làm pano tuyên truyền",
        recurrence_kind=Task.RecurrenceKind.NONE,
        per_period=None,
        target_total=1,
        each_unit=True,
        item_unit="pano",
    )
    Assignment.objects.create(
        task=second,
        unit=commune_committee,
        role=Assignment.Role.LEAD,
        text="UBND các xã, phường",
        group_key="commune_committees",
        expected_quantity=2,
    )
    SubPlanObligation.objects.create(
        plan=plan,
        units=[
            {"text": "UBND các xã", "name": "UBND các xã", "is_group": True, "group": "commune_committees"}
        ],
        deadline_text="trong quý I năm 2026",
        due_date=date(2026, 3, 31),
    )
    return plan


def test_deriving_copies_the_units_tasks_linked_to_their_parent_tasks(parent, dept_a, coordinator) -> None:
    [child] = subplans.derive_subplans(parent, [dept_a], by=coordinator)

    assert child.parent == parent
    assert child.issuer == dept_a
    assert child.status == Plan.Status.DRAFT
    assert child.year == parent.year
    assert parent.title.lower() in child.title.lower()
    [task] = child.tasks.all()
    original = parent.tasks.get(position=0)
    assert task.parent_task == original
    assert (task.title, task.timeframe_text, task.recurrence_kind, task.target_total) == (
        original.title,
        original.timeframe_text,
        original.recurrence_kind,
        original.target_total,
    )
    assert [(a.unit, a.role) for a in task.assignments.all()] == [(dept_a, Assignment.Role.LEAD)]
    basis = LegalReference.objects.get(plan=child)
    assert basis.number == parent.number
    assert basis.issued_on == date(2026, 2, 5)


def test_a_coordinating_unit_gets_the_task_too(parent, dept_b, coordinator) -> None:
    [child] = subplans.derive_subplans(parent, [dept_b], by=coordinator)

    assert [t.parent_task.position for t in child.tasks.all()] == [0]


def test_a_task_given_to_each_commune_carries_the_communes_own_share(
    parent, commune_committee, coordinator
) -> None:
    [child] = subplans.derive_subplans(parent, [commune_committee], by=coordinator)

    [task] = child.tasks.all()
    assert task.title == "Làm pano tuyên truyền"
    assert task.each_unit is False
    assert task.target_total == 2


def test_deriving_twice_creates_nothing_new(parent, dept_a, coordinator) -> None:
    first = subplans.derive_subplans(parent, [dept_a], by=coordinator)
    again = subplans.derive_subplans(parent, [dept_a], by=coordinator)

    assert again == first
    assert Plan.objects.filter(parent=parent).count() == 1
    assert Task.objects.filter(plan__parent=parent).count() == 1


def test_a_unit_outside_the_issuers_territory_is_refused_and_nothing_is_saved(
    parent, dept_a, outsider, coordinator
) -> None:
    foreign = outsider.memberships.get().unit

    with pytest.raises(DomainError, match="không trực thuộc"):
        subplans.derive_subplans(parent, [dept_a, foreign], by=coordinator)

    assert not Plan.objects.filter(parent=parent).exists()


def test_a_closed_plan_cannot_be_derived(parent, dept_a, coordinator) -> None:
    Plan.objects.filter(pk=parent.pk).update(status=Plan.Status.CLOSED)

    with pytest.raises(DomainError, match="đã kết thúc"):
        subplans.derive_subplans(parent, [dept_a], by=coordinator)


def test_candidates_are_the_units_the_plan_names_and_those_required_to_plan(
    parent, dept_a, dept_b, commune_committee
) -> None:
    found = {c.unit: c for c in subplans.candidates(parent)}

    assert (found[dept_a].lead_tasks, found[dept_a].coordinating_tasks) == (1, 0)
    assert (found[dept_b].lead_tasks, found[dept_b].coordinating_tasks) == (0, 1)
    assert found[commune_committee].lead_tasks == 1
    assert found[commune_committee].required is True
    assert found[dept_a].required is False
    assert parent.issuer not in found


def test_the_parent_shows_who_issued_on_time_late_or_not_at_all(
    parent, dept_a, dept_b, commune_committee, coordinator
) -> None:
    on_time, late, _draft = subplans.derive_subplans(
        parent, [dept_a, dept_b, commune_committee], by=coordinator
    )
    Plan.objects.filter(pk=on_time.pk).update(status=Plan.Status.ISSUED, issue_date=date(2026, 3, 31))
    Plan.objects.filter(pk=late.pk).update(status=Plan.Status.ISSUED, issue_date=date(2026, 4, 1))

    before = subplans.overview(parent, today=date(2026, 3, 15))
    after = subplans.overview(parent, today=date(2026, 4, 2))

    rows = {row.unit: row for row in after.rows}
    assert after.due_date == date(2026, 3, 31)
    assert (rows[dept_a].state, rows[dept_a].timeliness) == ("issued", "on_time")
    assert (rows[dept_b].state, rows[dept_b].timeliness) == ("issued", "late")
    assert (rows[commune_committee].state, rows[commune_committee].timeliness) == ("draft", "late")
    assert (after.issued, after.issued_on_time, after.issued_late) == (2, 1, 1)
    # Every commune must issue its plan ("UBND các xã"): the draft one and the others not derived are overdue.
    missing = [row for row in after.rows if row.child is None]
    assert missing and all(row.candidate.required for row in missing)
    assert after.overdue == 1 + len(missing)
    assert str(missing[0].label) == "Quá hạn, chưa ban hành"
    assert {row.unit: row.timeliness for row in before.rows}[commune_committee] == "pending"
    assert str(rows[dept_b].label) == "Đã ban hành trễ hạn"


def test_the_units_officer_edits_its_draft_sub_plan_but_not_another_units(
    parent, dept_a, coordinator, officer_a, officer_b
) -> None:
    [child] = subplans.derive_subplans(parent, [dept_a], by=coordinator)

    assert can_edit_plan(officer_a, child)
    assert not can_edit_plan(officer_b, child)
    assert not can_edit_plan(officer_a, parent)
    Plan.objects.filter(pk=child.pk).update(status=Plan.Status.ISSUED)
    child.refresh_from_db()
    assert not can_edit_plan(officer_a, child)
    assert can_edit_plan(coordinator, child)


def test_officer_opens_the_task_editor_of_the_sub_plan(parent, dept_a, coordinator, client_officer_a) -> None:
    [child] = subplans.derive_subplans(parent, [dept_a], by=coordinator)
    task = child.tasks.get()

    response = client_officer_a.get(reverse("plans:task_edit", args=[task.pk]))

    assert response.status_code == 200


def test_coordinator_derives_from_the_page(
    parent, dept_a, dept_b, commune_committee, client_coordinator
) -> None:
    url = reverse("plans:subplan_list", args=[parent.pk])

    response = client_coordinator.post(url, {"units": [dept_a.pk, commune_committee.pk]})

    assert response.status_code == 302
    assert set(Plan.objects.filter(parent=parent).values_list("issuer", flat=True)) == {
        dept_a.pk,
        commune_committee.pk,
    }
    page = client_coordinator.get(url).content.decode()
    child = Plan.objects.get(parent=parent, issuer=dept_a)
    assert reverse("plans:plan_detail", args=[child.pk]) in page
    # Today (29/11/2026) is past the 31/3/2026 deadline: drafts and plans not derived are overdue.
    assert "Quá hạn, chưa ban hành" in page
    assert f'value="{dept_b.pk}"' in page  # dept_b can still be given its sub-plan
    assert f'value="{dept_a.pk}"' not in page


def test_an_officer_cannot_derive(parent, dept_a, client_officer_a) -> None:
    response = client_officer_a.post(reverse("plans:subplan_list", args=[parent.pk]), {"units": [dept_a.pk]})

    assert response.status_code == 403
    assert not Plan.objects.filter(parent=parent).exists()


def test_a_unit_not_in_the_list_gets_a_message_and_nothing_is_saved(
    parent, client_coordinator, outsider
) -> None:
    foreign = outsider.memberships.get().unit

    response = client_coordinator.post(
        reverse("plans:subplan_list", args=[parent.pk]), {"units": [foreign.pk]}
    )

    assert response.status_code == 422
    assert "không thuộc danh sách đơn vị cấp dưới" in response.content.decode()
    assert not Plan.objects.filter(parent=parent).exists()


def test_nothing_chosen_gets_a_message(parent, client_coordinator) -> None:
    response = client_coordinator.post(reverse("plans:subplan_list", args=[parent.pk]), {})

    assert response.status_code == 422
    assert "Chọn ít nhất một đơn vị" in response.content.decode()


def test_the_sub_plan_page_is_405_for_other_methods(parent, client_coordinator) -> None:
    response = client_coordinator.put(reverse("plans:subplan_list", args=[parent.pk]))

    assert response.status_code == 405


@pytest.mark.parametrize("derived", [1, 3])
def test_the_sub_plan_page_runs_the_same_queries_for_1_and_3_sub_plans(
    parent,
    dept_a,
    dept_b,
    commune_committee,
    coordinator,
    client_coordinator,
    derived,
    django_assert_num_queries,
) -> None:
    subplans.derive_subplans(parent, [dept_a, dept_b, commune_committee][:derived], by=coordinator)
    url = reverse("plans:subplan_list", args=[parent.pk])
    client_coordinator.get(url)  # warm caches (catalog names, content types)

    with django_assert_num_queries(QUERIES):
        response = client_coordinator.get(url)

    assert response.status_code == 200


QUERIES = 14
