"""Legal documents a plan cites: "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành ..."."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from .layout import parse_marker
from .model import LegalReference, SourceSpan
from .text import FoldedLines, make_date

DOC_TYPES: dict[str, str] = {
    "chuong trinh hanh dong": "Chương trình hành động",
    "chuong trinh": "Chương trình",
    "nghi quyet lien tich": "Nghị quyết liên tịch",
    "nghi quyet": "Nghị quyết",
    "nghi dinh": "Nghị định",
    "quyet dinh": "Quyết định",
    "chi thi": "Chỉ thị",
    "thong tu lien tich": "Thông tư liên tịch",
    "thong tu": "Thông tư",
    "ke hoach": "Kế hoạch",
    "thong bao ket luan": "Thông báo kết luận",
    "ket luan": "Kết luận",
    "de an": "Đề án",
    "cong van": "Công văn",
    "cong dien": "Công điện",
    "thong bao": "Thông báo",
    "huong dan": "Hướng dẫn",
    "quy dinh": "Quy định",
    "quy che": "Quy chế",
    "van ban": "Văn bản",
    "bo luat": "Bộ luật",
    "luat": "Luật",
    "phap lenh": "Pháp lệnh",
}
# Short forms, accepted only when a number follows ("QĐ 1291/QĐ-UBND").
_SHORT_TYPES: dict[str, str] = {
    "nq": "Nghị quyết",
    "nd": "Nghị định",
    "qd": "Quyết định",
    "ct": "Chỉ thị",
    "tt": "Thông tư",
    "kh": "Kế hoạch",
    "kl": "Kết luận",
    "cv": "Công văn",
    "tb": "Thông báo",
    "hd": "Hướng dẫn",
}
# Symbol parts of state documents (Nghị định 30/2020, Phụ lục III): type code + issuer code.
_TYPE_CODES = (
    "NQLT",
    "TTLT",
    "QyĐ",
    "CTr",
    "TTr",
    "NQ",
    "NĐ",
    "QĐ",
    "CT",
    "TT",
    "KH",
    "KL",
    "TB",
    "HD",
    "BC",
    "CĐ",
    "QC",
    "ĐA",
    "GM",
)
_ISSUER_CODES = (
    "UBTVQH",
    "UBND",
    "HĐND",
    "VPCP",
    "BTTTT",
    "BKHĐT",
    "BKHCN",
    "BVHTTDL",
    "BGDĐT",
    "BLĐTBXH",
    "BNNPTNT",
    "BTNMT",
    "BGTVT",
    "BNV",
    "BTC",
    "BCT",
    "BYT",
    "BTP",
    "BCA",
    "BQP",
    "BXD",
    "TTg",
    "CP",
    "QH",
    "TW",
    "TU",
    "HU",
    "ĐU",
)


def _prefix_tree(words: list[str]) -> str:
    """An alternation of ``words`` as a prefix tree ("thong (?:bao(?: ket luan)?|tu(?: lien tich)?)"), a
    longer word tried before its prefix. It matches what the flat alternation does, longest first, but
    the regex engine tries a few branches at each position instead of all the words (a quarter faster)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        alternation = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{alternation})?" if "" in node else alternation

    return pattern(tree)


