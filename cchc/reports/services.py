"""The only writers of reports: the calendar, drafting, refreshing, the review workflow and reminders.

Every service runs in one transaction, locks the report it changes (``select_for_update``) and raises
``DomainError`` with a Vietnamese message when a rule refuses; nothing is half-done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cchc.core.errors import DomainError
from cchc.core.vn import fold
from cchc.documents.context import place_of
from cchc.documents.services import Signature, check_signature, default_symbol, known_signers, sign
from cchc.notifications.services import notify
from cchc.orgs.access import territory_of
from cchc.orgs.models import Membership, Unit
from cchc.plans.models import Assignment, Plan, ReportingObligation
from cchc.reports import access, exports, periods
from cchc.reports.figures import child_lines, compute_figures
from cchc.reports.models import (
    RESULTS,
    STANDARD_OUTLINE,
    Report,
    ReportingPeriod,
    ReportRequirement,
    ReviewEvent,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    User = AbstractBaseUser

NATIONAL_BASIS = "NĐ 09/2019, {basis}"
MAX_INDICATORS = 20


def default_recipient(unit: Unit) -> Unit | None:
    """Whom a unit reports to without a calendar line: an agency to its territory, a territory to the one
    above it; a province to Bộ Nội vụ (None)."""
    if not unit.is_territorial:
        return territory_of(unit)
    if unit.parent_id is None:
        return None
    return territory_of(unit.parent)


# ---------------------------------------------------------------------------------------------- calendar


def _reporting_children(territory: Unit, on: date) -> list[Unit]:
    """Units that report to a territory on the national schedule: its territorial units in force, and its
    departments (Sở, ban, ngành) for a province."""
    condition = Q(kind__in=[Unit.Kind.DISTRICT, Unit.Kind.COMMUNE]) | Q(
        kind=Unit.Kind.AGENCY, agency_type=Unit.AgencyType.DEPARTMENT
    )
    return list(Unit.objects.filter(parent=territory).filter(condition).current(on).order_by("name"))


@transaction.atomic
def build_calendar(territory: Unit, year: int, *, by: User) -> int:
    """Add the missing lines of ``territory``'s reporting calendar for ``year``; returns how many.

    National schedule (quarter I, six months, quarter III, year): every unit reporting to the territory, and
    the territory itself to the level above. Each issued plan of the territory for the year: each of its
    reporting obligations, for the units that lead its tasks, due as the obligation says. Lines that exist
    (maybe with a date the coordinator moved) are kept as they are.
    """
    if not access.can_coordinate_territory(by, territory):
        raise DomainError("Chỉ điều phối viên của địa bàn mới lập được lịch báo cáo.")
    wanted: list[dict[str, Any]] = []
    for value in periods.national_periods(year):
        period = ReportingPeriod.get(value.kind, value.year, value.index)
        default = periods.DEFAULT_DEADLINES[value.kind]
        due = periods.due_date(value)
        basis = NATIONAL_BASIS.format(basis=default.basis)
        for child in _reporting_children(territory, value.end):
            wanted.append(
                {
                    "unit": child,
                    "period": period,
                    "plan": None,
                    "recipient": territory,
                    "due": due,
                    "basis": basis,
                }
            )
        wanted.append(
            {
                "unit": territory,
                "period": period,
                "plan": None,
                "recipient": default_recipient(territory),
                "due": due,
                "basis": basis,
            }
        )
    plans = Plan.objects.filter(status=Plan.Status.ISSUED, year=year, issuer__path__startswith=territory.path)
    for plan in plans.select_related("issuer"):
        if territory_of(plan.issuer).pk != territory.pk:
            continue
        reporters = list(
            Unit.objects.filter(
                pk__in=Assignment.objects.leads().filter(task__plan=plan).values("unit_id")
            ).order_by("name")
        )
        for obligation in plan.reporting_obligations.exclude(period=ReportingObligation.Period.AD_HOC):
            values = periods.periods_of(obligation.period, year)
            if obligation.period == periods.HALF_YEAR:
                # "Báo cáo 6 tháng" is the first half; the annual report covers the year.
                values = values[:1]
            for value in values:
                period = ReportingPeriod.get(value.kind, value.year, value.index)
                due = periods.due_date(
                    value,
                    day=obligation.deadline_day,
                    month=obligation.deadline_month,
                    year=obligation.deadline_year,
                    relative=obligation.deadline_relative,
                )
                basis = f"Kế hoạch {plan.display_number}: {obligation.deadline_text or obligation.deadline_display}"
                for unit in reporters:
                    wanted.append(
                        {
                            "unit": unit,
                            "period": period,
                            "plan": plan,
                            "obligation": obligation,
                            "recipient": territory,
                            "due": due,
                            "basis": basis[:255],
                        }
                    )
    created = 0
    for line in wanted:
        _, made = ReportRequirement.objects.get_or_create(
            unit=line["unit"],
            period=line["period"],
            plan=line["plan"],
            defaults={
                "obligation": line.get("obligation"),
                "recipient": line["recipient"],
                "due_date": line["due"],
                "basis": line["basis"],
                "updated_by": by,
            },
        )
        created += made
    return created


@transaction.atomic
def add_requirement(
    unit: Unit,
    period: ReportingPeriod,
    *,
    recipient: Unit | None,
    due_date: date | None = None,
    plan: Plan | None = None,
    by: User | None = None,
    basis: str = "",
) -> ReportRequirement:
    """One calendar line (the national default due date when none is given); an existing line is kept."""
    due = due_date or periods.due_date(period.value)
    requirement, _ = ReportRequirement.objects.get_or_create(
        unit=unit,
        period=period,
        plan=plan,
        defaults={"recipient": recipient, "due_date": due, "basis": basis, "updated_by": by},
    )
    return requirement


@transaction.atomic
def set_due_date(requirement: ReportRequirement, due_date: date, *, by: User) -> ReportRequirement:
    """Move a calendar line's due date; a report not yet submitted follows it."""
    if not access.can_edit_requirement(by, requirement):
        raise DomainError("Chỉ điều phối viên của đơn vị yêu cầu báo cáo mới được sửa hạn.")
    if due_date < requirement.period.end:
        raise DomainError(
            f"Hạn gửi phải sau ngày chốt số liệu ({requirement.period.end:%d/%m/%Y}): báo cáo cần đủ số liệu của kỳ."
        )
    requirement = ReportRequirement.objects.select_for_update().get(pk=requirement.pk)
    requirement.due_date = due_date
    requirement.updated_by = by
    requirement.save(update_fields=["due_date", "updated_by", "updated_at"])
    Report.objects.filter(requirement=requirement, first_submitted_at__isnull=True).update(due_date=due_date)
    return requirement


