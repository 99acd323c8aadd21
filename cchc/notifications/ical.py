"""A user's private iCalendar feed: the due items of its units' tasks, the reports they owe (the reporting
calendar, through ``settings.REMINDER_SOURCES``) and the reporting deadlines of the plans it sees, as all-day events (no time zone needed; Outlook, Google Calendar and Thunderbird read them)."""

from __future__ import annotations

from datetime import date, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from cchc.notifications.services import due_items_for_user, source_items
from cchc.plans.models import Plan, ReportingObligation

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# The feed lists the items due within a year ahead (and every unmet overdue one).
FEED_DAYS_AHEAD = 366
_PERIOD_END_MONTHS = {
    ReportingObligation.Period.QUARTER: (3, 6, 9, 12),
    ReportingObligation.Period.HALF_YEAR: (6, 12),
    ReportingObligation.Period.NINE_MONTHS: (9,),
    ReportingObligation.Period.YEAR: (12,),
}


def reporting_deadlines(obligation: ReportingObligation, year: int) -> list[date]:
    """The deadlines of ``obligation`` in ``year``: one fixed date, or a day of each period's last month."""
    if not obligation.deadline_day:
        return []
    if obligation.deadline_relative == "last_month_of_period":
        months = _PERIOD_END_MONTHS.get(obligation.period, ())
        candidates = [(year, month) for month in months]
    elif obligation.deadline_month:
        candidates = [(obligation.deadline_year or year, obligation.deadline_month)]
    else:
        return []
    days = []
    for candidate_year, month in candidates:
        try:
            days.append(date(candidate_year, month, obligation.deadline_day))
        except ValueError:
            continue
    return days


def _organizer() -> vCalAddress:
    # METHOD:PUBLISH requires an ORGANIZER on every event (RFC 5546 §3.2.1); libical, the parser of Evolution
    # and Thunderbird, flags the feed as invalid iTIP without one.
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "cchc@localhost"
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = "Hệ thống theo dõi tuyên truyền CCHC"
    return organizer


def _event(uid: str, day: date, summary: str, description: str, url: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("organizer", _organizer())
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    if url:
        event.add("url", url)
    return event


def build_feed(user: AbstractBaseUser, today: date, base_url: str = "") -> bytes:
    """The feed as bytes; ``base_url`` ("https://host") makes the events' links absolute."""
    calendar = Calendar()
    calendar.add("prodid", "-//CCHC//Tuyen truyen cai cach hanh chinh//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"CCHC · {user.get_full_name() or user.get_username()}")
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for item in due_items_for_user(user, today, FEED_DAYS_AHEAD):
        task, plan = item.task, item.task.plan
        unit = f" {task.item_unit}" if task.item_unit else ""
        state = "Quá hạn" if item.is_overdue else "Đến hạn"
        calendar.add_component(
            _event(
                item.uid,
                item.due_date,
                f"{state}: {task.title[:80]} ({item.item.quantity}{unit})",
                f"Kế hoạch {plan.display_number}: {plan.title}\n"
                f"Đơn vị chủ trì: {item.unit.name}\n"
                f"Cần hoàn thành {item.item.cumulative}{unit} đến ngày {item.due_date:%d/%m/%Y}; "
                f"đã thực hiện {item.done}{unit}.",
                base_url + reverse("plans:plan_detail", kwargs={"pk": plan.pk}),
            )
        )
    for item in source_items(user, today, FEED_DAYS_AHEAD):
        calendar.add_component(
            _event(item.uid, item.due_date, item.summary(), item.line(), base_url + item.path)
        )
    plans = (
        Plan.objects.visible_to(user)
        .filter(year=today.year, status=Plan.Status.ISSUED)
        .only("pk", "number", "symbol", "title", "year")
        .prefetch_related("reporting_obligations")
    )
    for plan in plans:
        for obligation in plan.reporting_obligations.all():
            for day in reporting_deadlines(obligation, plan.year):
                recipient = f" gửi {obligation.recipient}" if obligation.recipient else ""
                calendar.add_component(
                    _event(
                        f"report-{obligation.pk}-{day:%Y%m%d}@cchc",
                        day,
                        f"Hạn báo cáo {obligation.get_period_display().lower()}: Kế hoạch {plan.display_number}",
                        f"Kế hoạch {plan.display_number}: {plan.title}\n"
                        f"Báo cáo{recipient} {obligation.deadline_text}".strip(),
                        base_url + reverse("plans:plan_detail", kwargs={"pk": plan.pk}),
                    )
                )
    return calendar.to_ical()
