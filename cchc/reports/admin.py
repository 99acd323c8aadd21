from __future__ import annotations

from django.contrib import admin

from cchc.reports.models import Report, ReportingPeriod, ReportRequirement, ReviewEvent


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "year", "index", "start", "end"]
    list_filter = ["kind", "year"]


@admin.register(ReportRequirement)
class ReportRequirementAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "plan", "recipient", "due_date", "basis"]
    list_filter = ["period__year", "period__kind"]
    list_select_related = ["unit", "period", "plan", "recipient"]
    raw_id_fields = ["unit", "recipient", "plan", "obligation", "updated_by"]


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    fields = ["kind", "by", "at", "comment", "is_late"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "plan", "status", "due_date", "first_submitted_at", "is_late"]
    list_filter = ["status", "is_late", "period__year"]
    list_select_related = ["unit", "period", "plan"]
    raw_id_fields = ["unit", "recipient", "plan", "requirement", "submitted_by", "accepted_by", "created_by"]
    readonly_fields = ["figures", "figures_at"]
    inlines = [ReviewEventInline]
