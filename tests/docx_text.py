"""The words of a .docx as a reader sees them: paragraphs, then every table cell."""

from __future__ import annotations

from io import BytesIO

from docx import Document


def docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
