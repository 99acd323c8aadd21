"""Scoring a unit from the record: the hand-computed sample, another year's rule, metrics, history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.core.errors import DomainError
from cchc.evaluation import metrics
from cchc.evaluation.models import Level, ScoreRule, ScoreSheet, level_of
from cchc.evaluation.rules import XUAN_LOC_2022
from cchc.evaluation.services import compute_score, score_unit, stored_result
from cchc.plans.models import Plan
from tests.activities.factories import add_activity
from tests.evaluation.conftest import ship_rules
from tests.evaluation.factories import TIEN_GIANG_LIKE, add_evidence, add_rule, counted_task, sample_year
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db

YEAR_END = date(2026, 12, 31)


def lines_by_code(sheet: ScoreSheet) -> dict[str, Decimal]:
    return {line["code"]: Decimal(line["points"]) for line in sheet.lines}


def test_sample_unit_score_matches_the_hand_computation(province_committee, dept_a, coordinator) -> None:
    sample_year(province_committee, dept_a, 2026)

    sheet = score_unit(dept_a, 2026, by=coordinator, on=YEAR_END)

    # Shipped rule (Xuân Lộc 2022, criterion 4, 2 points), by hand:
    # 4.1   9 of 10 tasks completed = 90,0%  → band "90% to under 100%", proportional: 0,90 × 1 = 0,90
    # 4.2.1.a  screen (màn hình LED) activity with evidence                           → 0,25
    # 4.2.1.b  Facebook post with evidence                                             → 0,25
    # 4.2.1 = 0,25 + 0,25 = 0,50
    # 4.2.2  press and radio logged but without evidence: no traditional form         → 0
    # 4.2 = 0,50 + 0 = 0,50
    # total = 0,90 + 0,50 = 1,40 of 2
    assert sheet.total == Decimal("1.40")
    assert sheet.max_points == Decimal("2.00")
    assert lines_by_code(sheet) == {
        "4.1": Decimal("0.90"),
        "4.2": Decimal("0.50"),
        "4.2.1": Decimal("0.50"),
        "4.2.1.a": Decimal("0.25"),
        "4.2.1.b": Decimal("0.25"),
        "4.2.2": Decimal("0"),
    }
    first = sheet.lines[0]
    assert first["explanation"] == (
        "Hoàn thành 9/10 nhiệm vụ (90,0%) → 90% đến dưới 100%: 0,90 × 1 = 0,90 điểm"
    )
    assert first["references"][0]["label"].startswith("Chưa hoàn thành:")
    assert "task=" in first["references"][0]["url"]
    assert sheet.rule.name == "Tuyên truyền CCHC (theo Xuân Lộc 2022)"
    assert sheet.computed_by == coordinator
    assert sheet.evaluated_on == YEAR_END


def test_another_years_rule_scores_the_same_work_differently_without_code(
    province_committee, dept_a, coordinator
) -> None:
    sample_year(province_committee, dept_a, 2026)
    sample_year(province_committee, dept_a, 2027)
    add_rule(2027, Level.DEPARTMENT, TIEN_GIANG_LIKE, name="Tuyên truyền CCHC (theo Tiền Giang 2022)")

    xuan_loc = score_unit(dept_a, 2026, by=coordinator, on=YEAR_END)
    tien_giang = score_unit(dept_a, 2027, by=coordinator, on=date(2027, 12, 31))

    # Same work in 2027, Tiền Giang-like rule, by hand:
    # 1  departments had to issue their plan by 31/03/2027, Sở Nội vụ did not     → missing: −1
    # 2  9/10 = 90,0% ≥ 80% threshold, proportional: 0,90 × 1                      → 0,90
    # 3  online forms with evidence: screens, social media = 2 × 0,25 = 0,50 (cap 0,5) → 0,50
    # 4  traditional forms with evidence: none = 0 × 0,1                            → 0
    # 5  no reporting calendar: no data                                             → 0
    # total = −1 + 0,90 + 0,50 + 0 + 0 = 0,40 of 5
    assert xuan_loc.total == Decimal("1.40")
    assert tien_giang.total == Decimal("0.40")
    assert tien_giang.max_points == Decimal("5")
    assert lines_by_code(tien_giang) == {
        "1": Decimal("-1"),
        "2": Decimal("0.90"),
        "3": Decimal("0.50"),
        "4": Decimal("0"),
        "5": Decimal("0"),
    }
    assert tien_giang.lines[0]["explanation"] == "Không ban hành kế hoạch; hạn 31/03/2027 đã qua → -1,00 điểm"


def test_a_year_not_over_is_scored_up_to_today_and_says_so(province_committee, dept_a) -> None:
    sample_year(province_committee, dept_a, 2026)

    computation = compute_score(dept_a, 2026, on=date(2026, 11, 29))

    assert computation.evaluated_on == date(2026, 11, 29)
    assert "tạm tính đến ngày 29/11/2026" in computation.result.lines[0].explanation


def test_evaluation_day_stops_at_the_year_end() -> None:
    assert metrics.evaluation_day(2025, date(2026, 3, 1)) == date(2025, 12, 31)
    assert metrics.evaluation_day(2026, date(2026, 3, 1)) == date(2026, 3, 1)


def test_evidence_decides_what_counts_as_a_form(province_committee, dept_a) -> None:
    plan = make_plan(province_committee, year=2026)
    task = counted_task(plan, dept_a, 0)
    add_evidence(add_activity(task, dept_a, date(2026, 3, 1), channel="visual"))  # a banner: traditional
    add_evidence(add_activity(task, dept_a, date(2026, 3, 2), channel="loudspeaker"))
    add_activity(task, dept_a, date(2026, 3, 3), channel="web_portal")  # no evidence
    add_evidence(add_activity(task, dept_a, date(2027, 1, 2), channel="social_media"))  # next year

    values = metrics.variety(dept_a, 2026, YEAR_END)

    assert values["traditional_forms"].items == (
        "Loa, đài truyền thanh cơ sở",
        "Tuyên truyền trực quan (pano, áp phích, băng rôn, màn hình LED)",
    )
    assert values["online_screens"].items == ()
    assert values["online_web_social"].items == ()
    assert (
        values["traditional_forms"].references[0].label
        == "Loa, đài truyền thanh cơ sở: 1 hoạt động có minh chứng"
    )
    assert "channel=loudspeaker" in values["traditional_forms"].references[0].url


def test_completion_counts_a_task_and_its_sub_plan_copy_once(province_committee, dept_a) -> None:
    parent = make_plan(province_committee, year=2026)
    task = counted_task(parent, dept_a, 0)
    own = make_plan(dept_a, year=2026, parent=parent, issue_date=date(2026, 2, 1))
    copy = counted_task(own, dept_a, 0)
    copy.parent_task = task
    copy.save(update_fields=["parent_task"])
    add_activity(copy, dept_a, date(2026, 4, 1), quantity=2)

    value = metrics.plan_completion(dept_a, 2026, YEAR_END)

    assert (value.done, value.total) == (1, 1)


def test_draft_plans_and_coordinating_units_do_not_count(province_committee, dept_a, dept_b) -> None:
    draft = make_plan(province_committee, year=2026, status=Plan.Status.DRAFT)
    counted_task(draft, dept_a, 0)
    issued = make_plan(province_committee, year=2026)
    counted_task(issued, dept_b, 0)

    value = metrics.plan_completion(dept_a, 2026, YEAR_END)

    assert value.missing
    assert "không chủ trì nhiệm vụ nào" in value.note


@pytest.mark.parametrize(
    ("issued_on", "choice"), [(date(2026, 3, 31), "on_time"), (date(2026, 4, 1), "late")]
)
def test_sub_plan_issued_by_the_deadline_is_on_time(province_committee, dept_a, issued_on, choice) -> None:
    parent = sample_year(province_committee, dept_a, 2026)
    make_plan(dept_a, year=2026, parent=parent, issue_date=issued_on)

    value = metrics.subplan_timeliness(dept_a, 2026, YEAR_END)

    assert value.choice == choice
    assert value.note == f"ban hành ngày {issued_on:%d/%m/%Y}, hạn 31/03/2026"


def test_sub_plan_not_due_yet_and_not_required_are_no_data(province_committee, dept_a, dept_b) -> None:
    sample_year(province_committee, dept_a, 2026)

    assert metrics.subplan_timeliness(dept_a, 2026, date(2026, 3, 1)).note == (
        "chưa đến hạn ban hành kế hoạch (31/03/2026)"
    )
    assert metrics.subplan_timeliness(dept_a, 2025, YEAR_END).missing


def test_no_active_rule_is_a_clear_error(province, dept_a) -> None:
    with pytest.raises(
        DomainError, match="Chưa có quy tắc chấm điểm đang áp dụng cho sở, ban, ngành cấp tỉnh năm 2030"
    ):
        score_unit(dept_a, 2030, by=None)
    assert not ScoreSheet.objects.exists()


def test_an_invalid_stored_rule_is_refused(dept_a) -> None:
    add_rule(
        2031, Level.DEPARTMENT, {"criteria": [{"code": "1", "title": "x", "max_points": 1, "metric": "x"}]}
    )

    with pytest.raises(DomainError, match="không hợp lệ"):
        score_unit(dept_a, 2031, by=None)
    assert not ScoreSheet.objects.exists()


def test_recomputing_keeps_history(province_committee, dept_a, coordinator) -> None:
    plan = sample_year(province_committee, dept_a, 2026)
    first = score_unit(dept_a, 2026, by=coordinator, on=YEAR_END)
    add_activity(plan.tasks.order_by("position").last(), dept_a, date(2026, 7, 1))

    second = score_unit(dept_a, 2026, by=coordinator, on=YEAR_END)

    assert (first.total, second.total) == (Decimal("1.40"), Decimal("1.50"))
    assert ScoreSheet.objects.filter(unit=dept_a, year=2026).count() == 2
    assert stored_result(second).lines[0].points == Decimal("1.00")


@pytest.mark.parametrize(
    ("fixture", "level"),
    [
        ("province", Level.PROVINCE),
        ("province_committee", Level.PROVINCE),
        ("dept_a", Level.DEPARTMENT),
        ("commune", Level.COMMUNE),
        ("commune_committee", Level.COMMUNE),
        ("legacy_city", Level.DISTRICT),
        ("legacy_city_committee", Level.DISTRICT),
    ],
)
def test_level_of_units(request, fixture, level) -> None:
    unit = request.getfixturevalue(fixture)

    assert level_of(unit) == level


def test_shipped_rules_are_the_xuan_loc_rule_for_2025_and_2026() -> None:
    ScoreRule.objects.all().delete()
    ship_rules()
    ship_rules()  # shipping twice (migrating again) adds nothing

    shipped = ScoreRule.objects.filter(name="Tuyên truyền CCHC (theo Xuân Lộc 2022)")
    assert shipped.count() == 6

    assert {(rule.year, rule.level) for rule in shipped} == {
        (year, level) for year in (2025, 2026) for level in ("commune", "department", "local_office")
    }
    assert all(rule.definition == XUAN_LOC_2022 and rule.is_active for rule in shipped)
    assert all("xuanloc.dongnai.gov.vn" in rule.description for rule in shipped)


@pytest.mark.parametrize("size", [1, 6])
def test_query_count_does_not_grow_with_tasks_and_activities(province_committee, dept_a, size) -> None:
    plan = make_plan(province_committee, year=2026)
    for position in range(size):
        task = counted_task(plan, dept_a, position)
        for day in range(1, size + 1):
            add_evidence(add_activity(task, dept_a, date(2026, 3, day), channel="press"))

    with CaptureQueriesContext(connection) as queries:
        score_unit(dept_a, 2026, by=None, on=YEAR_END)

    # the rule; progress: pairs, tasks, units, activity aggregate; variety; own sub-plans; plans above
    # requiring one (no obligation here, so no group expansion); the sheet's insert.
    assert len(queries) == 9


def _requirement(
    unit,
    kind: str,
    index: int,
    due: date,
    *,
    submitted: bool = False,
    late: bool = False,
    history: tuple[str, ...] = (),
    year: int = 2026,
):
    """A calendar line and, when ``submitted``, the report with the review steps ``history`` after its
    first submission (e.g. ("return", "resubmit", "accept"))."""
    from django.utils import timezone

    from cchc.reports.models import Report, ReportingPeriod, ReportRequirement, ReviewEvent

    period = ReportingPeriod.get(kind, year, index)
    ReportRequirement.objects.create(unit=unit, period=period, due_date=due)
    if not submitted:
        return None
    report = Report.objects.create(
        unit=unit,
        period=period,
        due_date=due,
        status=Report.Status.ACCEPTED if history[-1:] == ("accept",) else Report.Status.SUBMITTED,
        first_submitted_at=timezone.now(),
        submitted_at=timezone.now(),
        is_late=late,
    )
    for kind_ in ("submit", *history):
        ReviewEvent.objects.create(report=report, kind=kind_, at=timezone.now(), is_late=late)
    return report


def test_reporting_counts_late_and_missing_reports_from_the_calendar(dept_a) -> None:
    _requirement(dept_a, "quarter", 1, date(2026, 3, 20), submitted=True)
    _requirement(dept_a, "half_year", 1, date(2026, 6, 5), submitted=True, late=True)
    _requirement(dept_a, "quarter", 3, date(2026, 9, 20))
    _requirement(dept_a, "year", 1, date(2026, 11, 30))
    add_rule(
        2026,
        Level.OTHER,
        {
            "criteria": [
                {
                    "code": "5",
                    "title": "Chế độ báo cáo",
                    "max_points": 2,
                    "scoring": {
                        "kind": "deductions",
                        "base": 2,
                        "penalties": [
                            {"metric": "reports_late", "points": 0.25},
                            {"metric": "reports_missing_periodic", "points": 0.5},
                            {"metric": "reports_missing_annual", "points": 1},
                        ],
                    },
                }
            ]
        },
    )

    values = metrics.reporting(dept_a, 2026, YEAR_END)
    before_year_end = metrics.reporting(dept_a, 2026, date(2026, 10, 1))

    assert (values["reports_late"].count, values["reports_missing_periodic"].count) == (1, 1)
    assert values["reports_missing_annual"].count == 1
    assert (
        values["reports_late"].references[0].label == "Nộp trễ: báo cáo 6 tháng đầu năm 2026 (hạn 05/06/2026)"
    )
    # The annual report is not due on 1 October yet.
    assert before_year_end["reports_missing_annual"].count == 0
    # 2 − 1 × 0,25 (late) − 1 × 0,5 (Q3 missing) − 1 × 1 (annual missing) = 0,25
    line = scoring_line(values)
    assert line.points == Decimal("0.25")
    assert line.explanation.endswith("2 − 1 × 0,25 − 1 × 0,5 − 1 × 1 = 0,25: 0,25 điểm")


def scoring_line(values):
    from cchc.evaluation.scoring import evaluate

    rule = ScoreRule.objects.get(year=2026, level=Level.OTHER)
    return evaluate(rule.definition, values).lines[0]


def test_reporting_without_a_calendar_is_no_data(dept_a) -> None:
    values = metrics.reporting(dept_a, 2026, YEAR_END)

    assert values["reports_late"].missing
    assert values["reports_late"].note == "chưa có lịch báo cáo đến hạn của đơn vị năm 2026"


def test_a_returned_report_is_deficient_once_and_late_and_returned_counts_once(dept_a) -> None:
    # Q1: on time, returned, resubmitted, accepted: deficient once (one report, not one per event).
    q1 = _requirement(
        dept_a, "quarter", 1, date(2026, 3, 20), submitted=True, history=("return", "resubmit", "accept")
    )
    # 6 months: late AND returned twice: still one deficient report.
    half = _requirement(
        dept_a,
        "half_year",
        1,
        date(2026, 6, 5),
        submitted=True,
        late=True,
        history=("return", "resubmit", "return", "resubmit"),
    )
    # Q3: on time, accepted at once: fine.
    _requirement(dept_a, "quarter", 3, date(2026, 9, 20), submitted=True, history=("accept",))
    # 9 months: late, never returned.
    _requirement(dept_a, "nine_months", 1, date(2026, 9, 30), submitted=True, late=True)

    values = metrics.reporting(dept_a, 2026, YEAR_END)

    assert values["reports_late"].count == 2
    assert values["reports_returned"].count == 2
    assert values["reports_late_or_returned"].count == 3
    labels = [ref.label for ref in values["reports_late_or_returned"].references]
    assert labels == [
        "Bị trả lại: báo cáo quý I/2026 (hạn 20/03/2026)",
        "Nộp trễ, bị trả lại: báo cáo 6 tháng đầu năm 2026 (hạn 05/06/2026)",
        "Nộp trễ: báo cáo 9 tháng năm 2026 (hạn 30/09/2026)",
    ]
    urls = {ref.url for ref in values["reports_returned"].references}
    assert urls == {f"/bao-cao/{q1.pk}/", f"/bao-cao/{half.pk}/"}


def test_tien_giang_like_rule_deducts_each_late_or_returned_report_once(
    province_committee, dept_a, coordinator
) -> None:
    sample_year(province_committee, dept_a, 2027)
    add_rule(2027, Level.DEPARTMENT, TIEN_GIANG_LIKE, name="Tuyên truyền CCHC (theo Tiền Giang 2022)")
    returned_then_accepted = ("return", "resubmit", "accept")
    _requirement(
        dept_a, "quarter", 1, date(2027, 4, 8), submitted=True, history=returned_then_accepted, year=2027
    )
    _requirement(
        dept_a,
        "half_year",
        1,
        date(2027, 6, 8),
        submitted=True,
        late=True,
        history=("return", "resubmit", "return", "resubmit", "accept"),
        year=2027,
    )
    _requirement(dept_a, "quarter", 3, date(2027, 10, 8), submitted=True, history=("accept",), year=2027)
    _requirement(dept_a, "year", 1, date(2027, 12, 15), year=2027)

    with CaptureQueriesContext(connection) as queries:
        sheet = score_unit(dept_a, 2027, by=coordinator, on=date(2027, 12, 31))

    # By hand, criteria 1–4 as in the test above (−1 + 0,90 + 0,50 + 0 = 0,40);
    # 5  Q1 returned then accepted (1), 6 months late and returned twice (1): 2 deficient reports;
    #    no quarterly report missing; the annual report missing (1):
    #    2 − 2 × 0,25 − 0 × 0,5 − 1 × 1 = 0,50
    # total = 0,40 + 0,50 = 0,90 of 5
    assert lines_by_code(sheet)["5"] == Decimal("0.50")
    assert sheet.total == Decimal("0.90")
    line = sheet.lines[-1]
    assert line["explanation"] == (
        "2 báo cáo trễ hạn hoặc không đạt yêu cầu; 0 báo cáo quý, 6 tháng, 9 tháng không nộp; "
        "1 báo cáo năm không nộp → 2 − 2 × 0,25 − 0 × 0,5 − 1 × 1 = 0,50: 0,50 điểm"
    )
    assert [ref["label"] for ref in line["references"]][:2] == [
        "Bị trả lại: báo cáo quý I/2027 (hạn 08/04/2027)",
        "Nộp trễ, bị trả lại: báo cáo 6 tháng đầu năm 2027 (hạn 08/06/2027)",
    ]
    # The review history is read inside the one query for the reports received (no query per report).
    history_queries = [q["sql"] for q in queries.captured_queries if "reports_reviewevent" in q["sql"]]
    assert len(history_queries) == 1
    assert 'FROM "reports_report"' in history_queries[0]
