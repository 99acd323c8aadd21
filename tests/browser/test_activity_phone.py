"""From a phone-sized window an officer logs an activity with a photo; the coordinator's plan dashboard
then shows the unit on track (with its charts drawn)."""

from __future__ import annotations

import re
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest

from tests.browser_session import PHONE, open_as
from tests.plans.factories import make_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def photo_png(path: Path, width: int = 240, height: int = 160) -> Path:
    """A real PNG (a colour gradient, as a camera would never take it, but a valid image by content)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 255 // width, y * 255 // height, 160)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def no_horizontal_scroll(page) -> bool:
    """Nothing wider than the phone's screen (a phone would shrink such a page to fit, unreadable)."""
    # Inside a scrolling box (a .table-responsive) being wider is fine: the box scrolls, not the page.
    wide = page.evaluate(
        f"""() => [...document.querySelectorAll("body *")]
            .filter(el => el.getBoundingClientRect().right > {PHONE["width"]} + 1)
            .filter(el => {{
                for (let box = el.parentElement; box; box = box.parentElement) {{
                    if (getComputedStyle(box).overflowX !== "visible") return false;
                }}
                return true;
            }})
            .map(el => el.tagName + "." + el.className).slice(0, 5)"""
    )
    assert wide == [], wide
    return page.evaluate(f"document.documentElement.scrollWidth <= {PHONE['width']}")


