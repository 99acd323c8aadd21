"""Sub-plans: a plan's subordinate units issue their own plan carrying out the tasks they were given.

A sub-plan is a ``Plan`` whose ``parent`` is the plan it carries out; each of its tasks copied from the
parent points to the parent's task (``Task.parent_task``), so progress on the sub-plan counts for the parent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cchc.core.errors import DomainError
from cchc.orgs.access import territory_of
from cchc.orgs.matching import expand_group, match_agency
from cchc.orgs.models import Unit
from cchc.plans.models import Assignment, LegalReference, Plan, Task
from cchc.plans.services import TASK_FIELDS, plan_search_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# Fields a derived task takes over from its parent task besides TASK_FIELDS.
COPIED_TASK_FIELDS = ("ordinal", "group_title", "themes", "channels")


@dataclass
class Candidate:
    """A subordinate unit the plan gives tasks to or requires a plan from."""

    unit: Unit
    lead_tasks: int = 0
    coordinating_tasks: int = 0
    required: bool = False

    @property
    def task_count(self) -> int:
        return self.lead_tasks + self.coordinating_tasks


@dataclass
class SubPlanRow:
    """One subordinate unit and where its own plan stands."""

    unit: Unit
    candidate: Candidate | None
    child: Plan | None
    state: str  # "missing" (not derived yet), "draft" or "issued"
    timeliness: str  # "on_time", "late", "pending" (not due yet) or "" (no deadline, not issued)

    @property
    def label(self) -> str:
        if self.state == "issued":
            return _("Đã ban hành trễ hạn") if self.timeliness == "late" else _("Đã ban hành đúng hạn")
        if self.timeliness == "late":
            return _("Quá hạn, chưa ban hành")
        return _("Đang dự thảo") if self.state == "draft" else _("Chưa lập kế hoạch")

    @property
    def css(self) -> str:
        if self.state == "issued":
            return "warning" if self.timeliness == "late" else "success"
        return "danger" if self.timeliness == "late" else "secondary"


@dataclass
class SubPlanOverview:
    due_date: date | None
    deadline_text: str
    rows: list[SubPlanRow] = field(default_factory=list)

    def count(self, state: str, timeliness: str | None = None) -> int:
        return sum(
            1
            for row in self.rows
            if row.state == state and (timeliness is None or row.timeliness == timeliness)
        )

    @property
    def issued(self) -> int:
        return self.count("issued")

    @property
    def issued_on_time(self) -> int:
        return self.count("issued", "on_time")

    @property
    def issued_late(self) -> int:
        return self.count("issued", "late")

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.state != "issued" and row.timeliness == "late")


def subordinate_units(plan: Plan) -> Q:
    """Units below the plan's issuer: in its territory's subtree, other than the issuer itself."""
    territory = territory_of(plan.issuer)
    return Q(path__startswith=territory.path) & ~Q(pk=plan.issuer_id) & ~Q(pk=territory.pk)


def candidates(plan: Plan) -> list[Candidate]:
    """Subordinate units the plan names: leads and coordinators of its tasks (one row per unit, groups
    expanded when the plan was confirmed) and the units its sub-plan obligations require a plan from."""
    below = Unit.objects.filter(subordinate_units(plan))
    found: dict[int, Candidate] = {}
    rows = (
        Assignment.objects.filter(task__plan=plan, unit__in=below)
        .select_related("unit__parent")
        .order_by("unit__path")
    )
    seen: set[tuple[int, int]] = set()
    for assignment in rows:
        assert assignment.unit is not None
        if (assignment.task_id, assignment.unit.pk) in seen:
            continue
        seen.add((assignment.task_id, assignment.unit.pk))
        candidate = found.setdefault(assignment.unit.pk, Candidate(assignment.unit))
        if assignment.role == Assignment.Role.LEAD:
            candidate.lead_tasks += 1
        else:
            candidate.coordinating_tasks += 1
    required_ids = {unit.pk for unit in _required_units(plan)}
    for unit in below.filter(pk__in=required_ids).select_related("parent"):
        found.setdefault(unit.pk, Candidate(unit)).required = True
    return sorted(found.values(), key=lambda c: (c.unit.path.count("."), c.unit.name))


def _required_units(plan: Plan) -> list[Unit]:
    on = plan.issue_date or date(plan.year, 1, 1)
    units: list[Unit] = []
    for obligation in plan.subplan_obligations.all():
        for agency in obligation.units or []:
            if agency.get("is_group") and agency.get("group"):
                units.extend(expand_group(agency["group"], plan.issuer, on))
            elif agency.get("name") or agency.get("text"):
                unit = match_agency(agency.get("name") or agency["text"], plan.issuer, on)
                if unit is not None:
                    units.append(unit)
    return units


def subplan_due(plan: Plan) -> tuple[date | None, str]:
    """The earliest deadline the plan sets for its units' own plans, with its wording."""
    dated = [ob for ob in plan.subplan_obligations.all() if ob.due_date]
    if dated:
        first = min(dated, key=lambda ob: ob.due_date or date.max)
        return first.due_date, first.deadline_text
    return None, ""


def timeliness(child: Plan | None, due: date | None, today: date) -> str:
    if child is not None and child.status != Plan.Status.DRAFT:
        if due is None or child.issue_date is None or child.issue_date <= due:
            return "on_time"
        return "late"
    if due is None:
        return ""
    return "late" if today > due else "pending"


