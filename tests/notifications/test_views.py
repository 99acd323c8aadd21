"""Notification list and marking read (htmx), the header's unread count, and reminder preferences."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.notifications.models import Notification, ReminderPreference

pytestmark = pytest.mark.django_db

LIST = "/thong-bao/"


def test_list_shows_own_notifications_and_the_bell_counts_unread(
    client_officer_a, officer_a, officer_b
) -> None:
    Notification.objects.create(user=officer_a, title="Nhắc việc ngày 10/03/2026", body="Việc đã quá hạn")
    Notification.objects.create(user=officer_a, title="Đã đọc rồi", read_at="2026-03-01T00:00Z")
    Notification.objects.create(user=officer_b, title="Của người khác")

    response = client_officer_a.get(reverse("notifications:notification_list"))
    content = response.content.decode()

    assert reverse("notifications:notification_list") == LIST
    assert response.status_code == 200
    assert "Nhắc việc ngày 10/03/2026" in content
    assert "Của người khác" not in content
    assert response.context["unread_notifications"] == 1
    assert "1 chưa đọc" in content


def test_mark_read_with_htmx_returns_the_row(client_officer_a, officer_a) -> None:
    notification = Notification.objects.create(user=officer_a, title="Nhắc việc")

    response = client_officer_a.post(
        reverse("notifications:notification_read", args=[notification.pk]), headers={"HX-Request": "true"}
    )

    notification.refresh_from_db()
    assert response.status_code == 200
    assert notification.read_at is not None
    assert "Đã đọc" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_mark_all_read(client_officer_a, officer_a) -> None:
    for number in range(3):
        Notification.objects.create(user=officer_a, title=f"Nhắc việc {number}")

    client_officer_a.post(reverse("notifications:notification_read_all"))

    assert Notification.objects.unread().count() == 0


def test_cannot_mark_someone_elses_notification(client_officer_b, officer_a) -> None:
    notification = Notification.objects.create(user=officer_a, title="Nhắc việc")

    response = client_officer_b.post(reverse("notifications:notification_read", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_unread_count_is_one_query(client_officer_a, officer_a) -> None:
    url = reverse("plans:plan_list")
    client_officer_a.get(url)
    with CaptureQueriesContext(connection) as queries:
        client_officer_a.get(url)
    counts = [q["sql"] for q in queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1
    assert "COUNT" in counts[0].upper()


def test_anonymous_pages_do_not_count() -> None:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(reverse("login")).status_code == 200
    assert not [q for q in queries if "notifications_notification" in q["sql"]]


def test_preferences_are_saved(client_officer_a, officer_a) -> None:
    response = client_officer_a.post(reverse("notifications:preferences"), {"days_ahead": 14, "in_app": "on"})

    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=officer_a)
    assert (preference.days_ahead, preference.by_email, preference.in_app) == (14, False, True)


@pytest.mark.parametrize("days", [0, 61])
def test_preferences_refuse_days_out_of_range(client_officer_a, officer_a, days) -> None:
    response = client_officer_a.post(reverse("notifications:preferences"), {"days_ahead": days})

    assert response.status_code == 422
    assert not ReminderPreference.objects.filter(user=officer_a).exists()


def test_preferences_page_shows_the_defaults(client_officer_a) -> None:
    response = client_officer_a.get(reverse("notifications:preferences"))

    assert response.status_code == 200
    assert response.context["form"].initial["days_ahead"] == 7


@pytest.mark.parametrize(
    ("client_name", "shown"), [("client_officer_a", False), ("client_coordinator", True)]
)
def test_the_import_link_is_shown_to_those_the_import_page_lets_in(request, client_name, shown) -> None:
    client = request.getfixturevalue(client_name)

    page = client.get(reverse("plans:plan_list")).content.decode()

    assert (reverse("plans:plan_import") in page.split("</nav>")[0]) is shown
    assert (client.get(reverse("plans:plan_import")).status_code == 200) is shown
