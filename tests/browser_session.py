"""Signing in from the browser tests: one way to open a page as a user, watched for script errors."""

from __future__ import annotations

from typing import Any

from tests.factories import DEFAULT_PASSWORD

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def log_in(page: Any, base_url: str, username: str) -> None:
    """Sign ``page`` in as ``username`` (signing out whoever was in) and land on "Việc của tôi"."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base_url}/")


def open_as(browser: Any, base_url: str, username: str, *, phone: bool = False, console: bool = False) -> Any:
    """A signed-in page in its own context, at desktop or phone size. ``page.problems`` collects script
    errors and failed loads (and, with ``console``, console errors): a chart that silently does not draw
    is broken."""
    if phone:
        context = browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="vi-VN"
        )
    else:
        context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    if console:
        page.on("console", lambda msg: msg.type == "error" and page.problems.append(f"console: {msg.text}"))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and page.problems.append(f"{response.status} {response.url}")
        ),
    )
    log_in(page, base_url, username)
    return page
