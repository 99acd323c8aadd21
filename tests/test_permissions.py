"""The URL × role matrix for the URLs outside the plans app, and the meta-test: no named URL of the project
ships without a row (the plans rows live in tests/plans/test_permissions.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.activities.test_permissions import MATRIX as ACTIVITIES_MATRIX
from tests.documents.test_permissions import MATRIX as DOCUMENTS_MATRIX
from tests.evaluation.test_permissions import MATRIX as EVALUATION_MATRIX
from tests.notifications.test_permissions import MATRIX as NOTIFICATIONS_MATRIX
from tests.plans.test_permissions import MATRIX as PLANS_MATRIX
from tests.reports.test_permissions import MATRIX as REPORTS_MATRIX
from tests.tracking.test_permissions import MATRIX as TRACKING_MATRIX
from tests.url_matrix import ROLES, client_as, named_urls

pytestmark = pytest.mark.django_db

LOGGED_IN = ROLES[1:]

# url name -> (method, expected status per role); the unit is dept_a (Sở Nội vụ of the world's province).
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "login": ("get", {"anon": 200, **dict.fromkeys(LOGGED_IN, 302)}),
    "logout": ("post", dict.fromkeys(ROLES, 302)),
    "orgs:unit_list": ("get", {"anon": 302, **dict.fromkeys(LOGGED_IN, 200)}),
    "orgs:unit_detail": (
        "get",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 200,
            "officer_b": 404,
            "leader": 200,
            "coordinator": 200,
            "admin": 200,
        },
    ),
    # Django admin: staff only; everyone else is sent to the admin login.
    "admin:index": ("get", {**dict.fromkeys(ROLES, 302), "admin": 200}),
}


def test_every_named_url_is_in_a_matrix() -> None:
    names = {name for name in named_urls() if not name.startswith("admin:")}
    covered = (
        PLANS_MATRIX.keys()
        | ACTIVITIES_MATRIX.keys()
        | TRACKING_MATRIX.keys()
        | NOTIFICATIONS_MATRIX.keys()
        | DOCUMENTS_MATRIX.keys()
        | REPORTS_MATRIX.keys()
        | EVALUATION_MATRIX.keys()
        | MATRIX.keys()
    )
    assert names - covered == set()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role(request, name, role, dept_a) -> None:
    client = client_as(request, role)
    method, expected = MATRIX[name]
    kwargs = {"pk": dept_a.pk} if name == "orgs:unit_detail" else {}

    response = getattr(client, method)(reverse(name, kwargs=kwargs))

    assert response.status_code == expected[role], f"{name} as {role}"


def test_every_admin_model_page_opens_for_the_administrator(client_admin) -> None:
    from django.contrib import admin

    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client_admin.get(url).status_code == 200, url
