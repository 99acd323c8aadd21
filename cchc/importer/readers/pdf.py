"""PDF with a text layer -> lines, with pypdfium2.

Characters are placed by their boxes, not taken in the order the file stores them: Word and
LibreOffice often draw a Vietnamese letter with a fallback font after the rest of its line.
Tables are found from their ruling lines (path objects) and rebuilt cell by cell, merged cells
included; a row a page break cuts in two gives a continuation row with an empty first cell, and a
header row repeated on the next page is dropped. Outside tables, wrapped lines are joined back
into paragraphs (also across pages), page numbers are dropped, and a two-column block (the header
with the national motto, the "Nơi nhận" list beside the signer) is read column by column.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import pypdfium2
import pypdfium2.raw as pdfium_c

from cchc.importer.errors import ImportFailure

MAX_PAGES = 300
RULE_THICKNESS = 3.0  # a path thinner than this (pt) in one direction is a ruling line
SNAP = 2.0  # rulings closer than this (pt) are the same line
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang|page)?\s*\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)
# PDFium reports a hyphen that ends a line as U+FFFE (or U+0002).
_LINE_END_HYPHENS = {"\ufffe", "\x02"}


@dataclass(slots=True)
class _Char:
    text: str
    index: int  # position in the page's text stream
    x0: float
    x1: float
    bottom: float
    top: float
    middle: float


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the height of its characters' boxes: the font size, near enough
    first_word: float  # the width of its first word: would it have fit on the line before?
    page: int
    in_columns: bool = False  # part of a two-column block: a paragraph of its own


Segment = tuple[float, float, float]  # a ruling: (position, start, end)
Placer = Callable[[float, float, float, float], tuple[float, float, float, float]]


@dataclass
class _Table:
    columns: list[float]  # x of the vertical rulings, left to right
    boundaries: list[float]  # y of the row boundaries, top to bottom
    horizontal: list[Segment]
    vertical: list[Segment]
    page: int
    rows: list[list[str]] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.boundaries[0]

    @property
    def bottom(self) -> float:
        return self.boundaries[-1]


def read_pdf(data: bytes) -> list[str]:
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ImportFailure(
                "unreadable",
                "Tệp PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.",
                "The PDF is password-protected; remove the password and upload it again.",
            ) from exc
        raise ImportFailure(
            "unreadable",
            "Không đọc được tệp PDF: tệp bị hỏng hoặc không đúng định dạng.",
            "The PDF cannot be read: it is damaged or not a valid PDF.",
        ) from exc
    try:
        if len(document) > MAX_PAGES:
            raise ImportFailure(
                "too_large",
                f"Tệp PDF có hơn {MAX_PAGES} trang, không phải một kế hoạch.",
                f"The PDF has more than {MAX_PAGES} pages; it is not a plan.",
            )
        pages = []
        for index in range(len(document)):
            page = document[index]
            try:
                pages.append(_read_page(page, index))
            finally:
                page.close()
    except pypdfium2.PdfiumError as exc:
        raise ImportFailure(
            "unreadable",
            "Không đọc được nội dung tệp PDF.",
            "The PDF's content cannot be read.",
        ) from exc
    finally:
        document.close()

    if _text_length(pages) < 20:
        raise ImportFailure(
            "no_text_layer",
            "Tệp PDF không có lớp chữ (bản quét hoặc ảnh chụp); hãy tải lên tệp .docx "
            "hoặc tệp PDF xuất trực tiếp từ Word.",
            "The PDF has no text layer (it is a scan or a photo); upload the .docx or a PDF "
            "exported from Word.",
        )
    _drop_running_lines(pages)
    return _assemble(pages)


def _text_length(pages: list[list[_Line | _Table]]) -> int:
    length = 0
    for items in pages:
        for item in items:
            length += (
                len(item.text) if isinstance(item, _Line) else sum(map(len, itertools.chain(*item.rows)))
            )
    return length


def _read_page(page: pypdfium2.PdfPage, index: int) -> list[_Line | _Table]:
    width, height = page.get_size()
    rotation = page.get_rotation() % 360

    def place(left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A box in the page's user space -> upright display space (y up)."""
        if rotation == 90:
            return bottom, width - right, top, width - left
        if rotation == 180:
            return width - right, height - top, width - left, height - bottom
        if rotation == 270:
            return height - top, left, height - bottom, right
        return left, bottom, right, top

    chars, stream = _page_chars(page, place)
    tables = _find_tables(page, place, index)
    flow: list[_Char] = []
    in_table: list[list[_Char]] = [[] for _ in tables]
    for char in chars:
        x = (char.x0 + char.x1) / 2
        for number, table in enumerate(tables):
            if table.columns[0] <= x <= table.columns[-1] and table.bottom <= char.middle <= table.top:
                in_table[number].append(char)
                break
        else:
            flow.append(char)
    for table, table_chars in zip(tables, in_table, strict=True):
        _fill_table(table, table_chars, stream)
    items: list[_Line | _Table] = [
        *_flow_lines(flow, stream, index),
        *(table for table in tables if table.rows),
    ]
    items.sort(key=lambda item: -item.top)
    return _order_columns(items)


