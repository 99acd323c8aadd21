"""What every task structure shares: labelled lines ("Cơ quan chủ trì: …") and turning parts into a Task."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .agencies import split_agencies
from .layout import parse_marker, strip_end
from .model import Agency, SourceSpan, Task, Timeframe
from .recurrence import parse_frequency
from .text import fold, fold_same_length, nfc
from .timeframes import parse_timeframe
from .vocab import detect_topics, join_folded

_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        (
            "lead",
            r"^(?:co quan|don vi|bo phan)?\s*(?:chu tri(?:\s*(?:,|va)?\s*thuc hien)?|thuc hien"
            r"|chi dao(?:\s+thuc hien)?|chiu trach nhiem(?:\s+thuc hien)?)\s*:",
        ),
        ("coordinating", r"^(?:co quan|don vi)?\s*phoi hop(?:\s+thuc hien)?\s*:"),
        (
            "time",
            r"^(?:thoi gian|thoi han|tien do)(?:\s+(?:thuc hien|hoan thanh|trien khai|to chuc))?"
            r"(?:\s*/\s*(?:hoan thanh|thuc hien))?\s*:",
        ),
        (
            "frequency",
            r"^(?:tan suat|quy mo|so luong|so ky|thoi luong)(?:\s*/\s*(?:tan suat|quy mo|so luong))?\s*:",
        ),
        ("product", r"^san pham(?:\s+dau ra)?\s*:"),
        ("budget", r"^(?:nguon\s+)?kinh phi(?:\s+thuc hien)?\s*:"),
    )
)


@lru_cache(maxsize=4096)
def low(text: str) -> str:
    """Folded text of the same length as ``text`` (NFC), so match offsets slice the original."""
    return fold_same_length(nfc(text)).lower()


@lru_cache(maxsize=1024)
def _agencies(text: str) -> tuple[Agency, ...]:
    return tuple(split_agencies(text))


def agencies_in(text: str) -> list[Agency]:
    """split_agencies, remembered: the same cells recur row after row ("Các cơ quan, đơn vị liên quan")."""
    return [replace(agency) for agency in _agencies(text)]


@lru_cache(maxsize=1024)
def _timeframe(text: str, year: int | None) -> Timeframe:
    return parse_timeframe(text, year)


def timeframe_of(text: str, year: int | None) -> Timeframe:
    return replace(_timeframe(text, year))


def unbullet(text: str) -> str:
    """A paragraph without its leading bullet ("- ", "+ ", "* ")."""
    marker = parse_marker(text)
    if marker is not None and marker.kind in ("dash", "plus"):
        return marker.rest.strip()
    return text.strip()


def label_of(text: str) -> tuple[str, str] | None:
    """("lead", "Sở Nội vụ.") for "- Cơ quan chủ trì: Sở Nội vụ."; None for other paragraphs."""
    colon = text.find(":", 0, 80)
    if colon == -1:
        return None
    bare = unbullet(text)
    colon = bare.find(":", 0, 80)
    folded = low(bare[: colon + 1])
    for role, pattern in _LABELS:
        m = pattern.match(folded)
        if m:
            return role, bare[m.end() :].strip()
    return None


def agencies_of(texts: list[str]) -> list[Agency]:
    found: list[Agency] = []
    seen: set[tuple[bool, str]] = set()
    for text in texts:
        for agency in agencies_in(text):
            key = (agency.is_group, agency.group if agency.is_group and agency.group else agency.name)
            if key not in seen:
                seen.add(key)
                found.append(agency)
    return found


@dataclass
class TaskParts:
    ordinal: str
    span: SourceSpan
    title: str = ""
    details: list[str] = field(default_factory=list)
    group: str | None = None
    lead: list[str] = field(default_factory=list)  # texts naming agencies
    coordinating: list[str] = field(default_factory=list)
    lead_agencies: list[Agency] = field(default_factory=list)
    coordinating_agencies: list[Agency] = field(default_factory=list)
    time_column: str | None = None  # the table's "Thời gian" cell
    time_label: str | None = None  # "Thời gian thực hiện: …" inside the task: it wins
    frequency: list[str] = field(default_factory=list)  # "Tần suất: …", "Quy mô: …" and what follows
    frequency_column: str | None = None  # the table's "Tần suất"/"Quy mô" cell, as "<heading>: <cell>"
    frequency_unit: str | None = None  # the table's "Đơn vị tính" cell, for a bare number in that column
    product: str | None = None
    budget: str | None = None
    default_timeframe: Timeframe | None = None
    frequency_from_text: bool = True
    folded_text: str | None = None  # title and details as vocab.join_folded gives them, when at hand

    def take_paragraphs(self, paragraphs: list[str]) -> None:
        """Sort a task's paragraphs: labelled lines into fields, the first other one is the title."""
        frequency_from: int | None = None
        fields: list[int] = []  # paragraphs that went into a field
        for index, paragraph in enumerate(paragraphs):
            labelled = label_of(paragraph)
            role, value = labelled if labelled else ("", "")
            if role == "time" and self.time_label is None and timeframe_of(value, None).kind != "unknown":
                self.time_label = strip_end(value)
            elif role in ("lead", "coordinating"):
                getattr(self, role).append(value)
            elif role in ("product", "budget") and getattr(self, role) is None:
                setattr(self, role, strip_end(value) or None)
            elif role == "frequency":
                frequency_from = index if frequency_from is None else frequency_from
            elif not self.title and not labelled:
                self.title = strip_end(unbullet(paragraph))
                continue
            else:
                self.details.append(paragraph)
                continue
            fields.append(index)
        if frequency_from is not None:
            # "Tần suất:" and what follows it ("+ Trên kênh phát thanh: …"), up to the next field.
            end = next((i for i in fields if i > frequency_from), len(paragraphs))
            self.frequency.append(" ".join(unbullet(p) for p in paragraphs[frequency_from:end]))

    def build(self, year: int | None) -> Task:
        timeframe = self.default_timeframe
        time_text = self.time_label or self.time_column
        if time_text:
            timeframe = timeframe_of(time_text, year)
        text = "\n".join([self.title, *self.details])
        # Only the task's own words say how often it happens: details may describe other things
        # ("trên báo Hải Phòng hàng ngày" is the daily paper, not a daily task).
        # The task's own labelled line beats the table's frequency column, which beats its time column.
        # A bare number in the frequency column takes its unit from the "Đơn vị tính" column.
        candidates = [
            (" ".join(self.frequency), None),
            (self.frequency_column or "", self.frequency_unit),
            (self.time_column or "", None),
        ]
        if self.frequency_from_text:
            candidates.append((self.title, None))
        frequency = None
        for candidate, unit in candidates:
            if candidate.strip():
                frequency = parse_frequency(candidate, timeframe)
                if frequency is not None:
                    frequency.item_unit = frequency.item_unit or unit
                    break
        described = "\n".join([text, self.product or ""])
        folded = None
        if self.folded_text is not None:
            folded = join_folded([self.folded_text, fold(self.product or "")])
        themes, channels = detect_topics(described, folded)
        return Task(
            ordinal=self.ordinal,
            title=self.title,
            details="\n".join(self.details),
            group=self.group,
            lead=self.lead_agencies or agencies_of(self.lead),
            coordinating=self.coordinating_agencies or agencies_of(self.coordinating),
            timeframe=timeframe,
            frequency=frequency,
            product=self.product,
            budget=self.budget,
            themes=themes,
            channels=channels,
            source=self.span,
        )
