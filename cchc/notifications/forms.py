from __future__ import annotations

from django import forms

from cchc.notifications.models import DAYS_AHEAD_MAX, DAYS_AHEAD_MIN, ReminderPreference


class ReminderPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["days_ahead", "by_email", "in_app"]
        widgets = {
            "days_ahead": forms.NumberInput(
                attrs={"class": "form-control", "min": DAYS_AHEAD_MIN, "max": DAYS_AHEAD_MAX}
            ),
            "by_email": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "in_app": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }
        help_texts = {
            "days_ahead": f"Từ {DAYS_AHEAD_MIN} đến {DAYS_AHEAD_MAX} ngày. Việc quá hạn luôn được nhắc.",
        }
