"""A coordinator imports a sample plan in Chromium, corrects one agency match and confirms it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, make_user

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "plans"
QUANG_NGAI_2023 = SAMPLES / "002_3c5505d236efa881.txt"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quang_ngai_coordinator(settings, tmp_path):
    from cchc.orgs.models import Unit
    from tests.conftest import ensure_world

    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_world()
    department = Unit.objects.get(source_code="51:so-noi-vu", valid_from=None)
    return make_user("dieuphoi_qn", unit=department, role="coordinator", first_name="Điều phối Quảng Ngãi")


def test_coordinator_imports_corrects_an_agency_and_confirms(live_server, page, shot, quang_ngai_coordinator):
    from cchc.plans.models import Assignment, Plan

    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("dieuphoi_qn")
    page.get_by_label("Mật khẩu").fill(DEFAULT_PASSWORD)
    shot(page, "import-01-login")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    shot(page, "import-02-home")

    page.get_by_role("link", name="Nhập kế hoạch").first.click()
    page.get_by_label("Tệp kế hoạch").set_input_files(str(QUANG_NGAI_2023))
    shot(page, "import-03-upload")
    page.get_by_role("button", name="Tải lên và trích xuất").click()
    page.wait_for_url(re.compile(r"/ke-hoach/nhap/\d+/$"))
    page.get_by_role("button", name="Lưu kế hoạch").wait_for()
    shot(page, "import-04-review", full_page=False)

    # Correct one agency the importer could not place: open the full list ("Chọn đơn vị khác…"),
    # then pick a unit from it.
    unresolved = page.locator(".agency-select.is-unresolved select").first
    wrapper_id = unresolved.evaluate("el => el.closest('.agency-select').id")
    unresolved.scroll_into_view_if_needed()
    with page.expect_response(re.compile(r"/ke-hoach/nhap/\d+/don-vi/$")):
        unresolved.select_option("more")
    select = page.locator(f"#{wrapper_id} select")
    # The response has arrived; htmx swaps the full list in just after it.
    expect(select.locator("option[value^='unit:']").first).to_be_attached()
    options = select.locator("option").evaluate_all(
        "els => els.map(e => e.value).filter(v => /^unit:[0-9]+$/.test(v))"
    )
    assert options, "the full list of units is empty"
    new_value = options[0]
    with page.expect_response(re.compile(r"/ke-hoach/nhap/\d+/don-vi/$")):
        select.select_option(new_value)
    select = page.locator(f"#{wrapper_id} select")
    expect(select).to_have_value(new_value)
    # htmx swaps the field in and settles it; wait for the swapped element rather than read it mid-swap.
    expect(page.locator(f"#{wrapper_id}")).not_to_have_class(re.compile(r"\bis-unresolved\b"))
    shot(page, "import-05-corrected", full_page=False)

    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/$"))
    page.get_by_text("Đã lưu kế hoạch với").wait_for()
    shot(page, "import-06-plan")

    plan = Plan.objects.get()
    assert plan.tasks.count() >= 10
    assert Assignment.objects.filter(task__plan=plan, unit_id=int(new_value.removeprefix("unit:"))).exists()
    page.get_by_role("link", name="Kế hoạch").first.click()
    page.get_by_text(plan.title[:40]).first.wait_for()
    shot(page, "import-07-plan-list")
