"""Periodic reports: periods with their cut-off windows, the reporting calendar, reports and their review."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.documents.models import SignedDocument
from cchc.orgs.models import Unit
from cchc.plans.models import Plan, ReportingObligation
from cchc.reports import periods


class ReportingPeriod(models.Model):
    """A reporting period and its data cut-off window (Điều 12 NĐ 09/2019)."""

    class Kind(models.TextChoices):
        QUARTER = periods.QUARTER, _("Quý")
        HALF_YEAR = periods.HALF_YEAR, _("6 tháng")
        NINE_MONTHS = periods.NINE_MONTHS, _("9 tháng")
        YEAR = periods.YEAR, _("Năm")

    kind = models.CharField(_("loại kỳ"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    index = models.PositiveSmallIntegerField(_("thứ tự trong năm"), default=1)
    start = models.DateField(_("chốt số liệu từ ngày"))
    end = models.DateField(_("chốt số liệu đến ngày"))
    label = models.CharField(_("tên kỳ"), max_length=64)

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["year", "end", "kind", "index"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "index"], name="reports_period_kind_year_index")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def value(self) -> periods.Period:
        return periods.Period(self.kind, self.year, self.index, self.start, self.end)

    @classmethod
    def get(cls, kind: str, year: int, index: int = 1) -> ReportingPeriod:
        """The stored period (made on first use from ``periods.make_period``)."""
        value = periods.make_period(kind, year, index)
        period, _created = cls.objects.get_or_create(
            kind=kind,
            year=year,
            index=index,
            defaults={"start": value.start, "end": value.end, "label": value.label},
        )
        return period


def _unique_with_optional_plan(fields: list[str], name: str) -> list[models.UniqueConstraint]:
    """Unique ``fields`` + plan, also when there is no plan (NULL is never equal to NULL in an index)."""
    return [
        models.UniqueConstraint(fields=[*fields, "plan"], name=f"{name}_plan"),
        models.UniqueConstraint(fields=fields, condition=Q(plan__isnull=True), name=f"{name}_no_plan"),
    ]


class ReportRequirementQuerySet(models.QuerySet["ReportRequirement"]):
    def with_related(self) -> ReportRequirementQuerySet:
        return self.select_related("unit", "period", "plan", "recipient", "updated_by")


class ReportRequirement(models.Model):
    """One line of the reporting calendar: a unit owes a report for a period (of a plan, or the national
    schedule) to a recipient by a due date. The coordinator of the recipient may move the date."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="report_requirements", verbose_name=_("đơn vị báo cáo")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("kỳ báo cáo")
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_requirements",
        verbose_name=_("kế hoạch"),
    )
    obligation = models.ForeignKey(
        ReportingObligation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requirements",
        verbose_name=_("nghĩa vụ báo cáo"),
    )
    # Empty: the report goes outside the system (Bộ Nội vụ).
    recipient = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requested_reports",
        verbose_name=_("nơi nhận"),
    )
    due_date = models.DateField(_("hạn gửi"))
    basis = models.CharField(_("căn cứ thời hạn"), max_length=255, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người sửa"),
    )
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    objects = ReportRequirementQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch báo cáo")
        verbose_name_plural = _("lịch báo cáo")
        ordering = ["due_date", "unit__name", "pk"]
        constraints = _unique_with_optional_plan(["unit", "period"], "reports_requirement_unit_period")

    def __str__(self) -> str:
        return f"{self.unit} · {self.period} · {self.due_date:%d/%m/%Y}"

    @property
    def recipient_name(self) -> str:
        return self.recipient.name if self.recipient_id and self.recipient else str(_("Bộ Nội vụ"))


