"""The only writers of activities: logging one or several, editing with history, importing an .xlsx."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cchc.activities import access
from cchc.activities.evidence import CheckedFile, check_file
from cchc.activities.models import CHANNEL_CHOICES, Activity, ActivityRevision, Evidence
from cchc.core.errors import DomainError
from cchc.orgs.models import Unit
from cchc.plans.models import Assignment, Task

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.core.files.uploadedfile import UploadedFile

EDITABLE_FIELDS = (
    "task",
    "unit",
    "date",
    "channel",
    "title",
    "description",
    "quantity",
    "measure",
    "reach",
    "link",
)


def _check_uploads(files: list[UploadedFile]) -> list[tuple[UploadedFile, CheckedFile]]:
    return [(upload, check_file(upload, upload.name or "", upload.size or 0)) for upload in files]


def _store_evidence(
    activity: Activity, checked: list[tuple[UploadedFile, CheckedFile]], by: AbstractBaseUser | None
) -> list[Evidence]:
    stored = []
    for upload, info in checked:
        upload.seek(0)
        evidence = Evidence(
            activity=activity,
            original_name=info.original_name,
            content_type=info.content_type,
            size=info.size,
            uploaded_by=by,
        )
        # A generated name: the original one may hold anything, and is kept in original_name.
        suffix = PurePath(info.original_name).suffix.lower()
        evidence.file.save(f"{uuid.uuid4().hex}{suffix}", File(upload), save=False)
        evidence.save()
        stored.append(evidence)
    return stored


def _require_assignment(by: AbstractBaseUser, task: Task, unit: Unit) -> None:
    if not access.may_log_for(by, task, unit):
        raise DomainError(
            _("Bạn không thể ghi hoạt động của “%(unit)s” cho nhiệm vụ này.") % {"unit": unit.name}
        )


@transaction.atomic
def log_activity(
    *,
    by: AbstractBaseUser,
    task: Task,
    unit: Unit,
    date: date,
    channel: str,
    title: str,
    measure: str,
    quantity: int = 1,
    description: str = "",
    reach: int | None = None,
    link: str = "",
    files: list[UploadedFile] | None = None,
) -> Activity:
    """Record one activity with its evidence. DomainError when the user may not log for (task, unit) or a
    file is refused; nothing is saved then."""
    _require_assignment(by, task, unit)
    checked = _check_uploads(files or [])
    activity = Activity.objects.create(
        task=task,
        unit=unit,
        date=date,
        channel=channel,
        title=title,
        description=description,
        quantity=quantity,
        measure=measure,
        reach=reach,
        link=link,
        created_by=by,
    )
    _store_evidence(activity, checked, by)
    return activity


@transaction.atomic
def log_activities(rows: list[dict[str, Any]], *, by: AbstractBaseUser) -> list[Activity]:
    """Record several activities at once: all of them, or (DomainError) none."""
    for row in rows:
        _require_assignment(by, row["task"], row["unit"])
        _check_uploads(row.get("files") or [])
    return [log_activity(by=by, **row) for row in rows]


@transaction.atomic
def add_evidence(activity: Activity, files: list[UploadedFile], *, by: AbstractBaseUser) -> list[Evidence]:
    """Attach files to an activity; DomainError (nothing stored) when one is refused."""
    return _store_evidence(activity, _check_uploads(files), by)


def _shown(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Task | Unit):
        return str(value)
    return value


@transaction.atomic
def update_activity(
    activity: Activity, *, by: AbstractBaseUser, files: list[UploadedFile] | None = None, **fields: Any
) -> Activity:
    """Change an activity, attach ``files`` and record who changed what (no revision when nothing changed).
    DomainError, nothing saved, when the new (task, unit) is not one the user may log for or a file is
    refused."""
    checked = _check_uploads(files or [])
    activity = Activity.objects.select_for_update().select_related("task", "unit").get(pk=activity.pk)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    task = fields.get("task", activity.task)
    unit = fields.get("unit", activity.unit)
    if task != activity.task or unit != activity.unit:
        _require_assignment(by, task, unit)
    changes: dict[str, list[Any]] = {}
    for name, new in fields.items():
        old = getattr(activity, name)
        if old != new:
            changes[name] = [_shown(old), _shown(new)]
            setattr(activity, name, new)
    if changes:
        activity.save()
        ActivityRevision.objects.create(activity=activity, changed_by=by, changes=changes)
    _store_evidence(activity, checked, by)
    return activity


# The .xlsx template: one sheet to fill in, one listing the user's tasks, one with the lists.
SHEET_ACTIVITIES = "Hoạt động"
SHEET_TASKS = "Nhiệm vụ"
SHEET_LISTS = "Danh mục"
FIRST_DATA_ROW = 2
TEMPLATE_ROWS = 500


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool


COLUMNS = [
    Column("date", "Ngày thực hiện (dd/mm/yyyy)", True),
    Column("task", "Mã nhiệm vụ", True),
    Column("unit", "Mã đơn vị (để trống nếu chỉ có một)", False),
    Column("channel", "Hình thức", True),
    Column("title", "Tiêu đề", True),
    Column("description", "Mô tả", False),
    Column("quantity", "Số lượng", True),
    Column("measure", "Đơn vị tính", True),
    Column("reach", "Lượt tiếp cận", False),
    Column("link", "Đường dẫn", False),
]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)s, cột %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportRowsError(DomainError):
    """Some rows of an uploaded .xlsx are wrong; ``errors`` says where."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(_("Tệp có %(n)s lỗi; chưa có hoạt động nào được lưu.") % {"n": len(errors)})
        self.errors = errors


