"""The figures of a report, computed from the record inside the period's cut-off window.

A unit's own figures cost a fixed number of queries (the activities' sums by task, channel and measure; the
activity list with its evidence; the task table from ``tracking.progress``). An aggregate adds the accepted
reports of the units that report to it: two queries whatever their number, their figures summed in Python.

``Report.figures`` keys: ``window`` [start, end] (ISO), ``forms`` {line: n} and ``own_forms``,
``channels`` {code: {"count", "quantity"}}, ``activity_count`` and ``own_activity_count``,
``evidence_count``, ``tasks`` (the unit's own task table), ``activities`` (its activities with their
evidence), ``children`` (the accepted reports summed in) and ``missing`` (expected units without one).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from cchc.activities.models import CHANNEL_CHOICES, Activity, Evidence
from cchc.orgs.models import Unit
from cchc.plans.models import Assignment, Plan
from cchc.reports.models import Report, ReportingPeriod, ReportRequirement
from cchc.tracking.progress import progress_of

if TYPE_CHECKING:
    from collections.abc import Iterable

CHANNEL_LABELS = dict(CHANNEL_CHOICES)
BROADCAST_CHANNELS = frozenset({"radio", "television", "loudspeaker"})
EVENT_CHANNELS = frozenset({"conference", "training", "dialogue"})
# Activities listed in a report (the list is evidence, not arithmetic: the sums cover every activity).
ACTIVITY_LIST_LIMIT = 500


@dataclass(frozen=True)
class FormLine:
    key: str
    label: str
    unit: str


# The lines of "results by form", in the order a report prints them.
FORM_LINES: tuple[FormLine, ...] = (
    FormLine("articles", "Tin, bài (báo chí, cổng/trang thông tin điện tử, bản tin)", "tin, bài"),
    FormLine(
        "broadcasts", "Chương trình, chuyên mục phát thanh, truyền hình, truyền thanh cơ sở", "chương trình"
    ),
    FormLine("broadcast_minutes", "Thời lượng phát sóng", "phút"),
    FormLine("conferences", "Hội nghị, hội thảo, tọa đàm, tập huấn, đối thoại", "cuộc"),
    FormLine("participants", "Người tham dự", "lượt người"),
    FormLine("leaflets", "Tờ rơi, tờ gấp, ấn phẩm, tài liệu", "bản"),
    FormLine("banners", "Băng rôn, pano, áp phích", "cái"),
    FormLine("online_posts", "Bài đăng trên mạng xã hội, trực tuyến", "bài"),
    FormLine("contests", "Hội thi, cuộc thi", "cuộc"),
    FormLine("other", "Hình thức khác", "lượt"),
)
FORM_KEYS = tuple(line.key for line in FORM_LINES)


@dataclass(frozen=True)
class FormRule:
    """Activities of ``channels`` (any when None) recorded in ``measures`` (any when None) add their
    ``value`` ("quantity", "count" of activities or "reach") to the line ``line``."""

    line: str
    channels: frozenset[str] | None
    measures: frozenset[str] | None
    value: str


# One table maps what was recorded to the report's lines.
FORM_RULES: tuple[FormRule, ...] = (
    FormRule("articles", None, frozenset({"articles"}), "quantity"),
    FormRule("broadcasts", None, frozenset({"broadcasts"}), "quantity"),
    # A broadcast recorded in minutes is one programme of that many minutes.
    FormRule("broadcasts", BROADCAST_CHANNELS, frozenset({"minutes"}), "count"),
    FormRule("broadcast_minutes", None, frozenset({"minutes"}), "quantity"),
    FormRule("conferences", None, frozenset({"conferences"}), "quantity"),
    # An event recorded by its participants is one event; a conference's reach is its participants.
    FormRule("conferences", EVENT_CHANNELS, frozenset({"participants"}), "count"),
    FormRule("participants", None, frozenset({"participants"}), "quantity"),
    FormRule("participants", None, frozenset({"conferences"}), "reach"),
    FormRule("leaflets", None, frozenset({"copies"}), "quantity"),
    FormRule("banners", None, frozenset({"banners"}), "quantity"),
    FormRule("online_posts", None, frozenset({"posts"}), "quantity"),
    FormRule("contests", frozenset({"contest"}), None, "count"),
    FormRule("other", None, frozenset({"other"}), "quantity"),
)


def forms_from_buckets(buckets: Iterable[dict[str, Any]]) -> dict[str, int]:
    """The report's lines from sums by (channel, measure): ``count``, ``quantity`` and ``reach``."""
    forms = dict.fromkeys(FORM_KEYS, 0)
    for bucket in buckets:
        for rule in FORM_RULES:
            if rule.channels is not None and bucket["channel"] not in rule.channels:
                continue
            if rule.measures is not None and bucket["measure"] not in rule.measures:
                continue
            forms[rule.line] += int(bucket[rule.value] or 0)
    return forms


def add_forms(total: dict[str, int], more: dict[str, int]) -> None:
    for key in FORM_KEYS:
        total[key] = total.get(key, 0) + int(more.get(key, 0) or 0)


