"""Pages and downloads for official documents: issuing and amending a plan, the register, the .docx and PDF,
units' templates, and spreadsheets of tasks, activities and progress."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.activities.views import filtered_activities
from cchc.core.errors import DomainError
from cchc.core.htmx import is_fragment, paginate
from cchc.documents import access, services, spreadsheets
from cchc.documents.builders import context as template_context
from cchc.documents.forms import IssueForm, TemplateUploadForm
from cchc.documents.models import DocumentTemplate, RegisteredDocument
from cchc.documents.pdf import ConversionFailed, ConversionUnavailable, pdf_available
from cchc.plans.access import can_edit_plan, get_plan_for_user, issuer_options
from cchc.plans.models import Plan
from cchc.tracking.access import can_monitor, get_monitored_plan
from cchc.tracking.progress import plan_progress
from cchc.tracking.views import day_from

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCUMENTS_PER_PAGE = 25


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _plan_slug(plan: Plan) -> str:
    number = (plan.number or f"du-thao-{plan.pk}").replace("/", "-")
    return "".join(char for char in number if char.isascii() and (char.isalnum() or char == "-")) or str(
        plan.pk
    )


@login_required
@require_GET
def plan_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's documents block (issue, amend, .docx, PDF, spreadsheets), loaded into the plan's page."""
    plan = get_plan_for_user(request.user, pk)
    can_edit = can_edit_plan(request.user, plan)
    issued = plan.status != Plan.Status.DRAFT
    context = {
        "plan": plan,
        "document": RegisteredDocument.objects.filter(plan=plan).order_by("-pk").first() if issued else None,
        "can_issue": can_edit and plan.status == Plan.Status.DRAFT,
        "can_amend": can_edit and plan.status == Plan.Status.ISSUED,
        "can_monitor": issued and (can_edit or can_monitor(request.user, plan)),
        "amendments": list(plan.amendments.order_by("pk")) if issued else [],
        "pdf_available": pdf_available(),
    }
    template = "documents/_plan_actions.html" if is_fragment(request) else "documents/plan_panel.html"
    return render(request, template, context)


# --- Issuing and amending -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_issue(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_issuable_plan(request.user, pk)
    if plan.status != Plan.Status.DRAFT:
        messages.info(
            request,
            _("Kế hoạch đã được ban hành với số %(number)s; không ban hành lại được.")
            % {"number": plan.display_number},
        )
        return redirect("plans:plan_detail", pk=plan.pk)
    status = 200
    if request.method == "POST":
        form = IssueForm(request.POST, plan=plan)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.issue_plan(
                    plan,
                    signer_name=data["signer_name"],
                    signer_title=data["signer_title"],
                    authority=data["authority"],
                    authority_body=data["authority_body"],
                    issue_date=data["issue_date"],
                    symbol=data["symbol"],
                    place=data["place"],
                    recipients=form.recipient_lines(),
                    by=request.user,
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Đã ban hành kế hoạch số %(number)s; văn bản Word đã được lưu vào sổ văn bản đi.")
                    % {"number": result.plan.number},
                )
                if result.note:
                    messages.warning(request, result.note)
                return redirect("plans:plan_detail", pk=plan.pk)
        status = 422
    else:
        form = IssueForm(initial=services.issue_initial(plan), plan=plan)
    context = {
        "plan": plan,
        "form": form,
        "signers": services.known_signers(plan.issuer),
        "next_number": services.peek_next_number(plan.issuer, form),
        "has_template": services.active_template(plan.issuer, DocumentTemplate.Kind.PLAN) is not None,
    }
    return render(request, "documents/plan_issue.html", context, status=status)


