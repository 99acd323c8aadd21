"""PDF from .docx through LibreOffice headless (``soffice``), when it is installed.

Each conversion runs in its own temporary directory with its own LibreOffice profile
(``-env:UserInstallation``): two conversions at the same moment would otherwise fight over the
default profile's lock and one of them would silently produce nothing. Pure Python, no Django.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE_NAMES = ("soffice", "libreoffice")


class ConversionUnavailable(Exception):
    """LibreOffice is not installed: the PDF cannot be made here; the .docx still works."""

    def __init__(self) -> None:
        self.message_vi = (
            "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; vui lòng tải bản Word (.docx)."
        )
        self.message_en = "LibreOffice (soffice) is not installed, PDF conversion is unavailable"
        super().__init__(self.message_vi)


class ConversionFailed(Exception):
    """LibreOffice ran but produced no PDF (broken file, crash, timeout)."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        self.message_vi = message_vi
        self.message_en = message_en
        super().__init__(message_vi)


def soffice_path() -> str | None:
    for name in SOFFICE_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def pdf_available() -> bool:
    """True when LibreOffice is installed, so ``docx_to_pdf`` can work."""
    return soffice_path() is not None


def docx_to_pdf(data: bytes, *, timeout: float = 60) -> bytes:
    """The PDF of a .docx; ``ConversionUnavailable`` without soffice, ``ConversionFailed`` on errors."""
    soffice = soffice_path()
    if soffice is None:
        raise ConversionUnavailable()
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            result = subprocess.run(  # a fixed command on our own temporary file
                command,
                capture_output=True,
                timeout=timeout,
                check=False,
                cwd=work,
            )
        except subprocess.TimeoutExpired as exc:
            raise ConversionFailed(
                f"Chuyển sang PDF quá {timeout:g} giây, đã dừng.",
                f"PDF conversion took longer than {timeout:g} s and was stopped",
            ) from exc
        target = work / "document.pdf"
        if result.returncode != 0 or not target.exists() or target.stat().st_size == 0:
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[:300]
            raise ConversionFailed(
                "LibreOffice không chuyển được văn bản sang PDF.",
                f"LibreOffice could not convert the document (exit {result.returncode}): {detail}",
            )
        return target.read_bytes()
