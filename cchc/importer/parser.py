"""Lines of a Vietnamese CCHC communication plan -> PlanDraft.

The document is read in zones found by keywords: the header (number, place-date, issuer) up to
"KẾ HOẠCH" and its subject; the text, up to its closing "./." or "Nơi nhận"; the closing block
(recipients and signer); the appendices (task tables with their caption "(Kèm theo Kế hoạch …)",
a report outline). Tasks come from whichever structure the plan has: a task table, numbered items
with labelled lines, or the agency duties of "Tổ chức thực hiện".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from .errors import ImportFailure
from .header import (
    apply_caption,
    is_caption,
    is_recipients_line,
    is_title_line,
    read_header,
    read_recipients,
    read_signature,
    title_block,
)
from .layout import Para, build_paras, is_upper
from .model import (
    Agency,
    DocumentInfo,
    ImportWarning,
    LegalReference,
    PlanDraft,
    SourceSpan,
    Task,
)
from .obligations import find_obligations
from .readers import read_source
from .references import find_legal_references
from .sections import Node, build_tree, check_numbering, to_sections
from .tables import check_ordinals, split_tables, tasks_from_table
from .targets import find_indicator_targets
from .tasks import duty_tasks, implementation_nodes, labelled_tasks
from .text import FoldedLines, fold
from .vocab import detect_channels, detect_themes, join_folded

_APPENDIX_HEADING = re.compile(r"^(?:phu luc|danh muc|de cuong)\b")
_GENRE_HEADING = re.compile(
    r"muc dich|muc tieu|yeu cau|noi dung|hinh thuc|to chuc thuc hien|kinh phi|nhiem vu|giai phap|trach nhiem"
)
_REPORT_SECTION = re.compile(r"che do (?:thong tin,? )?bao cao|bao cao ket qua|thong tin bao cao")
_CONTENT = re.compile(r"noi dung")
_FORM = re.compile(r"hinh thuc")
_HEADING_KINDS = ("roman", "hash", "arabic", "dotted")


def parse_document(data: bytes, filename: str) -> PlanDraft:
    """Read a plan file (.docx, .pdf, .txt, .md) into a draft; ImportFailure when it is not a plan."""
    source = read_source(data, filename)
    return parse_lines(source.lines, source.format)


@dataclass
class _Zones:
    body_end: int  # paragraph index after the text
    appendix_start: int
    recipients_at: int | None = None
    captions: list[Para] = field(default_factory=list)


def _is_appendix_heading(para: Para) -> bool:
    if para.cells is not None or para.text[:1] not in "PpDdĐđ" or not _APPENDIX_HEADING.match(para.head):
        return False
    return is_upper(para.text[:8]) or len(para.text) <= 40


def _heading_before(para: Para) -> bool:
    """An appendix title line above its caption ("MỘT SỐ HOẠT ĐỘNG TUYÊN TRUYỀN TRỌNG TÂM")."""
    if para.cells is not None or len(para.text) > 250 or is_recipients_line(para):
        return False
    if para.head.startswith(("tm.", "kt.", "tl.", "tuq.", "q.")):
        return False
    return is_upper(para.text) or para.hashed


def _appendix_start(paras: list[Para], start: int) -> int:
    for index in range(start, len(paras)):
        para = paras[index]
        if _is_appendix_heading(para):
            return index
        if is_caption(para) or para.cells is not None:
            first = index
            while first - 1 >= start and _heading_before(paras[first - 1]) and index - first < 3:
                first -= 1
            return first
    return len(paras)


def _zones(paras: list[Para], body_start: int) -> _Zones:
    body_end = len(paras)
    for index in range(body_start, len(paras)):
        para = paras[index]
        if is_recipients_line(para) or (_is_appendix_heading(para) and index > body_start):
            body_end = index
            break
        if para.cells is None and para.text.rstrip().endswith("/."):
            body_end = index + 1
            break
    recipients_at = next(
        (i for i in range(body_end, len(paras)) if is_recipients_line(paras[i])),
        None,
    )
    search_from = body_end
    if recipients_at is not None:
        _list, after, _span = read_recipients(paras, recipients_at)
        search_from = after
    appendix_start = _appendix_start(paras, search_from)
    if recipients_at is not None and recipients_at >= appendix_start:
        recipients_at = None
    captions = [p for p in paras[appendix_start:] if is_caption(p)]
    return _Zones(body_end, appendix_start, recipients_at, captions)


def _attached_plan(paras: list[Para], decision_end: int) -> tuple[int, int] | None:
    """The plan a decision issues, printed after it: (index of its "KẾ HOẠCH" line, first paragraph of
    its text, after the subject and the caption "(Ban hành kèm theo Quyết định …)"); None without one."""
    for index in range(decision_end, len(paras)):
        if is_title_line(paras[index]):
            _title, _end, start = title_block(paras, index)
            while start < len(paras) and is_caption(paras[start]):
                start += 1
            return index, start
    return None


def _appendix_blocks(paras: list[Para]) -> list[list[Para]]:
    """Appendix paragraphs split where a new appendix begins: a "Phụ lục" heading, or a second caption."""
    blocks: list[list[Para]] = []
    captioned = False  # the current block has its caption already
    for para in paras:
        if not blocks or _is_appendix_heading(para):
            blocks.append([para])
            captioned = is_caption(para)
            continue
        if is_caption(para) and captioned:
            previous = blocks[-1]
            first = len(previous)
            while first > 0 and _heading_before(previous[first - 1]) and len(previous) - first < 2:
                first -= 1
            blocks[-1] = previous[:first]
            blocks.append([*previous[first:], para])
            continue
        captioned = captioned or is_caption(para)
        blocks[-1].append(para)
    return blocks


def _masked(lines: list[str], excluded: list[Para]) -> list[str]:
    masked = list(lines)
    for para in excluded:
        for number in range(para.start, para.end + 1):
            masked[number - 1] = ""
    return masked


def _section_paragraphs(roots: list[Node], pattern: re.Pattern[str]) -> list[Para]:
    """The paragraphs of the highest headings whose title matches (the "Nội dung" or "Hình thức" sections)."""
    found: list[Para] = []

    def walk(nodes: list[Node]) -> None:
        for node in nodes:
            heading = node.head is not None and node.kind in _HEADING_KINDS and len(node.title) < 150
            if heading and node.head is not None and pattern.search(node.head.folded):
                found.extend(node.paragraphs())
                continue
            walk(node.children)

    walk(roots)
    return found


def _document_topics(roots: list[Node], body: list[Para]) -> tuple[list[str], list[str]]:
    """Themes from the "Nội dung" sections, channels from the "Hình thức" ones; the whole text when a
    plan has no such heading. Paragraphs are folded once (``Para.folded``), whichever text they are in."""
    content = _section_paragraphs(roots, _CONTENT) or body
    form = _section_paragraphs(roots, _FORM) or body
    themes = detect_themes(_text(content), join_folded(p.folded for p in content))
    channels = detect_channels(_text(form), join_folded(p.folded for p in form))
    return themes, channels


def _text(paras: list[Para]) -> str:
    return "\n".join(p.text for p in paras)


def _report_nodes(roots: list[Node]) -> list[Node]:
    found = implementation_nodes(roots)
    for node in roots:
        if node.head is not None and _REPORT_SECTION.search(node.head.folded) and node not in found:
            found.append(node)
    return found or roots


def _agency_warnings(
    tasks: list[Task], groups: list[tuple[list[Agency], SourceSpan | None]]
) -> list[ImportWarning]:
    warnings: list[ImportWarning] = []
    seen: set[str] = set()
    found = [(task.lead + task.coordinating, task.source) for task in tasks] + groups
    for agencies, span in found:
        for agency in agencies:
            if agency.recognised or agency.name in seen:
                continue
            seen.add(agency.name)
            warnings.append(
                ImportWarning(
                    "unknown_agency",
                    f"Không nhận ra cơ quan “{agency.name}”; cần chọn đơn vị tương ứng.",
                    span,
                )
            )
    return warnings


_PRINTED_MONTH_YEAR = re.compile(r"(?:/|thang\s*)(\d{1,2})\s*(?:/|nam)\s*((?:19|20)\d{2})")
_PRINTED_YEAR = re.compile(r"(?:19|20)\d{2}")


def _latest_plan_date(info: DocumentInfo, tasks: list[Task]) -> str | None:
    """The latest date the plan can bear: its issue date; else what its half-blank date allows
    ("ngày /12/2024": December 2024) and the start of its first task dated after 1 January."""
    if info.issue_date:
        return info.issue_date
    bounds = [
        t.timeframe.start
        for t in tasks
        if t.timeframe
        and t.timeframe.kind == "range"
        and t.timeframe.start
        and not t.timeframe.start.endswith("-01-01")
    ]
    printed = fold(info.issue_date_text or "")
    month_year = _PRINTED_MONTH_YEAR.search(printed)
    year = _PRINTED_YEAR.search(printed)
    if month_year and 1 <= int(month_year.group(1)) <= 12:
        last = calendar.monthrange(int(month_year.group(2)), int(month_year.group(1)))[1]
        bounds.append(f"{month_year.group(2)}-{int(month_year.group(1)):02d}-{last:02d}")
    elif year:
        bounds.append(f"{year.group(0)}-12-31")
    return min(bounds) if bounds else None


def _year_warnings(
    info: DocumentInfo, tasks: list[Task], references: list[LegalReference]
) -> list[ImportWarning]:
    warnings: list[ImportWarning] = []
    issued = info.issue_date
    if issued and info.year and not info.year - 1 <= int(issued[:4]) <= info.year:
        warnings.append(
            ImportWarning(
                "year_mismatch",
                f"Kế hoạch năm {info.year} nhưng ngày ban hành là {issued[8:10]}/{issued[5:7]}/{issued[:4]}; cần kiểm tra lại.",
                info.source,
            )
        )
    latest = _latest_plan_date(info, tasks)
    if latest is None:
        return warnings
    for reference in references:
        if reference.date and reference.date > latest:
            label = f"{reference.doc_type} {reference.number or ''}".strip()
            when = (
                "ngày ban hành kế hoạch"
                if info.issue_date
                else "thời điểm muộn nhất kế hoạch có thể được ban hành"
            )
            warnings.append(
                ImportWarning(
                    "year_mismatch",
                    f"{label} được dẫn có ngày {_vn_date(reference.date)}, sau {when} "
                    f"({_vn_date(latest)}); có thể ghi nhầm năm, cần kiểm tra lại.",
                    reference.source,
                )
            )
    return warnings


def _vn_date(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


_ISSUING = re.compile(r"\b(?:ban hanh|xay dung)\s+ke\s+hoach\b.*\bnhu sau\s*:?$")
_ISSUING_REACH = 15  # paragraphs


def _issuing_sentence(paras: list[Para]) -> bool:
    """The preamble's "… ban hành Kế hoạch … như sau:" marks a plan copied without its header."""
    return any(_ISSUING.search(p.folded) for p in paras[:_ISSUING_REACH] if p.cells is None)


