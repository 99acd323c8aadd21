"""The register of outgoing documents and the units' own Word templates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.orgs.models import Unit
from cchc.plans.models import Plan


class RegisterCounter(models.Model):
    """The last number given in one unit's register for one year and symbol ("KH-UBND").

    The issuing transaction locks this row while it takes the next number, so two clerks issuing at the
    same moment wait for each other; a transaction that fails rolls the counter back with it.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"))
    type_code = models.CharField(_("loại văn bản (viết tắt)"), max_length=8)
    issuer_code = models.CharField(_("ký hiệu cơ quan"), max_length=24)
    last_number = models.PositiveIntegerField(_("số cuối cùng"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản đi")
        verbose_name_plural = _("sổ đăng ký văn bản đi")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "type_code", "issuer_code"], name="documents_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year} · {self.type_code}-{self.issuer_code}: {self.last_number}"


class RegisteredDocumentQuerySet(models.QuerySet["RegisteredDocument"]):
    def with_related(self) -> RegisteredDocumentQuerySet:
        return self.select_related("unit", "created_by")


class RegisteredDocument(models.Model):
    """One outgoing document with the number the register gave it, and its file."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Kế hoạch")
        REPORT = "report", _("Báo cáo")
        OTHER = "other", _("Văn bản khác")

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="registered_documents",
        verbose_name=_("cơ quan ban hành"),
    )
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    type_code = models.CharField(_("loại văn bản (viết tắt)"), max_length=8)
    issuer_code = models.CharField(_("ký hiệu cơ quan"), max_length=24)
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registered_documents",
        verbose_name=_("kế hoạch"),
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.PLAN)
    title = models.TextField(_("trích yếu"))
    issued_on = models.DateField(_("ngày ban hành"))
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    file = models.FileField(_("tệp văn bản"), upload_to="van-ban/%Y/", blank=True)
    # Set when the unit's own template failed and the standard layout was used instead.
    template_note = models.CharField(_("ghi chú mẫu"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người vào sổ"),
    )
    created_at = models.DateTimeField(_("thời điểm vào sổ"), auto_now_add=True)

    objects = RegisteredDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        ordering = ["-year", "-issued_on", "-number", "-pk"]
        constraints = [
            # The last line of defence: the same number is never given twice in a register.
            models.UniqueConstraint(
                fields=["unit", "year", "type_code", "issuer_code", "number"],
                name="documents_registered_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_number} · {self.title[:80]}"

    @property
    def display_number(self) -> str:
        return format_number(self.number, self.symbol)

    @property
    def filename(self) -> str:
        """ "KH-05-UBND-2026.docx": a name a clerk recognises, without "/" (not allowed in file names)."""
        return f"{self.type_code}-{self.number:02d}-{self.issuer_code}-{self.year}.docx"


def format_number(number: int, symbol: str) -> str:
    """ "05/KH-UBND": numbers below 10 take a leading zero (Nghị định 30/2020, Phụ lục I)."""
    return f"{number:02d}/{symbol}"


class DocumentTemplate(models.Model):
    """A unit's own .docx template (docxtpl placeholders) for its plans or reports."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Kế hoạch")
        REPORT = "report", _("Báo cáo")

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="document_templates", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(_("tệp mẫu"), upload_to="mau-van-ban/%Y/")
    is_active = models.BooleanField(_("đang dùng"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["unit", "kind", "-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind"], condition=Q(is_active=True), name="documents_one_active_template"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_kind_display()} · {self.name}"


class SignedDocument(models.Model):
    """What an outgoing document carries once signed (Nghị định 30/2020): number and symbol, date, place,
    the signature block, and the register entry when cchc gave the number (``services.sign``)."""

    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    issue_date = models.DateField(_("ngày ký"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    authority = models.CharField(_("thẩm quyền ký"), max_length=8, blank=True)
    authority_body = models.CharField(_("tập thể (sau TM.)"), max_length=255, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    document = models.ForeignKey(
        RegisteredDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản trong sổ văn bản đi"),
    )

    SIGNATURE_FIELDS = (
        "number",
        "issue_date",
        "place",
        "authority",
        "authority_body",
        "signer_title",
        "signer_name",
        "document",
    )

    class Meta:
        abstract = True

    @property
    def is_signed(self) -> bool:
        return bool(self.signer_name)
