"""The only writers of plans: importing a document, confirming it, editing a task."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.errors import DomainError
from cchc.core.vn import fold
from cchc.importer import ImportFailure, PlanDraft, parse_document
from cchc.importer.model import Agency, Section
from cchc.importer.model import Task as DraftTask
from cchc.orgs.access import can_coordinate
from cchc.orgs.matching import expand_group, find_issuer_unit, match_agency
from cchc.orgs.models import Unit
from cchc.plans.access import assignable_units
from cchc.plans.models import (
    Assignment,
    IndicatorTarget,
    LegalReference,
    Plan,
    PlanImport,
    ReportingObligation,
    SubPlanObligation,
    Task,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.core.files.uploadedfile import UploadedFile

# What the reviewer chose for one agency of the draft.
CHOICE_TEXT = "text"  # keep the name as printed, unresolved
CHOICE_GROUP = "group"  # a group phrase: every unit it covers
UNIT_PREFIX = "unit:"


def agency_key(task_index: int, role: str, agency_index: int) -> str:
    return f"{task_index}.{role}.{agency_index}"


def draft_agencies(draft: PlanDraft) -> list[tuple[str, int, str, Agency]]:
    """Every agency the draft's tasks name: (key, task index, role, agency)."""
    found: list[tuple[str, int, str, Agency]] = []
    for task_index, task in enumerate(draft.tasks):
        for role, agencies in (
            (Assignment.Role.LEAD, task.lead),
            (Assignment.Role.COORDINATING, task.coordinating),
        ):
            for agency_index, agency in enumerate(agencies):
                found.append((agency_key(task_index, role, agency_index), task_index, role, agency))
    return found


def reference_date(draft: PlanDraft) -> date:
    """The date the plan's units are looked up at: its issue date, else the start of its year, else today."""
    document = draft.document
    if document.issue_date:
        return date.fromisoformat(document.issue_date)
    if document.year:
        return date(document.year, 1, 1)
    return timezone.localdate()


def unit_choice(unit: Unit) -> str:
    return f"{UNIT_PREFIX}{unit.pk}"


def chosen_unit_id(choice: str) -> int | None:
    if not choice.startswith(UNIT_PREFIX):
        return None
    try:
        return int(choice.removeprefix(UNIT_PREFIX))
    except ValueError:
        return None


def suggest_matches(draft: PlanDraft, issuer: Unit | None) -> dict[str, dict[str, Any]]:
    """For each agency of the draft, the units it may mean in the issuer's hierarchy and a first choice.

    A name maps to a unit, a group phrase to the units it covers; a name that matches nothing keeps
    the choice "text" and so stays flagged for the reviewer.
    """
    on = reference_date(draft)
    matches: dict[str, dict[str, Any]] = {}
    names: dict[str, Unit | None] = {}
    groups: dict[str, list[Unit]] = {}
    for key, _task_index, _role, agency in draft_agencies(draft):
        suggestion: dict[str, Any] = {"choice": CHOICE_TEXT, "suggested": [], "group_size": 0}
        matches[key] = suggestion
        if issuer is None:
            continue
        if agency.is_group and agency.group:
            if agency.group not in groups:
                groups[agency.group] = list(expand_group(agency.group, issuer, on))
            size = len(groups[agency.group])
            suggestion["group_size"] = size
            if size:
                suggestion["choice"] = CHOICE_GROUP
            continue
        if agency.name not in names:
            names[agency.name] = match_agency(agency.name, issuer, on)
        unit = names[agency.name]
        if unit is not None:
            suggestion["suggested"] = [unit.pk]
            suggestion["choice"] = unit_choice(unit)
    return matches


