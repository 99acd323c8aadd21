"""Reminder fixtures: a province plan whose one task (12 news items over the plan year, one due at each
month's end) is led by dept_a; ``officer_a`` (dept_a) has an e-mail address."""

from __future__ import annotations

import pytest


@pytest.fixture
def member(officer_a):
    officer_a.email = "canbo.a@example.vn"
    officer_a.save(update_fields=["email"])
    return officer_a
