from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cchc.orgs.models import Unit
from cchc.plans import services
from cchc.plans.models import Assignment, Plan, PlanImport, Task
from tests.plans.factories import make_import, make_plan, make_task

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_plan_list_search_ignores_diacritics(client_coordinator, province_committee):
    wanted = make_plan(province_committee, title="Tuyên truyền chuyển đổi số")
    other = make_plan(province_committee, title="Kế hoạch kiểm tra công vụ")

    page = client_coordinator.get(reverse("plans:plan_list"), {"q": "chuyen doi SO"}).content.decode()

    assert wanted.title in page
    assert other.title not in page


def test_plan_list_filters_by_year_issuer_and_status(client_coordinator, province_committee, dept_a):
    old = make_plan(province_committee, year=2024, title="Kế hoạch năm cũ")
    draft = make_plan(dept_a, status=Plan.Status.DRAFT, title="Dự thảo của Sở")
    issued = make_plan(province_committee, title="Kế hoạch đã ban hành")
    url = reverse("plans:plan_list")

    by_year = client_coordinator.get(url, {"year": 2024}).content.decode()
    by_issuer = client_coordinator.get(url, {"issuer": dept_a.pk}).content.decode()
    by_status = client_coordinator.get(url, {"status": "issued"}).content.decode()

    assert old.title in by_year and issued.title not in by_year
    assert draft.title in by_issuer and issued.title not in by_issuer
    assert issued.title in by_status and draft.title not in by_status


