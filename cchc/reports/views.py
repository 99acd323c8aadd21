"""Pages for reports: the calendar, a report (narrative, figures, history, workflow), the aggregate, files."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.core.errors import DomainError
from cchc.core.htmx import is_fragment
from cchc.documents.forms import SignatureForm
from cchc.documents.services import peek_next_number
from cchc.plans.models import Plan
from cchc.reports import access, exports, services
from cchc.reports.aggregation import STATUS_CSS, STATUS_ICONS, STATUS_LABELS, period_status
from cchc.reports.figures import FORM_LINES, channel_rows, form_rows
from cchc.reports.forms import AcceptForm, CalendarForm, DueDateForm, ReportForm, ReturnForm
from cchc.reports.models import Report, ReportingPeriod, ReportRequirement

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2019 <= year <= 2100 else timezone.localdate().year


def _with_reports(requirements: list[ReportRequirement]) -> list[dict[str, Any]]:
    """Each calendar line with its report (one query for all of them)."""
    reports = {}
    if requirements:
        found = Report.objects.filter(
            unit_id__in={r.unit_id for r in requirements}, period_id__in={r.period_id for r in requirements}
        ).only("pk", "unit_id", "period_id", "plan_id", "status", "is_late", "first_submitted_at")
        reports = {(r.unit_id, r.period_id, r.plan_id): r for r in found}
    rows = []
    for requirement in requirements:
        report = reports.get((requirement.unit_id, requirement.period_id, requirement.plan_id))
        status = report.status if report else "not_started"
        rows.append(
            {
                "requirement": requirement,
                "report": report,
                "status_label": STATUS_LABELS[status],
                "status_css": STATUS_CSS[status],
                "status_icon": STATUS_ICONS[status],
            }
        )
    return rows


@login_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """The user's own calendar lines, and for a coordinator the lines of the units reporting to it."""
    year = _year(request)
    own_units = access.preparer_units(request.user)
    base = access.requirements_visible_to(request.user).with_related().filter(period__year=year)
    own = list(base.filter(unit__in=own_units).order_by("due_date", "unit__name", "pk"))
    territories = access.review_territories(request.user)
    requested = list(
        base.filter(recipient__in=territories)
        .exclude(unit__in=own_units)
        .order_by("period__end", "period__kind", "plan_id", "due_date", "unit__name", "pk")
    )
    groups: dict[tuple[int, int | None], dict[str, Any]] = {}
    counts: dict[tuple[int, int | None], int] = defaultdict(int)
    for requirement in requested:
        key = (requirement.period_id, requirement.plan_id)
        counts[key] += 1
        if key not in groups:
            groups[key] = {
                "period": requirement.period,
                "plan": requirement.plan,
                "recipient": requirement.recipient,
            }
    for key, group in groups.items():
        group["count"] = counts[key]
    context = {
        "year": year,
        "years": range(year - 2, year + 2),
        "own": _with_reports(own),
        "groups": list(groups.values()),
        "territories": access.coordinated_territories(request.user),
        "calendar_form": CalendarForm(initial={"year": year}),
    }
    return render(request, "reports/calendar.html", context)


