"""Tasks of plans without a task table.

Labelled items: a numbered item followed by "Cơ quan chủ trì: …", "Thời gian thực hiện: …",
"Tần suất: …" lines is a task; a sub-item with its own labelled lines ("a)", "b)") is a task of its
own, grouped under its item.

Agency duties: when a plan has neither, the items of "Tổ chức thực hiện" ("1. Phòng Nội vụ:",
"2. Giao Phòng Tư pháp … có trách nhiệm:" and their bullets) are its tasks, one per item, titled by
the item's line: the agency named leads, the agencies it works "phối hợp với" coordinate, a deadline
printed in the duty gives its timeframe (not the deadline of a report or of the unit's own plan,
which are obligations), and without one the duty runs through the plan year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from .fields import TaskParts, agencies_in, label_of, low, unbullet
from .layout import Para, sentences, strip_end
from .model import Agency, Task, Timeframe
from .sections import Node
from .text import fold
from .vocab import join_folded

# Verbs that end the agency a duty opens with: "Phòng Tư pháp thành phố tham mưu …".
_DUTY_VERBS = (
    "chu tri",
    "phoi hop",
    "tham muu",
    "huong dan",
    "xay dung",
    "to chuc",
    "thuc hien",
    "theo doi",
    "trien khai",
    "chi dao",
    "co trach nhiem",
    "chiu trach nhiem",
    "can cu",
    "tang cuong",
    "nghien cuu",
    "day manh",
    "duy tri",
    "cung cap",
    "dang tai",
    "long ghep",
    "bam sat",
    "tong hop",
    "bao cao",
    "kiem tra",
    "don doc",
    "lam dau moi",
    "la co quan",
    "la dau moi",
    "chu dong",
    "tich cuc",
    "bo tri",
    "tiep tuc",
    "ban hanh",
    "cap nhat",
    "dua",
    "xem xet",
    "nghiem tuc",
    "phan anh",
    "tuyen truyen",
    "tham gia",
    "ho tro",
    "quan tam",
    "de xuat",
    "dam bao",
    "bao dam",
    "van dong",
    "phat huy",
    "tham dinh",
    "huy dong",
    "khan truong",
    "giup",
    "lap",
    "phan cong",
    "duoc",
)
_VERB_RE = re.compile(
    r"(?<![a-z])(?:" + "|".join(sorted(set(_DUTY_VERBS), key=len, reverse=True)) + r")(?![a-z])"
)
_ORDER_WORDS = re.compile(r"^(?:giao(?:\s+cho)?|de nghi|yeu cau|doi voi|trach nhiem cua|nhiem vu cua)\s+")
_HEAD_OF = re.compile(r"(?:thu truong|lanh dao|nguoi dung dau)\s+(?=cac\s)")
_PARENTHESES = re.compile(r"\([^()]*\)")
_COORDINATION = re.compile(r"phoi hop(?:\s+chat che)?\s+voi\s+")
_COORDINATION_END = re.compile(
    r"[.;:()]|,\s*(?:dong thoi|de|nham)\b|\s(?:trong|de|nham|ve|thuc hien|tai|tren|theo|khi)\s"
)
_DEADLINE = re.compile(
    r"(?:trong|truoc|cham nhat(?:\s+(?:la|vao))?|muon nhat|han chot|den het|hoan thanh trong|hoan thanh truoc)\s+"
    r"(?:ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|ngay\s+\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?"
    r"|\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
    r"|thang\s+\d{1,2}(?:\s*(?:/|nam)\s*\d{4})?"
    r"|quy\s+(?:iv|iii|ii|i|[1-4])(?![a-z0-9])(?:\s*(?:/|nam)\s*\d{4})?"
    r"|(?:6|06|sau)\s+thang\s+(?:dau|cuoi)\s+nam(?:\s+\d{4})?)"
)
_REPORT = re.compile(r"bao cao")
# Units told to draw up their own plan ("xây dựng và ban hành Kế hoạch …"), not "kế hoạch này".
SUBPLAN = re.compile(
    r"(?<![a-z])(?:xay dung(?:\s+va\s+ban hanh)?|ban hanh|lap)\s+(?:cac\s+)?ke hoach(?!\s+(?:nay|cua uy ban|cua ubnd))"
)


def names_subplan(folded: str) -> bool:
    """A folded sentence telling units to draw up their own plan (SUBPLAN); "ke hoach", which the
    pattern needs, is looked for first: most sentences lack it and ``in`` is much faster."""
    return "ke hoach" in folded and SUBPLAN.search(folded) is not None


def _verbs(folded: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Duty verbs in ``folded[start:end]``; "các tổ chức" is a noun, not the verb "tổ chức"."""
    for m in _VERB_RE.finditer(folded, start, end):
        if m.group(0) == "to chuc" and folded[max(0, m.start() - 6) : m.start()].endswith(("cac ", "nhung ")):
            continue
        yield m


def find_deadline(text: str) -> str | None:
    """The first deadline phrase printed in ``text`` ("trong quý I năm 2025", "trước ngày 15/3")."""
    m = _DEADLINE.search(low(text))
    return text[m.start() : m.end()] if m else None


