"""The self-assessment goes to appraisal as an official report: signed, numbered from the unit's register
(the .docx stored there) or with its own system's number; a bad signature sends nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from cchc.core.errors import DomainError
from cchc.documents.models import RegisterCounter, RegisteredDocument
from cchc.evaluation.services import score_unit
from tests.docx_text import docx_text
from tests.evaluation.factories import sample_year, send
from tests.reports.factories import send_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(province_committee, dept_a):
    sample_year(province_committee, dept_a, 2026)
    return score_unit(dept_a, 2026, by=None, on=date(2026, 11, 28))


def test_sending_numbers_signs_and_stores_the_report(sheet, officer_a) -> None:
    send(sheet, by=officer_a, signer_name="Trần Thị Bình")

    sheet.refresh_from_db()
    assert sheet.number == "01/BC-SNV"
    document = sheet.document
    assert (document.kind, document.unit_id, document.display_number) == (
        "report",
        sheet.unit_id,
        "01/BC-SNV",
    )
    assert document.title.startswith("Báo cáo kết quả tự chấm điểm")
    with document.file.open("rb") as handle:
        text = docx_text(handle.read())
    assert "Số: 01/BC-SNV" in text
    assert "Trần Thị Bình" in text
    assert "Kết quả tự chấm điểm tiêu chí công tác tuyên truyền" in text


def test_a_number_from_the_units_own_system_takes_none_from_the_register(sheet, officer_a) -> None:
    send(sheet, by=officer_a, symbol="", given_number="7/BC-SNV")

    sheet.refresh_from_db()
    assert (sheet.number, sheet.document) == ("07/BC-SNV", None)
    assert not RegisterCounter.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"signer_title": ""}, "họ tên và chức vụ"),
        ({"issue_date": date.today() + timedelta(days=1)}, "chưa đến"),
        ({"issue_date": date(2025, 12, 31)}, "trước kỳ báo cáo"),
        ({"symbol": "BC/SNV"}, "không đúng quy định"),
    ],
)
def test_a_bad_signature_sends_nothing(sheet, officer_a, changes, message) -> None:
    with pytest.raises(DomainError, match=message):
        send(sheet, by=officer_a, **changes)

    sheet.refresh_from_db()
    assert (sheet.sent_at, sheet.number, sheet.signer_name) == (None, "", "")
    assert not RegisteredDocument.objects.exists()


def test_the_page_refuses_a_missing_signer_and_keeps_the_sheet_unsent(
    client_officer_a, sheet, dept_a
) -> None:
    url = reverse("evaluation:score_send", kwargs={"pk": dept_a.pk, "year": 2026})

    response = client_officer_a.post(url, {"bang": sheet.pk, **send_data(signer_name="")})

    assert response.status_code == 422
    body = response.content.decode()
    assert "Vui lòng nhập họ tên người ký." in body
    assert 'id="send-form"' in body
    sheet.refresh_from_db()
    assert sheet.sent_at is None


def test_the_docx_of_the_sent_sheet_carries_its_number_and_signature(
    client_officer_a, officer_a, sheet, dept_a
) -> None:
    send(sheet, by=officer_a)
    url = reverse("evaluation:score_sheet_docx", kwargs={"pk": dept_a.pk, "year": 2026})

    text = docx_text(client_officer_a.get(url + f"?bang={sheet.pk}").content)

    assert "Số: 01/BC-SNV" in text
    assert "Trần Thị Bình" in text


def test_sending_tells_the_appraisers_above_and_appraising_tells_the_unit(
    sheet, officer_a, coordinator, leader
) -> None:
    from cchc.evaluation.services import appraise_sheet, stored_result
    from cchc.notifications.models import Notification

    send(sheet, by=officer_a)

    told = set(Notification.objects.values_list("user__username", flat=True))
    # The province's leader appraises dept_a; its own coordinator (Sở Nội vụ) and officer do not.
    assert told == {leader.username}
    assert Notification.objects.get().link.endswith(f"?bang={sheet.pk}")

    points = {line.code: line.points_display for line in stored_result(sheet).lines}
    appraise_sheet(sheet, points=points, reasons={}, by=leader)

    told = set(Notification.objects.exclude(user=leader).values_list("user__username", flat=True))
    assert told == {officer_a.username, coordinator.username}


def test_a_sheet_sent_by_mistake_is_withdrawn_and_another_sent_with_a_new_number(
    client_officer_a, officer_a, leader, sheet, dept_a
) -> None:
    from cchc.evaluation.services import sent_sheet
    from cchc.notifications.models import Notification

    send(sheet, by=officer_a)
    url = reverse("evaluation:score_withdraw", kwargs={"pk": dept_a.pk, "year": 2026})
    page = client_officer_a.get(reverse("evaluation:score_sheet", kwargs={"pk": dept_a.pk, "year": 2026}))
    assert 'id="withdraw-sheet"' in page.content.decode()

    response = client_officer_a.post(url, follow=True)

    assert "Đã rút lại bảng điểm gửi thẩm định (số 01/BC-SNV)" in response.content.decode()
    assert "Đã rút lại" in response.content.decode()
    assert sent_sheet(dept_a, 2026) is None
    assert Notification.objects.filter(user=leader, title__contains="rút lại").exists()
    # Twice: harmless.
    assert (
        "Không có bảng điểm nào đang chờ thẩm định"
        in client_officer_a.post(url, follow=True).content.decode()
    )
    newer = score_unit(dept_a, 2026, by=None, on=date(2026, 11, 28))
    send(newer, by=officer_a)
    newer.refresh_from_db()
    assert newer.number == "02/BC-SNV"


def test_an_appraised_sheet_cannot_be_withdrawn(client_officer_a, officer_a, leader, sheet, dept_a) -> None:
    from cchc.evaluation.services import appraise_sheet, stored_result

    send(sheet, by=officer_a)
    appraise_sheet(
        sheet,
        points={line.code: line.points_display for line in stored_result(sheet).lines},
        reasons={},
        by=leader,
    )

    response = client_officer_a.post(
        reverse("evaluation:score_withdraw", kwargs={"pk": dept_a.pk, "year": 2026})
    )

    assert response.status_code == 422
    assert "không rút lại được" in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.sent_at is not None
