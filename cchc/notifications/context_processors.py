from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cchc.notifications.models import Notification


def unread_count(request: HttpRequest) -> dict[str, Any]:
    """``unread_notifications`` for the header's bell: one COUNT, for signed-in users only."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(user=user).unread().count()}