_LONG_RE = "|".join(re.escape(k) for k in sorted(DOC_TYPES, key=len, reverse=True))
_DOC = re.compile(
    rf"(?<![a-z0-9/\-])(?:({_prefix_tree(list(DOC_TYPES))})|({_prefix_tree(list(_SHORT_TYPES))})"
    r"(?=\s*(?:so\s*:?\s*)?\d))(?![a-z])"
)
_NUMBER_LEAD = re.compile(r"\s*(?:so\s*:?\s*)?")
_PARTY_NUMBER = re.compile(r"(\d{1,5})\s*[-–]\s*([a-z]{1,6})\s*/\s*([a-z]{1,6}\d{0,2})(?![a-z0-9])")
_STATE_NUMBER = re.compile(
    r"(\d{1,5})\s*(?:/\s*(\d{4})\s*)?/\s*([a-z][a-z0-9]*(?:(?:\s?[-–]\s?|&)[a-z][a-z0-9]*)*)(?![a-z0-9])"
)
_BLANK_NUMBER = re.compile(r"[\s._…]*/\s*([a-z]{1,6}(?:\s?[-–]\s?[a-z]{1,8})+)(?![a-z0-9])")
_DATE = re.compile(
    r"\s*,?\s*(?:ban hanh\s+)?ngay\s*(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
    r"|(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4}))"
)
_ISSUER_LEAD = re.compile(r"\s*,?\s*cua\s+")
_ISSUER_STOP = re.compile(
    r"\s+(?:ve|ban hanh|phe duyet|quy dinh|sua doi|thuc hien|trien khai|huong dan|tang cuong|day manh"
    r"|mot so|nham|tai|theo|gan|trong|tren|tiep tuc|xay dung|phat trien|ket luan|thong qua|duoc)(?![a-z])"
    r"|\s+va\s+(?=(?:" + _LONG_RE + r")(?![a-z]))|\s*[;,().:“”\"']|\s*$"
)
_PARENTHETICAL = re.compile(r"\s*\([^()]{0,30}\)")
_TITLE_LEAD = re.compile(
    r"\s*,?\s*(?=(?:ve|ban hanh|phe duyet|quy dinh|sua doi|thuc hien|trien khai|huong dan|tang cuong|day manh"
    r"|mot so|tiep tuc|ve viec|thanh lap|to chuc|xay dung|phat trien)(?![a-z]))"
)
_TITLE_STOP = re.compile(
    r"\s*;|:(?=\s|$)|\.(?=\s+[A-ZĐa-z]|\s*$)|…|\.\.\.|(?:,|\s+va)\s+(?=(?:" + _LONG_RE + r")\s+(?:so\b|\d))"
    r"|,\s+(?=(?:trong do|dong thoi|ubnd|uy ban nhan dan|chu tich)\s)"
)
_LAW_NAME = re.compile(
    r"\s+([^\s,;()]+(?:\s[^\s,;()]+){0,13}?)(?=\s+nam\s+\d{4}|\s+ngay\s|\s*[,;()]|\s+va\s|\s*\.|\s*$)"
)
_ADOPTED_IN = re.compile(
    r"((?:ke hoach|chuong trinh|quy che|quy dinh|de an)\s[^;]{3,200}?)\s+(?:duoc\s+)?ban hanh\s+(?:tai|kem theo)\s*$"
)
_TITLE_MAX = 300
_DIGIT = re.compile(r"\d")


def _symbol(original: str) -> str:
    return re.sub(r"\s+", "", original).replace("–", "-")


def _hyphenate(symbol: str) -> str:
    """Insert the hyphen ("NQCP" -> "NQ-CP") only when the symbol is a known type code + issuer code."""
    if "-" in symbol:
        return symbol
    for code in _TYPE_CODES:
        if symbol.startswith(code) and symbol[len(code) :] in _ISSUER_CODES:
            return f"{code}-{symbol[len(code) :]}"
    return symbol


def _iso(groups: tuple[str | None, ...]) -> str | None:
    day, month, year = (groups[0], groups[1], groups[2]) if groups[0] else (groups[3], groups[4], groups[5])
    if not (day and month and year):
        return None
    return make_date(int(year), int(month), int(day))


def _cut_title(original: str, folded: str, start: int) -> int:
    stop = _TITLE_STOP.search(folded, start)
    end = stop.start() if stop else len(folded)
    if end - start > _TITLE_MAX:
        end = original.rfind(" ", start, start + _TITLE_MAX)
    return end


