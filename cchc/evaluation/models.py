"""Scoring rules (data, versioned by year and level) and the score sheets computed with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.documents.models import SignedDocument
from cchc.orgs.models import Unit


class Level(models.TextChoices):
    """The level a rule applies to, from the unit's kind and agency type (see ``level_of``)."""

    PROVINCE = "province", _("Cấp tỉnh (UBND tỉnh)")
    DEPARTMENT = "department", _("Sở, ban, ngành cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện (đến 30/6/2025)")
    LOCAL_OFFICE = "local_office", _("Phòng, ban chuyên môn")
    COMMUNE = "commune", _("Cấp xã")
    OTHER = "other", _("Cơ quan, đơn vị khác")


# A territory's own bodies (UBND, HĐND, Văn phòng) are scored at the territory's level.
_TERRITORY_BODIES = (
    Unit.AgencyType.PEOPLES_COMMITTEE,
    Unit.AgencyType.PEOPLES_COUNCIL,
    Unit.AgencyType.OFFICE,
)
_AGENCY_LEVELS = {
    Unit.AgencyType.DEPARTMENT: Level.DEPARTMENT,
    Unit.AgencyType.LOCAL_OFFICE: Level.LOCAL_OFFICE,
}


def level_of(unit: Unit) -> str:
    """The rule level of ``unit``: a territory by its kind, its UBND like the territory, a department or
    an office by its type, anything else "other"."""
    if unit.kind != Unit.Kind.AGENCY:
        return unit.kind
    if (
        unit.agency_type in _TERRITORY_BODIES
        and unit.parent is not None
        and unit.parent.kind != Unit.Kind.AGENCY
    ):
        return unit.parent.kind
    return _AGENCY_LEVELS.get(unit.agency_type, Level.OTHER)


class ScoreRule(models.Model):
    """A scoring rule for one year and level: a criterion tree as JSON (see ``evaluation.scoring``)."""

    year = models.PositiveSmallIntegerField(_("năm đánh giá"), db_index=True)
    level = models.CharField(_("cấp áp dụng"), max_length=16, choices=Level.choices)
    name = models.CharField(_("tên quy tắc"), max_length=200)
    description = models.TextField(_("nguồn, ghi chú"), blank=True)
    definition = models.JSONField(_("nội dung quy tắc (JSON)"))
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
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

    class Meta:
        verbose_name = _("quy tắc chấm điểm")
        verbose_name_plural = _("quy tắc chấm điểm")
        ordering = ["-year", "level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "level", "name"],
                name="evaluation_rule_year_level_name",
                violation_error_message=_("Đã có quy tắc cùng tên cho năm và cấp này."),
            ),
            # Scoring picks "the" rule of a year and level: two active ones would be a guess.
            models.UniqueConstraint(
                fields=["year", "level"],
                condition=models.Q(is_active=True),
                name="evaluation_rule_one_active",
                violation_error_message=_(
                    "Năm và cấp này đã có một quy tắc đang áp dụng; hãy bỏ chọn “đang áp dụng” ở quy tắc cũ trước."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.get_level_display()} · {self.year}"


class ScoreSheet(SignedDocument):
    """A computed self-assessment of a unit for a year, kept for history: the lines as they were.

    The unit sends one sheet of the year for appraisal (``sent_at``): from then on it never changes
    (recomputing makes a new sheet). Its superior appraises it once (``appraised_at``): the appraised
    points of every line and the reasons (``appraisal``), and the total they add up to, beside the
    self-assessment's own.
    """

    class Status(models.TextChoices):
        NOT_SENT = "not_sent", _("Chưa gửi")
        PENDING = "pending", _("Chờ thẩm định")
        APPRAISED = "appraised", _("Đã thẩm định")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="score_sheets", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    rule = models.ForeignKey(
        ScoreRule, on_delete=models.PROTECT, related_name="score_sheets", verbose_name=_("quy tắc")
    )
    total = models.DecimalField(_("tổng điểm"), max_digits=7, decimal_places=2)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2)
    # ScoreLine.to_dict() per line, top-down; metrics: {name: MetricValue.to_dict()}.
    lines = models.JSONField(_("các dòng chấm điểm"), default=list)
    metrics = models.JSONField(_("số liệu đo được"), default=dict)
    evaluated_on = models.DateField(_("số liệu tính đến ngày"))
    computed_at = models.DateTimeField(_("thời điểm tính"), auto_now_add=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tính"),
    )
    sent_at = models.DateTimeField(_("thời điểm gửi thẩm định"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi thẩm định"),
    )
    appraised_at = models.DateTimeField(_("thời điểm thẩm định"), null=True, blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thẩm định"),
    )
    appraised_total = models.DecimalField(
        _("tổng điểm thẩm định"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # {line code: {"points": "0.90", "reason": "…"}} for every line, groups included.
    appraisal = models.JSONField(_("điểm thẩm định từng dòng"), default=dict, blank=True)

    class Meta:
        verbose_name = _("bảng điểm")
        verbose_name_plural = _("bảng điểm")
        ordering = ["-computed_at", "-pk"]
        indexes = [models.Index(fields=["unit", "year", "-computed_at"], name="evaluation_sheet_unit_year")]
        constraints = [
            # The sheet the superior appraises: one per unit and year.
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=models.Q(sent_at__isnull=False),
                name="evaluation_sheet_one_sent",
                violation_error_message=_("Đơn vị đã gửi một bảng điểm năm này để thẩm định."),
            ),
            models.CheckConstraint(
                condition=models.Q(appraised_at__isnull=True) | models.Q(sent_at__isnull=False),
                name="evaluation_sheet_appraised_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year} · {self.total}"

    @property
    def status(self) -> str:
        if self.appraised_at is not None:
            return self.Status.APPRAISED
        if self.sent_at is not None:
            return self.Status.PENDING
        return self.Status.NOT_SENT

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)
