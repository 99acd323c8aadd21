"""Wording rules of Nghị định 30/2020: number line, place-date line, signature lines."""

from __future__ import annotations

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
        shown_year = year or date.today().year
        return f"ngày{BLANK_DAY}tháng{BLANK_DAY}năm {shown_year}"
    month = f"{issue_date.month:02d}" if issue_date.month <= 2 else str(issue_date.month)
    return f"ngày {issue_date.day:02d} tháng {month} năm {issue_date.year}"


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
    """The capitalised lines above the signature, as the samples print them.

    "TM." + body: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]; a deputy signing for the chairman of a
    collective body: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] when authority is "KT."
    and a body is given; "KT."/"Q."/"TL."/"TUQ." without a body: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    where the body is then the head's title.
    """
    lines: list[str] = []
    authority = (authority or "").strip()
    body = (authority_body or "").strip()
    title = (signer_title or "").strip()
    if authority and body:
        lines.append(f"{authority} {body}")
    elif authority:
        lines.append(authority)
    if title:
        lines.append(title)
    return [line.upper() for line in lines]
