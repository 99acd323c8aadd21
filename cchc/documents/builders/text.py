"""Wording rules of Nghị định 30/2020: number line, place-date line, signature lines."""

from __future__ import annotations

import re
from datetime import date

BLANK_NUMBER = " " * 6  # room for the clerk to write the number by hand: "Số:      /KH-UBND"
BLANK_DAY = " " * 5


def number_line(number: str | None, symbol: str | None) -> str:
    """ "Số: 05/KH-UBND"; without a number "Số:      /KH-UBND"."""
    if number:
        return f"Số: {number}"
    return f"Số:{BLANK_NUMBER}/{symbol or ''}"


def date_text(issue_date: date | None, year: int | None = None) -> str:
    """ "ngày 05 tháng 02 năm 2025", "ngày 07 tháng 3 năm 2025"; blank day and month when undated.

    Days below 10 and the months 1 and 2 take a leading zero (so that "tháng 1" cannot become
    "tháng 11" by hand); the other months do not.
    """
    if issue_date is None:
        return date_words(None, None, year)
    return date_words(issue_date.day, issue_date.month, issue_date.year)


def date_words(day: int | None, month: int | None, year: int | None) -> str:
    """The date line with blanks for the parts not known yet ("ngày     tháng 12 năm 2024")."""
    day_text = f"{day:02d}" if day else BLANK_DAY.strip(" ")
    month_text = (f"{month:02d}" if month <= 2 else str(month)) if month else ""
    year_text = str(year) if year else ""
    return f"ngày{_part(day_text)}tháng{_part(month_text)}năm{_part(year_text)}".rstrip()


def _part(text: str) -> str:
    return f" {text} " if text else BLANK_DAY


_DAY = re.compile(r"ngày\s*(\d{1,2})(?!\d)", re.IGNORECASE)
_MONTH = re.compile(r"tháng\s*(\d{1,2})(?!\d)|(?<=/)(\d{1,2})(?=/)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def partial_date(text: str | None) -> tuple[int | None, int | None, int | None]:
    """Day, month, year of a date printed with blanks: "ngày /12/2024" -> (None, 12, 2024)."""
    if not text:
        return None, None, None
    day = _DAY.search(text)
    month = _MONTH.search(text)
    year = _YEAR.search(text)
    return (
        int(day.group(1)) if day else None,
        int(month.group(1) or month.group(2)) if month else None,
        int(year.group(1)) if year else None,
    )


def place_date_line(place: str | None, issue_date: date | None, year: int | None = None) -> str:
    """ "Khánh Hòa, ngày 05 tháng 02 năm 2025"."""
    text = date_text(issue_date, year)
    return f"{place}, {text}" if place else text[:1].upper() + text[1:]


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def signature_lines(authority: str | None, authority_body: str | None, signer_title: str | None) -> list[str]:
    """The capitalised lines above the signature, in the forms of Nghị định 30/2020.

    - "TM." + body: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] (for the collective body).
    - "KT." (a deputy for the head): ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]; with a body, the collective
      line comes first: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. The head's title
      is the signer's without "PHÓ ".
    - "Q." (acting head): ["Q. GIÁM ĐỐC"], under "TM. <body>" when a body is given.
    - "TL." / "TUQ." (by order, by written authorisation): ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
      ``authority_body`` being the head in whose name ("CHỦ TỊCH", "GIÁM ĐỐC").
    - no authority: [title].
    """
    authority = (authority or "").strip().upper()
    body = (authority_body or "").strip().upper()
    title = (signer_title or "").strip().upper()
    if authority and not authority.endswith("."):
        authority += "."
    lines: list[str] = []
    if authority == "TM.":
        lines = [f"TM. {body}".strip(), title]
    elif authority == "KT.":
        head = title.removeprefix("PHÓ ").strip() or title
        lines = ([f"TM. {body}"] if body else []) + [f"KT. {head}", title]
    elif authority == "Q.":
        lines = ([f"TM. {body}"] if body else []) + [f"Q. {title}".strip()]
    elif authority in ("TL.", "TUQ."):
        lines = [f"{authority} {body}".strip(), title]
    else:
        lines = [title]
    return [line for line in lines if line]
