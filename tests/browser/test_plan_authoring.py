"""A coordinator writes a plan in Chromium: a new draft, two tasks added with their lead unit, the heading
corrected, one task removed. Screenshots: test-artifacts/browser/author-*.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser_session import log_in
from tests.docx_text import docx_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_writes_a_plan(live_server, page, shot, coordinator, province_committee, dept_a) -> None:
    from cchc.plans.models import Plan

    log_in(page, live_server.url, coordinator.username)

    page.goto(f"{live_server.url}/ke-hoach/")
    page.get_by_role("link", name="Lập kế hoạch mới").click()
    page.get_by_label("Cơ quan ban hành").select_option(str(province_committee.pk))
    page.get_by_label("Năm kế hoạch").fill("2027")
    page.get_by_label("Trích yếu").fill("Tuyên truyền cải cách hành chính năm 2027")
    shot(page, "author-01-new-plan")
    page.get_by_role("button", name="Lập dự thảo").click()
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/$"))
    page.get_by_text("Đã lập dự thảo kế hoạch").wait_for()
    plan = Plan.objects.get(year=2027)

    for title, when in (
        ("Đăng tin, bài về cải cách hành chính", "Hằng tháng năm 2027"),
        ("Hội nghị tập huấn", "Quý II/2027"),
    ):
        page.get_by_role("link", name="Thêm nhiệm vụ").click()
        page.wait_for_url(re.compile(r"/them-nhiem-vu/$"))
        page.locator("#id_title").fill(title)
        page.locator("#id_timeframe_text").fill(when)
        page.get_by_label("Lọc danh sách đơn vị chủ trì").fill("noi vu")
        page.locator("#id_lead_units_list").get_by_label(dept_a.name).check()
        if title.startswith("Đăng"):
            shot(page, "author-02-new-task")
        page.get_by_role("button", name="Lưu nhiệm vụ").click()
        page.wait_for_url(re.compile(rf"/ke-hoach/{plan.pk}/#task-\d+$"))
        page.get_by_text(re.compile("Đã thêm nhiệm vụ")).wait_for()
    shot(page, "author-03-plan-with-tasks")
    assert list(plan.tasks.order_by("position").values_list("ordinal", flat=True)) == ["1", "2"]
    assert plan.tasks.get(ordinal="2").assignments.get(role="lead").unit == dept_a

    page.get_by_role("link", name="Sửa thông tin").click()
    page.get_by_label("Trích yếu").fill("Tuyên truyền cải cách hành chính và chuyển đổi số năm 2027")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu thông tin kế hoạch.").wait_for()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Xóa nhiệm vụ 2").click()
    page.get_by_text("Đã xóa nhiệm vụ 2.").wait_for()
    shot(page, "author-04-after-delete", full_page=False)
    plan.refresh_from_db()
    assert plan.title == "Tuyên truyền cải cách hành chính và chuyển đổi số năm 2027"
    assert plan.tasks.count() == 1

    # The text, written like a document, then the plan issued with it.
    page.get_by_role("tab", name="Nội dung văn bản").click()
    page.get_by_role("link", name="Soạn nội dung").click()
    page.get_by_label("Nội dung văn bản").fill(BODY)
    shot(page, "author-05-body")
    page.get_by_role("button", name="Lưu nội dung").click()
    page.get_by_text("Đã lưu nội dung: 4 mục, 1 căn cứ, 1 chế độ báo cáo.").wait_for()
    page.get_by_role("link", name="Ban hành").click()
    page.get_by_label("Chức vụ người ký").fill("Phó Chủ tịch")
    page.get_by_label("Họ và tên người ký").fill("Nguyễn Văn Bình")
    page.get_by_label("Thẩm quyền ký").select_option("KT.")
    page.get_by_role("button", name="Cấp số và ban hành").click()
    page.get_by_text("Đã ban hành kế hoạch số").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải văn bản Word (.docx)").click()
    text = docx_text(Path(download.value.path()).read_bytes())
    assert "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ" in text
    assert "I. MỤC ĐÍCH, YÊU CẦU" in text
    assert "Đăng tin, bài về cải cách hành chính" in text  # the task, in the appendix
    assert "Nguyễn Văn Bình" in text


BODY = """Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030;
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, công chức và người dân về cải cách hành chính.
II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN
Tuyên truyền trên cổng thông tin điện tử và hệ thống truyền thanh cơ sở.
III. TỔ CHỨC THỰC HIỆN
Định kỳ hằng quý, các cơ quan, đơn vị báo cáo kết quả về Sở Nội vụ trước ngày 10 tháng cuối quý.
"""
