"""Amending an issued plan: a new draft with a copy of everything, the original untouched."""

from __future__ import annotations

import pytest

from cchc.core.errors import DomainError
from cchc.documents import services
from cchc.plans import services as plan_services
from cchc.plans.models import Assignment, Plan
from tests.plans.factories import make_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported_plan(coordinator, province_committee) -> Plan:
    """A plan confirmed from the test draft (references, obligations, targets, a group and an unknown name),
    turned back into a draft so that it can be issued through the register."""
    plan_import = make_import(coordinator, issuer=province_committee)
    choices = {key: match["choice"] for key, match in plan_import.unit_matches.items()}
    plan = plan_services.create_plan_from_import(
        plan_import, issuer=province_committee, agency_choices=choices, by=coordinator
    )
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT, number="")
    return Plan.objects.get(pk=plan.pk)


@pytest.fixture
def issued_plan(imported_plan, coordinator, issue_values) -> Plan:
    return services.issue_plan(imported_plan, by=coordinator, **issue_values).plan


def _assignments(plan: Plan) -> list[tuple]:
    return [
        (a.task.position, a.role, a.unit_id, a.text, a.group_key, a.is_resolved)
        for a in Assignment.objects.filter(task__plan=plan)
        .select_related("task")
        .order_by("task__position", "role", "position", "pk")
    ]


def test_an_amendment_copies_the_issued_plan_into_a_new_draft(issued_plan, coordinator):
    amendment = services.amend_plan(issued_plan, by=coordinator)

    assert amendment.pk != issued_plan.pk
    assert (amendment.status, amendment.amends, amendment.number) == (Plan.Status.DRAFT, issued_plan, "")
    assert amendment.title == (
        "Điều chỉnh, bổ sung Kế hoạch số 01/KH-UBND ngày 05/02/2026 về tuyên truyền cải cách hành chính năm 2026"
    )
    assert (amendment.issuer, amendment.year, amendment.symbol) == (issued_plan.issuer, 2026, "KH-UBND")
    assert amendment.sections == issued_plan.sections
    assert [t.title for t in amendment.tasks.order_by("position")] == [
        t.title for t in issued_plan.tasks.order_by("position")
    ]
    assert _assignments(amendment) == _assignments(issued_plan)
    assert len(_assignments(amendment)) > 2
    assert amendment.reporting_obligations.count() == issued_plan.reporting_obligations.count() == 2
    assert amendment.subplan_obligations.count() == issued_plan.subplan_obligations.count() == 1
    assert list(amendment.indicator_targets.values_list("index", "value")) == list(
        issued_plan.indicator_targets.values_list("index", "value")
    )
    references = list(amendment.legal_references.order_by("position"))
    assert [r.number for r in references] == ["76/NQ-CP", "01/KH-UBND"]
    assert references[-1].text.startswith(
        "Kế hoạch số 01/KH-UBND ngày 5/2/2026 của Ủy ban nhân dân tỉnh Khánh Hòa"
    )


def test_the_original_stays_issued_and_untouched(issued_plan, coordinator):
    before = (_assignments(issued_plan), list(issued_plan.legal_references.values_list("pk", flat=True)))

    services.amend_plan(issued_plan, by=coordinator)

    issued_plan.refresh_from_db()
    assert (issued_plan.status, issued_plan.number) == (Plan.Status.ISSUED, "01/KH-UBND")
    assert (
        _assignments(issued_plan),
        list(issued_plan.legal_references.values_list("pk", flat=True)),
    ) == before


def test_asking_twice_returns_the_draft_already_started(issued_plan, coordinator):
    first = services.amend_plan(issued_plan, by=coordinator)
    second = services.amend_plan(issued_plan, by=coordinator)

    assert first == second
    assert issued_plan.amendments.count() == 1


def test_a_draft_cannot_be_amended(imported_plan, coordinator):
    with pytest.raises(DomainError, match="Chỉ điều chỉnh, bổ sung được kế hoạch đã ban hành"):
        services.amend_plan(imported_plan, by=coordinator)

    assert not Plan.objects.filter(amends=imported_plan).exists()


def test_an_officer_cannot_amend(issued_plan, officer_a):
    with pytest.raises(DomainError, match="không có quyền"):
        services.amend_plan(issued_plan, by=officer_a)

    assert not issued_plan.amendments.exists()


def test_the_amendment_is_edited_and_issued_with_the_next_number(
    issued_plan, coordinator, issue_values, dept_b
):
    amendment = services.amend_plan(issued_plan, by=coordinator)
    task = amendment.tasks.order_by("position").first()

    plan_services.update_task(
        task,
        by=coordinator,
        values={"title": "Nhiệm vụ đã điều chỉnh"},
        lead_units=[dept_b],
        coordinating_units=[],
    )
    result = services.issue_plan(amendment, by=coordinator, **issue_values)

    assert result.plan.number == "02/KH-UBND"
    assert issued_plan.tasks.order_by("position").first().title == "Đăng tin, bài về cải cách hành chính"
