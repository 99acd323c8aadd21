"""Input for activities: one row (several on a page), the edit form, the filters and the .xlsx upload."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.activities import access, services
from cchc.activities.evidence import ALLOWED_EXTENSIONS, check_file
from cchc.activities.models import CHANNEL_CHOICES, Activity
from cchc.core.errors import DomainError
from cchc.orgs.models import Unit
from cchc.plans.models import Plan, Task

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content (evidence.check_file)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS), "class": "form-control"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        files = [super(MultipleFileField, self).clean(item, initial) for item in items if item]
        for upload in files:
            try:
                check_file(upload, upload.name, upload.size)
            except DomainError as error:
                raise ValidationError(error.message) from error
        return files


class ActivityForm(forms.ModelForm):
    evidence = MultipleFileField(label=_("Minh chứng (ảnh, PDF, Word)"), required=False)
    link = forms.URLField(
        label=_("Đường dẫn"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )

    class Meta:
        model = Activity
        fields = [
            "task",
            "unit",
            "date",
            "channel",
            "title",
            "quantity",
            "measure",
            "reach",
            "link",
            "description",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 2}),
            "quantity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "reach": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }

    def __init__(
        self, *args: Any, user: AbstractBaseUser, default_unit: Unit | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["task"].queryset = (
            access.loggable_tasks(user).select_related("plan").order_by("plan_id", "position")
        )
        self.fields["task"].label_from_instance = lambda task: f"{task.plan.display_number} · {task}"
        units = access.task_unit_units(user).order_by("name")
        self.fields["unit"].queryset = units
        self.fields["task"].empty_label = _("— Chọn nhiệm vụ —")
        self.fields["unit"].empty_label = _("— Chọn đơn vị —")
        for name, empty in (("channel", _("— Chọn hình thức —")), ("measure", _("— Chọn đơn vị tính —"))):
            self.fields[name].choices = [("", empty), *[c for c in self.fields[name].choices if c[0] != ""]]
        # Also when bound: an untouched extra row then counts as unchanged and is skipped.
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
            default_unit = default_unit or default_unit_for(user)
            if default_unit is not None:
                self.initial.setdefault("unit", default_unit.pk)
        for name, field in self.fields.items():
            if name == "evidence":
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        task, unit = data.get("task"), data.get("unit")
        if task and unit and not access.may_log_for(self.user, task, unit):
            raise ValidationError(_("Nhiệm vụ này không giao cho đơn vị đã chọn."))
        return data


def default_unit_for(user: AbstractBaseUser) -> Unit | None:
    """The unit a new activity starts from: the user's own (a coordinator logs for many units, mostly its
    own), else the first it may log for."""
    units = access.task_unit_units(user).order_by("name")
    return units.filter(memberships__user=user).first() or units.first()


class ActivityFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
        self.user = user
        # One query for every row of the page.
        self.default_unit = default_unit_for(user)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"user": self.user, "default_unit": self.default_unit}


ActivityRows = forms.formset_factory(
    ActivityForm, formset=ActivityFormSet, extra=0, min_num=1, validate_min=True, max_num=50
)


class ActivityFilterForm(forms.Form):
    plan = forms.ModelChoiceField(
        queryset=Plan.objects.none(), required=False, label=_("Kế hoạch"), empty_label=_("Tất cả")
    )
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(), required=False, label=_("Đơn vị"), empty_label=_("Tất cả")
    )
    channel = forms.ChoiceField(
        choices=[("", _("Tất cả")), *CHANNEL_CHOICES], required=False, label=_("Hình thức")
    )
    # Set by the links of the dashboards ("the activities behind this number"), not shown as a field.
    task = forms.ModelChoiceField(queryset=Task.objects.none(), required=False, widget=forms.HiddenInput)
    date_from = forms.DateField(
        required=False, label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"})
    )
    # The dashboards' numbers count the lead units' work only; their links set this.
    counted = forms.BooleanField(required=False, label=_("Chỉ đơn vị chủ trì (tính vào tiến độ)"))

    def __init__(self, *args: Any, activities: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.visible_to(user).filter(
            services.counted_for(activities, "plan")
        )
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=activities.values("unit_id")).order_by(
            "name"
        )
        self.fields["task"].queryset = Task.objects.filter(services.counted_for(activities, "pk"))
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            else:
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("“Từ ngày” phải trước “Đến ngày”."))
        return data


class XlsxUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp .xlsx đã điền"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Hãy chọn tệp .xlsx (tải mẫu ở trên)."))
        return upload
