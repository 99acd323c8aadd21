"""The document's own facts: number and symbol, issuer, place and date, title and year, signer, recipients.

Nghị định 30/2020 fixes where they stand: issuer and "Số:" top left, place-date top right,
"KẾ HOẠCH" and the subject, then after the text "Nơi nhận" and the signature block
(TM./KT./Q./TL./TUQ., title, name). Appendices repeat the number and date in their caption
"(Kèm theo Kế hoạch số …/KH-UBND ngày … của …)", which is all some drafts print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Para, is_upper, parse_marker
from .model import DocumentInfo, ImportWarning, SourceSpan
from .text import fold_same_length, nfc, parse_date

_MOTTO = re.compile(
    r"C[ỘO]NG\s+H(?:[ÒO]A|OÀ)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
    r"|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc",
    re.IGNORECASE,
)
_DECORATION = re.compile(r"^[\s\-–—_=.*~o0O]*$")
_SYMBOL = r"(?P<sym>[a-z][a-z0-9]*(?:(?:\s?[-–]\s?|&)[a-z0-9]+)+)"
_NUMBER = re.compile(
    r"(?:^|\s(?=so\s*:))so\s*:?\s*(?P<num>\d{0,5})\s*[._…]*\s*(?:/\s*(?P<year>(?:19|20)\d{2})\s*)?/\s*"
    + _SYMBOL
)
_CAPTION = re.compile(r"^\(?\s*(?:ban hanh\s+)?kem\s+theo\b")
_CAPTION_NUMBER = re.compile(
    r"kem\s+theo\s+ke\s+hoach(?:\s+so)?\s*:?\s*(?P<num>\d{0,5})\s*[._…]*\s*/\s*" + _SYMBOL
)
_DATE_TEXT = re.compile(r"ngay\b[\s\d./…_-]*(?:thang\b[\s\d./…_-]*(?:nam\b[\s\d./…_-]*)?)?")
_PLACE_DATE = re.compile(r"^\s*([^\W\d_][^,;:()\d]{1,60}?)\s*,\s*(ngay\b.*)$")
_YEAR_IN_TITLE = re.compile(r"nam\s+((?:19|20)\d{2})(?!\d)")
_LONE_YEAR = re.compile(r"(?<![\d/.\-–])((?:19|20)\d{2})(?![\d/.\-–]|\s*[-–]\s*\d)")
_ISSUES_PLAN = re.compile(r"\b(?:ban hanh|phe duyet)\s+ke\s+hoach\b\s*")
_ARTICLE = re.compile(r"dieu\s+\d")
_WHOLE_CELL = re.compile(r"\bngay\b.*\bthang\b|^so\s*:")
_LOCALITY_LINE = re.compile(r"^(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa|thi tran|xa|phuong|dac khu)\b")
_BODY_OPENER = re.compile(r"^(?:can cu|thuc hien|nham|de |trien khai|theo |tiep tuc|qua |xuat phat)")
_AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\s*\.\s*(.*)$")
_SIGNED = re.compile(r"^[(\[]?\s*(?:da ky|ky ten|signature|chu ky)", re.IGNORECASE)
_INITIALS = re.compile(r"^[A-ZĐ]{1,4}\.?$")
_TYPIST = re.compile(r"\.\s+[A-ZĐ]{1,4}$")

KNOWN_TITLES: tuple[str, ...] = (
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "PHÓ CHÁNH VĂN PHÒNG",
    "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "CỤC TRƯỞNG",
    "PHÓ CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "PHÓ VỤ TRƯỞNG",
    "CHÁNH THANH TRA",
    "BÍ THƯ",
    "PHÓ BÍ THƯ",
    "HIỆU TRƯỞNG",
    "TỔNG GIÁM ĐỐC",
)
_HEADER_REACH = 30  # paragraphs
_AUTHORITY_OPENERS = tuple(
    fold_same_length(nfc(t)).lower() for t in (*KNOWN_TITLES, "ỦY BAN NHÂN DÂN", "UBND", "BAN CHỈ ĐẠO")
)

_KNOWN_FOLDED = {fold_same_length(nfc(t)).lower(): t for t in KNOWN_TITLES}


def folded(text: str) -> str:
    """Fold keeping offsets: slices of the result are slices of ``text`` (NFC)."""
    return fold_same_length(text)


def is_title_line(para: Para) -> bool:
    """The "KẾ HOẠCH" line: capitals, at the start of the line."""
    return (
        para.cells is None
        and para.text[:1] == "K"
        and para.head.startswith("ke hoach")
        and is_upper(para.text[:8])
    )


def is_caption(para: Para) -> bool:
    return (
        para.cells is None
        and "theo" in para.text[:40].lower()
        and bool(_CAPTION.match(para.head.lstrip("*( ")))
    )


def is_decoration(text: str) -> bool:
    return bool(_DECORATION.match(text))


@dataclass
class Header:
    info: DocumentInfo
    title_index: int | None  # paragraph index of the "KẾ HOẠCH" line
    body_start: int  # first paragraph index of the text
    warnings: list[ImportWarning] = field(default_factory=list)


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def title_block(paras: list[Para], title_index: int) -> tuple[str | None, int, int]:
    """The subject under "KẾ HOẠCH": (title, last line, index of the first body paragraph)."""
    head = paras[title_index]
    rest = head.text[8:].strip(" :-–")
    index = title_index + 1
    if rest:
        return rest, head.end, index
    while index < len(paras) and is_decoration(paras[index].text):
        index += 1
    if index >= len(paras):
        return None, head.end, index
    first = paras[index]
    if first.cells is not None or parse_marker(first.text) is not None:
        return None, head.end, index
    # A subject may open like the text ("TRIỂN KHAI THỰC HIỆN …"); the text is never in capitals.
    opens_text = _BODY_OPENER.match(first.head) and not is_upper(first.text)
    if opens_text or len(first.text) > 400 or is_caption(first):
        return None, head.end, index
    title, end = first.text, first.end
    index += 1
    while (
        index < len(paras)
        and is_upper(title)
        and paras[index].cells is None
        and is_upper(paras[index].text)
        and len(paras[index].text) < 200
        and parse_marker(paras[index].text) is None
    ):
        title, end = f"{title} {paras[index].text}", paras[index].end
        index += 1
    return title, end, index


def is_decision_line(para: Para) -> bool:
    """The "QUYẾT ĐỊNH" title of a decision (not the "QUYẾT ĐỊNH:" that opens its articles)."""
    if para.cells is not None or para.text[:1] != "Q" or not para.head.startswith("quyet dinh"):
        return False
    rest = para.text[10:].strip()
    # A web copy may print the word alone in small letters ("Quyết định").
    return not rest.startswith(":") and (is_upper(para.text[:10]) or not rest)


def _is_authority_line(para: Para) -> bool:
    """The line naming who decides, under a decision's subject ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …")."""
    return para.head.startswith(_AUTHORITY_OPENERS)


