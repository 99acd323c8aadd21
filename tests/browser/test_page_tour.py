"""A tour of every main page as the officer, the coordinator and the leader, at desktop and phone widths.

A small world of real work: the province's plan imported from a sample document, a plan of the department
below it, tasks led by two departments, activities, a quarterly report drafted and submitted, a score sheet
sent for appraisal, a draft plan to issue and a pending import to review. On each page: no error page, no
script error or failed load, every form field labelled, nothing wider than a phone (the page itself never
scrolls sideways; a table may scroll in its own box), and a screenshot (tour-<role>-<page>-<width>.png
under test-artifacts/browser/) to look at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from cchc.reports.periods import period_holding
from tests.browser_session import open_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

# What no user should read: an empty value printed by the template, a template tag left raw, English.
LEAKS = re.compile(r"\b(None|True|False|undefined|NaN|This field|Submit)\b|\{\{\s*[a-z_]|\{%")

# Form fields without a name a screen reader can read; images without alt; buttons and links without a name.
A11Y_SCRIPT = """() => {
    const named = el => (el.getAttribute("aria-label") || "").trim() || el.getAttribute("aria-labelledby")
        || (el.getAttribute("title") || "").trim();
    const problems = [];
    for (const el of document.querySelectorAll("input, select, textarea")) {
        if (["hidden", "submit", "button"].includes(el.type)) continue;
        if (el.closest("[hidden], .d-none")) continue;
        if ((el.labels && el.labels.length) || named(el)) continue;
        problems.push("field without a label: " + (el.name || el.id || el.outerHTML.slice(0, 80)));
    }
    for (const el of document.querySelectorAll("img:not([alt])")) problems.push("img without alt: " + el.src);
    for (const el of document.querySelectorAll("button, a[href]")) {
        if (el.closest(".visually-hidden")) continue;
        if ((el.innerText || "").trim() || named(el) || el.querySelector("img[alt]:not([alt=''])")) continue;
        problems.push("nameless " + el.tagName.toLowerCase() + ": " + el.outerHTML.slice(0, 100));
    }
    return problems;
}"""

# Elements that stick out of a phone screen without a scrolling box around them.
WIDE_SCRIPT = """(width) => [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .filter(el => {
        for (let box = el.parentElement; box; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== "visible") return false;
        }
        return true;
    })
    .map(el => el.tagName.toLowerCase() + "." + [...el.classList].join(".")).slice(0, 5)"""


@dataclass
class World:
    plan: object
    draft: object
    subplan: object
    task: object
    activity: object
    report: object
    period: object
    requirement: object
    plan_import: object
    unit: object
    province: object


@pytest.fixture
def world(
    settings,
    tmp_path,
    officer_a,
    coordinator,
    leader,
    officer_b,
    province,
    province_committee,
    dept_a,
    dept_b,
):
    from django.utils import timezone

    from cchc.activities.models import Activity
    from cchc.evaluation.services import score_unit
    from cchc.notifications.services import notify
    from cchc.plans.management.commands.load_sample_plans import SAMPLES_DIR
    from cchc.plans.models import Assignment, Plan, Task
    from cchc.plans.services import change_import_issuer, create_plan_from_import, import_bytes
    from cchc.reports import services as reports
    from cchc.reports.models import ReportingPeriod
    from tests.evaluation.conftest import ship_rules
    from tests.evaluation.factories import add_evidence, send
    from tests.plans.factories import make_plan, make_task
    from tests.reports.factories import submit

    settings.MEDIA_ROOT = tmp_path / "media"
    ship_rules()  # the data migration's scoring rules: an earlier transactional test flushed them
    today = timezone.localdate()
    year = today.year

    # The province's plan, imported from a sample document as a coordinator would (long real text: sections,
    # references, unresolved agencies), moved to this year; its own tasks keep the sample's dates.
    plan_import = import_bytes(
        (SAMPLES_DIR / "001_8aa30cc8355329c2.txt").read_bytes(), "ke-hoach-mau.txt", by=None
    )
    plan_import = change_import_issuer(plan_import, province_committee)
    choices = {key: match["choice"] for key, match in plan_import.unit_matches.items()}
    plan = create_plan_from_import(
        plan_import, issuer=province_committee, agency_choices=choices, by=coordinator
    )
    Plan.objects.filter(pk=plan.pk).update(year=year, status=Plan.Status.ISSUED)
    plan.refresh_from_db()

    # Two tasks of the year led by the departments, so the dashboards have something to draw.
    task = make_task(
        plan,
        units=[dept_a],
        position=plan.tasks.count(),
        title="Đăng tin, bài về cải cách hành chính trên Cổng thông tin điện tử của tỉnh",
        timeframe_text="Hằng tháng",
        timeframe_kind=Task.TimeframeKind.RANGE,
        start_date=date(year, 1, 1),
        end_date=date(year, 12, 31),
        item_unit="tin, bài",
    )
    Assignment.objects.create(task=task, unit=dept_b, role=Assignment.Role.LEAD, position=1, text=dept_b.name)
    make_task(
        plan,
        units=[dept_a],
        position=plan.tasks.count(),
        title="Tổ chức hội nghị tuyên truyền cải cách hành chính cho cán bộ, công chức cấp xã",
        timeframe_text=f"Quý IV/{year}",
        start_date=date(year, 10, 1),
        end_date=date(year, 12, 31),
        recurrence_kind=Task.RecurrenceKind.COUNT,
        per_period=None,
        target_total=2,
        item_unit="hội nghị",
    )
    activity = None
    for month in range(1, today.month + 1):
        day = min(date(year, month, 12), today)
        activity = Activity.objects.create(
            task=task,
            unit=dept_a,
            date=day,
            channel="press",
            title=f"Đăng tin tuyên truyền cải cách hành chính tháng {month}/{year} trên Cổng thông tin",
            quantity=2,
            measure=Activity.Measure.ARTICLES,
            created_by=officer_a,
        )
    add_evidence(activity)

    # The department's own plan under the province's; a draft plan for the coordinator to issue.
    subplan = make_plan(dept_a, parent=plan, year=year, title=f"Tuyên truyền cải cách hành chính năm {year}")
    make_task(subplan, units=[dept_a], title="Phát hành tờ gấp hướng dẫn thủ tục hành chính trực tuyến")
    draft = make_plan(
        province_committee,
        tasks=2,
        units=[dept_a],
        status=Plan.Status.DRAFT,
        number="",
        symbol="",
        year=year,
        title=f"Kế hoạch điều chỉnh tuyên truyền cải cách hành chính năm {year}",
    )

    # A quarterly report drafted and submitted by dept_a; dept_b has not started its own.
    held = period_holding("quarter", today)
    period = ReportingPeriod.get("quarter", held.year, held.index)
    requirement = reports.add_requirement(
        dept_a, period, recipient=province, due_date=today + timedelta(days=10), basis="Chế độ báo cáo CCHC"
    )
    reports.add_requirement(dept_b, period, recipient=province, due_date=today + timedelta(days=10))
    report = reports.draft_report(dept_a, period, None, by=officer_a)
    submit(report, by=officer_a, symbol="BC-SNV", signer_title="Phó Giám đốc", signer_name="Trần Thị Bình")
    report.refresh_from_db()

    # The department's score sheet, sent for appraisal.
    send(score_unit(dept_a, year, by=officer_a), by=officer_a)

    # A second sample waiting in review; a notification for each.
    pending = import_bytes(
        (SAMPLES_DIR / "002_3c5505d236efa881.txt").read_bytes(), "ke-hoach-cho-duyet.txt", by=coordinator
    )
    for user in (officer_a, coordinator, leader):
        notify(
            user,
            "Kế hoạch mới được ban hành",
            f"{plan.display_number}: {plan.title[:80]}",
            f"/ke-hoach/{plan.pk}/",
        )
    return World(plan, draft, subplan, task, activity, report, period, requirement, pending, dept_a, province)


def pages(role: str, w: World) -> dict[str, str]:
    """name -> address of the GET pages ``role`` may open."""
    common = {
        "home": "/",
        "plans": "/ke-hoach/",
        "plan": f"/ke-hoach/{w.plan.pk}/",
        "subplans": f"/ke-hoach/{w.plan.pk}/ke-hoach-cap-duoi/",
        "subplan": f"/ke-hoach/{w.subplan.pk}/",
        "activities": "/hoat-dong/",
        "tracking": "/theo-doi/",
        "notifications": "/thong-bao/",
        "preferences": "/thong-bao/tuy-chon/",
        "ical": "/thong-bao/lich/",
        "reports": "/bao-cao/",
        "report": f"/bao-cao/{w.report.pk}/",
        "scores": "/danh-gia/",
        "score-sheet": f"/danh-gia/{w.unit.pk}/{w.period.year}/",
        "register": "/van-ban/so-van-ban-di/",
        "templates": "/van-ban/mau/",
        "units": "/don-vi/",
        "unit": f"/don-vi/{w.unit.pk}/",
    }
    writer = {
        "activity-new": "/hoat-dong/ghi/",
        "activity-edit": f"/hoat-dong/{w.activity.pk}/sua/",
        "activity-xlsx": "/hoat-dong/nhap-xlsx/",
    }
    watcher = {
        "plan-dashboard": f"/theo-doi/ke-hoach/{w.plan.pk}/",
        "aggregate": f"/bao-cao/tong-hop/{w.period.pk}/?don-vi={w.province.pk}",
    }
    coordinator = {
        "import": "/ke-hoach/nhap/",
        "import-review": f"/ke-hoach/nhap/{w.plan_import.pk}/",
        "task-edit": f"/nhiem-vu/{w.task.pk}/sua/",
        "draft": f"/ke-hoach/{w.draft.pk}/",
        "issue": f"/van-ban/ke-hoach/{w.draft.pk}/ban-hanh/",
        "due-date": f"/bao-cao/lich/{w.requirement.pk}/han/",
    }
    if role == "officer":
        return common | writer
    if role == "leader":
        return common | watcher
    return common | writer | watcher | coordinator


def visit(page, url: str, where: str, address: str, width: int) -> list[str]:
    """Open the page; the problems found (the layout's at phone width, the others at desktop width)."""
    page.problems.clear()
    response = page.goto(url + address)
    if response is None or response.status >= 400:  # an error page: nothing else to look at
        return [f"{where}: HTTP {response.status if response else '?'}"]
    found = list(page.problems)
    if width < 576:
        if page.evaluate("document.documentElement.scrollWidth") > width + 1:
            found.append(f"wider than the phone {page.evaluate(WIDE_SCRIPT, width)}")
    else:
        found.extend(page.evaluate(A11Y_SCRIPT))
        found.extend(f"shows “{leak.group(0)}”" for leak in LEAKS.finditer(page.locator("main").inner_text()))
    return [f"{where}: {problem}" for problem in found]


def test_every_page_looks_right_for_each_role_at_each_width(browser, live_server, shot, world) -> None:
    found = []
    for role, username in (("officer", "canbo_a"), ("coordinator", "dieuphoi"), ("leader", "lanhdao")):
        page = open_as(browser, live_server.url, username, console=True)
        for width, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            for name, address in pages(role, world).items():
                found.extend(
                    visit(page, live_server.url, f"{role} {name} {width}", address, viewport["width"])
                )
                shot(page, f"tour-{role}-{name}-{width}")
        page.context.close()
    assert found == [], "\n".join(found)
