"""One quarter end to end in Chromium: the officer drafts and submits, the coordinator returns it with a
comment, the officer resubmits, the coordinator accepts, and the aggregate shows it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from cchc.reports.periods import period_holding
from tests.browser_session import open_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quarter(officer_a, coordinator, dept_a, province, task):
    from cchc.reports import services
    from cchc.reports.models import ReportingPeriod
    from tests.reports.factories import add

    today = date.today()
    held = period_holding("quarter", today)
    quarter = ReportingPeriod.get("quarter", held.year, held.index)
    services.add_requirement(
        dept_a, quarter, recipient=province, due_date=today + timedelta(days=10), basis="Chế độ báo cáo CCHC"
    )

    def day(offset: int) -> date:  # inside the window, never after today
        return min(quarter.start + timedelta(days=offset), today)

    add(
        task, dept_a, quarter.start - timedelta(days=1), quantity=50
    )  # before the cut-off window: not counted
    add(task, dept_a, day(20), quantity=3)
    add(task, dept_a, day(48), quantity=2, measure="conferences", channel="conference", reach=120)
    add(task, dept_a, day(66), quantity=20, measure="minutes", channel="radio")
    return quarter


def test_one_quarter_end_to_end(browser, live_server, shot, quarter, province):
    from cchc.reports.models import Report

    officer = open_as(browser, live_server.url, "canbo_a")
    officer.get_by_role("button", name="Báo cáo").click()
    officer.get_by_role("link", name="Lịch và báo cáo định kỳ").click()
    officer.wait_for_url(re.compile(r"/bao-cao/$"))
    officer.goto(f"{live_server.url}/bao-cao/?nam={quarter.year}")
    shot(officer, "report-01-calendar")
    officer.get_by_role("button", name="Soạn báo cáo").click()
    officer.wait_for_url(re.compile(r"/bao-cao/\d+/$"))
    forms = officer.locator("#forms-table")
    assert forms.locator("tr[data-line='articles'] td").last.inner_text() == "3"
    assert forms.locator("tr[data-line='conferences'] td").last.inner_text() == "2"
    assert forms.locator("tr[data-line='participants'] td").last.inner_text() == "120"
    assert forms.locator("tr[data-line='broadcast_minutes'] td").last.inner_text() == "20"
    officer.get_by_label("Nội dung").nth(2).fill("Tiếp tục đăng tin, bài về cải cách hành chính mỗi tháng.")
    officer.locator("input[name='indicator_0_name']").fill("SIPAS")
    officer.locator("input[name='indicator_0_value']").fill("86,5")
    officer.locator("input[name='indicator_0_unit']").fill("%")
    officer.locator("input[name='indicator_0_source']").fill("Quyết định công bố SIPAS 2025 của Bộ Nội vụ")
    officer.get_by_role("button", name="Lưu nội dung").click()
    officer.get_by_text("Đã lưu nội dung báo cáo.").wait_for()
    shot(officer, "report-02-draft")
    officer.get_by_role("link", name="Ký, cấp số và gửi").click()
    send = officer.locator("#send-form")
    assert "01/BC-SNV" in send.inner_text()  # the register's next number, previewed
    send.get_by_label("Thẩm quyền ký").select_option("KT.")
    send.get_by_label("Chức vụ người ký").fill("Phó Giám đốc")
    send.get_by_label("Họ và tên người ký").fill("Trần Thị Bình")
    shot(officer, "report-03a-signature")
    send.get_by_role("button", name="Ký, cấp số và gửi").click()
    officer.get_by_text("Đã gửi báo cáo số 01/BC-SNV đến").wait_for()
    shot(officer, "report-03-submitted", full_page=False)
    report = Report.objects.get()
    assert report.status == Report.Status.SUBMITTED
    assert (report.number, report.signer_name) == ("01/BC-SNV", "Trần Thị Bình")
    with officer.expect_download() as download:
        officer.get_by_role("link", name="Tải .docx").click()
    assert download.value.suggested_filename.endswith(".docx")

    coordinator = open_as(browser, live_server.url, "dieuphoi")
    coordinator.goto(f"{live_server.url}/bao-cao/tong-hop/{quarter.pk}/?don-vi={province.pk}")
    assert "Đã gửi" in coordinator.locator("#status-table").inner_text()
    shot(coordinator, "report-04-aggregate-submitted")
    coordinator.get_by_role("link", name="Xem").click()
    coordinator.get_by_label("Lý do trả lại, nội dung cần chỉnh sửa").fill(
        "Bổ sung đánh giá hiệu quả hội nghị tháng 11 và nêu tồn tại, hạn chế."
    )
    coordinator.get_by_role("button", name="Trả lại để chỉnh sửa").click()
    coordinator.get_by_text("Đã trả lại báo cáo kèm ý kiến").wait_for()
    shot(coordinator, "report-05-returned", full_page=False)

    officer.reload()
    assert "Bổ sung đánh giá hiệu quả hội nghị" in officer.locator("#history").inner_text()
    officer.get_by_label("Nội dung").nth(0).fill("Một số hoạt động chưa có minh chứng đầy đủ.")
    officer.get_by_role("button", name="Lưu nội dung").click()
    officer.get_by_text("Đã lưu nội dung báo cáo.").wait_for()
    officer.get_by_role("button", name="Ký, cấp số và gửi lại").click()
    officer.get_by_text("Đã gửi báo cáo số 02/BC-SNV đến").wait_for()
    shot(officer, "report-06-resubmitted")

    coordinator.reload()
    coordinator.get_by_role("button", name="Tiếp nhận báo cáo").click()
    coordinator.get_by_text("Đã tiếp nhận báo cáo").first.wait_for()
    shot(coordinator, "report-07-accepted")
    coordinator.goto(f"{live_server.url}/bao-cao/tong-hop/{quarter.pk}/?don-vi={province.pk}")
    assert "Đã tiếp nhận" in coordinator.locator("#status-table").inner_text()
    assert coordinator.locator("#completeness").inner_text() == "100,0%"
    assert coordinator.locator("#timeliness").inner_text() == "100,0%"
    shot(coordinator, "report-08-aggregate-accepted")

    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    assert list(report.events.values_list("kind", flat=True)) == [
        "draft",
        "submit",
        "return",
        "resubmit",
        "accept",
    ]
