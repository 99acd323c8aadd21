"""Plan fixtures on top of the shared world (tests/conftest.py): a plan of the province with a task led by
``dept_a``, a second commune of the province with its own users, and uploads kept in a temporary folder."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from cchc.orgs.models import Unit
from cchc.plans.models import Plan
from tests.factories import make_user
from tests.plans.factories import make_plan


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def province_plan(province_committee, dept_a) -> Plan:
    """Plan of the UBND tỉnh Khánh Hòa, one task led by dept_a, with its original file."""
    plan = make_plan(province_committee, tasks=1, units=[dept_a])
    plan.source_file.save("ke-hoach-tinh.txt", ContentFile("KẾ HOẠCH\nTuyên truyền".encode()))
    return plan


@pytest.fixture
def commune_b(commune) -> Unit:
    """Another commune of the same province."""
    return (
        Unit.objects.filter(
            kind=Unit.Kind.COMMUNE, valid_from=commune.valid_from, parent_id=commune.parent_id
        )
        .exclude(pk=commune.pk)
        .order_by("pk")
        .first()
    )


@pytest.fixture
def commune_b_committee(commune_b) -> Unit:
    return Unit.objects.get(parent=commune_b, catalog_key="ubnd")


@pytest.fixture
def commune_coordinator(commune_committee):
    return make_user("dieuphoi_xa_a", unit=commune_committee, role="coordinator")


@pytest.fixture
def commune_officer(commune_committee):
    return make_user("canbo_xa_a", unit=commune_committee, role="officer")


@pytest.fixture
def commune_b_coordinator(commune_b_committee):
    return make_user("dieuphoi_xa_b", unit=commune_b_committee, role="coordinator")


@pytest.fixture
def client_commune_coordinator(commune_coordinator) -> Client:
    return _client(commune_coordinator)


@pytest.fixture
def client_commune_officer(commune_officer) -> Client:
    return _client(commune_officer)


@pytest.fixture
def client_commune_b_coordinator(commune_b_coordinator) -> Client:
    return _client(commune_b_coordinator)


@pytest.fixture
def commune_plan(commune_committee) -> Plan:
    return make_plan(commune_committee, tasks=1, units=[commune_committee])


@pytest.fixture
def commune_b_plan(commune_b_committee) -> Plan:
    return make_plan(commune_b_committee, tasks=1, units=[commune_b_committee])
