"""Import speed on the five sample plans: ``python -m bench.import_bench`` from the repository root.

Prints the median parse time of each sample .txt, then the same plans as .docx and as multi-page
PDFs with ruled tables (written by tests.importer.docx_from_text, converted by LibreOffice and
kept in a cache folder), then ``import_pdf_ms_max=`` and, last, ``import_ms_max=`` for the slowest
text sample. Targets: text < 20 ms, PDF < 500 ms.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2

from cchc.importer import parse_document
from tests.importer.docx_from_text import docx_from_text

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "plans"
CACHE = Path(tempfile.gettempdir()) / "cchc-import-bench"
TEXT_RUNS = 20
FILE_RUNS = 7
TEXT_TARGET_MS = 20
PDF_TARGET_MS = 500


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm up: imports, caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def pdf_of(docx: bytes, stem: str, soffice: str) -> bytes:
    """The PDF LibreOffice makes of ``docx``, cached by the .docx content."""
    CACHE.mkdir(exist_ok=True)
    key = hashlib.sha256(docx).hexdigest()[:16]
    pdf_path = CACHE / f"{stem}-{key}.pdf"
    if not pdf_path.exists():
        with tempfile.TemporaryDirectory() as work:
            source = Path(work) / f"{stem}-{key}.docx"
            source.write_bytes(docx)
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    f"-env:UserInstallation=file://{work}/profile",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(CACHE),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
    return pdf_path.read_bytes()


def main() -> None:
    samples = sorted(SAMPLES.glob("*.txt"))
    if not samples:
        raise SystemExit(f"no sample plans in {SAMPLES}")

    print(f"text (median of {TEXT_RUNS} runs):")
    text_ms = {}
    for sample in samples:
        data = sample.read_bytes()
        text_ms[sample.stem] = median_ms(functools.partial(parse_document, data, sample.name), TEXT_RUNS)
        print(f"  {sample.stem}: {text_ms[sample.stem]:.1f} ms")

    print(f"docx (median of {FILE_RUNS} runs):")
    docx_files = {sample.stem: docx_from_text(sample.read_text(encoding="utf-8")) for sample in samples}
    for stem, docx in docx_files.items():
        elapsed = median_ms(functools.partial(parse_document, docx, "plan.docx"), FILE_RUNS)
        print(f"  {stem}: {elapsed:.1f} ms")

    soffice = shutil.which("soffice")
    if soffice is None:
        print("pdf: skipped, LibreOffice (soffice) is not installed (Debian: libreoffice-writer-nogui)")
    else:
        print(f"pdf made by LibreOffice (median of {FILE_RUNS} runs):")
        pdf_ms = {}
        for stem, docx in docx_files.items():
            pdf = pdf_of(docx, stem, soffice)
            pages = len(pypdfium2.PdfDocument(pdf))
            pdf_ms[stem] = median_ms(functools.partial(parse_document, pdf, "plan.pdf"), FILE_RUNS)
            print(f"  {stem}: {pdf_ms[stem]:.1f} ms, {pages} pages")
        slowest_pdf = max(pdf_ms.values())
        print(f"# pdf target {PDF_TARGET_MS} ms: {_verdict(slowest_pdf, PDF_TARGET_MS)}")
        print(f"import_pdf_ms_max={slowest_pdf:.1f}")

    slowest = max(text_ms.values())
    print(f"# text target {TEXT_TARGET_MS} ms: {_verdict(slowest, TEXT_TARGET_MS)}")
    print(f"import_ms_max={slowest:.1f}")


def _verdict(elapsed_ms: float, target_ms: float) -> str:
    return "met" if elapsed_ms < target_ms else "MISSED"


if __name__ == "__main__":
    main()