def _decision_block(paras: list[Para], index: int) -> tuple[str | None, int, int] | None:
    """A decision that issues a plan ("QUYẾT ĐỊNH Ban hành Kế hoạch …"): (the plan's subject, last
    line, index of the first body paragraph); None when the decision issues no plan."""
    head = paras[index]
    subject, end = head.text[10:].strip(" :-–"), head.end
    index += 1
    while index < len(paras) and not subject and is_decoration(paras[index].text):
        index += 1
    while index < len(paras) and index <= _HEADER_REACH:
        para = paras[index]
        if para.cells is not None or parse_marker(para.text) is not None or _is_authority_line(para):
            break
        if subject and not (is_upper(subject) and is_upper(para.text)):
            break
        if len(para.text) > 300 or (_BODY_OPENER.match(para.head) and not is_upper(para.text)):
            break
        if _ARTICLE.match(para.head):
            break
        subject, end = f"{subject} {para.text}".strip(), para.end
        index += 1
    low = folded(nfc(subject)).lower()
    m = _ISSUES_PLAN.search(low)
    if m is None:
        return None
    title = nfc(subject)[m.end() :].strip(" :-–.")
    return title or None, end, index


def plan_year(title: str | None) -> int | None:
    """The year the plan covers, from its subject ("… năm 2025"); a span of years gives None."""
    if not title:
        return None
    text = folded(nfc(title)).lower()
    years = _YEAR_IN_TITLE.findall(text)
    if years:
        return int(years[-1])
    lone = _LONE_YEAR.findall(text)
    return int(lone[-1]) if len(lone) == 1 else None


