"""Vietnamese text helpers shared by the apps.

``fold`` (lower case, no diacritics, "đ" -> "d") is the importer's, so that matching an agency name in
a document and searching for a unit compare text the same way.
"""

from __future__ import annotations

from cchc.importer.text import fold

__all__ = ["fold"]
