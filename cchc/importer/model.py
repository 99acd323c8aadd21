"""The importer's result: a JSON-serialisable PlanDraft.

Every value is a plain type (str, int, float, bool, None, list, dataclass) so that
``dataclasses.asdict(draft)`` is JSON as it is; dates are ISO strings ("2025-03-07").
``PlanDraft.from_dict`` rebuilds the dataclasses from that JSON (the review screen keeps
the draft between requests, ``cchc render PLAN.json`` reads it back).

Line numbers are 1-based indices into ``PlanDraft.source_lines``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class SourceSpan:
    """Lines ``start``..``end`` (inclusive, 1-based) of the source text a value came from."""

    start: int
    end: int


@dataclass
class Agency:
    """An agency named in the plan, or a group phrase that stands for several units."""

    text: str  # as printed, e.g. "Sở TT&TT"
    name: str  # canonical full name, e.g. "Sở Thông tin và Truyền thông"; for a group, the phrase
    is_group: bool = False
    group: str | None = None  # group key from importer.agencies.GROUPS, e.g. "departments"
    recognised: bool = True  # False: kept as printed, the reviewer must resolve it


@dataclass
class Timeframe:
    """When a task is carried out: as printed and parsed.

    kind: "range" (start..end known), "continuous" (throughout the plan year, no deadline),
    "periodic" ("Định kỳ": recurring, frequency not stated), "unknown".
    """

    text: str
    kind: str
    start: str | None = None  # ISO date
    end: str | None = None  # ISO date; for a one-off task, the deadline


@dataclass
class Recurrence:
    """How often, and how many: "01 số/tháng (12 kỳ/năm)", "Quy mô: 03 cuộc".

    kind: "once", "daily", "weekly", "monthly", "quarterly", "half_yearly", "yearly",
    "count" (a total spread over the timeframe), "continuous", "periodic" (unstated), "unknown".
    per_period: items in each period (1 for "01 số/tháng"); total: items over the timeframe or
    the year when printed or implied (12 for monthly over a year); each_unit: the quantity
    applies to every unit of a group ("mỗi xã 01 pano").
    """

    text: str
    kind: str
    per_period: int | None = None
    total: int | None = None
    item_unit: str | None = None  # "số", "chương trình", "cuộc", "tin, bài"
    duration_min_minutes: int | None = None
    duration_max_minutes: int | None = None
    duration_text: str | None = None  # as printed when not in minutes: "½ ngày/cuộc"
    each_unit: bool = False


@dataclass
class LegalReference:
    doc_type: str  # "Nghị quyết", "Quyết định", "Kế hoạch", ...
    number: str | None  # normalised number and symbol: "76/NQ-CP", "06-NQ/TU"; None if blank
    date: str | None  # ISO
    issuer: str | None  # "Chính phủ", "UBND tỉnh", as printed after "của"
    title: str | None  # the short title that follows
    text: str  # the citation as printed
    source: SourceSpan


@dataclass
class Section:
    """A heading of the plan with its own text and its sub-headings."""

    marker: str  # as printed: "I.", "1.", "1.1.", "a)", "-", "+", "#" (Markdown), "" (no marker)
    title: str  # the heading line without its marker
    text: str  # the paragraphs under it, before the first child, joined by "\n"
    source: SourceSpan
    children: list[Section] = field(default_factory=list)


@dataclass
class DocumentInfo:
    doc_type: str = "Kế hoạch"
    number: str | None = None  # "82/KH-UBND"; None when the number is blank
    symbol: str | None = None  # "KH-UBND" (present even when the number is blank)
    issuer: str | None = None  # "ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG - THÁP CHÀM"
    superior: str | None = None  # the body above the issuer in the header, when printed
    place: str | None = None  # "Phan Rang - Tháp Chàm"
    issue_date: str | None = None  # ISO; None when any part is blank
    issue_date_text: str | None = None  # as printed
    year: int | None = None  # the year the plan covers
    title: str | None = None  # the subject under "KẾ HOẠCH"
    signer_name: str | None = None
    signer_title: str | None = None  # "CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    authority: str | None = None  # "TM.", "KT.", "Q.", "TL.", "TUQ." or None
    authority_body: str | None = None  # "ỦY BAN NHÂN DÂN" in "TM. ỦY BAN NHÂN DÂN"
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận" lines, without "- " and ";"
    source: SourceSpan | None = None


@dataclass
class Task:
    ordinal: str  # as printed: "1", "2.3", "a)", "" when unnumbered
    title: str
    details: str = ""
    group: str | None = None  # the group row above it ("I. Tuyên truyền ..."), if any
    lead: list[Agency] = field(default_factory=list)
    coordinating: list[Agency] = field(default_factory=list)
    timeframe: Timeframe | None = None
    frequency: Recurrence | None = None
    product: str | None = None
    budget: str | None = None
    themes: list[str] = field(default_factory=list)  # codes of importer.vocab.THEMES
    channels: list[str] = field(default_factory=list)  # codes of importer.vocab.CHANNELS
    source: SourceSpan | None = None


@dataclass
class Deadline:
    """A reporting deadline: a fixed date, or a day of a month relative to the period.

    "trước ngày 05/6" -> day 5, month 6; "trước ngày 30/11/2023" -> with year;
    "trước ngày 08 tháng cuối của quý" -> day 8, relative "last_month_of_period".
    """

    text: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    relative: str | None = None  # "last_month_of_period" | None


@dataclass
class ReportingObligation:
    period: str  # "quarter", "half_year", "nine_months", "year", "ad_hoc"
    deadline: Deadline | None
    reporters: list[Agency] = field(default_factory=list)  # who must report
    recipient: str | None = None  # "UBND thành phố"
    via: str | None = None  # "qua Phòng Nội vụ" -> "Phòng Nội vụ"
    text: str = ""
    source: SourceSpan | None = None


@dataclass
class SubPlanObligation:
    """Units must issue their own plan: "xây dựng kế hoạch ... trong quý I năm 2025"."""

    units: list[Agency] = field(default_factory=list)
    deadline_text: str | None = None
    due_date: str | None = None  # ISO, the last day allowed
    recipient: str | None = None
    via: str | None = None
    text: str = ""
    source: SourceSpan | None = None


@dataclass
class IndicatorTarget:
    index: str  # "SIPAS", "PAR INDEX", "PAPI", "PCI", "DDCI", "ICT INDEX", "DTI"
    text: str
    comparator: str | None = None  # ">=", "<=", "=", "top"
    value: float | None = None
    unit: str | None = None  # "%", "rank", "points"
    source: SourceSpan | None = None


@dataclass
class ImportWarning:
    code: str  # "blank_number", "numbering_jump", "merged_row", "unknown_agency", ...
    message: str  # Vietnamese, for the reviewer
    source: SourceSpan | None = None


@dataclass
class PlanDraft:
    document: DocumentInfo
    legal_references: list[LegalReference] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    reporting_obligations: list[ReportingObligation] = field(default_factory=list)
    report_outline: list[Section] = field(default_factory=list)
    subplan_obligations: list[SubPlanObligation] = field(default_factory=list)
    indicator_targets: list[IndicatorTarget] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    source_format: str = "text"  # "text", "markdown", "docx", "pdf"
    source_lines: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanDraft:
        return _build(cls, data)


def _build(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass (recursively) from the plain data ``asdict`` produced."""
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            values[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**values)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner[0], value)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, v) for v in value]
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)  # type: ignore[arg-type]
    return value
