"""Task tables ("Phụ lục", "Danh mục"): STT | Nội dung | chủ trì | phối hợp | Thời gian | Sản phẩm | Kinh phí.

A "Tần suất" / "Quy mô" / "Số lượng" column (with its "Đơn vị tính") is read as the same words
written in the task would be: "<heading>: <cell>".

Columns are found by the words of the header row (which may be split, "ST T", or span two rows);
a row with a Roman numeral and nothing but a title is a group for the rows below; a row whose STT
cell is empty continues the row above (a page break cut it) and is merged cell by cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fields import TaskParts
from .layout import Para, parse_marker
from .model import ImportWarning, SourceSpan, Task
from .text import clean_inline, fold, roman_to_int

_ORDINAL_HEADS = {"stt", "tt", "sott", "sothutu", "so", "thutu"}
_ROLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("time", re.compile(r"thoi gian|thoi han|tien do|han hoan thanh|moc thoi gian")),
    ("coordinating", re.compile(r"phoi hop")),
    ("budget", re.compile(r"kinh phi|nguon von|du toan")),
    # Before "thực hiện" (lead) and "sản phẩm": "Tần suất thực hiện", "Số lượng sản phẩm".
    ("frequency", re.compile(r"^(?:tan suat|quy mo|so luong|khoi luong|so ky|thoi luong|dinh ky)(?![a-z])")),
    ("unit", re.compile(r"^(?:don vi tinh|dvt)(?![a-z])")),
    ("product", re.compile(r"san pham|ket qua dau ra")),
    ("lead", re.compile(r"chu tri")),
    ("title", re.compile(r"noi dung|nhiem vu|hoat dong|cong viec|hinh thuc|ten\b|chuong trinh")),
    ("lead", re.compile(r"thuc hien|don vi|co quan|trach nhiem")),
    ("note", re.compile(r"ghi chu")),
)
_NUMBERING_CELL = re.compile(r"^\(?\d{1,2}\)?$")
_P_CELL = re.compile(r"<p>(.*?)</p>", re.IGNORECASE | re.DOTALL)
# Inline bullets inside one cell paragraph: " * Quy mô:", " - Nội dung:", " • ...".
_INLINE_STAR = re.compile(r"\s+(?=[*•]\s+\S)")
_INLINE_LABEL = re.compile(r"\s+(?=[-–]\s+[^\W\d_][^:.;]{0,40}:\s)")
_INLINE_DASH = re.compile(r"\s+(?=[-–]\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])")


@dataclass
class Columns:
    ordinal: int | None = None
    title: int | None = None
    lead: int | None = None
    coordinating: int | None = None
    time: int | None = None
    product: int | None = None
    budget: int | None = None
    frequency: int | None = None
    unit: int | None = None  # "Đơn vị tính" of the frequency column's bare numbers
    frequency_heading: str = ""


def _role(cell: str) -> str | None:
    folded = fold(clean_inline(cell))
    if folded.replace(" ", "").strip(".") in _ORDINAL_HEADS:
        return "ordinal"
    for role, pattern in _ROLE_WORDS:
        if pattern.search(folded):
            return role
    return None


def _columns(header: list[str]) -> Columns:
    columns = Columns()
    for index, cell in enumerate(header):
        role = _role(cell)
        if role and role != "note" and getattr(columns, role) is None:
            setattr(columns, role, index)
    if columns.frequency is not None:
        columns.frequency_heading = clean_inline(header[columns.frequency]).strip(" .:")
    return columns


def is_task_header(cells: list[str]) -> bool:
    roles = {_role(cell) for cell in cells}
    return ("title" in roles or "ordinal" in roles) and bool(roles & {"lead", "time", "coordinating"})


def split_tables(paras: list[Para]) -> list[list[Para]]:
    """Runs of table rows with the same number of cells (blank lines between rows do not end a table)."""
    tables: list[list[Para]] = []
    current: list[Para] = []
    for para in paras:
        if para.cells is None:
            if current:
                tables.append(current)
                current = []
            continue
        if current and len(para.cells) != len(current[0].cells or []):
            tables.append(current)
            current = []
        current.append(para)
    if current:
        tables.append(current)
    return tables


def cell_paragraphs(cell: str) -> list[str]:
    """A cell's paragraphs: its <p> elements, and bullets written inline (" * Quy mô: …")."""
    raw = _P_CELL.findall(cell) if "<p" in cell.lower() else [cell]
    paragraphs: list[str] = []
    for part in raw:
        text = clean_inline(part)
        if not text:
            continue
        pieces = _INLINE_STAR.split(text)
        for piece in pieces:
            for labelled in _INLINE_LABEL.split(piece):
                if parse_marker(labelled) is not None and labelled[:1] in "-–":
                    paragraphs.extend(p.strip() for p in _INLINE_DASH.split(labelled) if p.strip())
                elif labelled.strip():
                    paragraphs.append(labelled.strip())
    return paragraphs


