"""A coordinator issues a draft plan in Chromium, downloads its Word file and starts an amendment.

Screenshots go to test-artifacts/browser/ (issue-*.png): look at them.
"""

from __future__ import annotations

import re

import pytest

from tests.browser_session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_issues_a_plan_downloads_it_and_starts_an_amendment(
    live_server,
    page,
    shot,
    draft_plan,
    coordinator,
) -> None:
    from cchc.documents.models import RegisteredDocument
    from cchc.plans.models import Plan

    log_in(page, live_server.url, coordinator.username)

    page.goto(f"{live_server.url}/ke-hoach/{draft_plan.pk}/")
    page.get_by_role("link", name="Ban hành").click()
    page.wait_for_url(re.compile(r"/van-ban/ke-hoach/\d+/ban-hanh/$"))
    assert page.get_by_label("Ký hiệu").input_value() == "KH-UBND"
    page.get_by_label("Chức vụ người ký").fill("Phó Chủ tịch")
    page.get_by_label("Họ và tên người ký").fill("Nguyễn Văn Bình")
    page.get_by_label("Thẩm quyền ký").select_option("KT.")
    shot(page, "issue-01-form")
    page.get_by_role("button", name="Cấp số và ban hành").click()
    page.wait_for_url(f"{live_server.url}/ke-hoach/{draft_plan.pk}/")
    page.get_by_role("link", name="Tải văn bản Word (.docx)").wait_for()
    shot(page, "issue-02-issued", full_page=False)
    assert "Đã ban hành kế hoạch số" in page.content()
    document = RegisteredDocument.objects.get(plan=draft_plan)
    assert Plan.objects.get(pk=draft_plan.pk).number == document.display_number

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải văn bản Word (.docx)").click()
    assert download.value.suggested_filename == document.filename

    page.get_by_role("button", name="Lập kế hoạch điều chỉnh, bổ sung").click()
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/$"))
    page.get_by_role("link", name="Ban hành").wait_for()
    shot(page, "issue-03-amendment", full_page=False)
    amendment = Plan.objects.get(amends=draft_plan)
    assert page.url.endswith(f"/ke-hoach/{amendment.pk}/")

    page.goto(f"{live_server.url}/van-ban/so-van-ban-di/")
    shot(page, "issue-04-register")
    page.goto(f"{live_server.url}/van-ban/mau/")
    page.get_by_label("Đơn vị").select_option(str(draft_plan.issuer_id))
    page.get_by_label("Tệp mẫu (.docx)").set_input_files(
        {"name": "mau-hong.docx", "mimeType": "application/octet-stream", "buffer": _broken_template()}
    )
    page.get_by_role("button", name="Kiểm tra và lưu").click()
    page.get_by_text("so_hieu_sai").first.wait_for()
    shot(page, "issue-05-template-refused")


def _broken_template() -> bytes:
    import io

    import docx

    word = docx.Document()
    word.add_paragraph("Số: {{ so_hieu_sai }}")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
