"""What the review screen shows: the draft's tasks with an agency select each, the numbered source text,
and the warnings placed on their lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from cchc.importer.model import Agency, PlanDraft, SourceSpan
from cchc.orgs.models import Unit
from cchc.plans.access import issuer_options, unit_options
from cchc.plans.forms import ImportReviewForm, agency_field_name, unit_label
from cchc.plans.labels import group_label
from cchc.plans.models import PlanImport
from cchc.plans.services import (
    CHOICE_GROUP,
    CHOICE_TEXT,
    chosen_unit_id,
    draft_agencies,
    reference_date,
    unit_choice,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def _lines(source: SourceSpan | None) -> str:
    if source is None:
        return ""
    return f"{source.start}-{source.end}"


def _overlaps(source: SourceSpan | None, lines: set[int]) -> bool:
    if source is None:
        return False
    return any(line in lines for line in range(source.start, source.end + 1))


def _option_units(plan_import: PlanImport, choices: dict[str, str]) -> dict[int, Unit]:
    wanted: set[int] = set()
    for match in plan_import.unit_matches.values():
        wanted.update(match.get("suggested", []))
    for choice in choices.values():
        pk = chosen_unit_id(choice)
        if pk is not None:
            wanted.add(pk)
    if not wanted:
        return {}
    return {unit.pk: unit for unit in Unit.objects.filter(pk__in=wanted).select_related("parent")}


def _agency_select(
    plan_import: PlanImport,
    key: str,
    agency: Agency,
    choice: str,
    units: dict[int, Unit],
    all_units: list[Unit] | None = None,
) -> dict[str, Any]:
    match = plan_import.unit_matches.get(key, {})
    options: list[tuple[str, str]] = []
    for pk in match.get("suggested", []):
        if pk in units:
            options.append((unit_choice(units[pk]), unit_label(units[pk])))
    chosen_pk = chosen_unit_id(choice)
    if chosen_pk is not None and chosen_pk in units and unit_choice(units[chosen_pk]) not in dict(options):
        options.append((unit_choice(units[chosen_pk]), unit_label(units[chosen_pk])))
    group_size = match.get("group_size", 0)
    if agency.is_group and agency.group and group_size:
        label = _("Cả nhóm: %(label)s (%(n)s đơn vị)") % {"label": group_label(agency.group), "n": group_size}
        options.insert(0, (CHOICE_GROUP, label))
    options.append((CHOICE_TEXT, _("Giữ nguyên văn bản / chưa xác định")))
    others = []
    if all_units is not None:
        known = dict(options)
        others = [(unit_choice(u), unit_label(u)) for u in all_units if unit_choice(u) not in known]
    return {
        "plan_import": plan_import,
        "key": key,
        "field_name": agency_field_name(key),
        "agency": agency,
        "choice": choice,
        "options": options,
        "other_options": others,
        "show_more": all_units is None and plan_import.issuer_id is not None,
        "is_resolved": choice != CHOICE_TEXT,
        "is_group": agency.is_group,
        "group_label": group_label(agency.group) if agency.group else "",
    }


def agency_select_context(
    plan_import: PlanImport, draft: PlanDraft, key: str, choice: str, *, all_units: bool = False
) -> dict[str, Any]:
    """One agency's select (for the htmx fragment), optionally listing every unit of the issuer's hierarchy."""
    agency = next(a for k, _t, _r, a in draft_agencies(draft) if k == key)
    units = _option_units(plan_import, {key: choice})
    everything = None
    if all_units and plan_import.issuer is not None:
        everything = unit_options(plan_import.issuer, reference_date(draft))
    return _agency_select(plan_import, key, agency, choice, units, everything)


def review_context(
    user: AbstractBaseUser,
    plan_import: PlanImport,
    draft: PlanDraft,
    form: ImportReviewForm,
    choices: dict[str, str],
) -> dict[str, Any]:
    warning_lines: set[int] = set()
    warnings = []
    for warning in draft.warnings:
        if warning.source is not None:
            warning_lines.update(range(warning.source.start, warning.source.end + 1))
        warnings.append({"message": warning.message, "code": warning.code, "lines": _lines(warning.source)})

    units = _option_units(plan_import, choices)
    selects: dict[str, dict[str, Any]] = {}
    for key, _task_index, _role, agency in draft_agencies(draft):
        selects[key] = _agency_select(plan_import, key, agency, choices.get(key, CHOICE_TEXT), units)
        selects[key]["errors"] = form.errors.get(agency_field_name(key), []) if form.is_bound else []

    rows = []
    for index, task in enumerate(draft.tasks):
        lead = [selects[f"{index}.lead.{i}"] for i in range(len(task.lead))]
        coordinating = [selects[f"{index}.coordinating.{i}"] for i in range(len(task.coordinating))]
        rows.append(
            {
                "index": index,
                "task": task,
                "lines": _lines(task.source),
                "has_warning": _overlaps(task.source, warning_lines),
                "lead": lead,
                "coordinating": coordinating,
            }
        )
    source_lines = [
        {"number": number, "text": text, "is_warning": number in warning_lines}
        for number, text in enumerate(draft.source_lines, start=1)
    ]
    return {
        "plan_import": plan_import,
        "draft": draft,
        "document": draft.document,
        "form": form,
        "warnings": warnings,
        "rows": rows,
        "unresolved_count": sum(1 for select in selects.values() if not select["is_resolved"]),
        "agency_count": len(selects),
        "source_lines": source_lines,
        "document_lines": _lines(draft.document.source),
        "issuer_options": [(unit.pk, unit_label(unit)) for unit in issuer_options(user, plan_import.issuer)],
    }
