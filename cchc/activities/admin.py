from __future__ import annotations

from django.contrib import admin

from cchc.activities.models import Activity, ActivityRevision, Evidence


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class RevisionInline(admin.TabularInline):
    model = ActivityRevision
    fields = ["changed_at", "changed_by", "changes"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "unit", "channel", "quantity", "measure", "created_by"]
    list_filter = ["channel", "measure"]
    search_fields = ["title", "description"]
    date_hierarchy = "date"
    list_select_related = ["unit", "created_by"]
    raw_id_fields = ["task", "unit", "created_by"]
    inlines = [EvidenceInline, RevisionInline]


@admin.register(ActivityRevision)
class ActivityRevisionAdmin(admin.ModelAdmin):
    list_display = ["activity", "changed_by", "changed_at"]
    list_select_related = ["activity", "changed_by"]
    readonly_fields = ["activity", "changed_by", "changed_at", "changes"]
