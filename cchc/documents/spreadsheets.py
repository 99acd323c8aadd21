"""Models → rows for the .xlsx builder: a plan's tasks, activities, a plan's progress by unit.

Each function reads with a fixed number of queries and hands plain rows to ``builders.xlsx``.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from cchc.activities.models import Activity
from cchc.documents.builders.xlsx import Column, Sheet, build_xlsx
from cchc.plans.models import Plan, Task
from cchc.schedule.status import BEHIND, COMPLETED, NOT_STARTED, ON_TRACK, OVERDUE
from cchc.tracking.progress import PlanProgress


def _chips_text(chips: list[dict]) -> str:
    return "; ".join(chip["label"] for chip in chips)


TASK_COLUMNS = [
    Column("TT", width=6),
    Column("Nhóm nhiệm vụ"),
    Column("Nhiệm vụ", width=50),
    Column("Chủ trì", width=30),
    Column("Phối hợp", width=30),
    Column("Thời gian"),
    Column("Bắt đầu", "date", width=12),
    Column("Hạn hoàn thành", "date", width=14),
    Column("Tần suất"),
    Column("Chỉ tiêu", "int", width=10),
    Column("Đơn vị tính", width=12),
    Column("Sản phẩm", width=30),
    Column("Kinh phí", width=20),
]


def plan_tasks_xlsx(plan: Plan) -> bytes:
    """The plan's task table, one row a task, its units by name (three queries)."""
    tasks = plan.tasks.with_assignments().order_by("position", "pk")
    rows = [
        [
            task.ordinal,
            task.group_title,
            task.title,
            _chips_text(task.lead_chips),
            _chips_text(task.coordinating_chips),
            task.timeframe_text or task.get_timeframe_kind_display(),
            task.start_date,
            task.end_date,
            task.frequency_display or task.recurrence_text,
            task.target_total,
            task.item_unit,
            task.product,
            task.budget,
        ]
        for task in tasks
    ]
    title = f"Nhiệm vụ {plan.display_number}"
    return build_xlsx([Sheet(title, TASK_COLUMNS, rows)])


ACTIVITY_COLUMNS = [
    Column("Ngày thực hiện", "date", width=14),
    Column("Kế hoạch", width=16),
    Column("Nhiệm vụ", width=40),
    Column("Đơn vị", width=30),
    Column("Hình thức", width=20),
    Column("Tiêu đề", width=45),
    Column("Mô tả", width=40),
    Column("Số lượng", "int", width=10),
    Column("Đơn vị tính", width=14),
    Column("Lượt tiếp cận", "int", width=14),
    Column("Đường dẫn", width=30),
    Column("Số minh chứng", "int", width=12),
    Column("Người nhập", width=20),
    Column("Thời điểm nhập", "datetime", width=17),
]


def activities_xlsx(activities: QuerySet[Activity]) -> bytes:
    """The activities as the list shows them (its filters applied by the caller), one row each."""
    rows = []
    for activity in activities:
        user = activity.created_by
        rows.append(
            [
                activity.date,
                activity.task.plan.display_number,
                str(activity.task),
                activity.unit.name,
                activity.get_channel_display(),
                activity.title,
                activity.description,
                activity.quantity,
                activity.get_measure_display(),
                activity.reach,
                activity.link,
                getattr(activity, "evidence_count", None),
                (user.get_full_name() or user.get_username()) if user else "",
                timezone.localtime(activity.created_at),
            ]
        )
    return build_xlsx([Sheet("Hoạt động", ACTIVITY_COLUMNS, rows)])


UNIT_COLUMNS = [
    Column("Đơn vị", width=40),
    Column("Số nhiệm vụ chủ trì", "int", width=12),
    Column("Hoàn thành", "int", width=11),
    Column("Đúng tiến độ", "int", width=11),
    Column("Chậm tiến độ", "int", width=11),
    Column("Quá hạn", "int", width=10),
    Column("Chưa bắt đầu", "int", width=11),
    Column("Số hoạt động", "int", width=11),
    Column("Đã thực hiện", "int", width=11),
    Column("Dự kiến đến ngày", "int", width=12),
    Column("Tỷ lệ đạt", "percent", width=10),
    Column("Tình trạng", width=16),
]

ROW_COLUMNS = [
    Column("Đơn vị", width=40),
    Column("TT", width=6),
    Column("Nhiệm vụ", width=50),
    Column("Đã thực hiện", "int", width=11),
    Column("Dự kiến đến ngày", "int", width=12),
    Column("Chỉ tiêu cả kỳ", "int", width=11),
    Column("Hạn tiếp theo", "date", width=13),
    Column("Tình trạng", width=16),
    Column("Số ngày chậm", "int", width=10),
]


def _ratio(done: int, expected: int) -> float | None:
    return round(done / expected, 4) if expected else None


def plan_progress_xlsx(progress: PlanProgress) -> bytes:
    """Progress of each lead unit on the day of ``progress`` (a sheet by unit, a sheet by task and unit)."""
    units = []
    for line in progress.units:
        rollup = line.rollup
        counts = rollup.counts
        units.append(
            [
                line.unit.name,
                rollup.task_count,
                counts[COMPLETED],
                counts[ON_TRACK],
                counts[BEHIND],
                counts[OVERDUE],
                counts[NOT_STARTED],
                rollup.activity_count,
                rollup.done,
                rollup.expected,
                _ratio(rollup.done, rollup.expected),
                rollup.status_label,
            ]
        )
    total = progress.total
    units.append(
        [
            f"Tổng cộng (đến ngày {progress.on:%d/%m/%Y})",
            total.task_count,
            total.counts[COMPLETED],
            total.counts[ON_TRACK],
            total.counts[BEHIND],
            total.counts[OVERDUE],
            total.counts[NOT_STARTED],
            total.activity_count,
            total.done,
            total.expected,
            _ratio(total.done, total.expected),
            total.status_label,
        ]
    )
    rows = [
        [
            row.unit.name,
            row.task.ordinal,
            row.task.title,
            row.done,
            row.expected,
            row.total,
            row.next_due.due_date if row.next_due else None,
            row.status_label,
            row.days_late or None,
        ]
        for row in sorted(progress.rows, key=_row_order)
    ]
    return build_xlsx([Sheet("Theo đơn vị", UNIT_COLUMNS, units), Sheet("Theo nhiệm vụ", ROW_COLUMNS, rows)])


def _row_order(row: object) -> tuple:
    task: Task = row.task  # type: ignore[attr-defined]
    return (row.unit.name, task.position, task.pk)  # type: ignore[attr-defined]
