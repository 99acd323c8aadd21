"""The organisation tree: territorial units (before and after the 2025 reorganisation) and their agencies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet


class UnitQuerySet(TreeQuerySet):
    def current(self, on=None) -> UnitQuerySet:
        """Units in force on a date (today when not given)."""
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )


class Unit(TreeNode):
    """One node of public administration: a territorial unit or an agency of one."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh, thành phố trực thuộc Trung ương")
        DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh")
        COMMUNE = "commune", _("Xã, phường, thị trấn, đặc khu")
        AGENCY = "agency", _("Cơ quan, đơn vị")

    class AgencyType(models.TextChoices):
        """What kind of body an agency is; group phrases of plans expand by these."""

        NONE = "", _("(không phải cơ quan)")
        PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
        PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
        OFFICE = "office", _("Văn phòng")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        LOCAL_OFFICE = "local_office", _("Phòng, ban chuyên môn")
        PRESS = "press", _("Báo chí, phát thanh, truyền hình")
        FRONT = "front", _("Mặt trận Tổ quốc")
        MASS_ORGANISATION = "mass_organisation", _("Tổ chức chính trị - xã hội")
        PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp, trung tâm")
        OTHER = "other", _("Cơ quan khác")

    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, db_index=True)
    agency_type = models.CharField(
        _("loại cơ quan"), max_length=24, choices=AgencyType.choices, blank=True, default="", db_index=True
    )
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    # Lower-case, without diacritics, "đ" -> "d": diacritics-insensitive search on every database.
    search_name = models.CharField(max_length=255, db_index=True, editable=False)
    # Abbreviation used in document symbols ("UBND" in "82/KH-UBND", "SNV").
    symbol_code = models.CharField(_("ký hiệu"), max_length=24, blank=True)
    # Code of the unit in vietnamadminunits (province "01", district "001", ward "00001"),
    # or "<territory code>:<catalog key>" for an agency; unique with the validity start.
    source_code = models.CharField(_("mã nguồn"), max_length=64, db_index=True)
    catalog_key = models.CharField(_("khóa danh mục"), max_length=64, blank=True, db_index=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, related_name="predecessors", blank=True, verbose_name=_("đơn vị kế thừa")
    )

    objects = UnitQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["source_code", "valid_from"], name="orgs_unit_source_code_valid_from"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_historical(self) -> bool:
        return self.valid_to is not None


class Membership(models.Model):
    """A user's role in a unit; what the user may see is the subtree of its memberships' units."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Điều phối")
        OFFICER = "officer", _("Cán bộ đơn vị")
        LEADER = "leader", _("Lãnh đạo")
        ADMIN = "admin", _("Quản trị")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("thành viên đơn vị")
        verbose_name_plural = _("thành viên đơn vị")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="orgs_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"
