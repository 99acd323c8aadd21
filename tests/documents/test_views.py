"""The documents pages: issue form, amend, downloads, PDF with and without LibreOffice, the register, the plan
panel, and query counts that do not grow with the data."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.documents import services
from cchc.documents.models import RegisterCounter, RegisteredDocument
from cchc.documents.pdf import pdf_available
from cchc.plans.models import Plan
from tests.activities.factories import add_activity
from tests.plans.factories import make_plan, make_task

pytestmark = pytest.mark.django_db

FORM = {
    "symbol": "KH-UBND",
    "issue_date": "2026-02-05",
    "place": "Khánh Hòa",
    "authority": "TM.",
    "authority_body": "ỦY BAN NHÂN DÂN",
    "signer_title": "Chủ tịch",
    "signer_name": "Trần Văn Cường",
    "recipients": "- Bộ Nội vụ;\n- Các sở, ban, ngành;\n- Lưu: VT, NV.",
}


@pytest.fixture
def issued(draft_plan, coordinator, issue_values):
    return services.issue_plan(draft_plan, by=coordinator, **issue_values)


def _count(client, url: str, data: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return len(queries)


def test_issue_form_offers_the_units_symbol_and_the_next_number(client_coordinator, draft_plan):
    page = client_coordinator.get(reverse("documents:plan_issue", args=[draft_plan.pk])).content.decode()

    assert 'value="KH-UBND"' in page
    assert "01/KH-UBND" in page
    assert 'value="ỦY BAN NHÂN DÂN"' in page


def test_issuing_from_the_form_issues_and_returns_to_the_plan(client_coordinator, draft_plan):
    response = client_coordinator.post(
        reverse("documents:plan_issue", args=[draft_plan.pk]), FORM, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("plans:plan_detail", args=[draft_plan.pk])
    assert "Đã ban hành kế hoạch số 01/KH-UBND" in response.content.decode()
    plan = Plan.objects.get(pk=draft_plan.pk)
    assert (plan.status, plan.number, plan.signer_name, plan.authority) == (
        "issued",
        "01/KH-UBND",
        "Trần Văn Cường",
        "TM.",
    )
    assert plan.recipients == ["Bộ Nội vụ", "Các sở, ban, ngành", "Lưu: VT, NV"]


def test_a_double_submit_issues_once(client_coordinator, draft_plan):
    url = reverse("documents:plan_issue", args=[draft_plan.pk])
    client_coordinator.post(url, FORM)

    response = client_coordinator.post(url, {**FORM, "signer_name": "Người khác"}, follow=True)

    assert "đã được ban hành với số 01/KH-UBND" in response.content.decode()
    assert RegisteredDocument.objects.count() == 1
    assert Plan.objects.get(pk=draft_plan.pk).signer_name == "Trần Văn Cường"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"signer_name": ""}, "Vui lòng nhập họ tên người ký."),
        ({"symbol": "KH UBND"}, "Ký hiệu không đúng quy định"),
        ({"issue_date": "2030-01-01"}, "phải ban hành trong năm 2025 hoặc 2026"),
        ({"authority_body": ""}, "Ký thay mặt (TM.) cần ghi tên tập thể"),
        ({"issue_date": "35/02/2026"}, "Ngày không hợp lệ."),
    ],
)
def test_invalid_issue_input_is_shown_in_vietnamese_and_nothing_is_saved(
    client_coordinator, draft_plan, change, message
):
    response = client_coordinator.post(
        reverse("documents:plan_issue", args=[draft_plan.pk]), {**FORM, **change}
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert Plan.objects.get(pk=draft_plan.pk).status == "draft"
    assert not RegisterCounter.objects.exists()


def test_issue_page_answers_put_with_405(client_coordinator, draft_plan):
    assert client_coordinator.put(reverse("documents:plan_issue", args=[draft_plan.pk])).status_code == 405


def test_amending_from_the_plan_opens_the_new_draft(client_coordinator, issued):
    response = client_coordinator.post(reverse("documents:plan_amend", args=[issued.plan.pk]))

    amendment = Plan.objects.get(amends=issued.plan)
    assert response.status_code == 302
    assert response.url == reverse("plans:plan_detail", args=[amendment.pk])
    assert amendment.status == "draft"


def test_amending_a_draft_says_why_not(client_coordinator, draft_plan):
    response = client_coordinator.post(reverse("documents:plan_amend", args=[draft_plan.pk]), follow=True)

    assert "Chỉ điều chỉnh, bổ sung được kế hoạch đã ban hành" in response.content.decode()
    assert not Plan.objects.filter(amends=draft_plan).exists()


def test_amend_answers_get_with_405(client_coordinator, issued):
    assert client_coordinator.get(reverse("documents:plan_amend", args=[issued.plan.pk])).status_code == 405


def test_the_issued_docx_downloads_with_a_clerks_file_name(client_officer_a, issued):
    response = client_officer_a.get(reverse("documents:document_download", args=[issued.document.pk]))

    assert 'filename="KH-01-UBND-2026.docx"' in response["Content-Disposition"]
    word = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert word.sections[0].page_width.mm == pytest.approx(210, abs=1)


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice is not installed")
def test_the_pdf_is_made_from_the_issued_docx(client_officer_a, issued):
    response = client_officer_a.get(reverse("documents:document_pdf", args=[issued.document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_pdf_is_converted_once_and_then_served_from_storage(client_officer_a, issued, monkeypatch):
    calls = []

    def convert(data: bytes, **kwargs) -> bytes:
        calls.append(len(data))
        return b"%PDF-1.7 converted"

    monkeypatch.setattr("cchc.documents.services.docx_to_pdf", convert)
    url = reverse("documents:document_pdf", args=[issued.document.pk])

    first = client_officer_a.get(url)
    second = client_officer_a.get(url)

    assert first.content == second.content == b"%PDF-1.7 converted"
    assert len(calls) == 1
    assert second["Content-Disposition"] == 'inline; filename="KH-01-UBND-2026.pdf"'


def test_without_libreoffice_the_pdf_page_says_so_and_links_the_docx(client_officer_a, issued, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")

    response = client_officer_a.get(reverse("documents:document_pdf", args=[issued.document.pk]))

    assert response.status_code == 503
    page = response.content.decode()
    assert "chưa cài LibreOffice" in page
    assert reverse("documents:document_download", args=[issued.document.pk]) in page


def test_without_libreoffice_the_plan_panel_disables_the_pdf_button(client_officer_a, issued, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")

    page = client_officer_a.get(
        reverse("documents:plan_panel", args=[issued.plan.pk]), HTTP_HX_REQUEST="true"
    )

    html = page.content.decode()
    assert "disabled" in html
    assert "máy chủ chưa cài LibreOffice" in html
    assert reverse("documents:document_download", args=[issued.document.pk]) in html
    assert reverse("documents:document_pdf", args=[issued.document.pk]) not in html


def test_the_plan_page_loads_the_documents_panel(client_coordinator, draft_plan):
    page = client_coordinator.get(reverse("plans:plan_detail", args=[draft_plan.pk])).content.decode()

    assert reverse("documents:plan_panel", args=[draft_plan.pk]) in page


def test_the_panel_of_a_draft_offers_to_issue_to_its_coordinator_only(
    client_coordinator, client_officer_a, draft_plan
):
    url = reverse("documents:plan_panel", args=[draft_plan.pk])
    issue_url = reverse("documents:plan_issue", args=[draft_plan.pk])

    assert issue_url in client_coordinator.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert issue_url not in client_officer_a.get(url, HTTP_HX_REQUEST="true").content.decode()


def test_the_panel_of_an_issued_plan_shows_the_number_and_the_amendment(
    client_coordinator, issued, coordinator
):
    amendment = services.amend_plan(issued.plan, by=coordinator)

    html = client_coordinator.get(reverse("documents:plan_panel", args=[issued.plan.pk])).content.decode()

    assert "01/KH-UBND" in html
    assert "Nội dung đã khóa" in html
    assert reverse("plans:plan_detail", args=[amendment.pk]) in html
    assert reverse("documents:plan_amend", args=[issued.plan.pk]) in html


def test_an_issued_plan_shows_no_task_edit_buttons_and_refuses_edits(client_coordinator, issued):
    task = issued.plan.tasks.first()
    page = client_coordinator.get(reverse("plans:plan_detail", args=[issued.plan.pk])).content.decode()

    assert reverse("plans:task_edit", args=[task.pk]) not in page
    response = client_coordinator.post(
        reverse("plans:task_edit", args=[task.pk]), {"title": "Đổi", "timeframe_kind": "unknown"}
    )
    assert response.status_code == 422
    task.refresh_from_db()
    assert task.title == "Nhiệm vụ tuyên truyền 1"


def test_the_register_lists_the_issued_documents(client_officer_a, issued):
    page = client_officer_a.get(reverse("documents:register")).content.decode()

    assert "01/KH-UBND" in page
    assert issued.plan.title in page


def test_the_register_filters_by_year(client_coordinator, issued):
    page = client_coordinator.get(reverse("documents:register"), {"nam": "2025"}).content.decode()

    assert "01/KH-UBND" not in page


def test_register_queries_do_not_grow_with_documents(
    client_coordinator, province_committee, dept_a, coordinator, issue_values
):
    def issue_one() -> None:
        plan = make_plan(province_committee, tasks=1, units=[dept_a], status="draft", number="", symbol="")
        services.issue_plan(plan, by=coordinator, **issue_values)

    issue_one()
    one = _count(client_coordinator, reverse("documents:register"))
    for _ in range(5):
        issue_one()

    assert _count(client_coordinator, reverse("documents:register")) == one


def test_plan_tasks_xlsx_queries_do_not_grow_with_tasks(
    client_coordinator, province_committee, dept_a, dept_b
):
    small = make_plan(province_committee, tasks=1, units=[dept_a])
    large = make_plan(province_committee, tasks=20, units=[dept_a, dept_b])

    assert _count(client_coordinator, reverse("documents:plan_tasks_xlsx", args=[small.pk])) == _count(
        client_coordinator, reverse("documents:plan_tasks_xlsx", args=[large.pk])
    )


def test_activities_xlsx_queries_do_not_grow_with_activities(client_coordinator, plan, dept_a):
    task = plan.tasks.get()
    add_activity(task, dept_a, date(2026, 1, 5))
    one = _count(client_coordinator, reverse("documents:activities_xlsx"))
    for day in range(1, 11):
        add_activity(task, dept_a, date(2026, 2, day))

    assert _count(client_coordinator, reverse("documents:activities_xlsx")) == one


def test_progress_xlsx_queries_do_not_grow_with_units(client_coordinator, province_committee, dept_a, dept_b):
    small = make_plan(province_committee, tasks=1, units=[dept_a])
    large = make_plan(province_committee, tasks=5, units=[dept_a, dept_b])
    make_task(large, units=[dept_b], position=5)

    assert _count(client_coordinator, reverse("documents:plan_progress_xlsx", args=[small.pk])) == _count(
        client_coordinator, reverse("documents:plan_progress_xlsx", args=[large.pk])
    )


def test_the_activity_list_links_the_export_with_its_filters(client_coordinator, plan, dept_a):
    add_activity(plan.tasks.get(), dept_a, date(2026, 3, 10))

    page = client_coordinator.get(
        reverse("activities:activity_list"), {"date_from": "2026-03-01"}
    ).content.decode()

    assert reverse("documents:activities_xlsx") + "?date_from=2026-03-01" in page
