"""Lines of a plan -> paragraphs, and the list markers that open headings and items.

A paragraph is one source line, or several when a page break cut a sentence in two (the next line
starts in lowercase). A table row stays one paragraph with its cells. Markdown heading marks and
emphasis are dropped from the text; line numbers are kept for provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from .model import SourceSpan
from .text import clean_inline, collapse_spaces, fold, nfc, roman_to_int

# Vietnamese list letters: the alphabet without f, j, w, z and the letters with marks, plus đ.
VN_LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass
class Para:
    start: int  # 1-based line numbers
    end: int
    text: str  # cleaned: no Markdown marks, no <p>, spaces collapsed
    cells: list[str] | None = None  # a table row: the raw cells
    hashed: bool = False  # a Markdown heading line
    _folded: str | None = field(default=None, repr=False, compare=False)
    _head: str | None = field(default=None, repr=False, compare=False)

    @property
    def span(self) -> SourceSpan:
        return SourceSpan(self.start, self.end)

    @property
    def folded(self) -> str:
        """The whole text folded (computed once: folding is the costly step)."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def share_folded_line(self, cleaned: str, folded: str) -> None:
        """Take the folding of this paragraph's line (``folded`` is fold_same_length of ``cleaned``, the
        line after clean_inline) when the paragraph is that line alone: a line is folded once per parse."""
        if self._folded is None and self.start == self.end and self.text == cleaned:
            self._folded = collapse_spaces(folded).strip()

    @property
    def head(self) -> str:
        """The first words folded, enough for keyword tests at the start of a line."""
        if self._head is None:
            self._head = self._folded[:40] if self._folded is not None else fold(self.text[:48])[:40]
        return self._head


@dataclass(frozen=True)
class Marker:
    kind: str  # "roman", "hash", "arabic", "dotted", "letter", "paren", "dash", "plus"
    printed: str  # "I.", "1.", "1.1.", "a)", "-", "+", "#"
    value: tuple[int, ...]  # for numbering checks: (4,), (1, 2); () for bullets
    rank: int  # nesting order: a smaller rank holds the larger ones
    rest: str  # the text after the marker


_HASHES = re.compile(r"^\s*#{1,6}(?:\s+|$)")
_STRAY_STAR = re.compile(r"^\*+(?=\S)|(?<=\S)\*+$")
_ROMAN = re.compile(r"^([IVXL]{1,6})\s*[.\-–)]\s*(?=\S)")
_DOTTED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?(?:\s+|(?=[^\d\s.]))(?=\S)")
_ARABIC = re.compile(r"^(\d{1,2})\s*\.\s*(?=[^\d\s.])")
_PAREN = re.compile(r"^(\d{1,2})\s*\)\s*(?=\S)")
_LETTER = re.compile(r"^([a-zđ])\s*(?:\)|\.\s)\s*(?=\S)")
_DASH = re.compile(r"^([-–—−•·●▪■*])\s*(?=[^\s\-–—])")
_PLUS = re.compile(r"^(\+)\s*(?=\S)")

RANKS = {
    "roman": 10,
    "hash": 10,
    "arabic": 20,
    "dotted": 21,
    "letter": 30,
    "paren": 35,
    "dash": 40,
    "plus": 50,
}


def parse_marker(text: str, hashed: bool = False) -> Marker | None:
    """The list marker at the start of a paragraph, or None (a Markdown heading without one is "#")."""
    first = text[:1]
    # Each pattern opens with its own kind of character: only the ones that can match are tried.
    m = _ROMAN.match(text) if first in "IVXL" else None
    if m and roman_to_int(m.group(1)):
        value = roman_to_int(m.group(1)) or 0
        return Marker("roman", m.group(0).strip(), (value,), RANKS["roman"], text[m.end() :])
    numbered = _numbered_marker(text) if first.isdecimal() else None
    if numbered is not None:
        return numbered
    m = _LETTER.match(text)
    if m:
        letter = m.group(1)
        value = (VN_LETTERS.index(letter) + 1,) if letter in VN_LETTERS else (0,)
        return Marker("letter", m.group(0).strip(), value, RANKS["letter"], text[m.end() :])
    m = _DASH.match(text)
    if m:
        return Marker("dash", m.group(1), (), RANKS["dash"], text[m.end() :])
    m = _PLUS.match(text)
    if m:
        return Marker("plus", "+", (), RANKS["plus"], text[m.end() :])
    if hashed:
        return Marker("hash", "#", (), RANKS["hash"], text)
    return None