def test_officer_logs_from_a_phone_and_the_dashboard_shows_the_unit_on_track(
    browser, live_server, shot, settings, tmp_path, plan, task, officer_a, coordinator, leader, dept_a, dept_b
):
    from cchc.activities.models import Activity
    from cchc.plans.models import Assignment

    settings.MEDIA_ROOT = tmp_path / "media"
    # dept_b leads the task too and records nothing: its row shows the contrast.
    Assignment.objects.create(task=task, unit=dept_b, role=Assignment.Role.LEAD, position=1, text=dept_b.name)
    # dept_a also leads a task it has not started: its own dashboard then has two statuses to pick from.
    make_task(plan, units=[dept_a], position=1, title="Tọa đàm về cải cách hành chính")
    picture = photo_png(tmp_path / "anh-buoi-tuyen-truyen.png")

    phone = open_as(browser, live_server.url, "canbo_a", phone=True)
    phone.goto(f"{live_server.url}/hoat-dong/ghi/")
    phone.get_by_label("Nhiệm vụ").select_option(label=f"{plan.display_number} · {task}")
    phone.get_by_label("Ngày").fill("2026-01-10")
    phone.get_by_label("Hình thức").select_option("press")
    phone.get_by_label("Tiêu đề").fill("Tin bài tháng 1 về cải cách hành chính")
    phone.get_by_label("Đơn vị tính").select_option("articles")
    phone.get_by_label("Minh chứng (ảnh, PDF, Word)").set_input_files(str(picture))
    assert no_horizontal_scroll(phone), "the form is wider than the phone"
    shot(phone, "phone-01-activity-form")
    phone.get_by_role("button", name="Lưu hoạt động").click()
    phone.wait_for_url(f"{live_server.url}/hoat-dong/")
    phone.get_by_text("Tin bài tháng 1 về cải cách hành chính").first.wait_for()
    assert no_horizontal_scroll(phone), "the activity list is wider than the phone"
    shot(phone, "phone-02-activity-saved")

    activity = Activity.objects.get()
    assert (activity.task, activity.unit, activity.date) == (task, dept_a, date(2026, 1, 10))
    (evidence,) = activity.evidence.all()
    assert evidence.original_name == "anh-buoi-tuyen-truyen.png"

    # The officer's own dashboard on the phone: the status doughnut.
    phone.goto(f"{live_server.url}/theo-doi/?ngay=2026-01-20")
    phone.locator("canvas[data-chart='statuses']").wait_for()
    assert phone.problems == []
    assert phone.evaluate(
        "Chart.getChart(document.querySelector(\"canvas[data-chart='statuses']\")) !== undefined"
    )
    assert no_horizontal_scroll(phone), "the unit dashboard is wider than the phone"
    shot(phone, "phone-03-unit-dashboard")
    # A status picked (in the list beside the doughnut) shows only its tasks, until "show all".
    rows = phone.locator("tr[data-status-row]")
    assert rows.count() == 2
    phone.locator("button[data-status-filter='on_track']").click()
    assert [rows.nth(n).is_visible() for n in range(2)].count(True) == 1
    assert phone.locator("tr[data-status-row='on_track']").is_visible()
    phone.get_by_role("button", name="Hiện tất cả").click()
    assert all(rows.nth(n).is_visible() for n in range(2))

    desk = open_as(browser, live_server.url, "dieuphoi")
    desk.goto(f"{live_server.url}/theo-doi/ke-hoach/{plan.pk}/?ngay=2026-01-20")
    row = desk.locator("#grid-title ~ div table tbody tr").filter(has_text=dept_a.name)
    badge = row.locator("td").first.locator(".badge")
    assert badge.inner_text().strip() == "Đúng tiến độ"
    assert "bg-info-subtle" in badge.get_attribute("class")
    january = row.locator("td").nth(2)
    assert january.get_attribute("title") == "Đúng tiến độ"
    assert january.locator("a").inner_text() == "1"
    other = desk.locator("#grid-title ~ div table tbody tr").filter(has_text=dept_b.name)
    assert other.locator("td").first.locator(".badge").inner_text().strip() == "Chưa bắt đầu"
    for kind in ("months", "channels"):
        assert desk.evaluate(
            f"Chart.getChart(document.querySelector(\"canvas[data-chart='{kind}']\")) !== undefined"
        )
    shot(desk, "phone-04-coordinator-dashboard")

    # Clicking January's bar opens the activities behind it.
    canvas = desk.locator("canvas[data-chart='months']")
    box = canvas.bounding_box()
    point = desk.evaluate(
        """() => {
            const chart = Chart.getChart(document.querySelector("canvas[data-chart='months']"));
            const bar = chart.getDatasetMeta(0).data[0];
            return {x: bar.x, y: (bar.y + bar.base) / 2};
        }"""
    )
    desk.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    desk.wait_for_url(
        re.compile(r"/hoat-dong/\?plan=\d+&date_from=2026-01-01&date_to=2026-01-20&counted=on$")
    )
    desk.get_by_text("Tin bài tháng 1 về cải cách hành chính").first.wait_for()
    assert desk.get_by_label("Chỉ đơn vị chủ trì (tính vào tiến độ)").is_checked()
    shot(desk, "phone-04b-activities-behind-a-bar", full_page=False)

    # The same dashboard fits a phone too.
    small = open_as(browser, live_server.url, "dieuphoi", phone=True)
    small.goto(f"{live_server.url}/theo-doi/ke-hoach/{plan.pk}/?ngay=2026-01-20")
    small.locator("canvas[data-chart='months']").wait_for()
    assert no_horizontal_scroll(small), "the plan dashboard is wider than the phone"
    shot(small, "phone-05-coordinator-dashboard-on-a-phone")

    # The province's leader: every plan it follows at a glance, on a phone.
    glance = open_as(browser, live_server.url, "lanhdao", phone=True)
    glance.goto(f"{live_server.url}/theo-doi/?ngay=2026-01-20")
    summary = glance.locator(f"tr[data-plan='{plan.pk}']")
    assert summary.locator("[data-status='on_track']").inner_text().split()[0] == "1"
    assert summary.locator("[data-status='not_started']").inner_text().split()[0] == "2"
    assert no_horizontal_scroll(glance), "the leader's page is wider than the phone"
    shot(glance, "phone-06-leader-at-a-glance")