def _reference_at(original: str, folded: str, m: re.Match[str]) -> tuple[LegalReference, int] | None:
    long_type, short_type = m.group(1), m.group(2)
    doc_type = DOC_TYPES[long_type] if long_type else _SHORT_TYPES[short_type]
    pos = m.end()
    number: str | None = None
    has_number = False
    lead = _NUMBER_LEAD.match(folded, pos)
    at = lead.end() if lead else pos
    party = _PARTY_NUMBER.match(folded, at)
    state = _STATE_NUMBER.match(folded, at)
    blank = _BLANK_NUMBER.match(folded, at) if "so" in folded[pos:at] else None
    if party:
        number = f"{party.group(1)}-{_symbol(original[party.start(2) : party.end(2)])}/"
        number += _symbol(original[party.start(3) : party.end(3)])
        pos, has_number = party.end(), True
    elif state:
        symbol = _hyphenate(_symbol(original[state.start(3) : state.end(3)]))
        year = f"/{state.group(2)}" if state.group(2) else ""
        number = f"{state.group(1)}{year}/{symbol}"
        pos, has_number = state.end(), True
    elif blank:
        pos, has_number = blank.end(), True
    elif short_type:
        return None
    date_match = _DATE.match(folded, pos)
    date = _iso(date_match.groups()) if date_match else None
    if date_match:
        pos = date_match.end()
    title: str | None = None
    if doc_type in ("Luật", "Bộ luật") and not has_number:
        name = _LAW_NAME.match(folded, pos)
        if not name or not original[name.start(1)].isupper():
            return None
        tail = re.match(r"\s+nam\s+\d{4}", folded[name.end() :])
        end = name.end() + (tail.end() if tail else 0)
        title = original[name.start(1) : end].strip()
        if not tail and not date:
            later = _DATE.match(folded, end)
            if not later:
                return None
            date, end = _iso(later.groups()), later.end()
        pos = end
    elif not has_number and not date:
        return None
    issuer: str | None = None
    lead_issuer = _ISSUER_LEAD.match(folded, pos)
    if lead_issuer:
        stop = _ISSUER_STOP.search(folded, lead_issuer.end())
        end = stop.start() if stop else len(folded)
        if 0 < end - lead_issuer.end() <= 90:
            issuer = original[lead_issuer.end() : end].strip()
            pos = end
            paren = _PARENTHETICAL.match(folded, pos)
            if paren:
                pos = paren.end()
    if title is None:
        lead_title = _TITLE_LEAD.match(folded, pos)
        if lead_title:
            end = _cut_title(original, folded, lead_title.end())
            title = original[lead_title.end() : end].strip(" ,") or None
            pos = max(pos, end)
    text = original[m.start() : pos].strip(" ,;.")
    return (
        LegalReference(
            doc_type=doc_type,
            number=number,
            date=date,
            issuer=issuer,
            title=title,
            text=text,
            source=SourceSpan(0, 0),
        ),
        m.end(),
    )


def _adopted_title(original: str, folded: str, start: int) -> str | None:
    """The subject printed before the citation: "Kế hoạch ... ban hành tại Quyết định số ..."."""
    clause_start = max(folded.rfind(";", 0, start), folded.rfind(". ", 0, start)) + 1
    m = _ADOPTED_IN.search(folded, clause_start, start)
    if not m:
        return None
    return original[m.start(1) : m.end(1)].strip()


def _key(ref: LegalReference) -> tuple[str | None, ...]:
    if ref.number:
        return (ref.doc_type, ref.number)
    return (ref.doc_type, ref.date, ref.title)


# A citation cut after a word that needs what follows: "… ngày 15/7/2021 của" / "Chính phủ …",
# "Quyết định số" / "1291/QĐ-UBND …", "… 76/NQ-CP ngày" / "15/7/2021 …", "… ngày 21 tháng" / "02 năm
# 2025 …" ("chuyển đổi số", "hằng ngày" end a phrase and are not cut).
_DANGLING = re.compile(
    r"\d[^\s]*(?:\s+\S+){0,12}\s+(?:cua|va|ve|tai|theo|ban hanh)$"
    rf"|\d[^\s]*\s+ngay$|(?<![a-z])(?:{_LONG_RE})\s+so$"
    r"|\d[^\s]*\s+ngay\s+\d{1,2}\s+thang(?:\s+\d{1,2}\s+nam)?$"
)

