"""Input checks for plans, with Vietnamese messages; unit choices are scoped so a forged id is refused."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cchc.importer.model import PlanDraft
from cchc.importer.timeframes import parse_timeframe
from cchc.orgs.access import territory_of
from cchc.orgs.models import Unit
from cchc.plans.access import assignable_units, issuer_choices, unit_options
from cchc.plans.models import Assignment, Plan, Task, assignment_chips
from cchc.plans.services import (
    CHOICE_GROUP,
    CHOICE_TEXT,
    TASK_FIELDS,
    DocumentFields,
    chosen_unit_id,
    draft_agencies,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
MORE_UNITS = "more"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return unit_label(obj)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return unit_label(obj)


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates render fields with one include."""

    def style_fields(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields and not isinstance(self.fields[name].widget, forms.CheckboxSelectMultiple):  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class UploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp kế hoạch"),
        help_text=_("Văn bản Word (.docx), PDF có lớp chữ, hoặc văn bản thuần (.txt, .md)."),
        error_messages={
            "required": _("Vui lòng chọn tệp kế hoạch."),
            "empty": _("Tệp đã chọn không có nội dung."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.md,text/plain,application/pdf"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    @property
    def max_megabytes(self) -> int:
        return settings.IMPORT_MAX_BYTES // (1024 * 1024)


class ImportReviewForm(BootstrapMixin, forms.Form):
    """The document header as the reviewer corrected it, the issuer, and a unit choice for each agency."""

    issuer = UnitChoiceField(
        label=_("Cơ quan ban hành"),
        queryset=Unit.objects.none(),
        error_messages={
            "required": _("Vui lòng chọn cơ quan ban hành."),
            "invalid_choice": _("Cơ quan ban hành không thuộc phạm vi bạn điều phối."),
        },
    )
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=64, required=False)
    issue_date = forms.DateField(
        label=_("Ngày ban hành"), required=False, input_formats=DATE_INPUT_FORMATS, widget=DateInput()
    )
    year = forms.IntegerField(
        label=_("Năm kế hoạch"),
        min_value=1990,
        max_value=2100,
        error_messages={"required": _("Vui lòng nhập năm của kế hoạch.")},
    )
    title = forms.CharField(
        label=_("Trích yếu"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Vui lòng nhập trích yếu của kế hoạch.")},
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)

    def __init__(self, *args: Any, user: AbstractBaseUser, draft: PlanDraft, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.fields["issuer"].queryset = issuer_choices(user)
        self.agency_field_names: dict[str, str] = {}
        for key, _task_index, _role, agency in draft_agencies(draft):
            name = agency_field_name(key)
            self.fields[name] = forms.CharField(label=agency.text, required=False, max_length=32)
            self.agency_field_names[key] = name
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        issuer = cleaned.get("issuer")
        chosen: dict[str, int] = {}
        for name in self.agency_field_names.values():
            value = cleaned.get(name) or CHOICE_TEXT
            if value == MORE_UNITS:
                value = CHOICE_TEXT
            cleaned[name] = value
            if value in (CHOICE_TEXT, CHOICE_GROUP):
                continue
            pk = chosen_unit_id(value)
            if pk is None:
                self.add_error(name, _("Lựa chọn đơn vị không hợp lệ."))
            else:
                chosen[name] = pk
        if issuer is not None and chosen:
            allowed = set(
                assignable_units(issuer).filter(pk__in=chosen.values()).values_list("pk", flat=True)
            )
            for name, pk in chosen.items():
                if pk not in allowed:
                    self.add_error(name, _("Đơn vị được chọn không thuộc hệ thống của cơ quan ban hành."))
        return cleaned

    def agency_choices(self) -> dict[str, str]:
        return {
            key: self.cleaned_data.get(name) or CHOICE_TEXT for key, name in self.agency_field_names.items()
        }

    def document_fields(self) -> DocumentFields:
        data = self.cleaned_data
        return DocumentFields(
            number=data["number"],
            issue_date=data["issue_date"],
            year=data["year"],
            title=data["title"],
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
        )

    @classmethod
    def initial_for(
        cls, draft: PlanDraft, issuer: Unit | None, matches: dict[str, dict[str, Any]]
    ) -> dict[str, Any]:
        document = DocumentFields.from_draft(draft)
        initial: dict[str, Any] = {
            "issuer": issuer.pk if issuer else None,
            "number": document.number,
            "issue_date": document.issue_date,
            "year": document.year,
            "title": document.title,
            "signer_name": document.signer_name,
            "signer_title": document.signer_title,
        }
        for key, match in matches.items():
            initial[agency_field_name(key)] = match.get("choice", CHOICE_TEXT)
        return initial


def agency_field_name(key: str) -> str:
    return "agency-" + key.replace(".", "-")


class IssuerForm(BootstrapMixin, forms.Form):
    issuer = UnitChoiceField(
        label=_("Cơ quan ban hành"),
        queryset=Unit.objects.none(),
        error_messages={
            "required": _("Vui lòng chọn cơ quan ban hành."),
            "invalid_choice": _("Cơ quan ban hành không thuộc phạm vi bạn điều phối."),
        },
    )

    def __init__(self, *args: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuer_choices(user)
        self.style_fields()


class AgencyChoiceForm(forms.Form):
    """One agency's choice on the review screen, sent by htmx when the select changes."""

    key = forms.CharField(max_length=64)
    choice = forms.CharField(max_length=32)

    def __init__(self, *args: Any, plan_import_matches: dict[str, Any], issuer: Unit | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.matches = plan_import_matches
        self.issuer = issuer

    def clean_key(self) -> str:
        key = self.cleaned_data["key"]
        if key not in self.matches:
            raise forms.ValidationError(_("Không tìm thấy cơ quan này trong bản trích xuất."))
        return key

    def clean_choice(self) -> str:
        choice = self.cleaned_data["choice"]
        if choice in (CHOICE_TEXT, CHOICE_GROUP, MORE_UNITS):
            return choice
        if self.issuer is None:
            raise forms.ValidationError(_("Lựa chọn không hợp lệ."))
        pk = chosen_unit_id(choice)
        if pk is None or not assignable_units(self.issuer).filter(pk=pk).exists():
            raise forms.ValidationError(_("Đơn vị được chọn không thuộc hệ thống của cơ quan ban hành."))
        return choice


class PlanFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    issuer = forms.TypedChoiceField(label=_("Cơ quan ban hành"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *list(Plan.Status.choices)]
    )

    def __init__(self, *args: Any, years: list[int], issuers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả"))] + [(y, str(y)) for y in years]
        self.fields["issuer"].choices = [("", _("Tất cả")), *issuers]
        self.style_fields()


class TaskForm(BootstrapMixin, forms.ModelForm):
    lead_units = UnitMultipleChoiceField(
        label=_("Đơn vị chủ trì"),
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Đơn vị “%(value)s” không thuộc hệ thống của cơ quan ban hành.")},
    )
    coordinating_units = UnitMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Đơn vị “%(value)s” không thuộc hệ thống của cơ quan ban hành.")},
    )

    class Meta:
        model = Task
        fields = list(TASK_FIELDS)
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "details": forms.Textarea(attrs={"rows": 3}),
            "product": forms.Textarea(attrs={"rows": 2}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }
        error_messages = {"title": {"required": _("Vui lòng nhập nội dung nhiệm vụ.")}}

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, instance=task, **kwargs)
        plan = task.plan
        units = assignable_units(plan.issuer)
        # A new task (not saved yet) has no units yet.
        assignments = list(task.assignments.select_related("unit__parent")) if task.pk else []
        options = unit_option_groups(
            plan.issuer,
            unit_options(plan.issuer, plan.issue_date or date(plan.year, 1, 1)),
            [a.unit for a in assignments if a.unit is not None],
        )
        for name in ("lead_units", "coordinating_units"):
            self.fields[name].queryset = units
            self.fields[name].widget = forms.CheckboxSelectMultiple(choices=options)
        self.fields["start_date"].input_formats = DATE_INPUT_FORMATS
        self.fields["end_date"].input_formats = DATE_INPUT_FORMATS
        if not self.is_bound:
            self.initial["lead_units"] = _unit_ids(assignments, Assignment.Role.LEAD)
            self.initial["coordinating_units"] = _unit_ids(assignments, Assignment.Role.COORDINATING)
        self.assignments = assignments
        self.unresolved = [a for a in assignments if not a.is_resolved]
        for assignment in self.unresolved:
            field = UnitChoiceField(
                label=_("“%(text)s” (%(role)s)")
                % {"text": assignment.text, "role": assignment.get_role_display()},
                queryset=units,
                required=False,
                empty_label=_("— giữ nguyên văn bản, chưa xác định —"),
            )
            field.widget.choices = [("", field.empty_label), *options]
            self.fields[resolve_field_name(assignment)] = field
            self.fields[drop_field_name(assignment)] = forms.BooleanField(
                label=_("Bỏ tên này"), required=False
            )
        self.plan = plan
        self.style_fields()

    def assigned_chips(self, role: str) -> list[dict[str, Any]]:
        return assignment_chips([a for a in self.assignments if a.role == role and a.is_resolved])

    @property
    def lead_chips(self) -> list[dict[str, Any]]:
        return self.assigned_chips(Assignment.Role.LEAD)

    @property
    def coordinating_chips(self) -> list[dict[str, Any]]:
        return self.assigned_chips(Assignment.Role.COORDINATING)

    @property
    def resolve_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[resolve_field_name(a)], self[drop_field_name(a)]) for a in self.unresolved]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", _("Hạn hoàn thành phải sau ngày bắt đầu."))
        minimum, maximum = cleaned.get("duration_min_minutes"), cleaned.get("duration_max_minutes")
        if minimum and maximum and minimum > maximum:
            self.add_error("duration_max_minutes", _("Thời lượng tối đa phải lớn hơn hoặc bằng tối thiểu."))
        text = cleaned.get("timeframe_text") or ""
        if "timeframe_text" in self.changed_data and text and not (start or end):
            parsed = parse_timeframe(text, self.plan.year)
            cleaned["timeframe_kind"] = parsed.kind
            cleaned["start_date"] = date.fromisoformat(parsed.start) if parsed.start else None
            cleaned["end_date"] = date.fromisoformat(parsed.end) if parsed.end else None
        return cleaned

    def task_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def resolutions(self) -> dict[int, Unit | None]:
        chosen: dict[int, Unit | None] = {}
        for assignment in self.unresolved:
            if self.cleaned_data.get(drop_field_name(assignment)):
                chosen[assignment.pk] = None
                continue
            unit = self.cleaned_data.get(resolve_field_name(assignment))
            if unit is not None:
                chosen[assignment.pk] = unit
        return chosen


def resolve_field_name(assignment: Assignment) -> str:
    return f"resolve-{assignment.pk}"


def drop_field_name(assignment: Assignment) -> str:
    return f"drop-{assignment.pk}"


def _unit_ids(assignments: list[Assignment], role: str) -> list[int]:
    return [a.unit_id for a in assignments if a.role == role and a.unit_id is not None]


def unit_label(unit: Unit) -> str:
    """ "Sở Nội vụ tỉnh Khánh Hòa"; an agency whose name does not say where gets its territory in brackets."""
    parent = unit.parent if unit.kind == Unit.Kind.AGENCY and unit.parent_id else None
    if parent is not None and parent.name.lower() not in unit.name.lower():
        return f"{unit.name} ({parent.name})"
    return unit.name


def unit_option_groups(
    issuer: Unit, units: list[Unit], extra: list[Unit]
) -> list[tuple[str, list[tuple[int, str]]]]:
    """Options grouped for a select or a checkbox list: the issuer's own agencies, the People's Committees
    below it, the agencies of each territory above it, then any other unit already assigned."""
    territory = territory_of(issuer)
    own = str(_("Cơ quan, đơn vị của %(name)s") % {"name": territory.name})
    below = str(_("Ủy ban nhân dân cấp dưới"))
    others = str(_("Đơn vị khác đang được giao"))
    groups: dict[str, list[tuple[int, str]]] = {own: [], below: []}
    seen: set[int] = set()
    for unit in units:
        seen.add(unit.pk)
        if unit.parent_id == territory.pk:
            group = own
        elif unit.parent is not None and unit.parent.parent_id == territory.pk:
            group = below
        else:
            group = str(_("Cơ quan của %(name)s") % {"name": unit.parent.name if unit.parent else ""})
        groups.setdefault(group, []).append((unit.pk, unit.name))
    for unit in extra:
        if unit.pk not in seen:
            seen.add(unit.pk)
            groups.setdefault(others, []).append((unit.pk, unit_label(unit)))
    return [(label, options) for label, options in groups.items() if options]


class DeriveSubPlansForm(forms.Form):
    """The subordinate units to derive a sub-plan for: only those the plan names that have none yet."""

    units = forms.MultipleChoiceField(
        label=_("Đơn vị lập kế hoạch"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Chọn ít nhất một đơn vị."),
            "invalid_choice": _("Đơn vị %(value)s không thuộc danh sách đơn vị cấp dưới của kế hoạch."),
        },
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units_by_id = {str(unit.pk): unit for unit in units}
        self.fields["units"].choices = [(str(unit.pk), unit_label(unit)) for unit in units]

    def chosen_units(self) -> list[Unit]:
        return [self.units_by_id[pk] for pk in self.cleaned_data["units"]]


class PlanCreateForm(BootstrapMixin, forms.Form):
    """A plan written in cchc: who issues it, for which year, its subject; tasks are added afterwards."""

    issuer = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Cơ quan ban hành"),
        empty_label=_("— Chọn cơ quan —"),
        error_messages={
            "required": _("Vui lòng chọn cơ quan ban hành."),
            "invalid_choice": _("Cơ quan không hợp lệ hoặc bạn không quản lý cơ quan này."),
        },
    )
    year = forms.IntegerField(
        label=_("Năm kế hoạch"),
        min_value=2019,
        max_value=2100,
        error_messages={
            "required": _("Vui lòng nhập năm kế hoạch."),
            "invalid": _("Năm không hợp lệ."),
            "min_value": _("Năm kế hoạch từ 2019 trở đi."),
            "max_value": _("Năm không hợp lệ."),
        },
    )
    title = forms.CharField(
        label=_("Trích yếu"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: Tuyên truyền cải cách hành chính năm 2027."),
        error_messages={"required": _("Vui lòng nhập trích yếu của kế hoạch.")},
    )

    def __init__(self, *args: Any, issuers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.style_fields()


class PlanHeaderForm(BootstrapMixin, forms.ModelForm):
    """A plan's heading, to correct what the importer misread or reword a draft."""

    class Meta:
        model = Plan
        fields = ["title", "year", "number", "issue_date", "place"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "issue_date": DateInput()}
        error_messages = {
            "title": {"required": _("Vui lòng nhập trích yếu của kế hoạch.")},
            "year": {"required": _("Vui lòng nhập năm kế hoạch."), "invalid": _("Năm không hợp lệ.")},
            "issue_date": {"invalid": _("Ngày không hợp lệ.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issue_date"].input_formats = DATE_INPUT_FORMATS
        self.fields["year"].widget.attrs.update(min=2019, max=2100)
        self.style_fields()

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2019 <= year <= 2100:
            raise forms.ValidationError(_("Năm kế hoạch từ 2019 đến 2100."))
        return year


class PlanBodyForm(forms.Form):
    body = forms.CharField(
        label=_("Nội dung văn bản"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 24, "class": "form-control", "spellcheck": "true"}),
        error_messages={
            "required": _("Vui lòng nhập nội dung kế hoạch."),
            "max_length": _("Nội dung quá dài (tối đa 100.000 ký tự)."),
        },
    )