def _merge_cell(before: list[str], after: list[str]) -> list[str]:
    """Join a cell continued on the next page: a sentence cut in two joins with a space."""
    if not before or not after:
        return before + after
    first = after[0]
    starts_item = parse_marker(first) is not None
    ended = before[-1].rstrip()[-1:] in ".;:!?"
    if starts_item or (ended and first[:1].isupper()):
        return before + after
    return [*before[:-1], f"{before[-1]} {first}", *after[1:]]


@dataclass
class _Row:
    ordinal: str
    cells: list[list[str]]  # paragraphs per cell
    start: int
    end: int


def _cells(para: Para, width: int) -> list[list[str]]:
    raw = (para.cells or [])[:width]
    raw += [""] * (width - len(raw))
    return [cell_paragraphs(cell) for cell in raw]


def _joined(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def _is_group(row: _Row, columns: Columns, following: str) -> tuple[bool, str]:
    """A group row: a Roman numeral (or a capital letter) and a title, every other cell empty; or a
    number with only a title whose next row is numbered under it ("1" before "1.1")."""
    filled = [i for i, cell in enumerate(row.cells) if cell]
    ordinal = row.ordinal.strip(" .")
    if columns.ordinal is not None and filled == [columns.ordinal] and len(ordinal) > 4:
        return True, ordinal
    title_only = columns.title is not None and all(i in (columns.ordinal, columns.title) for i in filled)
    if not title_only or columns.title is None or not row.cells[columns.title]:
        return False, ""
    numeral = roman_to_int(ordinal) is not None or re.fullmatch(r"[A-ZĐ]", ordinal) is not None
    parent = bool(ordinal) and following.strip().startswith(f"{ordinal}.")
    if numeral or parent:
        return True, f"{ordinal}. {' '.join(row.cells[columns.title])}"
    return False, ""


def tasks_from_table(rows: list[Para], year: int | None) -> tuple[list[Task], list[ImportWarning]]:
    """Tasks of one table, or nothing when its header is not a task table's."""
    header_at = next((i for i, row in enumerate(rows[:4]) if is_task_header(row.cells or [])), None)
    if header_at is None:
        return [], []
    width = len(rows[header_at].cells or [])
    header = [clean_inline(cell) for cell in (rows[header_at].cells or [])]
    index = header_at + 1
    while index < len(rows):
        cells = [clean_inline(c) for c in (rows[index].cells or [])]
        filled = [c for c in cells if c]
        if filled and all(_NUMBERING_CELL.match(c) for c in filled):
            index += 1
            continue
        if cells and not cells[0] and any(_role(c) for c in filled) and all(len(c) < 40 for c in filled):
            header = [f"{h} {c}".strip() for h, c in zip(header, cells, strict=False)]
            index += 1
            continue
        break
    columns = _columns(header)
    if columns.title is None:
        taken = (columns.ordinal, columns.lead, columns.coordinating, columns.frequency, columns.unit)
        columns.title = next((i for i in range(width) if i not in taken), None)
    warnings: list[ImportWarning] = []
    merged: list[_Row] = []
    for para in rows[index:]:
        cells = _cells(para, width)
        if not any(cells):
            continue
        ordinal = " ".join(cells[columns.ordinal]) if columns.ordinal is not None else ""
        if columns.ordinal is not None and not ordinal and merged:
            previous = merged[-1]
            previous.cells = [_merge_cell(a, b) for a, b in zip(previous.cells, cells, strict=True)]
            previous.end = para.end
            warnings.append(
                ImportWarning(
                    "merged_row",
                    f"Dòng {para.start} không có số thứ tự: đã ghép vào nhiệm vụ “{previous.ordinal}” ở trên "
                    "(bảng bị ngắt trang); cần kiểm tra lại.",
                    SourceSpan(previous.start, para.end),
                )
            )
            continue
        merged.append(_Row(ordinal, cells, para.start, para.end))
    tasks: list[Task] = []
    group: str | None = None
    parent = ""  # "1." when the group is a numbered row with sub-rows "1.1", "1.2"
    for index, row in enumerate(merged):
        following = merged[index + 1].ordinal if index + 1 < len(merged) else ""
        is_group, group_title = _is_group(row, columns, following)
        if is_group:
            group = group_title
            ordinal = row.ordinal.strip(" .")
            parent = f"{ordinal}." if ordinal.isdigit() else ""
            continue
        if parent and not row.ordinal.strip().startswith(parent):
            group, parent = None, ""
        tasks.append(_task(row, columns, group, year))
    return tasks, warnings


def _cell(row: _Row, index: int | None) -> list[str]:
    return row.cells[index] if index is not None else []


def _task(row: _Row, columns: Columns, group: str | None, year: int | None) -> Task:
    parts = TaskParts(ordinal=row.ordinal.strip(), span=SourceSpan(row.start, row.end), group=group)
    parts.take_paragraphs(_cell(row, columns.title))
    parts.lead.insert(0, _joined(_cell(row, columns.lead)))
    parts.coordinating.insert(0, _joined(_cell(row, columns.coordinating)))
    parts.time_column = " ".join(_cell(row, columns.time)) or None
    if columns.product is not None and parts.product is None:
        parts.product = " ".join(_cell(row, columns.product)).strip(" .;") or None
    if columns.budget is not None and parts.budget is None:
        parts.budget = " ".join(_cell(row, columns.budget)).strip(" .;") or None
    quantity = " ".join(_cell(row, columns.frequency)).strip(" .;")
    if quantity:
        parts.frequency_column = f"{columns.frequency_heading}: {quantity}"
        parts.frequency_unit = " ".join(_cell(row, columns.unit)).strip(" .;") or None
    return parts.build(year)


def check_ordinals(tasks: list[Task]) -> list[ImportWarning]:
    """Task numbers within a group count up by one."""
    warnings: list[ImportWarning] = []
    previous: tuple[str | None, int] | None = None
    for task in tasks:
        ordinal = task.ordinal.rstrip(".")
        if not ordinal.isdigit():
            continue
        number = int(ordinal)
        if previous is not None and previous[0] == task.group:
            if number == previous[1]:
                warnings.append(
                    ImportWarning(
                        "duplicate_marker",
                        f"Số thứ tự “{task.ordinal}” bị lặp lại trong bảng nhiệm vụ.",
                        task.source,
                    )
                )
            elif number > previous[1] + 1:
                warnings.append(
                    ImportWarning(
                        "numbering_jump",
                        f"Số thứ tự trong bảng nhảy từ “{previous[1]}” sang “{number}”"
                        f" (thiếu nhiệm vụ “{previous[1] + 1}”).",
                        task.source,
                    )
                )
        previous = (task.group, number)
    return warnings
