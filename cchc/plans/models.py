"""Plans and their tasks, stored from the importer's PlanDraft."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from cchc.orgs.models import Unit
from cchc.schedule import Schedule, build_schedule

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class SourceSpanMixin(models.Model):
    """Lines of the imported source text a value came from (1-based, inclusive)."""

    source_start = models.PositiveIntegerField(_("từ dòng"), null=True, blank=True)
    source_end = models.PositiveIntegerField(_("đến dòng"), null=True, blank=True)

    class Meta:
        abstract = True


class PlanImport(models.Model):
    """An uploaded plan document waiting for review, with the importer's draft and the reviewer's choices."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xác nhận")
        CONFIRMED = "confirmed", _("Đã lưu")
        DISCARDED = "discarded", _("Đã hủy")

    file = models.FileField(_("tệp gốc"), upload_to="imports/%Y/%m/")
    filename = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    # sha256 of the bytes: the sample loader recognises a document it has already imported.
    content_hash = models.CharField(_("mã băm"), max_length=64, db_index=True)
    draft = models.JSONField(_("bản trích xuất"))
    issuer = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan ban hành"),
    )
    # {"<task>.<role>.<agency>": {"choice": "unit:<pk>" | "group" | "text", "suggested": [pk, ...]}}
    unit_matches = models.JSONField(_("đối chiếu đơn vị"), default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    # Empty for the sample loader's imports.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_imports",
        verbose_name=_("người nhập"),
    )
    created_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("thời điểm lưu"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập kế hoạch")
        verbose_name_plural = _("lượt nhập kế hoạch")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> PlanQuerySet:
        from cchc.plans.access import plan_visibility

        return self.filter(plan_visibility(user))

    def with_task_counts(self) -> PlanQuerySet:
        return self.select_related("issuer").annotate(
            task_count=Count("tasks", distinct=True),
            unresolved_count=Count(
                "tasks__assignments", filter=Q(tasks__assignments__is_resolved=False), distinct=True
            ),
        )

    def search(self, folded_text: str) -> PlanQuerySet:
        query = self
        for word in folded_text.split():
            query = query.filter(search_text__contains=word)
        return query


class Plan(models.Model):
    """A plan issued by a unit; its text tree and the importer's findings travel with it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")
        CLOSED = "closed", _("Đã kết thúc")

    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="issued_plans", verbose_name=_("cơ quan ban hành")
    )
    issuer_text = models.CharField(_("cơ quan ban hành (nguyên văn)"), max_length=255, blank=True)
    superior_text = models.CharField(_("cơ quan cấp trên (nguyên văn)"), max_length=255, blank=True)
    doc_type = models.CharField(_("loại văn bản"), max_length=64, default="Kế hoạch")
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=64, blank=True)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issue_date_text = models.CharField(_("ngày ban hành (nguyên văn)"), max_length=120, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"), db_index=True)
    title = models.TextField(_("trích yếu"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("kế hoạch cấp trên"),
    )
    # An amendment ("Kế hoạch điều chỉnh, bổ sung") points to the issued plan it changes; that plan stays as issued.
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("điều chỉnh, bổ sung kế hoạch"),
    )
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    authority = models.CharField(_("thẩm quyền ký"), max_length=8, blank=True)
    authority_body = models.CharField(_("tập thể lãnh đạo"), max_length=255, blank=True)
    themes = models.JSONField(_("nội dung tuyên truyền"), default=list, blank=True)
    channels = models.JSONField(_("hình thức tuyên truyền"), default=list, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    # The heading tree as the importer's Section dicts: shown as is, and enough to regenerate the text.
    sections = models.JSONField(_("bố cục"), default=list, blank=True)
    report_outline = models.JSONField(_("đề cương báo cáo"), default=list, blank=True)
    source_file = models.FileField(_("tệp gốc"), upload_to="plans/%Y/", blank=True)
    source_import = models.OneToOneField(
        PlanImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan",
        verbose_name=_("lượt nhập"),
    )
    # Folded (lower case, no diacritics) number, title and issuer: search that ignores accents on any database.
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-issue_date", "-pk"]
        indexes = [models.Index(fields=["issuer", "year"], name="plans_plan_issuer_year")]

    def __str__(self) -> str:
        number = self.number or _("(chưa số)")
        return f"{number} · {self.title[:80]}"

    @property
    def display_number(self) -> str:
        if self.number:
            return self.number
        return f"…/{self.symbol}" if self.symbol else str(_("Chưa có số"))


class TaskQuerySet(models.QuerySet["Task"]):
    def assigned_to(self, units: models.QuerySet[Unit]) -> TaskQuerySet:
        """Tasks that one of ``units`` leads or coordinates."""
        return self.filter(pk__in=Assignment.objects.filter(unit__in=units).values("task_id"))

    def with_assignments(self) -> TaskQuerySet:
        return self.prefetch_related(
            models.Prefetch("assignments", queryset=Assignment.objects.select_related("unit"))
        )

    def with_due_state(self, today: date, soon: date) -> TaskQuerySet:
        """due_state: "past" (end date gone), "soon" (ends by ``soon``) or ""."""
        return self.annotate(
            due_state=models.Case(
                models.When(end_date__lt=today, then=models.Value("past")),
                models.When(end_date__lte=soon, then=models.Value("soon")),
                default=models.Value(""),
                output_field=models.CharField(),
            )
        )


class Task(SourceSpanMixin, models.Model):
    """One task of a plan, with its timeframe and its quantity target as printed and as parsed."""

    class TimeframeKind(models.TextChoices):
        RANGE = "range", _("Trong khoảng thời gian")
        CONTINUOUS = "continuous", _("Thường xuyên")
        PERIODIC = "periodic", _("Định kỳ")
        UNKNOWN = "unknown", _("Chưa xác định")

    class RecurrenceKind(models.TextChoices):
        NONE = "", _("(không nêu)")
        ONCE = "once", _("Một lần")
        DAILY = "daily", _("Hằng ngày")
        WEEKLY = "weekly", _("Hằng tuần")
        MONTHLY = "monthly", _("Hằng tháng")
        QUARTERLY = "quarterly", _("Hằng quý")
        HALF_YEARLY = "half_yearly", _("6 tháng một lần")
        YEARLY = "yearly", _("Hằng năm")
        COUNT = "count", _("Tổng số lượng")
        CONTINUOUS = "continuous", _("Thường xuyên")
        PERIODIC = "periodic", _("Định kỳ (chưa rõ tần suất)")
        UNKNOWN = "unknown", _("Chưa xác định")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("kế hoạch"))
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    ordinal = models.CharField(_("số thứ tự (nguyên văn)"), max_length=16, blank=True)
    group_title = models.CharField(_("nhóm nhiệm vụ"), max_length=500, blank=True)
    title = models.TextField(_("nhiệm vụ"))
    details = models.TextField(_("nội dung chi tiết"), blank=True)
    timeframe_text = models.CharField(_("thời gian (nguyên văn)"), max_length=255, blank=True)
    timeframe_kind = models.CharField(
        _("loại thời gian"), max_length=16, choices=TimeframeKind.choices, default=TimeframeKind.UNKNOWN
    )
    start_date = models.DateField(_("bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True, db_index=True)
    recurrence_text = models.CharField(_("tần suất (nguyên văn)"), max_length=255, blank=True)
    recurrence_kind = models.CharField(
        _("tần suất"), max_length=16, choices=RecurrenceKind.choices, default=RecurrenceKind.NONE, blank=True
    )
    per_period = models.PositiveIntegerField(_("số lượng mỗi kỳ"), null=True, blank=True)
    target_total = models.PositiveIntegerField(_("chỉ tiêu số lượng"), null=True, blank=True)
    item_unit = models.CharField(_("đơn vị tính"), max_length=64, blank=True)
    duration_min_minutes = models.PositiveIntegerField(
        _("thời lượng tối thiểu (phút)"), null=True, blank=True
    )
    duration_max_minutes = models.PositiveIntegerField(_("thời lượng tối đa (phút)"), null=True, blank=True)
    duration_text = models.CharField(_("thời lượng (nguyên văn)"), max_length=120, blank=True)
    each_unit = models.BooleanField(_("áp dụng cho mỗi đơn vị"), default=False)
    product = models.TextField(_("sản phẩm"), blank=True)
    budget = models.CharField(_("kinh phí"), max_length=255, blank=True)
    themes = models.JSONField(_("nội dung tuyên truyền"), default=list, blank=True)
    channels = models.JSONField(_("hình thức tuyên truyền"), default=list, blank=True)
    parent_task = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derived_tasks",
        verbose_name=_("nhiệm vụ gốc"),
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        prefix = f"{self.ordinal}. " if self.ordinal else ""
        return f"{prefix}{self.title[:100]}"

    def schedule(self, expected_quantity: int | None = None) -> Schedule:
        """The schedule engine's due items for this task (``expected_quantity``: one unit's own target).

        Inconsistent stored values (a start after the end) give a schedule over the plan year with nothing
        countable, so one bad task never breaks a dashboard or a reminder run.
        """
        total = expected_quantity if expected_quantity is not None else self.target_total
        try:
            return build_schedule(
                self.timeframe_kind,
                self.start_date,
                self.end_date,
                self.recurrence_kind,
                self.per_period,
                total,
                plan_year=self.plan.year,
                each_unit=self.each_unit,
            )
        except ValueError:
            return build_schedule(None, None, None, None, None, None, plan_year=self.plan.year)

    def assignments_for(self, role: str) -> list[Assignment]:
        """The task's assignments of one role, from the prefetched list when there is one."""
        return [a for a in self.assignments.all() if a.role == role]

    @property
    def lead_assignments(self) -> list[Assignment]:
        return self.assignments_for(Assignment.Role.LEAD)

    @property
    def coordinating_assignments(self) -> list[Assignment]:
        return self.assignments_for(Assignment.Role.COORDINATING)

    @property
    def lead_chips(self) -> list[dict[str, Any]]:
        return assignment_chips(self.lead_assignments)

    @property
    def coordinating_chips(self) -> list[dict[str, Any]]:
        return assignment_chips(self.coordinating_assignments)

    @property
    def has_unresolved(self) -> bool:
        return any(not a.is_resolved for a in self.assignments.all())

    @property
    def frequency_display(self) -> str:
        """The quantity target in words: "12 số (1/kỳ)", or the frequency as printed."""
        parts: list[str] = []
        if self.recurrence_kind and self.recurrence_kind not in ("unknown", "count"):
            parts.append(str(self.get_recurrence_kind_display()))
        if self.per_period and self.recurrence_kind not in ("count", ""):
            parts.append(f"{self.per_period} {self.item_unit}/kỳ".replace(" /", "/"))
        if self.target_total:
            parts.append(_("tổng %(n)s %(unit)s") % {"n": self.target_total, "unit": self.item_unit})
        if self.duration_min_minutes:
            if self.duration_max_minutes and self.duration_max_minutes != self.duration_min_minutes:
                parts.append(f"{self.duration_min_minutes}–{self.duration_max_minutes} phút")
            else:
                parts.append(f"{self.duration_min_minutes} phút")
        elif self.duration_text:
            parts.append(self.duration_text)
        if self.each_unit:
            parts.append(str(_("mỗi đơn vị")))
        return ", ".join(p.strip() for p in parts if p.strip())


