"""Word (.docx) -> lines: body paragraphs and tables in document order.

Automatic numbering is rendered as Word prints it ("a) ", "1. ", "- "). A table drawn with
vertical rulings becomes tab-separated rows; a borderless table (the header with the national
motto, the "Nơi nhận" / signer block) or a one-column box is layout, read cell by cell as
paragraphs. Headers, footers, footnotes and comments are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import OpcError
from docx.opc.part import Part
from lxml import etree

from cchc.importer.errors import ImportFailure

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _TBL, _TR, _TC = W + "p", W + "tbl", W + "tr", W + "tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
_T, _TAB, _PTAB, _BR, _CR = W + "t", W + "tab", W + "ptab", W + "br", W + "cr"
_NO_BREAK_HYPHEN, _SYM = W + "noBreakHyphen", W + "sym"
_TXBX = W + "txbxContent"
_VAL, _TYPE = W + "val", W + "type"
# Subtrees whose text Word does not print in the paragraph itself.
_SKIPPED = {
    W + "pPr",
    W + "rPr",
    W + "del",
    W + "moveFrom",
    W + "instrText",
    W + "footnoteReference",
    W + "endnoteReference",
    MC + "Fallback",
    _TXBX,
}
MAX_COLUMNS = 63  # Word's limit
_VERTICAL_SIDES = {"left", "right", "start", "end", "insideV"}
_INVISIBLE = {"nil", "none"}
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_UNREADABLE = (
    "Không đọc được tệp Word: tệp bị hỏng hoặc không đúng định dạng .docx.",
    "The Word file cannot be read: it is damaged or not a valid .docx.",
)


def read_docx(data: bytes) -> list[str]:
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles = _Styles(_related_root(document.part, RELATIONSHIP_TYPE.STYLES))
        numbering = _Numbering(_related_root(document.part, RELATIONSHIP_TYPE.NUMBERING), styles)
    except (
        OpcError,
        KeyError,
        ValueError,
        AttributeError,
        etree.LxmlError,
        zipfile.BadZipFile,
        RuntimeError,  # zipfile: an encrypted member
        zlib.error,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise ImportFailure("unreadable", *_UNREADABLE) from exc
    reader = _BodyReader(styles, numbering)
    if body is not None:
        reader.blocks(body)
    return reader.finish()


def _related_root(part: Part, reltype: str) -> etree._Element | None:
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    return getattr(related, "element", None)


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    value = element.get(_VAL) if element is not None else None
    return default if value is None else str(value)


def _int_val(element: etree._Element | None, default: int) -> int:
    value = _val(element)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        if root is not None:
            for style in root.iterfind(W + "style"):
                style_id = style.get(W + "styleId")
                if style_id:
                    self.by_id[style_id] = style

    def chain(self, style_id: str | None) -> Iterator[etree._Element]:
        """The style and the styles it is based on, nearest first."""
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _val(style.find(W + "basedOn"))

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) a paragraph style gives its paragraphs."""
        for style in self.chain(style_id):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                return _val(num_pr.find(W + "numId")), _val(num_pr.find(W + "ilvl"))
        return None, None

    def table_borders(self, style_id: str | None) -> dict[str, bool]:
        sides: dict[str, bool] = {}
        for style in reversed(list(self.chain(style_id))):
            sides.update(_border_sides(style.find(f"{W}tblPr/{W}tblBorders")))
        return sides


def _border_sides(borders: etree._Element | None) -> dict[str, bool]:
    if borders is None:
        return {}
    return {etree.QName(side).localname: _val(side, "none") not in _INVISIBLE for side in borders}


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False  # isLgl: the numbers of the levels above are shown as decimals
    restart: int = -1  # lvlRestart: 0 = never restarts, -1 = restarts after any level above


def _parse_level(lvl: etree._Element) -> _Level:
    legal = lvl.find(W + "isLgl")
    return _Level(
        start=_int_val(lvl.find(W + "start"), 1),
        fmt=_val(lvl.find(W + "numFmt"), "decimal") or "decimal",
        text=_val(lvl.find(W + "lvlText"), "") or "",
        legal=legal is not None and _val(legal, "1") not in ("0", "false", "off"),
        restart=_int_val(lvl.find(W + "lvlRestart"), -1),
    )


