"""A ``ReportDocument`` (report, aggregate, score sheet) as an official .docx."""

from __future__ import annotations

from .data import ReportDocument


def build_report_docx(doc: ReportDocument, *, template: bytes | None = None) -> bytes:
    """The document as a .docx in the format of Nghị định 30/2020 (or rendered into ``template``)."""
    raise NotImplementedError  # step 0: the signature; the layout follows