def report_plans(period: ReportingPeriod, plan: Plan | None) -> QuerySet[Plan]:
    """The plans a report covers: its own, or every issued plan of the period's year."""
    if plan is not None:
        return Plan.objects.filter(pk=plan.pk)
    return Plan.objects.filter(status=Plan.Status.ISSUED, year=period.year)


def expected_requirements(
    unit: Unit, period: ReportingPeriod, plan: Plan | None
) -> QuerySet[ReportRequirement]:
    """The calendar lines of the units that report to ``unit`` for this period (and plan)."""
    return ReportRequirement.objects.filter(recipient=unit, period=period, plan=plan).exclude(unit=unit)


def own_units(unit: Unit, period: ReportingPeriod, plan: Plan | None) -> QuerySet[Unit]:
    """Whose activities a unit's report counts itself: the unit, and for a territory its own agencies
    (UBND, offices) that do not report to it separately. Units below report themselves and are summed in
    through their accepted reports, so nothing counts twice."""
    if not unit.is_territorial:
        return Unit.objects.filter(pk=unit.pk)
    reporters = expected_requirements(unit, period, plan).values("unit_id")
    return Unit.objects.filter(Q(pk=unit.pk) | Q(parent=unit, kind=Unit.Kind.AGENCY)).exclude(
        pk__in=reporters
    )


def own_figures(unit: Unit, period: ReportingPeriod, plan: Plan | None) -> dict[str, Any]:
    """Figures of the unit's own activities inside the cut-off window (both edges included)."""
    units = own_units(unit, period, plan)
    plans = report_plans(period, plan)
    activities = Activity.objects.filter(
        unit__in=units, task__plan__in=plans, date__gte=period.start, date__lte=period.end
    )
    buckets = list(
        activities.order_by()
        .values("task_id", "unit_id", "channel", "measure")
        .annotate(count=Count("id"), quantity=Sum("quantity"), reach=Sum("reach"))
    )
    forms = forms_from_buckets(buckets)
    channels: dict[str, dict[str, int]] = {}
    in_period: dict[tuple[int, int], int] = defaultdict(int)
    for bucket in buckets:
        line = channels.setdefault(bucket["channel"], {"count": 0, "quantity": 0})
        line["count"] += bucket["count"]
        line["quantity"] += bucket["quantity"] or 0
        in_period[(bucket["task_id"], bucket["unit_id"])] += bucket["quantity"] or 0
    activity_list = list(
        activities.select_related("unit", "task")
        .annotate(files=Count("evidence"))
        .order_by("date", "pk")[:ACTIVITY_LIST_LIMIT]
    )
    files: dict[int, list[str]] = defaultdict(list)
    for activity_id, name in (
        Evidence.objects.filter(activity__in=[a.pk for a in activity_list])
        .order_by("activity_id", "pk")
        .values_list("activity_id", "original_name")
    ):
        files[activity_id].append(name)
    rows = progress_of(
        Assignment.objects.leads().filter(unit__in=units, task__plan__in=plans),
        Activity.objects.filter(unit__in=units, task__plan__in=plans),
        period.end,
    )
    tasks = [
        {
            "task_id": row.task.pk,
            "plan": row.task.plan.display_number,
            "ordinal": row.task.ordinal,
            "title": row.task.title,
            "unit": row.unit.name,
            "item_unit": row.task.item_unit,
            "in_period": in_period.get((row.task.pk, row.unit.pk), 0),
            "done": row.done,
            "expected": row.expected,
            "total": row.total,
            "status": row.status,
            "status_label": str(row.status_label),
        }
        for row in rows
    ]
    activity_count = sum(bucket["count"] for bucket in buckets)
    return {
        "window": [period.start.isoformat(), period.end.isoformat()],
        "own_forms": forms,
        "own_channels": channels,
        "own_activity_count": activity_count,
        "own_evidence_count": sum(len(names) for names in files.values()),
        "tasks": tasks,
        "activities": [
            {
                "id": a.pk,
                "date": a.date.isoformat(),
                "unit": a.unit.name,
                "title": a.title,
                "channel": CHANNEL_LABELS.get(a.channel, a.channel),
                "quantity": a.quantity,
                "measure": str(a.get_measure_display()),
                "link": a.link,
                "files": files.get(a.pk, []),
            }
            for a in activity_list
        ],
        "activities_truncated": activity_count > ACTIVITY_LIST_LIMIT,
    }


@dataclass
class ChildLine:
    """A unit expected to report to the aggregating unit, and the report(s) summed in for it."""

    requirement: ReportRequirement
    report: Report | None
    composed_of: list[Report]

    @property
    def summed(self) -> list[Report]:
        if self.report is not None and self.report.status == Report.Status.ACCEPTED:
            return [self.report]
        return self.composed_of


def _quarters_covering(period: ReportingPeriod) -> set[tuple[str, int, int]]:
    """The quarters that tile ``period`` exactly (none for a quarter)."""
    if period.kind == ReportingPeriod.Kind.QUARTER:
        return set()
    from cchc.reports.periods import QUARTER, periods_of

    return {
        (QUARTER, q.year, q.index)
        for q in periods_of(QUARTER, period.year)
        if period.start <= q.start and q.end <= period.end
    }