def guess_issuer(draft: PlanDraft) -> Unit | None:
    """The issuing body from the header. Without one, the territory is looked for in the superior body, the
    title and the bodies that issued the documents it cites with the same issuer code ("…/QĐ-UBND" of
    "UBND tỉnh Nam Định" for a plan "…/KH-UBND"): a body usually builds on its own earlier documents."""
    document = draft.document
    hints = [document.superior, document.title]
    code = (document.symbol or "").partition("-")[2]
    if code:
        hints.extend(ref.issuer for ref in draft.legal_references if (ref.number or "").endswith(f"-{code}"))
    hint = " ; ".join(part for part in hints if part)
    if not (document.issuer or document.place or hint):
        return None
    return find_issuer_unit(document.issuer, document.place, reference_date(draft), hint=hint or None)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_upload(uploaded_file: UploadedFile) -> bytes:
    """The upload's bytes; refused above settings.IMPORT_MAX_BYTES before anything is read or parsed."""
    limit = settings.IMPORT_MAX_BYTES
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise DomainError(
            _("Tệp “%(name)s” quá lớn (%(size)s); dung lượng tối đa cho phép là %(limit)s.")
            % {
                "name": uploaded_file.name,
                "size": filesizeformat(uploaded_file.size),
                "limit": filesizeformat(limit),
            }
        )
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise DomainError(
            _("Tệp “%(name)s” quá lớn; dung lượng tối đa cho phép là %(limit)s.")
            % {"name": uploaded_file.name, "limit": filesizeformat(limit)}
        )
    return data


def start_import(uploaded_file: UploadedFile, *, by: AbstractBaseUser | None) -> PlanImport:
    """Parse an uploaded plan and keep it, with suggested unit matches, for review.

    Raises DomainError (Vietnamese message) for a file too large or not a readable plan; nothing is saved then.
    """
    data = read_upload(uploaded_file)
    filename = uploaded_file.name or "ke-hoach"
    return import_bytes(data, filename, by=by)


def import_bytes(data: bytes, filename: str, *, by: AbstractBaseUser | None) -> PlanImport:
    """start_import for bytes already read (the sample loader); same guarantees."""
    try:
        draft = parse_document(data, filename)
    except ImportFailure as failure:
        raise DomainError(failure.message_vi) from failure
    issuer = guess_issuer(draft)
    with transaction.atomic():
        plan_import = PlanImport(
            filename=filename[:255],
            size=len(data),
            content_hash=content_hash(data),
            draft=draft.to_dict(),
            issuer=issuer,
            unit_matches=suggest_matches(draft, issuer),
            created_by=by,
        )
        plan_import.file.save(filename, ContentFile(data), save=False)
        plan_import.save()
    return plan_import


@transaction.atomic
def change_import_issuer(plan_import: PlanImport, issuer: Unit) -> PlanImport:
    """Record the issuer the reviewer picked and suggest the agencies again in its hierarchy."""
    _require_pending(plan_import)
    draft = PlanDraft.from_dict(plan_import.draft)
    plan_import.issuer = issuer
    plan_import.unit_matches = suggest_matches(draft, issuer)
    plan_import.save(update_fields=["issuer", "unit_matches"])
    return plan_import


@transaction.atomic
def choose_agency(plan_import: PlanImport, key: str, choice: str) -> PlanImport:
    """Remember the reviewer's choice for one agency of the draft (confirm reads it back)."""
    _require_pending(plan_import)
    matches = dict(plan_import.unit_matches)
    if key not in matches:
        raise DomainError(_("Không tìm thấy cơ quan này trong bản trích xuất."))
    matches[key] = {**matches[key], "choice": choice}
    plan_import.unit_matches = matches
    plan_import.save(update_fields=["unit_matches"])
    return plan_import


@transaction.atomic
def discard_import(plan_import: PlanImport) -> PlanImport:
    _require_pending(plan_import)
    plan_import.status = PlanImport.Status.DISCARDED
    plan_import.save(update_fields=["status"])
    return plan_import


def _require_pending(plan_import: PlanImport) -> None:
    if plan_import.status == PlanImport.Status.CONFIRMED:
        raise DomainError(_("Kế hoạch này đã được lưu; không thể thay đổi lượt nhập."))
    if plan_import.status == PlanImport.Status.DISCARDED:
        raise DomainError(_("Lượt nhập này đã bị hủy."))


