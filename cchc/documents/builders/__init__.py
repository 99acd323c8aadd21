"""Builders: plain data in, bytes of an official .docx (Nghị định 30/2020/NĐ-CP) out.

Pure Python (python-docx, docxtpl): no Django, no models; the web app turns its models into
these inputs (``cchc.documents.context``) and stores the bytes.

- ``build_plan_docx(draft, template=None)``: a plan (``PlanDraft``) as a "KẾ HOẠCH" with its
  appendix table of tasks on landscape pages.
- ``build_report_docx(doc, template=None)``: a ``ReportDocument`` (report, aggregate, score sheet).
- ``template``: a unit's own .docx with docxtpl placeholders, rendered with the context of
  ``plan_context`` / ``report_context`` (documented in ``cchc.documents.builders.context``);
  a broken template raises ``TemplateProblem`` naming the placeholder.
"""

from __future__ import annotations

from .context import plan_context, report_context
from .data import AUTHORITIES, DocSection, DocTable, ReportDocument, TemplateProblem
from .plan import build_plan_docx
from .report import build_report_docx

__all__ = [
    "AUTHORITIES",
    "DocSection",
    "DocTable",
    "ReportDocument",
    "TemplateProblem",
    "build_plan_docx",
    "build_report_docx",
    "plan_context",
    "report_context",
]