def assignment_chips(assignments: list[Assignment]) -> list[dict[str, Any]]:
    """Assignments as shown: a group phrase once (with how many units it covers), other agencies one by one."""
    chips: list[dict[str, Any]] = []
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for assignment in assignments:
        if assignment.group_key and assignment.is_resolved:
            key = (assignment.group_key, assignment.text)
            chip = groups.get(key)
            if chip is None:
                chip = {"label": assignment.text, "is_group": True, "is_resolved": True, "units": []}
                groups[key] = chip
                chips.append(chip)
            chip["units"].append(assignment.unit)
            continue
        label = assignment.unit.name if assignment.unit_id and assignment.unit else assignment.text
        chips.append(
            {
                "label": label,
                "is_group": bool(assignment.group_key),
                "is_resolved": assignment.is_resolved,
                "printed": assignment.text,
                "units": [],
            }
        )
    return chips


# Plan fields that hold the document itself (JSON, search text): deferred where only a plan's number,
# year and issuer are shown next to many tasks.
PLAN_DOCUMENT_FIELDS = ("sections", "report_outline", "recipients", "themes", "channels", "search_text")


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def leads(self) -> AssignmentQuerySet:
        """Lead assignments matched to a unit: the rows progress and reminders are counted for."""
        return self.filter(role=Assignment.Role.LEAD, is_resolved=True, unit__isnull=False)


