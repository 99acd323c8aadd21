"""The five sample plans, beyond the golden values: warnings, sections, provenance and speed."""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import pytest

from cchc.importer import PlanDraft, parse_document
from cchc.importer.model import Section

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "plans"
STEMS = sorted(path.stem for path in SAMPLES.glob("*.txt"))


@cache
def draft(prefix: str) -> PlanDraft:
    path = next(SAMPLES.glob(f"{prefix}_*.txt"))
    return parse_document(path.read_bytes(), path.name)


def warnings(prefix: str, code: str) -> list[tuple[int | None, str]]:
    return [
        (w.source.start if w.source else None, w.message) for w in draft(prefix).warnings if w.code == code
    ]


def walk(sections: list[Section]) -> list[Section]:
    found: list[Section] = []
    for section in sections:
        found.append(section)
        found.extend(walk(section.children))
    return found


def test_the_five_samples_are_there() -> None:
    assert len(STEMS) == 5


def test_blank_numbers_are_warned_where_the_draft_left_them_blank() -> None:
    assert [line for line, _m in warnings("003", "blank_number")] == [137]
    assert [line for line, _m in warnings("004", "blank_number")] == [3]
    assert [line for line, _m in warnings("004", "blank_date")] == [5]
    assert warnings("000", "blank_number") == []
    assert warnings("001", "blank_number") == []


def test_000_numbering_mistakes_are_warned_on_their_lines() -> None:
    assert [line for line, _m in warnings("000", "duplicate_marker")] == [116]
    jumps = warnings("000", "numbering_jump")
    assert [line for line, _m in jumps] == [206]
    assert "“5”" in jumps[0][1] and "“7”" in jumps[0][1]


def test_004_row_broken_over_a_page_is_merged_once() -> None:
    merged = [w for w in draft("004").warnings if w.code == "merged_row"]
    assert len(merged) == 1
    assert merged[0].source is not None and (merged[0].source.start, merged[0].source.end) == (212, 214)
    row = next(t for t in draft("004").tasks if t.ordinal == "4")
    assert row.source == merged[0].source
    assert row.details.startswith("- Mục đích:")


def test_001_signer_typo_is_corrected_with_a_warning() -> None:
    assert draft("001").document.signer_title == "CHỦ TỊCH"
    assert [line for line, _m in warnings("001", "signer_typo")] == [107]


def test_004_year_slip_in_a_reference_is_flagged_not_corrected() -> None:
    mismatches = warnings("004", "year_mismatch")
    assert [line for line, _m in mismatches] == [53]
    assert "259/KH-UBND" in mismatches[0][1]
    reference = next(r for r in draft("004").legal_references if r.number == "259/KH-UBND")
    assert reference.date == "2023-11-16"


@pytest.mark.parametrize("stem", STEMS)
def test_unknown_agency_warnings_name_exactly_the_unrecognised_agencies(stem: str) -> None:
    plan = draft(stem[:3])
    unrecognised = {
        agency.name
        for task in plan.tasks
        for agency in task.lead + task.coordinating
        if not agency.recognised
    }
    unrecognised |= {a.name for o in plan.reporting_obligations for a in o.reporters if not a.recognised}
    unrecognised |= {a.name for o in plan.subplan_obligations for a in o.units if not a.recognised}
    warned = [message for _line, message in warnings(stem[:3], "unknown_agency")]
    assert len(warned) == len(unrecognised)
    assert all(any(f"“{name}”" in message for message in warned) for name in unrecognised)


@pytest.mark.parametrize("stem", STEMS)
def test_every_sample_has_tasks_and_no_no_tasks_warning(stem: str) -> None:
    assert draft(stem[:3]).tasks
    assert warnings(stem[:3], "no_tasks") == []


@pytest.mark.parametrize("stem", STEMS)
def test_top_level_sections_are_the_roman_headings_whatever_the_markdown(stem: str) -> None:
    markers = [s.marker for s in draft(stem[:3]).sections if s.marker]
    assert markers == [f"{numeral}." for numeral in ["I", "II", "III", "IV", "V"][: len(markers)]]
    assert len(markers) >= 4


@pytest.mark.parametrize("stem", STEMS)
def test_sections_hold_every_body_line_in_order(stem: str) -> None:
    """Regenerating the text from the tree gives back the body, line spans in document order."""
    plan = draft(stem[:3])
    spans = [(s.source.start, s.source.end) for s in walk(plan.sections)]
    starts = [start for start, _end in spans]
    assert starts == sorted(starts)
    assert all(1 <= start <= end <= len(plan.source_lines) for start, end in spans)
    text = "\n".join(f"{s.marker} {s.title}\n{s.text}" for s in walk(plan.sections))
    assert "Nơi nhận" not in text
    assert "ĐỀ CƯƠNG" not in text


def test_001_report_outline_is_apart_from_the_sections() -> None:
    plan = draft("001")
    assert [s.title for s in plan.report_outline] == [
        "Công tác tham mưu, ban hành văn bản chỉ đạo thực hiện",
        "Nội dung, hình thức tuyên truyền",
        "Kết quả qua tuyên truyền",
        "Đánh giá chung:",
    ]
    titles = {s.title for s in walk(plan.sections)}
    assert "Kết quả qua tuyên truyền" not in titles
    assert all(draft(p).report_outline == [] for p in ("000", "002", "003", "004"))


def test_recipients_are_plain_names() -> None:
    assert draft("000").document.recipients[0] == "Sở Nội vụ"
    assert draft("000").document.recipients[-1] == "Lưu: VT, NV"
    assert draft("003").document.recipients[-1] == "Lưu: VP1, VP7, VP8"
    for prefix in ("000", "001", "002", "003", "004"):
        assert all(
            not r.startswith("-") and not r.endswith((";", ".")) for r in draft(prefix).document.recipients
        )


def test_plan_themes_and_channels_are_found() -> None:
    assert "procedures" in draft("000").themes
    assert {"press", "television", "web_portal"} <= set(draft("003").channels)


@pytest.mark.parametrize("stem", STEMS)
def test_each_sample_parses_quickly(stem: str) -> None:
    path = SAMPLES / f"{stem}.txt"
    data = path.read_bytes()
    parse_document(data, path.name)
    started = time.perf_counter()
    for _ in range(3):
        parse_document(data, path.name)
    assert (time.perf_counter() - started) / 3 < 0.25
