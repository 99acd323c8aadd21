from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "cchc.notifications"
    verbose_name = "Nhắc việc và thông báo"
