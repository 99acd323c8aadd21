"""Filters of the unit browser."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.orgs.models import Unit, UnitQuerySet

ERA_CURRENT = "current"
ERA_HISTORICAL = "historical"
ERA_CHOICES = [
    ("", _("Mọi thời kỳ")),
    (ERA_CURRENT, _("Đang hoạt động")),
    (ERA_HISTORICAL, _("Đã kết thúc (sáp nhập, giải thể)")),
]


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Loại đơn vị"), required=False, choices=[("", _("Mọi loại")), *Unit.Kind.choices]
    )
    era = forms.ChoiceField(label=_("Thời kỳ"), required=False, choices=ERA_CHOICES)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "form-select"
        self.fields["era"].widget.attrs["class"] = "form-select"

    def filter(self, units: UnitQuerySet) -> UnitQuerySet:
        """``units`` narrowed by the valid fields (an invalid field is ignored)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("q"):
            units = units.search(data["q"])
        if data.get("kind"):
            units = units.filter(kind=data["kind"])
        if data.get("era") == ERA_CURRENT:
            units = units.current()
        elif data.get("era") == ERA_HISTORICAL:
            units = units.historical()
        return units
