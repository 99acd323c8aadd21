"""Task table columns, one role at a time, on short synthetic appendix tables of the genre."""

from __future__ import annotations

import pytest

from cchc.importer import PlanDraft, parse_lines
from cchc.importer.model import Task

PLAN = "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2025\n\n"


def parse(text: str) -> PlanDraft:
    return parse_lines(text.strip("\n").split("\n"))


def table_task(header: str, cells: str) -> Task:
    """The one task of a table whose header row and task row are given tab-separated."""
    draft = parse(f"{PLAN}{header}\n{cells}\n")
    assert len(draft.tasks) == 1
    return draft.tasks[0]


def written_in_text(phrase: str, time: str = "Năm 2025") -> Task:
    """The same task with the phrase written in its own cell as a labelled line."""
    return table_task(
        "TT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện",
        f"1\t<p>Đưa tin về cải cách hành chính</p><p>- {phrase}</p>\tSở Nội vụ\t{time}",
    )


@pytest.mark.parametrize(
    ("heading", "cell", "label", "kind", "per_period", "total"),
    [
        ("Tần suất", "02 tin, bài/tháng", "Tần suất", "monthly", 2, 24),
        ("Tần suất/Quy mô", "02 tin, bài/tháng", "Tần suất", "monthly", 2, 24),
        ("Tần suất", "Hằng quý", "Tần suất", "quarterly", 1, 4),
        ("Tần suất thực hiện", "Hằng quý", "Tần suất", "quarterly", 1, 4),
        ("Quy mô", "03 cuộc", "Quy mô", "count", None, 3),
        ("Số lượng", "12 số", "Số lượng", "count", None, 12),
        ("Số lượng/Quy mô", "05 pano", "Quy mô", "count", None, 5),
        ("Tần suất/ Quy mô", "Mỗi tháng 01 chương trình (10-15 phút)", "Tần suất", "monthly", 1, 12),
    ],
)
def test_a_frequency_or_quantity_column_feeds_the_task_like_the_same_phrase_in_its_text(
    heading: str, cell: str, label: str, kind: str, per_period: int | None, total: int | None
) -> None:
    task = table_task(
        f"TT\tNội dung\tCơ quan chủ trì\t{heading}\tThời gian thực hiện",
        f"1\tĐưa tin về cải cách hành chính\tSở Nội vụ\t{cell}\tNăm 2025",
    )
    assert task.frequency is not None
    assert (task.frequency.kind, task.frequency.per_period, task.frequency.total) == (kind, per_period, total)
    assert (task.title, [a.name for a in task.lead]) == ("Đưa tin về cải cách hành chính", ["Sở Nội vụ"])
    same = written_in_text(f"{label}: {cell}").frequency
    assert same is not None
    assert (task.frequency.kind, task.frequency.per_period, task.frequency.total) == (
        same.kind,
        same.per_period,
        same.total,
    )
    assert (task.frequency.item_unit, task.frequency.duration_max_minutes) == (
        same.item_unit,
        same.duration_max_minutes,
    )


def test_the_column_frequency_counts_over_the_tasks_own_timeframe() -> None:
    task = table_task(
        "TT\tNội dung\tCơ quan chủ trì\tTần suất\tThời gian thực hiện",
        "1\tĐưa tin về cải cách hành chính\tSở Nội vụ\t01 tin/tháng\tTháng 6 đến tháng 11/2025",
    )
    assert task.frequency is not None
    assert (task.frequency.kind, task.frequency.total) == ("monthly", 6)


def test_a_frequency_line_inside_the_task_cell_beats_the_column() -> None:
    task = table_task(
        "TT\tNội dung\tCơ quan chủ trì\tTần suất\tThời gian thực hiện",
        "1\t<p>Đưa tin</p><p>- Tần suất: 01 tin/tuần</p>\tSở Nội vụ\tHằng tháng\tNăm 2025",
    )
    assert task.frequency is not None
    assert (task.frequency.kind, task.frequency.total) == ("weekly", 52)


def test_an_empty_frequency_cell_leaves_the_frequency_to_the_other_cells() -> None:
    task = table_task(
        "TT\tNội dung\tCơ quan chủ trì\tSố lượng\tThời gian thực hiện",
        "1\tĐưa tin\tSở Nội vụ\t\tHằng tháng",
    )
    assert task.frequency is not None
    assert task.frequency.kind == "monthly"


def test_a_bare_number_takes_its_unit_from_the_unit_column() -> None:
    task = table_task(
        "TT\tNội dung\tĐơn vị tính\tSố lượng\tĐơn vị thực hiện\tThời gian",
        "1\tIn tờ rơi tuyên truyền cải cách hành chính\tTờ\t1.500\tSở Nội vụ\tQuý II/2025",
    )
    assert task.frequency is not None
    assert (task.frequency.kind, task.frequency.total, task.frequency.item_unit) == ("count", 1500, "Tờ")
    # "Đơn vị tính" is the unit of measure, not the agency that carries the task out.
    assert [a.name for a in task.lead] == ["Sở Nội vụ"]


def test_a_frequency_column_is_no_agency_and_no_title() -> None:
    task = table_task(
        "STT\tTần suất\tNội dung công việc\tĐơn vị thực hiện",
        "1\tHằng tháng\tCập nhật chuyên mục cải cách hành chính\tVăn phòng UBND tỉnh",
    )
    assert task.title == "Cập nhật chuyên mục cải cách hành chính"
    assert [a.name for a in task.lead] == ["Văn phòng Ủy ban nhân dân tỉnh"]
    assert task.frequency is not None and task.frequency.kind == "monthly"


def test_a_combined_frequency_label_in_the_task_text_is_a_frequency_line() -> None:
    task = written_in_text("Tần suất/Quy mô: 03 cuộc")
    assert task.frequency is not None
    assert (task.frequency.kind, task.frequency.total) == ("count", 3)
    assert "Quy mô" not in task.details
