"""The aggregate page of a period: who was expected to report, who did, on time or late.

Completeness = received / expected and timeliness = received on time / expected (the DHIS2 definitions):
a report is received once submitted (or accepted) at least once, on time when its first submission was by
the due date. Three queries whatever the number of units (``figures.child_lines``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cchc.orgs.models import Unit
from cchc.plans.models import Plan
from cchc.reports.figures import ChildLine, child_lines
from cchc.reports.models import Report, ReportingPeriod

NOT_STARTED = "not_started"
STATUS_LABELS = {NOT_STARTED: "Chưa soạn", **dict(Report.Status.choices)}
STATUS_CSS = {
    NOT_STARTED: "bg-secondary-subtle text-secondary-emphasis",
    Report.Status.DRAFT: "bg-warning-subtle text-warning-emphasis",
    Report.Status.SUBMITTED: "bg-info-subtle text-info-emphasis",
    Report.Status.RETURNED: "bg-danger-subtle text-danger-emphasis",
    Report.Status.ACCEPTED: "bg-success-subtle text-success-emphasis",
}
STATUS_ICONS = {
    NOT_STARTED: "bi-circle",
    Report.Status.DRAFT: "bi-pencil",
    Report.Status.SUBMITTED: "bi-send",
    Report.Status.RETURNED: "bi-arrow-return-left",
    Report.Status.ACCEPTED: "bi-check-circle-fill",
}


@dataclass
class StatusRow:
    line: ChildLine

    @property
    def unit(self) -> Unit:
        return self.line.requirement.unit

    @property
    def report(self) -> Report | None:
        return self.line.report

    @property
    def status(self) -> str:
        return self.report.status if self.report else NOT_STARTED

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def status_css(self) -> str:
        return STATUS_CSS[self.status]

    @property
    def status_icon(self) -> str:
        return STATUS_ICONS[self.status]

    @property
    def received(self) -> bool:
        return self.report is not None and self.report.first_submitted_at is not None

    @property
    def on_time(self) -> bool:
        return self.received and not self.report.is_late  # type: ignore[union-attr]

    @property
    def composed(self) -> bool:
        """No accepted report for the period, but accepted quarterly reports covering it."""
        return bool(self.line.composed_of) and self.status != Report.Status.ACCEPTED


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class PeriodStatus:
    unit: Unit
    period: ReportingPeriod
    plan: Plan | None
    rows: list[StatusRow] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def received(self) -> int:
        return sum(1 for row in self.rows if row.received)

    @property
    def on_time(self) -> int:
        return sum(1 for row in self.rows if row.on_time)

    @property
    def accepted(self) -> int:
        return sum(1 for row in self.rows if row.status == Report.Status.ACCEPTED)

    @property
    def to_remind(self) -> list[StatusRow]:
        """Units whose report is not with the reviewer: not started, in draft, or returned."""
        waiting = (NOT_STARTED, Report.Status.DRAFT, Report.Status.RETURNED)
        return [row for row in self.rows if row.status in waiting]

    @property
    def completeness(self) -> Decimal | None:
        return _percent(self.received, self.expected)

    @property
    def timeliness(self) -> Decimal | None:
        return _percent(self.on_time, self.expected)

    def counts(self) -> list[dict[str, object]]:
        found: dict[str, int] = dict.fromkeys(STATUS_LABELS, 0)
        for row in self.rows:
            found[row.status] += 1
        return [
            {
                "status": s,
                "label": STATUS_LABELS[s],
                "count": n,
                "css": STATUS_CSS[s],
                "icon": STATUS_ICONS[s],
            }
            for s, n in found.items()
        ]


def period_status(unit: Unit, period: ReportingPeriod, plan: Plan | None) -> PeriodStatus:
    """Every unit expected to report to ``unit`` for the period, with its status."""
    rows = [StatusRow(line) for line in child_lines(unit, period, plan)]
    return PeriodStatus(unit, period, plan, rows)
