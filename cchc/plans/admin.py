from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

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
from cchc.plans.services import plan_search_text


class TaskInline(admin.TabularInline):
    model = Task
    fields = ["position", "ordinal", "title", "timeframe_text", "end_date", "recurrence_kind", "target_total"]
    extra = 0
    show_change_link = True


class LegalReferenceInline(admin.TabularInline):
    model = LegalReference
    fields = ["position", "doc_type", "number", "issued_on", "issuer", "title"]
    extra = 0


class ReportingObligationInline(admin.TabularInline):
    model = ReportingObligation
    fields = ["position", "period", "deadline_text", "deadline_day", "deadline_month", "recipient", "via"]
    extra = 0


class SubPlanObligationInline(admin.TabularInline):
    model = SubPlanObligation
    fields = ["position", "deadline_text", "due_date", "recipient", "via"]
    extra = 0


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    fields = ["position", "index", "comparator", "value", "unit", "text"]
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["number_or_symbol", "title", "issuer", "year", "issue_date", "status"]
    list_filter = ["status", "year"]
    search_fields = ["number", "title", "search_text"]
    list_select_related = ["issuer"]
    raw_id_fields = ["issuer", "parent", "source_import", "created_by"]
    date_hierarchy = "issue_date"
    inlines = [
        TaskInline,
        LegalReferenceInline,
        ReportingObligationInline,
        SubPlanObligationInline,
        IndicatorTargetInline,
    ]

    @admin.display(description="Số, ký hiệu", ordering="number")
    def number_or_symbol(self, plan: Plan) -> str:
        return plan.display_number

    def save_model(self, request: HttpRequest, obj: Plan, form: Any, change: bool) -> None:
        obj.search_text = plan_search_text(obj)
        super().save_model(request, obj, form, change)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    fields = ["role", "position", "unit", "text", "group_key", "is_resolved", "expected_quantity"]
    raw_id_fields = ["unit"]
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "timeframe_text", "end_date", "recurrence_kind", "target_total"]
    list_filter = ["timeframe_kind", "recurrence_kind", "plan__year"]
    search_fields = ["title", "details", "plan__number", "plan__title"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan", "parent_task"]
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["task", "role", "unit", "text", "group_key", "is_resolved"]
    list_filter = ["role", "is_resolved", "group_key"]
    search_fields = ["text", "unit__name", "task__title"]
    list_select_related = ["task", "unit"]
    raw_id_fields = ["task", "unit"]


@admin.register(LegalReference)
class LegalReferenceAdmin(admin.ModelAdmin):
    list_display = ["doc_type", "number", "issued_on", "issuer", "plan"]
    search_fields = ["number", "title", "text"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan"]


@admin.register(ReportingObligation)
class ReportingObligationAdmin(admin.ModelAdmin):
    list_display = ["plan", "period", "deadline_text", "recipient"]
    list_filter = ["period"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan"]


@admin.register(SubPlanObligation)
class SubPlanObligationAdmin(admin.ModelAdmin):
    list_display = ["plan", "deadline_text", "due_date", "recipient"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan"]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(admin.ModelAdmin):
    list_display = ["plan", "index", "comparator", "value", "unit"]
    list_filter = ["index"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan"]


@admin.register(PlanImport)
class PlanImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "size", "status", "issuer", "created_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["filename", "content_hash"]
    list_select_related = ["issuer", "created_by"]
    raw_id_fields = ["issuer", "created_by"]
    readonly_fields = ["content_hash", "size", "created_at", "confirmed_at"]