@login_required
@require_POST
def calendar_build(request: HttpRequest) -> HttpResponse:
    territories = access.coordinated_territories(request.user)
    if not territories:
        raise PermissionDenied
    form = CalendarForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("reports:calendar")
    year = form.cleaned_data["year"]
    created = 0
    try:
        for territory in territories:
            created += services.build_calendar(territory, year, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reports:calendar")
    messages.success(
        request, f"Đã lập lịch báo cáo năm {year}: thêm {created} dòng (các dòng đã có được giữ nguyên)."
    )
    return redirect(f"{reverse('reports:calendar')}?nam={year}")


@login_required
@require_http_methods(["GET", "POST"])
def requirement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The due date of one calendar line (an inline htmx form on the aggregate page)."""
    requirement = access.get_requirement_for_user(request.user, pk, write=True)
    form = DueDateForm(request.POST or None, instance=requirement)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.set_due_date(requirement, form.cleaned_data["due_date"], by=request.user)
            except DomainError as error:
                form.add_error("due_date", error.message)
            else:
                requirement.refresh_from_db()
                if is_fragment(request):
                    return render(
                        request, "reports/_due_date.html", {"requirement": requirement, "can_edit": True}
                    )
                messages.success(request, "Đã cập nhật hạn gửi báo cáo.")
                return redirect("reports:calendar")
        status = 422
    template = "reports/_due_date_form.html" if is_fragment(request) else "reports/requirement_edit.html"
    return render(request, template, {"form": form, "requirement": requirement}, status=status)


@login_required
@require_POST
def report_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft (or open) the report of a calendar line."""
    requirement = access.get_requirement_for_user(request.user, pk)
    if not access.can_prepare(request.user, requirement.unit):
        raise PermissionDenied
    try:
        report = services.draft_report(
            requirement.unit, requirement.period, requirement.plan, by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reports:calendar")
    return redirect("reports:report_detail", pk=report.pk)


def _detail_context(
    request: HttpRequest,
    report: Report,
    form: ReportForm | None = None,
    signature_form: SignatureForm | None = None,
) -> dict[str, Any]:
    can_prepare = access.can_prepare(request.user, report.unit)
    can_review = access.can_review(request.user, report)
    figures = report.figures
    can_send = can_prepare and report.is_editable
    if can_send and signature_form is None:
        signature_form = SignatureForm(initial=services.signature_initial(report.unit, report))
    return {
        "report": report,
        "form": form or (ReportForm(report=report) if can_send else None),
        "signature_form": signature_form if can_send else None,
        "signers": services.signer_suggestions(report.unit) if can_send else None,
        "next_number": peek_next_number(report.unit, signature_form, "BC") if can_send else "",
        "can_prepare": can_prepare,
        "can_review": can_review,
        "return_form": ReturnForm(),
        "accept_form": AcceptForm(),
        "forms": form_rows(figures),
        "channels": channel_rows(figures),
        "form_lines": FORM_LINES,
        "children": figures.get("children") or [],
        "missing": figures.get("missing") or [],
        "events": list(report.events.select_related("by").order_by("pk")),
        "status_css": STATUS_CSS[report.status],
        "status_icon": STATUS_ICONS[report.status],
        "is_overdue": report.first_submitted_at is None and timezone.localdate() > report.due_date,
    }


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    return render(request, "reports/report_detail.html", _detail_context(request, report))


@login_required
@require_POST
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk, action=access.PREPARE)
    form = ReportForm(request.POST, report=report)
    if form.is_valid():
        try:
            services.update_report(report, texts=form.texts(), indicators=form.indicators(), by=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Đã lưu nội dung báo cáo.")
            return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/report_detail.html", _detail_context(request, report, form), status=422)


def _workflow(request: HttpRequest, report: Report, action: Any, success: str) -> HttpResponse:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        return render(request, "reports/report_detail.html", _detail_context(request, report), status=422)
    messages.success(request, success)
    return redirect("reports:report_detail", pk=report.pk)


@login_required
@require_POST
def report_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk, action=access.PREPARE)
    return _workflow(
        request,
        report,
        lambda: services.refresh_figures(report, by=request.user),
        "Đã cập nhật số liệu từ các hoạt động đã ghi nhận; phần nội dung đã viết được giữ nguyên.",
    )


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk, action=access.PREPARE)
    if not report.is_editable:
        messages.info(
            request,
            f"Báo cáo đã được gửi lúc {timezone.localtime(report.submitted_at):%H:%M ngày %d/%m/%Y}; không gửi lại lần nữa.",
        )
        return redirect("reports:report_detail", pk=report.pk)
    form = SignatureForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Chưa gửi được báo cáo: vui lòng kiểm tra phần ký, cấp số bên dưới.")
        context = _detail_context(request, report, signature_form=form)
        return render(request, "reports/report_detail.html", context, status=422)
    try:
        event = services.submit_report(report, by=request.user, signature=form.signature())
    except DomainError as error:
        form.add_error(None, error.message)
        messages.error(request, error.message)
        context = _detail_context(request, report, signature_form=form)
        return render(request, "reports/report_detail.html", context, status=422)
    report.refresh_from_db()
    if event is None:
        report.refresh_from_db()
        messages.info(
            request,
            f"Báo cáo đã được gửi lúc {timezone.localtime(report.submitted_at):%H:%M ngày %d/%m/%Y}; không gửi lại lần nữa.",
        )
    elif event.is_late:
        messages.warning(
            request,
            f"Đã gửi báo cáo số {report.number} đến {report.recipient_name}. "
            f"Báo cáo gửi sau hạn {report.due_date:%d/%m/%Y}.",
        )
    else:
        messages.success(request, f"Đã gửi báo cáo số {report.number} đến {report.recipient_name}.")
    if report.document_id and report.document.template_note:
        messages.warning(request, report.document.template_note)
    return redirect("reports:report_detail", pk=report.pk)


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk, action=access.REVIEW)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, report)
        context["return_form"] = form
        return render(request, "reports/report_detail.html", context, status=422)
    return _workflow(
        request,
        report,
        lambda: services.return_report(report, by=request.user, comment=form.cleaned_data["comment"]),
        "Đã trả lại báo cáo kèm ý kiến; đơn vị được thông báo.",
    )


