"""A unit's year of work to score: a plan with tasks it leads, activities, evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile

from cchc.activities.models import Activity, Evidence
from cchc.documents.services import Signature
from cchc.evaluation.models import ScoreRule, ScoreSheet
from cchc.evaluation.services import send_for_appraisal
from cchc.orgs.models import Unit
from cchc.plans.models import Plan, SubPlanObligation, Task
from tests.activities.factories import add_activity
from tests.plans.factories import make_plan, make_task


def add_evidence(activity: Activity) -> Evidence:
    evidence = Evidence(activity=activity, original_name="anh.jpg", content_type="image/jpeg", size=4)
    evidence.file.save("anh.jpg", ContentFile(b"\xff\xd8\xff\xe0"), save=False)
    evidence.save()
    return evidence


def counted_task(plan: Plan, unit: Unit, position: int, target: int = 2) -> Task:
    """A task of ``target`` outputs over the plan year, led by ``unit``."""
    return make_task(
        plan,
        units=[unit],
        position=position,
        timeframe_kind=Task.TimeframeKind.RANGE,
        start_date=date(plan.year, 1, 1),
        end_date=date(plan.year, 12, 31),
        recurrence_kind=Task.RecurrenceKind.COUNT,
        per_period=None,
        target_total=target,
    )


def sample_year(issuer: Unit, unit: Unit, year: int) -> Plan:
    """The sample unit's year (the tests' hand computations rely on exactly this):

    - 10 tasks led by ``unit``, 2 outputs each; tasks 1–9 get both, task 10 one: 9/10 completed;
    - on task 1, a screen broadcast ("màn hình LED", visual) with evidence: online, screens;
    - on task 2, a Facebook post (social media) with evidence: online, web/social;
    - on task 3, a newspaper article (press) and on task 4 a radio broadcast, both WITHOUT evidence: no
      traditional form counts;
    - the plan requires the province's departments to issue their own plan by 31/3, and ``unit`` has not.
    """
    plan = make_plan(issuer, year=year, issue_date=date(year, 1, 15))
    tasks = [counted_task(plan, unit, position) for position in range(10)]
    for task in tasks[:9]:
        add_activity(task, unit, date(year, 5, 10), quantity=2)
    add_activity(tasks[9], unit, date(year, 5, 10), quantity=1)
    screen = add_activity(tasks[0], unit, date(year, 6, 1), quantity=0, channel="visual")
    screen.title = "Trình chiếu khẩu hiệu CCHC trên màn hình LED tại trụ sở"
    screen.save(update_fields=["title"])
    add_evidence(screen)
    add_evidence(add_activity(tasks[1], unit, date(year, 6, 2), quantity=0, channel="social_media"))
    add_activity(tasks[2], unit, date(year, 6, 3), quantity=0, channel="press")
    add_activity(tasks[3], unit, date(year, 6, 4), quantity=0, channel="radio")
    SubPlanObligation.objects.create(
        plan=plan,
        units=[
            {
                "text": "Các sở, ban, ngành",
                "name": "Các sở, ban, ngành",
                "is_group": True,
                "group": "departments",
            }
        ],
        deadline_text=f"trong quý I năm {year}",
        due_date=date(year, 3, 31),
    )
    return plan


# A rule like Tiền Giang's 2022 criterion [domain.md §4, S8], written as data only.
TIEN_GIANG_LIKE = {
    "title": "Công tác tuyên truyền CCHC (theo Tiền Giang 2022)",
    "max_points": 5,
    "criteria": [
        {
            "code": "1",
            "title": "Ban hành kế hoạch tuyên truyền",
            "max_points": 1,
            "metric": "subplan_timeliness",
            "scoring": {"kind": "choice", "points": {"on_time": 1, "late": 0, "missing": -1}},
        },
        {
            "code": "2",
            "title": "Mức độ hoàn thành kế hoạch",
            "max_points": 1,
            "metric": "plan_completion",
            "scoring": {"kind": "proportional_above", "threshold": 80},
        },
        {
            "code": "3",
            "title": "Hình thức trực tuyến",
            "max_points": 0.5,
            "metric": "online_forms",
            "scoring": {"kind": "per_item", "points": 0.25},
        },
        {
            "code": "4",
            "title": "Hình thức truyền thống",
            "max_points": 0.5,
            "metric": "traditional_forms",
            "scoring": {"kind": "per_item", "points": 0.1},
        },
        {
            "code": "5",
            "title": "Thực hiện chế độ báo cáo",
            "max_points": 2,
            "scoring": {
                "kind": "deductions",
                "base": 2,
                "penalties": [
                    # −0,25 per late or deficient (returned) report, each report once.
                    {"metric": "reports_late_or_returned", "points": 0.25},
                    {"metric": "reports_missing_periodic", "points": 0.5},
                    {"metric": "reports_missing_annual", "points": 1},
                ],
            },
        },
    ],
}


def add_rule(year: int, level: str, definition: dict, name: str = "Quy tắc thử") -> ScoreRule:
    return ScoreRule.objects.create(year=year, level=level, name=name, definition=definition)


def send(sheet: ScoreSheet, *, by: Any, **changes: Any) -> ScoreSheet:
    """``services.send_for_appraisal`` signed today and numbered from the unit's register."""
    values: dict[str, Any] = {
        "signer_name": "Trần Thị Bình",
        "signer_title": "Phó Giám đốc",
        "issue_date": date.today(),
        "symbol": "BC-SNV",
        "authority": "KT.",
    }
    values.update(changes)
    return send_for_appraisal(sheet, by=by, signature=Signature(**values))
