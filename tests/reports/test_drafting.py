"""Drafting a report from the record: exactly the activities inside the cut-off window, the outline of
the plan or the standard one, and "refresh figures" that never touches the narrative."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.core.errors import DomainError
from cchc.reports import services
from cchc.reports.models import STANDARD_OUTLINE, Report, ReportingPeriod, ReviewEvent
from tests.reports.factories import add, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def q2(db) -> ReportingPeriod:
    # Quý II/2026: 15/3/2026 – 14/6/2026.
    return ReportingPeriod.get("quarter", 2026, 2)


def test_period_is_stored_with_its_window_once(q2) -> None:
    again = ReportingPeriod.get("quarter", 2026, 2)

    assert again.pk == q2.pk
    assert (q2.start, q2.end, q2.label) == (date(2026, 3, 15), date(2026, 6, 14), "Quý II/2026")


def test_draft_holds_exactly_the_activities_inside_the_window(officer_a, dept_a, task, q2) -> None:
    add(task, dept_a, date(2026, 3, 14), quantity=100)  # the day before: quarter I
    add(task, dept_a, date(2026, 3, 15), quantity=1)  # first day in
    add(task, dept_a, date(2026, 6, 14), quantity=2)  # last day in
    add(task, dept_a, date(2026, 6, 15), quantity=1000)  # the day after: quarter III

    report = services.draft_report(dept_a, q2, None, by=officer_a)

    assert report.figures["forms"]["articles"] == 3
    assert report.figures["activity_count"] == 2
    assert [a["date"] for a in report.figures["activities"]] == ["2026-03-15", "2026-06-14"]
    assert report.figures["window"] == ["2026-03-15", "2026-06-14"]


def test_draft_counts_each_form_on_its_line(officer_a, dept_a, task, q2) -> None:
    day = date(2026, 4, 1)
    add(task, dept_a, day, quantity=3, measure="articles", channel="web_portal")
    add(task, dept_a, day, quantity=2, measure="broadcasts", channel="radio")
    add(task, dept_a, day, quantity=15, measure="minutes", channel="television")
    add(task, dept_a, day, quantity=1, measure="conferences", channel="conference", reach=120)
    add(task, dept_a, day, quantity=40, measure="participants", channel="training")
    add(task, dept_a, day, quantity=500, measure="copies", channel="print")
    add(task, dept_a, day, quantity=4, measure="banners", channel="visual")
    add(task, dept_a, day, quantity=6, measure="posts", channel="social_media")
    add(task, dept_a, day, quantity=1, measure="other", channel="contest")

    forms = services.draft_report(dept_a, q2, None, by=officer_a).figures["forms"]

    assert forms == {
        "articles": 3,
        "broadcasts": 3,  # 2 programmes + 1 recorded in minutes
        "broadcast_minutes": 15,
        "conferences": 2,  # 1 conference + 1 training recorded by participants
        "participants": 160,  # 40 + the conference's reach of 120
        "leaflets": 500,
        "banners": 4,
        "online_posts": 6,
        "contests": 1,
        "other": 1,
    }


def test_draft_counts_only_the_units_own_activities(officer_a, dept_a, dept_b, task, q2) -> None:
    add(task, dept_a, date(2026, 4, 1), quantity=2)
    add(task, dept_b, date(2026, 4, 1), quantity=7)

    report = services.draft_report(dept_a, q2, None, by=officer_a)

    assert report.figures["forms"]["articles"] == 2


def test_task_table_shows_done_against_due_at_the_cutoff(officer_a, dept_a, plan, task, q2) -> None:
    add(task, dept_a, date(2026, 1, 10), quantity=2)  # before the window: counts in the cumulative total
    add(task, dept_a, date(2026, 5, 10), quantity=3)

    rows = services.draft_report(dept_a, q2, plan, by=officer_a).figures["tasks"]

    assert len(rows) == 1
    assert rows[0]["task_id"] == task.pk
    assert rows[0]["in_period"] == 3
    assert rows[0]["done"] == 5
    assert rows[0]["status_label"]


def test_evidence_list_names_each_file(officer_a, dept_a, task, q2) -> None:
    from django.core.files.base import ContentFile

    from cchc.activities.models import Evidence

    activity = add(task, dept_a, date(2026, 4, 1))
    evidence = Evidence(
        activity=activity, original_name="anh-hoi-nghi.jpg", content_type="image/jpeg", size=3
    )
    evidence.file.save("anh.jpg", ContentFile(b"abc"), save=True)

    report = services.draft_report(dept_a, q2, None, by=officer_a)

    assert report.figures["activities"][0]["files"] == ["anh-hoi-nghi.jpg"]
    assert report.figures["evidence_count"] == 1


def test_standard_outline_without_a_plan_outline(officer_a, dept_a, q2) -> None:
    report = services.draft_report(dept_a, q2, None, by=officer_a)

    assert [s["title"] for s in report.sections] == [title for _, title in STANDARD_OUTLINE]
    assert [s["is_results"] for s in report.sections] == [True, False, False, False]


def test_plan_outline_is_followed_and_its_forms_heading_holds_the_figures(
    officer_a, dept_a, plan, q2
) -> None:
    plan.report_outline = [
        {
            "marker": "1.",
            "title": "Công tác tham mưu, ban hành văn bản",
            "text": "Số lượng văn bản",
            "children": [],
        },
        {"marker": "2.", "title": "Nội dung, hình thức tuyên truyền", "text": "", "children": []},
        {"marker": "3.", "title": "Đánh giá chung", "text": "Ưu điểm, hạn chế", "children": []},
    ]
    plan.save(update_fields=["report_outline"])

    report = services.draft_report(dept_a, q2, plan, by=officer_a)

    assert [s["title"] for s in report.sections] == [
        "1. Công tác tham mưu, ban hành văn bản",
        "2. Nội dung, hình thức tuyên truyền",
        "3. Đánh giá chung",
    ]
    assert [s["is_results"] for s in report.sections] == [False, True, False]
    assert report.sections[0]["hint"] == "Số lượng văn bản"


def test_drafting_twice_gives_the_same_report(officer_a, dept_a, q2) -> None:
    first = services.draft_report(dept_a, q2, None, by=officer_a)
    second = services.draft_report(dept_a, q2, None, by=officer_a)

    assert first.pk == second.pk
    assert Report.objects.count() == 1


def test_another_unit_cannot_draft(officer_b, dept_a, q2) -> None:
    with pytest.raises(DomainError, match="cán bộ của đơn vị"):
        services.draft_report(dept_a, q2, None, by=officer_b)
    assert not Report.objects.exists()


def test_refresh_recounts_and_keeps_the_narrative(officer_a, dept_a, task, q2) -> None:
    add(task, dept_a, date(2026, 4, 1), quantity=2)
    report = services.draft_report(dept_a, q2, None, by=officer_a)
    services.update_report(
        report,
        texts={"shortcomings": "Một số đơn vị cập nhật chậm.", "proposals": "Đề nghị tập huấn."},
        indicators=[services.Indicator("SIPAS", "86,5", "%", "QĐ công bố SIPAS 2025 của Bộ Nội vụ")],
        by=officer_a,
    )
    add(task, dept_a, date(2026, 5, 1), quantity=5)

    report = services.refresh_figures(report, by=officer_a)

    assert report.figures["forms"]["articles"] == 7
    texts = {s["key"]: s["text"] for s in report.sections}
    assert texts["shortcomings"] == "Một số đơn vị cập nhật chậm."
    assert texts["proposals"] == "Đề nghị tập huấn."
    assert report.indicators == [
        {"name": "SIPAS", "value": "86,5", "unit": "%", "source": "QĐ công bố SIPAS 2025 của Bộ Nội vụ"}
    ]
    assert list(report.events.values_list("kind", flat=True)) == [
        ReviewEvent.Kind.DRAFT,
        ReviewEvent.Kind.REFRESH,
    ]


def test_indicator_without_source_is_refused(officer_a, dept_a, q2) -> None:
    report = services.draft_report(dept_a, q2, None, by=officer_a)

    with pytest.raises(DomainError, match="nguồn"):
        services.update_report(
            report, texts={}, indicators=[services.Indicator("SIPAS", "80", "%", "")], by=officer_a
        )
    report.refresh_from_db()
    assert report.indicators == []


def test_submitted_report_cannot_be_refreshed_or_edited(officer_a, dept_a, q2) -> None:
    report = services.draft_report(dept_a, q2, None, by=officer_a)
    submit(report, by=officer_a)

    with pytest.raises(DomainError, match="không sửa được"):
        services.refresh_figures(report, by=officer_a)
    with pytest.raises(DomainError, match="không sửa được"):
        services.update_report(report, texts={"proposals": "x"}, indicators=[], by=officer_a)


def test_plan_outline_without_a_results_heading_gets_the_standard_one_first(
    officer_a, dept_a, plan, q2
) -> None:
    plan.report_outline = [{"marker": "1.", "title": "Đánh giá chung", "text": "", "children": []}]
    plan.save(update_fields=["report_outline"])

    report = services.draft_report(dept_a, q2, plan, by=officer_a)

    assert [s["title"] for s in report.sections] == ["I. KẾT QUẢ THỰC HIỆN", "1. Đánh giá chung"]
    assert report.sections[0]["is_results"] is True


def test_plan_report_counts_only_that_plans_activities(
    officer_a, dept_a, plan, task, province_committee, q2
) -> None:
    from tests.plans.factories import make_plan

    other = make_plan(province_committee, tasks=1, units=[dept_a])
    add(task, dept_a, date(2026, 4, 1), quantity=2)
    add(other.tasks.get(), dept_a, date(2026, 4, 1), quantity=9)

    assert services.draft_report(dept_a, q2, plan, by=officer_a).figures["forms"]["articles"] == 2
    assert services.draft_report(dept_a, q2, None, by=officer_a).figures["forms"]["articles"] == 11


def test_only_a_coordinator_builds_the_calendar(officer_a, leader, province) -> None:
    with pytest.raises(DomainError, match="Chỉ điều phối viên"):
        services.build_calendar(province, 2026, by=officer_a)
    with pytest.raises(DomainError, match="Chỉ điều phối viên"):
        services.build_calendar(province, 2026, by=leader)


def test_a_draft_made_meanwhile_is_returned_not_duplicated(officer_a, dept_a, q2, monkeypatch) -> None:
    def draft_meanwhile(report):
        # Another request saves the same report while this one computes its figures.
        if not Report.objects.exists():
            Report.objects.create(unit=report.unit, period=report.period, plan=None, due_date=report.due_date)
        return {}

    monkeypatch.setattr(services, "compute_figures", draft_meanwhile)

    report = services.draft_report(dept_a, q2, None, by=officer_a)

    assert Report.objects.count() == 1
    assert report.pk == Report.objects.get().pk
