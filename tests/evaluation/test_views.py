"""The score sheet pages: what they show, "Tính lại", the .xlsx, invalid input and wrong methods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from cchc.evaluation.models import Level, ScoreRule, ScoreSheet
from cchc.evaluation.services import score_unit
from tests.evaluation.factories import sample_year
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def page(unit, year: int = 2026) -> str:
    return reverse("evaluation:score_sheet", kwargs={"pk": unit.pk, "year": year})


def recompute(unit, year: int = 2026) -> str:
    return reverse("evaluation:score_recompute", kwargs={"pk": unit.pk, "year": year})


def test_first_visit_shows_a_provisional_sheet_without_saving(
    client_officer_a, province_committee, dept_a
) -> None:
    sample_year(province_committee, dept_a, 2026)

    response = client_officer_a.get(page(dept_a))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Bản tính tạm, chưa lưu" in text
    assert "Hoàn thành" in text and "nhiệm vụ" in text
    assert "Màn hình LED, màn hình điện tử: 1 hoạt động có minh chứng" in text
    assert not ScoreSheet.objects.exists()


def test_recompute_stores_a_sheet_and_shows_it_line_by_line(
    client_coordinator, coordinator, province_committee, dept_a
) -> None:
    sample_year(province_committee, dept_a, 2026)

    response = client_coordinator.post(recompute(dept_a), follow=True)

    sheet = ScoreSheet.objects.get()
    text = response.content.decode()
    assert sheet.computed_by == coordinator
    assert "Đã tính lại:" in text
    assert "Lịch sử các lần tính" in text
    assert "4.2.1.a" in text and "Trên màn hình LED, màn hình điện tử" in text
    assert f"?bang={sheet.pk}" in text
    # Links to the activities behind the number of line 4.1.
    assert "/hoat-dong/?plan=" in text and "task=" in text


def test_an_older_sheet_is_shown_on_request(client_officer_a, province_committee, dept_a) -> None:
    plan = sample_year(province_committee, dept_a, 2026)
    older = score_unit(dept_a, 2026, by=None, on=date(2026, 12, 31))
    from tests.activities.factories import add_activity

    add_activity(plan.tasks.order_by("position").last(), dept_a, date(2026, 7, 1))
    newer = score_unit(dept_a, 2026, by=None, on=date(2026, 12, 31))

    latest = client_officer_a.get(page(dept_a)).content.decode()
    old = client_officer_a.get(page(dept_a) + f"?bang={older.pk}").content.decode()

    assert (older.total, newer.total) == (Decimal("1.40"), Decimal("1.50"))
    assert "1,50" in latest and "Bản cũ" not in latest
    assert "1,40" in old and "Bản cũ" in old


def test_unknown_sheet_or_year_is_not_found(client_officer_a, dept_a) -> None:
    assert client_officer_a.get(page(dept_a) + "?bang=999999").status_code == 404
    assert client_officer_a.get(page(dept_a, 1999)).status_code == 404
    assert client_officer_a.post(recompute(dept_a, 2200)).status_code == 404


def test_recompute_without_a_rule_explains_and_saves_nothing(client_officer_a, dept_a) -> None:
    response = client_officer_a.post(recompute(dept_a, 2030))

    assert response.status_code == 422
    assert (
        "Chưa có quy tắc chấm điểm đang áp dụng cho sở, ban, ngành cấp tỉnh năm 2030"
        in response.content.decode()
    )
    assert not ScoreSheet.objects.exists()


def test_wrong_methods_are_refused(client_officer_a, dept_a) -> None:
    assert client_officer_a.get(recompute(dept_a)).status_code == 405
    assert client_officer_a.post(page(dept_a)).status_code == 405
    xlsx = reverse("evaluation:score_sheet_xlsx", kwargs={"pk": dept_a.pk, "year": 2026})
    assert client_officer_a.post(xlsx).status_code == 405
    assert client_officer_a.post(reverse("evaluation:score_index")).status_code == 405


def test_an_officer_of_a_unit_above_cannot_score_an_agency_of_it(province, dept_a) -> None:
    client = Client()
    client.force_login(make_user(unit=province, role="officer"))

    assert client.get(page(dept_a)).status_code == 403
    assert client.post(recompute(dept_a)).status_code == 403
    assert not ScoreSheet.objects.exists()


def test_xlsx_has_every_line_with_numbers(client_leader, province_committee, dept_a) -> None:
    sample_year(province_committee, dept_a, 2026)
    score_unit(dept_a, 2026, by=None, on=date(2026, 12, 31))

    response = client_leader.get(
        reverse("evaluation:score_sheet_xlsx", kwargs={"pk": dept_a.pk, "year": 2026})
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="bang-diem-{dept_a.pk}-2026.xlsx"'
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][:2] == ("Đơn vị", "Sở Nội vụ tỉnh Khánh Hòa")
    assert rows[5][:4] == ("Tổng điểm", 1.4, "trên", 2.0)
    lines = {row[0]: row for row in rows[8:] if row[0]}
    assert lines["4.1"][2:4] == (1.0, 0.9)
    assert lines["4.1"][4] == "Hoàn thành 9/10 nhiệm vụ (90,0%) → 90% đến dưới 100%: 0,90 × 1 = 0,90 điểm"
    assert "http://testserver/hoat-dong/?" in lines["4.1"][5]
    assert lines["4.2.2"][3] == 0.0
    assert rows[-1][1:4] == ("Tổng cộng", 2.0, 1.4)


def test_index_lists_units_with_their_latest_total(client_coordinator, province_committee, dept_a) -> None:
    sample_year(province_committee, dept_a, 2026)
    score_unit(dept_a, 2026, by=None, on=date(2026, 12, 31))

    response = client_coordinator.get(reverse("evaluation:score_index") + "?nam=2026")

    text = response.content.decode()
    assert "Sở Nội vụ tỉnh Khánh Hòa" in text
    assert "1.40" in text or "1,40" in text
    assert page(dept_a) in text


def test_index_with_a_bad_year_explains(client_officer_a) -> None:
    response = client_officer_a.get(reverse("evaluation:score_index") + "?nam=abc")

    assert response.status_code == 200
    assert "Năm “abc” không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("count", [1, 5])
def test_index_queries_are_flat(
    client_coordinator, province_committee, dept_a, count, django_assert_num_queries
) -> None:
    from tests.factories import make_unit
    from tests.plans.factories import make_plan, make_task

    plan = make_plan(province_committee, year=2026)
    units = [make_unit(province_committee.parent) for _ in range(count)]
    make_task(plan, units=units)

    # session, user, memberships (administrator? coordinated territories), leaderships, the units with their
    # latest and sent sheets (subqueries), whom the user appraises (administrator? review territories, own
    # units: three), the notification badge.
    with django_assert_num_queries(10):
        response = client_coordinator.get(reverse("evaluation:score_index") + "?nam=2026")

    assert response.status_code == 200


def test_admin_adds_next_years_rule_as_json(client_admin) -> None:
    url = reverse("admin:evaluation_scorerule_add")
    definition = (
        '{"criteria": [{"code": "1", "title": "Hoàn thành", "max_points": 1, "metric": "plan_completion",'
        ' "scoring": {"kind": "proportional_above", "threshold": 80}}]}'
    )
    data = {
        "year": 2027,
        "level": Level.COMMUNE,
        "name": "Quy tắc 2027",
        "definition": definition,
        "is_active": "on",
    }

    response = client_admin.post(url, data)

    assert response.status_code == 302
    rule = ScoreRule.objects.get(year=2027, level=Level.COMMUNE)
    assert rule.definition["criteria"][0]["scoring"]["threshold"] == 80


def test_admin_refuses_an_invalid_rule_in_vietnamese(client_admin) -> None:
    url = reverse("admin:evaluation_scorerule_add")
    definition = (
        '{"criteria": [{"code": "1", "title": "Hoàn thành", "max_points": 1, "metric": "sipas",'
        ' "scoring": {"kind": "bands", "bands": [[0, 90, 0], [80, 100, 2]]}}]}'
    )
    data = {"year": 2027, "level": Level.COMMUNE, "name": "Sai", "definition": definition, "is_active": "on"}

    response = client_admin.post(url, data)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ số “sipas” của tiêu chí 1 không có trong danh mục chỉ số." in text
    assert "chồng lấn nhau" in text
    assert "vượt quá điểm tối đa" in text
    assert not ScoreRule.objects.filter(year=2027).exists()


def test_admin_refuses_a_second_active_rule_for_the_same_year_and_level(client_admin) -> None:
    url = reverse("admin:evaluation_scorerule_add")
    definition = (
        '{"criteria": [{"code": "1", "title": "Hoàn thành", "max_points": 1, "metric": "plan_completion",'
        ' "scoring": {"kind": "proportional_above", "threshold": 80}}]}'
    )
    data = {"year": 2026, "level": Level.COMMUNE, "name": "Khác", "definition": definition, "is_active": "on"}

    response = client_admin.post(url, data)

    assert response.status_code == 200
    assert "đã có một quy tắc đang áp dụng" in response.content.decode()
    assert not ScoreRule.objects.filter(name="Khác").exists()


def test_docx_is_an_official_document_with_every_line(client_coordinator, province_committee, dept_a) -> None:
    from docx import Document

    sample_year(province_committee, dept_a, 2026)
    score_unit(dept_a, 2026, by=None, on=date(2026, 12, 31))

    response = client_coordinator.get(
        reverse("evaluation:score_sheet_docx", kwargs={"pk": dept_a.pk, "year": 2026})
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="bang-diem-{dept_a.pk}-2026.docx"'
    document = Document(BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Tổng điểm tự chấm: 1,40/2 điểm." in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text + "\n".join(cells)
    assert "Hoàn thành 9/10 nhiệm vụ (90,0%) → 90% đến dưới 100%: 0,90 × 1 = 0,90 điểm" in cells
    assert any(
        cell.startswith("Màn hình LED, màn hình điện tử: 1 hoạt động có minh chứng: http://testserver/")
        for cell in cells
    )


def test_docx_without_a_rule_explains(client_officer_a, dept_a) -> None:
    response = client_officer_a.get(
        reverse("evaluation:score_sheet_docx", kwargs={"pk": dept_a.pk, "year": 2030})
    )

    assert response.status_code == 422
    assert "Chưa có quy tắc chấm điểm" in response.content.decode()
