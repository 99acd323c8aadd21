"""Golden tests: the PlanDraft of each sample plan against expectations written by reading the document.

``golden/<stem>.json`` was written by hand from ``shared/samples/plans/<stem>.txt``, never copied from the
importer's output; ``golden/README.md`` states the conventions and the judgement calls behind each value.
Each comparison collects every mismatch of its area, so one run shows the whole difference.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "plans"
GOLDEN = Path(__file__).resolve().parent / "golden"
STEMS = sorted(path.stem for path in GOLDEN.glob("*.json"))

DOCUMENT_FIELDS = (
    "number",
    "symbol",
    "issue_date",
    "year",
    "place",
    "signer_name",
    "signer_title",
    "authority",
    "authority_body",
)
TIMEFRAME_KINDS = {"range", "continuous", "periodic", "unknown"}
RECURRENCE_KINDS = {
    "once",
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "half_yearly",
    "yearly",
    "count",
    "continuous",
    "periodic",
    "unknown",
}
PERIODS = {"quarter", "half_year", "nine_months", "year", "ad_hoc"}

_LEVEL_SUFFIX = re.compile(r"\s+(?:tỉnh|thành phố|huyện|quận|thị xã)$")
_MARKUP = re.compile(r"</?p>|\*")
_BULLET = re.compile(r"^(?:[-+•–]\s+)+")


def _golden(stem: str) -> dict[str, Any]:
    return json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))


@cache
def _draft(stem: str) -> Any:
    try:
        from cchc.importer import parse_document
    except ImportError as exc:
        pytest.fail(f"cchc.importer.parse_document cannot be imported: {exc}")
    path = SAMPLES / f"{stem}.txt"
    return parse_document(path.read_bytes(), path.name)


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()


def _agency_key(name: str) -> str:
    """NFC, casefold, whitespace collapsed, "uỷ" -> "ủy", dashes between words ("Văn hóa – Thông tin",
    "Văn hóa - Thông tin", "Văn hóa Thông tin": printed variants of one name) dropped, one trailing level
    qualifier dropped."""
    key = (_text(name) or "").casefold().replace("uỷ", "ủy")
    key = re.sub(r"\s+[-–—]\s+", " ", key)
    return _LEVEL_SUFFIX.sub("", key)


def _agency_label(agency: Any) -> str:
    return f"group:{agency.group}" if agency.is_group else agency.name


def _title_key(title: str) -> str:
    """Title without <p> tags, Markdown emphasis or a leading bullet, casefolded."""
    cleaned = _text(_MARKUP.sub(" ", title)) or ""
    return _BULLET.sub("", cleaned).casefold()


def _head(title: str) -> str:
    return " ".join(_title_key(title).split()[:3])


def _ordinal_key(ordinal: str) -> str:
    return (_text(ordinal) or "").rstrip(".")


def _number_key(number: str | None) -> str | None:
    return None if number is None else re.sub(r"\s+", "", unicodedata.normalize("NFC", number))


def _timeframe(timeframe: Any) -> dict[str, Any] | None:
    if timeframe is None:
        return None
    return {"kind": timeframe.kind, "start": timeframe.start, "end": timeframe.end}


def _frequency(recurrence: Any) -> dict[str, Any] | None:
    if recurrence is None:
        return None
    return {"kind": recurrence.kind, "per_period": recurrence.per_period, "total": recurrence.total}


def _deadline(deadline: Any) -> dict[str, Any] | None:
    if deadline is None:
        return None
    return {
        "day": deadline.day,
        "month": deadline.month,
        "year": deadline.year,
        "relative": deadline.relative,
    }


def _value(value: float | None) -> float | None:
    return None if value is None else float(value)


def _length_problem(what: str, expected: list[str], actual: list[str]) -> list[str]:
    if len(expected) == len(actual):
        return []
    return [
        f"{what}: expected {len(expected)}, got {len(actual)}\n  expected: {expected}\n  actual:   {actual}"
    ]


def _align(expected: list[str], actual: list[str]) -> list[tuple[int | None, int | None]]:
    """Pairs (expected index, actual index) matched on keys, so that one missing item does not shift the rest."""
    pairs: list[tuple[int | None, int | None]] = []
    matcher = difflib.SequenceMatcher(a=expected, b=actual, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + offset, j1 + offset
            pairs.append((i if i < i2 else None, j if j < j2 else None))
    return pairs


def _report(stem: str, area: str, problems: list[str]) -> None:
    assert not problems, f"{stem} — {area}: {len(problems)} difference(s)\n" + "\n".join(problems)


parametrize_samples = pytest.mark.parametrize("stem", STEMS, ids=STEMS)


def test_every_sample_has_a_golden_file() -> None:
    samples = sorted(path.stem for path in SAMPLES.glob("*.txt"))
    assert len(samples) == 5, f"expected the five sample plans in {SAMPLES}, found {samples}"
    assert samples == STEMS, f"samples {samples} and golden files {STEMS} differ"


@parametrize_samples
def test_golden_file_is_well_formed(stem: str) -> None:
    from cchc.importer.agencies import GROUPS

    golden = _golden(stem)
    assert set(golden) == {
        "document",
        "legal_references",
        "tasks",
        "reporting_obligations",
        "subplan_obligations",
        "indicator_targets",
    }
    assert set(golden["document"]) == set(DOCUMENT_FIELDS)

    def iso(value: str | None) -> None:
        if value is not None:
            datetime.date.fromisoformat(value)

    iso(golden["document"]["issue_date"])
    for reference in golden["legal_references"]:
        assert set(reference) == {"doc_type", "number", "date"}
        iso(reference["date"])
    for task in golden["tasks"]:
        assert set(task) == {"ordinal", "title_starts", "lead", "coordinating", "timeframe", "frequency"}
        assert task["timeframe"]["kind"] in TIMEFRAME_KINDS
        iso(task["timeframe"]["start"])
        iso(task["timeframe"]["end"])
        assert task["frequency"] is None or task["frequency"]["kind"] in RECURRENCE_KINDS
        for label in task["lead"] + task["coordinating"]:
            if label.startswith("group:"):
                assert label.removeprefix("group:") in GROUPS, label
    for obligation in golden["reporting_obligations"]:
        assert obligation["period"] in PERIODS
    for obligation in golden["subplan_obligations"]:
        iso(obligation["due_date"])


@parametrize_samples
def test_document(stem: str) -> None:
    expected = _golden(stem)["document"]
    document = _draft(stem).document
    problems = []
    for name in DOCUMENT_FIELDS:
        want, got = expected[name], getattr(document, name)
        if name == "number":
            want, got = _number_key(want), _number_key(got)
        elif isinstance(want, str) or isinstance(got, str):
            want, got = _text(want), _text(got)
        if want != got:
            problems.append(f"document.{name}: expected {want!r}, got {got!r}")
    _report(stem, "document", problems)


@parametrize_samples
def test_legal_references(stem: str) -> None:
    expected = _golden(stem)["legal_references"]
    actual = _draft(stem).legal_references

    def label(doc_type: str, number: str | None, date: str | None) -> str:
        return f"{doc_type} {number} ({date})"

    problems = _length_problem(
        "number of legal references",
        [label(r["doc_type"], r["number"], r["date"]) for r in expected],
        [label(r.doc_type, r.number, r.date) for r in actual],
    )
    keys = _align(
        [_number_key(r["number"]) or "" for r in expected], [_number_key(r.number) or "" for r in actual]
    )
    for i, j in keys:
        if i is None:
            got = actual[j]
            problems.append(f"unexpected reference {label(got.doc_type, got.number, got.date)}")
            continue
        want = expected[i]
        where = f"reference #{i + 1} (expected {label(want['doc_type'], want['number'], want['date'])})"
        if j is None:
            problems.append(f"{where}: missing")
            continue
        got = actual[j]
        if (_text(want["doc_type"]) or "").casefold() != (_text(got.doc_type) or "").casefold():
            problems.append(f"{where}: doc_type {got.doc_type!r}")
        if _number_key(want["number"]) != _number_key(got.number):
            problems.append(f"{where}: number {got.number!r}")
        if want["date"] != got.date:
            problems.append(f"{where}: date {got.date!r}")
    _report(stem, "legal references", problems)


def _agency_problems(where: str, role: str, expected: list[str], actual: list[Any]) -> list[str]:
    want = {_agency_key(name): name for name in expected}
    got = {_agency_key(_agency_label(agency)): _agency_label(agency) for agency in actual}
    if set(want) == set(got):
        return []
    missing = [want[key] for key in want if key not in got]
    extra = [got[key] for key in got if key not in want]
    return [f"{where}: {role} missing {missing}, unexpected {extra} (got {list(got.values())})"]


@parametrize_samples
def test_tasks(stem: str) -> None:
    expected = _golden(stem)["tasks"]
    actual = _draft(stem).tasks
    problems = _length_problem(
        "number of tasks",
        [f"{t['ordinal']} {t['title_starts']}" for t in expected],
        [f"{t.ordinal} {t.title[:50]}" for t in actual],
    )
    keys = _align(
        [f"{_ordinal_key(t['ordinal'])} {_head(t['title_starts'])}" for t in expected],
        [f"{_ordinal_key(t.ordinal)} {_head(t.title)}" for t in actual],
    )
    for i, j in keys:
        if i is None:
            problems.append(f"unexpected task {actual[j].ordinal} {actual[j].title[:60]!r}")
            continue
        want = expected[i]
        where = f"task #{i + 1} ({want['ordinal']} {want['title_starts']!r})"
        if j is None:
            problems.append(f"{where}: missing")
            continue
        got = actual[j]
        if _ordinal_key(want["ordinal"]) != _ordinal_key(got.ordinal):
            problems.append(f"{where}: ordinal {got.ordinal!r}")
        if not _title_key(got.title).startswith(_title_key(want["title_starts"])):
            problems.append(f"{where}: title {got.title[:80]!r}")
        problems += _agency_problems(where, "lead", want["lead"], got.lead)
        problems += _agency_problems(where, "coordinating", want["coordinating"], got.coordinating)
        if want["timeframe"] != _timeframe(got.timeframe):
            problems.append(f"{where}: timeframe {_timeframe(got.timeframe)}, expected {want['timeframe']}")
        if want["frequency"] != _frequency(got.frequency):
            problems.append(f"{where}: frequency {_frequency(got.frequency)}, expected {want['frequency']}")
    _report(stem, "tasks", problems)


@parametrize_samples
def test_reporting_obligations(stem: str) -> None:
    expected = _golden(stem)["reporting_obligations"]
    actual = _draft(stem).reporting_obligations
    problems = _length_problem(
        "number of reporting obligations",
        [f"{o['period']} {o['deadline']}" for o in expected],
        [f"{o.period} {_deadline(o.deadline)}" for o in actual],
    )
    for index, (want, got) in enumerate(zip(expected, actual, strict=False), start=1):
        where = f"reporting obligation #{index} ({want['period']})"
        if want["period"] != got.period:
            problems.append(f"{where}: period {got.period!r}")
        if want["deadline"] != _deadline(got.deadline):
            problems.append(f"{where}: deadline {_deadline(got.deadline)}, expected {want['deadline']}")
    _report(stem, "reporting obligations", problems)


@parametrize_samples
def test_subplan_obligations(stem: str) -> None:
    expected = [o["due_date"] for o in _golden(stem)["subplan_obligations"]]
    actual = [o.due_date for o in _draft(stem).subplan_obligations]
    assert actual == expected, f"{stem} — sub-plan obligations (due dates): expected {expected}, got {actual}"


@parametrize_samples
def test_indicator_targets(stem: str) -> None:
    expected = [(t["index"], t["comparator"], _value(t["value"])) for t in _golden(stem)["indicator_targets"]]
    actual = [(t.index, t.comparator, _value(t.value)) for t in _draft(stem).indicator_targets]
    assert actual == expected, f"{stem} — indicator targets: expected {expected}, got {actual}"


@parametrize_samples
def test_source_spans(stem: str) -> None:
    """Every task and reference points at lines of the source that hold its text."""
    draft = _draft(stem)
    total = len(draft.source_lines)
    assert total > 0, f"{stem}: PlanDraft.source_lines is empty"

    def spanned(span: Any) -> str | None:
        if span is None or not 1 <= span.start <= span.end <= total:
            return None
        return _title_key(" ".join(draft.source_lines[span.start - 1 : span.end]))

    problems = []
    for task in draft.tasks:
        text = spanned(task.source)
        head = _head(task.title)
        if text is None:
            problems.append(f"task {task.ordinal} {task.title[:40]!r}: span {task.source} outside 1..{total}")
        elif head not in text:
            problems.append(
                f"task {task.ordinal}: {head!r} not in lines {task.source.start}-{task.source.end}"
            )
    for reference in draft.legal_references:
        text = spanned(reference.source)
        digits = re.match(r"\d+", reference.number or "")
        if text is None:
            problems.append(f"reference {reference.number}: span {reference.source} outside 1..{total}")
        elif digits and digits.group() not in text:
            problems.append(
                f"reference {reference.number}: not in lines {reference.source.start}-{reference.source.end}"
            )
    _report(stem, "source spans", problems)