_DANGLING_WORDS = frozenset({"cua", "va", "ve", "tai", "theo", "hanh", "ngay", "so", "thang", "nam"})


def _continues(previous_folded: str, cleaned: str) -> bool:
    """The next line carries on the same item: the item has no closing punctuation, the line opens no new
    item (list marker, heading), and it starts in lowercase (a page break cut a sentence) or a citation
    stopped on a word that needs the next one."""
    if previous_folded[-1:] in ".!?;:" or cleaned[:1] == "#":
        return False
    lowercase = cleaned[:1].islower()
    if not lowercase and previous_folded[previous_folded.rfind(" ") + 1 :] not in _DANGLING_WORDS:
        return False  # most lines: tested without the regex
    if parse_marker(cleaned) is not None:
        return False
    return lowercase or bool(_DANGLING.search(previous_folded[-200:]))


def _paragraphs(text: FoldedLines) -> Iterator[tuple[str, str, list[int], list[int]]]:
    """Lines joined into the items they belong to (blank lines skipped): (text, folded, offset where each
    line starts, its 1-based line number). Folded lines keep their length, so offsets are shared."""
    cleaned, folded = text.cleaned, text.folded
    count = len(cleaned)
    index = 0
    while index < count:
        if not cleaned[index]:
            index += 1
            continue
        group = [index]
        following = index + 1
        while following < count:
            if not cleaned[following]:
                following += 1
            elif _continues(folded[group[-1]], cleaned[following]):
                group.append(following)
                following += 1
            else:
                break
        if len(group) == 1:  # most items are one line
            yield cleaned[index], folded[index], [0], [index + 1]
        else:
            starts = [0]
            for number in group[:-1]:
                starts.append(starts[-1] + len(cleaned[number]) + 1)
            yield (
                " ".join(cleaned[n] for n in group),
                " ".join(folded[n] for n in group),
                starts,
                [n + 1 for n in group],
            )
        index = following


def find_legal_references(lines: Sequence[str] | FoldedLines) -> list[LegalReference]:
    """Every cited document with a number or a date (laws also by name and year), in order, deduplicated.

    Citations are read per item, not per line: a citation cut across lines ("… của Chính" / "phủ về …")
    comes back whole, and its source spans the lines it was printed on."""
    text = lines if isinstance(lines, FoldedLines) else FoldedLines.of(lines)
    found: dict[tuple[str | None, ...], LegalReference] = {}
    for original, folded, starts, numbers in _paragraphs(text):
        if not _DIGIT.search(original):  # a citation has a number or a date
            continue
        previous: LegalReference | None = None
        previous_end = -1
        for m in _DOC.finditer(folded):
            result = _reference_at(original, folded, m)
            if result is None:
                continue
            ref, _end = result
            first = numbers[bisect_right(starts, m.start()) - 1]
            last = numbers[bisect_right(starts, max(m.start(), m.start() + len(ref.text) - 1)) - 1]
            ref.source = SourceSpan(first, last)
            if ref.title is None:
                ref.title = _adopted_title(original, folded, m.start())
            joined = previous is not None and re.fullmatch(r"\s*va\s*", folded[previous_end : m.start()])
            if joined and previous is not None and previous.issuer is None and ref.issuer:
                previous.issuer = ref.issuer
            previous, previous_end = ref, m.start() + len(ref.text)
            key = _key(ref)
            if key in found:
                kept = found[key]
                kept.date = kept.date or ref.date
                kept.issuer = kept.issuer or ref.issuer
                kept.title = kept.title or ref.title
            else:
                found[key] = ref
    return list(found.values())