class Assignment(models.Model):
    """A unit (or, unresolved, a name as printed) leading or coordinating a task."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COORDINATING = "coordinating", _("Phối hợp")

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("nhiệm vụ")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("đơn vị"),
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    text = models.CharField(_("tên (nguyên văn)"), max_length=500, blank=True)
    group_key = models.CharField(_("nhóm"), max_length=32, blank=True)
    is_resolved = models.BooleanField(_("đã xác định đơn vị"), default=True)
    expected_quantity = models.PositiveIntegerField(_("số lượng dự kiến"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["task", "role", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_resolved=False) | Q(unit__isnull=False),
                name="plans_assignment_resolved_has_unit",
            ),
        ]

    def __str__(self) -> str:
        who = self.unit.name if self.unit_id and self.unit else self.text
        return f"{self.get_role_display()}: {who}"


class LegalReference(SourceSpanMixin, models.Model):
    """A document the plan cites as its basis."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="legal_references", verbose_name=_("kế hoạch")
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    doc_type = models.CharField(_("loại văn bản"), max_length=64)
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    title = models.TextField(_("trích yếu"), blank=True)
    text = models.TextField(_("trích dẫn nguyên văn"))

    class Meta:
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.number}".strip()


class ReportingObligation(SourceSpanMixin, models.Model):
    """A periodic report the plan requires, with its deadline rule."""

    class Period(models.TextChoices):
        QUARTER = "quarter", _("Quý")
        HALF_YEAR = "half_year", _("6 tháng")
        NINE_MONTHS = "nine_months", _("9 tháng")
        YEAR = "year", _("Năm")
        AD_HOC = "ad_hoc", _("Đột xuất")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="reporting_obligations", verbose_name=_("kế hoạch")
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    period = models.CharField(_("kỳ báo cáo"), max_length=16, choices=Period.choices)
    deadline_text = models.CharField(_("thời hạn (nguyên văn)"), max_length=255, blank=True)
    deadline_day = models.PositiveSmallIntegerField(_("ngày"), null=True, blank=True)
    deadline_month = models.PositiveSmallIntegerField(_("tháng"), null=True, blank=True)
    deadline_year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    # "last_month_of_period": "trước ngày 08 tháng cuối của quý".
    deadline_relative = models.CharField(_("thời hạn tương đối"), max_length=32, blank=True)
    reporters = models.JSONField(_("đơn vị báo cáo"), default=list, blank=True)
    recipient = models.CharField(_("nơi nhận báo cáo"), max_length=255, blank=True)
    via = models.CharField(_("gửi qua"), max_length=255, blank=True)
    text = models.TextField(_("nguyên văn"), blank=True)

    class Meta:
        verbose_name = _("nghĩa vụ báo cáo")
        verbose_name_plural = _("nghĩa vụ báo cáo")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_period_display()} · {self.deadline_text}"

    @property
    def deadline_display(self) -> str:
        if self.deadline_relative == "last_month_of_period" and self.deadline_day:
            return str(_("ngày %(d)02d tháng cuối của kỳ") % {"d": self.deadline_day})
        if self.deadline_day and self.deadline_month:
            year = f"/{self.deadline_year}" if self.deadline_year else ""
            return f"{self.deadline_day:02d}/{self.deadline_month:02d}{year}"
        return self.deadline_text


