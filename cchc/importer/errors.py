"""The one error the importer raises: the file cannot become a plan draft."""

from __future__ import annotations

CODES = ("unsupported", "unreadable", "empty", "no_text_layer", "not_a_plan", "too_large")


class ImportFailure(Exception):
    """A file the importer refuses, with a message for the user in Vietnamese and in English.

    code: "unsupported", "unreadable", "empty", "no_text_layer", "not_a_plan" or "too_large".
    """

    def __init__(self, code: str, message_vi: str, message_en: str) -> None:
        if code not in CODES:
            raise ValueError(f"unknown import failure code: {code}")
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en
        super().__init__(f"{message_vi} / {message_en}")

    def __reduce__(self) -> tuple[type[ImportFailure], tuple[str, str, str]]:
        return (type(self), (self.code, self.message_vi, self.message_en))
