"""Text helpers shared by the importer: folding, inline clean-up, dates, Roman numerals."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# Runs of white space except a lone space (which would be replaced by itself).
_SPACE_RUNS = re.compile(r"[^\S ]\s*| \s+")
# Legacy Vietnamese fonts print "Đ" as the Icelandic eth "Ð".
_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "\u00a0": " ", "\u200b": " ", "\ufeff": " "}


def _fold_char(ch: str) -> str:
    special = _SPECIAL.get(ch)
    if special is not None:
        return special
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


# Latin letters with diacritics (Vietnamese uses U+00C0-U+01B0 and U+1EA0-U+1EF9) -> one ASCII letter.
_FOLD_TABLE = {
    code: _fold_char(chr(code))
    for block in (
        range(0x41, 0x5B),
        range(0xA0, 0x250),
        range(0x1E00, 0x1F00),
        range(0x200B, 0x200C),
        range(0xFEFF, 0xFF00),
    )
    for code in block
}
# The same table as a list indexed by code point: str.translate looks a list up faster than a dict
# (code points past its end raise IndexError and stay as they are, as missing dict keys do).
_FOLD_LIST = [_FOLD_TABLE.get(code, chr(code)) for code in range(0x10000)]


def nfc(s: str) -> str:
    """NFC form: text from Word or PDF may carry combining accents."""
    return unicodedata.normalize("NFC", s)


def fold_same_length(s: str) -> str:
    """Fold character by character, so offsets in the result are offsets in ``s``.

    ``s`` must already be NFC (see ``nfc``); spaces are not collapsed.
    """
    return s.translate(_FOLD_LIST)


def collapse_spaces(s: str) -> str:
    """Every run of white space -> one space (not stripped).

    Most text has single spaces only; testing for that first (every other white-space character is
    non-printable) is much faster than a substitution that rewrites each space with itself.
    """
    if "\t" in s:  # table rows
        s = s.replace("\t", " ")
    if "  " in s or not s.isprintable():
        return _SPACE_RUNS.sub(" ", s)
    return s


def fold(s: str) -> str:
    """Lowercase, no diacritics, "đ" -> "d", spaces collapsed and stripped."""
    return collapse_spaces(fold_same_length(nfc(s))).strip()


def compile_rule(rule: str) -> re.Pattern[str]:
    """Compile a rule with "\\bpano" written "p(?<=\\bp)ano": the same test, but the regex engine can then
    skip ahead to the letters a rule starts with instead of trying every position (several times faster)."""
    return re.compile(re.sub(r"\\b([a-zA-Z])", r"\1(?<=\\b\1)", rule))


def alternatives(rule: str) -> list[str]:
    """The top-level alternatives of a regex: "a|b(?:c|d)" -> ["a", "b(?:c|d)"]."""
    found: list[str] = []
    depth = start = 0
    escaped = in_class = False
    for index, char in enumerate(rule):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            found.append(rule[start:index])
            start = index + 1
    found.append(rule[start:])
    return found


_LEADING_WORDS = re.compile(r"(?:\\b)?([^\\.^$*+?{}\[\]()|]*)")


def leading_words(alternative: str) -> str:
    """The plain text every match of a regex alternative starts with ("" when it opens with a group)."""
    m = _LEADING_WORDS.match(alternative)
    words, rest = m.group(1), alternative[m.end() :]
    if rest[:1] in ("?", "*", "{"):  # "bang,? dia": the comma is optional
        words = words[:-1]
    return words


def required_words(rule: str) -> tuple[str, ...] | None:
    """Texts one of which is in every text the regex ``rule`` matches; None when there are none to test.

    Looking for them with ``in`` first is much faster than the regex engine, which tries every position.
    """
    words = tuple(leading_words(alternative) for alternative in alternatives(rule))
    return None if "" in words else words


def may_match(words: tuple[str, ...] | None, text: str) -> bool:
    """False when ``text`` holds none of a rule's ``required_words``: the rule cannot match it."""
    return words is None or any(word in text for word in words)


_P_TAGS = re.compile(r"</?p\s*/?>|<br\s*/?>", re.IGNORECASE)
_BOLD = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*)])([^*]+?)(?<=[^\s*(])\*(?![\w*])")


def clean_inline(s: str) -> str:
    """Strip Markdown emphasis (``**``, ``*``), ``<p>`` tags and entities; collapse spaces."""
    s = nfc(s)
    if "<" in s:
        s = _P_TAGS.sub(" ", s)
    if "&" in s:
        s = html.unescape(s)
    if "*" in s or "_" in s:
        s = _BOLD.sub("", s)
        s = _EMPHASIS.sub(r"\1", s)
    return collapse_spaces(s).strip()


@dataclass(frozen=True)
class FoldedLines:
    """Source lines cleaned (``clean_inline``) and folded once per parse, for the finders that scan
    every line (references, index targets): folding is the costly step, so it is not repeated."""

    cleaned: list[str]
    folded: list[str]  # fold_same_length of each cleaned line: offsets are the same

    @classmethod
    def of(cls, lines: Sequence[str]) -> FoldedLines:
        cleaned = [clean_inline(line) for line in lines]
        return cls(cleaned, [fold_same_length(line) for line in cleaned])

    def head(self, count: int) -> FoldedLines:
        """The first ``count`` lines."""
        return FoldedLines(self.cleaned[:count], self.folded[:count])


_DATE_WORDS = re.compile(
    r"ngay\s*([\d.…_ ]*?)\s*thang\s*([\d.…_ ]*?)\s*nam\s*([\d.…_]*)",
)
_DATE_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/])")
_DIGITS = re.compile(r"^\d{1,4}$")


def make_date(year: int, month: int, day: int) -> str | None:
    """ISO date, or None when the parts do not form a real date."""
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first date printed in ``text`` as ISO; None if a part is blank or the date is invalid."""
    folded = fold(text)
    words = _DATE_WORDS.search(folded)
    numeric = _DATE_NUMERIC.search(folded)
    if words and (numeric is None or words.start() < numeric.start()):
        parts = [p.strip() for p in words.groups()]
        if not all(_DIGITS.match(p) for p in parts):
            return None
        return make_date(int(parts[2]), int(parts[1]), int(parts[0]))
    if numeric:
        day, _sep, month, year = numeric.groups()
        return make_date(int(year), int(month), int(day))
    return None


_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(s: str) -> int | None:
    """Roman numeral -> int ("IV" -> 4); None when ``s`` is not one."""
    s = s.strip().upper()
    if not s or not _ROMAN.match(s):
        return None
    total = 0
    for ch, nxt in zip(s, [*s[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt and _ROMAN_VALUES[nxt] > value else value
    return total
