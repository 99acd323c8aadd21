"""What units owe the issuer: periodic reports and their own plans.

Both live in "Tổ chức thực hiện" (and the closing paragraph): "Định kỳ 06 tháng, năm (trước ngày
05/6 … 30/11) báo cáo … về Ủy ban nhân dân thành phố (qua Phòng Nội vụ)"; "Xây dựng và ban hành Kế
hoạch … trong quý I năm 2025 và gửi về …". Who owes it is the sentence's subject, else the agency the
item is addressed to.
"""

from __future__ import annotations

import re

from .deadlines import find_report_deadlines
from .fields import low
from .layout import Para, sentences
from .model import Agency, ReportingObligation, SubPlanObligation
from .sections import Node
from .tasks import agency_prefix, duty_agencies, find_deadline, is_closing, names_subplan
from .timeframes import parse_timeframe

_BODY_HEAD = (
    r"(?:uy ban|ubnd|so|phong|bo|van phong|ban|hoi dong|hdnd|thuong truc|chu tich|tinh uy|thanh uy"
    r"|huyen uy|trung tam|cuc|vp)(?![a-z])"
)
_RECIPIENT = re.compile(r"(?<![a-z])(?:gui(?:\s+ve)?|bao cao(?:\s+ve)?|ve)\s+(?=" + _BODY_HEAD + ")")
_RECIPIENT_END = re.compile(
    r"\s*[();]|\.(?:\s|$)|,\s*(?:de|dong thoi|truoc|dinh ky|theo|cham nhat)\b"
    r"|\s(?:de|theo|truoc|trong|ket qua|tinh hinh|qua|cham nhat|dinh ky|bang|nham|ve viec|xem xet|tong hop)(?![a-z])"
)
_VIA = re.compile(r"(?<![a-z])qua\s+(?=" + _BODY_HEAD + ")")
_VIA_END = re.compile(
    r"\s*[();,]|\.(?:\s|$)|\s(?:de|theo|truoc|trong|tong hop|va\s+(?:gui|bao cao))(?![a-z])"
)


def _phrase(text: str, folded: str, start: int, end_pattern: re.Pattern[str]) -> str:
    end = end_pattern.search(folded, start)
    return text[start : end.start() if end else len(text)].strip(" ,;:./")


def recipient_in(text: str) -> str | None:
    """Who receives: "… về Ủy ban nhân dân thành phố (qua …)" -> "Ủy ban nhân dân thành phố"."""
    folded = low(text)
    for m in _RECIPIENT.finditer(folded):
        phrase = _phrase(text, folded, m.end(), _RECIPIENT_END)
        if phrase:
            return phrase
    return None


def via_in(text: str) -> str | None:
    """Through whom: "(qua Phòng Nội vụ)" -> "Phòng Nội vụ"."""
    folded = low(text)
    m = _VIA.search(folded)
    if m is None:
        return None
    phrase = _phrase(text, folded, m.end(), _VIA_END)
    return phrase[:1].upper() + phrase[1:] if phrase else None


def _owed_by(sentence: str, context: list[Agency]) -> list[Agency]:
    named, _rest = agency_prefix(sentence)
    return named or context


def _units(node: Node, inherited: list[Agency]) -> list[Agency]:
    if node.kind in ("dash", "plus") or node.head is None:
        return inherited
    return duty_agencies(node) or inherited


def _paragraphs(nodes: list[Node], inherited: list[Agency]) -> list[tuple[str, Para, list[Agency]]]:
    """Every paragraph under ``nodes`` (headings without their marker) with the agencies it is addressed to."""
    found: list[tuple[str, Para, list[Agency]]] = []
    for node in nodes:
        context = _units(node, inherited)
        if node.head is not None:
            found.append((node.title, node.head, context))
        found.extend((para.text, para, [] if is_closing(para.text) else context) for para in node.body)
        found.extend(_paragraphs(node.children, context))
    return found


def find_obligations(
    nodes: list[Node], year: int | None
) -> tuple[list[ReportingObligation], list[SubPlanObligation]]:
    reports: list[ReportingObligation] = []
    subplans: list[SubPlanObligation] = []
    for text, para, context in _paragraphs(nodes, []):
        for sentence in sentences(text):
            folded = low(sentence)
            if "bao cao" in folded:
                deadlines = find_report_deadlines(sentence)
                reporters = _owed_by(sentence, context) if deadlines else []
                for period, deadline in deadlines:
                    reports.append(
                        ReportingObligation(
                            period=period,
                            deadline=deadline,
                            reporters=reporters,
                            recipient=recipient_in(sentence),
                            via=via_in(sentence),
                            text=sentence,
                            source=para.span,
                        )
                    )
            if names_subplan(folded):
                units = _owed_by(sentence, context)
                deadline_text = find_deadline(sentence)
                if not units:
                    continue
                due = parse_timeframe(deadline_text, year).end if deadline_text else None
                subplans.append(
                    SubPlanObligation(
                        units=units,
                        deadline_text=deadline_text,
                        due_date=due,
                        recipient=recipient_in(sentence),
                        via=via_in(sentence),
                        text=sentence,
                        source=para.span,
                    )
                )
    return reports, subplans
