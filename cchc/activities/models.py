"""What units did to carry out their tasks, with evidence files and the history of edits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.importer.vocab import CHANNELS
from cchc.orgs.models import Unit
from cchc.plans.models import Task

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

CHANNEL_CHOICES = list(CHANNELS.items())


class ActivityQuerySet(models.QuerySet["Activity"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> ActivityQuerySet:
        from cchc.orgs.access import units_visible_to

        if not user.is_authenticated:
            return self.none()
        return self.filter(unit__in=units_visible_to(user))

    def with_related(self) -> ActivityQuerySet:
        return self.select_related("task", "task__plan", "unit", "created_by").annotate(
            evidence_count=models.Count("evidence")
        )


class Activity(models.Model):
    """One thing a unit did for a task: an article, a broadcast, a conference…"""

    class Measure(models.TextChoices):
        ARTICLES = "articles", _("tin, bài")
        BROADCASTS = "broadcasts", _("buổi phát sóng")
        MINUTES = "minutes", _("phút")
        CONFERENCES = "conferences", _("hội nghị")
        PARTICIPANTS = "participants", _("lượt người")
        COPIES = "copies", _("bản")
        BANNERS = "banners", _("băng rôn, pano")
        POSTS = "posts", _("bài đăng")
        OTHER = "other", _("khác")

    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="activities", verbose_name=_("nhiệm vụ")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="activities", verbose_name=_("đơn vị thực hiện")
    )
    date = models.DateField(_("ngày thực hiện"), db_index=True)
    channel = models.CharField(_("hình thức"), max_length=32, choices=CHANNEL_CHOICES)
    title = models.CharField(_("tiêu đề"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    quantity = models.PositiveIntegerField(_("số lượng"), default=1)
    measure = models.CharField(_("đơn vị tính"), max_length=16, choices=Measure.choices)
    reach = models.PositiveIntegerField(_("lượt tiếp cận"), null=True, blank=True)
    link = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    created_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["unit", "date"], name="activities_unit_date")]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.title[:80]}"


class Evidence(models.Model):
    """A file proving an activity: a photo, a PDF, a Word document, a screenshot."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("hoạt động")
    )
    file = models.FileField(_("tệp"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("loại nội dung"), max_length=128)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
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
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["activity", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ActivityRevision(models.Model):
    """One edit of an activity: who changed which fields from what to what."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("hoạt động")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người sửa"),
    )
    changed_at = models.DateTimeField(_("thời điểm sửa"), auto_now_add=True)
    # {field name: [old, new]}, values as shown to users (dates ISO, a task or unit by its name).
    changes = models.JSONField(_("thay đổi"), default=dict)

    class Meta:
        verbose_name = _("lịch sử sửa hoạt động")
        verbose_name_plural = _("lịch sử sửa hoạt động")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.activity_id} · {self.changed_at:%d/%m/%Y %H:%M}"

    def lines(self) -> list[dict[str, Any]]:
        """The changes as (label, old, new) rows, choice codes shown by their labels."""
        rows = []
        for name, (old, new) in self.changes.items():
            field = Activity._meta.get_field(name)
            choices = dict(field.choices or [])
            rows.append(
                {
                    "label": field.verbose_name,
                    "old": choices.get(old, old),
                    "new": choices.get(new, new),
                }
            )
        return rows