def _page_chars(page: pypdfium2.PdfPage, place: Placer) -> tuple[list[_Char], str]:
    """The page's glyphs with their boxes, and its text stream (spaces and line ends included)."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        text = textpage.get_text_range() if count > 0 else ""
        if len(text) != count:
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFE) for i in range(count))
        rect = pdfium_c.FS_RECTF()
        get_box = pdfium_c.FPDFText_GetLooseCharBox
        chars = []
        for i, char in enumerate(text):
            if char in _LINE_END_HYPHENS:
                char = "-"
            elif char.isspace() or not char.isprintable() or "\ue000" <= char <= "\uf8ff":
                continue  # private-use glyphs carry no text
            if not get_box(raw, i, rect):
                continue
            x0, bottom, x1, top = place(rect.left, rect.bottom, rect.right, rect.top)
            if top > bottom:
                chars.append(_Char(char, i, x0, max(x0, x1), bottom, top, (bottom + top) / 2))
        return chars, text
    finally:
        textpage.close()


def _find_tables(page: pypdfium2.PdfPage, place: Placer, index: int) -> list[_Table]:
    horizontal: list[Segment] = []
    vertical: list[Segment] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=0):
        left, bottom, right, top = place(*obj.get_bounds())
        wide, tall = right - left, top - bottom
        if wide <= RULE_THICKNESS < tall:
            vertical.append(((left + right) / 2, bottom, top))
        elif tall <= RULE_THICKNESS < wide:
            horizontal.append(((bottom + top) / 2, left, right))
        elif (
            wide > RULE_THICKNESS and tall > RULE_THICKNESS and pdfium_c.FPDFPath_CountSegments(obj.raw) <= 5
        ):
            # A rectangle (a cell frame or shading): its four edges.
            horizontal += [(bottom, left, right), (top, left, right)]
            vertical += [(left, bottom, top), (right, bottom, top)]
    if len(vertical) < 3:
        return []
    tables = []
    for h_group, v_group in _connected(_merge_segments(horizontal), _merge_segments(vertical)):
        columns = _cluster([x for x, _, _ in v_group])
        if len(columns) < 3:
            continue  # a frame or a one-column box is read as text
        top = max([end for _, _, end in v_group] + [y for y, _, _ in h_group])
        bottom = min([start for _, start, _ in v_group] + [y for y, _, _ in h_group])
        boundaries = sorted(_cluster([y for y, _, _ in h_group] + [top, bottom]), reverse=True)
        tables.append(_Table(columns, boundaries, h_group, v_group, index))
    return tables


def _merge_segments(segments: list[Segment]) -> list[Segment]:
    """Join collinear segments that overlap or touch."""
    merged: list[Segment] = []
    for position, start, end in sorted(segments):
        joined = False
        for i in range(len(merged) - 1, -1, -1):
            last_position, last_start, last_end = merged[i]
            if position - last_position > SNAP:
                break
            if start <= last_end + SNAP and end >= last_start - SNAP:
                merged[i] = (last_position, min(start, last_start), max(end, last_end))
                joined = True
                break
        if not joined:
            merged.append((position, start, end))
    return merged


def _connected(
    horizontal: list[Segment], vertical: list[Segment]
) -> list[tuple[list[Segment], list[Segment]]]:
    """Group the rulings that touch each other: one group per table."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for h_index, (y, x0, x1) in enumerate(horizontal):
        for v_index, (x, y0, y1) in enumerate(vertical):
            if x0 - SNAP <= x <= x1 + SNAP and y0 - SNAP <= y <= y1 + SNAP:
                parent[find(h_index)] = find(len(horizontal) + v_index)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for h_index, segment in enumerate(horizontal):
        groups.setdefault(find(h_index), ([], []))[0].append(segment)
    for v_index, segment in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + v_index), ([], []))[1].append(segment)
    return list(groups.values())


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > SNAP:
            out.append(value)
    return out


