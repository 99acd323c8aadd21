"""Send today's reminder digests (without Celery beat, run it daily from cron)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cchc.notifications.services import send_reminders


class Command(BaseCommand):
    help = "Gửi bản tin nhắc việc trong ngày (mỗi người dùng một lần mỗi ngày)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Ngày nhắc việc, dạng YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, **options) -> None:
        day = timezone.localdate()
        if options["date"]:
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"Ngày không hợp lệ: {options['date']} (cần YYYY-MM-DD).") from error
        count = send_reminders(day)
        self.stdout.write(f"Đã gửi nhắc việc ngày {day:%d/%m/%Y} cho {count} người dùng.")
