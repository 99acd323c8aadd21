"""The organisation tree: territorial units (before and after the 2025 reorganisation) and their agencies."""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.db import connections, models
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from cchc.core.vn import fold

# The 2025 reorganisation (NQ 202/2025/QH15): the district level ends, 34 provinces and 3,321 communes start.
LEGACY_END = date(2025, 6, 30)
REFORM_START = date(2025, 7, 1)

_NOT_WORD = re.compile(r"[\W_]+")


def subtree_condition(path: str, vendor: str) -> models.Q:
    """Units whose path starts with ``path``.

    PostgreSQL serves the prefix match from the path's pattern-ops index. SQLite does not use an index for
    Django's ``LIKE … ESCAPE``, so it also gets the equivalent range: "." is followed by "/" in binary
    collation, so "12." ≤ path < "12/" holds exactly for the paths under "12.".
    """
    condition = models.Q(path__startswith=path)
    if vendor == "sqlite":
        condition &= models.Q(path__gte=path, path__lt=path[:-1] + "/")
    return condition


def search_key(text: str) -> str:
    """Folded text with punctuation as spaces: "Phan Rang-Tháp Chàm" and "phan rang - thap cham" agree."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


class UnitQuerySet(TreeQuerySet):
    def current(self, on: date | None = None) -> UnitQuerySet:
        """Units in force on a date (today when not given)."""
        day = on or timezone.localdate()
        return self.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )

    def historical(self, on: date | None = None) -> UnitQuerySet:
        """Units that ended before a date (today when not given)."""
        return self.filter(valid_to__lt=on or timezone.localdate())

    def subtree(self, unit: Unit) -> UnitQuerySet:
        """The unit and every unit below it (an indexed prefix match on the materialized path)."""
        return self.filter(subtree_condition(unit.path, connections[self.db].vendor))

    def in_browsing_order(self) -> UnitQuerySet:
        """Provinces, then districts, communes and agencies (the kinds sort so, descending), each by folded name."""
        return self.order_by("-kind", "search_name", "pk")

    def search(self, text: str) -> UnitQuerySet:
        """Diacritics-insensitive search: every word of ``text`` must occur in the name ("d" matches "đ")."""
        units = self
        for word in search_key(text).split():
            units = units.filter(search_name__contains=word)
        return units


class Unit(TreeNode):
    """One node of public administration: a territorial unit or an agency of one.

    ``path`` lists the primary keys from the root down ("12.345.6789."), so a subtree is an indexed prefix
    match. Measured with the full load (89,156 units): django-tree-queries' recursive CTE walks the whole
    table for every subtree query, about 0.65 s on SQLite and 0.45 s on PostgreSQL 15, even for a unit
    without children; the prefix match takes 1–2 ms for Hà Nội's 3,996 units on both. The tree-queries API
    (ancestors, descendants) stays available for small trees.
    """

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
    # search_key(name): lower-case, no diacritics, "đ" -> "d", no punctuation; the same search on every database.
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
    # Materialized path of primary keys, kept by save() and by the loader (see the class docstring).
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    objects = UnitQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]
        indexes = [models.Index(fields=["-kind", "search_name", "id"], name="orgs_unit_browsing_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["source_code", "valid_from"], name="orgs_unit_source_code_valid_from"
            ),
            # NULL is never equal to NULL in a unique index: units without a start date need their own.
            models.UniqueConstraint(
                fields=["source_code"],
                condition=models.Q(valid_from__isnull=True),
                name="orgs_unit_source_code_no_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_historical(self) -> bool:
        return self.valid_to is not None and self.valid_to < timezone.localdate()

    @property
    def is_territorial(self) -> bool:
        return self.kind != self.Kind.AGENCY

    def is_valid_on(self, day: date) -> bool:
        starts_ok = self.valid_from is None or self.valid_from <= day
        return starts_ok and (self.valid_to is None or self.valid_to >= day)

    def save(self, *args, **kwargs) -> None:
        self.search_name = search_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)
        self._update_path()

    def _update_path(self) -> None:
        parent_path = ""
        if self.parent_id is not None:
            parent_path = Unit.objects.filter(pk=self.parent_id).values_list("path", flat=True).get()
        path = f"{parent_path}{self.pk}."
        if path == self.path:
            return
        old = self.path
        Unit.objects.filter(pk=self.pk).update(path=path)
        if old:
            Unit.objects.filter(path__startswith=old).exclude(pk=self.pk).update(
                path=Concat(models.Value(path), Substr("path", len(old) + 1), output_field=models.CharField())
            )
        self.path = path


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
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="orgs_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"
