"""Pages and htmx fragments for plans: my work, the plan list and detail, import and review, task edit."""

from __future__ import annotations

from datetime import timedelta
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cchc.core.errors import DomainError
from cchc.core.htmx import is_fragment, paginate
from cchc.core.vn import fold
from cchc.importer import PlanDraft
from cchc.orgs.access import units_visible_to
from cchc.orgs.models import Unit
from cchc.plans import access, services, subplans
from cchc.plans.forms import (
    MORE_UNITS,
    AgencyChoiceForm,
    DeriveSubPlansForm,
    ImportReviewForm,
    IssuerForm,
    PlanBodyForm,
    PlanCreateForm,
    PlanFilterForm,
    PlanHeaderForm,
    TaskForm,
    UploadForm,
    agency_field_name,
)
from cchc.plans.models import Assignment, Plan, PlanImport, Task
from cchc.plans.review import agency_select_context, review_context

DUE_SOON_DAYS = 30
PLANS_PER_PAGE = 20
TASKS_PER_PAGE = 25


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    plans = Plan.objects.visible_to(user)
    years = sorted(set(plans.order_by().values_list("year", flat=True).distinct()), reverse=True)
    year = _selected_year(request, years, today.year)
    year_plans = plans.filter(year=year)
    my_tasks = Task.objects.filter(plan__in=year_plans)
    if not user.is_superuser:
        my_tasks = my_tasks.assigned_to(units_visible_to(user))
    due_soon = my_tasks.filter(end_date__gte=today, end_date__lte=soon)
    task_page = Paginator(
        my_tasks.with_due_state(today, soon)
        .select_related("plan", "plan__issuer")
        .with_assignments()
        .order_by(F("end_date").asc(nulls_last=True), "plan_id", "position"),
        TASKS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    is_coordinator = access.can_import(user)
    context: dict[str, Any] = {
        "year": year,
        "years": years or [year],
        "today": today,
        "plan_count": year_plans.count(),
        "task_count": task_page.paginator.count,
        "due_soon_count": due_soon.count(),
        "is_coordinator": is_coordinator,
        "unresolved_count": (
            Assignment.objects.filter(
                is_resolved=False, task__plan__in=access.editable_plans(user, year_plans)
            ).count()
            if is_coordinator
            else None
        ),
        "task_page": task_page,
        "page_query": f"year={year}",
        "due_soon_days": DUE_SOON_DAYS,
    }
    return render(request, "plans/home.html", context)


def _selected_year(request: HttpRequest, years: list[int], current: int) -> int:
    requested = request.GET.get("year", "")
    if requested.isdigit() and int(requested) in years:
        return int(requested)
    if current in years or not years:
        return current
    return years[0]


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.visible_to(request.user)
    years = list(plans.order_by("-year").values_list("year", flat=True).distinct())
    issuers = list(
        Unit.objects.filter(pk__in=plans.values("issuer_id")).order_by("name").values_list("pk", "name")
    )
    form = PlanFilterForm(request.GET or None, years=years, issuers=issuers)
    results = plans.with_task_counts().order_by("-year", "-issue_date", "-pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            results = results.search(fold(data["q"]))
        if data["year"]:
            results = results.filter(year=data["year"])
        if data["issuer"]:
            results = results.filter(issuer_id=data["issuer"])
        if data["status"]:
            results = results.filter(status=data["status"])
    page, query = paginate(request, results, PLANS_PER_PAGE)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "can_import": access.can_import(request.user),
    }
    template = "plans/_plan_table.html" if is_fragment(request) else "plans/plan_list.html"
    return render(request, template, context)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    tasks = list(plan.tasks.with_assignments().select_related("parent_task").order_by("position", "pk"))
    reporting = list(plan.reporting_obligations.all())
    subplans = list(plan.subplan_obligations.all())
    children = list(plan.children.values_list("status", flat=True))
    context = {
        "plan": plan,
        "tasks": tasks,
        "task_groups": _grouped(tasks),
        "unresolved_count": sum(1 for task in tasks for a in task.assignments.all() if not a.is_resolved),
        "legal_references": list(plan.legal_references.all()),
        "reporting_obligations": reporting,
        "subplan_obligations": subplans,
        "obligation_count": len(reporting) + len(subplans),
        "children_count": len(children),
        "children_issued": sum(1 for status in children if status != Plan.Status.DRAFT),
        "indicator_targets": list(plan.indicator_targets.all()),
        "can_edit": plan.status != Plan.Status.CLOSED
        and not services.is_locked(plan)
        and access.can_edit_plan(request.user, plan),
    }
    return render(request, "plans/plan_detail.html", context)


def _grouped(tasks: list[Task]) -> list[tuple[str, list[Task]]]:
    """Consecutive tasks under the same group row ("I. Đối với …") together."""
    groups: list[tuple[str, list[Task]]] = []
    for task in tasks:
        if not groups or groups[-1][0] != task.group_title:
            groups.append((task.group_title, []))
        groups[-1][1].append(task)
    return groups


@login_required
@require_http_methods(["GET", "POST"])
def subplan_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Which subordinate units have issued their own plan; a coordinator derives the missing ones here."""
    plan = access.get_plan_for_user(request.user, pk)
    can_derive = access.can_derive_subplans(request.user, plan)
    if request.method == "POST" and not can_derive:
        raise PermissionDenied
    today = timezone.localdate()
    overview = subplans.overview(plan, today)
    missing = [row.unit for row in overview.rows if row.child is None]
    form = DeriveSubPlansForm(request.POST if request.method == "POST" else None, units=missing)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = subplans.derive_subplans(plan, form.chosen_units(), by=request.user)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("Đã lập %(count)d kế hoạch cấp dưới (dự thảo).") % {"count": len(created)}
                )
                return redirect("plans:subplan_list", pk=plan.pk)
        status = 422
    context = {"plan": plan, "overview": overview, "form": form, "can_derive": can_derive, "today": today}
    return render(request, "plans/subplan_list.html", context, status=status)


@login_required
def plan_file(request: HttpRequest, pk: int) -> FileResponse:
    plan = access.get_plan_for_user(request.user, pk)
    if not plan.source_file:
        raise Http404
    filename = PurePath(plan.source_file.name).name
    if plan.source_import_id is not None:
        filename = PlanImport.objects.values_list("filename", flat=True).get(pk=plan.source_import_id)
    return FileResponse(plan.source_file.open("rb"), as_attachment=True, filename=filename)


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest) -> HttpResponse:
    if not access.can_import(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                plan_import = services.start_import(form.cleaned_data["file"], by=request.user)
            except DomainError as error:
                form.add_error("file", error.message)
            else:
                return redirect("plans:import_review", pk=plan_import.pk)
        status = 422
    pending = PlanImport.objects.filter(created_by=request.user, status=PlanImport.Status.PENDING)[:10]
    return render(request, "plans/plan_import.html", {"form": form, "pending": pending}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def import_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan_import = access.get_import_for_user(request.user, pk)
    if plan_import.status == PlanImport.Status.CONFIRMED:
        plan = Plan.objects.filter(source_import=plan_import).first()
        if plan is not None:
            return redirect("plans:plan_detail", pk=plan.pk)
        messages.info(request, _("Kế hoạch của lượt nhập này đã bị xóa; hãy nhập lại văn bản."))
        return redirect("plans:plan_import")
    if plan_import.status == PlanImport.Status.DISCARDED:
        messages.info(request, _("Lượt nhập này đã bị hủy."))
        return redirect("plans:plan_import")
    draft = PlanDraft.from_dict(plan_import.draft)
    if request.method == "POST":
        form = ImportReviewForm(request.POST, user=request.user, draft=draft)
        if form.is_valid():
            try:
                plan = services.create_plan_from_import(
                    plan_import,
                    issuer=form.cleaned_data["issuer"],
                    agency_choices=form.agency_choices(),
                    by=request.user,
                    document=form.document_fields(),
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("Đã lưu kế hoạch với %(n)s nhiệm vụ.") % {"n": plan.tasks.count()}
                )
                return redirect("plans:plan_detail", pk=plan.pk)
        choices = {key: form.data.get(name, "text") for key, name in form.agency_field_names.items()}
        context = review_context(request.user, plan_import, draft, form, choices)
        return render(request, "plans/import_review.html", context, status=422)
    initial = ImportReviewForm.initial_for(draft, plan_import.issuer, plan_import.unit_matches)
    form = ImportReviewForm(initial=initial, user=request.user, draft=draft)
    choices = {key: match.get("choice", "text") for key, match in plan_import.unit_matches.items()}
    return render(
        request, "plans/import_review.html", review_context(request.user, plan_import, draft, form, choices)
    )


@login_required
@require_POST
def import_issuer(request: HttpRequest, pk: int) -> HttpResponse:
    plan_import = access.get_import_for_user(request.user, pk)
    form = IssuerForm(request.POST, user=request.user)
    draft = PlanDraft.from_dict(plan_import.draft)
    if not form.is_valid():
        return HttpResponse(form.errors["issuer"].as_text(), status=422)
    try:
        plan_import = services.change_import_issuer(plan_import, form.cleaned_data["issuer"])
    except DomainError as error:
        return HttpResponse(error.message, status=422)
    if not is_fragment(request):
        return redirect("plans:import_review", pk=plan_import.pk)
    review_form = ImportReviewForm(
        initial=ImportReviewForm.initial_for(draft, plan_import.issuer, plan_import.unit_matches),
        user=request.user,
        draft=draft,
    )
    choices = {key: match.get("choice", "text") for key, match in plan_import.unit_matches.items()}
    context = review_context(request.user, plan_import, draft, review_form, choices)
    return render(request, "plans/_review_tasks.html", context)


@login_required
@require_POST
def import_agency(request: HttpRequest, pk: int) -> HttpResponse:
    plan_import = access.get_import_for_user(request.user, pk)
    draft = PlanDraft.from_dict(plan_import.draft)
    key = request.POST.get("key", "")
    if key not in plan_import.unit_matches:
        raise Http404
    data = {"key": key, "choice": request.POST.get(agency_field_name(key), request.POST.get("choice", ""))}
    form = AgencyChoiceForm(data, plan_import_matches=plan_import.unit_matches, issuer=plan_import.issuer)
    current = plan_import.unit_matches[key].get("choice", services.CHOICE_TEXT)
    if not form.is_valid():
        errors = [error for errors in form.errors.values() for error in errors]
        return _agency_fragment(request, plan_import, draft, key, current, errors=errors, status=422)
    choice = form.cleaned_data["choice"]
    if choice == MORE_UNITS:
        return _agency_fragment(request, plan_import, draft, key, current, all_units=True)
    try:
        plan_import = services.choose_agency(plan_import, key, choice)
    except DomainError as error:
        return _agency_fragment(request, plan_import, draft, key, current, errors=[error.message], status=422)
    if not is_fragment(request):
        return redirect("plans:import_review", pk=plan_import.pk)
    return _agency_fragment(request, plan_import, draft, key, choice)


def _agency_fragment(
    request: HttpRequest,
    plan_import: PlanImport,
    draft: PlanDraft,
    key: str,
    choice: str,
    *,
    all_units: bool = False,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "sel": agency_select_context(plan_import, draft, key, choice, all_units=all_units),
        "errors": errors or [],
        "oob": True,
        "unresolved_total": sum(
            1 for match in plan_import.unit_matches.values() if match.get("choice") == services.CHOICE_TEXT
        ),
    }
    return render(request, "plans/_agency_select.html", context, status=status)


@login_required
@require_POST
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    plan_import = access.get_import_for_user(request.user, pk)
    try:
        services.discard_import(plan_import)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("plans:import_review", pk=plan_import.pk)
    messages.info(request, _("Đã hủy lượt nhập “%(name)s”.") % {"name": plan_import.filename})
    return redirect("plans:plan_import")


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task_for_user(request.user, pk, write=True)
    form = TaskForm(request.POST if request.method == "POST" else None, task=task)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_task(
                    task,
                    by=request.user,
                    values=form.task_values(),
                    lead_units=list(form.cleaned_data["lead_units"]),
                    coordinating_units=list(form.cleaned_data["coordinating_units"]),
                    resolutions=form.resolutions(),
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã lưu nhiệm vụ."))
                return _saved(
                    request, reverse("plans:plan_detail", kwargs={"pk": task.plan_id}) + f"#task-{task.pk}"
                )
        template = "plans/_task_form.html" if is_fragment(request) else "plans/task_edit.html"
        return render(request, template, _task_context(form, task), status=422)
    return render(request, "plans/task_edit.html", _task_context(form, task))


def _task_context(form: TaskForm, task: Task) -> dict[str, Any]:
    action = (
        reverse("plans:task_edit", args=[task.pk])
        if task.pk
        else reverse("plans:task_create", args=[task.plan_id])
    )
    return {"form": form, "task": task, "form_action": action}


def _saved(request: HttpRequest, url: str) -> HttpResponse:
    """After a form posted by htmx, the page to load; otherwise a redirect to it."""
    if is_fragment(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _refuse_locked(request: HttpRequest, plan: Plan) -> HttpResponse | None:
    """An issued (through the register) or closed plan is not edited: back to its page with a message."""
    if plan.status != Plan.Status.CLOSED and not services.is_locked(plan):
        return None
    messages.error(
        request,
        _("Kế hoạch đã ban hành hoặc đã kết thúc, không thể sửa. Hãy lập kế hoạch điều chỉnh, bổ sung."),
    )
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Thêm nhiệm vụ": a new task at the end of a draft (or an amendment's "bổ sung")."""
    plan = access.get_plan_for_user(request.user, pk, write=True)
    if refused := _refuse_locked(request, plan):
        return refused
    task = Task(plan=plan)
    form = TaskForm(request.POST if request.method == "POST" else None, task=task)
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.create_task(
                    plan,
                    by=request.user,
                    values=form.task_values(),
                    lead_units=list(form.cleaned_data["lead_units"]),
                    coordinating_units=list(form.cleaned_data["coordinating_units"]),
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã thêm nhiệm vụ %(ordinal)s.") % {"ordinal": created.ordinal})
                return _saved(request, reverse("plans:plan_detail", args=[plan.pk]) + f"#task-{created.pk}")
        template = "plans/_task_form.html" if is_fragment(request) else "plans/task_edit.html"
        return render(request, template, _task_context(form, task), status=422)
    return render(request, "plans/task_edit.html", _task_context(form, task))


@login_required
@require_POST
def task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task_for_user(request.user, pk, write=True)
    try:
        services.delete_task(task, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã xóa nhiệm vụ %(ordinal)s.") % {"ordinal": task.ordinal})
    return redirect("plans:plan_detail", pk=task.plan_id)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    """ "Lập kế hoạch mới": a draft written here rather than imported."""
    if not access.can_import(request.user):
        raise PermissionDenied
    form = PlanCreateForm(request.POST or None, issuers=access.issuer_choices(request.user))
    if request.method == "POST":
        if form.is_valid():
            try:
                plan = services.create_plan(
                    issuer=form.cleaned_data["issuer"],
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                    by=request.user,
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã lập dự thảo kế hoạch; hãy thêm các nhiệm vụ."))
                return redirect("plans:plan_detail", pk=plan.pk)
        return render(request, "plans/plan_create.html", {"form": form}, status=422)
    return render(request, "plans/plan_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_body(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Soạn nội dung": a draft's text, read like an imported plan (headings, bases, obligations)."""
    plan = access.get_plan_for_user(request.user, pk, write=True)
    if refused := _refuse_locked(request, plan):
        return refused
    if plan.status != Plan.Status.DRAFT:
        messages.info(request, _("Kế hoạch đã nhập giữ nguyên văn bản gốc; chỉ dự thảo được soạn nội dung."))
        return redirect("plans:plan_detail", pk=plan.pk)
    form = PlanBodyForm(request.POST or None, initial={"body": services.plan_body_text(plan)})
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_plan_body(plan, form.cleaned_data["body"], by=request.user)
            except DomainError as error:
                form.add_error("body", error.message)
            else:
                plan.refresh_from_db()
                messages.success(
                    request,
                    _("Đã lưu nội dung: %(sections)s mục, %(bases)s căn cứ, %(reports)s chế độ báo cáo.")
                    % {
                        "sections": len(plan.sections),
                        "bases": plan.legal_references.count(),
                        "reports": plan.reporting_obligations.count(),
                    },
                )
                return redirect(reverse("plans:plan_detail", args=[plan.pk]) + "#pane-sections")
        return render(request, "plans/plan_body.html", {"form": form, "plan": plan}, status=422)
    return render(request, "plans/plan_body.html", {"form": form, "plan": plan})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Sửa thông tin": the heading of a plan not issued through the register."""
    plan = access.get_plan_for_user(request.user, pk, write=True)
    if refused := _refuse_locked(request, plan):
        return refused
    form = PlanHeaderForm(request.POST or None, instance=plan)
    if request.method == "POST":
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in services.PLAN_HEADER_FIELDS}
            try:
                services.update_plan(Plan.objects.get(pk=plan.pk), values=values, by=request.user)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã lưu thông tin kế hoạch."))
                return redirect("plans:plan_detail", pk=plan.pk)
        return render(request, "plans/plan_edit.html", {"form": form, "plan": plan}, status=422)
    return render(request, "plans/plan_edit.html", {"form": form, "plan": plan})
