from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cchc.plans.management.commands.load_sample_plans import SAMPLES_DIR
from cchc.plans.models import Assignment, Plan, PlanImport, Task

pytestmark = pytest.mark.django_db

SAMPLES = sorted(SAMPLES_DIR.glob("*.txt"))


def _run(*args: str) -> str:
    out = StringIO()
    call_command("load_sample_plans", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_sample_plans_load_once_with_their_tasks_and_issuers():
    assert len(SAMPLES) == 5

    first = _run()
    counts = (
        Plan.objects.count(),
        Task.objects.count(),
        Assignment.objects.count(),
        PlanImport.objects.count(),
    )
    second = _run()

    assert Plan.objects.count() == 5, first
    assert all(plan.tasks.exists() for plan in Plan.objects.all())
    issuers = set(Plan.objects.values_list("issuer__name", flat=True))
    assert "Ủy ban nhân dân thành phố Phan Rang - Tháp Chàm" in issuers
    assert any("Quảng Ngãi" in name for name in issuers)
    assert (
        Plan.objects.count(),
        Task.objects.count(),
        Assignment.objects.count(),
        PlanImport.objects.count(),
    ) == counts
    assert "5 đã có" in second


def test_sample_plans_show_in_the_plan_list(client_admin):
    _run()

    page = client_admin.get(reverse("plans:plan_list")).content.decode()

    for plan in Plan.objects.all():
        assert plan.title in page


def test_forced_issuer_is_used_for_every_sample(tmp_path: Path, province_committee):
    (tmp_path / SAMPLES[2].name).write_bytes(SAMPLES[2].read_bytes())

    _run("--dir", str(tmp_path), "--issuer", str(province_committee.pk))

    assert list(Plan.objects.values_list("issuer", flat=True)) == [province_committee.pk]


def test_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(CommandError, match="Không tìm thấy thư mục"):
        _run("--dir", str(tmp_path / "khong-co"))


def test_upload_of_a_sample_opens_the_review_screen(client_coordinator):
    sample = SAMPLES[2]
    upload = SimpleUploadedFile(sample.name, sample.read_bytes(), content_type="text/plain")

    response = client_coordinator.post(reverse("plans:plan_import"), {"file": upload})

    plan_import = PlanImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("plans:import_review", args=[plan_import.pk])
    review = client_coordinator.get(response.url)
    assert review.status_code == 200
    assert 'id="L1"' in review.content.decode()
    assert plan_import.draft["tasks"]