def _covers(segments: list[Segment], position: float, across: float) -> bool:
    """Is there a ruling at ``position`` that runs through ``across``?"""
    return any(
        abs(at - position) <= SNAP and start - SNAP <= across <= end + SNAP for at, start, end in segments
    )


def _fill_table(table: _Table, chars: list[_Char], stream: str) -> None:
    """Rows of cell texts; a merged cell's text goes to its top-left grid cell, the others are empty."""
    xs, ys = table.columns, table.boundaries
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def root(cell: tuple[int, int]) -> tuple[int, int]:
        while owner[cell] != cell:
            cell = owner[cell]
        return cell

    def join(a: tuple[int, int], b: tuple[int, int]) -> None:
        a, b = root(a), root(b)
        if a != b:
            owner[max(a, b)] = min(a, b)

    for r in range(n_rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols):
            middle_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < n_cols and not _covers(table.vertical, xs[c + 1], middle_y):
                join((r, c), (r, c + 1))
            if r + 1 < n_rows and not _covers(table.horizontal, ys[r + 1], middle_x):
                join((r, c), (r + 1, c))

    by_cell: dict[tuple[int, int], list[_Char]] = {}
    descending = [-y for y in ys]
    for char in chars:
        c = min(max(bisect.bisect_right(xs, (char.x0 + char.x1) / 2) - 1, 0), n_cols - 1)
        r = min(max(bisect.bisect_right(descending, -char.middle) - 1, 0), n_rows - 1)
        by_cell.setdefault(root((r, c)), []).append(char)
    right_edge: dict[tuple[int, int], float] = {}
    for cell in owner:
        anchor = root(cell)
        right_edge[anchor] = max(right_edge.get(anchor, 0.0), xs[cell[1] + 1])

    rows = []
    for r in range(n_rows):
        cells = [
            _cell_text(by_cell.get((r, c), []), stream, xs[c], right_edge[(r, c)] - xs[c])
            if root((r, c)) == (r, c)
            else ""
            for c in range(n_cols)
        ]
        if any(cells):
            rows.append(cells)
    table.rows = rows


