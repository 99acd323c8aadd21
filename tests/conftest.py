"""The shared test world: real units of five provinces, loaded once per test database, and named users.

Loaded with ``load_units`` (vietnamadminunits) for the provinces of the five sample plans: Ninh Thuận (58,
merged into Khánh Hòa 56), Nam Định (36, into Ninh Bình 37), Lai Châu (12), Quảng Ngãi (51) and
Hải Phòng (31). The load takes about a second and is committed before the first test, so every test
sees it and rolls back only its own changes; a test that flushes the database (``transactional_db``,
``live_server``) gets it reloaded by the unit fixtures.

The world: ``province`` is Khánh Hòa (one unit across the 2025 reorganisation), ``dept_a`` its Sở Nội vụ,
``dept_b`` its Sở Văn hóa, Thể thao và Du lịch, ``commune`` the new Phường Nha Trang (from 1/7/2025) and
``commune_committee`` its People's Committee. ``legacy_province`` is Ninh Thuận (until 30/6/2025),
``legacy_city`` Thành phố Phan Rang - Tháp Chàm and ``legacy_city_committee`` its UBND, issuer of sample 000.
Users: ``coordinator`` (Sở Nội vụ Khánh Hòa, coordinates the province), ``officer_a`` (``dept_a``),
``officer_b`` (``dept_b``), ``leader`` (UBND tỉnh Khánh Hòa), ``outsider`` (coordinator in Lai Châu),
``admin`` (superuser with the administrator role); ``client_<user>`` is a logged-in test client.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from django.test import Client

    from cchc.orgs.models import Unit

# The importer's tests run without Django (-p no:django): Django and the apps are imported in fixtures only.
WORLD_PROVINCES = ("58", "36", "12", "51", "31")


def ensure_world() -> None:
    from cchc.orgs.models import Unit
    from cchc.orgs.services import load_units

    if not Unit.objects.filter(source_code="58", valid_from=None).exists():
        load_units(WORLD_PROVINCES)


@pytest.fixture(scope="session", autouse=True)
def _media_in_tmp(request, tmp_path_factory) -> None:
    """Stored documents and evidence go to a temporary folder, not the developer's var/media."""
    if not request.config.pluginmanager.hasplugin("django"):
        return
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing(request) -> None:
    """PBKDF2 costs about 0.3 s a user; tests need no strong hashes."""
    if not request.config.pluginmanager.hasplugin("django"):
        return
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_world()


def _unit(source_code: str, *, new: bool = False) -> Unit:
    from cchc.orgs.models import REFORM_START, Unit

    ensure_world()
    return Unit.objects.get(source_code=source_code, valid_from=REFORM_START if new else None)


@pytest.fixture
def province(db) -> Unit:
    return _unit("56")


@pytest.fixture
def province_committee(db) -> Unit:
    return _unit("56:ubnd")


@pytest.fixture
def dept_a(db) -> Unit:
    return _unit("56:so-noi-vu")


@pytest.fixture
def dept_b(db) -> Unit:
    return _unit("56:so-van-hoa-the-thao-du-lich")


@pytest.fixture
def commune(db) -> Unit:
    return _unit("22366", new=True)


@pytest.fixture
def commune_committee(db) -> Unit:
    return _unit("22366:ubnd", new=True)


@pytest.fixture
def legacy_province(db) -> Unit:
    return _unit("58")


@pytest.fixture
def legacy_city(db) -> Unit:
    return _unit("582")


@pytest.fixture
def legacy_city_committee(db) -> Unit:
    return _unit("582:ubnd")


@pytest.fixture
def other_province(db) -> Unit:
    return _unit("12")


def _user(username: str, unit: Unit | None, role: str, **fields):
    from tests.factories import make_user

    return make_user(username, unit=unit, role=role, **fields)


@pytest.fixture
def coordinator(dept_a):
    return _user("dieuphoi", dept_a, "coordinator", first_name="Điều phối")


@pytest.fixture
def officer_a(dept_a):
    return _user("canbo_a", dept_a, "officer", first_name="Cán bộ A")


@pytest.fixture
def officer_b(dept_b):
    return _user("canbo_b", dept_b, "officer", first_name="Cán bộ B")


@pytest.fixture
def leader(province_committee):
    return _user("lanhdao", province_committee, "leader", first_name="Lãnh đạo")


@pytest.fixture
def outsider(db):
    return _user("ngoaitinh", _unit("12:so-noi-vu"), "coordinator", first_name="Ngoài tỉnh")


@pytest.fixture
def admin(province):
    return _user("quantri", province, "admin", first_name="Quản trị", is_staff=True, is_superuser=True)


def _client(user) -> Client:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_coordinator(coordinator) -> Client:
    return _client(coordinator)


@pytest.fixture
def client_officer_a(officer_a) -> Client:
    return _client(officer_a)


@pytest.fixture
def client_officer_b(officer_b) -> Client:
    return _client(officer_b)


@pytest.fixture
def client_leader(leader) -> Client:
    return _client(leader)


@pytest.fixture
def client_outsider(outsider) -> Client:
    return _client(outsider)


@pytest.fixture
def client_admin(admin) -> Client:
    return _client(admin)


@pytest.fixture
def plan(province_committee, dept_a):
    """A plan of the province's UBND with one task (12 items over the plan year) led by ``dept_a``."""
    from tests.plans.factories import make_plan

    return make_plan(province_committee, tasks=1, units=[dept_a])


@pytest.fixture
def task(plan):
    return plan.tasks.get()


# Browser tests (any app): Playwright drives Debian's Chromium, never a downloaded browser.
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Playwright's sync API runs an event loop in the test thread; the ORM calls the test makes around it
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make browser-deps installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def shot():
    """shot(page, "01-login") saves a full-page screenshot under test-artifacts/browser/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