def _number_from(text: str, pattern: re.Pattern[str]) -> tuple[str | None, str, str, str] | None:
    """(number or None when blank, symbol, text after the symbol, text before the number) from
    "Số: 82/KH-UBND" or a caption."""
    low = folded(text).lower()
    m = pattern.search(low)
    if m is None:
        return None
    symbol = re.sub(r"\s+", "", text[m.start("sym") : m.end("sym")]).replace("–", "-")
    digits = m.group("num")
    year = m.groupdict().get("year")
    if not digits:
        return None, symbol, text[m.end() :], text[: m.start()]
    number = f"{digits}/{year}/{symbol}" if year else f"{digits}/{symbol}"
    return number, symbol, text[m.end() :], text[: m.start()]


def _date_text(text: str) -> str | None:
    low = folded(text).lower()
    m = _DATE_TEXT.search(low)
    if m is None:
        return None
    return text[m.start() : m.end()].strip(" ,.;)")


def _read_place_date(text: str, info: DocumentInfo) -> bool:
    """ "Phan Rang - Tháp Chàm, ngày 7 tháng 3 năm 2025" (or the date alone) into the document info."""
    low = folded(nfc(text)).lower()
    place_date = _PLACE_DATE.search(low)
    if place_date:
        info.place = text[place_date.start(1) : place_date.end(1)].strip()
        info.issue_date_text = text[place_date.start(2) :].strip(" .")
    elif low.startswith("ngay") and "thang" in low:
        info.issue_date_text = text.strip(" .")
    else:
        return False
    info.issue_date = parse_date(info.issue_date_text)
    return True


def _header_cells(top: list[Para]) -> list[tuple[str, Para]]:
    """The header's lines, each with its paragraph. A web copy may flatten the two-column header
    table into cells over several lines, each closed by a lone "|" (rows written "a | b |" are split
    into columns by ``build_paras``). The motto, the number and the place-date cells are read whole
    (cut over two lines); the lines of the issuer's cell stay apart (superior body, then issuer)."""
    if not any(p.cells is None and p.text == "|" for p in top):
        return [(p.text, p) for p in top if p.cells is None]
    cells: list[list[tuple[str, Para]]] = []
    current: list[tuple[str, Para]] = []
    for para in top:
        if para.cells is not None:
            continue
        if para.text != "|":
            current.append((para.text, para))
            continue
        if current:
            cells.append(current)
        current = []
    if current:
        cells.append(current)
    entries: list[tuple[str, Para]] = []
    for cell in cells:
        joined = " ".join(text for text, _para in cell)
        if _MOTTO.search(joined) or _WHOLE_CELL.search(folded(nfc(joined)).lower()):
            entries.append((joined, cell[0][1]))
        else:
            entries.extend(cell)
    return entries


