"""Two clerks issuing in one unit at the same moment get two different, consecutive numbers (PostgreSQL).

Each thread has its own database connection and transaction; a barrier starts both issues together. SQLite
serialises every write, so the race only exists (and is only tested) on PostgreSQL:
``DATABASE_URL=postgres://… pytest tests/documents/test_register_postgres.py``.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from cchc.documents import services
from cchc.documents.models import RegisterCounter, RegisteredDocument
from cchc.plans.models import Plan
from tests.documents.conftest import ISSUE_VALUES
from tests.plans.factories import make_plan

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the race needs PostgreSQL's row locks"),
]


def _race(calls: list) -> tuple[list, list[BaseException]]:
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = calls[index]()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_two_plans_issued_at_the_same_moment_get_consecutive_numbers(
    province_committee, dept_a, coordinator, admin
):
    plans = [
        make_plan(province_committee, tasks=1, units=[dept_a], status="draft", number="", symbol="")
        for _ in range(2)
    ]

    results, errors = _race(
        [
            lambda: services.issue_plan(plans[0], by=coordinator, **ISSUE_VALUES).plan.number,
            lambda: services.issue_plan(plans[1], by=admin, **ISSUE_VALUES).plan.number,
        ]
    )

    assert errors == []
    assert sorted(results) == ["01/KH-UBND", "02/KH-UBND"]
    assert sorted(RegisteredDocument.objects.values_list("number", flat=True)) == [1, 2]
    assert RegisterCounter.objects.get(unit=province_committee).last_number == 2
    assert set(Plan.objects.filter(pk__in=[p.pk for p in plans]).values_list("status", flat=True)) == {
        "issued"
    }


def test_numbers_taken_at_the_same_moment_on_a_new_register_are_all_different(province_committee):
    # The register's counter row does not exist yet: both threads try to create it.
    results, errors = _race([lambda: _allocate(province_committee) for _ in range(4)])

    assert errors == []
    assert sorted(results) == [1, 2, 3, 4]


def _allocate(unit) -> int:
    from django.db import transaction

    with transaction.atomic():
        return services.allocate_number(unit, 2026, "KH", "UBND")


def test_the_same_plan_issued_twice_at_the_same_moment_is_issued_once(draft_plan, coordinator, admin):
    results, errors = _race(
        [
            lambda: services.issue_plan(draft_plan, by=coordinator, **ISSUE_VALUES).plan.number,
            lambda: services.issue_plan(draft_plan, by=admin, **ISSUE_VALUES).plan.number,
        ]
    )

    assert [r for r in results if r] == ["01/KH-UBND"]
    assert len(errors) == 1
    assert "đã được ban hành" in errors[0].message
    assert RegisteredDocument.objects.count() == 1
    assert RegisterCounter.objects.get().last_number == 1
