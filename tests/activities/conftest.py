"""Activity fixtures: a province plan with one task led by dept_a, an activity of dept_a with a photo, and
uploads kept in a temporary folder."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.activities import services
from cchc.activities.models import Activity

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def activity(task, dept_a, officer_a) -> Activity:
    return services.log_activity(
        by=officer_a,
        task=task,
        unit=dept_a,
        date=date(2026, 3, 2),
        channel="press",
        title="Bài viết về cải cách thủ tục hành chính",
        quantity=1,
        measure=Activity.Measure.ARTICLES,
        files=[upload("anh.png", PNG, "image/png")],
    )
