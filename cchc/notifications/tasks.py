"""The daily reminder job for Celery beat (schedule in cchc/celery.py)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from cchc.celery import app
from cchc.notifications.services import send_reminders


@app.task(name="cchc.notifications.send_daily_reminders")
def send_daily_reminders(day: str | None = None) -> int:
    """Send the digests of ``day`` (ISO date; today by default); safe to run more than once."""
    return send_reminders(date.fromisoformat(day) if day else timezone.localdate())
