from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from cchc.documents.models import DocumentTemplate, RegisterCounter, RegisteredDocument


@admin.register(RegisterCounter)
class RegisterCounterAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "type_code", "issuer_code", "last_number"]
    list_filter = ["year", "type_code"]
    raw_id_fields = ["unit"]
    # The counter only moves forward through issuing; editing it by hand could give a number twice.
    readonly_fields = ["unit", "year", "type_code", "issuer_code", "last_number"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(RegisteredDocument)
class RegisteredDocumentAdmin(admin.ModelAdmin):
    list_display = ["display_number", "issued_on", "title", "unit", "kind", "signer"]
    list_filter = ["year", "kind"]
    search_fields = ["title", "symbol"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit", "plan", "created_by"]
    readonly_fields = ["unit", "year", "type_code", "issuer_code", "number", "symbol", "created_at"]

    # A document gets its number only by being issued (documents.services), never typed in here.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "kind", "is_active", "uploaded_at"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit", "uploaded_by"]
