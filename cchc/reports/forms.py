"""Input for reports: the narrative and indicators, a due date, a return comment, the calendar year."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cchc.reports.models import Report, ReportRequirement
from cchc.reports.services import MAX_INDICATORS, Indicator

INDICATOR_ROWS = 3
TEXT_LIMIT = 20000


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class ReportForm(forms.Form):
    """One text area per section of the outline (the results section included: its comment) and
    indicator rows (name, value, unit, source)."""

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        for section in report.sections:
            self.fields[f"section_{section['key']}"] = forms.CharField(
                label=section["title"],
                required=False,
                max_length=TEXT_LIMIT,
                initial=section.get("text", ""),
                help_text=section.get("hint", ""),
                widget=forms.Textarea(attrs={"rows": 6 if not section.get("is_results") else 4}),
            )
        rows = max(INDICATOR_ROWS, len(report.indicators) + 1)
        for index in range(min(rows, MAX_INDICATORS)):
            current = report.indicators[index] if index < len(report.indicators) else {}
            for name, label, length in (
                ("name", _("Chỉ số"), 64),
                ("value", _("Giá trị"), 32),
                ("unit", _("Đơn vị"), 16),
                ("source", _("Nguồn số liệu"), 255),
            ):
                self.fields[f"indicator_{index}_{name}"] = forms.CharField(
                    label=label, required=False, max_length=length, initial=current.get(name, "")
                )
        self.indicator_count = min(rows, MAX_INDICATORS)
        _styled(self)

    def section_fields(self) -> list[tuple[dict[str, Any], forms.BoundField]]:
        return [(section, self[f"section_{section['key']}"]) for section in self.report.sections]

    def indicator_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"indicator_{i}_{name}"] for name in ("name", "value", "unit", "source")]
            for i in range(self.indicator_count)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for index in range(self.indicator_count):
            name = (data.get(f"indicator_{index}_name") or "").strip()
            value = (data.get(f"indicator_{index}_value") or "").strip()
            source = (data.get(f"indicator_{index}_source") or "").strip()
            if value and not name:
                self.add_error(f"indicator_{index}_name", _("Ghi tên chỉ số (ví dụ SIPAS)."))
            if value and not source:
                self.add_error(
                    f"indicator_{index}_source",
                    _("Ghi nguồn số liệu (ví dụ Quyết định công bố của Bộ Nội vụ)."),
                )
            if value:
                try:
                    float(value.replace(",", "."))
                except ValueError:
                    self.add_error(f"indicator_{index}_value", _("Giá trị phải là số (ví dụ 86,5)."))
        return data

    def texts(self) -> dict[str, str]:
        return {
            section["key"]: self.cleaned_data[f"section_{section['key']}"] for section in self.report.sections
        }

    def indicators(self) -> list[Indicator]:
        found = []
        for index in range(self.indicator_count):
            values = {
                name: (self.cleaned_data.get(f"indicator_{index}_{name}") or "").strip()
                for name in ("name", "value", "unit", "source")
            }
            if values["name"]:
                found.append(Indicator(**values))
        return found


class DueDateForm(forms.ModelForm):
    class Meta:
        model = ReportRequirement
        fields = ["due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {"due_date": {"required": _("Chọn hạn gửi."), "invalid": _("Ngày không hợp lệ.")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Lý do trả lại, nội dung cần chỉnh sửa"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng ghi rõ lý do trả lại để đơn vị chỉnh sửa.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise ValidationError(_("Vui lòng ghi rõ lý do trả lại để đơn vị chỉnh sửa."))
        return comment


class AcceptForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến (không bắt buộc)"), max_length=5000, required=False)


class CalendarForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2019,
        max_value=2100,
        error_messages={
            "required": _("Chọn năm."),
            "min_value": _("Chế độ báo cáo theo NĐ 09/2019 áp dụng từ năm 2019."),
            "max_value": _("Năm không hợp lệ."),
            "invalid": _("Năm không hợp lệ."),
        },
    )
