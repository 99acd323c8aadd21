from __future__ import annotations

import io
import zipfile

import pytest

from cchc.activities.evidence import check_file, sniff
from cchc.core.errors import DomainError

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
PDF = b"%PDF-1.7\n" + b"\x00" * 32


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def _check(name: str, data: bytes):
    return check_file(io.BytesIO(data), name, len(data))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (JPEG, "jpeg"),
        (b"\x89PNG\r\n\x1a\n0000", "png"),
        (b"GIF89a0000", "gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (PDF, "pdf"),
        (_zip("[Content_Types].xml", "word/document.xml"), "docx"),
        (_zip("xl/workbook.xml"), "xlsx"),
        (_zip("other.txt"), None),
        (b"MZ\x90\x00 this is an exe", None),
        (b"hello", None),
    ],
)
def test_sniff_recognises_kinds_by_content(data, kind) -> None:
    assert sniff(io.BytesIO(data)) == kind


def test_matching_extension_is_accepted_with_detected_type() -> None:
    checked = _check("bao-cao.docx", _zip("word/document.xml"))

    assert checked.content_type.endswith("wordprocessingml.document")
    assert _check("ANH.JPG", JPEG).content_type == "image/jpeg"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh.jpg", b"just some text, not a photo"),
        ("anh.jpg", b"MZ\x90\x00\x03\x00\x00\x00 windows exe"),
        ("tai-lieu.pdf", _zip("word/document.xml")),
        ("tai-lieu.pdf", _zip("a.txt")),
        ("anh.png", JPEG),
        ("van-ban.docx", PDF),
    ],
)
def test_forged_extension_is_refused(name, data) -> None:
    with pytest.raises(DomainError, match="không đúng với phần mở rộng"):
        _check(name, data)


def test_unknown_extension_is_refused() -> None:
    with pytest.raises(DomainError, match="không được chấp nhận"):
        _check("virus.exe", b"MZ\x90\x00")


def test_oversize_file_is_refused(settings) -> None:
    settings.ACTIVITY_EVIDENCE_MAX_BYTES = 100

    with pytest.raises(DomainError, match="quá lớn"):
        _check("anh.jpg", JPEG + b"\x00" * 100)
    assert _check("anh.jpg", JPEG).size == len(JPEG)