@login_required
@require_POST
def plan_amend(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_issuable_plan(request.user, pk)
    try:
        amendment = services.amend_plan(plan, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("plans:plan_detail", pk=plan.pk)
    messages.success(
        request,
        _("Đã tạo dự thảo kế hoạch điều chỉnh, bổ sung; kế hoạch số %(number)s giữ nguyên như đã ban hành.")
        % {"number": plan.display_number},
    )
    return redirect("plans:plan_detail", pk=amendment.pk)


# --- The register and its files -------------------------------------------------------------------------------


@login_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    documents = access.documents_visible_to(request.user)
    years = sorted(set(documents.order_by().values_list("year", flat=True).distinct()), reverse=True)
    year_text = request.GET.get("nam", "")
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    rows = documents.with_related().order_by("-year", "-issued_on", "-number", "-pk")
    if year is not None:
        rows = rows.filter(year=year)
    page, query = paginate(request, rows, DOCUMENTS_PER_PAGE)
    context = {"page": page, "query": query, "years": years, "year": year, "pdf_available": pdf_available()}
    return render(request, "documents/register.html", context)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = access.get_document_for_user(request.user, pk)
    if not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=services.DOCX_TYPE,
    )


@login_required
@require_GET
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for_user(request.user, pk)
    if not document.file:
        raise Http404
    try:
        pdf = services.pdf_of(document)
    except (ConversionUnavailable, ConversionFailed) as problem:
        context = {"document": document, "message": problem.message_vi}
        return render(request, "documents/pdf_unavailable.html", context, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = document.filename.removesuffix(".docx") + ".pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- Units' own templates -------------------------------------------------------------------------------------


def _template_page(request: HttpRequest, form: TemplateUploadForm | None, status: int = 200) -> HttpResponse:
    templates = (
        DocumentTemplate.objects.filter(unit__in=access.template_units(request.user))
        .select_related("unit", "uploaded_by")
        .order_by("unit__name", "kind", "-uploaded_at")
    )
    context = {
        "form": form,
        "templates": list(templates),
        "placeholders": template_context.__doc__,
    }
    return render(request, "documents/template_list.html", context, status=status)


def _upload_form(request: HttpRequest, data: Any = None, files: Any = None) -> TemplateUploadForm:
    options = [unit.pk for unit in issuer_options(request.user, None)]
    units = access.template_units(request.user).filter(pk__in=options).order_by("name")
    return TemplateUploadForm(data, files, units=units)


def _require_template_manager(request: HttpRequest) -> None:
    if not access.can_manage_templates(request.user):
        raise PermissionDenied


@login_required
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    # Everyone may read the page and take the standard templates; only coordinators upload and switch.
    form = _upload_form(request) if access.can_manage_templates(request.user) else None
    return _template_page(request, form)


@login_required
@require_POST
def template_upload(request: HttpRequest) -> HttpResponse:
    _require_template_manager(request)
    form = _upload_form(request, request.POST, request.FILES)
    if form.is_valid():
        try:
            template = services.upload_template(
                form.cleaned_data["unit"],
                form.cleaned_data["kind"],
                form.cleaned_data["file"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(
                request,
                _("Đã lưu mẫu “%(name)s”; từ nay %(unit)s dùng mẫu này cho %(kind)s.")
                % {
                    "name": template.name,
                    "unit": template.unit.name,
                    "kind": template.get_kind_display().lower(),
                },
            )
            return redirect("documents:template_list")
    return _template_page(request, form, status=422)


@login_required
@require_GET
def template_download(request: HttpRequest, pk: int) -> FileResponse:
    template = access.get_template_for_user(request.user, pk)
    return FileResponse(template.file.open("rb"), as_attachment=True, filename=template.name)


@login_required
@require_POST
def template_activate(request: HttpRequest, pk: int) -> HttpResponse:
    template = access.get_template_for_user(request.user, pk)
    active = request.POST.get("active") == "1"
    try:
        services.set_template_active(template, active, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if active:
            messages.success(request, _("Đã dùng mẫu “%(name)s”.") % {"name": template.name})
        else:
            messages.success(
                request,
                _("Đã ngừng dùng mẫu “%(name)s”; văn bản sẽ theo mẫu chuẩn.") % {"name": template.name},
            )
    return redirect("documents:template_list")


@login_required
@require_GET
def template_example(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in DocumentTemplate.Kind.values:
        kind = DocumentTemplate.Kind.PLAN
    response = HttpResponse(services.example_template(kind), content_type=services.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-chuan-{kind}.docx"'
    return response


# --- Spreadsheets ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def plan_tasks_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    return _xlsx_response(spreadsheets.plan_tasks_xlsx(plan), f"nhiem-vu-{_plan_slug(plan)}.xlsx")


@login_required
@require_GET
def plan_progress_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_monitored_plan(request.user, pk)
    on, _error = day_from(request)
    data = spreadsheets.plan_progress_xlsx(plan_progress(plan, on))
    return _xlsx_response(data, f"tien-do-{_plan_slug(plan)}-{on:%Y%m%d}.xlsx")


@login_required
@require_GET
def activities_xlsx(request: HttpRequest) -> HttpResponse:
    form, results = filtered_activities(request)
    if form.is_bound and not form.is_valid():
        errors = [error for errors in form.errors.values() for error in errors]
        return render(request, "documents/export_invalid.html", {"errors": errors}, status=422)
    today = timezone.localdate()
    return _xlsx_response(spreadsheets.activities_xlsx(results), f"hoat-dong-{today:%Y%m%d}.xlsx")
