"""Spreadsheets: styled frozen header, auto filter, widths that fit, real dates; and what each export holds."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from django.urls import reverse

from cchc.documents.builders.xlsx import DATE_FORMAT, MAX_WIDTH, Column, Sheet, build_xlsx
from tests.activities.factories import add_activity
from tests.plans.factories import make_plan, make_task

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_header_row_is_bold_filled_frozen_and_filtered() -> None:
    data = build_xlsx(
        [Sheet("Nhiệm vụ", [Column("Ngày", "date"), Column("Nội dung")], [[date(2026, 2, 5), "x"]])]
    )

    sheet = _open(data)["Nhiệm vụ"]
    header = sheet["A1"]
    assert header.value == "Ngày"
    assert header.font.b is True
    assert header.fill.fill_type == "solid"
    assert header.fill.fgColor.rgb == "FFDCE6F1"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B2"


def test_dates_are_real_dates_shown_day_month_year() -> None:
    rows = [[date(2026, 2, 5), datetime(2026, 3, 7, 14, 30), 12], [None, None, None]]
    columns = [Column("Ngày", "date"), Column("Lúc", "datetime"), Column("Số", "int")]

    sheet = _open(build_xlsx([Sheet("S", columns, rows)]))["S"]

    assert sheet["A2"].is_date
    assert sheet["A2"].value == datetime(2026, 2, 5)
    assert sheet["A2"].number_format == DATE_FORMAT == "dd/mm/yyyy"
    assert sheet["B2"].is_date
    assert sheet["B2"].value == datetime(2026, 3, 7, 14, 30)
    assert sheet["C2"].value == 12
    assert sheet["A3"].value is None


def test_columns_fit_vietnamese_text_and_long_text_wraps() -> None:
    long_text = "Tuyên truyền cải cách hành chính trên Cổng thông tin điện tử của tỉnh " * 3
    rows = [["Sở Nội vụ", long_text]]

    sheet = _open(build_xlsx([Sheet("S", [Column("Đơn vị"), Column("Nhiệm vụ")], rows)]))["S"]

    assert sheet.column_dimensions["A"].width == len("Sở Nội vụ") + 2
    assert sheet.column_dimensions["B"].width == MAX_WIDTH
    assert sheet["B2"].alignment.wrap_text is True
    assert sheet["B2"].value == long_text


def test_sheet_titles_excel_refuses_are_cleaned() -> None:
    workbook = _open(build_xlsx([Sheet("Nhiệm vụ 05/KH-UBND: năm 2026 và các năm sau", [Column("A")], [])]))

    (title,) = workbook.sheetnames
    assert "/" not in title and ":" not in title and len(title) <= 31


@pytest.mark.django_db
def test_the_plan_task_table_has_one_row_a_task(client_officer_a, province_committee, dept_a, dept_b) -> None:
    plan = make_plan(province_committee)
    make_task(
        plan, units=[dept_a], title="Đăng tin, bài", end_date=date(2026, 6, 30), start_date=date(2026, 4, 1)
    )
    make_task(plan, units=[dept_a, dept_b], position=1, title="Tổ chức hội nghị")

    response = client_officer_a.get(reverse("documents:plan_tasks_xlsx", args=[plan.pk]))

    assert response["Content-Type"] == XLSX
    assert f'filename="nhiem-vu-{plan.number.replace("/", "-")}.xlsx"' in response["Content-Disposition"]
    sheet = _open(response.content).active
    assert [c.value for c in sheet[1]][:5] == ["TT", "Nhóm nhiệm vụ", "Nhiệm vụ", "Chủ trì", "Phối hợp"]
    assert sheet.max_row == 3
    assert sheet["C2"].value == "Đăng tin, bài"
    assert sheet["D2"].value == dept_a.name
    assert sheet["E2"].value == "Cơ quan chưa rõ"
    assert sheet["D3"].value == f"{dept_a.name}; {dept_b.name}"
    assert sheet["H2"].is_date and sheet["H2"].value == datetime(2026, 6, 30)
    assert sheet["J2"].value == 12


@pytest.mark.django_db
def test_the_activities_export_uses_the_lists_filters(client_coordinator, plan, dept_a) -> None:
    task = plan.tasks.get()
    add_activity(task, dept_a, date(2026, 3, 10), quantity=2)
    add_activity(task, dept_a, date(2026, 5, 10))

    response = client_coordinator.get(
        reverse("documents:activities_xlsx"), {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    )

    sheet = _open(response.content).active
    assert sheet.max_row == 2
    assert sheet["A2"].value == datetime(2026, 3, 10)
    assert sheet["A2"].number_format == "dd/mm/yyyy"
    assert sheet["D2"].value == dept_a.name
    assert sheet["H2"].value == 2
    assert sheet["N2"].is_date


@pytest.mark.django_db
def test_activities_export_refuses_dates_in_the_wrong_order(client_coordinator) -> None:
    response = client_coordinator.get(
        reverse("documents:activities_xlsx"), {"date_from": "2026-05-01", "date_to": "2026-03-31"}
    )

    assert response.status_code == 422
    assert "“Từ ngày” phải trước “Đến ngày”." in response.content.decode()


@pytest.mark.django_db
def test_the_progress_export_sums_each_lead_unit(
    client_coordinator, province_committee, dept_a, dept_b
) -> None:
    plan = make_plan(province_committee, tasks=2, units=[dept_a])
    other = make_task(plan, units=[dept_b], position=2)
    add_activity(plan.tasks.get(position=0), dept_a, date(2026, 1, 15), quantity=3)
    add_activity(other, dept_b, date(2026, 2, 15))

    response = client_coordinator.get(
        reverse("documents:plan_progress_xlsx", args=[plan.pk]), {"ngay": "2026-06-30"}
    )

    workbook = _open(response.content)
    assert workbook.sheetnames == ["Theo đơn vị", "Theo nhiệm vụ"]
    units = {row[0]: row for row in workbook["Theo đơn vị"].iter_rows(min_row=2, values_only=True)}
    assert units[dept_a.name][1] == 2  # tasks led
    assert units[dept_a.name][8] == 3  # done
    assert units[dept_b.name][8] == 1
    total = units["Tổng cộng (đến ngày 30/06/2026)"]
    assert (total[1], total[7], total[8]) == (3, 2, 4)
    assert workbook["Theo đơn vị"]["K2"].number_format == "0.0%"
    tasks = list(workbook["Theo nhiệm vụ"].iter_rows(min_row=2, values_only=True))
    assert len(tasks) == 3
    assert workbook["Theo nhiệm vụ"].freeze_panes == "A2"
