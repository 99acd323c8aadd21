"""The report pages: happy paths, invalid input (Vietnamese message, nothing saved), 405, files, and
query counts that stay flat on the calendar and the aggregate."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from cchc.reports import services
from cchc.reports.models import Report, ReportingPeriod, ReportRequirement, ReviewEvent
from tests.reports.factories import add, calendar, make_tree, send_data, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def q2(db) -> ReportingPeriod:
    return ReportingPeriod.get("quarter", 2026, 2)


@pytest.fixture
def line(dept_a, province, q2) -> ReportRequirement:
    return services.add_requirement(dept_a, q2, recipient=province, due_date=date(2026, 6, 20))


@pytest.fixture
def draft(officer_a, dept_a, line, q2, task) -> Report:
    add(task, dept_a, date(2026, 4, 2), quantity=4)
    return services.draft_report(dept_a, q2, None, by=officer_a)


def test_calendar_lists_the_units_own_lines_with_a_draft_button(client_officer_a, line) -> None:
    response = client_officer_a.get(reverse("reports:calendar") + "?nam=2026")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Quý II/2026" in body
    assert reverse("reports:report_draft", args=[line.pk]) in body
    assert "20/06/2026" in body


def test_calendar_ignores_a_wrong_year(client_officer_a) -> None:
    assert client_officer_a.get(reverse("reports:calendar") + "?nam=abc").status_code == 200


def test_coordinator_builds_the_years_calendar(client_coordinator, province, dept_a) -> None:
    response = client_coordinator.post(reverse("reports:calendar_build"), {"year": 2026})

    assert response.status_code == 302
    lines = ReportRequirement.objects.filter(period__year=2026)
    # The province to Bộ Nội vụ for quarter I, six months, quarter III and the year.
    assert lines.filter(unit=province, recipient=None).count() == 4
    assert lines.filter(unit=dept_a, recipient=province).count() == 4  # a department
    assert lines.filter(recipient=province, unit__kind="commune").exists()
    q1 = lines.get(unit=province, period__kind="quarter", period__index=1)
    assert q1.due_date == date(2026, 3, 20)
    # A second run adds nothing and keeps a moved date.
    q1.due_date = date(2026, 3, 25)
    q1.save()
    client_coordinator.post(reverse("reports:calendar_build"), {"year": 2026})
    assert ReportRequirement.objects.filter(period__year=2026).count() == lines.count()
    q1.refresh_from_db()
    assert q1.due_date == date(2026, 3, 25)


def test_calendar_follows_the_plans_reporting_obligations(
    client_coordinator, province_committee, dept_a, plan
) -> None:
    from cchc.plans.models import ReportingObligation

    ReportingObligation.objects.create(
        plan=plan, period="half_year", deadline_text="trước ngày 05/6", deadline_day=5, deadline_month=6
    )
    ReportingObligation.objects.create(
        plan=plan,
        period="quarter",
        deadline_text="trước ngày 08 tháng cuối của quý",
        deadline_day=8,
        deadline_relative="last_month_of_period",
    )

    client_coordinator.post(reverse("reports:calendar_build"), {"year": 2026})

    lines = ReportRequirement.objects.filter(plan=plan, unit=dept_a).order_by("due_date")
    assert [(line.period.label, line.due_date) for line in lines] == [
        ("Quý I/2026", date(2026, 3, 8)),
        ("6 tháng đầu năm 2026", date(2026, 6, 5)),
        ("Quý II/2026", date(2026, 6, 8)),
        ("Quý III/2026", date(2026, 9, 8)),
        ("Quý IV/2026", date(2026, 12, 8)),
    ]


def test_calendar_build_with_a_wrong_year_saves_nothing(client_coordinator) -> None:
    response = client_coordinator.post(reverse("reports:calendar_build"), {"year": 2010}, follow=True)

    assert "NĐ 09/2019 áp dụng từ năm 2019" in response.content.decode()
    assert not ReportRequirement.objects.exists()


def test_draft_button_opens_the_report(client_officer_a, line, task, dept_a) -> None:
    add(task, dept_a, date(2026, 5, 5), quantity=3)

    response = client_officer_a.post(reverse("reports:report_draft", args=[line.pk]))

    report = Report.objects.get()
    assert response.url == reverse("reports:report_detail", args=[report.pk])
    page = client_officer_a.get(response.url).content.decode()
    assert "I. KẾT QUẢ THỰC HIỆN" in page
    assert 'data-line="articles"' in page
    assert "Cập nhật số liệu" in page


def test_edit_saves_the_narrative_and_an_indicator(client_officer_a, draft) -> None:
    data = {
        "number": "15/BC-SNV",  # ignored: the number comes with the signature when the report is sent
        "section_shortcomings": "Một số đơn vị cập nhật chậm.",
        "section_proposals": "Đề nghị tập huấn.",
        "indicator_0_name": "SIPAS",
        "indicator_0_value": "86,5",
        "indicator_0_unit": "%",
        "indicator_0_source": "QĐ công bố SIPAS 2025",
    }

    response = client_officer_a.post(reverse("reports:report_edit", args=[draft.pk]), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.number == ""
    assert {s["key"]: s["text"] for s in draft.sections}["proposals"] == "Đề nghị tập huấn."
    assert draft.indicators[0]["source"] == "QĐ công bố SIPAS 2025"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"indicator_0_name": "SIPAS", "indicator_0_value": "86"}, "Ghi nguồn số liệu"),
        (
            {"indicator_0_name": "SIPAS", "indicator_0_value": "cao", "indicator_0_source": "x"},
            "Giá trị phải là số",
        ),
        ({"indicator_0_value": "80", "indicator_0_source": "x"}, "Ghi tên chỉ số"),
    ],
)
def test_invalid_indicator_is_refused_and_nothing_saved(client_officer_a, draft, data, message) -> None:
    data = {"section_proposals": "Không được lưu", **data}

    response = client_officer_a.post(reverse("reports:report_edit", args=[draft.pk]), data)

    assert response.status_code == 422
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert {s["key"]: s["text"] for s in draft.sections}["proposals"] == ""
    assert draft.indicators == []


def test_refresh_button_recounts(client_officer_a, draft, task, dept_a) -> None:
    add(task, dept_a, date(2026, 6, 14), quantity=6)

    response = client_officer_a.post(reverse("reports:report_refresh", args=[draft.pk]))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.figures["forms"]["articles"] == 10


def test_submit_twice_says_it_was_already_sent(client_officer_a, draft) -> None:
    url = reverse("reports:report_submit", args=[draft.pk])
    client_officer_a.post(url, send_data())

    response = client_officer_a.post(url, send_data(), follow=True)

    assert "không gửi lại lần nữa" in response.content.decode()
    assert draft.events.filter(kind=ReviewEvent.Kind.SUBMIT).count() == 1


def test_return_without_comment_is_refused(client_officer_a, client_coordinator, draft) -> None:
    client_officer_a.post(reverse("reports:report_submit", args=[draft.pk]), send_data())

    response = client_coordinator.post(reverse("reports:report_return", args=[draft.pk]), {"comment": "  "})

    assert response.status_code == 422
    assert "Vui lòng ghi rõ lý do trả lại" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Report.Status.SUBMITTED


def test_accepting_a_draft_is_refused_with_a_message(client_coordinator, draft) -> None:
    response = client_coordinator.post(reverse("reports:report_accept", args=[draft.pk]))

    assert response.status_code == 422
    assert "Chỉ tiếp nhận được báo cáo đã gửi" in response.content.decode()


def test_review_page_shows_the_history_with_the_comment(client_officer_a, client_coordinator, draft) -> None:
    client_officer_a.post(reverse("reports:report_submit", args=[draft.pk]), send_data())
    client_coordinator.post(
        reverse("reports:report_return", args=[draft.pk]), {"comment": "Thiếu minh chứng hội nghị."}
    )

    page = client_officer_a.get(reverse("reports:report_detail", args=[draft.pk])).content.decode()

    assert "Thiếu minh chứng hội nghị." in page
    assert "Ký, cấp số và gửi lại" in page


def test_due_date_edit_inline(client_coordinator, line) -> None:
    url = reverse("reports:requirement_edit", args=[line.pk])

    response = client_coordinator.post(url, {"due_date": "2026-06-25"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "25/06/2026" in response.content.decode()
    line.refresh_from_db()
    assert line.due_date == date(2026, 6, 25)


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "Chọn hạn gửi."), ("2026-13-40", "Ngày không hợp lệ."), ("2026-06-01", "sau ngày chốt số liệu")],
)
def test_due_date_invalid_is_refused(client_coordinator, line, value, message) -> None:
    response = client_coordinator.post(
        reverse("reports:requirement_edit", args=[line.pk]), {"due_date": value}
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    line.refresh_from_db()
    assert line.due_date == date(2026, 6, 20)


def test_docx_download_is_an_official_document(client_officer_a, draft) -> None:
    response = client_officer_a.get(reverse("reports:report_docx", args=[draft.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        xml = docx.read("word/document.xml").decode()
    assert "BÁO CÁO" in xml.upper()
    assert "Kết quả theo hình thức tuyên truyền" in xml


def test_xlsx_download_holds_the_figures(client_officer_a, draft) -> None:
    response = client_officer_a.get(reverse("reports:report_xlsx", args=[draft.pk]))

    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Tong hop"].iter_rows(values_only=True))
    assert any(row[0] and row[0].startswith("Tin, bài") and row[2] == 4 for row in rows)
    assert workbook.sheetnames == ["Tong hop", "Kenh", "Nhiem vu", "Don vi", "Hoat dong"]


def test_aggregate_page_shows_rates_and_statuses(
    client_coordinator, client_officer_a, draft, province, q2
) -> None:
    client_officer_a.post(reverse("reports:report_submit", args=[draft.pk]), send_data())

    page = client_coordinator.get(
        reverse("reports:aggregate", args=[q2.pk]) + f"?don-vi={province.pk}"
    ).content.decode()

    assert "Tổng hợp báo cáo Quý II/2026" in page
    assert "100.0%" in page or "100,0%" in page
    assert "Đã gửi" in page


def test_remind_button_notifies_missing_units(client_coordinator, line, officer_a, q2, province) -> None:
    from cchc.notifications.models import Notification

    response = client_coordinator.post(
        reverse("reports:aggregate_remind", args=[q2.pk]), {"don-vi": province.pk}, follow=True
    )

    assert "Đã gửi nhắc nhở" in response.content.decode()
    assert Notification.objects.filter(user=officer_a).exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("reports:report_submit", "get"),
        ("reports:report_return", "get"),
        ("reports:report_accept", "get"),
        ("reports:report_refresh", "get"),
        ("reports:report_edit", "get"),
        ("reports:report_draft", "get"),
        ("reports:report_detail", "post"),
        ("reports:report_docx", "post"),
        ("reports:report_xlsx", "post"),
    ],
)
def test_wrong_method_is_405(client_officer_a, draft, line, name, method) -> None:
    pk = line.pk if name == "reports:report_draft" else draft.pk

    assert getattr(client_officer_a, method)(reverse(name, args=[pk])).status_code == 405


def test_wrong_method_on_lists_is_405(client_coordinator, q2) -> None:
    assert client_coordinator.post(reverse("reports:calendar")).status_code == 405
    assert client_coordinator.get(reverse("reports:calendar_build")).status_code == 405
    assert client_coordinator.post(reverse("reports:aggregate", args=[q2.pk])).status_code == 405
    assert client_coordinator.get(reverse("reports:aggregate_remind", args=[q2.pk])).status_code == 405


def _count_queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["aggregate", "calendar"])
def test_pages_cost_the_same_queries_for_1_and_10_units(page) -> None:
    counts = []
    for size in (1, 10):
        tree = make_tree(communes=size)
        q2 = ReportingPeriod.get("quarter", 2026, 2)
        calendar(tree, q2, date(2026, 6, 18))
        for index, commune in enumerate(tree.communes):
            report = services.draft_report(commune, q2, None, by=tree.users[f"commune{index}"])
            submit(report, by=tree.users[f"commune{index}"])
        client = Client()
        client.force_login(tree.users["district"])
        url = (
            reverse("reports:aggregate", args=[q2.pk])
            if page == "aggregate"
            else reverse("reports:calendar") + "?nam=2026"
        )
        counts.append(_count_queries(client, url))
    assert counts[0] == counts[1]


def test_coordinator_drafts_the_provinces_aggregate_from_the_aggregate_page(
    client_officer_a, client_coordinator, draft, province, q2
) -> None:
    own = services.add_requirement(province, q2, recipient=None, due_date=date(2026, 6, 20))
    client_officer_a.post(reverse("reports:report_submit", args=[draft.pk]), send_data())
    client_coordinator.post(reverse("reports:report_accept", args=[draft.pk]))
    page = client_coordinator.get(reverse("reports:aggregate", args=[q2.pk]) + f"?don-vi={province.pk}")
    assert reverse("reports:report_draft", args=[own.pk]) in page.content.decode()

    response = client_coordinator.post(reverse("reports:report_draft", args=[own.pk]))

    aggregate = Report.objects.get(unit=province)
    assert response.url == reverse("reports:report_detail", args=[aggregate.pk])
    assert aggregate.figures["forms"]["articles"] == 4
    assert [c["unit"] for c in aggregate.figures["children"]] == [draft.unit.name]
    body = client_coordinator.get(response.url).content.decode()
    assert 'id="children-table"' in body
