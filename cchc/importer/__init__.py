"""Plan documents (.docx, .pdf, .txt, .md) -> PlanDraft: pure Python, no Django."""

from __future__ import annotations

from .errors import ImportFailure
from .model import PlanDraft
from .parser import parse_document, parse_lines

__all__ = ["ImportFailure", "PlanDraft", "parse_document", "parse_lines"]
