"""Index targets a plan sets: "SIPAS từ 95% trở lên", "xếp thứ hạng đầu", "trong nhóm 10 tỉnh dẫn đầu"."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from .model import IndicatorTarget, SourceSpan
from .text import FoldedLines, compile_rule, fold_same_length, may_match, required_words

INDEX_ALIASES: dict[str, str] = {
    "PAR INDEX": r"par\s*-?\s*index|chi so cai cach hanh chinh|chi so cchc|cac chi so cchc",
    "SIPAS": r"\bsipas\b|chi so hai long",
    "PAPI": r"\bpapi\b|hieu qua quan tri (?:va|&) hanh chinh cong|chi so hieu qua hanh chinh cong",
    "PCI": r"\bpci\b|nang luc canh tranh cap tinh",
    "DDCI": r"\bddci\b|nang luc canh tranh cap (?:so|huyen|dia phuong)|danh gia nang luc dieu hanh",
    "ICT INDEX": r"\bict\s*-?\s*index\b|chi so ung dung cong nghe thong tin"
    r"|san sang cho phat trien va ung dung cong nghe thong tin",
    "DTI": r"\bdti\b|chi so chuyen doi so",
}
_INDEX_PATTERNS = tuple(
    (index, compile_rule(alias), required_words(alias)) for index, alias in INDEX_ALIASES.items()
)
# Words one of the index names contains: lines without any are skipped.
_INDEX_WORDS = (
    "chi so",
    "sipas",
    "papi",
    "pci",
    "ddci",
    "index",
    "dti",
    "nang luc canh tranh",
    "hieu qua quan tri",
)

_TOP_GROUP = re.compile(
    r"(?:nhom|top)\s+(?:(\d{1,2})\s+)?(?:cac\s+)?[a-z ,]{0,40}?(?:dan dau|dung dau|cao nhat|tot nhat)"
)
_TOP_N = re.compile(r"\btop\s*(\d{1,2})(?!\d)")
_RANK_N = re.compile(r"(?:xep|dung)\s+(?:thu\s+(?:hang\s+)?)?(\d{1,2})(?![\d%,.])(?:\s*/\s*\d{1,3})?")
_TOP_ONE = re.compile(
    r"thu hang dau|xep hang dau|dung dau|dan dau|xep thu nhat|vi tri dau|vi tri so 1|hang nhat|dung thu nhat"
)
_AMOUNT = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s*(%|diem)(?![a-z])(\s+tro len)?")
_COMPARATOR_WORD = re.compile(
    r"(tu|dat|tren|toi thieu|it nhat|khong thap hon|cao hon|lon hon|duoi|khong qua|toi da|bang|>=|≥|>|<=|≤)\s*$"
)
_AT_LEAST = {
    "tu",
    "dat",
    "tren",
    "toi thieu",
    "it nhat",
    "khong thap hon",
    "cao hon",
    "lon hon",
    ">=",
    "≥",
    ">",
}
_AT_MOST = {"duoi", "khong qua", "toi da", "<=", "≤"}
_AIM = re.compile(
    r"nang cao|cai thien|duy tri|\btang\b|phan dau|giu vung|nang hang|nang thu hang|muc tieu|chi tieu|\bdat\b"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐ\-+])")
_VALUE_REACH = 60  # characters between the last index named and its target phrase


@dataclass
class _Value:
    start: int
    end: int
    comparator: str
    value: float | None
    unit: str


# What each pattern needs in a text (see required_words): most sentences lack it, then the pattern is skipped.
_NEEDS = {pattern: required_words(pattern.pattern) for pattern in (_TOP_GROUP, _TOP_N, _RANK_N, _TOP_ONE)}


def _finditer(pattern: re.Pattern[str], folded: str) -> Iterable[re.Match[str]]:
    return pattern.finditer(folded) if may_match(_NEEDS[pattern], folded) else ()


def _values(folded: str) -> list[_Value]:
    found: list[_Value] = []

    def free(start: int, end: int) -> bool:
        return all(end <= v.start or start >= v.end for v in found)

    for m in _finditer(_TOP_GROUP, folded):
        found.append(_Value(m.start(), m.end(), "top", float(m.group(1)) if m.group(1) else None, "rank"))
    for m in _finditer(_TOP_N, folded):
        if free(m.start(), m.end()):
            found.append(_Value(m.start(), m.end(), "top", float(m.group(1)), "rank"))
    for m in _finditer(_RANK_N, folded):
        if free(m.start(), m.end()):
            found.append(_Value(m.start(), m.end(), "top", float(m.group(1)), "rank"))
    for m in _finditer(_TOP_ONE, folded):
        if free(m.start(), m.end()):
            found.append(_Value(m.start(), m.end(), "top", 1.0, "rank"))
    for m in _AMOUNT.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        before = _COMPARATOR_WORD.search(folded, max(0, m.start() - 20), m.start())
        word = before.group(1) if before else None
        start = before.start() if before else m.start()
        comparator = ">=" if word in _AT_LEAST or m.group(3) else "<=" if word in _AT_MOST else "="
        unit = "%" if m.group(2) == "%" else "points"
        found.append(_Value(start, m.end(), comparator, float(m.group(1).replace(",", ".")), unit))
    return sorted(found, key=lambda v: v.start)


def _mentions(folded: str) -> list[tuple[int, int, str]]:
    """Index names in order; "Chỉ số hài lòng ... (SIPAS)" is one mention."""
    raw = sorted(
        (m.start(), m.end(), index)
        for index, pattern, words in _INDEX_PATTERNS
        if may_match(words, folded)
        for m in pattern.finditer(folded)
    )
    merged: list[tuple[int, int, str]] = []
    for start, end, index in raw:
        if merged and merged[-1][2] == index and start - merged[-1][1] <= 120:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), index)
        elif not merged or start >= merged[-1][1] or merged[-1][2] != index:
            merged.append((start, end, index))
    return merged


def _sentence_targets(sentence: str, line_no: int) -> list[IndicatorTarget]:
    folded = fold_same_length(sentence)
    mentions = _mentions(folded)
    if not mentions:
        return []
    values = _values(folded)
    text = sentence.strip(" -+*•")
    span = SourceSpan(line_no, line_no)
    targets: list[IndicatorTarget] = []
    pending: list[tuple[int, int, str]] = []
    events = sorted(
        [(m[0], 0, i) for i, m in enumerate(mentions)] + [(v.start, 1, i) for i, v in enumerate(values)]
    )
    for _pos, is_value, i in events:
        if not is_value:
            pending.append(mentions[i])
            continue
        value = values[i]
        if pending and value.start - pending[-1][1] <= _VALUE_REACH:
            for _s, _e, index in pending:
                targets.append(IndicatorTarget(index, text, value.comparator, value.value, value.unit, span))
            pending = []
    if pending and _AIM.search(folded, 0, pending[0][0]):
        targets.extend(IndicatorTarget(index, text, source=span) for _s, _e, index in pending)
    return targets


def _lines_naming_an_index(folded_lines: list[str]) -> list[int]:
    """Indexes of the lines with one of the _INDEX_WORDS, in order. Each word is looked for once in the
    whole text (a line holds a word when one of the places found is in it): far fewer steps than
    testing every word on every line."""
    lowered = [line.lower() for line in folded_lines]
    starts = list(accumulate((len(line) + 1 for line in lowered), initial=0))  # of each line in ``whole``
    whole = "\n".join(lowered)
    found: set[int] = set()
    for word in _INDEX_WORDS:
        at = whole.find(word)
        while at != -1:
            found.add(bisect_right(starts, at) - 1)
            at = whole.find(word, at + 1)
    return sorted(found)


def find_indicator_targets(lines: Sequence[str] | FoldedLines) -> list[IndicatorTarget]:
    """Targets for the reform indices, in order; one per (index, comparator, value).

    An index named after an aim ("nâng cao Chỉ số ...") without a value is kept with value None,
    unless the plan sets a value for that index elsewhere.
    """
    text = lines if isinstance(lines, FoldedLines) else FoldedLines.of(lines)
    found: dict[tuple[str, str | None, float | None], IndicatorTarget] = {}
    for index in _lines_naming_an_index(text.folded):
        line_no = index + 1
        for sentence in _SENTENCE.split(text.cleaned[index].replace("\t", " ")):
            for target in _sentence_targets(sentence, line_no):
                found.setdefault((target.index, target.comparator, target.value), target)
    valued = {index for index, comparator, _v in found if comparator is not None}
    return [t for key, t in found.items() if key[1] is not None or key[0] not in valued]