class SubPlanObligation(SourceSpanMixin, models.Model):
    """Units the plan requires to issue their own plan, and by when."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="subplan_obligations", verbose_name=_("kế hoạch")
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    units = models.JSONField(_("đơn vị phải xây dựng kế hoạch"), default=list, blank=True)
    deadline_text = models.CharField(_("thời hạn (nguyên văn)"), max_length=255, blank=True)
    due_date = models.DateField(_("hạn"), null=True, blank=True)
    recipient = models.CharField(_("nơi nhận"), max_length=255, blank=True)
    via = models.CharField(_("gửi qua"), max_length=255, blank=True)
    text = models.TextField(_("nguyên văn"), blank=True)

    class Meta:
        verbose_name = _("yêu cầu xây dựng kế hoạch")
        verbose_name_plural = _("yêu cầu xây dựng kế hoạch")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.deadline_text or self.text[:80]


class IndicatorTarget(SourceSpanMixin, models.Model):
    """A target on a published index the plan aims at: "SIPAS từ 95% trở lên"."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="indicator_targets", verbose_name=_("kế hoạch")
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    index = models.CharField(_("chỉ số"), max_length=32)
    text = models.TextField(_("nguyên văn"))
    comparator = models.CharField(_("so sánh"), max_length=8, blank=True)
    value = models.DecimalField(_("giá trị"), max_digits=10, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("đơn vị"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu chỉ số")
        verbose_name_plural = _("chỉ tiêu chỉ số")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.index} {self.comparator} {self.value or ''}{self.unit}".strip()
