"""The province's annual aggregate on PostgreSQL: ``make bench-aggregate`` (which makes and drops the database).

Builds a province with 100 communes; each commune logs activities through the year on a plan of 10 tasks
and has its four quarterly reports drafted, submitted and accepted through the services (so their figures
are the real ones). The province then drafts its annual report: no commune sent an annual report, so each
commune's four accepted quarters (which tile the year's cut-off window) are summed, plus the province's own
activities. Prints the data size, the number of SQL queries of one draft for 10 and for 100 communes (they
must be equal), ``aggregate_sql_ms=``: the median of one hand-written SQL query giving the same sums, and
last ``aggregate_ms=``: the median time to draft the aggregate (computed and saved, then rolled back).
Target: under 1000 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import django

COMMUNES = 100
SMALL = 10
TASKS = 10
YEAR = 2026
RUNS = 20
TARGET_MS = 1000
FORM_KEYS = (
    "articles",
    "broadcasts",
    "broadcast_minutes",
    "conferences",
    "participants",
    "leaflets",
    "banners",
    "online_posts",
    "contests",
    "other",
)

# The same sums by hand: the forms of the communes' accepted quarterly reports (JSON), and the province's own
# activities in the year's cut-off window by channel and measure (mapped to lines in Python, as the app does).
SQL = """
SELECT 'report' AS source, '' AS channel, '' AS measure, count(*) AS n,
       sum((r.figures->'forms'->>'articles')::int) AS articles,
       sum((r.figures->'forms'->>'broadcasts')::int) AS broadcasts,
       sum((r.figures->'forms'->>'broadcast_minutes')::int) AS broadcast_minutes,
       sum((r.figures->'forms'->>'conferences')::int) AS conferences,
       sum((r.figures->'forms'->>'participants')::int) AS participants,
       sum((r.figures->'forms'->>'leaflets')::int) AS leaflets,
       sum((r.figures->'forms'->>'banners')::int) AS banners,
       sum((r.figures->'forms'->>'online_posts')::int) AS online_posts,
       sum((r.figures->'forms'->>'contests')::int) AS contests,
       sum((r.figures->'forms'->>'other')::int) AS other,
       sum((r.figures->>'activity_count')::int) AS quantity, 0 AS reach
FROM reports_report r
JOIN reports_reportingperiod p ON p.id = r.period_id
JOIN reports_reportrequirement q ON q.unit_id = r.unit_id AND q.recipient_id = %(province)s
    AND q.period_id = %(year_period)s AND q.plan_id IS NULL
WHERE r.status = 'accepted' AND r.plan_id IS NULL AND p.kind = 'quarter' AND p.year = %(year)s
UNION ALL
SELECT 'own', a.channel, a.measure, count(*), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       sum(a.quantity), coalesce(sum(a.reach), 0)
FROM activities_activity a
JOIN plans_task t ON t.id = a.task_id
JOIN plans_plan pl ON pl.id = t.plan_id AND pl.status = 'issued' AND pl.year = %(year)s
WHERE a.unit_id IN (
        SELECT id FROM orgs_unit WHERE id = %(province)s OR (parent_id = %(province)s AND kind = 'agency'))
  AND a.date BETWEEN %(start)s AND %(end)s
