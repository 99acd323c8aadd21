"""Every tracking URL for every role: the plan dashboard is for those who coordinate or lead the issuer's
territory (officers 403, outside the scope 404); every user has its own units' dashboard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.url_matrix import ROLES, client_as, named_urls

pytestmark = pytest.mark.django_db

# url name -> (method, expected status per role). The plan is the province's, its task led by dept_a.
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "tracking:unit_dashboard": ("get", {"anon": 302, **dict.fromkeys(ROLES[1:], 200)}),
    "tracking:plan_dashboard": (
        "get",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 403,
            "officer_b": 403,
            "leader": 200,
            "coordinator": 200,
            "admin": 200,
        },
    ),
}


def test_every_tracking_url_is_in_the_matrix() -> None:
    names = named_urls("tracking:")
    assert names == MATRIX.keys()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role(request, name, role, plan) -> None:
    client = client_as(request, role)
    method, expected = MATRIX[name]
    kwargs = {"pk": plan.pk} if name == "tracking:plan_dashboard" else {}

    response = getattr(client, method)(reverse(name, kwargs=kwargs))

    assert response.status_code == expected[role], f"{name} as {role}"
    if role == "anon":
        assert response.url.startswith(reverse("login"))
