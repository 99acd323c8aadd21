from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from cchc.activities import services
from cchc.activities.models import Activity, ActivityRevision, Evidence
from cchc.core.errors import DomainError
from tests.activities.conftest import PNG, upload
from tests.factories import add_membership, make_user

pytestmark = pytest.mark.django_db


def _row(task, unit, **overrides):
    values = {
        "task": task,
        "unit": unit,
        "date": date(2026, 4, 1),
        "channel": "radio",
        "title": "Phát thanh về dịch vụ công trực tuyến",
        "quantity": 2,
        "measure": Activity.Measure.BROADCASTS,
    }
    values.update(overrides)
    return values


def test_officer_logs_an_activity_with_evidence(activity, officer_a) -> None:
    evidence = Evidence.objects.get(activity=activity)

    assert activity.created_by == officer_a
    assert evidence.original_name == "anh.png"
    assert evidence.content_type == "image/png"
    assert evidence.size == len(PNG)
    assert evidence.file.read() == PNG
    assert evidence.file.name.startswith("evidence/")


def test_officer_cannot_log_for_another_unit(task, dept_b, officer_a) -> None:
    with pytest.raises(DomainError, match="không thể ghi"):
        services.log_activity(by=officer_a, **_row(task, dept_b))
    assert not Activity.objects.exists()


def test_officer_of_an_unassigned_unit_cannot_log_for_the_task(task, dept_a, officer_b) -> None:
    with pytest.raises(DomainError):
        services.log_activity(by=officer_b, **_row(task, dept_a))


def test_coordinator_logs_for_a_unit_of_the_territory(task, dept_a, coordinator) -> None:
    activity = services.log_activity(by=coordinator, **_row(task, dept_a))

    assert activity.unit == dept_a


def test_leader_cannot_log(task, dept_a, leader) -> None:
    with pytest.raises(DomainError):
        services.log_activity(by=leader, **_row(task, dept_a))


def test_several_activities_are_all_or_nothing(task, dept_a, dept_b, officer_a) -> None:
    rows = [_row(task, dept_a), _row(task, dept_b)]

    with pytest.raises(DomainError):
        services.log_activities(rows, by=officer_a)
    assert not Activity.objects.exists()

    created = services.log_activities([_row(task, dept_a), _row(task, dept_a, title="Lần 2")], by=officer_a)
    assert len(created) == 2


def test_a_forged_file_in_one_row_saves_no_row(task, dept_a, officer_a) -> None:
    rows = [
        _row(task, dept_a, files=[upload("anh.png", PNG)]),
        _row(task, dept_a, files=[upload("anh.jpg", b"MZ not a photo")]),
    ]

    with pytest.raises(DomainError, match="phần mở rộng"):
        services.log_activities(rows, by=officer_a)
    assert not Activity.objects.exists()
    assert not Evidence.objects.exists()


def test_update_records_who_changed_what(activity, officer_a, coordinator) -> None:
    services.update_activity(activity, by=officer_a, title="Tiêu đề mới", quantity=3)
    services.update_activity(activity, by=coordinator, date=date(2026, 3, 5), quantity=3)

    revisions = list(ActivityRevision.objects.filter(activity=activity).order_by("pk"))
    assert [r.changed_by for r in revisions] == [officer_a, coordinator]
    assert revisions[0].changes == {
        "title": ["Bài viết về cải cách thủ tục hành chính", "Tiêu đề mới"],
        "quantity": [1, 3],
    }
    assert revisions[1].changes == {"date": ["2026-03-02", "2026-03-05"]}
    activity.refresh_from_db()
    assert activity.title == "Tiêu đề mới"


def test_update_without_change_leaves_no_revision(activity, officer_a) -> None:
    services.update_activity(activity, by=officer_a, title=activity.title)

    assert not ActivityRevision.objects.exists()


def test_revision_lines_show_choice_labels(activity, officer_a) -> None:
    services.update_activity(activity, by=officer_a, measure=Activity.Measure.POSTS)

    line = ActivityRevision.objects.get().lines()[0]
    assert (str(line["old"]), str(line["new"])) == ("tin, bài", "bài đăng")


def test_update_cannot_move_to_a_unit_without_the_task(activity, officer_a, dept_b) -> None:
    add_membership(officer_a, dept_b)
    with pytest.raises(DomainError):
        services.update_activity(activity, by=officer_a, unit=dept_b)
    activity.refresh_from_db()
    assert activity.unit_id != dept_b.pk


def _workbook(template: bytes, rows: list[list]) -> io.BytesIO:
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook[services.SHEET_ACTIVITIES]
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=index, column=column, value=value)
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    return output


def test_template_has_header_lists_and_the_users_tasks(task, dept_a, officer_a) -> None:
    workbook = load_workbook(io.BytesIO(services.activities_template_xlsx(officer_a)))

    sheet = workbook[services.SHEET_ACTIVITIES]
    assert [cell.value for cell in sheet[1]] == [column.header for column in services.COLUMNS]
    formulas = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert any("$A$1" in f for f in formulas)
    assert any("$B$1" in f for f in formulas)
    assert sheet["A2"].number_format == "DD/MM/YYYY"
    tasks = list(workbook[services.SHEET_TASKS].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[3]) for row in tasks] == [(task.pk, dept_a.pk)]


