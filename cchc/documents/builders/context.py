"""The template context: what a unit's own .docx template (docxtpl) may use.

A plain dict of strings, lists and dicts, the same for a plan and a report where the field is
common. Placeholders are Jinja: ``{{ number_line }}``, ``{% for r in recipients %}- {{ r }};{% endfor %}``,
``{%tr for t in tasks %}`` for table rows (docxtpl). A name not listed here makes the template fail
with ``TemplateProblem`` naming it.

Common keys
    ``doc_type``        "Kế hoạch" / "Báo cáo"
    ``doc_type_upper``  "KẾ HOẠCH" / "BÁO CÁO"
    ``superior``        the body above the issuer ("UBND TỈNH KHÁNH HÒA"), "" when none
    ``issuer``          "ỦY BAN NHÂN DÂN THÀNH PHỐ NHA TRANG"
    ``number``          "05/KH-UBND", "" while not issued
    ``symbol``          "KH-UBND"
    ``number_line``     "Số: 05/KH-UBND" or "Số:      /KH-UBND"
    ``place``           "Nha Trang"
    ``issue_date``      ISO "2025-02-05", "" while not issued
    ``date_text``       "ngày 05 tháng 02 năm 2025" (blank day and month while not issued)
    ``place_date``      "Nha Trang, ngày 05 tháng 02 năm 2025"
    ``year``            2025 (the plan's year; for a report, the date's year), or ""
    ``title``           the subject under the document type
    ``authority``       "TM.", "KT.", "Q.", "TL.", "TUQ." or ""
    ``authority_body``  "ỦY BAN NHÂN DÂN" in "TM. ỦY BAN NHÂN DÂN", or ""
    ``signature_lines`` the capitalised lines above the signature: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    ``signer_title``    "CHỦ TỊCH"
    ``signer_name``     "Nguyễn Văn A"
    ``recipients``      ["Sở Nội vụ", ..., "Lưu: VT, NV"] (without "- " and ";")

Plan only
    ``legal_references`` list of citations as printed ("Nghị quyết số 76/NQ-CP ngày 15/7/2021 ...")
    ``sections``        list of {"marker", "title", "heading" (marker + title), "paragraphs": [str],
                        "children": [same]}
    ``tasks``           list of {"ordinal", "title", "details", "group", "lead", "coordinating",
                        "timeframe", "frequency", "product", "budget"}, all strings ("" when absent)
    ``appendix_caption`` "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 02 năm 2025 của ...)"

Report only
    ``subtitle``        a line under the title ("Kỳ báo cáo: Quý I năm 2025"), or ""
    ``sections``, ``appendices`` list of {"heading", "paragraphs": [str], "table": {"columns": [str],
                        "rows": [[str]], "caption"} or None, "children": [same]}
"""

from __future__ import annotations

from typing import Any

from cchc.importer.agencies import split_agencies
from cchc.importer.model import PlanDraft, Section, Task

from .data import DocSection, ReportDocument
from .text import (
    date_text,
    date_words,
    number_line,
    parse_iso,
    partial_date,
    place_date_line,
    signature_lines,
)


def plan_context(draft: PlanDraft) -> dict[str, Any]:
    """The template context of a plan (keys above)."""
    info = draft.document
    issue_date = parse_iso(info.issue_date)
    year = info.year or (issue_date.year if issue_date else None)
    when = plan_date_text(draft)
    doc_type = info.doc_type or "Kế hoạch"
    number = info.number or ""
    symbol = plan_symbol(draft)
    return {
        "doc_type": doc_type,
        "doc_type_upper": doc_type.upper(),
        "superior": info.superior or "",
        "issuer": info.issuer or "",
        "number": number,
        "symbol": symbol,
        "number_line": number_line(number, symbol),
        "place": info.place or "",
        "issue_date": info.issue_date or "",
        "date_text": when,
        "place_date": f"{info.place}, {when}" if info.place else when[:1].upper() + when[1:],
        "year": year or "",
        "title": info.title or "",
        "authority": info.authority or "",
        "authority_body": info.authority_body or "",
        "signature_lines": signature_lines(info.authority, info.authority_body, info.signer_title),
        "signer_title": info.signer_title or "",
        "signer_name": info.signer_name or "",
        "recipients": list(info.recipients),
        "legal_references": [ref.text for ref in draft.legal_references],
        "sections": [_section(section) for section in draft.sections],
        "tasks": [_task(task) for task in draft.tasks],
        "appendix_caption": appendix_caption(draft),
    }