def read_header(paras: list[Para]) -> Header:
    info = DocumentInfo()
    warnings: list[ImportWarning] = []
    # The title stands in the first lines; a "KẾ HOẠCH …" line further down names another document.
    title_index = next((i for i, p in enumerate(paras[:_HEADER_REACH]) if is_title_line(p)), None)
    body_start = 0
    top = paras[:title_index] if title_index is not None else paras[:12]
    # A plan issued by a decision: the decision's number and date, the plan's subject and year. The
    # plan itself follows the decision ("KẾ HOẠCH … (Ban hành kèm theo Quyết định …)").
    reach = title_index if title_index is not None else _HEADER_REACH
    decision = next(
        (
            (index, found)
            for index, para in enumerate(paras[:reach])
            if is_decision_line(para) and (found := _decision_block(paras, index)) is not None
        ),
        None,
    )
    if decision is not None:
        title_index, (info.title, title_end, body_start) = decision
        info.doc_type = "Quyết định"
        top = paras[:title_index]
        info.source = SourceSpan(paras[0].start, title_end)
    elif title_index is not None:
        title, title_end, body_start = title_block(paras, title_index)
        info.title = title
        info.source = SourceSpan(paras[0].start if top else paras[title_index].start, title_end)
    entries = _header_cells(top)
    number_index: int | None = None
    date_index: int | None = None
    inline_issuer: str | None = None
    for index, (line, para) in enumerate(entries):
        text = _MOTTO.sub(" ", line).strip()
        found = _number_from(text, _NUMBER) if number_index is None else None
        if found:
            info.number, info.symbol, text, before = found
            number_index = index
            # "Bộ Nội vụ Số: 251/QĐ-BNV": the issuer printed before the number in its cell.
            before = before.strip(" |:-–")
            if before[:1].isupper() and len(before) <= 120 and not is_decoration(before):
                inline_issuer = before
            if info.number is None:
                warnings.append(
                    ImportWarning(
                        "blank_number",
                        f"Số văn bản để trống (“Số: /{info.symbol}”); cần nhập số khi văn bản được ban hành.",
                        para.span,
                    )
                )
        if date_index is None and _read_place_date(text.strip(), info):
            date_index = index
    if number_index is not None:
        issuer_entries = entries[:number_index]
    elif title_index is not None:
        issuer_entries = entries
    else:
        issuer_entries = []
    issuer_lines = [
        _MOTTO.sub(" ", line).strip() for i, (line, _p) in enumerate(issuer_entries) if i != date_index
    ]
    bodies: list[str] = []
    for line in issuer_lines:
        if not line or is_decoration(line) or not is_upper(line) or len(line) > 120:
            continue
        if bodies and _LOCALITY_LINE.match(folded(nfc(line)).lower()):
            bodies[-1] = f"{bodies[-1]} {line}"
        else:
            bodies.append(line)
    if inline_issuer and inline_issuer not in bodies:
        bodies.append(inline_issuer)
    if bodies:
        info.issuer = bodies[-1]
        info.superior = bodies[-2] if len(bodies) > 1 else None
    info.year = plan_year(info.title)
    if title_index is None:
        found_paras = [entries[i][1] for i in (number_index, date_index) if i is not None]
        body_start = max(paras.index(p) for p in found_paras) + 1 if found_paras else 0
    if date_index is not None and info.issue_date is None:
        warnings.append(
            ImportWarning(
                "blank_date",
                f"Ngày ban hành chưa đầy đủ (“{info.issue_date_text}”); cần nhập ngày khi văn bản được ban hành.",
                entries[date_index][1].span,
            )
        )
    return Header(info, title_index, body_start, warnings)


def apply_caption(header: Header, captions: list[Para]) -> None:
    """Number and date from an appendix caption, for a plan whose header does not print them."""
    info = header.info
    has_number = info.symbol is not None
    has_date = info.issue_date_text is not None
    for para in captions:
        found = _number_from(nfc(para.text), _CAPTION_NUMBER)
        if found is None:
            continue
        number, symbol, rest, _before = found
        if not has_number:
            info.number, info.symbol = number, symbol
            has_number = True
            if number is None:
                header.warnings.append(
                    ImportWarning(
                        "blank_number",
                        f"Số văn bản để trống trong phụ lục (“Kế hoạch số /{symbol}”); cần nhập số khi văn bản được ban hành.",
                        para.span,
                    )
                )
        if not has_date:
            date_text = _date_text(rest)
            if date_text:
                info.issue_date_text = date_text
                info.issue_date = parse_date(date_text)
                has_date = True
                if info.issue_date is None:
                    header.warnings.append(
                        ImportWarning(
                            "blank_date",
                            f"Ngày ban hành chưa đầy đủ (“{date_text}”); cần nhập ngày khi văn bản được ban hành.",
                            para.span,
                        )
                    )
        if has_number and has_date:
            break
    if not has_number:
        header.warnings.append(
            ImportWarning("blank_number", "Văn bản không ghi số, ký hiệu; cần nhập khi lưu kế hoạch.", None)
        )
    if not has_date:
        header.warnings.append(
            ImportWarning("blank_date", "Văn bản không ghi ngày ban hành; cần nhập khi lưu kế hoạch.", None)
        )


