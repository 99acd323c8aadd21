"""Vietnamese text helpers shared by the apps (pure functions)."""

from __future__ import annotations

from cchc.importer.text import fold

__all__ = ["fold", "format_date_vn"]


def format_date_vn(day) -> str:
    """"ngày 07 tháng 3 năm 2025": Nghị định 30/2020 pads days below 10 and months 1–2 only."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
