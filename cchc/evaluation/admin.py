"""Administrators add next year's rule here, as JSON checked by ``scoring.validate_rule``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cchc.evaluation.models import ScoreRule, ScoreSheet
from cchc.evaluation.scoring import METRICS, validate_rule


class ScoreRuleForm(forms.ModelForm):
    class Meta:
        model = ScoreRule
        fields = ["year", "level", "name", "description", "definition", "is_active"]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 30, "cols": 110, "style": "font-family: monospace"})
        }
        help_texts = {
            "definition": _(
                "Cây tiêu chí dạng JSON: mỗi tiêu chí có “code”, “title”, “max_points” và hoặc “children”, hoặc "
                "“metric” với “scoring” (kind: bands, proportional_above, per_item, boolean, choice, deductions). "
                "Chỉ số: %(metrics)s."
            )
            % {"metrics": ", ".join(METRICS)}
        }

    def clean_definition(self) -> Any:
        definition = self.cleaned_data["definition"]
        errors = validate_rule(definition)
        if errors:
            raise forms.ValidationError(errors)
        return definition


@admin.register(ScoreRule)
class ScoreRuleAdmin(admin.ModelAdmin):
    form = ScoreRuleForm
    list_display = ["name", "year", "level", "is_active", "created_by", "updated_at"]
    list_filter = ["year", "level", "is_active"]
    search_fields = ["name", "description"]
    list_select_related = ["created_by"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    save_as = True

    def save_model(self, request: HttpRequest, obj: ScoreRule, form: forms.ModelForm, change: bool) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


@admin.register(ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    list_display = [
        "unit",
        "year",
        "total",
        "max_points",
        "rule",
        "evaluated_on",
        "computed_at",
        "computed_by",
        "sent_at",
        "appraised_total",
        "appraised_at",
    ]
    list_filter = ["year"]
    list_select_related = ["unit", "rule", "computed_by"]
    raw_id_fields = ["unit"]
    readonly_fields = [
        "unit",
        "year",
        "rule",
        "total",
        "max_points",
        "lines",
        "metrics",
        "evaluated_on",
        "computed_at",
        "computed_by",
        # Sent and appraised in the application, with their checks; the admin only reads them.
        "sent_at",
        "sent_by",
        "appraised_at",
        "appraised_by",
        "appraised_total",
        "appraisal",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
