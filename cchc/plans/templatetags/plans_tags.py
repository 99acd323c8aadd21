from __future__ import annotations

from datetime import date

from django import template

from cchc.plans.labels import channel_labels, group_label, theme_labels
from cchc.plans.models import ReportingObligation

register = template.Library()


@register.filter
def themes(codes: list[str]) -> list[str]:
    return theme_labels(codes or [])


@register.filter
def channels(codes: list[str]) -> list[str]:
    return channel_labels(codes or [])


@register.filter
def group_name(key: str) -> str:
    return group_label(key)


@register.filter
def querystring_page(query: str, page: int) -> str:
    """The filter query string with another page number."""
    prefix = f"{query}&" if query else ""
    return f"?{prefix}page={page}"


@register.filter
def period_label(code: str) -> str:
    return str(dict(ReportingObligation.Period.choices).get(code, code))


@register.filter
def iso_vn(value: str | None) -> str:
    """ "2026-03-31" (as the importer's draft keeps dates) -> "31/03/2026"."""
    if not value:
        return ""
    try:
        return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


COMPARATORS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}


@register.filter
def comparator(value: str | None) -> str:
    return COMPARATORS.get(value or "", value or "")
