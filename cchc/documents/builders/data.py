"""Plain input data for the builders: dataclasses, no Django, no models.

A plan comes in as the importer's ``PlanDraft`` (``cchc.importer.model``); everything else that
becomes an official document (a report, an aggregate, a score sheet) comes in as a
``ReportDocument``: the header fields of Nghị định 30/2020, sections of text and tables, landscape
appendices, the signature block and "Nơi nhận".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


class TemplateProblem(Exception):
    """A unit's own .docx template cannot be rendered.

    Raised for an undefined placeholder, a Jinja syntax error, or a file that is not a .docx.
    ``message_vi`` names the bad placeholder for the user ("Mẫu văn bản có trường không hợp lệ:
    {{ so_hieu_sai }}"); the standard layout (``template=None``) still works.
    """

    def __init__(self, message_vi: str, *, placeholder: str | None = None) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.placeholder = placeholder


@dataclass
class DocTable:
    """A real Word table: a header row (repeated on every page) and rows of text.

    ``widths_cm``: one width per column, or None to share the text width. ``landscape``: the
    table is placed on landscape pages (appendix tables always are). ``caption``: an italic line
    above the table.
    """

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    widths_cm: list[float] | None = None
    landscape: bool = False
    caption: str = ""


@dataclass
class DocSection:
    """A heading with its paragraphs, an optional table and sub-sections.

    The heading carries its own numbering as printed ("I. KẾT QUẢ", "1. Công tác chỉ đạo");
    the builders add none.
    """

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: DocTable | None = None
    children: list[DocSection] = field(default_factory=list)


@dataclass
class ReportDocument:
    """A generic official document: reports, aggregates, score sheets.

    ``number`` is the full number and symbol ("12/BC-UBND") or None while not yet issued (the
    header then reads "Số:      /BC-<issuer code>" with ``type_code``). ``issue_date`` None leaves
    day and month blank. ``authority`` is one of ``AUTHORITIES`` or "" (the signer signs in his
    own name); with "TM." ``authority_body`` is the collective ("ỦY BAN NHÂN DÂN").
    ``appendices`` are placed on landscape pages after the signature block.
    """

    title: str
    issuer: str
    doc_type: str = "Báo cáo"
    type_code: str = "BC"
    superior: str = ""
    issuer_code: str = "UBND"  # the part after the type code in the symbol: BC-UBND, BC-SNV
    number: str | None = None
    place: str = ""
    issue_date: date | None = None
    year: int | None = None  # for the blank date line; defaults to the issue date's year or today's
    subtitle: str = ""
    sections: list[DocSection] = field(default_factory=list)
    appendices: list[DocSection] = field(default_factory=list)
    signer_name: str = ""
    signer_title: str = ""
    authority: str = ""
    authority_body: str = ""
    recipients: list[str] = field(default_factory=list)
