from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cchc.activities import services
from cchc.activities.models import Activity, ActivityRevision, Evidence
from tests.activities.conftest import PNG, upload
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db

CREATE = reverse("activities:activity_create")


def _rows(task, unit, count: int = 1, **overrides) -> dict:
    data = {
        "form-TOTAL_FORMS": str(count),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "1",
        "form-MAX_NUM_FORMS": "50",
    }
    for index in range(count):
        row = {
            "task": task.pk,
            "unit": unit.pk,
            "date": "2026-04-02",
            "channel": "loudspeaker",
            "title": f"Phát trên loa truyền thanh {index + 1}",
            "quantity": "15",
            "measure": Activity.Measure.MINUTES,
            "reach": "",
            "link": "",
            "description": "",
        }
        row.update(overrides)
        data.update({f"form-{index}-{key}": value for key, value in row.items()})
    return data


def test_officer_logs_several_activities_at_once(client_officer_a, task, dept_a) -> None:
    data = _rows(task, dept_a, count=3)
    data["form-1-evidence"] = [upload("anh.png", PNG), upload("anh2.png", PNG)]

    response = client_officer_a.post(CREATE, data)

    assert response.status_code == 302
    assert Activity.objects.count() == 3
    assert Evidence.objects.count() == 2


def test_an_invalid_row_saves_nothing_and_answers_422(client_officer_a, task, dept_a) -> None:
    data = _rows(task, dept_a, count=2)
    data["form-1-quantity"] = "-4"

    response = client_officer_a.post(CREATE, data)

    assert response.status_code == 422
    assert not Activity.objects.exists()


def test_a_forged_evidence_file_is_refused_in_the_form(client_officer_a, task, dept_a) -> None:
    data = _rows(task, dept_a)
    data["form-0-evidence"] = upload("anh.jpg", b"MZ\x90\x00 an exe in disguise")

    response = client_officer_a.post(CREATE, data)

    assert response.status_code == 422
    assert "không đúng với phần mở rộng" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_forged_task_for_another_unit_is_refused(client_officer_b, task, dept_a, dept_b) -> None:
    response = client_officer_b.post(CREATE, _rows(task, dept_b))

    assert response.status_code == 422
    assert not Activity.objects.exists()