def _numbered_marker(text: str) -> Marker | None:
    """A dotted ("1.1."), Arabic ("1.") or parenthesised ("1)") number opening ``text``."""
    m = _DOTTED.match(text)
    if m:
        parts = tuple(int(p) for p in m.group(1).split("."))
        rank = RANKS["dotted"] + min(len(parts) - 2, 8)
        return Marker("dotted", m.group(0).strip(), parts, rank, text[m.end() :])
    m = _ARABIC.match(text)
    if m:
        return Marker("arabic", m.group(0).strip(), (int(m.group(1)),), RANKS["arabic"], text[m.end() :])
    m = _PAREN.match(text)
    if m:
        return Marker("paren", m.group(0).strip(), (int(m.group(1)),), RANKS["paren"], text[m.end() :])
    return None


_NEEDS_CLEANING = re.compile(r"[*<&_\t\r\n\v\f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]")


def clean_line(raw: str) -> tuple[str, bool]:
    """A source line's text without Markdown heading marks and emphasis; True when it was a heading."""
    hashed = raw.lstrip()[:1] == "#" and bool(_HASHES.match(raw))
    text = _HASHES.sub("", raw, count=1) if hashed else raw
    if "  " not in text and not _NEEDS_CLEANING.search(text):
        return nfc(text).strip(), hashed
    text = clean_inline(text)
    if "*" in text:
        text = _STRAY_STAR.sub("", text).strip()
    return text, hashed


def _continues(previous: Para, last_piece: str, text: str) -> bool:
    """A line starting in lowercase continues the paragraph a page break cut."""
    if previous.cells is not None or previous.hashed or not text[:1].islower():
        return False
    if last_piece[-1:] in ".!?":
        return False
    return parse_marker(text) is None


_WRAP_MIN = 40  # characters: a line cut by the width of a web page or a PDF column is a long one


def _open_end(line: str, following: str) -> bool:
    """A long line without closing punctuation, followed by a line that opens no item or heading."""
    return (
        len(line) >= _WRAP_MIN
        and line[-1:] not in ".;:!?"
        and "|" not in line
        and "|" not in following
        and not is_upper(line)
        and not is_upper(following)
        and parse_marker(following) is None
    )


def is_hard_wrapped(texts: list[str]) -> bool:
    """Most long lines end mid-sentence: the copy was cut at a fixed width (a web page, a PDF)."""
    long_lines = [(a, b) for a, b in pairwise(texts) if len(a) >= _WRAP_MIN and not is_upper(a)]
    open_ends = sum(1 for a, b in long_lines if _open_end(a, b))
    return open_ends >= 5 and open_ends * 2 >= len(long_lines)


def _wrap_continues(previous: Para, last_piece: str, text: str) -> bool:
    """In a hard-wrapped copy a sentence goes on on the next line, whatever its first letter."""
    return previous.cells is None and not previous.hashed and _open_end(last_piece, text)


_RULE_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")


def _pipe_cells(raw: str) -> list[str] | None:
    """The cells of a row written with pipes ("| a | b |" in Markdown, "a | b |" in a web copy)."""
    text = raw.strip()
    if "|" not in text or text == "|":
        return None
    pieces = text.split("|")
    if text.startswith("|"):
        pieces = pieces[1:]
    if text.endswith("|"):
        pieces = pieces[:-1]
    return [piece.strip() for piece in pieces]


_TABLE_HEAD = re.compile(r"^\s*(?:stt|tt|s\s*tt|số\s*tt|số\s*thứ\s*tự)\s*$", re.IGNORECASE)
_ORDINAL_CELL = re.compile(r"^(?:\d{1,3}|[IVX]{1,5})\.?$")
_ROMAN_CELL = re.compile(r"^[IVX]{1,5}\.?$")
_CELL_LINES = 8  # a cell of a table longer than this many lines ends the table


def _barred_table(lines: list[str], start: int) -> tuple[list[tuple[int, str, list[str] | None]], int]:
    """A table copied from a web page with each cell closed by a lone "|" line, from its "STT" cell at
    ``start`` (0-based): its rows as tab rows, and the last line number it takes. The header row runs up
    to the first ordinal cell; a row then ends when it has as many cells as the header, or at the next
    ordinal after a group row ("I", "II")."""
    cells: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    index = start
    last = start
    while index < len(lines):
        text = lines[index].strip()
        if text != "|":
            if text:
                first = first or index + 1
                current.append(text)
            index += 1
            continue
        cells.append((first or index + 1, " ".join(current)))
        current, first, last = [], 0, index + 1
        index += 1
        ahead = index
        while ahead < len(lines) and ahead - index < _CELL_LINES and lines[ahead].strip() != "|":
            ahead += 1
        if ahead >= len(lines) or lines[ahead].strip() != "|":
            break
    width = next((i for i, (_n, cell) in enumerate(cells) if _ORDINAL_CELL.match(cell)), len(cells))
    if width < 3 or width == len(cells):
        return [], start
    rows: list[list[tuple[int, str]]] = [cells[:width]]
    for number, cell in cells[width:]:
        row = rows[-1]
        opens = _ORDINAL_CELL.match(cell) and (len(row) >= width or _ROMAN_CELL.match(row[0][1]))
        if len(rows) == 1 or opens:
            rows.append([(number, cell)])
        else:
            row.append((number, cell))
    items: list[tuple[int, str, list[str] | None]] = []
    for row in rows:
        texts = [cell for _n, cell in row] + [""] * (width - len(row))
        items.append((row[0][0], " ".join(t for t in texts if t), texts))
    return items, last


