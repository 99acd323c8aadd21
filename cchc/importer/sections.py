"""The heading tree of a plan: I. > 1. > 1.1. > a) > - > +, whatever the Markdown depth says.

Each marked paragraph opens a node under the nearest open node of a smaller rank; an unmarked
paragraph belongs to the node opened last, so walking the tree in order gives the text back.
Sibling numbering is checked: a repeated marker ("d)" twice) or a gap (5 then 7) is a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .layout import VN_LETTERS, Marker, Para, parse_marker
from .model import ImportWarning, Section, SourceSpan


@dataclass
class Node:
    marker: Marker | None
    head: Para | None  # the heading paragraph (None for the preamble)
    title: str
    body: list[Para] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None

    @property
    def kind(self) -> str:
        return self.marker.kind if self.marker else ""

    @property
    def start(self) -> int:
        if self.head is not None:
            return self.head.start
        return self.body[0].start if self.body else 0

    @property
    def end(self) -> int:
        if self.children:
            return self.children[-1].end
        if self.body:
            return self.body[-1].end
        return self.head.end if self.head else 0

    @property
    def span(self) -> SourceSpan:
        return SourceSpan(self.start, self.end)

    def paragraphs(self) -> list[Para]:
        """Every paragraph of the subtree in document order (headings included)."""
        found = [self.head] if self.head is not None else []
        found.extend(self.body)
        for child in self.children:
            found.extend(child.paragraphs())
        return found

    def full_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs())


def build_tree(paras: list[Para]) -> list[Node]:
    """Top-level nodes; paragraphs before the first heading form a preamble node without a marker."""
    roots: list[Node] = []
    stack: list[Node] = []
    for para in paras:
        if para.cells is not None:
            continue
        marker = parse_marker(para.text, para.hashed)
        if marker is None:
            if stack:
                stack[-1].body.append(para)
            elif roots and roots[-1].marker is None:
                roots[-1].body.append(para)
            else:
                roots.append(Node(None, None, "", body=[para]))
            continue
        node = Node(marker, para, marker.rest.strip())
        while stack and stack[-1].marker is not None and stack[-1].marker.rank >= marker.rank:
            stack.pop()
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)
    return roots


def to_sections(nodes: list[Node]) -> list[Section]:
    return [
        Section(
            marker=node.marker.printed if node.marker else "",
            title=node.title,
            text="\n".join(p.text for p in node.body),
            source=node.span,
            children=to_sections(node.children),
        )
        for node in nodes
    ]


def _expected_next(kind: str, value: tuple[int, ...]) -> tuple[int, ...]:
    if kind == "dotted":
        return (*value[:-1], value[-1] + 1)
    return (value[0] + 1,)


def _label(kind: str, value: tuple[int, ...]) -> str:
    if kind == "letter":
        return VN_LETTERS[value[0] - 1] if 0 < value[0] <= len(VN_LETTERS) else "?"
    return ".".join(str(v) for v in value)


def check_numbering(nodes: list[Node]) -> list[ImportWarning]:
    """Siblings of one kind must count up by one: warn on a repeated marker or a gap."""
    warnings: list[ImportWarning] = []
    previous: dict[str, tuple[int, ...]] = {}
    for node in nodes:
        marker = node.marker
        if marker is None or not marker.value or marker.value[-1] == 0 or marker.kind == "hash":
            continue
        last = previous.get(marker.kind)
        if last is not None and marker.kind == "dotted" and marker.value[:-1] != last[:-1]:
            last = None
        if last is not None:
            expected = _expected_next(marker.kind, last)
            if marker.value == last:
                warnings.append(
                    ImportWarning(
                        "duplicate_marker",
                        f"Mục “{marker.printed}” bị lặp lại (mục trước cũng là “{marker.printed}”); "
                        f"có lẽ là “{_label(marker.kind, expected)}”.",
                        node.head.span if node.head else None,
                    )
                )
                previous[marker.kind] = expected
                continue
            if marker.value > expected and marker.value[:-1] == expected[:-1]:
                missing = _label(marker.kind, expected)
                warnings.append(
                    ImportWarning(
                        "numbering_jump",
                        f"Đánh số nhảy từ “{_label(marker.kind, last)}” sang “{_label(marker.kind, marker.value)}”"
                        f" (thiếu mục “{missing}”).",
                        node.head.span if node.head else None,
                    )
                )
        previous[marker.kind] = marker.value
    for node in nodes:
        warnings.extend(check_numbering(node.children))
    return warnings