# ---------------------------------------------------------------------------------------------- drafting


def outline_sections(plan: Plan | None) -> list[dict[str, Any]]:
    """The report's sections: the plan's "ĐỀ CƯƠNG BÁO CÁO" when it has one (the first heading about
    results or forms holds the figures), else the standard outline."""
    outline = plan.report_outline if plan is not None else []
    if not outline:
        return [
            {"key": key, "title": title, "hint": "", "text": "", "is_results": key == RESULTS}
            for key, title in STANDARD_OUTLINE
        ]
    sections = []
    for position, item in enumerate(outline, start=1):
        title = " ".join(part for part in (item.get("marker", ""), item.get("title", "")) if part).strip()
        hints = [item.get("text", "")]
        hints.extend(
            " ".join(p for p in (child.get("marker", ""), child.get("title", ""), child.get("text", "")) if p)
            for child in item.get("children", [])
        )
        sections.append(
            {
                "key": f"outline-{position}",
                "title": title or f"Mục {position}",
                "hint": "\n".join(h for h in hints if h).strip(),
                "text": "",
                "is_results": False,
            }
        )
    for section in sections:
        folded = fold(section["title"])
        if "ket qua" in folded or "hinh thuc" in folded:
            section["is_results"] = True
            break
    else:
        sections.insert(
            0, {"key": RESULTS, "title": STANDARD_OUTLINE[0][1], "hint": "", "text": "", "is_results": True}
        )
    return sections