@dataclass
class DocumentFields:
    """What the reviewer may correct in the document's header before saving."""

    number: str
    issue_date: date | None
    year: int | None
    title: str
    signer_name: str
    signer_title: str

    @classmethod
    def from_draft(cls, draft: PlanDraft) -> DocumentFields:
        document = draft.document
        return cls(
            number=document.number or "",
            issue_date=date.fromisoformat(document.issue_date) if document.issue_date else None,
            year=document.year,
            title=document.title or "",
            signer_name=document.signer_name or "",
            signer_title=document.signer_title or "",
        )


@transaction.atomic
def create_plan_from_import(
    plan_import: PlanImport,
    *,
    issuer: Unit,
    agency_choices: dict[str, str],
    by: AbstractBaseUser | None,
    document: DocumentFields | None = None,
) -> Plan:
    """Save the reviewed draft as a plan with its tasks, assignments, references, obligations and targets.

    All or nothing. Confirming an import that is already confirmed returns the plan it made (a double submit).
    Raises DomainError for a discarded import, a missing year or title, or a unit outside the issuer's hierarchy.
    """
    locked = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    if locked.status == PlanImport.Status.CONFIRMED:
        plan = Plan.objects.filter(source_import=locked).first()
        if plan is None:
            raise DomainError(_("Kế hoạch của lượt nhập này đã bị xóa; hãy nhập lại văn bản."))
        return plan
    if locked.status == PlanImport.Status.DISCARDED:
        raise DomainError(_("Lượt nhập này đã bị hủy."))
    draft = PlanDraft.from_dict(locked.draft)
    fields = document or DocumentFields.from_draft(draft)
    if not fields.year:
        raise DomainError(_("Chưa xác định được năm của kế hoạch; vui lòng nhập năm."))
    if not fields.title.strip():
        raise DomainError(_("Kế hoạch cần có trích yếu (tên kế hoạch)."))

    on = fields.issue_date or date(fields.year, 1, 1)
    units = _chosen_units(agency_choices, issuer, on)
    plan = _create_plan(draft, fields, issuer=issuer, plan_import=locked, by=by)
    _create_tasks(plan, draft, agency_choices, units, on)
    _create_references_and_obligations(plan, draft)

    locked.status = PlanImport.Status.CONFIRMED
    locked.confirmed_at = timezone.now()
    locked.issuer = issuer
    locked.unit_matches = {
        key: {**locked.unit_matches.get(key, {}), "choice": choice} for key, choice in agency_choices.items()
    }
    locked.save(update_fields=["status", "confirmed_at", "issuer", "unit_matches"])
    return plan


def _chosen_units(agency_choices: dict[str, str], issuer: Unit, on: date) -> dict[int, Unit]:
    wanted = {pk for pk in (chosen_unit_id(choice) for choice in agency_choices.values()) if pk is not None}
    if not wanted:
        return {}
    found = {unit.pk: unit for unit in assignable_units(issuer).filter(pk__in=wanted)}
    if wanted - found.keys():
        raise DomainError(_("Có đơn vị được chọn không thuộc hệ thống của cơ quan ban hành."))
    return found


def _create_plan(
    draft: PlanDraft,
    fields: DocumentFields,
    *,
    issuer: Unit,
    plan_import: PlanImport,
    by: AbstractBaseUser | None,
) -> Plan:
    document = draft.document
    number = fields.number.strip()
    status = Plan.Status.ISSUED if number and fields.issue_date else Plan.Status.DRAFT
    plan = Plan(
        issuer=issuer,
        issuer_text=(document.issuer or "")[:255],
        superior_text=(document.superior or "")[:255],
        doc_type=document.doc_type or "Kế hoạch",
        number=number,
        symbol=document.symbol or "",
        issue_date=fields.issue_date,
        issue_date_text=document.issue_date_text or "",
        place=document.place or "",
        year=fields.year,
        title=fields.title.strip(),
        status=status,
        signer_name=fields.signer_name.strip(),
        signer_title=fields.signer_title.strip(),
        authority=document.authority or "",
        authority_body=document.authority_body or "",
        themes=list(draft.themes),
        channels=list(draft.channels),
        recipients=list(document.recipients),
        sections=[_section_dict(section) for section in draft.sections],
        report_outline=[_section_dict(section) for section in draft.report_outline],
        source_import=plan_import,
        created_by=by,
    )
    plan.search_text = plan_search_text(plan)
    plan.source_file.name = plan_import.file.name
    plan.save()
    return plan