class _Numbering:
    """numbering.xml, with Word's counters: lists sharing an abstract definition count on together."""

    def __init__(self, root: etree._Element | None, styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNumId -> numStyleLink
        self.level_styles: dict[tuple[str, str], int] = {}  # (abstractNumId, pStyle) -> ilvl
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[tuple[str, int]] = set()
        if root is None:
            return
        for abstract in root.iterfind(W + "abstractNum"):
            abstract_id = abstract.get(W + "abstractNumId") or ""
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterfind(W + "lvl"):
                ilvl = _level_number(lvl)
                levels[ilvl] = _parse_level(lvl)
                p_style = _val(lvl.find(W + "pStyle"))
                if p_style:
                    self.level_styles[(abstract_id, p_style)] = ilvl
            self.abstract[abstract_id] = levels
            link = _val(abstract.find(W + "numStyleLink"))
            if link:
                self.style_links[abstract_id] = link
        for num in root.iterfind(W + "num"):
            num_id = num.get(W + "numId") or ""
            abstract_id = _val(num.find(W + "abstractNumId"), "") or ""
            starts: dict[int, int] = {}
            levels = {}
            for override in num.iterfind(W + "lvlOverride"):
                ilvl = _level_number(override)
                start = override.find(W + "startOverride")
                if start is not None:
                    starts[ilvl] = _int_val(start, 1)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _parse_level(lvl)
            self.nums[num_id] = (abstract_id, starts, levels)

    def paragraph_numbering(self, p_pr: etree._Element | None) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph, from its own properties or its style."""
        style_id = _val(p_pr.find(W + "pStyle")) if p_pr is not None else None
        num_pr = p_pr.find(W + "numPr") if p_pr is not None else None
        num_id = _val(num_pr.find(W + "numId")) if num_pr is not None else None
        ilvl = _val(num_pr.find(W + "ilvl")) if num_pr is not None else None
        if num_id is None:
            style_num, style_ilvl = self.styles.numbering(style_id)
            num_id = style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
            if num_id and ilvl is None and style_id:
                abstract_id = self._abstract_id(num_id)
                ilvl = str(self.level_styles.get((abstract_id or "", style_id), 0))
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        level = int(ilvl) if ilvl and ilvl.isdigit() else 0
        return num_id, min(level, 8)

    def _abstract_id(self, num_id: str) -> str | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        abstract_id = entry[0]
        link = self.style_links.get(abstract_id)
        if link:
            style_num, _ = self.styles.numbering(link)
            if style_num and style_num in self.nums and style_num != num_id:
                return self.nums[style_num][0]
        return abstract_id

    def marker(self, num_id: str, ilvl: int) -> str:
        """Count the paragraph and return the marker Word prints before it ("" for none)."""
        abstract_id = self._abstract_id(num_id) or ""
        _, starts, overrides = self.nums[num_id]
        levels = dict(self.abstract.get(abstract_id, {}))
        levels.update(overrides)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * 9)
        start = level.start
        if ilvl in starts and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = None
            start = starts[ilvl]
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            deeper_level = levels.get(deeper)
            if deeper_level is None or deeper_level.restart != 0:
                counters[deeper] = None

        if level.fmt == "bullet":
            return "+" if level.text.strip() == "+" else "-"
        if level.fmt == "none":
            return re.sub(r"%\d", "", level.text).strip()

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            if not 0 <= index < 9:
                return ""
            ref = levels.get(index, _Level())
            value = counters[index] if counters[index] is not None else ref.start
            fmt = "decimal" if level.legal and index < ilvl else ref.fmt
            return _format_number(value or 0, fmt)

        return re.sub(r"%(\d)", number, level.text).strip()


def _level_number(element: etree._Element) -> int:
    value = element.get(W + "ilvl", "0")
    return min(int(value), 8) if value.isdigit() else 0


def _format_number(value: int, fmt: str) -> str:
    if not 0 < value < 1000:
        return str(value)  # a damaged file's absurd counter: digits rather than a huge string
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        # Word goes a..z, then aa..zz, aaa..: the letter repeated.
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    parts = []
    for number, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, value = divmod(value, number)
        parts.append(numeral * count)
    return "".join(parts)


class _BodyReader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines: list[str] = []

    def finish(self) -> list[str]:
        """Drop leading, trailing and repeated blank lines."""
        out: list[str] = []
        for line in self.lines:
            if line or (out and out[-1]):
                out.append(line)
        while out and not out[-1]:
            out.pop()
        return out

    def blocks(self, parent: etree._Element) -> None:
        for element in _block_children(parent):
            if element.tag == _P:
                self.lines.extend(self.paragraph(element))
            else:
                self.table(element)

    def paragraph(self, p: etree._Element) -> list[str]:
        """The paragraph's lines (soft line breaks start new ones), then its text boxes' lines."""
        pieces: list[str] = []
        boxes: list[etree._Element] = []
        _collect_text(p, pieces, boxes)
        lines = [_squeeze(line) for line in "".join(pieces).split("\n")]
        numbered = self.numbering.paragraph_numbering(p.find(W + "pPr"))
        if numbered is not None:
            marker = self.numbering.marker(*numbered)
            if marker:
                lines[0] = f"{marker} {lines[0]}".rstrip()
        lines = [line for line in lines if line] or [""]
        for box in boxes:
            inner = _BodyReader(self.styles, self.numbering)
            inner.blocks(box)
            lines.extend(inner.lines)
        return lines

    def cell_paragraphs(self, tc: etree._Element) -> list[str]:
        """A cell's non-empty paragraphs; a nested table's cells are read as paragraphs."""
        out: list[str] = []
        for element in _block_children(tc):
            if element.tag == _P:
                out.extend(line for line in self.paragraph(element) if line)
            else:
                for row in _rows(element):
                    for cell in _cells(row):
                        out.extend(self.cell_paragraphs(cell))
        return out

    def table(self, tbl: etree._Element) -> None:
        rows = list(_rows(tbl))
        width = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        if not self._is_drawn(tbl, rows, width):
            for row in rows:
                for cell in _cells(row):
                    if not _is_merge_continuation(cell):
                        self.blocks(cell)
            return

        grid: list[list[str]] = []
        for row in rows:
            tr_pr = row.find(W + "trPr")
            before = _int_val(tr_pr.find(W + "gridBefore") if tr_pr is not None else None, 0)
            cells = [""] * min(max(before, 0), MAX_COLUMNS)
            for cell in _cells(row):
                span = min(max(1, _int_val(cell.find(f"{W}tcPr/{W}gridSpan"), 1)), MAX_COLUMNS)
                if _is_merge_continuation(cell):
                    text = ""
                else:
                    paragraphs = self.cell_paragraphs(cell)
                    if len(paragraphs) > 1:
                        text = " ".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
                    else:
                        text = paragraphs[0] if paragraphs else ""
                cells.append(text)
                cells.extend([""] * (span - 1))
            grid.append(cells)
        width = min(max([width, *(len(cells) for cells in grid)]), MAX_COLUMNS)
        grid = [cells[:width] for cells in grid]
        table_lines = [
            "\t".join(cells + [""] * (width - len(cells))) for cells in grid if any(cell for cell in cells)
        ]
        if table_lines:
            self.lines.extend(["", *table_lines, ""])

    def _is_drawn(self, tbl: etree._Element, rows: list[etree._Element], width: int) -> bool:
        """A data table: two columns or more, separated by visible vertical rulings."""
        columns = max([width, *(sum(1 for _ in _cells(row)) for row in rows)])
        if columns < 2:
            return False
        tbl_pr = tbl.find(W + "tblPr")
        style_id = _val(tbl_pr.find(W + "tblStyle")) if tbl_pr is not None else None
        sides = self.styles.table_borders(style_id)
        sides.update(_border_sides(tbl_pr.find(W + "tblBorders") if tbl_pr is not None else None))
        if any(visible for side, visible in sides.items() if side in _VERTICAL_SIDES):
            return True
        for row in rows:
            for cell in _cells(row):
                cell_sides = _border_sides(cell.find(f"{W}tcPr/{W}tcBorders"))
                if any(visible for side, visible in cell_sides.items() if side in _VERTICAL_SIDES):
                    return True
        return False


def _block_children(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables under a body, cell or text box, looking through content controls."""
    for child in parent:
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _block_children(content)
        elif tag in (_CUSTOM_XML, W + "ins", W + "moveTo"):
            yield from _block_children(child)


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _rows(content)


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _cells(content)


def _is_merge_continuation(tc: etree._Element) -> bool:
    tc_pr = tc.find(W + "tcPr")
    if tc_pr is None:
        return False
    v_merge = tc_pr.find(W + "vMerge")
    if v_merge is not None and _val(v_merge, "continue") != "restart":
        return True
    h_merge = tc_pr.find(W + "hMerge")
    return h_merge is not None and _val(h_merge, "continue") != "restart"


def _collect_text(element: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            pieces.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            pieces.append(" ")
        elif tag in (_BR, _CR):
            pieces.append("\n" if child.get(_TYPE) in (None, "textWrapping") else " ")
        elif tag == _NO_BREAK_HYPHEN:
            pieces.append("-")
        elif tag == _SYM:
            pieces.append("\uf0b7")  # a Symbol/Wingdings glyph: only ever a bullet in a plan
        elif tag == _TXBX:
            boxes.append(child)
        elif tag in _SKIPPED or not isinstance(tag, str):
            continue
        else:
            _collect_text(child, pieces, boxes)


def _squeeze(text: str) -> str:
    """One space between words; a private-use glyph (a Symbol font bullet) that opens the line is "-"."""
    text = _SPACES.sub(" ", text).strip()
    if _PRIVATE_USE.match(text):
        text = "- " + _PRIVATE_USE.sub("", text, count=1).lstrip()
    return _PRIVATE_USE.sub("", text).strip()