def _unpiped(lines: list[str]) -> list[tuple[int, str, list[str] | None]]:
    """Source lines as (line number, text, table cells or None). A row of three cells or more is a table
    row (a Markdown separator row is dropped). Rows of two cells lay out the header or the signature
    block side by side: a run of them is read column by column, as the PDF reader reads a two-column
    block; a row of one cell is a line."""
    items: list[tuple[int, str, list[str] | None]] = []
    run: list[tuple[int, list[str]]] = []

    def flush() -> None:
        for column in (0, 1):
            items.extend((number, cells[column], None) for number, cells in run if cells[column])
        run.clear()

    skip_to = 0
    for number, raw in enumerate(lines, start=1):
        if number <= skip_to:
            continue
        if not run and _TABLE_HEAD.match(raw) and any(n.strip() == "|" for n in lines[number : number + 2]):
            rows, skip_to = _barred_table(lines, number - 1)
            if rows:
                items.extend(rows)
                continue
            skip_to = 0
        cells = _pipe_cells(raw) if "|" in raw and "\t" not in raw else None
        if cells is not None and len(cells) == 2:
            run.append((number, cells))
            continue
        flush()
        if cells is None:
            items.append((number, raw, raw.split("\t") if "\t" in raw else None))
        elif len(cells) >= 3:
            if not all(_RULE_CELL.match(cell) or not cell for cell in cells):
                items.append((number, " ".join(cells), cells))
        else:
            items.append((number, cells[0], None))
    flush()
    return items


def build_paras(lines: list[str]) -> list[Para]:
    items = _unpiped(lines) if any("|" in line for line in lines) else None
    if items is None:
        items = [(n, raw, raw.split("\t") if "\t" in raw else None) for n, raw in enumerate(lines, start=1)]
    cleaned = [clean_line(text) if cells is None else ("", False) for _n, text, cells in items]
    wrapped = is_hard_wrapped([text for text, hashed in cleaned if text and not hashed])
    paras: list[Para] = []
    previous: Para | None = None
    pieces: list[str] = []  # the lines of ``previous``, joined once it is complete

    def close() -> None:
        if previous is not None and len(pieces) > 1:
            previous.text = " ".join(pieces)

    for (number, raw, cells), (text, hashed) in zip(items, cleaned, strict=True):
        if cells is not None:
            text = clean_inline(raw.replace("\t", " "))
            if not text:
                continue
            close()
            previous, pieces = Para(number, number, text, cells=cells), [text]
            paras.append(previous)
            continue
        if not text:
            continue
        if (
            previous is not None
            and not hashed
            and (
                _continues(previous, pieces[-1], text)
                or (wrapped and _wrap_continues(previous, pieces[-1], text))
            )
        ):
            pieces.append(text)
            previous.end = max(previous.end, number)
            continue
        close()
        previous, pieces = Para(number, number, text, hashed=hashed), [text]
        paras.append(previous)
    close()
    return paras


_SENTENCE_END = re.compile(r"[.!?]+\s+(?=\S)")
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:TP|Tp|TX|TT|Q|P|X|H|ThS|TS|PGS|GS|NXB|v\.v|[A-ZĐ])\.$")


def sentences(text: str) -> list[str]:
    """Split at ". " before a capital letter; "TP. Hải Phòng" and "v.v. Các" stay whole."""
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        following = text[m.end() : m.end() + 1]
        if not following.isupper() and following not in '-+(“"':
            continue
        head = text[max(start, m.start() - 12) : m.start() + 1]
        if _ABBREVIATION.search(head):
            continue
        pieces.append(text[start : m.end()].strip())
        start = m.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def is_upper(text: str) -> bool:
    """All letters are capitals (and there are some)."""
    # str.upper/str.lower run in C: much faster than testing each character in Python.
    return text == text.upper() and text != text.lower()


def strip_end(text: str) -> str:
    """A title without its closing punctuation."""
    return text.strip().rstrip(" .;:,").strip()
