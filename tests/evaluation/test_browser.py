"""An officer opens the score sheet of its unit in Chromium, reads the lines, recomputes and sends it for
appraisal; the province's leader appraises it, changing one line with a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.browser_session import log_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scored_officer(settings, tmp_path):
    from cchc.orgs.models import Unit
    from tests.conftest import ensure_world
    from tests.evaluation.factories import sample_year

    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_world()
    department = Unit.objects.get(source_code="56:so-noi-vu", valid_from=None)
    committee = Unit.objects.get(source_code="56:ubnd", valid_from=None)
    sample_year(committee, department, 2025)
    make_user("lanhdao_tinh", unit=committee, role="leader", first_name="Lãnh đạo UBND tỉnh")
    return make_user("canbo_snv", unit=department, role="officer", first_name="Cán bộ Sở Nội vụ")


def test_officer_reads_and_recomputes_the_score_sheet(live_server, page, shot, scored_officer) -> None:
    from cchc.evaluation.models import ScoreSheet

    log_in(page, live_server.url, "canbo_snv")

    # The header has no room for another item: the page is reached from its address (and from the unit's
    # pages of other apps when they link to it).
    page.goto(f"{live_server.url}/danh-gia/")
    page.get_by_label("Năm đánh giá").select_option("2025")
    page.get_by_role("button", name="Xem").click()
    shot(page, "evaluation-00-units")
    page.get_by_role("link", name="Sở Nội vụ tỉnh Khánh Hòa").click()
    page.get_by_text("Bản tính tạm, chưa lưu").wait_for()
    shot(page, "evaluation-01-preview")

    page.get_by_role("button", name="Tính lại").click()
    page.get_by_text("Đã tính lại: 1,40/2 điểm (số liệu đến ngày 31/12/2025).").wait_for()
    shot(page, "evaluation-02-recomputed")
    assert ScoreSheet.objects.get().total == Decimal("1.40")
    assert page.get_by_text(
        "Hoàn thành 9/10 nhiệm vụ (90,0%) → 90% đến dưới 100%: 0,90 × 1 = 0,90 điểm"
    ).is_visible()
    assert ScoreSheet.objects.get().evaluated_on == date(2025, 12, 31)


def test_the_unit_sends_its_sheet_and_the_leader_above_appraises_it(
    live_server, page, shot, scored_officer
) -> None:
    from cchc.evaluation.models import ScoreSheet

    log_in(page, live_server.url, "canbo_snv")
    page.goto(f"{live_server.url}/danh-gia/{scored_officer.memberships.get().unit_id}/2025/")
    page.get_by_role("button", name="Tính lại").click()
    page.get_by_text("Đã tính lại: 1,40/2 điểm").wait_for()
    page.get_by_role("link", name="Gửi thẩm định").click()
    send = page.locator("#send-form")
    send.get_by_label("Thẩm quyền ký").select_option("KT.")
    send.get_by_label("Chức vụ người ký").fill("Phó Giám đốc")
    send.get_by_label("Họ và tên người ký").fill("Trần Thị Bình")
    shot(page, "evaluation-03a-signature")
    send.get_by_role("button", name="Ký, cấp số và gửi thẩm định").click()
    page.get_by_text(
        "Đã gửi báo cáo tự chấm điểm số 01/BC-SNV (1,40/2 điểm) để cấp trên thẩm định"
    ).wait_for()
    shot(page, "evaluation-03-sent")
    assert page.locator("#send-form").count() == 0
    assert "01/BC-SNV" in page.locator("#signed").inner_text()

    log_in(page, live_server.url, "lanhdao_tinh")
    page.goto(f"{live_server.url}/danh-gia/?nam=2025")
    page.get_by_text("Chờ thẩm định").first.wait_for()
    shot(page, "evaluation-04-appraiser-index")
    page.get_by_role("link", name="Sở Nội vụ tỉnh Khánh Hòa").click()
    page.get_by_role("button", name="Hoàn thành thẩm định").wait_for()
    shot(page, "evaluation-05-appraisal-form")

    # A changed line without a reason is refused and nothing is saved.
    page.get_by_label("Điểm thẩm định tiêu chí 4.2.2").fill("0,5")
    page.get_by_role("button", name="Hoàn thành thẩm định").click()
    page.get_by_text("cần ghi lý do").first.wait_for()
    shot(page, "evaluation-06-appraisal-refused")
    assert ScoreSheet.objects.get().appraised_at is None

    page.get_by_label("Lý do thẩm định tiêu chí 4.2.2").fill(
        "Bài báo và chương trình phát thanh có minh chứng trong hồ sơ giấy gửi kèm"
    )
    page.get_by_role("button", name="Hoàn thành thẩm định").click()
    page.get_by_text("Đã hoàn thành thẩm định: 1,90/2 điểm (tự chấm 1,40).").wait_for()
    shot(page, "evaluation-07-appraised")
    sheet = ScoreSheet.objects.get()
    assert sheet.appraised_total == Decimal("1.90")
    assert sheet.appraisal["4.2.2"]["reason"].startswith("Bài báo và chương trình phát thanh")
    assert page.get_by_text("Lý do thẩm định: Bài báo và chương trình phát thanh").is_visible()

    page.goto(f"{live_server.url}/danh-gia/?nam=2025")
    page.get_by_text("Đã thẩm định").first.wait_for()
    shot(page, "evaluation-08-appraiser-index-done")
