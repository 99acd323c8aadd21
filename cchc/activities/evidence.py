"""Evidence files are checked by what they contain, not by what they are called."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from cchc.core.errors import DomainError

# Detected kind -> (content type, extensions that may carry it).
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "png": ("image/png", (".png",)),
    "gif": ("image/gif", (".gif",)),
    "webp": ("image/webp", (".webp",)),
    "pdf": ("application/pdf", (".pdf",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    # Word 97-2003: an OLE compound file, which Excel 97-2003 shares.
    "ole": ("application/msword", (".doc", ".xls")),
}
ALLOWED_EXTENSIONS = sorted({ext for _type, exts in KINDS.values() for ext in exts})


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    original_name: str


def max_bytes() -> int:
    return settings.ACTIVITY_EVIDENCE_MAX_BYTES


def _zip_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def sniff(stream: IO[bytes]) -> str | None:
    """The kind of file ``stream`` holds, from its first bytes (and a zip's member names), or None."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    kind: str | None = None
    if head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        kind = "gif"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = "webp"
    elif head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        kind = "ole"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(stream)
        stream.seek(0)
    return kind


def check_file(stream: IO[bytes], name: str, size: int) -> CheckedFile:
    """Refuse (DomainError) a file that is too large, of a kind not accepted, or whose extension lies."""
    original_name = PurePath(name).name[:255]
    limit = max_bytes()
    if size > limit:
        raise DomainError(
            _("Tệp “%(name)s” quá lớn (%(size)s); dung lượng tối đa là %(limit)s.")
            % {"name": original_name, "size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    if size == 0:
        raise DomainError(_("Tệp “%(name)s” rỗng.") % {"name": original_name})
    extension = PurePath(original_name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise DomainError(
            _("Tệp “%(name)s” không được chấp nhận; chỉ nhận ảnh (JPG, PNG, GIF, WebP), PDF, Word, Excel.")
            % {"name": original_name}
        )
    kind = sniff(stream)
    if kind is None or extension not in KINDS[kind][1]:
        raise DomainError(
            _("Nội dung tệp “%(name)s” không đúng với phần mở rộng %(ext)s; tệp bị từ chối.")
            % {"name": original_name, "ext": extension}
        )
    content_type = KINDS[kind][0]
    if kind == "ole" and extension == ".xls":
        content_type = "application/vnd.ms-excel"
    return CheckedFile(content_type=content_type, size=size, original_name=original_name)
