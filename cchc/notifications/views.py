"""Notifications (list, mark read), reminder preferences, and the private calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.core.htmx import is_fragment
from cchc.notifications.forms import ReminderPreferenceForm
from cchc.notifications.ical import build_feed
from cchc.notifications.models import CalendarFeed, Notification
from cchc.notifications.services import preference_of


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(user=request.user)
    page = Paginator(notifications, 20).get_page(request.GET.get("trang"))
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    if is_fragment(request):
        return render(request, "notifications/_notification.html", {"notification": notification})
    return redirect("notifications:notification_list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user).unread().update(read_at=timezone.now())
    messages.success(request, "Đã đánh dấu tất cả thông báo là đã đọc.")
    return redirect("notifications:notification_list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    preference = preference_of(request.user)
    form = ReminderPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Đã lưu tùy chọn nhắc việc.")
        return redirect("notifications:preferences")
    status = 422 if request.method == "POST" else 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)


@login_required
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    feed, _ = CalendarFeed.objects.get_or_create(user=request.user)
    url = request.build_absolute_uri(reverse("notifications:calendar_feed", kwargs={"token": feed.token}))
    webcal = "webcal://" + url.split("://", 1)[1]
    return render(request, "notifications/calendar.html", {"feed": feed, "url": url, "webcal": webcal})


@login_required
@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.renew()
    messages.success(request, "Đã tạo đường dẫn mới; đường dẫn cũ không còn dùng được.")
    return redirect("notifications:calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No sign-in: calendar clients cannot log in; the secret token is the credential."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(
        build_feed(feed.user, timezone.localdate(), base_url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="cchc.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
