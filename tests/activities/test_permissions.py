"""Every activities URL for every role: allowed, or 403 (may not log) / 404 (outside the user's scope)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.url_matrix import ROLES, client_as, named_urls

pytestmark = pytest.mark.django_db

LOGGERS = {
    "anon": 302,
    "outsider": 200,
    "officer_a": 200,
    "officer_b": 200,
    "leader": 403,
    "coordinator": 200,
    "admin": 200,
}

# url name -> (method, expected status per role). The activity is dept_a's (officer_a logged it).
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "activities:activity_list": ("get", {"anon": 302, **dict.fromkeys(ROLES[1:], 200)}),
    "activities:activity_create": ("get", LOGGERS),
    "activities:activity_row": ("get", LOGGERS),
    "activities:xlsx_template": ("get", LOGGERS),
    "activities:xlsx_import": ("get", LOGGERS),
    "activities:activity_edit": (
        "get",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 200,
            "officer_b": 404,
            "leader": 403,
            "coordinator": 200,
            "admin": 200,
        },
    ),
    "activities:evidence_download": (
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
}


def test_every_activities_url_is_in_the_matrix() -> None:
    names = named_urls("activities:")
    assert names == MATRIX.keys()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role(request, name, role, activity) -> None:
    client = client_as(request, role)
    method, expected = MATRIX[name]
    kwargs = {}
    if name == "activities:activity_edit":
        kwargs = {"pk": activity.pk}
    elif name == "activities:evidence_download":
        kwargs = {"pk": activity.evidence.get().pk}

    response = getattr(client, method)(reverse(name, kwargs=kwargs))

    assert response.status_code == expected[role], f"{name} as {role}"
    if role == "anon":
        assert response.url.startswith(reverse("login"))


def test_other_officer_cannot_change_the_activity(client_officer_b, activity) -> None:
    response = client_officer_b.post(
        reverse("activities:activity_edit", args=[activity.pk]), {"title": "Đổi"}
    )

    assert response.status_code == 404
    activity.refresh_from_db()
    assert activity.title != "Đổi"


@pytest.mark.parametrize(
    "name", ["activities:activity_list", "activities:evidence_download", "activities:xlsx_template"]
)
def test_wrong_method_is_refused(client_officer_a, activity, name) -> None:
    kwargs = {"pk": activity.evidence.get().pk} if name == "activities:evidence_download" else {}

    assert client_officer_a.post(reverse(name, kwargs=kwargs)).status_code == 405
