"""Tracking fixtures: a province plan whose one task (12 news items over 2026, one due at each month's end)
is led by dept_a, and a builder for activities."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.activities.models import Activity
from cchc.orgs.models import Unit
from cchc.plans.models import Plan, Task
from tests.plans.factories import make_plan


def add_activity(task: Task, unit: Unit, day: date, quantity: int = 1, channel: str = "press") -> Activity:
    return Activity.objects.create(
        task=task,
        unit=unit,
        date=day,
        channel=channel,
        title=f"Tin bài {day:%d/%m}",
        quantity=quantity,
        measure=Activity.Measure.ARTICLES,
    )


@pytest.fixture
def plan(province_committee, dept_a) -> Plan:
    return make_plan(province_committee, tasks=1, units=[dept_a])


@pytest.fixture
def task(plan) -> Task:
    return plan.tasks.get()
