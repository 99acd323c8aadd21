"""Models → the builders' plain data: a stored plan as the importer's ``PlanDraft``.

The builders know nothing of models; this module is the only bridge. A plan is read in a fixed number of
queries (the plan, its tasks, their assignments with units, references, two kinds of obligations and
targets), whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Prefetch

from cchc.importer.model import (
    Agency,
    Deadline,
    DocumentInfo,
    IndicatorTarget,
    LegalReference,
    PlanDraft,
    Recurrence,
    ReportingObligation,
    Section,
    SourceSpan,
    SubPlanObligation,
    Timeframe,
)
from cchc.importer.model import Task as DraftTask
from cchc.orgs.access import territory_of
from cchc.orgs.models import Unit
from cchc.plans.models import Assignment, Plan, Task

# Words a territorial unit's name starts with; the rest is the place name of the date line.
PLACE_PREFIXES = (
    "Thành phố",
    "Thị trấn",
    "Thị xã",
    "Đặc khu",
    "Phường",
    "Huyện",
    "Quận",
    "Tỉnh",
    "Xã",
)


def place_of(unit: Unit) -> str:
    """The place name of the date line: "Khánh Hòa" for an agency of Tỉnh Khánh Hòa."""
    name = territory_of(unit).name
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1 :].strip()
    return name


def issuer_heading(unit: Unit) -> str:
    """The issuer line of the header in capitals: "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"; an agency printed under
    its superior drops the territory the superior already names ("UBND TỈNH KHÁNH HÒA" over "SỞ NỘI VỤ")."""
    if superior_heading(unit) and unit.short_name:
        return unit.short_name.upper()
    return unit.name.upper()


def superior_heading(unit: Unit) -> str:
    """The body above an agency in the header: an agency of a territory other than its People's Committee
    prints the committee ("UBND TỈNH KHÁNH HÒA", abbreviated as headers print it) above its own name; a
    committee prints none."""
    if unit.is_territorial or unit.agency_type == Unit.AgencyType.PEOPLES_COMMITTEE:
        return ""
    territory = territory_of(unit)
    if territory is unit:
        return ""
    return f"UBND {territory.name.upper()}"


def issuer_code_of(unit: Unit) -> str:
    """The issuer's part of a symbol ("UBND" in "KH-UBND", "SNV"): the catalog's abbreviation, else the
    initials of the short name."""
    if unit.symbol_code:
        return unit.symbol_code
    if unit.agency_type == Unit.AgencyType.PEOPLES_COMMITTEE:
        return "UBND"
    words = (unit.short_name or unit.name).split()
    return "".join(word[0] for word in words if word[:1].isalpha()).upper()[:12] or "VB"


def plan_to_draft(plan: Plan) -> PlanDraft:
    """The plan as the importer would have read it from its document (what ``build_plan_docx`` takes)."""
    tasks = list(
        plan.tasks.order_by("position", "pk").prefetch_related(
            _assignments_prefetch(),
        )
    )
    issuer = plan.issuer
    document = DocumentInfo(
        doc_type=plan.doc_type or "Kế hoạch",
        number=plan.number or None,
        symbol=plan.symbol or None,
        issuer=plan.issuer_text or issuer_heading(issuer),
        superior=plan.superior_text or superior_heading(issuer) or None,
        place=plan.place or place_of(issuer),
        issue_date=_iso(plan.issue_date),
        issue_date_text=plan.issue_date_text or None,
        year=plan.year,
        title=plan.title,
        signer_name=plan.signer_name or None,
        signer_title=plan.signer_title or None,
        authority=plan.authority or None,
        authority_body=plan.authority_body or None,
        recipients=list(plan.recipients),
    )
    return PlanDraft(
        document=document,
        legal_references=[
            LegalReference(
                doc_type=ref.doc_type,
                number=ref.number or None,
                date=_iso(ref.issued_on),
                issuer=ref.issuer or None,
                title=ref.title or None,
                text=ref.text,
                source=_span(ref.source_start, ref.source_end) or SourceSpan(0, 0),
            )
            for ref in plan.legal_references.all()
        ],
        sections=[_section(data) for data in plan.sections],
        themes=list(plan.themes),
        channels=list(plan.channels),
        tasks=[_task(task) for task in tasks],
        reporting_obligations=[
            ReportingObligation(
                period=row.period,
                deadline=(
                    Deadline(
                        text=row.deadline_text,
                        day=row.deadline_day,
                        month=row.deadline_month,
                        year=row.deadline_year,
                        relative=row.deadline_relative or None,
                    )
                    if row.deadline_text or row.deadline_day
                    else None
                ),
                reporters=_agencies(row.reporters),
                recipient=row.recipient or None,
                via=row.via or None,
                text=row.text,
                source=_span(row.source_start, row.source_end),
            )
            for row in plan.reporting_obligations.all()
        ],
        report_outline=[_section(data) for data in plan.report_outline],
        subplan_obligations=[
            SubPlanObligation(
                units=_agencies(row.units),
                deadline_text=row.deadline_text or None,
                due_date=_iso(row.due_date),
                recipient=row.recipient or None,
                via=row.via or None,
                text=row.text,
                source=_span(row.source_start, row.source_end),
            )
            for row in plan.subplan_obligations.all()
        ],
        indicator_targets=[
            IndicatorTarget(
                index=row.index,
                text=row.text,
                comparator=row.comparator or None,
                value=float(row.value) if row.value is not None else None,
                unit=row.unit or None,
                source=_span(row.source_start, row.source_end),
            )
            for row in plan.indicator_targets.all()
        ],
    )


def _assignments_prefetch() -> Prefetch:
    return Prefetch(
        "assignments", queryset=Assignment.objects.select_related("unit").order_by("role", "position", "pk")
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _span(start: int | None, end: int | None) -> SourceSpan | None:
    if start is None:
        return None
    return SourceSpan(start, end if end is not None else start)


def _section(data: dict[str, Any]) -> Section:
    source = data.get("source") or {}
    return Section(
        marker=data.get("marker", ""),
        title=data.get("title", ""),
        text=data.get("text", ""),
        source=SourceSpan(source.get("start") or 0, source.get("end") or 0),
        children=[_section(child) for child in data.get("children", [])],
    )


def _agencies(rows: Iterable[dict[str, Any]]) -> list[Agency]:
    return [
        Agency(
            text=row.get("text", ""),
            name=row.get("name") or row.get("text", ""),
            is_group=bool(row.get("is_group")),
            group=row.get("group"),
        )
        for row in rows
    ]


def _assignment_agencies(assignments: list[Assignment]) -> list[Agency]:
    """A group phrase once (its units share the printed text), other agencies as printed, or by the unit's
    name when the unit was chosen in the system."""
    agencies: list[Agency] = []
    seen_groups: set[tuple[str, str]] = set()
    for assignment in assignments:
        if assignment.group_key:
            key = (assignment.group_key, assignment.text)
            if key in seen_groups:
                continue
            seen_groups.add(key)
            agencies.append(
                Agency(text=assignment.text, name=assignment.text, is_group=True, group=assignment.group_key)
            )
            continue
        unit = assignment.unit
        name = unit.name if unit is not None else assignment.text
        agencies.append(Agency(text=assignment.text or name, name=name, recognised=assignment.is_resolved))
    return agencies


def _task(task: Task) -> DraftTask:
    assignments = list(task.assignments.all())
    has_timeframe = task.timeframe_text or task.start_date or task.end_date
    has_frequency = task.recurrence_text or task.recurrence_kind or task.target_total or task.per_period
    return DraftTask(
        ordinal=task.ordinal,
        title=task.title,
        details=task.details,
        group=task.group_title or None,
        lead=_assignment_agencies([a for a in assignments if a.role == Assignment.Role.LEAD]),
        coordinating=_assignment_agencies([a for a in assignments if a.role == Assignment.Role.COORDINATING]),
        timeframe=(
            Timeframe(
                text=task.timeframe_text,
                kind=task.timeframe_kind,
                start=_iso(task.start_date),
                end=_iso(task.end_date),
            )
            if has_timeframe
            else None
        ),
        frequency=(
            Recurrence(
                text=task.recurrence_text,
                kind=task.recurrence_kind or "unknown",
                per_period=task.per_period,
                total=task.target_total,
                item_unit=task.item_unit or None,
                duration_min_minutes=task.duration_min_minutes,
                duration_max_minutes=task.duration_max_minutes,
                duration_text=task.duration_text or None,
                each_unit=task.each_unit,
            )
            if has_frequency
            else None
        ),
        product=task.product or None,
        budget=task.budget or None,
        themes=list(task.themes),
        channels=list(task.channels),
        source=_span(task.source_start, task.source_end),
    )


def sample_plan_draft() -> PlanDraft:
    """A small complete plan a unit's template is tried against before it is accepted."""
    return PlanDraft(
        document=DocumentInfo(
            number="05/KH-UBND",
            symbol="KH-UBND",
            issuer="ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
            place="Khánh Hòa",
            issue_date="2026-02-05",
            year=2026,
            title="Tuyên truyền cải cách hành chính năm 2026",
            signer_name="Nguyễn Văn A",
            signer_title="Phó Chủ tịch",
            authority="KT.",
            authority_body="ỦY BAN NHÂN DÂN",
            recipients=["Bộ Nội vụ", "Các sở, ban, ngành", "Lưu: VT, NV"],
        ),
        legal_references=[
            LegalReference(
                doc_type="Nghị quyết",
                number="76/NQ-CP",
                date="2021-07-15",
                issuer="Chính phủ",
                title="ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
                text="Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể "
                "cải cách hành chính nhà nước giai đoạn 2021 - 2030;",
                source=SourceSpan(1, 1),
            )
        ],
        sections=[
            Section(
                marker="I.",
                title="MỤC ĐÍCH, YÊU CẦU",
                text="Nâng cao nhận thức của cán bộ, công chức và người dân về cải cách hành chính.",
                source=SourceSpan(2, 2),
            )
        ],
        tasks=[
            DraftTask(
                ordinal="1",
                title="Đăng tin, bài về cải cách hành chính trên Cổng thông tin điện tử",
                group="I. Tuyên truyền trên báo chí",
                lead=[Agency(text="Sở Nội vụ", name="Sở Nội vụ")],
                coordinating=[Agency(text="Các sở, ban, ngành", name="Các sở, ban, ngành", is_group=True)],
                timeframe=Timeframe(text="Hằng tháng", kind="continuous"),
                frequency=Recurrence(text="01 tin, bài/tháng", kind="monthly", per_period=1, total=12),
                product="Tin, bài",
                budget="Ngân sách tỉnh",
            )
        ],
    )