def test_plan_list_htmx_request_gets_only_the_table(client_coordinator, province_plan):
    response = client_coordinator.get(reverse("plans:plan_list"), HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert province_plan.title in body
    assert "<html" not in body


def test_plan_list_paginates(client_coordinator, province_committee):
    for _ in range(25):
        make_plan(province_committee)

    first = client_coordinator.get(reverse("plans:plan_list"))
    second = client_coordinator.get(reverse("plans:plan_list"), {"page": 2})

    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5


def test_plan_detail_shows_tasks_units_and_obligations(client_coordinator, coordinator, province_committee):
    plan_import = make_import(coordinator, issuer=province_committee)
    choices = {key: match["choice"] for key, match in plan_import.unit_matches.items()}
    plan = services.create_plan_from_import(
        plan_import, issuer=province_committee, agency_choices=choices, by=coordinator
    )

    page = client_coordinator.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()

    assert "12/KH-UBND" in page
    assert "Đăng tin, bài về cải cách hành chính" in page
    assert "Sở Nội vụ tỉnh Khánh Hòa" in page
    assert "Các sở, ban, ngành" in page
    assert "Ban Chỉ đạo Hư cấu" in page and "is-unresolved" in page
    assert "76/NQ-CP" in page
    assert "05/06" in page and "30/11" in page
    assert "SIPAS" in page
    assert "Bộ Nội vụ" in page
    assert "MỤC ĐÍCH, YÊU CẦU" in page
    assert reverse("plans:plan_file", args=[plan.pk]) in page
    assert reverse("plans:task_edit", args=[plan.tasks.first().pk]) in page


def test_plan_detail_hides_edit_links_from_readers(client_officer_a, province_plan):
    page = client_officer_a.get(reverse("plans:plan_detail", args=[province_plan.pk])).content.decode()

    assert reverse("plans:task_edit", args=[province_plan.tasks.get().pk]) not in page


def test_original_file_downloads(client_officer_a, province_plan):
    response = client_officer_a.get(reverse("plans:plan_file", args=[province_plan.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "KẾ HOẠCH\nTuyên truyền"
    assert "attachment" in response["Content-Disposition"]


def test_home_lists_my_units_tasks_and_what_is_due_soon(client_officer_a, province_committee, dept_a, dept_b):
    today = timezone.localdate()
    plan = make_plan(province_committee, year=today.year)
    soon = make_task(
        plan, units=[dept_a], position=0, title="Việc sắp đến hạn", end_date=today + timedelta(days=10)
    )
    later = make_task(
        plan, units=[dept_a], position=1, title="Việc cuối năm", end_date=today + timedelta(days=90)
    )
    make_task(plan, units=[dept_b], position=2, title="Việc của sở khác")

    response = client_officer_a.get(reverse("home"))

    page = response.content.decode()
    assert soon.title in page and later.title in page
    assert "Việc của sở khác" not in page
    assert response.context["task_count"] == 2
    assert response.context["due_soon_count"] == 1
    assert response.context["plan_count"] == 1
    assert "row-due-soon" in page
    assert response.context["unresolved_count"] is None


def test_home_counts_unresolved_agencies_for_coordinators(client_coordinator, province_committee, dept_a):
    plan = make_plan(province_committee, year=timezone.localdate().year, tasks=2, units=[dept_a])

    response = client_coordinator.get(reverse("home"))

    assert (
        response.context["unresolved_count"]
        == Assignment.objects.filter(task__plan=plan, is_resolved=False).count()
        == 2
    )


def test_home_falls_back_to_the_latest_year_with_plans(client_officer_a, province_committee, dept_a):
    make_plan(province_committee, year=2020, tasks=1, units=[dept_a])

    response = client_officer_a.get(reverse("home"))

    assert response.context["year"] == 2020
    assert response.context["task_count"] == 1


def _task_post(task: Task, **changes) -> dict:
    data = {
        "title": task.title,
        "details": task.details,
        "timeframe_text": task.timeframe_text,
        "timeframe_kind": task.timeframe_kind,
        "start_date": "",
        "end_date": "",
        "recurrence_text": task.recurrence_text,
        "recurrence_kind": task.recurrence_kind,
        "per_period": task.per_period or "",
        "target_total": task.target_total or "",
        "item_unit": task.item_unit,
        "duration_min_minutes": "",
        "duration_max_minutes": "",
        "duration_text": "",
        "product": task.product,
        "budget": task.budget,
        "lead_units": [a.unit_id for a in task.assignments.filter(role="lead", unit__isnull=False)],
        "coordinating_units": [],
    }
    data.update(changes)
    return data


def test_task_edit_saves_and_returns_to_the_plan(client_coordinator, province_plan, dept_b):
    task = province_plan.tasks.get()
    url = reverse("plans:task_edit", args=[task.pk])

    response = client_coordinator.post(
        url, _task_post(task, title="Phát hành tờ rơi", target_total=5, coordinating_units=[dept_b.pk])
    )

    assert response.status_code == 302
    assert response.url.endswith(f"#task-{task.pk}")
    task.refresh_from_db()
    assert (task.title, task.target_total) == ("Phát hành tờ rơi", 5)
    assert task.assignments.filter(role="coordinating", unit=dept_b).exists()


def test_task_edit_parses_a_new_timeframe_text(client_coordinator, province_plan):
    task = province_plan.tasks.get()

    client_coordinator.post(
        reverse("plans:task_edit", args=[task.pk]), _task_post(task, timeframe_text="Quý III/2026")
    )

    task.refresh_from_db()
    assert (task.timeframe_kind, str(task.start_date), str(task.end_date)) == (
        "range",
        "2026-07-01",
        "2026-09-30",
    )


def test_task_edit_rejects_dates_in_the_wrong_order(client_coordinator, province_plan):
    task = province_plan.tasks.get()

    response = client_coordinator.post(
        reverse("plans:task_edit", args=[task.pk]),
        _task_post(task, title="Đổi tên", start_date="2026-09-01", end_date="2026-03-01"),
        **HTMX,
    )

    assert response.status_code == 422
    assert "Hạn hoàn thành phải sau ngày bắt đầu." in response.content.decode()
    assert "<html" not in response.content.decode()
    task.refresh_from_db()
    assert task.title != "Đổi tên"


def test_task_edit_refuses_a_forged_unit_from_another_province(client_coordinator, province_plan):
    task = province_plan.tasks.get()
    foreign = Unit.objects.get(source_code="12:so-noi-vu", valid_from=None)

    response = client_coordinator.post(
        reverse("plans:task_edit", args=[task.pk]), _task_post(task, lead_units=[foreign.pk], title="Đổi")
    )

    assert response.status_code == 422
    assert "không thuộc hệ thống của cơ quan ban hành" in response.content.decode()
    assert not task.assignments.filter(unit=foreign).exists()
    task.refresh_from_db()
    assert task.title != "Đổi"


def test_task_edit_resolves_an_unresolved_name(client_coordinator, province_plan, dept_b):
    task = province_plan.tasks.get()
    unresolved = task.assignments.get(is_resolved=False)

    response = client_coordinator.post(
        reverse("plans:task_edit", args=[task.pk]),
        _task_post(task, **{f"resolve-{unresolved.pk}": dept_b.pk}),
    )

    assert response.status_code == 302
    unresolved.refresh_from_db()
    assert (unresolved.unit, unresolved.is_resolved) == (dept_b, True)


def test_task_edit_by_htmx_redirects_with_a_header(client_coordinator, province_plan):
    task = province_plan.tasks.get()

    response = client_coordinator.post(reverse("plans:task_edit", args=[task.pk]), _task_post(task), **HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"].endswith(f"#task-{task.pk}")


def test_upload_of_garbage_shows_a_clear_message_and_saves_nothing(client_coordinator, media_root):
    upload = SimpleUploadedFile(
        "rac.docx", b"PK\x03\x04 not really a zip", content_type="application/octet-stream"
    )

    response = client_coordinator.post(reverse("plans:plan_import"), {"file": upload})

    assert response.status_code == 422
    page = response.content.decode()
    assert "Không nhập được tệp." in page
    assert response.context["form"].errors["file"]
    assert PlanImport.objects.count() == 0
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_upload_over_the_size_limit_shows_a_clear_message_and_saves_nothing(
    settings, client_coordinator, media_root
):
    settings.IMPORT_MAX_BYTES = 2048
    upload = SimpleUploadedFile("lon.txt", "KẾ HOẠCH\n".encode() * 500, content_type="text/plain")

    response = client_coordinator.post(reverse("plans:plan_import"), {"file": upload})

    assert response.status_code == 422
    assert "quá lớn" in response.content.decode()
    assert "2,0\xa0KB" in response.content.decode() or "2,0 KB" in response.content.decode()
    assert PlanImport.objects.count() == 0
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_upload_without_a_file_asks_for_one(client_coordinator):
    response = client_coordinator.post(reverse("plans:plan_import"), {})

    assert response.status_code == 422
    assert "Vui lòng chọn tệp kế hoạch." in response.content.decode()