# The standard outline when the plan attaches none (practice: results, shortcomings and causes, next
# tasks, proposals); "results" holds the figures computed from the record.
RESULTS = "results"
STANDARD_OUTLINE: tuple[tuple[str, str], ...] = (
    (RESULTS, "I. KẾT QUẢ THỰC HIỆN"),
    ("shortcomings", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
    ("next_tasks", "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"),
    ("proposals", "IV. ĐỀ XUẤT, KIẾN NGHỊ"),
)


class ReportQuerySet(models.QuerySet["Report"]):
    def with_related(self) -> ReportQuerySet:
        return self.select_related(
            "unit", "period", "plan", "recipient", "submitted_by", "accepted_by", "document"
        )


class Report(SignedDocument):
    """A unit's report for a period: figures computed from the record, narrative written by the unit."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Bị trả lại")
        ACCEPTED = "accepted", _("Đã tiếp nhận")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("đơn vị"))
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="reports", verbose_name=_("kỳ báo cáo")
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("kế hoạch"),
    )
    requirement = models.ForeignKey(
        ReportRequirement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("lịch báo cáo"),
    )
    recipient = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_reports",
        verbose_name=_("nơi nhận"),
    )
    due_date = models.DateField(_("hạn gửi"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The signature (SignedDocument's fields) is put on when the unit sends the report
    # (services.submit_report); a resubmission after a return is a new document with a new number.
    # Computed by services.compute_figures; see that module for the keys.
    figures = models.JSONField(_("số liệu"), default=dict, blank=True)
    figures_at = models.DateTimeField(_("thời điểm tính số liệu"), null=True, blank=True)
    # [{"key", "title", "text", "is_results"}], in the order of the outline.
    sections = models.JSONField(_("nội dung"), default=list, blank=True)
    # [{"name", "value", "unit", "source"}]: SIPAS and other indices with where the value comes from.
    indicators = models.JSONField(_("chỉ số"), default=list, blank=True)
    first_submitted_at = models.DateTimeField(_("gửi lần đầu"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    is_late = models.BooleanField(_("gửi muộn"), default=False)
    accepted_at = models.DateTimeField(_("thời điểm tiếp nhận"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tiếp nhận"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-period__end", "unit__name", "pk"]
        constraints = _unique_with_optional_plan(["unit", "period"], "reports_report_unit_period")

    def __str__(self) -> str:
        return f"Báo cáo {self.period} · {self.unit}"

    @property
    def is_editable(self) -> bool:
        """Draft and returned reports change; submitted and accepted ones are locked."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def recipient_name(self) -> str:
        return self.recipient.name if self.recipient_id and self.recipient else str(_("Bộ Nội vụ"))

    @property
    def subject(self) -> str:
        """The document's subject line (trích yếu), after "BÁO CÁO"."""
        label = (
            self.period.label
            if self.period.kind == ReportingPeriod.Kind.QUARTER
            else self.period.label.lower()
        )
        return f"Kết quả công tác tuyên truyền cải cách hành chính {label}"

    @property
    def title(self) -> str:
        return f"Báo cáo {self.subject[0].lower()}{self.subject[1:]}"

    def figure(self, key: str) -> Any:
        return self.figures.get(key)

    @property
    def was_received(self) -> bool:
        return self.first_submitted_at is not None

    def submitted_on_time(self) -> bool:
        return self.first_submitted_at is not None and not self.is_late

    @property
    def window(self) -> tuple[date, date]:
        return self.period.start, self.period.end


class ReviewEvent(models.Model):
    """One step of a report's history: submitted, returned with a comment, resubmitted, accepted, refreshed."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Tạo dự thảo")
        SUBMIT = "submit", _("Gửi báo cáo")
        RETURN = "return", _("Trả lại")
        RESUBMIT = "resubmit", _("Gửi lại")
        ACCEPT = "accept", _("Tiếp nhận")
        REFRESH = "refresh", _("Cập nhật số liệu")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="events", verbose_name=_("báo cáo")
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("thời điểm"))
    comment = models.TextField(_("ý kiến"), blank=True)
    is_late = models.BooleanField(_("muộn"), default=False)
    # The number of the document sent with a submission ("12/BC-UBND").
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("lịch sử báo cáo")
        verbose_name_plural = _("lịch sử báo cáo")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%d/%m/%Y %H:%M}"