def overview(plan: Plan, today: date) -> SubPlanOverview:
    """Which subordinate units have issued their own plan, on time or late (the parent's view)."""
    due, deadline_text = subplan_due(plan)
    children = {child.issuer_id: child for child in plan.children.select_related("issuer__parent")}
    result = SubPlanOverview(due_date=due, deadline_text=deadline_text)
    listed: set[int] = set()
    for candidate in candidates(plan):
        child = children.get(candidate.unit.pk)
        result.rows.append(_row(candidate.unit, candidate, child, due, today))
        listed.add(candidate.unit.pk)
    for unit_id, child in children.items():
        if unit_id not in listed:
            result.rows.append(_row(child.issuer, None, child, due, today))
    return result


def _row(
    unit: Unit, candidate: Candidate | None, child: Plan | None, due: date | None, today: date
) -> SubPlanRow:
    if child is None:
        state = "missing"
    elif child.status == Plan.Status.DRAFT:
        state = "draft"
    else:
        state = "issued"
    return SubPlanRow(unit, candidate, child, state, timeliness(child, due, today))


@transaction.atomic
def derive_subplans(plan: Plan, units: list[Unit], *, by: AbstractBaseUser | None) -> list[Plan]:
    """Create a draft sub-plan for each of ``units`` with copies of the tasks it leads or coordinates.

    A unit that already has a sub-plan of this plan keeps it (deriving twice creates nothing). Raises
    DomainError when the plan is closed or a unit is not subordinate to the plan's issuer.
    """
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    if plan.status == Plan.Status.CLOSED:
        raise DomainError(_("Kế hoạch đã kết thúc; không thể lập kế hoạch cấp dưới."))
    if not units:
        raise DomainError(_("Chọn ít nhất một đơn vị."))
    below = set(
        Unit.objects.filter(subordinate_units(plan), pk__in=[u.pk for u in units]).values_list(
            "pk", flat=True
        )
    )
    foreign = [unit.name for unit in units if unit.pk not in below]
    if foreign:
        raise DomainError(
            _("Đơn vị không trực thuộc cơ quan ban hành kế hoạch: %(names)s.") % {"names": ", ".join(foreign)}
        )
    existing = {child.issuer_id: child for child in plan.children.all()}
    assigned = _tasks_by_unit(plan)
    result = []
    for unit in units:
        if unit.pk in existing:
            result.append(existing[unit.pk])
            continue
        child = _create_child(plan, unit, by)
        _copy_tasks(child, unit, assigned.get(unit.pk, []))
        existing[unit.pk] = child
        result.append(child)
    return result


def _tasks_by_unit(plan: Plan) -> dict[int, list[tuple[Task, Assignment]]]:
    """For each unit, the plan's tasks it is assigned to (lead first when it has both roles)."""
    tasks: dict[int, dict[int, tuple[Task, Assignment]]] = defaultdict(dict)
    rows = (
        Assignment.objects.filter(task__plan=plan, unit__isnull=False)
        .select_related("task")
        .order_by("task__position", "task_id", "role")
    )
    for assignment in rows:
        assert assignment.unit_id is not None
        mine = tasks[assignment.unit_id]
        if assignment.task_id not in mine or assignment.role == Assignment.Role.LEAD:
            mine[assignment.task_id] = (assignment.task, assignment)
    return {unit_id: list(by_task.values()) for unit_id, by_task in tasks.items()}


def _create_child(plan: Plan, unit: Unit, by: AbstractBaseUser | None) -> Plan:
    parent_label = f"{plan.doc_type} số {plan.number}" if plan.number else plan.doc_type
    child = Plan.objects.create(
        issuer=unit,
        issuer_text=unit.name,
        superior_text=plan.issuer.name,
        doc_type="Kế hoạch",
        year=plan.year,
        title=_("Triển khai %(parent)s %(title)s")
        % {"parent": parent_label, "title": _lower_first(plan.title)},
        status=Plan.Status.DRAFT,
        parent=plan,
        themes=list(plan.themes),
        channels=list(plan.channels),
        report_outline=plan.report_outline,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    # The parent plan is the sub-plan's first legal basis ("Thực hiện Kế hoạch số …").
    LegalReference.objects.create(
        plan=child,
        position=0,
        doc_type=plan.doc_type,
        number=plan.number,
        issued_on=plan.issue_date,
        issuer=plan.issuer.name,
        title=plan.title,
        text=f"{parent_label} của {plan.issuer.name} về {_lower_first(plan.title)}",
    )
    child.search_text = plan_search_text(child)
    child.save(update_fields=["search_text"])
    return child


def _copy_tasks(child: Plan, unit: Unit, assigned: list[tuple[Task, Assignment]]) -> None:
    copies = []
    for position, (task, assignment) in enumerate(assigned):
        values: dict[str, Any] = {name: getattr(task, name) for name in (*TASK_FIELDS, *COPIED_TASK_FIELDS)}
        if task.each_unit:
            # "mỗi xã 01 pano": the unit's own plan carries its own share as a plain target.
            values["target_total"] = assignment.expected_quantity or task.target_total
            values["each_unit"] = False
        copies.append(Task(plan=child, position=position, parent_task=task, **values))
    Task.objects.bulk_create(copies)
    Assignment.objects.bulk_create(
        Assignment(task=copy, unit=unit, role=Assignment.Role.LEAD, position=0, text=unit.name[:500])
        for copy in copies
    )


def _lower_first(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