GROUP BY a.channel, a.measure
"""


def timings_ms(action: Callable[[], object], runs: int) -> list[float]:
    action()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def build(size: int, tag: str) -> dict[str, object]:
    """A province with ``size`` communes, their year of activities and accepted quarterly reports."""
    from cchc.activities.models import Activity
    from cchc.documents.services import Signature
    from cchc.orgs.models import Membership, Unit
    from cchc.plans.models import Assignment, Plan, Task
    from cchc.reports import services
    from cchc.reports.models import ReportingPeriod
    from tests.factories import make_user

    province = Unit.objects.create(kind=Unit.Kind.PROVINCE, name=f"Tỉnh {tag}", source_code=f"bench-{tag}")
    agency = {"kind": Unit.Kind.AGENCY, "parent": province}
    committee = Unit.objects.create(
        name=f"UBND tỉnh {tag}", source_code=f"bench-{tag}:ubnd", agency_type="peoples_committee", **agency
    )
    home = Unit.objects.create(
        name=f"Sở Nội vụ tỉnh {tag}", source_code=f"bench-{tag}:snv", agency_type="department", **agency
    )
    communes = [
        Unit.objects.create(
            kind=Unit.Kind.COMMUNE, parent=province, name=f"Xã {tag} {n:03d}", source_code=f"bench-{tag}:{n}"
        )
        for n in range(1, size + 1)
    ]
    coordinator = make_user(f"bench_{tag}_coordinator", unit=home, role=Membership.Role.COORDINATOR)
    officers = [make_user(f"bench_{tag}_{n}", unit=unit) for n, unit in enumerate(communes)]
    plan = Plan.objects.create(
        issuer=committee,
        year=YEAR,
        number=f"1/KH-{tag}",
        title="Kế hoạch thử nghiệm",
        status=Plan.Status.ISSUED,
    )
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            position=position,
            ordinal=str(position + 1),
            title=f"Nhiệm vụ {position + 1}",
            timeframe_kind=Task.TimeframeKind.RANGE,
            start_date=date(YEAR, 1, 1),
            end_date=date(YEAR, 12, 31),
            recurrence_kind=Task.RecurrenceKind.MONTHLY,
            per_period=1,
            target_total=12,
            item_unit="tin",
        )
        for position in range(TASKS)
    )
    Assignment.objects.bulk_create(
        Assignment(task=task, unit=unit, role=Assignment.Role.LEAD, text=unit.name)
        for task in tasks
        for unit in [committee, *communes]
    )
    kinds = (
        ("press", "articles", 2, None),
        ("radio", "minutes", 15, None),
        ("conference", "conferences", 1, 80),
        ("print", "copies", 200, None),
        ("social_media", "posts", 3, None),
    )
    Activity.objects.bulk_create(
        (
            Activity(
                task=task,
                unit=unit,
                date=date(YEAR, month, 1 + (n + i) % 28),
                channel=kinds[(n + i + month) % len(kinds)][0],
                measure=kinds[(n + i + month) % len(kinds)][1],
                quantity=kinds[(n + i + month) % len(kinds)][2],
                reach=kinds[(n + i + month) % len(kinds)][3],
                title=f"Hoạt động tháng {month}",
            )
            for n, unit in enumerate([committee, *communes])
            for i, task in enumerate(tasks)
            for month in range(1, 13)
            if (n * 7 + i * 3 + month) % 5 != 0
        ),
        batch_size=5000,
    )
    year_period = ReportingPeriod.get("year", YEAR)
    for unit in communes:
        services.add_requirement(unit, year_period, recipient=province)
    services.add_requirement(province, year_period, recipient=None)
    for index in range(1, 5):
        quarter = ReportingPeriod.get("quarter", YEAR, index)
        for unit, officer in zip(communes, officers, strict=True):
            services.add_requirement(unit, quarter, recipient=province)
            report = services.draft_report(unit, quarter, None, by=officer)
            sent_on = quarter.end + timedelta(days=1)
            signature = Signature(
                signer_name="Nguyễn Văn An",
                signer_title="Chủ tịch",
                issue_date=sent_on,
                given_number=f"{index}/BC-UBND",  # numbered in the commune's own document system
                authority="TM.",
                authority_body="ỦY BAN NHÂN DÂN",
            )
            now = datetime(sent_on.year, sent_on.month, sent_on.day, 9, tzinfo=UTC)
            services.submit_report(report, by=officer, signature=signature, now=now)
            services.accept_report(report, by=coordinator)
    return {"province": province, "coordinator": coordinator, "period": year_period}


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from cchc.activities.models import Activity
    from cchc.reports import services
    from cchc.reports.figures import FORM_RULES
    from cchc.reports.models import Report

    if connection.vendor != "postgresql":
        print("aggregate bench: DATABASE_URL must point at PostgreSQL", file=sys.stderr)
        return 2
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    small = build(SMALL, "nho")
    world = build(COMMUNES, "lon")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"communes={COMMUNES} quarterly_reports={Report.objects.filter(unit__parent=world['province']).count()} "
        f"activities={Activity.objects.count()} build_s={time.perf_counter() - started:.0f}"
    )

    def draft(target: dict[str, object]) -> Report:
        with transaction.atomic():
            report = services.draft_report(
                target["province"], target["period"], None, by=target["coordinator"]
            )
            transaction.set_rollback(True)
        return report

    counts = []
    for target in (small, world):
        with CaptureQueriesContext(connection) as context:
            draft(target)
        counts.append(len(context.captured_queries))
    print(f"aggregate_queries_{SMALL}_communes={counts[0]} aggregate_queries_{COMMUNES}_communes={counts[1]}")
    if counts[0] != counts[1]:
        print("aggregate bench: the number of queries grows with the number of units", file=sys.stderr)
        return 1

    period = world["period"]
    params = {
        "province": world["province"].pk,
        "year_period": period.pk,
        "year": YEAR,
        "start": period.start,
        "end": period.end,
    }

    def hand_sql() -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(SQL, params)
            return cursor.fetchall()

    # The app's sums must be the hand-written query's.
    rows = hand_sql()
    expected = dict.fromkeys(FORM_KEYS, 0)
    for source, channel, measure, count, *sums, quantity, reach in rows:
        if source == "report":
            for key, value in zip(FORM_KEYS, sums, strict=True):
                expected[key] += value or 0
            continue
        values = {"count": count, "quantity": quantity, "reach": reach}
        for rule in FORM_RULES:
            if (rule.channels is None or channel in rule.channels) and (
                rule.measures is None or measure in rule.measures
            ):
                expected[rule.line] += values[rule.value] or 0
    report = draft(world)
    if report.figures["forms"] != expected or report.figures["missing"]:
        print(f"aggregate bench: sums differ\napp={report.figures['forms']}\nsql={expected}", file=sys.stderr)
        return 1
    print(
        f"# sums equal the hand-written query: articles={expected['articles']} participants={expected['participants']}"
    )

    sql_times = timings_ms(hand_sql, RUNS)
    draft_times = timings_ms(lambda: draft(world), RUNS)
    aggregate_ms = statistics.median(draft_times)
    verdict = "met" if aggregate_ms < TARGET_MS else "MISSED"
    print(f"# aggregate target {TARGET_MS} ms (median): {verdict}")
    print(f"aggregate_sql_ms={statistics.median(sql_times):.0f}")
    print(f"aggregate_ms={aggregate_ms:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