def _empty() -> ImportFailure:
    return ImportFailure("empty", "Tệp không có nội dung chữ.", "The file contains no text.")


def _not_a_plan() -> ImportFailure:
    return ImportFailure(
        "not_a_plan",
        "Tệp này không phải là kế hoạch: không thấy tiêu đề “KẾ HOẠCH”, các mục hay nhiệm vụ của một kế hoạch.",
        "This file is not a plan: no “KẾ HOẠCH” title, plan sections or tasks were found.",
    )


def _read_closing(paras: list[Para], zones: _Zones, info: DocumentInfo) -> list[ImportWarning]:
    """Recipients and signer from between the text and the appendices, in either order."""
    signer_paras = paras[zones.body_end : zones.appendix_start]
    if zones.recipients_at is not None:
        info.recipients, after, _span = read_recipients(paras, zones.recipients_at)
        signer_paras = paras[zones.body_end : zones.recipients_at] + paras[after : zones.appendix_start]
    signature = read_signature(signer_paras)
    info.authority, info.authority_body = signature.authority, signature.authority_body
    info.signer_title, info.signer_name = signature.title, signature.name
    return signature.warnings


def _find_tasks(
    roots: list[Node], tables: list[Para], year: int | None
) -> tuple[list[Task], list[ImportWarning]]:
    """A task table if the plan has one, else labelled items, else the duties of "Tổ chức thực hiện"."""
    tasks: list[Task] = []
    warnings: list[ImportWarning] = []
    for table in split_tables(tables):
        found, table_warnings = tasks_from_table(table, year)
        tasks.extend(found)
        warnings.extend(table_warnings)
    if tasks:
        return tasks, warnings + check_ordinals(tasks)
    return labelled_tasks(roots, year) or duty_tasks(roots, year), warnings


