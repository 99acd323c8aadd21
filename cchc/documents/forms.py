"""Input checks for issuing a plan and uploading a unit's template, with Vietnamese messages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cchc.documents.models import DocumentTemplate
from cchc.documents.services import SYMBOL_PATTERN, Signature
from cchc.orgs.models import Unit
from cchc.plans.forms import BootstrapMixin, DateInput, UnitChoiceField
from cchc.plans.models import Plan

AUTHORITY_CHOICES = [
    ("", _("(ký tên trực tiếp)")),
    ("TM.", _("TM. – thay mặt tập thể")),
    ("KT.", _("KT. – ký thay người đứng đầu")),
    ("Q.", _("Q. – quyền")),
    ("TL.", _("TL. – thừa lệnh")),
    ("TUQ.", _("TUQ. – thừa ủy quyền")),
]


class SignerForm(BootstrapMixin, forms.Form):
    """The date, place and signature block of an outgoing document (Nghị định 30/2020): the plan's issue
    form and the reports' "sign, number and send" form build on it."""

    issue_date = forms.DateField(
        label=_("Ngày ký"),
        widget=DateInput(),
        error_messages={"required": _("Vui lòng chọn ngày ký."), "invalid": _("Ngày không hợp lệ.")},
    )
    place = forms.CharField(label=_("Địa danh"), max_length=120, required=False)
    authority = forms.ChoiceField(label=_("Thẩm quyền ký"), choices=AUTHORITY_CHOICES, required=False)
    authority_body = forms.CharField(
        label=_("Tập thể (sau TM.)"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: ỦY BAN NHÂN DÂN. Bỏ trống khi không ký thay mặt tập thể."),
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=120,
        error_messages={"required": _("Vui lòng nhập chức vụ người ký.")},
    )
    signer_name = forms.CharField(
        label=_("Họ và tên người ký"),
        max_length=120,
        error_messages={"required": _("Vui lòng nhập họ tên người ký.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()
        self.fields["signer_name"].widget.attrs["list"] = "signer-names"
        self.fields["signer_title"].widget.attrs["list"] = "signer-titles"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("authority") == "TM." and not (data.get("authority_body") or "").strip():
            self.add_error(
                "authority_body", _("Ký thay mặt (TM.) cần ghi tên tập thể, ví dụ ỦY BAN NHÂN DÂN.")
            )
        return data


class IssueForm(SignerForm):
    symbol = forms.CharField(
        label=_("Ký hiệu"),
        max_length=40,
        help_text=_("Viết tắt loại văn bản và cơ quan ban hành, ví dụ KH-UBND. Số do sổ văn bản đi cấp."),
        error_messages={"required": _("Vui lòng nhập ký hiệu văn bản.")},
    )
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một nơi nhận; dòng cuối thường là “Lưu: VT, …”."),
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["issue_date"].label = _("Ngày ban hành")
        self.fields["issue_date"].error_messages["required"] = _("Vui lòng chọn ngày ban hành.")

    def clean_symbol(self) -> str:
        symbol = self.cleaned_data["symbol"].strip()
        if not SYMBOL_PATTERN.match(symbol):
            raise ValidationError(
                _(
                    "Ký hiệu không đúng quy định: viết tắt loại văn bản, dấu gạch nối rồi viết tắt cơ quan "
                    "ban hành, không có khoảng trắng (ví dụ KH-UBND)."
                )
            )
        return symbol

    def clean_issue_date(self) -> date:
        issue_date = self.cleaned_data["issue_date"]
        if issue_date.year not in (self.plan.year - 1, self.plan.year):
            raise ValidationError(
                _("Kế hoạch năm %(year)s phải ban hành trong năm %(before)s hoặc %(year)s.")
                % {"year": self.plan.year, "before": self.plan.year - 1}
            )
        return issue_date

    def recipient_lines(self) -> list[str]:
        lines = []
        for line in self.cleaned_data.get("recipients", "").splitlines():
            text = line.strip().lstrip("-+•").strip().rstrip(";.").strip()
            if text:
                lines.append(text)
        return lines


class TemplateUploadForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Đơn vị"),
        empty_label=_("— Chọn đơn vị —"),
        error_messages={
            "required": _("Vui lòng chọn đơn vị."),
            "invalid_choice": _("Đơn vị không hợp lệ hoặc bạn không quản lý đơn vị này."),
        },
    )
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentTemplate.Kind.choices)
    file = forms.FileField(
        label=_("Tệp mẫu (.docx)"),
        help_text=_("Tệp Word có các trường {{ … }} theo danh sách bên dưới."),
        error_messages={"required": _("Vui lòng chọn tệp mẫu."), "empty": _("Tệp mẫu rỗng.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.style_fields()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".docx"):
            raise ValidationError(_("Mẫu văn bản phải là tệp Word .docx."))
        return upload


class SignatureForm(SignerForm):
    """Who signs an outgoing report and how it is numbered (``services.Signature``): the reports' and the
    self-assessment's "sign, number and send" forms."""

    REGISTER = "register"
    GIVEN = "given"

    numbering = forms.ChoiceField(
        label=_("Cấp số văn bản"),
        choices=[
            (REGISTER, _("Lấy số từ sổ văn bản đi trong hệ thống")),
            (GIVEN, _("Đã có số từ hệ thống quản lý văn bản của đơn vị")),
        ],
        initial=REGISTER,
        widget=forms.RadioSelect,
    )
    symbol = forms.CharField(
        label=_("Ký hiệu"),
        max_length=40,
        required=False,
        help_text=_("Ví dụ BC-UBND; số do sổ văn bản đi cấp khi gửi."),
    )
    given_number = forms.CharField(
        label=_("Số, ký hiệu đã cấp"), max_length=64, required=False, help_text=_("Ví dụ 125/BC-UBND.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["numbering"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("numbering") == self.GIVEN:
            if not (data.get("given_number") or "").strip():
                self.add_error("given_number", _("Vui lòng nhập số, ký hiệu đã cấp (ví dụ 125/BC-UBND)."))
        elif not (data.get("symbol") or "").strip():
            self.add_error("symbol", _("Vui lòng nhập ký hiệu văn bản (ví dụ BC-UBND)."))
        return data

    def signature(self) -> Signature:
        data = self.cleaned_data
        given = data["numbering"] == self.GIVEN
        return Signature(
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
            issue_date=data["issue_date"],
            symbol="" if given else data["symbol"].strip(),
            given_number=data["given_number"].strip() if given else "",
            authority=data["authority"],
            authority_body=data["authority_body"],
            place=data["place"],
        )
