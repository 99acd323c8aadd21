from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from cchc.notifications.models import Notification
from cchc.plans.access import plan_author_flag


def header(request: HttpRequest) -> dict[str, Any]:
    """What the header shows for a signed-in user, in one query: ``unread_notifications`` for the bell and
    ``can_author_plans`` for the "Nhập kế hoạch" link (shown only to those the page lets in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread = (
        Notification.objects.filter(user=OuterRef("pk"))
        .unread()
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(unread=Coalesce(Subquery(unread), 0), author=plan_author_flag(OuterRef("pk")))
        .values("unread", "author")
        .get()
    )
    return {"unread_notifications": row["unread"], "can_author_plans": user.is_superuser or row["author"]}