def agency_prefix(text: str) -> tuple[list[Agency], str]:
    """Agencies a sentence opens with, and the rest: "Giao Sở X chủ trì …" -> ([Sở X], "chủ trì …")."""
    agencies, rest = _agency_prefix(text.strip())
    return [replace(a) for a in agencies], rest


@lru_cache(maxsize=1024)
def _agency_prefix(text: str) -> tuple[tuple[Agency, ...], str]:
    folded = low(text)
    order = _ORDER_WORDS.match(folded)
    start = order.end() if order else 0
    head = _HEAD_OF.match(folded, start)
    if head:
        start = head.end()
    colon = folded.find(":", start)
    limit = colon if colon != -1 else len(folded)
    for m in _verbs(folded, start, limit):
        if m.start() == start:
            return (), text[start:]
        if text[m.start()].islower():
            agencies = _clean_agencies(text[start : m.start()])
            return (tuple(agencies), text[m.start() :]) if agencies else ((), text)
    if limit - start <= 200:
        agencies = _clean_agencies(text[start:limit])
        if agencies:
            return tuple(agencies), text[limit + 1 :].strip() if colon != -1 else ""
    return (), text


# First words of an agency or a group phrase ("Sở", "Ủy ban", "các", "Đài", "Báo", "Mặt trận" …).
_AGENCY_START = re.compile(
    r"(?:cac|nhung|so|phong|ban|uy|ubnd|ub|hdnd|trung|van|vp|vpub|dai|bao|hoi|doan|mat|mttq|ubmttq|cong|chi"
    r"|kho|kbnn|thanh|tinh|huyen|quan|thi|xa|phuong|bo|cuc|vien|toa|ngan|buu|lien|ldld|to|bhxh|bch|bchqs"
    r"|thuong|lanh|dang|co|don|dia)(?![a-z])"
)


def _clean_agencies(phrase: str) -> list[Agency]:
    phrase = _PARENTHESES.sub(" ", phrase).strip(" ,;:")
    if not phrase or len(phrase) > 200 or not _AGENCY_START.match(low(phrase[:12])):
        return []
    agencies = agencies_in(phrase)
    if not agencies or not all(a.recognised for a in agencies):
        return []
    return agencies


def coordinating_in(text: str) -> list[str]:
    """Agency phrases after "phối hợp với": "phối hợp với Phòng Nội vụ thành phố thẩm định" -> ["Phòng Nội vụ thành phố"]."""
    phrases: list[str] = []
    folded = low(text)
    for m in _COORDINATION.finditer(folded):
        end = _COORDINATION_END.search(folded, m.end())
        stop = end.start() if end else len(text)
        for verb in _verbs(folded, m.end(), stop):
            if text[verb.start()].islower() and verb.start() > m.end():
                stop = verb.start()
                break
        phrase = text[m.end() : stop].strip(" ,;:")
        if phrase:
            phrases.append(phrase)
    return phrases


def _ordinal(node: Node) -> str:
    if node.marker is None or node.marker.kind in ("dash", "plus", "hash"):
        return ""
    return node.marker.printed.rstrip(".")


def _labels(node: Node) -> list[tuple[str, str, Para]]:
    """Labelled lines of a node: its unmarked paragraphs and its bullet children."""
    found: list[tuple[str, str, Para]] = []
    for para in node.body:
        labelled = label_of(para.text)
        if labelled:
            found.append((*labelled, para))
    for child in node.children:
        if child.head is None:
            continue
        labelled = label_of(child.title)
        if labelled:
            found.append((*labelled, child.head))
    return found


def _is_labelled_task(node: Node) -> bool:
    roles = {role for role, _value, _para in _labels(node)}
    return "lead" in roles or len(roles & {"coordinating", "time", "frequency", "product", "budget"}) >= 2


def _labelled_task(node: Node, ordinal: str, group: str | None, year: int | None) -> Task:
    parts = TaskParts(ordinal=ordinal, span=node.span, group=group)
    paragraphs = [node.title]
    for para in node.body:
        paragraphs.append(para.text)
    for child in node.children:
        if label_of(child.title) is not None:
            paragraphs.append(" ".join(p.text for p in child.paragraphs()))
        else:
            paragraphs.extend(p.text for p in child.paragraphs())
    parts.take_paragraphs(paragraphs)
    return parts.build(year)


def labelled_tasks(roots: list[Node], year: int | None) -> list[Task]:
    tasks: list[Task] = []
    labelled: dict[int, bool] = {}
    below: dict[int, bool] = {}

    def is_task(node: Node) -> bool:
        if id(node) not in labelled:
            labelled[id(node)] = _is_labelled_task(node)
        return labelled[id(node)]

    def has_tasks(node: Node) -> bool:
        if id(node) not in below:
            below[id(node)] = is_task(node) or any(has_tasks(child) for child in node.children)
        return below[id(node)]

    def walk(nodes: list[Node], group: str | None) -> None:
        item_level = any(is_task(n) for n in nodes)
        for node in nodes:
            if node.marker is None and node.head is None:
                continue
            if is_task(node):
                tasks.append(_labelled_task(node, _ordinal(node), group, year))
            elif has_tasks(node):
                if item_level and _ordinal(node):
                    heading = f"{node.marker.printed if node.marker else ''} {node.title}".strip()
                    walk(node.children, strip_end(heading))
                else:
                    walk(node.children, group)

    walk(roots, None)
    return tasks


