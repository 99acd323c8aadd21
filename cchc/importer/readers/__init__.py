"""Bytes of an uploaded plan -> lines of text in the importer's line conventions.

The sample .txt files are the canonical form: one paragraph per line, a table row per line with
cells separated by tabs, blank lines around tables. Word and PDF files are brought to that form.
The type is found from the content; the file name only tells Markdown from plain text.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from cchc.importer.errors import ImportFailure
from cchc.importer.readers.pdf import read_pdf
from cchc.importer.readers.word import read_docx

MAX_BYTES = 20 * 1024 * 1024
# A .docx that inflates past this is a zip bomb or not a plan.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
# C0/C1 controls other than tab; line breaks are gone once the text is split into lines.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Decoded binary shows these: control characters, private-use ones (a tenth of the BMP), specials.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ue000-\uf8ff\ufff0-\uffff]")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

ACCEPTED_VI = "Hãy tải lên tệp .docx, .pdf, .txt hoặc .md."
ACCEPTED_EN = "Upload a .docx, .pdf, .txt or .md file."


@dataclass
class SourceText:
    lines: list[str]
    format: str  # "text", "markdown", "docx" or "pdf"


def read_source(data: bytes, filename: str) -> SourceText:
    """Read a plan file; raise ImportFailure when it is not a readable document."""
    if len(data) > MAX_BYTES:
        raise ImportFailure(
            "too_large",
            f"Tệp quá lớn (hơn {MAX_BYTES // (1024 * 1024)} MB).",
            f"The file is too large (over {MAX_BYTES // (1024 * 1024)} MB).",
        )
    if not data.strip():
        raise ImportFailure("empty", "Tệp trống, không có nội dung.", "The file is empty.")

    if _is_pdf(data):
        source = SourceText(read_pdf(data), "pdf")
    elif data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        source = SourceText(_read_zip(data), "docx")
    elif data.startswith(_OLE2_MAGIC):
        raise ImportFailure(
            "unsupported",
            "Tệp Word 97-2003 (.doc) hoặc tệp Office có mật khẩu chưa được hỗ trợ; "
            "hãy mở bằng Word, bỏ mật khẩu nếu có và lưu lại dưới dạng .docx.",
            "Word 97-2003 (.doc) and password-protected Office files are not supported; "
            "open the file in Word, remove any password and save it as .docx.",
        )
    else:
        source = _read_text(data, filename)

    text = "\n".join(source.lines).replace("\ufeff", "")
    if not text.replace("\n", "").replace("\t", "").isprintable():  # controls are not printable
        text = _CONTROL.sub("", text)
    source.lines = text.split("\n")
    if not any(line.strip() for line in source.lines):
        raise ImportFailure("empty", "Tệp không có nội dung chữ.", "The file contains no text.")
    return source


def _is_pdf(data: bytes) -> bool:
    # The PDF header may follow some junk within the first 1024 bytes (PDF 1.7, annex H).
    return b"%PDF-" in data[:1024]


def _read_zip(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ImportFailure(
            "unreadable",
            "Tệp nén (.docx) bị hỏng, không đọc được.",
            "The archive (.docx) is damaged and cannot be read.",
        ) from exc
    if any(name.startswith("word/") for name in infos):
        if sum(info.file_size for info in infos.values()) > MAX_UNPACKED_BYTES:
            raise ImportFailure(
                "too_large",
                "Nội dung tệp Word quá lớn để xử lý.",
                "The Word document's content is too large to process.",
            )
        return read_docx(data)
    if any(name.startswith("xl/") for name in infos):
        raise ImportFailure(
            "unsupported",
            f"Tệp Excel không phải là văn bản kế hoạch. {ACCEPTED_VI}",
            f"An Excel workbook is not a plan document. {ACCEPTED_EN}",
        )
    if "content.xml" in infos:
        raise ImportFailure(
            "unsupported",
            "Tệp OpenDocument (.odt) chưa được hỗ trợ; hãy lưu lại dưới dạng .docx.",
            "OpenDocument (.odt) files are not supported; save the document as .docx.",
        )
    raise ImportFailure(
        "unsupported",
        f"Tệp nén này không phải là văn bản Word. {ACCEPTED_VI}",
        f"This archive is not a Word document. {ACCEPTED_EN}",
    )


def _read_text(data: bytes, filename: str) -> SourceText:
    text = _decode(data)
    if text is None:
        if _looks_like_legacy_text(data):
            raise ImportFailure(
                "unreadable",
                "Tệp văn bản không dùng bảng mã Unicode (UTF-8 hoặc UTF-16); hãy lưu lại với bảng mã UTF-8.",
                "The text file is not in a Unicode encoding (UTF-8 or UTF-16); save it as UTF-8.",
            )
        raise ImportFailure(
            "unsupported",
            f"Không nhận ra định dạng tệp. {ACCEPTED_VI}",
            f"The file type is not recognised. {ACCEPTED_EN}",
        )
    head = text.lstrip()[:200].lower()
    if head.startswith("{\\rtf"):
        raise ImportFailure(
            "unsupported",
            "Tệp RTF chưa được hỗ trợ; hãy lưu lại dưới dạng .docx.",
            "RTF files are not supported; save the document as .docx.",
        )
    if head.startswith(("<!doctype html", "<html")):
        raise ImportFailure(
            "unsupported",
            f"Trang web (HTML) không được hỗ trợ. {ACCEPTED_VI}",
            f"Web pages (HTML) are not supported. {ACCEPTED_EN}",
        )
    text = unicodedata.normalize("NFC", text)
    is_markdown = filename.lower().endswith((".md", ".markdown")) or (
        "#" in text and bool(_MARKDOWN_HEADING.search(text))
    )
    return SourceText(text.splitlines(), "markdown" if is_markdown else "text")


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) or UTF-16 (with a BOM or detectable); None when it is not text."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        encoding = "utf-32"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = _guess_utf16(data) or "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.reason not in ("unexpected end of data", "truncated data"):
            return None
        text = data[: exc.start].decode(encoding)  # a file cut inside its last character
    return text if _is_plain_text(text) else None


def _guess_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if b"\x00" not in sample:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    pairs = len(sample) // 2 or 1
    if odd_zeros > 0.3 * pairs and even_zeros < 0.05 * pairs:
        return "utf-16-le"
    if even_zeros > 0.3 * pairs and odd_zeros < 0.05 * pairs:
        return "utf-16-be"
    return None


def _is_plain_text(text: str) -> bool:
    return len(_NOT_TEXT.findall(text)) <= max(2, len(text) // 1000)


def _looks_like_legacy_text(data: bytes) -> bool:
    """Bytes that are not UTF but read like text in a single-byte code page (TCVN3, VNI, cp1258)."""
    sample = data[:65536]
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in b"\t\n\r\f")
    letters = sum(1 for byte in sample if 0x41 <= (byte | 0x20) <= 0x7A or byte == 0x20)
    return controls <= len(sample) // 1000 and letters >= len(sample) // 2