def _report_outline(appendix: list[Para]) -> list[Node]:
    """The "Đề cương báo cáo" appendix as a heading tree."""
    outline: list[Node] = []
    for block in _appendix_blocks(appendix):
        heading = [p for p in block if not is_caption(p)][:2]
        if any("de cuong" in p.folded for p in heading):
            content = [p for p in block[1:] if p.cells is None and not is_caption(p)]
            outline.extend(build_tree(content))
    return outline


def parse_lines(lines: list[str], source_format: str = "text") -> PlanDraft:
    """Parse the lines of a plan (the readers' line conventions) into a draft."""
    lines = [line if isinstance(line, str) else str(line) for line in lines]
    paras = build_paras(lines)
    if not paras:
        raise _empty()
    # Captions are not citations: the finders read the lines without them.
    masked = FoldedLines.of(_masked(lines, [p for p in paras if is_caption(p)]))
    for para in paras:
        para.share_folded_line(masked.cleaned[para.start - 1], masked.folded[para.start - 1])
    header = read_header(paras)
    info, year = header.info, header.info.year
    zones = _zones(paras, header.body_start)
    closing = zones
    attached = _attached_plan(paras, zones.body_end) if info.doc_type == "Quyết định" else None
    if attached is not None:
        # The decision's text, "Nơi nhận" and signature, then the plan it issues: the plan is the body.
        plan_at, header.body_start = attached
        recipients_at = next(
            (i for i in range(zones.body_end, plan_at) if is_recipients_line(paras[i])),
            None,
        )
        closing = _Zones(zones.body_end, plan_at, recipients_at)
        zones = _zones(paras, header.body_start)
    body = paras[header.body_start : zones.body_end]
    appendix = paras[zones.appendix_start :]

    roots = build_tree(body)
    tasks, task_warnings = _find_tasks(roots, body + appendix, year)
    genre = any(
        node.head is not None and node.kind in _HEADING_KINDS and _GENRE_HEADING.search(node.head.folded)
        for node in roots
    )
    if header.title_index is None and not genre and not tasks and not _issuing_sentence(paras):
        raise _not_a_plan()

    warnings = _read_closing(paras, closing, info)
    apply_caption(header, zones.captions)
    warnings += header.warnings + check_numbering(roots) + task_warnings

    # A document is cited by its number or its date; a law named only by its title is not tracked.
    references = [r for r in find_legal_references(masked) if r.number or r.date]
    body_lines = masked.head(paras[zones.body_end - 1].end if zones.body_end else 0)
    # "nâng cao", "cải thiện" an index without a level is no target.
    targets = [t for t in find_indicator_targets(body_lines) if t.comparator is not None]
    reports, subplans = find_obligations(_report_nodes(roots), year)

    owed = [(r.reporters, r.source) for r in reports] + [(s.units, s.source) for s in subplans]
    warnings += _agency_warnings(tasks, owed) + _year_warnings(info, tasks, references)
    if not tasks:
        warnings.append(
            ImportWarning(
                "no_tasks", "Không tìm thấy nhiệm vụ nào trong kế hoạch; cần nhập nhiệm vụ bằng tay.", None
            )
        )
    warnings.sort(key=lambda w: w.source.start if w.source else 10**9)
    themes, channels = _document_topics(roots, body)
    return PlanDraft(
        document=info,
        legal_references=references,
        sections=to_sections(roots),
        themes=themes,
        channels=channels,
        tasks=tasks,
        reporting_obligations=reports,
        report_outline=to_sections(_report_outline(appendix)),
        subplan_obligations=subplans,
        indicator_targets=targets,
        warnings=warnings,
        source_format=source_format,
        source_lines=lines,
    )