def _measure_labels() -> dict[str, str]:
    return {str(label): code for code, label in Activity.Measure.choices}


def _channel_labels() -> dict[str, str]:
    return {str(label): code for code, label in CHANNEL_CHOICES}


def activities_template_xlsx(user: AbstractBaseUser) -> bytes:
    """An .xlsx to fill in: the header row, drop-down lists for channel and measure, date cells, and a
    sheet listing the tasks (and units) the user may log for."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_ACTIVITIES
    sheet.append([column.header for column in COLUMNS])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if column.key == "title" else 20

    lists = workbook.create_sheet(SHEET_LISTS)
    channels = list(_channel_labels())
    measures = list(_measure_labels())
    for row, label in enumerate(channels, start=1):
        lists.cell(row=row, column=1, value=label)
    for row, label in enumerate(measures, start=1):
        lists.cell(row=row, column=2, value=label)
    last = FIRST_DATA_ROW + TEMPLATE_ROWS
    for key, formula in (
        ("channel", f"'{SHEET_LISTS}'!$A$1:$A${len(channels)}"),
        ("measure", f"'{SHEET_LISTS}'!$B$1:$B${len(measures)}"),
    ):
        letter = _letter(key)
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.error = _("Chọn một giá trị trong danh sách.")
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
        sheet.add_data_validation(validation)
    date_letter = _letter("date")
    for row in range(FIRST_DATA_ROW, last + 1):
        sheet[f"{date_letter}{row}"].number_format = "DD/MM/YYYY"

    tasks = workbook.create_sheet(SHEET_TASKS)
    tasks.append(["Mã nhiệm vụ", "Kế hoạch", "Nhiệm vụ", "Mã đơn vị", "Đơn vị", "Vai trò"])
    for assignment in (
        access.loggable_assignments(user)
        .select_related("task", "task__plan", "unit")
        .order_by("task__plan_id", "task__position", "unit__name")
    ):
        tasks.append(
            [
                assignment.task_id,
                assignment.task.plan.display_number,
                assignment.task.title,
                assignment.unit_id,
                assignment.unit.name if assignment.unit else "",
                str(assignment.get_role_display()),
            ]
        )
    tasks.column_dimensions["C"].width = 60
    tasks.column_dimensions["E"].width = 40
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _letter(key: str) -> str:
    index = next(i for i, column in enumerate(COLUMNS, start=1) if column.key == key)
    return get_column_letter(index)


def _column_name(column: Column) -> str:
    return f"{column.header.split(' (')[0]} ({_letter(column.key)})"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class _Invalid(Exception):
    pass


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise _Invalid(_("“%(value)s” không phải là ngày (dd/mm/yyyy).") % {"value": text})


def _parse_int(value: Any) -> int:
    text = _text(value)
    if not text.isdigit():
        raise _Invalid(_("“%(value)s” không phải là số nguyên không âm.") % {"value": text})
    return int(text)


def _parse_choice(value: Any, labels: dict[str, str]) -> str:
    text = _text(value)
    codes = set(labels.values())
    if text in codes:
        return text
    folded = {label.casefold(): code for label, code in labels.items()}
    if text.casefold() in folded:
        return folded[text.casefold()]
    raise _Invalid(_("“%(value)s” không có trong danh sách.") % {"value": text})


def _parse_link(value: Any) -> str:
    text = _text(value)
    try:
        URLValidator()(text)
    except ValidationError as error:
        raise _Invalid(_("“%(value)s” không phải là đường dẫn hợp lệ.") % {"value": text}) from error
    return text


def _parse_row(
    number: int, cells: dict[str, Any], pairs: dict[int, list[Unit]]
) -> tuple[dict[str, Any], list[RowError]]:
    values: dict[str, Any] = {}
    errors: list[RowError] = []

    def fail(key: str, message: str) -> None:
        column = next(c for c in COLUMNS if c.key == key)
        errors.append(RowError(number, _column_name(column), message))

    parsers = {
        "date": _parse_date,
        "channel": lambda v: _parse_choice(v, _channel_labels()),
        "measure": lambda v: _parse_choice(v, _measure_labels()),
        "quantity": _parse_int,
        "reach": _parse_int,
        "link": _parse_link,
        "title": lambda v: _text(v)[:500],
        "description": _text,
    }
    for column in COLUMNS:
        raw = cells.get(column.key)
        if _text(raw) == "":
            if column.required:
                fail(column.key, _("Chưa nhập."))
            continue
        parser = parsers.get(column.key)
        if parser is None:
            continue
        try:
            values[column.key] = parser(raw)
        except _Invalid as error:
            fail(column.key, str(error))

    task_text = _text(cells.get("task"))
    if task_text:
        task_id = int(task_text) if task_text.isdigit() else None
        units = pairs.get(task_id or 0)
        if not units:
            fail(
                "task",
                _("Không có nhiệm vụ mã “%(value)s” mà bạn được ghi hoạt động.") % {"value": task_text},
            )
        else:
            values["task"] = Task.objects.get(pk=task_id)
            unit_text = _text(cells.get("unit"))
            chosen = [u for u in units if str(u.pk) == unit_text] if unit_text else units
            if len(chosen) == 1:
                values["unit"] = chosen[0]
            elif unit_text:
                fail("unit", _("Đơn vị mã “%(value)s” không được giao nhiệm vụ này.") % {"value": unit_text})
            else:
                fail("unit", _("Nhiệm vụ giao cho nhiều đơn vị của bạn: hãy nhập mã đơn vị."))
    return values, errors


def import_activities_xlsx(file: IO[bytes], *, by: AbstractBaseUser) -> list[Activity]:
    """Log every row of a filled-in template, or none: ImportRowsError lists each wrong cell (row and
    column); a file that is not a readable .xlsx is a DomainError."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken or foreign file.
        raise DomainError(_("Không đọc được tệp; hãy dùng tệp .xlsx tải từ hệ thống.")) from error
    sheet = workbook[SHEET_ACTIVITIES] if SHEET_ACTIVITIES in workbook.sheetnames else workbook.worksheets[0]
    pairs: dict[int, list[Unit]] = {}
    for assignment in access.loggable_assignments(by).select_related("unit"):
        pairs.setdefault(assignment.task_id, [])
        if assignment.unit not in pairs[assignment.task_id]:
            pairs[assignment.task_id].append(assignment.unit)
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    for number, row in enumerate(sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True), start=2):
        cells = {column.key: row[i] if i < len(row) else None for i, column in enumerate(COLUMNS)}
        if all(_text(value) == "" for value in cells.values()):
            continue
        values, row_errors = _parse_row(number, cells, pairs)
        errors.extend(row_errors)
        rows.append(values)
    workbook.close()
    if errors:
        raise ImportRowsError(errors)
    if not rows:
        raise DomainError(_("Tệp không có dòng hoạt động nào."))
    return log_activities(rows, by=by)


