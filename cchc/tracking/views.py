"""Dashboards: a plan's progress for its coordinators, a unit's own tasks for its officers."""

from __future__ import annotations

import re
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cchc.plans.models import Plan
from cchc.schedule import STATUS_LABELS
from cchc.tracking import access, progress

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def day_from(request: HttpRequest) -> tuple[date, str]:
    """The day asked for in ``?ngay=YYYY-MM-DD`` (today when absent or wrong) and an error to show."""
    text = request.GET.get("ngay", "").strip()
    today = timezone.localdate()
    if not text:
        return today, ""
    if _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text), ""
        except ValueError:
            pass
    return (
        today,
        f"Ngày “{text[:20]}” không hợp lệ (cần dạng năm-tháng-ngày, ví dụ 2026-06-30); đang xem đến hôm nay.",
    )


def _legend() -> list[dict[str, str]]:
    labels = {**STATUS_LABELS, progress.FUTURE: "Chưa đến"}
    return [
        {
            "status_label": labels[status],
            "status_css": progress.STATUS_CSS[status],
            "status_icon": progress.STATUS_ICONS[status],
        }
        for status in (*progress.STATUSES, progress.FUTURE)
    ]


@login_required
@require_GET
def plan_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_monitored_plan(request.user, pk)
    on, day_error = day_from(request)
    context = {
        "plan": plan,
        "on": on,
        "day_error": day_error,
        "progress": progress.plan_progress(plan, on),
        "legend": _legend(),
        "status_labels": STATUS_LABELS,
    }
    return render(request, "tracking/plan_dashboard.html", context)


@login_required
@require_GET
def unit_dashboard(request: HttpRequest) -> HttpResponse:
    on, day_error = day_from(request)
    units = access.own_units(request.user)
    plans = Plan.objects.visible_to(request.user).filter(status=Plan.Status.ISSUED)
    rows = progress.unit_task_progress(units, plans, on)
    total = progress.Rollup(rows)
    # Coordinators and leaders: the plans they follow at a glance (a leader's view of the dashboards).
    plans_followed = list(access.monitored_plans(request.user).select_related("issuer")[:50])
    context = {
        "on": on,
        "day_error": day_error,
        "rows": rows,
        "total": total,
        "charts": {"statuses": progress.status_chart(total)},
        "units": list(units.order_by("name")),
        "plans": plans_followed,
        "summaries": progress.plan_summaries(plans_followed, on),
        "legend": _legend(),
        "status_labels": STATUS_LABELS,
    }
    return render(request, "tracking/unit_dashboard.html", context)
