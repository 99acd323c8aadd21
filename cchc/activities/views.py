"""Pages for activities: the list, logging several at once, editing with history, evidence, .xlsx."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from cchc.activities import access, services
from cchc.activities.forms import ActivityFilterForm, ActivityForm, ActivityRows, XlsxUploadForm
from cchc.activities.models import Activity, ActivityQuerySet
from cchc.core.errors import DomainError
from cchc.core.htmx import is_fragment, paginate

ACTIVITIES_PER_PAGE = 25


def _require_logger(request: HttpRequest) -> None:
    if not access.can_log(request.user):
        raise PermissionDenied


def filtered_activities(request: HttpRequest) -> tuple[ActivityFilterForm, ActivityQuerySet]:
    """The activities the user may see, narrowed by the list's filters (the list and its .xlsx export)."""
    visible = Activity.objects.visible_to(request.user)
    form = ActivityFilterForm(request.GET or None, activities=visible, user=request.user)
    results = visible.with_related().order_by("-date", "-pk")
    if form.is_valid():
        data = form.cleaned_data
        # A plan's or a task's activities include those of the sub-plans' tasks carrying them out, as
        # their progress does.
        counted = data["counted"]
        if data["plan"]:
            results = results.filter(services.carrying_out("plan", data["plan"], counted=counted))
        if data["unit"]:
            results = results.filter(unit=data["unit"])
        if data["channel"]:
            results = results.filter(channel=data["channel"])
        if data["task"]:
            results = results.filter(services.carrying_out("pk", data["task"].pk, counted=counted))
        if counted and not (data["plan"] or data["task"]):
            results = results.filter(services.carrying_out("isnull", False, counted=True))
        if data["date_from"]:
            results = results.filter(date__gte=data["date_from"])
        if data["date_to"]:
            results = results.filter(date__lte=data["date_to"])
    return form, results


@login_required
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    form, results = filtered_activities(request)
    page, query = paginate(request, results, ACTIVITIES_PER_PAGE)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "can_log": access.can_log(request.user),
    }
    template = "activities/_activity_table.html" if is_fragment(request) else "activities/activity_list.html"
    return render(request, template, context)


def _row_values(form: ActivityForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["files"] = data.pop("evidence", [])
    data["description"] = data.get("description") or ""
    data["link"] = data.get("link") or ""
    return data


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest) -> HttpResponse:
    _require_logger(request)
    if request.method == "GET":
        rows = ActivityRows(user=request.user)
        return render(request, "activities/activity_create.html", {"rows": rows})
    rows = ActivityRows(request.POST, request.FILES, user=request.user)
    if rows.is_valid():
        values = [_row_values(form) for form in rows if form.has_changed()]
        try:
            created = services.log_activities(values, by=request.user)
        except DomainError as error:
            rows._non_form_errors = rows.error_class([error.message])
        else:
            messages.success(
                request,
                ngettext("Đã ghi %(n)s hoạt động.", "Đã ghi %(n)s hoạt động.", len(created))
                % {"n": len(created)},
            )
            return redirect("activities:activity_list")
    return render(request, "activities/activity_create.html", {"rows": rows}, status=422)


@login_required
@require_GET
def activity_row(request: HttpRequest) -> HttpResponse:
    """One more empty row for the create form (htmx "add another"), with the new row count out of band."""
    _require_logger(request)
    index_text = request.GET.get("index", "")
    index = int(index_text) if index_text.isdigit() else 0
    rows = ActivityRows(user=request.user)
    index = min(index, rows.max_num - 1)
    form = ActivityForm(
        user=request.user, prefix=rows.add_prefix(index), empty_permitted=True, use_required_attribute=False
    )
    context = {"form": form, "index": index, "next_index": index + 1, "rows": rows}
    return render(request, "activities/_activity_row.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk, write=True)
    status = 200
    if request.method == "POST":
        form = ActivityForm(request.POST, request.FILES, instance=activity, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_activity(
                    activity,
                    by=request.user,
                    files=data["evidence"],
                    **{name: data[name] for name in services.EDITABLE_FIELDS},
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect("activities:activity_edit", pk=activity.pk)
        status = 422
    else:
        form = ActivityForm(instance=activity, user=request.user)
    context = {
        "activity": activity,
        "form": form,
        "evidence": list(activity.evidence.all()),
        "revisions": list(activity.revisions.select_related("changed_by")),
    }
    return render(request, "activities/activity_edit.html", context, status=status)


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = access.get_evidence_for_user(request.user, pk)
    inline = evidence.content_type.startswith("image/") or evidence.content_type == "application/pdf"
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=not inline,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def xlsx_template(request: HttpRequest) -> HttpResponse:
    _require_logger(request)
    response = HttpResponse(
        services.activities_template_xlsx(request.user),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-hoat-dong.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def xlsx_import(request: HttpRequest) -> HttpResponse:
    _require_logger(request)
    form = XlsxUploadForm(request.POST, request.FILES) if request.method == "POST" else XlsxUploadForm()
    row_errors: list[services.RowError] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.import_activities_xlsx(form.cleaned_data["file"], by=request.user)
            except services.ImportRowsError as error:
                form.add_error(None, error.message)
                row_errors = error.errors
            except DomainError as error:
                form.add_error("file", error.message)
            else:
                messages.success(request, _("Đã nhập %(n)s hoạt động.") % {"n": len(created)})
                return redirect("activities:activity_list")
        status = 422
    context = {"form": form, "row_errors": row_errors}
    return render(request, "activities/xlsx_import.html", context, status=status)
