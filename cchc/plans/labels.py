"""Vietnamese labels for the importer's codes (groups of agencies, themes, channels)."""

from __future__ import annotations

from cchc.importer.agencies import GROUPS
from cchc.importer.vocab import CHANNELS, THEMES


def group_label(key: str | None) -> str:
    if not key:
        return ""
    return GROUPS.get(key, key)


def theme_labels(codes: list[str]) -> list[str]:
    return [THEMES.get(code, code) for code in codes]


def channel_labels(codes: list[str]) -> list[str]:
    return [CHANNELS.get(code, code) for code in codes]