def child_lines(unit: Unit, period: ReportingPeriod, plan: Plan | None) -> list[ChildLine]:
    """Every unit expected to report to ``unit``: its report for the period, or, for a half-year, nine
    months or year without an accepted one, its accepted quarterly reports when they tile the window exactly
    (three queries whatever the number of units)."""
    requirements = list(
        expected_requirements(unit, period, plan).select_related("unit").order_by("unit__name")
    )
    unit_ids = [r.unit_id for r in requirements]
    reports = {
        r.unit_id: r
        for r in Report.objects.filter(period=period, plan=plan, unit_id__in=unit_ids).defer(
            "sections", "figures", "indicators"
        )
    }
    quarters = _quarters_covering(period)
    by_unit: dict[int, list[Report]] = defaultdict(list)
    if quarters:
        candidates = (
            Report.objects.filter(
                unit_id__in=unit_ids,
                plan=plan,
                status=Report.Status.ACCEPTED,
                period__kind=ReportingPeriod.Kind.QUARTER,
                period__year=period.year,
            )
            .select_related("period")
            .defer("figures", "sections", "indicators")
        )
        for report in candidates:
            if (report.period.kind, report.period.year, report.period.index) in quarters:
                by_unit[report.unit_id].append(report)
    lines = []
    for requirement in requirements:
        composed = by_unit.get(requirement.unit_id, [])
        if len(composed) != len(quarters):
            composed = []
        composed.sort(key=lambda r: r.period.index)
        lines.append(ChildLine(requirement, reports.get(requirement.unit_id), composed))
    return lines


def compute_figures(report: Report) -> dict[str, Any]:
    """The report's figures: its unit's own activities plus the accepted reports of the units reporting to
    it, summed exactly; the units without one listed."""
    figures = own_figures(report.unit, report.period, report.plan)
    forms = dict(figures["own_forms"])
    channels = {code: dict(line) for code, line in figures["own_channels"].items()}
    activity_count = figures["own_activity_count"]
    evidence_count = figures["own_evidence_count"]
    lines = child_lines(report.unit, report.period, report.plan)
    summed_ids = [r.pk for line in lines for r in line.summed]
    # Only the keys summed: a child's activity list can be long and is not needed here.
    child_figures = {
        pk: {"forms": forms, "channels": channels, "activity_count": count, "evidence_count": evidence}
        for pk, forms, channels, count, evidence in Report.objects.filter(pk__in=summed_ids).values_list(
            "pk", "figures__forms", "figures__channels", "figures__activity_count", "figures__evidence_count"
        )
    }
    children = []
    missing = []
    for line in lines:
        if not line.summed:
            missing.append(
                {
                    "unit_id": line.requirement.unit_id,
                    "unit": line.requirement.unit.name,
                    "status": line.report.status if line.report else "",
                }
            )
            continue
        child_forms = dict.fromkeys(FORM_KEYS, 0)
        child_count = child_evidence = 0
        for child in line.summed:
            data = child_figures.get(child.pk) or {}
            add_forms(child_forms, data.get("forms", {}))
            child_count += data.get("activity_count", 0)
            child_evidence += data.get("evidence_count", 0)
            for code, values in data.get("channels", {}).items():
                total = channels.setdefault(code, {"count": 0, "quantity": 0})
                total["count"] += values.get("count", 0)
                total["quantity"] += values.get("quantity", 0)
        add_forms(forms, child_forms)
        activity_count += child_count
        evidence_count += child_evidence
        children.append(
            {
                "unit_id": line.requirement.unit_id,
                "unit": line.requirement.unit.name,
                "report_ids": [r.pk for r in line.summed],
                "composed": line.report is None or line.report.status != Report.Status.ACCEPTED,
                "forms": child_forms,
                "activity_count": child_count,
            }
        )
    figures.update(
        {
            "forms": forms,
            "channels": channels,
            "activity_count": activity_count,
            "evidence_count": evidence_count,
            "children": children,
            "missing": missing,
            "expected_count": len(lines),
            "computed_at": timezone.now().isoformat(),
        }
    )
    return figures


def form_rows(figures: dict[str, Any], key: str = "forms") -> list[dict[str, Any]]:
    """The "results by form" lines for a template or a document: the total, the unit's own part and the
    part summed from the units' reports."""
    values = figures.get(key) or {}
    own = figures.get("own_forms") or {}
    rows = []
    for line in FORM_LINES:
        value = values.get(line.key, 0)
        mine = own.get(line.key, 0)
        rows.append(
            {
                "key": line.key,
                "label": line.label,
                "unit": line.unit,
                "value": value,
                "own": mine,
                "children": value - mine,
            }
        )
    return rows


def channel_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [
        {"code": code, "label": CHANNEL_LABELS.get(code, code), **values}
        for code, values in (figures.get("channels") or {}).items()
    ]
    rows.sort(key=lambda row: (-row["count"], row["label"]))
    return rows