_IMPLEMENTATION = re.compile(r"to chuc thuc hien|trach nhiem thuc hien|phan cong (?:thuc hien|nhiem vu)")


def implementation_nodes(roots: list[Node]) -> list[Node]:
    """The "Tổ chức thực hiện" sections (the highest ones)."""
    found: list[Node] = []

    def walk(nodes: list[Node]) -> None:
        for node in nodes:
            heading = node.kind in ("roman", "hash", "arabic", "dotted", "letter") and len(node.title) < 120
            if heading and node.head is not None and _IMPLEMENTATION.search(node.head.folded):
                found.append(node)
                continue
            walk(node.children)

    walk(roots)
    return found


def is_closing(text: str) -> bool:
    """The closing words of a plan ("Trên đây là Kế hoạch …", "Trong quá trình thực hiện …", "… ./.")."""
    folded = low(text[:60])  # the opening words are enough; whole paragraphs are long to fold
    return folded.startswith(
        ("tren day la", "trong qua trinh", "qua trinh thuc hien")
    ) or text.rstrip().endswith("/.")


def duty_agencies(node: Node) -> list[Agency]:
    """The agencies an item of "Tổ chức thực hiện" is addressed to."""
    if node.head is None:
        return []
    agencies, _rest = agency_prefix(node.title)
    return agencies


def _is_report_sentence(sentence: str) -> bool:
    return bool(_REPORT.search(low(sentence))) and find_deadline(sentence) is not None


def _bullet_agencies(node: Node) -> list[Agency]:
    """The bodies a request's bullets each open with ("- Trung tâm Chính trị thành phố nghiên cứu …"),
    when every bullet names one."""
    found: list[Agency] = []
    for child in node.children:
        named, _duty = agency_prefix(unbullet(child.title))
        if not named:
            return []
        found.extend(named)
    return found


def _duty_task(node: Node, agencies: list[Agency], year: int | None) -> Task | None:
    """One task per item: its line is the title, the rest (sentences, bullets) the details."""
    kept = [p for p in node.body if not is_closing(p.text)]
    for child in node.children:
        kept.extend(p for p in child.paragraphs() if not is_closing(p.text))
    paragraphs = [p.text for p in kept]
    lead = _bullet_agencies(node) or agencies
    if not lead:
        return None
    parts = TaskParts(ordinal=_ordinal(node), span=node.span)
    parts.title = strip_end(node.title)
    parts.details = paragraphs
    # The paragraphs are in the document's topics too: their folded text (Para.folded) serves both.
    parts.folded_text = join_folded([fold(parts.title), *(p.folded for p in kept)])
    parts.lead_agencies = lead
    text = " ".join([node.title, *paragraphs])
    parts.coordinating = coordinating_in(text)
    # A deadline of the unit's own plan or report is an obligation, not the duty's timeframe.
    plain = " ".join(
        s
        for p in [node.title, *paragraphs]
        for s in sentences(unbullet(p))
        if not _is_report_sentence(s) and not names_subplan(low(s))
    )
    deadline = find_deadline(plain)
    if deadline:
        parts.time_label = deadline
    elif year is not None:
        parts.default_timeframe = Timeframe(
            text="", kind="continuous", start=f"{year}-01-01", end=f"{year}-12-31"
        )
    parts.frequency_from_text = False
    return parts.build(year)


def _names_agencies(node: Node) -> bool:
    return node.head is not None and bool(duty_agencies(node))


def _paragraph_item(para: Para) -> Node:
    """A paragraph of "Tổ chức thực hiện" that names an agency, as an unnumbered item."""
    first, *rest = sentences(para.text) or [para.text]
    node = Node(None, para, first)
    if rest:
        node.body.append(Para(para.start, para.end, " ".join(rest)))
    return node


def duty_tasks(roots: list[Node], year: int | None) -> list[Task]:
    tasks: list[Task] = []

    def add(node: Node, agencies: list[Agency]) -> bool:
        task = _duty_task(node, agencies, year)
        if task is not None:
            tasks.append(task)
        return task is not None

    def walk(nodes: list[Node]) -> None:
        for node in nodes:
            if node.head is None:
                continue
            bullet = node.kind in ("dash", "plus")
            items = [c for c in node.children if c.kind not in ("dash", "plus")]
            if items and any(_names_agencies(c) for c in items):
                walk(node.children)
                continue
            agencies = duty_agencies(node)
            has_bullets = len(items) < len(node.children)
            if (agencies or (has_bullets and not bullet)) and add(node, agencies):
                continue
            if items:
                walk(node.children)

    for section in implementation_nodes(roots):
        for para in section.body:
            if not is_closing(para.text) and agency_prefix(para.text)[0]:
                add(_paragraph_item(para), agency_prefix(para.text)[0])
        walk(section.children)
    return tasks
