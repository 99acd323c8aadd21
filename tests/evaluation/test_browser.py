"""An officer opens the score sheet of its unit in Chromium, reads the lines and recomputes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import DEFAULT_PASSWORD, make_user

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
    return make_user("canbo_snv", unit=department, role="officer", first_name="Cán bộ Sở Nội vụ")


def test_officer_reads_and_recomputes_the_score_sheet(live_server, page, shot, scored_officer) -> None:
    from cchc.evaluation.models import ScoreSheet

    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo_snv")
    page.get_by_label("Mật khẩu").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

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