def is_recipients_line(para: Para) -> bool:
    return para.cells is None and para.text[:1] in "NnNơ" and para.head.startswith("noi nhan")


def read_recipients(paras: list[Para], index: int) -> tuple[list[str], int, SourceSpan]:
    """The "Nơi nhận" list from paragraph ``index``: (recipients, index after the list, span)."""
    head = paras[index]
    recipients: list[str] = []
    after = head.text.split(":", 1)[1].strip() if ":" in head.text else ""
    end = head.end
    if after:
        recipients.append(_recipient(after))
    index += 1
    while index < len(paras):
        para = paras[index]
        marker = parse_marker(para.text)
        if para.cells is not None or marker is None or marker.kind not in ("dash", "plus"):
            break
        recipients.append(_recipient(marker.rest))
        end = para.end
        index += 1
    return [r for r in recipients if r], index, SourceSpan(head.start, end)


def _recipient(text: str) -> str:
    text = text.strip().rstrip(";,. ").strip()
    if folded(text).lower().startswith("luu"):
        text = _TYPIST.sub("", text).rstrip(";,. ")
    return text


@dataclass
class Signature:
    authority: str | None = None
    authority_body: str | None = None
    title: str | None = None
    name: str | None = None
    paras: list[Para] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or (is_upper(text) and len(words) > 5):
        return False
    return all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)


def normalise_title(text: str) -> tuple[str, bool]:
    """A signer's title; an obvious misspelling of a known title ("CHỦ NỊCH") is corrected (True)."""
    key = folded(nfc(text)).lower().strip(" .:")
    if key in _KNOWN_FOLDED:
        return text.strip(" .:"), False
    for known_key, known in _KNOWN_FOLDED.items():
        if len(key) >= 6 and abs(len(key) - len(known_key)) <= 1 and _edit_distance(key, known_key) == 1:
            return known, True
    return text.strip(" .:"), False


def read_signature(paras: list[Para]) -> Signature:
    """Authority form, title and name from the paragraphs between the text and the appendices."""
    signature = Signature()
    for para in paras:
        if para.cells is not None:
            continue
        text = para.text.strip()
        if not text or is_decoration(text) or _SIGNED.match(folded(nfc(text)).lower()):
            continue
        authority = _AUTHORITY.match(text)
        if authority and signature.name is None and is_upper(authority.group(2) or "X"):
            form = f"{authority.group(1)}."
            rest = authority.group(2).strip(" .:") or None
            if form == "TM.":
                signature.authority_body = rest
            elif form in ("TL.", "TUQ.") and rest:
                # "TL. CHỦ TỊCH" / "CHÁNH VĂN PHÒNG": signed in the name of the head, kept as the body.
                signature.authority_body = rest
            elif form == "Q." and rest:
                # "Q. GIÁM ĐỐC": the acting head signs under the head's title; no title line follows.
                signature.title = _read_title(rest, para, signature)
            signature.authority = form
            signature.paras.append(para)
            continue
        if (
            signature.title is None
            and is_upper(text)
            and len(text.split()) <= 14
            and not _INITIALS.match(text)
        ):
            signature.title = _read_title(text, para, signature)
            signature.paras.append(para)
            continue
        if signature.title is not None and signature.name is None and _looks_like_name(text):
            signature.name = text
            signature.paras.append(para)
            break
    return signature


def _read_title(text: str, para: Para, signature: Signature) -> str:
    """A signer's title, corrected with a warning when it is an obvious misspelling."""
    title, corrected = normalise_title(text)
    if corrected:
        signature.warnings.append(
            ImportWarning(
                "signer_typo",
                f"Chức danh người ký “{text}” có lẽ là “{title}”; đã sửa, cần kiểm tra lại.",
                para.span,
            )
        )
    return title