def report_context(doc: ReportDocument) -> dict[str, Any]:
    """The template context of a report (keys above)."""
    symbol = f"{doc.type_code}-{doc.issuer_code}" if doc.issuer_code else doc.type_code
    year = doc.year or (doc.issue_date.year if doc.issue_date else None)
    return {
        "doc_type": doc.doc_type,
        "doc_type_upper": doc.doc_type.upper(),
        "superior": doc.superior,
        "issuer": doc.issuer,
        "number": doc.number or "",
        "symbol": symbol,
        "number_line": number_line(doc.number, symbol),
        "place": doc.place,
        "issue_date": doc.issue_date.isoformat() if doc.issue_date else "",
        "date_text": date_text(doc.issue_date, year),
        "place_date": place_date_line(doc.place, doc.issue_date, year),
        "year": year or "",
        "title": doc.title,
        "subtitle": doc.subtitle,
        "authority": doc.authority,
        "authority_body": doc.authority_body,
        "signature_lines": signature_lines(doc.authority, doc.authority_body, doc.signer_title),
        "signer_title": doc.signer_title,
        "signer_name": doc.signer_name,
        "recipients": list(doc.recipients),
        "sections": [_doc_section(section) for section in doc.sections],
        "appendices": [_doc_section(section) for section in doc.appendices],
    }


def appendix_caption(draft: PlanDraft) -> str:
    """ "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 02 năm 2025 của Ủy ban nhân dân ...)"."""
    info = draft.document
    number = info.number or f"{' ' * 6}/{plan_symbol(draft)}"
    issuer = _sentence_case(info.issuer) if info.issuer else ""
    of = f" của {issuer}" if issuer else ""
    return f"(Kèm theo {info.doc_type or 'Kế hoạch'} số {number} {plan_date_text(draft)}{of})"


def plan_symbol(draft: PlanDraft) -> str:
    """ "KH-UBND"; a plan whose symbol was never printed keeps a blank for the issuer's code
    ("KH-……"), which readers do not take for a symbol."""
    info = draft.document
    if info.symbol:
        return info.symbol
    if info.number and "/" in info.number:
        return info.number.rsplit("/", 1)[1]
    return "KH-……"


def plan_date_text(draft: PlanDraft) -> str:
    """The date line of a plan: its issue date, or what was printed with blanks ("ngày /12/2024"
    -> "ngày     tháng 12 năm 2024"), or the plan's year."""
    info = draft.document
    issue_date = parse_iso(info.issue_date)
    if issue_date is not None:
        return date_text(issue_date)
    day, month, year = partial_date(info.issue_date_text)
    return date_words(day, month, year or info.year)


def task_timeframe(task: Task) -> str:
    return task.timeframe.text if task.timeframe else ""


def task_frequency(task: Task) -> str:
    return task.frequency.text if task.frequency else ""


def agencies_text(agencies: list[Any]) -> str:
    """The agencies as printed, joined as the importer splits them (", ")."""
    return ", ".join(agency.text for agency in agencies)


def _sentence_case(issuer: str) -> str:
    """The issuer as a sentence names it: "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH" -> "Ủy ban nhân dân tỉnh
    Nam Định", "SỞ NỘI VỤ" -> "Sở Nội vụ" (the importer's canonical name); a name neither rule
    knows stays as printed rather than be guessed wrong."""
    for caps, lower in _COLLECTIVES:
        if issuer.startswith(caps):
            rest = issuer[len(caps) :].strip()
            return f"{lower} {_title_place(rest)}".strip()
    if not issuer.isupper():
        return issuer
    found = split_agencies(issuer)
    if len(found) == 1 and found[0].recognised and not found[0].is_group and not found[0].name.isupper():
        return found[0].name
    return issuer


def _title_place(rest: str) -> str:
    """ "TỈNH NAM ĐỊNH" -> "tỉnh Nam Định"; "THÀNH PHỐ PHAN RANG - THÁP CHÀM" -> "thành phố Phan Rang - Tháp Chàm"."""
    for caps, lower in _PLACE_KINDS:
        if rest.startswith(caps + " "):
            name = rest[len(caps) + 1 :]
            return f"{lower} {' '.join(word.capitalize() if word != '-' else word for word in name.split())}"
    return rest


_COLLECTIVES = (("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân"), ("UBND", "UBND"))
_PLACE_KINDS = (
    ("THÀNH PHỐ", "thành phố"),
    ("TỈNH", "tỉnh"),
    ("HUYỆN", "huyện"),
    ("THỊ XÃ", "thị xã"),
    ("QUẬN", "quận"),
    ("PHƯỜNG", "phường"),
    ("XÃ", "xã"),
)


def _section(section: Section) -> dict[str, Any]:
    return {
        "marker": section.marker,
        "title": section.title,
        "heading": " ".join(part for part in (section.marker, section.title) if part),
        "paragraphs": [line for line in section.text.split("\n") if line.strip()],
        "children": [_section(child) for child in section.children],
    }


def _task(task: Task) -> dict[str, str]:
    return {
        "ordinal": task.ordinal,
        "title": task.title,
        "details": task.details,
        "group": task.group or "",
        "lead": agencies_text(task.lead),
        "coordinating": agencies_text(task.coordinating),
        "timeframe": task_timeframe(task),
        "frequency": task_frequency(task),
        "product": task.product or "",
        "budget": task.budget or "",
    }


def _doc_section(section: DocSection) -> dict[str, Any]:
    table = section.table
    return {
        "heading": section.heading,
        "paragraphs": list(section.paragraphs),
        "table": (
            {
                "columns": list(table.columns),
                "rows": [list(row) for row in table.rows],
                "caption": table.caption,
            }
            if table
            else None
        ),
        "children": [_doc_section(child) for child in section.children],
    }
