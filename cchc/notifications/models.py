"""Reminder preferences, in-app notifications, the daily digest log (idempotency) and calendar feeds."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DAYS_AHEAD_MIN = 1
DAYS_AHEAD_MAX = 60


def new_token() -> str:
    return secrets.token_urlsafe(32)


class ReminderPreference(models.Model):
    """How far ahead a user wants to be reminded, and by which channels."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    days_ahead = models.PositiveSmallIntegerField(
        _("nhắc trước (ngày)"),
        default=7,
        validators=[MinValueValidator(DAYS_AHEAD_MIN), MaxValueValidator(DAYS_AHEAD_MAX)],
    )
    by_email = models.BooleanField(_("gửi thư điện tử"), default=True)
    in_app = models.BooleanField(_("thông báo trong hệ thống"), default=True)

    class Meta:
        verbose_name = _("tùy chọn nhắc việc")
        verbose_name_plural = _("tùy chọn nhắc việc")

    def __str__(self) -> str:
        return f"{self.user} · {self.days_ahead} ngày"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message shown in the app until the user marks it read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    read_at = models.DateTimeField(_("thời điểm đọc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notifications_user_read")]

    def __str__(self) -> str:
        return self.title


class ReminderDigest(models.Model):
    """One user's digest of one day: its unique (user, day) is what makes a second run send nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    item_count = models.PositiveIntegerField(_("số việc"), default=0)
    by_email = models.BooleanField(_("đã gửi thư"), default=False)
    in_app = models.BooleanField(_("đã tạo thông báo"), default=False)
    created_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản tin nhắc việc")
        verbose_name_plural = _("bản tin nhắc việc")
        ordering = ["-day", "user"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="notifications_digest_user_day")]

    def __str__(self) -> str:
        return f"{self.user} · {self.day:%d/%m/%Y}"


class CalendarFeed(models.Model):
    """A user's private iCalendar address; a new token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(_("mã bí mật"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)

    class Meta:
        verbose_name = _("lịch iCalendar")
        verbose_name_plural = _("lịch iCalendar")

    def __str__(self) -> str:
        return str(self.user)

    def renew(self) -> None:
        self.token = new_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])