@transaction.atomic
def draft_report(unit: Unit, period: ReportingPeriod, plan: Plan | None, *, by: User) -> Report:
    """The unit's report for the period (and plan), drafted from the record; an existing one is returned
    unchanged (drafting twice makes one report)."""
    if not access.can_prepare(by, unit):
        raise DomainError("Chỉ cán bộ của đơn vị mới được soạn báo cáo của đơn vị.")
    existing = Report.objects.filter(unit=unit, period=period, plan=plan).first()
    if existing is not None:
        return existing
    requirement = ReportRequirement.objects.filter(unit=unit, period=period, plan=plan).first()
    if requirement is not None:
        recipient, due = requirement.recipient, requirement.due_date
    else:
        recipient, due = default_recipient(unit), periods.due_date(period.value)
    report = Report(
        unit=unit,
        period=period,
        plan=plan,
        requirement=requirement,
        recipient=recipient,
        due_date=due,
        sections=outline_sections(plan),
        created_by=by,
    )
    report.figures = compute_figures(report)
    report.figures_at = timezone.now()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Someone drafted it at the same moment: theirs is the report.
        return Report.objects.get(unit=unit, period=period, plan=plan)
    ReviewEvent.objects.create(report=report, kind=ReviewEvent.Kind.DRAFT, by=by, at=timezone.now())
    return report


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("unit", "period", "plan", "recipient")
        .get(pk=report.pk)
    )


def _check_editable(report: Report, by: User) -> None:
    if not access.can_prepare(by, report.unit):
        raise DomainError("Chỉ cán bộ của đơn vị mới được sửa báo cáo của đơn vị.")
    if not report.is_editable:
        raise DomainError(f"Báo cáo đang ở trạng thái “{report.get_status_display()}”: không sửa được nữa.")


@transaction.atomic
def refresh_figures(report: Report, *, by: User) -> Report:
    """Recalculate the figures from the record; the narrative and the indicators stay as written."""
    report = _locked(report)
    _check_editable(report, by)
    report.figures = compute_figures(report)
    report.figures_at = timezone.now()
    report.save(update_fields=["figures", "figures_at", "updated_at"])
    ReviewEvent.objects.create(report=report, kind=ReviewEvent.Kind.REFRESH, by=by, at=report.figures_at)
    return report


@dataclass
class Indicator:
    name: str
    value: str
    unit: str
    source: str


@transaction.atomic
def update_report(report: Report, *, texts: dict[str, str], indicators: list[Indicator], by: User) -> Report:
    """Save the narrative of the outline's sections and the indicator values (each with its source)."""
    report = _locked(report)
    _check_editable(report, by)
    keys = {section["key"] for section in report.sections}
    unknown = set(texts) - keys
    if unknown:
        raise DomainError("Mục không có trong đề cương báo cáo: " + ", ".join(sorted(unknown)))
    if len(indicators) > MAX_INDICATORS:
        raise DomainError(f"Tối đa {MAX_INDICATORS} chỉ số trong một báo cáo.")
    for indicator in indicators:
        if indicator.value and not indicator.source:
            raise DomainError(f"Chỉ số “{indicator.name}”: cần ghi nguồn số liệu.")
    sections = []
    for section in report.sections:
        section = dict(section)
        if section["key"] in texts:
            section["text"] = texts[section["key"]].strip()
        sections.append(section)
    report.sections = sections
    report.indicators = [
        {"name": i.name, "value": i.value, "unit": i.unit, "source": i.source} for i in indicators if i.name
    ]
    report.save(update_fields=["sections", "indicators", "updated_at"])
    return report