def test_add_another_row_returns_the_next_row_and_count(client_officer_a, task) -> None:
    response = client_officer_a.get(
        reverse("activities:activity_row"), {"index": "1"}, HTTP_HX_REQUEST="true"
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="form-1-title"' in content
    assert 'hx-swap-oob="true"' in content
    assert 'name="form-TOTAL_FORMS" value="2"' in content
    assert "index=2" in content


def test_create_page_offers_the_users_tasks_only(client_officer_a, task, province_committee) -> None:
    from tests.plans.factories import make_plan

    other = make_plan(province_committee, tasks=1, title="Kế hoạch không giao cho Sở Nội vụ")
    response = client_officer_a.get(CREATE)

    offered = set(response.context["rows"][0].fields["task"].queryset)
    assert offered == {task}
    assert other.tasks.get() not in offered


def test_edit_records_a_revision_and_shows_the_history(client_officer_a, activity, task, dept_a) -> None:
    url = reverse("activities:activity_edit", args=[activity.pk])
    data = {
        "task": task.pk,
        "unit": dept_a.pk,
        "date": "2026-03-02",
        "channel": "press",
        "title": "Tiêu đề đã sửa",
        "quantity": "4",
        "measure": Activity.Measure.ARTICLES,
        "reach": "",
        "link": "https://baokhanhhoa.vn/bai",
        "description": "",
        "evidence": upload("bien-ban.pdf", b"%PDF-1.4 minh chung"),
    }

    response = client_officer_a.post(url, data)

    assert response.status_code == 302
    revision = ActivityRevision.objects.get(activity=activity)
    assert revision.changes["title"] == ["Bài viết về cải cách thủ tục hành chính", "Tiêu đề đã sửa"]
    assert set(revision.changes) == {"title", "quantity", "link"}
    assert activity.evidence.count() == 2
    page = client_officer_a.get(url).content.decode()
    assert "Lịch sử sửa" in page
    assert "Tiêu đề đã sửa" in page
    assert "Cán bộ A" in page


def test_edit_with_a_forged_file_changes_nothing(client_officer_a, activity, task, dept_a) -> None:
    url = reverse("activities:activity_edit", args=[activity.pk])
    data = {
        "task": task.pk,
        "unit": dept_a.pk,
        "date": "2026-03-02",
        "channel": "press",
        "title": "Đổi",
        "quantity": "1",
        "measure": Activity.Measure.ARTICLES,
        "evidence": upload("tai-lieu.pdf", b"PK\x03\x04 a zip, not a pdf"),
    }

    response = client_officer_a.post(url, data)

    assert response.status_code == 422
    activity.refresh_from_db()
    assert activity.title != "Đổi"
    assert not ActivityRevision.objects.exists()


def test_evidence_download_returns_the_file(client_leader, activity) -> None:
    evidence = activity.evidence.get()

    response = client_leader.get(reverse("activities:evidence_download", args=[evidence.pk]))

    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


def test_template_download_is_an_xlsx(client_officer_a, task) -> None:
    response = client_officer_a.get(reverse("activities:xlsx_template"))

    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert services.SHEET_TASKS in workbook.sheetnames


def _filled(officer, rows) -> io.BytesIO:
    workbook = load_workbook(io.BytesIO(services.activities_template_xlsx(officer)))
    sheet = workbook[services.SHEET_ACTIVITIES]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    output.name = "hoat-dong.xlsx"
    return output


def test_xlsx_upload_with_a_bad_row_shows_row_and_column(client_officer_a, officer_a, task) -> None:
    rows = [
        [datetime(2026, 5, 2), task.pk, None, "Báo chí", "Bài 1", "", 1, "tin, bài"],
        [datetime(2026, 5, 3), task.pk, None, "Không có", "Bài 2", "", 1, "tin, bài"],
    ]

    response = client_officer_a.post(reverse("activities:xlsx_import"), {"file": _filled(officer_a, rows)})

    assert response.status_code == 422
    content = response.content.decode()
    assert "<td>3</td><td>Hình thức (D)</td>" in content
    assert "chưa có hoạt động nào được lưu" in content
    assert not Activity.objects.exists()


def test_xlsx_upload_saves_the_rows(client_officer_a, officer_a, task) -> None:
    rows = [[datetime(2026, 5, 2), task.pk, None, "Báo chí", "Bài 1", "", 1, "tin, bài"]]

    response = client_officer_a.post(reverse("activities:xlsx_import"), {"file": _filled(officer_a, rows)})

    assert response.status_code == 302
    assert Activity.objects.get().date == date(2026, 5, 2)


def test_list_filters_by_date_and_plan(client_officer_a, activity, officer_a, task, dept_a) -> None:
    services.log_activity(
        by=officer_a, task=task, unit=dept_a, date=date(2026, 6, 1), channel="press",
        title="Bài tháng sáu", measure=Activity.Measure.ARTICLES,
    )  # fmt: skip
    url = reverse("activities:activity_list")

    content = client_officer_a.get(url, {"date_from": "2026-05-01"}).content.decode()
    assert "Bài tháng sáu" in content
    assert activity.title not in content
    content = client_officer_a.get(url, {"plan": task.plan_id}).content.decode()
    assert "Bài tháng sáu" in content
    assert activity.title in content


def test_list_filters_by_task_and_channel(
    client_officer_a, activity, officer_a, dept_a, province_committee
) -> None:
    other_task = make_plan(province_committee, tasks=1, units=[dept_a]).tasks.get()
    services.log_activity(
        by=officer_a, task=other_task, unit=dept_a, date=date(2026, 3, 5), channel="radio",
        title="Chương trình phát thanh", measure=Activity.Measure.BROADCASTS,
    )  # fmt: skip
    url = reverse("activities:activity_list")

    content = client_officer_a.get(url, {"task": activity.task_id}).content.decode()
    assert activity.title in content
    assert "Chương trình phát thanh" not in content
    content = client_officer_a.get(url, {"channel": "radio"}).content.decode()
    assert "Chương trình phát thanh" in content
    assert activity.title not in content


def test_other_agency_does_not_see_the_activity(client_officer_b, activity) -> None:
    content = client_officer_b.get(reverse("activities:activity_list")).content.decode()

    assert activity.title not in content


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("activities:activity_list")).status_code == 200
    return len(queries)


def test_list_query_count_is_flat(client_officer_a, officer_a, task, dept_a, activity) -> None:
    one = _list_queries(client_officer_a)
    for index in range(9):
        services.log_activity(
            by=officer_a, task=task, unit=dept_a, date=date(2026, 3, index + 1), channel="press",
            title=f"Bài {index}", measure=Activity.Measure.ARTICLES, files=[upload("a.png", PNG)],
        )  # fmt: skip

    assert _list_queries(client_officer_a) == one


def test_an_untouched_extra_row_is_skipped(client_officer_a, task, dept_a) -> None:
    data = _rows(task, dept_a, count=1)
    data["form-TOTAL_FORMS"] = "2"
    today = timezone.localdate().isoformat()
    data.update({"form-1-date": today, "form-1-unit": str(dept_a.pk), "form-1-quantity": "1"})

    response = client_officer_a.post(CREATE, data)

    assert response.status_code == 302
    assert Activity.objects.count() == 1
