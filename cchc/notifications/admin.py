from __future__ import annotations

from django.contrib import admin

from cchc.notifications.models import Notification, ReminderDigest, ReminderPreference


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "days_ahead", "by_email", "in_app"]
    raw_id_fields = ["user"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "created_at", "read_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(ReminderDigest)
class ReminderDigestAdmin(admin.ModelAdmin):
    list_display = ["user", "day", "item_count", "by_email", "in_app"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