def plan_search_text(plan: Plan) -> str:
    return fold(" ".join([plan.number, plan.title, plan.issuer.name, plan.issuer_text]))


def _section_dict(section: Section) -> dict[str, Any]:
    return {
        "marker": section.marker,
        "title": section.title,
        "text": section.text,
        "source": {"start": section.source.start, "end": section.source.end} if section.source else None,
        "children": [_section_dict(child) for child in section.children],
    }


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _span(source: Any) -> dict[str, int | None]:
    if source is None:
        return {"source_start": None, "source_end": None}
    return {"source_start": source.start, "source_end": source.end}


def _task_row(plan: Plan, position: int, task: DraftTask) -> Task:
    timeframe = task.timeframe
    frequency = task.frequency
    return Task(
        plan=plan,
        position=position,
        ordinal=task.ordinal[:16],
        group_title=(task.group or "")[:500],
        title=task.title,
        details=task.details,
        timeframe_text=(timeframe.text if timeframe else "")[:255],
        timeframe_kind=timeframe.kind if timeframe else Task.TimeframeKind.UNKNOWN,
        start_date=_iso(timeframe.start) if timeframe else None,
        end_date=_iso(timeframe.end) if timeframe else None,
        recurrence_text=(frequency.text if frequency else "")[:255],
        recurrence_kind=frequency.kind if frequency else Task.RecurrenceKind.NONE,
        per_period=frequency.per_period if frequency else None,
        target_total=frequency.total if frequency else None,
        item_unit=((frequency.item_unit or "") if frequency else "")[:64],
        duration_min_minutes=frequency.duration_min_minutes if frequency else None,
        duration_max_minutes=frequency.duration_max_minutes if frequency else None,
        duration_text=((frequency.duration_text or "") if frequency else "")[:120],
        each_unit=frequency.each_unit if frequency else False,
        product=task.product or "",
        budget=(task.budget or "")[:255],
        themes=list(task.themes),
        channels=list(task.channels),
        **_span(task.source),
    )


def _create_tasks(
    plan: Plan, draft: PlanDraft, agency_choices: dict[str, str], units: dict[int, Unit], on: date
) -> None:
    tasks = Task.objects.bulk_create(
        [_task_row(plan, position, task) for position, task in enumerate(draft.tasks)]
    )
    groups: dict[str, list[Unit]] = {}
    assignments: list[Assignment] = []
    positions: dict[tuple[int, str], int] = {}
    for key, task_index, role, agency in draft_agencies(draft):
        task = tasks[task_index]
        choice = agency_choices.get(key, CHOICE_TEXT)
        targets = _assignment_targets(agency, choice, units, groups, plan.issuer, on)
        for unit, group_key in targets:
            position = positions.get((task_index, role), 0)
            positions[(task_index, role)] = position + 1
            assignments.append(
                Assignment(
                    task=task,
                    unit=unit,
                    role=role,
                    position=position,
                    text=agency.text[:500],
                    group_key=group_key,
                    is_resolved=unit is not None,
                )
            )
    Assignment.objects.bulk_create(assignments)


def _assignment_targets(
    agency: Agency,
    choice: str,
    units: dict[int, Unit],
    groups: dict[str, list[Unit]],
    issuer: Unit,
    on: date,
) -> list[tuple[Unit | None, str]]:
    """The (unit, group key) rows one agency of the draft becomes; (None, …) keeps it as unresolved text."""
    group_key = (agency.group or "") if agency.is_group else ""
    unit_id = chosen_unit_id(choice)
    if unit_id is not None:
        return [(units[unit_id], "")]
    if choice == CHOICE_GROUP and group_key:
        if group_key not in groups:
            groups[group_key] = list(expand_group(group_key, issuer, on))
        if groups[group_key]:
            return [(unit, group_key) for unit in groups[group_key]]
    return [(None, group_key)]


