from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from cchc.orgs.models import Membership, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "agency_type", "parent", "valid_from", "valid_to", "source_code")
    list_filter = ("kind", "agency_type", "valid_from", "valid_to")
    search_fields = ("search_name", "source_code")
    search_help_text = "Tìm theo tên (không cần gõ dấu) hoặc mã."
    list_select_related = ("parent",)
    autocomplete_fields = ("parent", "successors")
    readonly_fields = ("search_name", "path")
    show_full_result_count = False

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        """Diacritics-insensitive, word by word, like the unit browser."""
        if not search_term:
            return queryset, False
        by_code = queryset.filter(source_code=search_term.strip())
        return (queryset.search(search_term) | by_code), False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit")
    list_filter = ("role",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__search_name")
    autocomplete_fields = ("user", "unit")
    list_select_related = ("user", "unit")
