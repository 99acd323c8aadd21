"""A plan (``PlanDraft``) as an official "KẾ HOẠCH" .docx."""

from __future__ import annotations

from cchc.importer.model import PlanDraft


def build_plan_docx(draft: PlanDraft, *, template: bytes | None = None) -> bytes:
    """The plan as a .docx in the format of Nghị định 30/2020 (or rendered into ``template``)."""
    raise NotImplementedError  # step 0: the signature; the layout follows
