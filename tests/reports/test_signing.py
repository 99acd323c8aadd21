"""A report is sent as an official document: signed, numbered from the unit's register (or with the number
its own document system gave), stored as .docx; a resubmission is a new document with a new number."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from cchc.core.errors import DomainError
from cchc.documents.models import RegisterCounter, RegisteredDocument
from cchc.reports import exports, services
from cchc.reports.models import Report, ReportingPeriod, ReviewEvent
from tests.docx_text import docx_text
from tests.reports.factories import send_data, signature, submit

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, month: int = 6) -> datetime:
    return datetime(2026, month, day, 9, tzinfo=VN)


@pytest.fixture
def report(officer_a, dept_a, province) -> Report:
    q2 = ReportingPeriod.get("quarter", 2026, 2)
    services.add_requirement(dept_a, q2, recipient=province, due_date=date(2026, 6, 18))
    return services.draft_report(dept_a, q2, None, by=officer_a)


def test_sending_numbers_the_report_from_the_register_and_stores_the_signed_docx(report, officer_a) -> None:
    submit(report, by=officer_a, now=at(16), symbol="BC-SNV", signer_name="Trần Thị Bình")

    report.refresh_from_db()
    assert report.number == "01/BC-SNV"
    assert (report.issue_date, report.signer_name, report.authority) == (
        date(2026, 6, 16),
        "Trần Thị Bình",
        "KT.",
    )
    document = report.document
    assert (document.kind, document.display_number, document.unit_id) == (
        "report",
        "01/BC-SNV",
        report.unit_id,
    )
    assert document.title == report.title
    text = docx_text(exports.report_docx(report))
    assert "Số: 01/BC-SNV" in text
    assert "Trần Thị Bình" in text
    assert "KT." in text
    assert "ngày 16 tháng 6 năm 2026" in text
    assert report.events.get(kind=ReviewEvent.Kind.SUBMIT).number == "01/BC-SNV"


def test_a_resubmission_is_a_new_document_with_the_next_number(report, officer_a, coordinator) -> None:
    submit(report, by=officer_a, now=at(16), symbol="BC-SNV")
    services.return_report(report, by=coordinator, comment="Bổ sung minh chứng.", now=at(17))

    submit(report, by=officer_a, now=at(19), symbol="BC-SNV")

    report.refresh_from_db()
    assert report.number == "02/BC-SNV"
    numbers = list(report.events.exclude(number="").values_list("kind", "number"))
    assert numbers == [(ReviewEvent.Kind.SUBMIT, "01/BC-SNV"), (ReviewEvent.Kind.RESUBMIT, "02/BC-SNV")]
    assert RegisteredDocument.objects.filter(unit=report.unit, kind="report").count() == 2


def test_a_number_given_by_the_units_own_system_is_kept_and_takes_none_from_the_register(
    report, officer_a
) -> None:
    submit(report, by=officer_a, now=at(16), symbol="", given_number="125 / BC-SNV")

    report.refresh_from_db()
    assert report.number == "125/BC-SNV"
    assert report.document is None
    assert not RegisterCounter.objects.exists()
    assert "Số: 125/BC-SNV" in docx_text(exports.report_docx(report))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"signer_name": " "}, "họ tên và chức vụ"),
        ({"symbol": "BC UBND"}, "không đúng quy định"),
        ({"given_number": "BC-UBND"}, "không đúng dạng"),
        ({"authority": "TM.", "authority_body": ""}, "tên tập thể"),
        ({"authority": "XX."}, "Thẩm quyền"),
        ({"issue_date": date(2026, 6, 17)}, "chưa đến"),
        ({"issue_date": date(2026, 1, 5)}, "trước kỳ báo cáo"),
    ],
)
def test_a_bad_signature_is_refused_and_nothing_is_saved(report, officer_a, changes, message) -> None:
    with pytest.raises(DomainError, match=message):
        services.submit_report(
            report, by=officer_a, signature=signature(report, date(2026, 6, 16), **changes), now=at(16)
        )

    report.refresh_from_db()
    assert (report.status, report.number, report.signer_name, report.document_id) == ("draft", "", "", None)
    assert not RegisterCounter.objects.exists()
    assert not RegisteredDocument.objects.exists()
    assert not report.events.filter(kind=ReviewEvent.Kind.SUBMIT).exists()


def test_a_failure_while_storing_the_document_rolls_back_the_number_and_the_submission(
    report, officer_a, monkeypatch
) -> None:
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("cchc.documents.services.build_report_docx", broken)

    with pytest.raises(OSError):
        submit(report, by=officer_a, now=at(16))

    report.refresh_from_db()
    assert (report.status, report.number) == ("draft", "")
    assert not RegisterCounter.objects.filter(last_number__gt=0).exists()


def test_double_send_takes_one_number(report, officer_a) -> None:
    submit(report, by=officer_a, now=at(16))
    assert submit(report, by=officer_a, now=at(16)) is None

    assert RegisteredDocument.objects.count() == 1
    assert RegisterCounter.objects.get().last_number == 1


def test_the_form_starts_from_the_units_last_signature(report, officer_a, dept_a, province) -> None:
    submit(report, by=officer_a, now=at(16), symbol="BC-SNV", signer_name="Trần Thị Bình")
    q3 = ReportingPeriod.get("quarter", 2026, 3)
    services.add_requirement(dept_a, q3, recipient=province, due_date=date(2026, 9, 18))
    next_report = services.draft_report(dept_a, q3, None, by=officer_a)

    initial = services.signature_initial(next_report.unit, next_report)

    assert (initial["symbol"], initial["signer_name"], initial["authority"]) == (
        "BC-SNV",
        "Trần Thị Bình",
        "KT.",
    )
    assert "Trần Thị Bình" in services.signer_suggestions(dept_a)["names"]


def test_draft_docx_is_unnumbered_and_the_sent_one_is_the_stored_file(report, officer_a) -> None:
    assert "Số:" in docx_text(exports.report_docx(report))
    assert "01/BC" not in docx_text(exports.report_docx(report))
    submit(report, by=officer_a, now=at(16), symbol="BC-SNV")
    report.refresh_from_db()

    with report.document.file.open("rb") as handle:
        stored = handle.read()
    assert exports.report_docx(report) == stored


# --- the page ------------------------------------------------------------------------------------------------


def test_page_sends_with_the_signature_and_shows_the_number(client_officer_a, report) -> None:
    url = reverse("reports:report_submit", args=[report.pk])
    page = client_officer_a.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert 'id="send-form"' in page
    assert "01/BC-SNV" in page  # the number the register would give

    response = client_officer_a.post(url, send_data(symbol="BC-SNV"), follow=True)

    body = response.content.decode()
    assert "Đã gửi báo cáo số 01/BC-SNV" in body
    assert 'id="signed"' in body
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


def test_page_refuses_a_missing_signer_and_keeps_what_was_typed(client_officer_a, report) -> None:
    url = reverse("reports:report_submit", args=[report.pk])

    response = client_officer_a.post(url, send_data(signer_name="", symbol="BC-SNV", place="Nha Trang"))

    assert response.status_code == 422
    body = response.content.decode()
    assert "Vui lòng nhập họ tên người ký." in body
    assert 'value="Nha Trang"' in body
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_page_refuses_a_future_date_with_the_services_message(client_officer_a, report) -> None:
    url = reverse("reports:report_submit", args=[report.pk])

    response = client_officer_a.post(url, send_data(issue_date="2099-01-01"))

    assert response.status_code == 422
    assert "chưa đến" in response.content.decode()
    assert not RegisteredDocument.objects.exists()


def test_page_asks_for_the_given_number_when_the_unit_numbers_elsewhere(client_officer_a, report) -> None:
    url = reverse("reports:report_submit", args=[report.pk])

    response = client_officer_a.post(url, send_data(numbering="given", given_number=""))

    assert response.status_code == 422
    assert "Vui lòng nhập số, ký hiệu đã cấp" in response.content.decode()


def test_another_units_officer_cannot_send(client_officer_b, report) -> None:
    response = client_officer_b.post(reverse("reports:report_submit", args=[report.pk]), send_data())

    assert response.status_code in (403, 404)
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