def test_template_lists_no_task_of_another_unit(task, officer_b) -> None:
    workbook = load_workbook(io.BytesIO(services.activities_template_xlsx(officer_b)))

    assert list(workbook[services.SHEET_TASKS].iter_rows(min_row=2, values_only=True)) == []


def test_xlsx_import_saves_every_row(task, dept_a, officer_a) -> None:
    template = services.activities_template_xlsx(officer_a)
    rows = [
        [
            datetime(2026, 5, 2),
            task.pk,
            None,
            "Báo chí",
            "Bài 1",
            "",
            1,
            "tin, bài",
            1000,
            "https://baokhanhhoa.vn/a",
        ],
        ["03/05/2026", task.pk, dept_a.pk, "Mạng xã hội", "Bài 2", "Mô tả", 3, "bài đăng", None, None],
    ]

    created = services.import_activities_xlsx(_workbook(template, rows), by=officer_a)

    assert [(a.title, a.date, a.channel, a.measure, a.unit) for a in created] == [
        ("Bài 1", date(2026, 5, 2), "press", "articles", dept_a),
        ("Bài 2", date(2026, 5, 3), "social_media", "posts", dept_a),
    ]
    assert created[0].reach == 1000


def test_xlsx_with_one_bad_row_saves_nothing_and_names_row_and_column(task, officer_a) -> None:
    template = services.activities_template_xlsx(officer_a)
    rows = [
        [datetime(2026, 5, 2), task.pk, None, "Báo chí", "Bài 1", "", 1, "tin, bài", None, None],
        [datetime(2026, 5, 3), task.pk, None, "Báo chí", "Bài 2", "", "nhiều", "tin, bài", None, None],
        [datetime(2026, 5, 4), task.pk, None, "Báo chí", "Bài 3", "", 1, "tin, bài", None, None],
    ]

    with pytest.raises(services.ImportRowsError) as raised:
        services.import_activities_xlsx(_workbook(template, rows), by=officer_a)

    assert not Activity.objects.exists()
    [error] = raised.value.errors
    assert (error.row, error.column) == (3, "Số lượng (G)")
    assert "Dòng 3, cột Số lượng (G)" in str(error)


def test_xlsx_reports_each_wrong_cell(task, officer_a) -> None:
    template = services.activities_template_xlsx(officer_a)
    rows = [["32/13/2026", 999999, None, "Bồ câu", "", "", 1, "tấn", None, "không phải link"]]

    with pytest.raises(services.ImportRowsError) as raised:
        services.import_activities_xlsx(_workbook(template, rows), by=officer_a)

    columns = [error.column for error in raised.value.errors]
    assert columns == [
        "Ngày thực hiện (A)",
        "Hình thức (D)",
        "Tiêu đề (E)",
        "Đơn vị tính (H)",
        "Đường dẫn (J)",
        "Mã nhiệm vụ (B)",
    ]


def test_xlsx_task_of_another_unit_is_refused(task, officer_b) -> None:
    template = services.activities_template_xlsx(officer_b)
    rows = [[datetime(2026, 5, 2), task.pk, None, "Báo chí", "Bài", "", 1, "tin, bài", None, None]]

    with pytest.raises(services.ImportRowsError) as raised:
        services.import_activities_xlsx(_workbook(template, rows), by=officer_b)
    assert raised.value.errors[0].column == "Mã nhiệm vụ (B)"


def test_a_file_that_is_not_xlsx_is_refused(officer_a) -> None:
    with pytest.raises(DomainError, match="Không đọc được"):
        services.import_activities_xlsx(io.BytesIO(b"not a workbook"), by=officer_a)


def test_an_empty_sheet_is_refused(officer_a) -> None:
    output = io.BytesIO()
    Workbook().save(output)
    output.seek(0)

    with pytest.raises(DomainError, match="không có dòng"):
        services.import_activities_xlsx(output, by=officer_a)


def test_a_unit_officer_of_two_assigned_units_must_name_the_unit(task, dept_a, dept_b, officer_a) -> None:
    from cchc.plans.models import Assignment

    Assignment.objects.create(task=task, unit=dept_b, role=Assignment.Role.COORDINATING, text=dept_b.name)
    add_membership(officer_a, dept_b)
    template = services.activities_template_xlsx(officer_a)
    rows = [[datetime(2026, 5, 2), task.pk, None, "Báo chí", "Bài", "", 1, "tin, bài", None, None]]

    with pytest.raises(services.ImportRowsError) as raised:
        services.import_activities_xlsx(_workbook(template, rows), by=officer_a)
    assert raised.value.errors[0].column.startswith("Mã đơn vị")

    rows[0][2] = dept_b.pk
    [created] = services.import_activities_xlsx(_workbook(template, rows), by=officer_a)
    assert created.unit == dept_b


def test_make_user_without_unit_cannot_import(task) -> None:
    nobody = make_user()
    template = services.activities_template_xlsx(nobody)
    rows = [[datetime(2026, 5, 2), task.pk, None, "Báo chí", "Bài", "", 1, "tin, bài", None, None]]

    with pytest.raises(services.ImportRowsError):
        services.import_activities_xlsx(_workbook(template, rows), by=nobody)
