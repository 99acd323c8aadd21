"""PDF through LibreOffice: a rendered plan and a report, as PDF and PNG pages for a person to look at.

The pages go to test-artifacts/documents/ (pdftoppm -png -r 60). Skipped, with the reason, only
where soffice or pdftoppm is not installed (``make office-deps`` installs them).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from cchc.documents import pdf
from cchc.documents.builders import build_plan_docx, build_report_docx
from cchc.documents.pdf import ConversionFailed, ConversionUnavailable, docx_to_pdf, pdf_available
from cchc.importer import parse_document
from tests.documents.test_builders_report import make_report

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"
SAMPLE = Path("/work/shared/samples/plans/004_3bb7fd847507d657.txt")

needs_office = pytest.mark.skipif(
    not pdf_available() or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) or pdftoppm is not installed: run `make office-deps`",
)


def _plan_docx() -> bytes:
    """Sample 004 as its issuer would send it: issuing body, number and date filled in."""
    draft = parse_document(SAMPLE.read_bytes(), SAMPLE.name)
    info = draft.document
    info.superior = None
    info.issuer = "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    info.number = "45/KH-UBND"
    info.issue_date = "2023-02-07"
    return build_plan_docx(draft)


def _pages(name: str, data: bytes) -> tuple[list[Path], str]:
    """Save the PDF, render its pages to PNG, return them with the PDF's text."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    target = ARTIFACTS / f"{name}.pdf"
    target.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(target), str(ARTIFACTS / name)], check=True)
    text = ""
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(target), "-"],
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")
    return sorted(ARTIFACTS.glob(f"{name}-*.png")), text


@needs_office
def test_plan_as_pdf_and_png() -> None:
    data = docx_to_pdf(_plan_docx())
    assert data.startswith(b"%PDF")
    pages, text = _pages("plan", data)
    assert len(pages) >= 3, "text pages and the landscape appendix"
    if text:
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        assert "Hải Phòng, ngày 07 tháng 02 năm 2023" in text
        assert "Nơi nhận:" in text
        assert "Hoàng Minh Cường" in text


@needs_office
def test_report_as_pdf_and_png() -> None:
    data = docx_to_pdf(build_report_docx(make_report()))
    pages, text = _pages("report", data)
    assert len(pages) >= 3, "the text, then the appendix over two landscape pages"
    if text:
        assert "BÁO CÁO" in text
        assert "Khánh Hòa, ngày 07 tháng 4 năm 2025" in text
        assert text.count("Tỷ lệ hoàn thành") >= 2, "the appendix header row repeats on the next page"


@needs_office
def test_two_conversions_at_once_both_succeed() -> None:
    """Each conversion has its own LibreOffice profile, so they do not block each other."""
    source = build_report_docx(make_report(appendices=[]))
    results: list[bytes | Exception] = []

    def convert() -> None:
        try:
            results.append(docx_to_pdf(source))
        except (ConversionFailed, ConversionUnavailable) as exc:
            results.append(exc)

    threads = [threading.Thread(target=convert) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2
    assert all(isinstance(result, bytes) and result.startswith(b"%PDF") for result in results), results


@needs_office
def test_a_broken_file_fails_with_a_message() -> None:
    with pytest.raises(ConversionFailed) as caught:
        docx_to_pdf(b"PK\x03\x04 this is not a document")
    assert "LibreOffice" in caught.value.message_vi


def test_without_libreoffice_the_message_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert not pdf_available()
    with pytest.raises(ConversionUnavailable) as caught:
        docx_to_pdf(b"anything")
    assert "LibreOffice" in caught.value.message_vi
    assert ".docx" in caught.value.message_vi


def test_a_conversion_that_hangs_is_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    slow = tmp_path / "soffice"
    slow.write_text("#!/bin/sh\nsleep 5\n")
    slow.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice_path", lambda: str(slow))
    with pytest.raises(ConversionFailed) as caught:
        docx_to_pdf(b"PK", timeout=0.5)
    assert "giây" in caught.value.message_vi