@login_required
@require_POST
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk, action=access.REVIEW)
    form = AcceptForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _workflow(
        request,
        report,
        lambda: services.accept_report(report, by=request.user, comment=comment),
        "Đã tiếp nhận báo cáo; số liệu được tổng hợp vào báo cáo của đơn vị.",
    )


@login_required
@require_GET
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    response = HttpResponse(exports.report_docx(report), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, "docx")}"'
    return response


@login_required
@require_GET
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    response = HttpResponse(exports.report_xlsx(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, "xlsx")}"'
    return response


def _aggregate_target(request: HttpRequest, pk: int) -> tuple[Any, ReportingPeriod, Plan | None]:
    period = ReportingPeriod.objects.filter(pk=pk).first()
    if period is None:
        raise Http404
    unit_pk = request.GET.get("don-vi") or request.POST.get("don-vi")
    territory = access.get_review_territory(
        request.user, int(unit_pk) if unit_pk and unit_pk.isdigit() else None
    )
    plan = None
    plan_pk = request.GET.get("ke-hoach") or request.POST.get("ke-hoach")
    if plan_pk:
        plan = Plan.objects.visible_to(request.user).filter(pk=plan_pk if plan_pk.isdigit() else 0).first()
        if plan is None:
            raise Http404
    return territory, period, plan


@login_required
@require_GET
def aggregate(request: HttpRequest, pk: int) -> HttpResponse:
    """A period at a glance for the unit that requested the reports: who reported, completeness,
    timeliness, reminders, and its own aggregate report."""
    territory, period, plan = _aggregate_target(request, pk)
    status = period_status(territory, period, plan)
    own_requirement = ReportRequirement.objects.filter(unit=territory, period=period, plan=plan).first()
    own_report = Report.objects.filter(unit=territory, period=period, plan=plan).first()
    context = {
        "territory": territory,
        "period": period,
        "plan": plan,
        "status": status,
        "counts": status.counts(),
        "own_requirement": own_requirement,
        "own_report": own_report,
        "can_prepare_own": access.can_prepare(request.user, territory),
        "can_edit_dates": access.can_coordinate_territory(request.user, territory),
        "today": timezone.localdate(),
    }
    return render(request, "reports/aggregate.html", context)


@login_required
@require_POST
def aggregate_remind(request: HttpRequest, pk: int) -> HttpResponse:
    territory, period, plan = _aggregate_target(request, pk)
    try:
        reminded = services.remind_missing(territory, period, plan, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if reminded:
            messages.success(
                request, f"Đã gửi nhắc nhở (thông báo và thư điện tử) đến {reminded} đơn vị chưa gửi báo cáo."
            )
        else:
            messages.info(request, "Mọi đơn vị đã gửi báo cáo: không có ai cần nhắc.")
    query = f"?don-vi={territory.pk}" + (f"&ke-hoach={plan.pk}" if plan else "")
    return redirect(f"{reverse('reports:aggregate', args=[period.pk])}{query}")
