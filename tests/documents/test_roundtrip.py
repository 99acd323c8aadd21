"""Import -> render -> import gives the same plan, for each of the five sample plans.

Compared field by field with messages that say which field of which task differs. One
normalisation, by design: a task the plan gives no time (a standing duty, which the importer
reads as "continuous" over the plan's year with no text) is printed "Thường xuyên"; its parsed
timeframe (kind, start, end) must still be the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.documents.builders import build_plan_docx
from cchc.documents.builders.plan import CONTINUOUS
from cchc.importer import PlanDraft, parse_document

SAMPLES = Path("/work/shared/samples/plans")
SAMPLE_FILES = sorted(SAMPLES.glob("0*.txt"))
DOCUMENT_FIELDS = (
    "doc_type",
    "number",
    "symbol",
    "issuer",
    "superior",
    "place",
    "issue_date",
    "year",
    "title",
    "signer_name",
    "signer_title",
    "authority",
    "authority_body",
    "recipients",
)

pytestmark = pytest.mark.skipif(not SAMPLE_FILES, reason=f"no sample plans in {SAMPLES}")


def _round_trip(path: Path) -> tuple[PlanDraft, PlanDraft]:
    original = parse_document(path.read_bytes(), path.name)
    again = parse_document(build_plan_docx(original), f"{path.stem}.docx")
    return original, again


@pytest.fixture(scope="module", params=SAMPLE_FILES, ids=[p.name[:3] for p in SAMPLE_FILES])
def trip(request: pytest.FixtureRequest) -> tuple[PlanDraft, PlanDraft]:
    return _round_trip(request.param)


def test_five_samples_are_tested() -> None:
    assert len(SAMPLE_FILES) == 5


def test_document_fields(trip: tuple[PlanDraft, PlanDraft]) -> None:
    original, again = trip
    differences = [
        f"{name}: {getattr(original.document, name)!r} -> {getattr(again.document, name)!r}"
        for name in DOCUMENT_FIELDS
        if getattr(original.document, name) != getattr(again.document, name)
    ]
    assert not differences, "document fields differ after the round trip:\n" + "\n".join(differences)
    assert again.source_format == "docx"


def test_tasks(trip: tuple[PlanDraft, PlanDraft]) -> None:
    original, again = trip
    assert original.tasks, "the sample has tasks"
    assert [t.ordinal for t in again.tasks] == [t.ordinal for t in original.tasks], "task ordinals"
    differences: list[str] = []
    for before, after in zip(original.tasks, again.tasks, strict=True):
        where = f"task {before.ordinal} ({before.title[:40]}…)"
        for name in ("title", "details", "group", "product", "budget"):
            if getattr(before, name) != getattr(after, name):
                differences.append(f"{where} {name}: {getattr(before, name)!r} -> {getattr(after, name)!r}")
        for role in ("lead", "coordinating"):
            was = [(a.text, a.name, a.is_group, a.group, a.recognised) for a in getattr(before, role)]
            now = [(a.text, a.name, a.is_group, a.group, a.recognised) for a in getattr(after, role)]
            if was != now:
                differences.append(f"{where} {role}: {was} -> {now}")
        differences += _timeframe_differences(where, before.timeframe, after.timeframe)
        if before.frequency != after.frequency:
            differences.append(f"{where} frequency: {before.frequency} -> {after.frequency}")
    assert not differences, "tasks differ after the round trip:\n" + "\n".join(differences)


def _timeframe_differences(where: str, before, after) -> list[str]:
    if before is None or after is None:
        return [] if before is after else [f"{where} timeframe: {before} -> {after}"]
    expected_text = CONTINUOUS if not before.text and before.kind == "continuous" else before.text
    out = []
    if after.text != expected_text:
        out.append(f"{where} timeframe text: {before.text!r} (printed {expected_text!r}) -> {after.text!r}")
    for name in ("kind", "start", "end"):
        if getattr(before, name) != getattr(after, name):
            out.append(f"{where} timeframe {name}: {getattr(before, name)!r} -> {getattr(after, name)!r}")
    return out


def test_legal_references(trip: tuple[PlanDraft, PlanDraft]) -> None:
    """The same documents cited: type, number, date and issuer (002 cuts "… của Chính" / "phủ về …"
    across two source lines; the importer joins them, so the issuer comes back the same)."""
    original, again = trip
    assert original.legal_references, "the sample cites documents"
    before = sorted(
        {(r.doc_type, r.number or "", r.date or "", r.issuer or "") for r in original.legal_references}
    )
    after = sorted(
        {(r.doc_type, r.number or "", r.date or "", r.issuer or "") for r in again.legal_references}
    )
    assert [ref[:3] for ref in after] == [ref[:3] for ref in before], "cited documents (type, number, date)"
    differences = [
        f"{was[:3]} issuer: {was[3]!r} -> {now[3]!r}"
        for was, now in zip(before, after, strict=True)
        if was[3] != now[3]
    ]
    assert not differences, "issuers differ:\n" + "\n".join(differences)


def test_sections_keep_their_numbering(trip: tuple[PlanDraft, PlanDraft]) -> None:
    original, again = trip

    def headings(draft: PlanDraft) -> list[str]:
        return [f"{s.marker} {s.title}" for s in draft.sections if s.marker]

    assert headings(again) == headings(original)


def test_obligations_targets_and_outline(trip: tuple[PlanDraft, PlanDraft]) -> None:
    original, again = trip
    outline = [(s.marker, s.title, s.text) for s in original.report_outline]
    assert [(s.marker, s.title, s.text) for s in again.report_outline] == outline, "report outline appendix"
    assert [s.deadline_text for s in again.subplan_obligations] == [
        s.deadline_text for s in original.subplan_obligations
    ]
    assert (again.themes, again.channels) == (original.themes, original.channels)
    assert [(r.period, r.deadline) for r in again.reporting_obligations] == [
        (r.period, r.deadline) for r in original.reporting_obligations
    ]
    assert [(t.index, t.comparator, t.value) for t in again.indicator_targets] == [
        (t.index, t.comparator, t.value) for t in original.indicator_targets
    ]
