"""Documents fixtures on top of the shared world: uploads and issued files kept in a temporary folder, a draft
plan of the province's People's Committee ready to issue, and the values an issue form sends."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cchc.plans.models import Plan
from tests.plans.factories import make_plan


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def draft_plan(province_committee, dept_a) -> Plan:
    """A draft of the UBND tỉnh Khánh Hòa for 2026, two tasks led by ``dept_a``, no number yet."""
    return make_plan(
        province_committee, tasks=2, units=[dept_a], status=Plan.Status.DRAFT, number="", symbol="", year=2026
    )


ISSUE_VALUES: dict[str, Any] = {
    "signer_name": "Nguyễn Văn Bình",
    "signer_title": "Phó Chủ tịch",
    "authority": "KT.",
    "authority_body": "ỦY BAN NHÂN DÂN",
    "issue_date": date(2026, 2, 5),
    "symbol": "KH-UBND",
}


@pytest.fixture
def issue_values() -> dict[str, Any]:
    return dict(ISSUE_VALUES)
