"""Celery app. Without CELERY_BROKER_URL tasks run inline (CELERY_TASK_ALWAYS_EAGER)."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
app = Celery("cchc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # 07:00 in CELERY_TIMEZONE (Asia/Ho_Chi_Minh).
    "send-daily-reminders": {
        "task": "cchc.notifications.send_daily_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}
