"""Activities made directly (no access checks, no evidence): for tests of what is computed from them."""

from __future__ import annotations

from datetime import date

from cchc.activities.models import Activity
from cchc.orgs.models import Unit
from cchc.plans.models import Task


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