def _cell_text(chars: list[_Char], stream: str, left: float, width: float) -> str:
    """A cell's text; a line whose first word would have fit on the line before starts a paragraph."""
    lines = [_make_line(line, stream, 0) for line in _group_lines(chars)]
    if not lines:
        return ""
    padding = max(0.0, min(line.x0 for line in lines) - left)
    room = width - 2 * padding
    paragraphs = [lines[0].text]
    for previous, line in itertools.pairwise(lines):
        would_fit = (previous.x1 - previous.x0) + _space(previous) + line.first_word <= room - 1
        if would_fit:
            paragraphs.append(line.text)
        else:
            paragraphs[-1] = _join(paragraphs[-1], line.text)
    if len(paragraphs) == 1:
        return paragraphs[0]
    return " ".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def _group_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Glyphs on the same baseline, top to bottom, each line left to right."""
    lines: list[list[_Char]] = []
    line_middle = 0.0
    for char in sorted(chars, key=lambda ch: -ch.middle):
        if lines and line_middle - char.middle <= 0.5 * (char.top - char.bottom):
            lines[-1].append(char)
        else:
            lines.append([char])
            line_middle = char.middle
    for line in lines:
        line.sort(key=lambda ch: ch.x0)
    return lines


def _make_line(chars: list[_Char], stream: str, page: int) -> _Line:
    size = statistics.median(ch.top - ch.bottom for ch in chars)
    words: list[list[_Char]] = [[chars[0]]]
    for previous, char in itertools.pairwise(chars):
        if _word_break(previous, char, stream, size):
            words.append([char])
        else:
            words[-1].append(char)
    # A dash or bullet is never left alone at the end of a line: it goes with the word after it.
    lead = words[1] if len(words) > 1 and len(words[0]) == 1 and not words[0][0].text.isalnum() else words[0]
    return _Line(
        text=unicodedata.normalize("NFC", " ".join("".join(ch.text for ch in word) for word in words)),
        x0=chars[0].x0,
        x1=max(ch.x1 for ch in chars),
        top=max(ch.top for ch in chars),
        bottom=min(ch.bottom for ch in chars),
        size=size,
        first_word=lead[-1].x1 - chars[0].x0,
        page=page,
    )


def _word_break(previous: _Char, char: _Char, stream: str, size: float) -> bool:
    """A space between two glyphs side by side.

    When the file stores them one after the other, its own spaces decide (PDFium adds the ones a
    file leaves out). A glyph drawn out of order (a fallback font's letter) has no such neighbours,
    and then only the gap tells.
    """
    gap = char.x0 - previous.x1
    if char.index > previous.index and char.index - previous.index <= 8:
        between = stream[previous.index + 1 : char.index]
        if not between:
            return False
        if between.isspace() and "\n" not in between and "\r" not in between:
            return gap > 0.1 * size
    return gap > 0.15 * size


def _join(before: str, after: str) -> str:
    """Join a wrapped line; a line broken after a hyphen inside a word ("2021-" "2025") takes no space."""
    if len(before) > 1 and before.endswith("-") and not before[-2].isspace():
        return before + after
    return f"{before} {after}"


def _space(line: _Line) -> float:
    return 0.35 * line.size


def _flow_lines(chars: list[_Char], stream: str, page: int) -> list[_Line]:
    """Lines outside tables; a wide gap (two columns side by side) splits a line in two."""
    out = []
    for glyphs in _group_lines(chars):
        size = statistics.median(ch.top - ch.bottom for ch in glyphs)
        start = 0
        for i in range(1, len(glyphs) + 1):
            if i == len(glyphs) or glyphs[i].x0 - glyphs[i - 1].x1 > 4 * size:
                out.append(_make_line(glyphs[start:i], stream, page))
                start = i
    return out


def _order_columns(items: list[_Line | _Table]) -> list[_Line | _Table]:
    """Read a block of two columns side by side (header, signature) left column first.

    A block is found at two line halves on one baseline; it takes in the lines around them that
    keep to one side of the gutter between the halves, and needs two lines on each side.
    """
    out: list[_Line | _Table] = []
    i = 0
    while i < len(items):
        pair = _side_by_side(items[i], items[i + 1] if i + 1 < len(items) else None)
        if pair is None:
            out.append(items[i])
            i += 1
            continue
        gutter = (pair[0].x1, pair[1].x0)
        block: list[_Line] = []
        j = i
        while j < len(items):
            line = items[j]
            if (
                not isinstance(line, _Line)
                or not _side(line, gutter)
                or (block and not _near(block[-1], line))
            ):
                break
            block.append(line)
            j += 1
        # Lines just above that keep to one side belong to the block (a column aligned at the
        # bottom), but not a left line that ends the paragraph above it.
        pulled = 0
        while out:
            candidate, above = out[-1], (out[-2] if len(out) > 1 else None)
            if (
                not isinstance(candidate, _Line)
                or not _side(candidate, gutter)
                or not _near(candidate, block[0])
            ):
                break
            if _side(candidate, gutter) == "left" and isinstance(above, _Line) and not _side(above, gutter):
                break
            out.pop()
            block.insert(0, candidate)
            pulled += 1
        left = [line for line in block if _side(line, gutter) == "left"]
        right = [line for line in block if _side(line, gutter) == "right"]
        if len(left) < 2 or len(right) < 2:
            # Two halves of a line with a wide gap in it, not two columns.
            out.extend(block[:pulled])
            out.append(_merge_fragments(*pair))
            i += 2
            continue
        for line in block:
            line.in_columns = True
        out.extend(left)
        out.extend(right)
        i = j
    return out


def _side(line: _Line, gutter: tuple[float, float]) -> str | None:
    if line.x1 <= gutter[1]:
        return "left"
    if line.x0 >= gutter[0]:
        return "right"
    return None


def _side_by_side(item: _Line | _Table, other: _Line | _Table | None) -> tuple[_Line, _Line] | None:
    """Two halves of one baseline, left one first, or None."""
    if not isinstance(item, _Line) or not isinstance(other, _Line):
        return None
    if abs(other.top - item.top) >= 0.5 * item.size:
        return None
    first, second = sorted((item, other), key=lambda line: line.x0)
    return (first, second) if second.x0 > first.x1 else None


def _near(above: _Line, below: _Line) -> bool:
    return above.bottom - below.top <= 3 * max(above.size, below.size)


def _merge_fragments(first: _Line, second: _Line) -> _Line:
    return _Line(
        text=f"{first.text} {second.text}",
        x0=first.x0,
        x1=second.x1,
        top=max(first.top, second.top),
        bottom=min(first.bottom, second.bottom),
        size=first.size,
        first_word=first.first_word,
        page=first.page,
    )


def _drop_running_lines(pages: list[list[_Line | _Table]]) -> None:
    """Remove page numbers, and running headers or footers repeated on most pages."""
    counts: dict[str, int] = {}
    for items in pages:
        for line in _edge_lines(items):
            key = re.sub(r"\d+", "#", line.text)
            counts[key] = counts.get(key, 0) + 1
    repeated = {key for key, count in counts.items() if len(pages) >= 3 and count > len(pages) / 2}
    for items in pages:
        for line in _edge_lines(items):
            if _PAGE_NUMBER.match(line.text) or re.sub(r"\d+", "#", line.text) in repeated:
                items.remove(line)


def _edge_lines(items: list[_Line | _Table]) -> list[_Line]:
    """The first and the last line of a page, when no table comes before or after them."""
    edges = []
    if items and isinstance(items[0], _Line):
        edges.append(items[0])
    if len(items) > 1 and isinstance(items[-1], _Line):
        edges.append(items[-1])
    return edges


class _Layout:
    """The body's left and right margins and its line pitch, measured over the whole document."""

    def __init__(self, pages: list[list[_Line | _Table]]) -> None:
        lines = [item for items in pages for item in items if isinstance(item, _Line)]
        self.left = _percentile([line.x0 for line in lines], 0.1)
        self.right = _percentile([line.x1 for line in lines], 0.9)
        pitches = [
            previous.bottom - line.bottom
            for items in pages
            for previous, line in itertools.pairwise(items)
            if isinstance(previous, _Line)
            and isinstance(line, _Line)
            and 0 < previous.bottom - line.bottom < 3 * line.size
        ]
        self.pitch = statistics.median(pitches) if pitches else 0.0

    def continues(self, previous: _Line, first_of_paragraph: _Line, line: _Line) -> bool:
        """Is ``line`` the next line of the paragraph ``previous`` ends?"""
        if self.right - previous.x1 > _space(previous) + line.first_word + 1:
            return False  # its first word would have fit on the line before: a paragraph ended there
        indent = 0.04 * (self.right - self.left)
        if previous.in_columns or line.in_columns:
            return False
        if previous is first_of_paragraph:
            if previous.x0 > self.left + indent and abs(line.x0 - previous.x0) <= SNAP:
                return False  # two first lines indented alike: a new paragraph
        elif line.x0 > previous.x0 + SNAP:
            return False  # indented: a new paragraph's first line
        if line.page != previous.page:
            return line.page == previous.page + 1
        pitch = previous.bottom - line.bottom
        return 0 < pitch <= max(1.3 * self.pitch, 1.5 * line.size)

    def gap(self, previous: _Line, line: _Line) -> bool:
        """Is there more space than the line pitch between the paragraphs?"""
        if line.page != previous.page:
            return True
        return previous.bottom - line.bottom > max(1.3 * self.pitch, 1.5 * line.size)


def _assemble(pages: list[list[_Line | _Table]]) -> list[str]:
    layout = _Layout(pages)
    out: list[str] = []
    previous: _Line | _Table | None = None
    first_of_paragraph: _Line | None = None
    for items in pages:
        for item in items:
            if isinstance(item, _Table):
                if isinstance(previous, _Table) and _continues(previous, item, items):
                    rows = item.rows[1:] if item.rows[0] == previous.rows[0] else item.rows
                    previous.rows.extend(rows)
                    previous.page = item.page
                else:
                    out.append("")
                    rows = item.rows
                    previous = _Table(item.columns, item.boundaries, [], [], item.page, list(rows))
                out.extend("\t".join(row) for row in rows)
                continue
            if isinstance(previous, _Line) and first_of_paragraph is not None:
                if layout.continues(previous, first_of_paragraph, item):
                    out[-1] = _join(out[-1], item.text)
                    previous = item
                    continue
                if layout.gap(previous, item):
                    out.append("")
            elif previous is not None:
                out.append("")
            out.append(item.text)
            previous = first_of_paragraph = item
    return out


def _continues(previous: _Table, table: _Table, items: list[_Line | _Table]) -> bool:
    """A table at the top of a page, with the columns of the table that ended the page before."""
    return (
        table.page == previous.page + 1
        and items[0] is table
        and len(table.columns) == len(previous.columns)
        and all(abs(a - b) <= 2 * SNAP for a, b in zip(table.columns, previous.columns, strict=True))
    )


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(int(fraction * len(ordered)), len(ordered) - 1)]