# ---------------------------------------------------------------------------------------------- workflow


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def signature_initial(unit: Unit, current: Report | None = None) -> dict[str, Any]:
    """The signature form's first values for a document of ``unit``: ``current``'s own signature (a returned
    report), else the unit's last signed report's, else today, the unit's symbol and place, and "TM. ỦY BAN
    NHÂN DÂN" for a territory (its People's Committee signs)."""
    source = current if current is not None and current.signer_name else None
    if source is None:
        source = (
            Report.objects.filter(unit=unit).exclude(signer_name="").order_by("-issue_date", "-pk").first()
        )
    # A territory's report is the People's Committee's document (BC-UBND), as printed by exports.
    symbol = f"BC-{unit.symbol_code or 'UBND'}" if unit.is_territorial else default_symbol(unit, "BC")
    if source and source.number and "/" in source.number:
        symbol = source.number.split("/", 1)[1]
    initial: dict[str, Any] = {
        "numbering": "register",
        "symbol": symbol,
        "issue_date": timezone.localdate(),
        "place": place_of(unit),
        "authority": "TM." if unit.is_territorial else "",
        "authority_body": "ỦY BAN NHÂN DÂN" if unit.is_territorial else "",
    }
    if source is not None:
        initial.update(
            authority=source.authority,
            authority_body=source.authority_body,
            signer_title=source.signer_title,
            signer_name=source.signer_name,
            place=source.place or initial["place"],
        )
    return initial


def signer_suggestions(unit: Unit) -> dict[str, list[str]]:
    """Names and titles that signed the unit's reports and plans before (two queries)."""
    known = known_signers(unit)
    rows = (
        Report.objects.filter(unit=unit)
        .exclude(signer_name="")
        .order_by("-issue_date", "-pk")
        .values_list("signer_name", "signer_title")[:50]
    )
    for name, title in rows:
        if name not in known["names"]:
            known["names"].append(name)
        if title and title not in known["titles"]:
            known["titles"].append(title)
    return known


@transaction.atomic
def submit_report(
    report: Report, *, by: User, signature: Signature, now: datetime | None = None
) -> ReviewEvent | None:
    """Sign, number and send a report (or resend it after a return, as a new document with a new number):
    the report locks, who and when are kept, a submission after the due date is late. Submitting a report
    already submitted or accepted changes nothing (None) and takes no number."""
    report = _locked(report)
    if not access.can_prepare(by, report.unit):
        raise DomainError("Chỉ cán bộ của đơn vị mới được gửi báo cáo của đơn vị.")
    if report.status in (Report.Status.SUBMITTED, Report.Status.ACCEPTED):
        return None
    at = _now(now)
    check_signature(signature, earliest=report.period.start, today=timezone.localdate(at))
    sign(report, signature, unit=report.unit, title=report.title, build=exports.report_document, by=by)
    late = timezone.localdate(at) > report.due_date
    kind = ReviewEvent.Kind.RESUBMIT if report.status == Report.Status.RETURNED else ReviewEvent.Kind.SUBMIT
    report.status = Report.Status.SUBMITTED
    report.submitted_at = at
    report.submitted_by = by
    fields = ["status", "submitted_at", "submitted_by", "updated_at", *Report.SIGNATURE_FIELDS]
    if report.first_submitted_at is None:
        # Timeliness counts the first submission: a return asks for corrections, not a new deadline.
        report.first_submitted_at = at
        report.is_late = late
        fields += ["first_submitted_at", "is_late"]
    report.save(update_fields=fields)
    return ReviewEvent.objects.create(
        report=report, kind=kind, by=by, at=at, is_late=late, number=report.number
    )


@transaction.atomic
def return_report(report: Report, *, by: User, comment: str, now: datetime | None = None) -> ReviewEvent:
    """Send a submitted report back to its unit with the reviewer's comment."""
    report = _locked(report)
    if not access.can_review(by, report):
        raise DomainError("Chỉ điều phối viên, lãnh đạo của đơn vị yêu cầu báo cáo mới được trả lại báo cáo.")
    if report.status != Report.Status.SUBMITTED:
        raise DomainError(f"Chỉ trả lại được báo cáo đã gửi; báo cáo này “{report.get_status_display()}”.")
    comment = comment.strip()
    if not comment:
        raise DomainError("Vui lòng ghi rõ lý do trả lại để đơn vị chỉnh sửa.")
    report.status = Report.Status.RETURNED
    report.save(update_fields=["status", "updated_at"])
    event = ReviewEvent.objects.create(
        report=report, kind=ReviewEvent.Kind.RETURN, by=by, at=_now(now), comment=comment
    )
    _notify_unit(report, f"[CCHC] Báo cáo {report.period.label} bị trả lại", comment, by=by)
    return event


