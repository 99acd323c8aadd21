"""A small reporting world of its own: a province, a district, communes, their users and a plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cchc.activities.models import Activity
from cchc.documents.services import Signature
from cchc.orgs.models import Unit
from cchc.plans.models import Plan, Task
from cchc.reports.models import Report, ReportingPeriod, ReportRequirement, ReviewEvent
from cchc.reports.services import add_requirement, submit_report
from tests.factories import make_unit, make_user
from tests.plans.factories import make_plan, make_task


def add(
    task: Task,
    unit: Unit,
    day: date,
    quantity: int = 1,
    measure: str = "articles",
    channel: str = "press",
    reach: int | None = None,
) -> Activity:
    return Activity.objects.create(
        task=task,
        unit=unit,
        date=day,
        channel=channel,
        title=f"{channel} {day:%d/%m}",
        quantity=quantity,
        measure=measure,
        reach=reach,
    )


def signature(report: Report, on: date | None = None, **changes: Any) -> Signature:
    """A valid signature for ``report`` signed ``on`` (today by default), numbered from the register."""
    values: dict[str, Any] = {
        "signer_name": "Nguyễn Văn An",
        "signer_title": "Phó Chủ tịch",
        "issue_date": max(on or date.today(), report.period.start),
        "symbol": "BC-UBND",
        "authority": "KT.",
    }
    values.update(changes)
    return Signature(**values)


def submit(report: Report, *, by: Any, now: datetime | None = None, **changes: Any) -> ReviewEvent | None:
    """``services.submit_report`` signed on the day of ``now``."""
    on = now.date() if now else None
    return submit_report(report, by=by, signature=signature(report, on, **changes), now=now)


def send_data(**changes: Any) -> dict[str, str]:
    """The signature form as the report page posts it (register numbering, signed today)."""
    data = {
        "numbering": "register",
        "symbol": "BC-SNV",
        "given_number": "",
        "issue_date": date.today().isoformat(),
        "place": "",
        "authority": "KT.",
        "authority_body": "",
        "signer_title": "Phó Giám đốc",
        "signer_name": "Trần Thị Bình",
    }
    data.update(changes)
    return data


@dataclass
class Tree:
    """province ← district ← communes; a coordinator at each territory, an officer in each commune."""

    province: Unit
    district: Unit
    communes: list[Unit]
    plan: Plan
    task: Task
    users: dict[str, Any] = field(default_factory=dict)


def make_tree(communes: int = 2) -> Tree:
    province = make_unit(kind=Unit.Kind.PROVINCE, name="Tỉnh Thử Nghiệm")
    district = make_unit(province, kind=Unit.Kind.DISTRICT, agency_type="", name="Huyện Thử Nghiệm")
    units = [
        make_unit(district, kind=Unit.Kind.COMMUNE, agency_type="", name=f"Xã Thử Nghiệm {i + 1:02d}")
        for i in range(communes)
    ]
    plan = make_plan(province, tasks=0)
    task = make_task(plan, units=[province, district, *units])
    tree = Tree(province, district, units, plan, task)
    tree.users["province"] = make_user(unit=province, role="coordinator")
    tree.users["district"] = make_user(unit=district, role="coordinator")
    for index, unit in enumerate(units):
        tree.users[f"commune{index}"] = make_user(unit=unit, role="officer")
    return tree


def calendar(tree: Tree, period: ReportingPeriod, due: date | None = None) -> list[ReportRequirement]:
    """Communes report to the district, the district to the province, the province to Bộ Nội vụ."""
    lines = [add_requirement(c, period, recipient=tree.district, due_date=due) for c in tree.communes]
    lines.append(add_requirement(tree.district, period, recipient=tree.province, due_date=due))
    lines.append(add_requirement(tree.province, period, recipient=None, due_date=due))
    return lines