# A sub-plan's task points to the task of the parent plan it carries out (``Task.parent_task``): its
# activities count for that task too, up this many levels (province → district → commune → …).
SUBPLAN_DEPTH = 3


def carrying_out(lookup: str, value: Any, *, counted: bool = False) -> Q:
    """Activities whose task, or a task it carries out up to SUBPLAN_DEPTH levels, has ``lookup=value``:
    ``carrying_out("plan", plan)`` are the activities of ``plan``'s tasks and their sub-plans' tasks.

    ``counted``: only those its progress counts, by a unit that leads that task (a coordinating unit's
    work is shown in the list but counts for no row)."""
    condition = Q()
    path = "task"
    for _level in range(SUBPLAN_DEPTH + 1):
        level = Q(**{f"{path}__{lookup}": value})
        if counted:
            level &= Q(Exists(Assignment.objects.leads().filter(task=OuterRef(path), unit=OuterRef("unit"))))
        condition |= level
        path += "__parent_task"
    return condition


def counted_for(activities: QuerySet[Activity], field: str) -> Q:
    """Objects whose pk is ``field`` of a task of ``activities`` or of a task it carries out ("plan" for
    the plans, "pk" for the tasks these activities count for)."""
    condition = Q()
    path = "task"
    for _level in range(SUBPLAN_DEPTH + 1):
        condition |= Q(pk__in=activities.values(f"{path}__{field}"))
        path += "__parent_task"
    return condition