def _create_references_and_obligations(plan: Plan, draft: PlanDraft) -> None:
    LegalReference.objects.bulk_create(
        LegalReference(
            plan=plan,
            position=position,
            doc_type=ref.doc_type[:64],
            number=(ref.number or "")[:64],
            issued_on=_iso(ref.date),
            issuer=(ref.issuer or "")[:255],
            title=ref.title or "",
            text=ref.text,
            **_span(ref.source),
        )
        for position, ref in enumerate(draft.legal_references)
    )
    ReportingObligation.objects.bulk_create(
        ReportingObligation(
            plan=plan,
            position=position,
            period=obligation.period,
            deadline_text=(obligation.deadline.text if obligation.deadline else "")[:255],
            deadline_day=obligation.deadline.day if obligation.deadline else None,
            deadline_month=obligation.deadline.month if obligation.deadline else None,
            deadline_year=obligation.deadline.year if obligation.deadline else None,
            deadline_relative=((obligation.deadline.relative or "") if obligation.deadline else "")[:32],
            reporters=[_agency_dict(agency) for agency in obligation.reporters],
            recipient=(obligation.recipient or "")[:255],
            via=(obligation.via or "")[:255],
            text=obligation.text,
            **_span(obligation.source),
        )
        for position, obligation in enumerate(draft.reporting_obligations)
    )
    SubPlanObligation.objects.bulk_create(
        SubPlanObligation(
            plan=plan,
            position=position,
            units=[_agency_dict(agency) for agency in obligation.units],
            deadline_text=(obligation.deadline_text or "")[:255],
            due_date=_iso(obligation.due_date),
            recipient=(obligation.recipient or "")[:255],
            via=(obligation.via or "")[:255],
            text=obligation.text,
            **_span(obligation.source),
        )
        for position, obligation in enumerate(draft.subplan_obligations)
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(
            plan=plan,
            position=position,
            index=target.index[:32],
            text=target.text,
            comparator=(target.comparator or "")[:8],
            value=_decimal(target.value),
            unit=(target.unit or "")[:16],
            **_span(target.source),
        )
        for position, target in enumerate(draft.indicator_targets)
    )


def _agency_dict(agency: Agency) -> dict[str, Any]:
    return {"text": agency.text, "name": agency.name, "is_group": agency.is_group, "group": agency.group}


