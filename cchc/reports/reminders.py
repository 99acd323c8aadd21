"""Reports owed by a user's units, for the daily reminder digest (``settings.REMINDER_SOURCES``).

The digest belongs to ``notifications``, below ``reports`` in the layers; it reads this source through the
setting, like Django reads its authentication backends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.urls import reverse

from cchc.reports import access
from cchc.reports.models import Report, ReportRequirement

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# An overdue report is recalled for this long after its due date, then left to the coordinator's aggregate.
OVERDUE_WINDOW = timedelta(days=90)


@dataclass(frozen=True)
class ReportReminder:
    """A calendar line whose report the unit has not sent (none, a draft, or returned for corrections)."""

    requirement: ReportRequirement
    report: Report | None
    today: date

    @property
    def due_date(self) -> date:
        return self.requirement.due_date

    @property
    def is_overdue(self) -> bool:
        return self.requirement.due_date < self.today

    @property
    def uid(self) -> str:
        return f"report-due-{self.requirement.pk}@cchc"

    @property
    def path(self) -> str:
        return f"{reverse('reports:calendar')}?nam={self.requirement.period.year}"

    def summary(self) -> str:
        state = "Quá hạn gửi" if self.is_overdue else "Hạn gửi"
        return f"{state} báo cáo {self.requirement.period.label} ({self.requirement.unit.name})"

    def line(self) -> str:
        requirement = self.requirement
        plan = f" · Kế hoạch {requirement.plan.display_number}" if requirement.plan_id else ""
        state = (
            " (bị trả lại, cần gửi lại)"
            if self.report and self.report.status == Report.Status.RETURNED
            else ""
        )
        return (
            f"{self.due_date:%d/%m/%Y} · Gửi báo cáo {requirement.period.label} của {requirement.unit.name} "
            f"đến {requirement.recipient_name}{state}{plan}"
        )


def due_reports(user: AbstractBaseUser, today: date, days_ahead: int) -> list[ReportReminder]:
    """The reports ``user``'s units owe by ``today + days_ahead`` and have not sent (three queries)."""
    units = access.preparer_units(user)
    if not units:
        return []
    requirements = list(
        ReportRequirement.objects.filter(
            unit__in=units,
            due_date__gte=today - OVERDUE_WINDOW,
            due_date__lte=today + timedelta(days=days_ahead),
        )
        .with_related()
        .order_by("due_date", "pk")
    )
    if not requirements:
        return []
    reports = {
        (report.unit_id, report.period_id, report.plan_id): report
        for report in Report.objects.filter(
            unit_id__in={r.unit_id for r in requirements}, period_id__in={r.period_id for r in requirements}
        ).only("pk", "unit_id", "period_id", "plan_id", "status")
    }
    reminders = []
    for requirement in requirements:
        report = reports.get((requirement.unit_id, requirement.period_id, requirement.plan_id))
        if report is None or report.is_editable:
            reminders.append(ReportReminder(requirement, report, today))
    return reminders