@transaction.atomic
def accept_report(report: Report, *, by: User, comment: str = "", now: datetime | None = None) -> ReviewEvent:
    """Accept a submitted report: its figures now count in the recipient's aggregate."""
    report = _locked(report)
    if not access.can_review(by, report):
        raise DomainError(
            "Chỉ điều phối viên, lãnh đạo của đơn vị yêu cầu báo cáo mới được tiếp nhận báo cáo."
        )
    if report.status == Report.Status.ACCEPTED:
        raise DomainError("Báo cáo đã được tiếp nhận trước đó.")
    if report.status != Report.Status.SUBMITTED:
        raise DomainError(f"Chỉ tiếp nhận được báo cáo đã gửi; báo cáo này “{report.get_status_display()}”.")
    at = _now(now)
    report.status = Report.Status.ACCEPTED
    report.accepted_at = at
    report.accepted_by = by
    report.save(update_fields=["status", "accepted_at", "accepted_by", "updated_at"])
    return ReviewEvent.objects.create(
        report=report, kind=ReviewEvent.Kind.ACCEPT, by=by, at=at, comment=comment.strip()
    )


def _members(units: list[int]) -> list[Membership]:
    """One membership per (unit, user): a user with two roles in a unit is told once."""
    memberships = (
        Membership.objects.filter(unit_id__in=units, user__is_active=True)
        .exclude(role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("unit_id", "user_id", "pk")
    )
    seen: set[tuple[int, int]] = set()
    kept = []
    for membership in memberships:
        if (membership.unit_id, membership.user_id) not in seen:
            seen.add((membership.unit_id, membership.user_id))
            kept.append(membership)
    return kept


def _notify_unit(report: Report, title: str, body: str, *, by: User) -> None:
    link = reverse("reports:report_detail", args=[report.pk])
    for membership in _members([report.unit_id]):
        if membership.user_id != by.pk:
            notify(membership.user, title, body, link)


# ---------------------------------------------------------------------------------------------- aggregation


@transaction.atomic
def remind_missing(territory: Unit, period: ReportingPeriod, plan: Plan | None, *, by: User) -> int:
    """Remind the members of every unit expected to report to ``territory`` that has not submitted yet
    (in-app notification and e-mail); returns how many units were reminded."""
    if not access.can_review_for(by, territory):
        raise DomainError("Chỉ điều phối viên, lãnh đạo của đơn vị yêu cầu báo cáo mới gửi được nhắc nhở.")
    lines = child_lines(territory, period, plan)
    missing = [
        line
        for line in lines
        if line.report is None or line.report.status in (Report.Status.DRAFT, Report.Status.RETURNED)
    ]
    if not missing:
        return 0
    link = reverse("reports:calendar")
    by_unit: dict[int, list[Membership]] = {}
    for membership in _members([line.requirement.unit_id for line in missing]):
        by_unit.setdefault(membership.unit_id, []).append(membership)
    for line in missing:
        requirement = line.requirement
        title = f"[CCHC] Nhắc gửi báo cáo {period.label}"
        body = (
            f"{territory.name} đề nghị {requirement.unit.name} gửi báo cáo {period.label} "
            f"(hạn {requirement.due_date:%d/%m/%Y}). Số liệu chốt từ {period.start:%d/%m/%Y} "
            f"đến {period.end:%d/%m/%Y}; báo cáo được soạn sẵn từ các hoạt động đã ghi nhận."
        )
        for membership in by_unit.get(requirement.unit_id, []):
            notify(membership.user, title, body, link)
    return len(missing)
