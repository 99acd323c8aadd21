"""Coordinator dashboard speed on PostgreSQL: ``make bench-dashboard`` (which makes and drops the database).

Builds a province with 100 agencies, a plan of 20 monthly tasks (12 news items over the year) led by every
agency and 12 months of activities (one a month, some months skipped so every status shows up), then
requests the coordinator's plan dashboard 50 times. Prints the data size, the load of the machine, the
median CPU time and wall time of a request, ``dashboard_sql_ms=``: the p95
of one hand-written SQL query giving the same figures (activities and quantities per unit × month, per
unit, per channel and for the plan), and last ``dashboard_p95_ms=``. Target: under 300 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date

import django

UNITS = 100
TASKS = 20
YEAR = 2026
REQUESTS = 50
ON = date(YEAR, 12, 10)
TARGET_MS = 300

SQL = """
SELECT a.unit_id, date_trunc('month', a.date)::date AS month, a.channel,
       count(*) AS activities, sum(a.quantity) AS quantity
FROM activities_activity a
JOIN (
    SELECT DISTINCT s.task_id, s.unit_id
    FROM plans_assignment s JOIN plans_task t ON t.id = s.task_id
    WHERE t.plan_id = %s AND s.role = 'lead' AND s.unit_id IS NOT NULL
) lead ON lead.task_id = a.task_id AND lead.unit_id = a.unit_id
WHERE a.date <= %s
GROUP BY GROUPING SETS ((a.unit_id, month), (a.unit_id), (a.channel), ())
"""


def timings_ms(action: Callable[[], object], runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall times of ``runs`` calls (after one to warm up); the process's CPU time of each into ``cpu``."""
    action()  # warm up: templates, caches, the database's plans
    times = []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        times.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - started_cpu) * 1000)
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def build() -> tuple[object, object]:
    """The province, its units, the plan and its activities; returns (plan, coordinator)."""
    from cchc.activities.models import Activity
    from cchc.orgs.models import Membership, Unit
    from cchc.plans.models import Assignment, Plan, Task
    from tests.factories import make_user

    province = Unit.objects.create(kind=Unit.Kind.PROVINCE, name="Tỉnh Thử Nghiệm", source_code="bench")
    agency = {"kind": Unit.Kind.AGENCY, "agency_type": Unit.AgencyType.DEPARTMENT, "parent": province}
    committee = Unit.objects.create(name="UBND tỉnh Thử Nghiệm", source_code="bench:ubnd", **agency)
    home = Unit.objects.create(name="Sở Nội vụ tỉnh Thử Nghiệm", source_code="bench:snv", **agency)
    units = [
        Unit.objects.create(name=f"Cơ quan thử nghiệm {n:03d}", source_code=f"bench:{n}", **agency)
        for n in range(1, UNITS + 1)
    ]
    coordinator = make_user("bench_coordinator", unit=home, role=Membership.Role.COORDINATOR)
    for n, unit in enumerate(units):
        make_user(f"bench_officer_{n}", unit=unit, email=f"canbo{n}@example.vn")
    plan = Plan.objects.create(
        issuer=committee,
        year=YEAR,
        number="1/KH-UBND",
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
        for unit in units
    )
    channels = ("press", "radio", "web_portal", "social_media")
    activities = (
        Activity(
            task=task,
            unit=unit,
            date=date(YEAR, month, 1 + (n + i) % 28),
            channel=channels[(n + i) % len(channels)],
            title=f"Tin tháng {month}",
            quantity=1,
            measure=Activity.Measure.ARTICLES,
        )
        for n, unit in enumerate(units)
        for i, task in enumerate(tasks)
        for month in range(1, 13)
        if (n * 7 + i * 3 + month) % 11 != 0 and not (n % 10 == 0 and month > 8)
    )
    Activity.objects.bulk_create(activities, batch_size=5000)
    return plan, coordinator


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from cchc.activities.models import Activity

    if connection.vendor != "postgresql":
        print("dashboard bench: DATABASE_URL must point at PostgreSQL", file=sys.stderr)
        return 2
    settings.DEBUG = False
    # 100 officers: a weak hash keeps the build short; the dashboard never checks passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)
    plan, coordinator = build()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"units={UNITS} tasks={TASKS} activities={Activity.objects.count()}")

    client = Client()
    client.force_login(coordinator)
    url = reverse("tracking:plan_dashboard", kwargs={"pk": plan.pk})
    params = {"ngay": ON.isoformat()}

    def request() -> None:
        response = client.get(url, params)
        if response.status_code != 200:
            raise RuntimeError(f"dashboard answered {response.status_code}")

    def hand_sql() -> None:
        with connection.cursor() as cursor:
            cursor.execute(SQL, [plan.pk, ON])
            cursor.fetchall()

    sql_times = timings_ms(hand_sql, REQUESTS)
    cpu_times: list[float] = []
    dashboard_times = timings_ms(request, REQUESTS, cpu_times)
    dashboard_ms = p95(dashboard_times)
    verdict = "met" if dashboard_ms < TARGET_MS else "MISSED"
    # Wall times grow with whatever else runs on the machine; the CPU time of this process much less so.
    load = os.getloadavg()[0]
    print(f"# load average {load:.1f} on {os.cpu_count()} CPUs while measuring")
    print(f"dashboard_cpu_median_ms={statistics.median(cpu_times):.0f}")
    print(f"dashboard_median_ms={statistics.median(dashboard_times):.0f}")
    print(f"# dashboard target {TARGET_MS} ms (p95): {verdict}")
    print(f"dashboard_sql_ms={p95(sql_times):.0f}")
    print(f"dashboard_p95_ms={dashboard_ms:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
