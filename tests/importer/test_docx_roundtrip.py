"""A plan imported from Word, or from a PDF of it, gives what the same plan gives from its .txt.

Each sample .txt is written to a real .docx (paragraphs, ruled tables, merged group rows,
several paragraphs in a cell) and, when LibreOffice is installed, converted to a multi-page PDF
(tables broken over pages, header rows repeated, fallback-font letters drawn out of order).
Tasks, legal references and document fields must agree with the .txt; line numbers differ and
are not compared.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cchc.importer import PlanDraft, parse_document
from tests.importer.docx_from_text import docx_from_text

SAMPLES_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "plans"
SAMPLES = sorted(SAMPLES_DIR.glob("*.txt"))


def task_facts(draft: PlanDraft) -> list[dict[str, Any]]:
    return [
        {
            "ordinal": task.ordinal,
            "title": task.title,
            "lead": [dataclasses.asdict(agency) for agency in task.lead],
            "coordinating": [dataclasses.asdict(agency) for agency in task.coordinating],
            "timeframe": dataclasses.asdict(task.timeframe) if task.timeframe else None,
            "frequency": dataclasses.asdict(task.frequency) if task.frequency else None,
        }
        for task in draft.tasks
    ]


def reference_facts(draft: PlanDraft) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    return [(ref.doc_type, ref.number, ref.date, ref.issuer, ref.title) for ref in draft.legal_references]


def document_facts(draft: PlanDraft) -> dict[str, Any]:
    facts = dataclasses.asdict(draft.document)
    facts.pop("source")
    return facts


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five samples as .docx, converted to PDF by LibreOffice in one run."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice, Debian package libreoffice-writer-nogui) is not installed")
    folder = tmp_path_factory.mktemp("pdf")
    for sample in SAMPLES:
        (folder / f"{sample.stem}.docx").write_bytes(docx_from_text(sample.read_text(encoding="utf-8")))
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(folder / f"{sample.stem}.docx") for sample in SAMPLES),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder


@pytest.fixture(
    scope="module",
    params=[(sample, kind) for sample in SAMPLES for kind in ("docx", "pdf")],
    ids=lambda param: f"{param[0].stem}-{param[1]}",
)
def both(request: pytest.FixtureRequest) -> tuple[PlanDraft, PlanDraft]:
    sample, kind = request.param
    from_text = parse_document(sample.read_bytes(), sample.name)
    if kind == "docx":
        data = docx_from_text(sample.read_text(encoding="utf-8"))
    else:
        data = (request.getfixturevalue("pdf_dir") / f"{sample.stem}.pdf").read_bytes()
    from_file = parse_document(data, f"{sample.stem}.{kind}")
    assert from_file.source_format == kind
    return from_text, from_file


def test_samples_are_there() -> None:
    assert len(SAMPLES) == 5, f"expected the five sample plans in {SAMPLES_DIR}"


def test_same_tasks(both: tuple[PlanDraft, PlanDraft]) -> None:
    from_text, from_file = both
    assert task_facts(from_file) == task_facts(from_text)


def test_same_legal_references(both: tuple[PlanDraft, PlanDraft]) -> None:
    from_text, from_file = both
    assert reference_facts(from_file) == reference_facts(from_text)


def test_same_document_fields(both: tuple[PlanDraft, PlanDraft]) -> None:
    from_text, from_file = both
    assert document_facts(from_file) == document_facts(from_text)
