"""Every notifications URL for every role: each user sees only its own notifications, preferences and
calendar (another's notification is 404); the feed needs no login, its secret token is the credential."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.notifications.models import CalendarFeed, Notification
from tests.url_matrix import ROLES, client_as, named_urls

pytestmark = pytest.mark.django_db

SIGNED_IN = ROLES[1:]

# url name -> (method, expected status per role). The notification is officer_a's; the feed officer_a's.
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "notifications:notification_list": ("get", {"anon": 302, **dict.fromkeys(SIGNED_IN, 200)}),
    "notifications:notification_read": (
        "post",
        {"anon": 302, **dict.fromkeys(SIGNED_IN, 404), "officer_a": 302},
    ),
    "notifications:notification_read_all": ("post", {"anon": 302, **dict.fromkeys(SIGNED_IN, 302)}),
    "notifications:preferences": ("get", {"anon": 302, **dict.fromkeys(SIGNED_IN, 200)}),
    "notifications:calendar": ("get", {"anon": 302, **dict.fromkeys(SIGNED_IN, 200)}),
    "notifications:calendar_renew": ("post", {"anon": 302, **dict.fromkeys(SIGNED_IN, 302)}),
    "notifications:calendar_feed": ("get", dict.fromkeys(ROLES, 200)),
}


def test_every_notifications_url_is_in_the_matrix() -> None:
    names = named_urls("notifications:")
    assert names == MATRIX.keys()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role(request, name, role, officer_a) -> None:
    client = client_as(request, role)
    method, expected = MATRIX[name]
    kwargs = {}
    if name == "notifications:notification_read":
        kwargs = {"pk": Notification.objects.create(user=officer_a, title="Nhắc việc").pk}
    elif name == "notifications:calendar_feed":
        kwargs = {"token": CalendarFeed.objects.create(user=officer_a).token}

    response = getattr(client, method)(reverse(name, kwargs=kwargs))

    assert response.status_code == expected[role], f"{name} as {role}"
    if expected[role] == 302 and role == "anon":
        assert response.url.startswith(reverse("login"))
