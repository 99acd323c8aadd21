"""The metrics a rule reads, measured from the record for one unit and one year.

A fixed number of queries whatever the number of tasks and activities: plan completion is tracking's
``progress_of`` (four queries), variety one query over the unit's activities with evidence, the sub-plan
one query for the unit's own sub-plans and one for the plans above that may require one (plus one per
obligation naming a group of units), reporting two queries (the calendar, and the reports received with
whether each was ever returned).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from cchc.activities.models import CHANNEL_CHOICES, Activity, Evidence
from cchc.core.vn import fold
from cchc.evaluation.scoring import MetricValue, Reference
from cchc.orgs.matching import expand_group, match_agency
from cchc.orgs.models import Unit
from cchc.plans.models import Assignment, Plan
from cchc.reports.models import Report, ReportingPeriod, ReportRequirement, ReviewEvent
from cchc.schedule.status import COMPLETED
from cchc.tracking.progress import AssignmentProgress, activities_url, progress_of

CHANNEL_LABELS = dict(CHANNEL_CHOICES)
SCREENS = "screens"
SCREENS_LABEL = "Màn hình LED, màn hình điện tử"
# Visual communication ("visual" channel) on a screen is online in the Xuân Lộc criterion; a banner or a
# panel is traditional. The channel vocabulary has one code for both, so the activity's own words decide.
_SCREEN_WORDS = re.compile(r"man hinh|\bled\b|bang (?:tin |thong tin )?dien tu|bien (?:quang cao )?dien tu")
WEB_SOCIAL = ("web_portal", "social_media")
# Online forms besides screens and web/social: messages (SMS, Zalo OA) and virtual assistants.
OTHER_ONLINE = ("messaging", "ai_assistant")
TRADITIONAL = (
    "press",
    "radio",
    "television",
    "loudspeaker",
    "visual",
    "print",
    "conference",
    "training",
    "contest",
    "dialogue",
    "performance",
    "newsletter",
    "meetings",
    "public_service_points",
)
VARIETY_METRICS = {"online_screens", "online_web_social", "online_forms", "traditional_forms"}
REPORT_METRICS = {
    "reports_late",
    "reports_returned",
    "reports_late_or_returned",
    "reports_missing_periodic",
    "reports_missing_annual",
}
SCORED_PLAN_STATUSES = (Plan.Status.ISSUED, Plan.Status.CLOSED)


def evaluation_day(year: int, today: date) -> date:
    """The day the figures run to: 31/12 of the year once it is over, else today (a provisional score)."""
    return min(today, date(year, 12, 31))


def measure(unit: Unit, year: int, on: date, names: set[str]) -> dict[str, MetricValue]:
    """The metrics ``names`` for ``unit`` over ``year`` up to ``on``; a metric the data cannot give is
    ``MetricValue.unavailable`` with the reason."""
    result: dict[str, MetricValue] = {}
    if "plan_completion" in names:
        result["plan_completion"] = plan_completion(unit, year, on)
    if names & VARIETY_METRICS:
        result.update(variety(unit, year, on))
    if "subplan_timeliness" in names:
        result["subplan_timeliness"] = subplan_timeliness(unit, year, on)
    if names & REPORT_METRICS:
        result.update(reporting(unit, year, on))
    return {name: value for name, value in result.items() if name in names}


def _provisional(year: int, on: date) -> str:
    return "" if on >= date(year, 12, 31) else f"tạm tính đến ngày {on:%d/%m/%Y}"


def plan_completion(unit: Unit, year: int, on: date) -> MetricValue:
    """Tasks the unit leads in the issued plans of ``year``: completed by ``on`` against all of them.

    Completed is tracking's status the day after ``on`` with the activities up to ``on``: a countable task
    has all its outputs, a continuous one had activity in a window that has ended. A task copied into the
    unit's own sub-plan and the parent task it carries out count once (completed when either is).
    """
    assignments = Assignment.objects.leads().filter(
        unit=unit, task__plan__year=year, task__plan__status__in=SCORED_PLAN_STATUSES
    )
    activities = Activity.objects.filter(unit=unit, task__plan__year=year)
    rows = progress_of(assignments, activities, on)
    if not rows:
        return MetricValue.unavailable(
            f"đơn vị không chủ trì nhiệm vụ nào trong kế hoạch đã ban hành năm {year}"
        )
    after = on + timedelta(days=1)
    task_ids = {row.task.pk for row in rows}
    groups: dict[int, list[AssignmentProgress]] = {}
    for row in rows:
        parent = row.task.parent_task_id
        key = parent if parent in task_ids else row.task.pk
        groups.setdefault(key, []).append(row)
    done = 0
    references = []
    for group in groups.values():
        completed = any(row.status_at(after) == COMPLETED for row in group)
        done += completed
        row = group[0]
        target = f"{row.done}/{row.total}" if row.total is not None else f"{row.activity_count} hoạt động"
        state = "Hoàn thành" if completed else "Chưa hoàn thành"
        references.append(
            Reference(f"{state}: {row.plan.display_number} · {row.task} ({target})", row.activities_url)
        )
    references.sort(key=lambda ref: not ref.label.startswith("Chưa"))
    return MetricValue.ratio(done, len(groups), tuple(references), note=_provisional(year, on))


def variety(unit: Unit, year: int, on: date) -> dict[str, MetricValue]:
    """Forms the unit used in ``year`` up to ``on`` with at least one activity that has evidence."""
    start = date(year, 1, 1)
    with_evidence = Exists(Evidence.objects.filter(activity=OuterRef("pk")))
    rows = (
        Activity.objects.filter(unit=unit, date__gte=start, date__lte=on)
        .filter(with_evidence)
        .order_by()
        .values_list("channel", "title", "description")
    )
    counts: Counter[str] = Counter()
    for channel, title, description in rows:
        if channel == "visual" and _SCREEN_WORDS.search(fold(f"{title} {description}")):
            counts[SCREENS] += 1
        else:
            counts[channel] += 1

    def value(codes: tuple[str, ...]) -> MetricValue:
        used = [code for code in codes if counts[code]]
        labels = [SCREENS_LABEL if code == SCREENS else CHANNEL_LABELS.get(code, code) for code in used]
        references = tuple(
            Reference(
                f"{label}: {counts[code]} hoạt động có minh chứng",
                activities_url(
                    unit=unit.pk, channel="visual" if code == SCREENS else code, start=start, end=on
                ),
            )
            for code, label in zip(used, labels, strict=True)
        )
        return MetricValue.forms(labels, references)

    return {
        "online_screens": value((SCREENS,)),
        "online_web_social": value(WEB_SOCIAL),
        "online_forms": value((SCREENS, *WEB_SOCIAL, *OTHER_ONLINE)),
        "traditional_forms": value(TRADITIONAL),
    }


def _plan_reference(plan: Plan, prefix: str) -> Reference:
    return Reference(
        f"{prefix}: {plan.display_number} · {plan.title[:120]}", reverse("plans:plan_detail", args=[plan.pk])
    )


def _earliest_due(plan: Plan) -> date | None:
    dates = [ob.due_date for ob in plan.subplan_obligations.all() if ob.due_date]
    return min(dates) if dates else None


def subplan_timeliness(unit: Unit, year: int, on: date) -> MetricValue:
    """Whether the unit issued its own plan carrying out a superior's plan of ``year`` by the deadline that
    plan set (its earliest dated sub-plan obligation): on_time, late, or missing once the deadline passed."""
    children = list(
        Plan.objects.filter(issuer=unit, parent__isnull=False, year=year, status__in=SCORED_PLAN_STATUSES)
        .select_related("parent")
        .prefetch_related("parent__subplan_obligations")
        .order_by("issue_date", "pk")
    )
    for child in children:
        assert child.parent is not None
        due = _earliest_due(child.parent)
        if due is None or child.issue_date is None:
            continue
        references = (
            _plan_reference(child, "Kế hoạch của đơn vị"),
            _plan_reference(child.parent, "Kế hoạch cấp trên"),
        )
        note = f"ban hành ngày {child.issue_date:%d/%m/%Y}, hạn {due:%d/%m/%Y}"
        choice = "on_time" if child.issue_date <= due else "late"
        return MetricValue.option(choice, references, note=note)
    if children:
        return MetricValue.unavailable(
            "kế hoạch của đơn vị hoặc kế hoạch cấp trên không ghi ngày ban hành, thời hạn"
        )
    for parent in _plans_requiring(unit, year):
        due = _earliest_due(parent)
        assert due is not None
        if on > due:
            return MetricValue.option(
                "missing", (_plan_reference(parent, "Kế hoạch cấp trên"),), note=f"hạn {due:%d/%m/%Y} đã qua"
            )
        return MetricValue.unavailable(f"chưa đến hạn ban hành kế hoạch ({due:%d/%m/%Y})")
    return MetricValue.unavailable(f"không có kế hoạch cấp trên năm {year} yêu cầu đơn vị xây dựng kế hoạch")


def _plans_requiring(unit: Unit, year: int) -> list[Plan]:
    """Issued plans of ``year`` from above the unit whose dated sub-plan obligations name it."""
    above = [int(pk) for pk in unit.path.split(".") if pk]
    plans = (
        Plan.objects.filter(
            year=year, status__in=SCORED_PLAN_STATUSES, subplan_obligations__due_date__isnull=False
        )
        .filter(Q(issuer_id__in=above) | Q(issuer__parent_id__in=above))
        .exclude(issuer=unit)
        .select_related("issuer__parent")
        .prefetch_related("subplan_obligations")
        .distinct()
        .order_by("issue_date", "pk")
    )
    found = []
    for plan in plans:
        on = plan.issue_date or date(plan.year, 1, 1)
        for obligation in plan.subplan_obligations.all():
            if obligation.due_date and _names(obligation.units or [], plan.issuer, on, unit):
                found.append(plan)
                break
    return found


def _names(agencies: list[dict[str, Any]], issuer: Unit, on: date, unit: Unit) -> bool:
    for agency in agencies:
        if agency.get("is_group") and agency.get("group"):
            if any(member.pk == unit.pk for member in expand_group(agency["group"], issuer, on)):
                return True
        elif agency.get("name") or agency.get("text"):
            match = match_agency(agency.get("name") or agency["text"], issuer, on)
            if match is not None and match.pk == unit.pk:
                return True
    return False


def reporting(unit: Unit, year: int, on: date) -> dict[str, MetricValue]:
    """From the reporting calendar of ``year``: reports received late, reports the reviewer returned
    ("không đạt yêu cầu, bị trả lại": at least one return in their history, whenever it happened, like a
    late submission counts whenever it happened), each report late or returned once, and reports due by
    ``on`` that never arrived (quarterly, 6- and 9-month ones apart from the annual one). No calendar, no
    data."""
    requirements = list(
        ReportRequirement.objects.filter(unit=unit, period__year=year, due_date__lte=on)
        .select_related("period")
        .order_by("due_date", "pk")
    )
    if not requirements:
        missing = MetricValue.unavailable(f"chưa có lịch báo cáo đến hạn của đơn vị năm {year}")
        return dict.fromkeys(REPORT_METRICS, missing)
    reports = list(
        Report.objects.filter(unit=unit, period__year=year, first_submitted_at__isnull=False)
        .annotate(
            was_returned=Exists(
                ReviewEvent.objects.filter(report=OuterRef("pk"), kind=ReviewEvent.Kind.RETURN)
            )
        )
        .select_related("period")
        .order_by("period__end", "pk")
    )
    received = {(report.period_id, report.plan_id) for report in reports}
    late = [report for report in reports if report.is_late]
    returned = [report for report in reports if report.was_returned]
    deficient = [report for report in reports if report.is_late or report.was_returned]
    missing_periodic, missing_annual = [], []
    for requirement in requirements:
        if (requirement.period_id, requirement.plan_id) in received:
            continue
        if requirement.period.kind == ReportingPeriod.Kind.YEAR:
            missing_annual.append(requirement)
        else:
            missing_periodic.append(requirement)
    calendar = reverse("reports:calendar")

    def absent(items: list[ReportRequirement]) -> tuple[Reference, ...]:
        return tuple(
            Reference(
                f"Chưa nộp: báo cáo {_lower_first(item.period.label)} (hạn {item.due_date:%d/%m/%Y})",
                calendar,
            )
            for item in items
        )

    def received_references(items: list[Report]) -> tuple[Reference, ...]:
        return tuple(
            Reference(
                f"{_failings(report)}: báo cáo {_lower_first(report.period.label)} (hạn {report.due_date:%d/%m/%Y})",
                reverse("reports:report_detail", args=[report.pk]),
            )
            for report in items
        )

    return {
        "reports_late": MetricValue.number(len(late), received_references(late)),
        "reports_returned": MetricValue.number(len(returned), received_references(returned)),
        "reports_late_or_returned": MetricValue.number(len(deficient), received_references(deficient)),
        "reports_missing_periodic": MetricValue.number(len(missing_periodic), absent(missing_periodic)),
        "reports_missing_annual": MetricValue.number(len(missing_annual), absent(missing_annual)),
    }


def _failings(report: Report) -> str:
    """ "Nộp trễ", "Bị trả lại" or "Nộp trễ, bị trả lại"."""
    failings = [
        *(["nộp trễ"] if report.is_late else []),
        *(["bị trả lại"] if getattr(report, "was_returned", False) else []),
    ]
    return ", ".join(failings).capitalize()


def _lower_first(label: str) -> str:
    """ "Quý I/2026" → "quý I/2026" (the numeral keeps its case)."""
    return label[:1].lower() + label[1:]
