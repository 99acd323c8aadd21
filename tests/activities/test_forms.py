"""The activity form: sensible first values and choices that say what to pick."""

from __future__ import annotations

import pytest

from cchc.activities.forms import ActivityForm
from tests.factories import make_unit
from tests.plans.factories import make_task

pytestmark = pytest.mark.django_db


def test_a_new_activity_starts_from_the_users_own_unit(coordinator, plan, dept_a, province) -> None:
    """The coordinator of Sở Nội vụ logs for every unit of the province; its own comes first, not "Ban …"."""
    make_task(plan, units=[make_unit(province, name="Ban Dân tộc tỉnh"), dept_a], position=1)

    form = ActivityForm(user=coordinator)

    assert form.initial["unit"] == dept_a.pk
    assert form.fields["unit"].empty_label == "— Chọn đơn vị —"
    assert form.fields["channel"].choices[0] == ("", "— Chọn hình thức —")