def _decimal(value: float | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def is_locked(plan: Plan) -> bool:
    """A plan issued through the register of outgoing documents (cchc.documents) is a signed document: it
    changes only through an amendment. Plans imported as already issued stay editable, so a reviewer can
    correct what the importer misread and match agencies to units."""
    if plan.status != Plan.Status.ISSUED:
        return False
    return Plan.objects.filter(pk=plan.pk, registered_documents__isnull=False).exists()


TASK_FIELDS = (
    "title",
    "details",
    "timeframe_text",
    "timeframe_kind",
    "start_date",
    "end_date",
    "recurrence_text",
    "recurrence_kind",
    "per_period",
    "target_total",
    "item_unit",
    "duration_min_minutes",
    "duration_max_minutes",
    "duration_text",
    "each_unit",
    "product",
    "budget",
)


def _check_editable(plan: Plan) -> None:
    if plan.status == Plan.Status.CLOSED:
        raise DomainError(_("Kế hoạch đã kết thúc; không thể sửa."))
    if is_locked(plan):
        raise DomainError(_("Kế hoạch đã ban hành, không thể sửa. Hãy lập kế hoạch điều chỉnh, bổ sung."))


def next_ordinal(plan: Plan) -> str:
    """The number a new task takes: one after the highest plain number among the plan's tasks."""
    numbers = [int(o) for o in plan.tasks.values_list("ordinal", flat=True) if o and o.strip().isdigit()]
    return str(max(numbers, default=0) + 1)


@transaction.atomic
def create_plan(*, issuer: Unit, year: int, title: str, by: AbstractBaseUser) -> Plan:
    """A new draft plan written in cchc rather than imported; its tasks are added one by one."""
    if not can_coordinate(by, issuer):
        raise DomainError(_("Bạn không có quyền lập kế hoạch của %(unit)s.") % {"unit": issuer.name})
    title = " ".join(title.split())
    if not title:
        raise DomainError(_("Vui lòng nhập trích yếu của kế hoạch."))
    plan = Plan(
        issuer=issuer,
        year=year,
        title=title,
        status=Plan.Status.DRAFT,
        created_by=by if by.is_authenticated else None,
    )
    plan.search_text = plan_search_text(plan)
    plan.save()
    return plan


PLAN_HEADER_FIELDS = ("title", "year", "number", "issue_date", "place")


@transaction.atomic
def update_plan(plan: Plan, *, values: dict[str, Any], by: AbstractBaseUser) -> Plan:
    """Correct a plan's heading (what the importer misread, or a draft's wording) while it is not issued
    through the register."""
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    _check_editable(plan)
    for name in PLAN_HEADER_FIELDS:
        if name in values:
            setattr(plan, name, values[name])
    plan.title = " ".join(plan.title.split())
    if not plan.title:
        raise DomainError(_("Vui lòng nhập trích yếu của kế hoạch."))
    if plan.issue_date and plan.issue_date.year not in (plan.year - 1, plan.year):
        raise DomainError(
            _("Kế hoạch năm %(year)s phải ban hành trong năm %(before)s hoặc %(year)s.")
            % {"year": plan.year, "before": plan.year - 1}
        )
    plan.search_text = plan_search_text(plan)
    plan.save()
    return plan


BODY_SKELETON = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích

2. Yêu cầu

II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN
1. Nội dung tuyên truyền

2. Hình thức tuyên truyền

III. TỔ CHỨC THỰC HIỆN
"""


def _section_lines(section: dict[str, Any]) -> list[str]:
    heading = " ".join(part for part in (section.get("marker"), section.get("title")) if part and part != "#")
    lines = [heading] if heading else []
    lines.extend(line for line in (section.get("text") or "").split("\n") if line.strip())
    for child in section.get("children") or []:
        lines.extend(_section_lines(child))
    return lines


def plan_body_text(plan: Plan) -> str:
    """A draft's text as the body editor shows it: the legal bases ("Căn cứ …;") unless a preamble holds
    them, then every heading with its paragraphs; a plan with no text yet starts from the usual outline."""
    sections = list(plan.sections)
    lines: list[str] = []
    if not (sections and sections[0].get("marker") == ""):
        lines.extend(
            f"Căn cứ {reference.text.strip().removeprefix('Căn cứ').strip().rstrip(';.')};"
            for reference in plan.legal_references.order_by("position", "pk")
        )
    for section in sections:
        lines.extend(_section_lines(section))
    body = "\n".join(lines)
    return f"{body}\n\n{BODY_SKELETON}".strip() + "\n" if not sections else body


@transaction.atomic
def update_plan_body(plan: Plan, text: str, *, by: AbstractBaseUser) -> Plan:
    """Write a draft's text: read like an imported plan (``parse_document``), so the headings become its
    sections, "Căn cứ …" lines its legal bases, and sentences on reports, sub-plans and indicators its
    obligations and targets; its tasks are kept as they are (edited one by one)."""
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    _check_editable(plan)
    if plan.status != Plan.Status.DRAFT:
        raise DomainError(_("Chỉ soạn nội dung cho dự thảo; kế hoạch đã nhập giữ nguyên văn bản gốc."))
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise DomainError(_("Vui lòng nhập nội dung kế hoạch."))
    issuer = plan.issuer_text or plan.issuer.name.upper()
    document = f"{issuer}\n\n{plan.doc_type.upper()}\n{plan.title}\n\n{text}\n"
    try:
        draft = parse_document(document.encode("utf-8"), "noi-dung.txt")
    except ImportFailure as failure:
        raise DomainError(failure.message_vi) from failure
    plan.sections = [_section_dict(section) for section in draft.sections]
    plan.themes = list(draft.themes) or list(plan.themes)
    plan.channels = list(draft.channels) or list(plan.channels)
    plan.save(update_fields=["sections", "themes", "channels", "updated_at"])
    for related in (
        plan.legal_references,
        plan.reporting_obligations,
        plan.subplan_obligations,
        plan.indicator_targets,
    ):
        related.all().delete()
    _create_references_and_obligations(plan, draft)
    return plan


@transaction.atomic
def create_task(
    plan: Plan,
    *,
    by: AbstractBaseUser,
    values: dict[str, Any],
    lead_units: list[Unit],
    coordinating_units: list[Unit],
) -> Task:
    """Add a task at the end of a plan that is not issued yet (a draft, an amendment's "bổ sung")."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _check_editable(plan)
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and start > end:
        raise DomainError(_("Ngày bắt đầu phải trước hạn hoàn thành."))
    last = plan.tasks.order_by("-position").first()
    task = Task(plan=plan, position=last.position + 1 if last else 0, ordinal=next_ordinal(plan))
    for name in TASK_FIELDS:
        if name in values:
            setattr(task, name, values[name])
    task.save()
    _replace_units(task, Assignment.Role.LEAD, [], lead_units)
    _replace_units(task, Assignment.Role.COORDINATING, [], coordinating_units)
    return task


@transaction.atomic
def delete_task(task: Task, *, by: AbstractBaseUser) -> None:
    """Remove a task from a plan that is not issued yet, unless work was logged on it or a sub-plan's task
    carries it out (those would lose what they count for)."""
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    _check_editable(task.plan)
    logged = task.activities.count()
    if logged:
        raise DomainError(
            _("Nhiệm vụ đã có %(count)s hoạt động được ghi nhận; không xóa được, hãy sửa nội dung nhiệm vụ.")
            % {"count": logged}
        )
    if Task.objects.filter(parent_task=task).exists():
        raise DomainError(_("Kế hoạch cấp dưới có nhiệm vụ thực hiện nhiệm vụ này; không xóa được."))
    task.delete()


@transaction.atomic
def update_task(
    task: Task,
    *,
    by: AbstractBaseUser,
    values: dict[str, Any],
    lead_units: list[Unit],
    coordinating_units: list[Unit],
    resolutions: dict[int, Unit | None] | None = None,
) -> Task:
    """Change a task's fields and its lead and coordinating units.

    Assignments of units still chosen are kept as they are (with the printed name and group); unresolved
    names stay unless ``resolutions`` maps them to a unit (resolved) or to None (removed).
    Raises DomainError when the plan is closed or the dates are in the wrong order.
    """
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    _check_editable(task.plan)
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and start > end:
        raise DomainError(_("Ngày bắt đầu phải trước hạn hoàn thành."))
    for name in TASK_FIELDS:
        if name in values:
            setattr(task, name, values[name])
    task.save()

    existing = list(task.assignments.all())
    resolutions = resolutions or {}
    _resolve_names(existing, resolutions)
    for role, chosen in (
        (Assignment.Role.LEAD, lead_units),
        (Assignment.Role.COORDINATING, coordinating_units),
    ):
        rows = [a for a in existing if a.role == role and a.pk is not None]
        just_resolved = [a.unit for a in rows if a.pk in resolutions and a.unit is not None]
        _replace_units(task, role, rows, [*chosen, *just_resolved])
    return task


def _resolve_names(assignments: list[Assignment], resolutions: dict[int, Unit | None]) -> None:
    for assignment in assignments:
        if assignment.is_resolved or assignment.pk not in resolutions:
            continue
        unit = resolutions[assignment.pk]
        if unit is None:
            assignment.delete()
            assignment.pk = None
            continue
        assignment.unit = unit
        assignment.is_resolved = True
        assignment.save(update_fields=["unit", "is_resolved"])


def _replace_units(task: Task, role: str, current: list[Assignment], chosen: list[Unit]) -> None:
    resolved = [a for a in current if a.is_resolved]
    chosen_ids = {unit.pk for unit in chosen}
    kept_ids = set()
    for assignment in resolved:
        if assignment.unit_id in chosen_ids and assignment.unit_id not in kept_ids:
            kept_ids.add(assignment.unit_id)
        else:
            assignment.delete()
    next_position = max((a.position for a in current), default=-1) + 1
    new_rows = []
    for unit in chosen:
        if unit.pk in kept_ids:
            continue
        kept_ids.add(unit.pk)
        new_rows.append(
            Assignment(task=task, unit=unit, role=role, position=next_position, text=unit.name[:500])
        )
        next_position += 1
    Assignment.objects.bulk_create(new_rows)
