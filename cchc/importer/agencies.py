"""Agencies named in a plan: split a cell or phrase into agencies and group phrases.

A plan names its bodies in three ways: by full name ("Sở Văn hóa, Thể thao và Du lịch"), by
abbreviation ("Sở VHTT&DL", "UBND", "Đài PT&TH") and by group phrases that stand for many units
("Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"). Commas separate list items but also
appear inside official names and group phrases, so the splitter knows the names (a catalogue of
department names) and the group phrases, and only splits where neither continues.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Agency
from .text import clean_inline, fold_same_length, nfc

GROUPS: dict[str, str] = {
    "departments": "Các sở, ban, ngành",
    "district_committees": "Ủy ban nhân dân cấp huyện",
    "commune_committees": "Ủy ban nhân dân cấp xã",
    "local_offices": "Các phòng, ban, ngành địa phương",
    "press": "Các cơ quan báo chí, truyền thông",
    "mass_organisations": "Các tổ chức chính trị - xã hội, đoàn thể",
    "related": "Các cơ quan, đơn vị liên quan",
    "all_units": "Các cơ quan, đơn vị, địa phương",
}

# Names that follow "Sở", "Phòng", "Ban", "Trung tâm", "Đài" ... as they are officially written.
CATALOGUE: tuple[str, ...] = (
    "Nội vụ",
    "Tư pháp",
    "Tài chính",
    "Kế hoạch và Đầu tư",
    "Thông tin và Truyền thông",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao",
    "Du lịch",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Công Thương",
    "Xây dựng",
    "Giao thông vận tải",
    "Tài nguyên và Môi trường",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Lao động - Thương binh và Xã hội",
    "Khoa học và Công nghệ",
    "Ngoại vụ",
    "Dân tộc và Tôn giáo",
    "Dân tộc",
    "Quy hoạch - Kiến trúc",
    "Văn hóa, Khoa học và Thông tin",
    "Văn hóa và Thông tin",
    "Văn hóa - Thông tin",
    "Văn hóa - Xã hội",
    "Tài chính - Kế hoạch",
    "Kinh tế, Hạ tầng và Đô thị",
    "Kinh tế và Hạ tầng",
    "Kinh tế - Hạ tầng",
    "Kinh tế - Ngân sách",
    "Kinh tế",
    "Quản lý đô thị",
    "Tuyên giáo và Dân vận",
    "Tuyên giáo",
    "Dân vận",
    "Pháp chế",
    "Phát thanh và Truyền hình",
    "Phát thanh - Truyền hình",
    "Truyền thanh",
    "Văn hóa, Thể thao và Truyền thanh",
    "Văn hóa - Thể thao và Truyền thanh",
    "Văn hóa - Thông tin và Thể thao",
    "Văn hóa, Thông tin và Thể thao",
    "Truyền thông - Văn hóa - Thể thao",
    "Văn hóa - Thể thao",
    "Phục vụ hành chính công",
    "Hành chính công",
    "Chính trị",
)

# Abbreviated department names: letter groups, written with or without "&", "-", "," or "và".
ABBREVIATED_NAMES: dict[tuple[str, ...], str] = {
    ("vh", "tt", "dl"): "Văn hóa, Thể thao và Du lịch",
    ("ld", "tb", "xh"): "Lao động - Thương binh và Xã hội",
    ("tt", "tt"): "Thông tin và Truyền thông",
    ("kh", "dt"): "Kế hoạch và Đầu tư",
    ("tn", "mt"): "Tài nguyên và Môi trường",
    ("nn", "ptnt"): "Nông nghiệp và Phát triển nông thôn",
    ("nn", "mt"): "Nông nghiệp và Môi trường",
    ("gd", "dt"): "Giáo dục và Đào tạo",
    ("kh", "cn"): "Khoa học và Công nghệ",
    ("gt", "vt"): "Giao thông vận tải",
    ("vh", "tt"): "Văn hóa và Thông tin",
    ("vh", "xh"): "Văn hóa - Xã hội",
    ("tc", "kh"): "Tài chính - Kế hoạch",
    ("kt", "ht"): "Kinh tế và Hạ tầng",
    ("ql", "dt"): "Quản lý đô thị",
    ("pt", "th"): "Phát thanh và Truyền hình",
}

# Kinds of body (folded): a name starting with one of them is a recognised agency.
HEADS: tuple[str, ...] = (
    "uy ban mat tran to quoc",
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "bo chi huy quan su",
    "ban chi huy quan su",
    "bao hiem xa hoi",
    "vien kiem sat",
    "lien minh hop tac xa",
    "to cong nghe so",
    "trung tam",
    "van phong",
    "mat tran",
    "lien doan",
    "cong an",
    "thanh tra",
    "chi cuc",
    "chi nhanh",
    "kho bac",
    "tinh uy",
    "thanh uy",
    "huyen uy",
    "quan uy",
    "thi uy",
    "dang uy",
    "tinh doan",
    "thanh doan",
    "huyen doan",
    "quan doan",
    "hoi dong",
    "toa an",
    "buu dien",
    "vien thong",
    "ngan hang",
    "hiep hoi",
    "truong",
    "vien",
    "cuc",
    "bo",
    "so",
    "phong",
    "ban",
    "bao",
    "dai",
    "hoi",
    "doan",
    "ubnd",
    "hdnd",
    "vpub",
    "vp",
    "mttq",
    "ubmttq",
    "ub",
    "ldld",
    "bhxh",
    "kbnn",
    "bchqs",
    "bch",
)

_SEP = r"(?:\s*[,\-–&/]\s*|\s+)"
_LIST_SEP = r"\s*(?:,|va|/|-|–)\s*"
_DISTRICT = r"(?:huyen|quan|thi xa|tx|thanh pho|tp)"
_COMMUNE = r"(?:xa|phuong|thi tran|dac khu)"
_COMMITTEE = r"(?:ubnd|uy ban nhan dan)"
_LOCALITY = r"(?:tinh|thanh pho|tp|huyen|quan|thi xa|tx|xa|phuong|thi tran|dac khu)"

# Group phrases (folded). The longest match at a position wins.
_GROUP_PATTERNS: tuple[tuple[str, str], ...] = (
    ("district_committees", rf"{_COMMITTEE}\s+cac\s+{_DISTRICT}(?:{_LIST_SEP}{_DISTRICT})*"),
    ("district_committees", rf"{_COMMITTEE}\s+{_DISTRICT}(?:{_LIST_SEP}{_DISTRICT})+"),
    ("district_committees", rf"{_COMMITTEE}\s+(?:cac\s+)?cap\s+huyen"),
    ("district_committees", rf"cac\s+{_DISTRICT}(?:{_LIST_SEP}{_DISTRICT})*"),
    ("commune_committees", rf"{_COMMITTEE}\s+(?:cac\s+)?{_COMMUNE}(?:{_LIST_SEP}{_COMMUNE})*"),
    ("commune_committees", rf"{_COMMITTEE}\s+(?:cac\s+)?cap\s+xa"),
    ("commune_committees", rf"(?:cac\s+)?{_COMMUNE}(?:{_LIST_SEP}{_COMMUNE})+"),
    ("commune_committees", rf"cac\s+{_COMMUNE}"),
    ("commune_committees", r"(?:cac\s+)?cap\s+xa"),
    ("district_committees", r"(?:cac\s+)?cap\s+huyen"),
    ("departments", r"(?:cac\s+)?so\s*,?\s*(?:ban\s*,?\s*)?nganh"),
    ("departments", r"cac\s+so"),
    ("departments", r"(?:cac\s+)?ban\s*,?\s*nganh"),
    (
        "local_offices",
        r"(?:cac\s+)?phong\s*,\s*ban(?:\s*,?\s*(?:nganh|don vi|chuyen mon))*",
    ),
    ("local_offices", r"cac\s+phong\s+ban(?:\s*,?\s*(?:nganh|don vi|chuyen mon))*"),
    ("local_offices", r"cac\s+co quan\s+chuyen mon"),
    ("local_offices", r"cac\s+phong(?:\s+chuyen mon)?"),
    ("press", r"(?:cac\s+)?co quan\s+(?:thong tan\s*,?\s*)?bao chi"),
    ("press", r"(?:cac\s+)?co quan\s+truyen thong\s*,\s*bao chi"),
    ("press", r"cac\s+(?:don vi|co quan)\s+truyen thong"),
    ("press", r"cac\s+bao\s*,\s*dai"),
    ("mass_organisations", r"(?:cac\s+)?to chuc\s+chinh tri\s*[-–]\s*xa hoi"),
    ("mass_organisations", r"(?:cac\s+)?doan the(?:\s+chinh tri\s*[-–]\s*xa hoi)?"),
    ("mass_organisations", r"(?:cac\s+)?to chuc\s+doan the(?:\s+chinh tri\s*[-–]\s*xa hoi)?"),
    ("mass_organisations", r"cac\s+hoi\s*,\s*doan the"),
    (
        "related",
        r"(?:cac\s+)?(?:co quan|don vi)"
        r"(?:\s*,\s*(?:cac\s+)?(?:co quan|don vi|dia phuong|xa|phuong|thi tran|to chuc|ca nhan))*"
        r"\s+(?:co\s+)?lien quan",
    ),
    ("all_units", r"(?:cac\s+)?co quan\s*,\s*(?:to chuc\s*,\s*)?don vi(?:\s*,\s*dia phuong)?"),
    ("all_units", r"cac\s+(?:co quan|don vi)(?:\s*,\s*dia phuong)?"),
    ("district_committees", r"(?:cac\s+)?dia phuong"),
)
_GROUPS_COMPILED = tuple((key, re.compile(pattern + r"(?![a-z0-9])")) for key, pattern in _GROUP_PATTERNS)


def _flexible(name: str) -> str:
    """Regex for a folded catalogue name that accepts any of ", ", " - ", " ", "&" between words."""
    words = [w for w in re.split(r"[\s,\-–&]+", fold_same_length(nfc(name))) if w]
    parts: list[str] = []
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if word == "va":
            parts.append(rf"(?:va{_SEP})?")
        else:
            parts.append(re.escape(word) + ("" if last else _SEP))
    return "".join(parts)


def _abbreviation(tokens: tuple[str, ...]) -> str:
    return r"\s*(?:&|va|-|–|,|\.)?\s*".join(tokens)


_CATALOGUE_ENTRIES = sorted(CATALOGUE, key=len, reverse=True)
_CATALOGUE_RE = re.compile(
    "|".join(f"(?P<c{i}>{_flexible(name)})" for i, name in enumerate(_CATALOGUE_ENTRIES)) + r"(?![a-z])"
)
_ABBREVIATION_ENTRIES = sorted(ABBREVIATED_NAMES.items(), key=lambda kv: -len(kv[0]))
_ABBREVIATION_RE = re.compile(
    "|".join(f"(?P<a{i}>{_abbreviation(tokens)})" for i, (tokens, _n) in enumerate(_ABBREVIATION_ENTRIES))
    + r"(?![a-z])"
)
_HEAD_RE = re.compile(r"(?:" + "|".join(re.escape(h) for h in HEADS) + r")(?![a-z])")
_HEADS_NEEDING_NAME = {"so", "phong", "ban", "trung tam", "bao", "dai", "hoi", "doan", "cuc", "bo", "vien"}

# Abbreviations written in the original text, expanded in canonical names.
_EXPANSIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"\bVP\s*HĐND\s*(?:-|–|và|&)\s*UBND\b", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
        (r"\bHĐND\s*(?:-|–|và|&)\s*UBND\b", "Hội đồng nhân dân và Ủy ban nhân dân"),
        (r"\b(?:VP\s*UBND|VPUBND|VPUB)\b", "Văn phòng Ủy ban nhân dân"),
        (r"\bUB\s*MTTQ(?:\s*VN|\s+Việt Nam)?\b", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
        (r"\bMTTQ(?:\s*VN|\s+Việt Nam)?\b", "Mặt trận Tổ quốc Việt Nam"),
        (r"\bMặt trận Tổ quốc\b(?!\s+Việt Nam)", "Mặt trận Tổ quốc Việt Nam"),
        (r"^Mặt trận$", "Mặt trận Tổ quốc Việt Nam"),
        (r"\bUBND\b", "Ủy ban nhân dân"),
        (r"\bHĐND\b", "Hội đồng nhân dân"),
        (r"\bLĐLĐ\b", "Liên đoàn Lao động"),
        (r"\bĐoàn TNCS(?:\s*HCM|\s+Hồ Chí Minh)?\b", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
        (r"\bHội LHPN(?:\s*VN|\s+Việt Nam)?\b", "Hội Liên hiệp Phụ nữ"),
        (r"\bHội ND\b", "Hội Nông dân"),
        (r"\bHội CCB\b", "Hội Cựu chiến binh"),
        (r"\bBộ CHQS\b", "Bộ Chỉ huy Quân sự"),
        (r"\b(?:BCHQS|BCH\s*QS|BCH\s+Quân sự)\b", "Ban Chỉ huy Quân sự"),
        (r"\bBCH\b", "Ban Chấp hành"),
        (r"\bCCHC\b", "cải cách hành chính"),
        (r"\bBHXH\b", "Bảo hiểm xã hội"),
        (r"\bKBNN\b", "Kho bạc Nhà nước"),
        (r"\bBQL\b", "Ban Quản lý"),
        (r"\bTTĐT\b", "thông tin điện tử"),
        (r"\bTrung tâm PVHCC\b|\bTTPVHCC\b", "Trung tâm Phục vụ hành chính công"),
        (r"\bBan TG\b", "Ban Tuyên giáo"),
        (r"\bBan DV\b", "Ban Dân vận"),
        (r"\bTP\.?(?=\s|$)", "thành phố"),
        (r"\bVP\b", "Văn phòng"),
    )
)

_LEADING_NOISE = re.compile(
    r"^(?:[\s\-–+*•·]+|(?:cơ quan|đơn vị)\s+(?:chủ trì|phối hợp|thực hiện|chỉ đạo)\s*:\s*"
    r"|giao\s+(?=\S)|đề nghị\s+(?=\S)|phối hợp với\s+|chủ trì\s*:\s*)+",
    re.IGNORECASE,
)
_TRAILING_NOTE = re.compile(
    r"(?:\s*\((?:[^()]*)\)|\s+(?:có trách nhiệm|chịu trách nhiệm|theo chức năng|trong phạm vi)\b.*"
    r"|\s+(?:chủ trì|phối hợp|thực hiện)$|[\s.;:,]+)+$",
    re.IGNORECASE,
)
_OLD_TONE = re.compile(
    r"(?<![qQ])([oOuU])([áàảãạéèẻẽẹýỳỷỹỵÁÀẢÃẠÉÈẺẼẸÝỲỶỸỴ])(?![^\W\d_])",
)


def _new_style_tones(s: str) -> str:
    """Tone mark on the main vowel, as official names print it: "hoá" -> "hóa", "Uỷ" -> "Ủy"."""

    def move(m: re.Match[str]) -> str:
        decomposed = unicodedata.normalize("NFD", m.group(2))
        base, marks = decomposed[0], decomposed[1:]
        return unicodedata.normalize("NFC", m.group(1) + marks) + base

    return _OLD_TONE.sub(move, s)


def _clean_item(text: str) -> str:
    s = clean_inline(text)
    s = _LEADING_NOISE.sub("", s)
    s = _TRAILING_NOTE.sub("", s)
    return s.strip(" \t-–+*•")


def _group_at(folded: str, pos: int) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for key, pattern in _GROUPS_COMPILED:
        m = pattern.match(folded, pos)
        if m and (best is None or m.end() > best[1]):
            best = (key, m.end())
    return best


def _catalogue_at(folded: str, pos: int) -> tuple[str, int] | None:
    m = _CATALOGUE_RE.match(folded, pos)
    if m and m.lastgroup:
        return _CATALOGUE_ENTRIES[int(m.lastgroup[1:])], m.end()
    m = _ABBREVIATION_RE.match(folded, pos)
    if m and m.lastgroup:
        return _ABBREVIATION_ENTRIES[int(m.lastgroup[1:])][1], m.end()
    return None


# A Vietnamese syllable, folded: initial consonant(s), one to three vowels, a final consonant. A word
# in capitals that is not one ("UBND", "TT", "THCS", "ISO") is an abbreviation and stays in capitals.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)
_LETTERS = re.compile(r"[^\W\d_]+")
# Words written with a capital inside a name (Nghị định 30/2020, Phụ lục II), beyond the first word of
# the name and of each field it lists: 1 = capital, 0 = lowercase.
_NAME_CASE: dict[str, tuple[int, ...]] = {
    "uy ban mat tran to quoc": (1, 0, 1, 0, 1, 0),
    "mat tran to quoc": (1, 0, 1, 0),
    "bo chi huy quan su": (1, 1, 0, 1, 0),
    "ban chi huy quan su": (1, 1, 0, 1, 0),
    "vien kiem sat": (1, 1, 0),
    "lien minh hop tac xa": (1, 0, 1, 0, 0),
    "lien hiep phu nu": (1, 0, 1, 0),
    "thanh nien cong san ho chi minh": (1, 0, 1, 0, 1, 1, 1),
    "ho chi minh": (1, 1, 1),
    "viet nam": (1, 1),
}
_NAME_AT = {phrase: re.compile(re.escape(phrase) + r"(?![a-z])") for phrase in _NAME_CASE}
# Bodies named inside another name: "Văn phòng Ủy ban nhân dân", "Ban Tuyên giáo Thành ủy".
_INNER_BODY = re.compile(
    r"(?:uy ban nhan dan|hoi dong nhan dan|tinh uy|thanh uy|huyen uy|quan uy|thi uy|dang uy)(?![a-z])"
)
# Level words, matched with their marks ("quận", not "quản"); "xã hội" is no commune.
_PLACE_WORD = re.compile(
    r"(?:tỉnh|thành phố|tp|huyện|quận|thị xã|tx|xã|phường|thị trấn|đặc khu)(?![^\W\d_])(?!\s+hội(?![^\W\d_]))",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset({"các", "những", "của", "thuộc", "trên", "tại", "trong", "với", "và"})
_FIELD_SEP = re.compile(r"[,&\-–]")
_ALWAYS_CAPITAL = frozenset({"viet nam", "ho chi minh"})
_PLACE_END = re.compile(r"\s*(?:[,;()]|\s+và\s+)", re.IGNORECASE)


def _is_shouted(printed: str) -> bool:
    """A name printed in capitals ("SỞ NỘI VỤ", or "Sở NỘI VỤ" after a shared head was restored)."""
    if not any(len(w) > 1 and w.isupper() for w in printed.split()):
        return False  # most names: a word in capitals is needed at least
    words = [w for w in _LETTERS.findall(printed) if _SYLLABLE.fullmatch(fold_same_length(w).lower())]
    return any(len(w) > 1 and w.isupper() for w in words) and all(w.isupper() for w in words[1:])


def _phrase_case(printed: str) -> str:
    """A group phrase printed in capitals as a sentence writes it: "CÁC SỞ, BAN, NGÀNH" -> "Các sở, ban,
    ngành"; abbreviations stay ("UBND các xã")."""
    chars = list(printed)
    for word in _LETTERS.finditer(printed):
        if _SYLLABLE.fullmatch(fold_same_length(word.group(0)).lower()):
            chars[word.start() : word.end()] = word.group(0).lower()
    text = "".join(chars)
    return text[:1].upper() + text[1:]


def _sentence_case(printed: str) -> str:
    """A name printed in capitals as a sentence writes it: the kind of body with one capital ("Ủy ban
    nhân dân", "Trung tâm"), a capital opening each field of its name ("Văn hóa - Xã hội", "Phát thanh
    và Truyền hình"), a place name after its level word in capitals ("xã Hòa Bình"); abbreviations are
    kept for the expansions ("UBND", "TT&TT")."""
    words = list(_LETTERS.finditer(printed))
    if not words:
        return printed
    syllable = [bool(_SYLLABLE.fullmatch(fold_same_length(w.group(0)).lower())) for w in words]
    chars = list(printed)
    for word, is_syllable in zip(words, syllable, strict=True):
        if is_syllable:
            chars[word.start() : word.end()] = word.group(0).lower()
    text = "".join(chars)
    folded = fold_same_length(text).lower()
    capital = [False] * len(words)

    def mark(index: int, phrase: str) -> int:
        """Capitals for the words of ``phrase`` (folded) from word ``index``; the index after it."""
        count = len(phrase.split())
        pattern = _NAME_CASE.get(phrase, (1,) + (0,) * (count - 1))
        for offset, up in enumerate(pattern[:count]):
            capital[index + offset] = bool(up)
        return index + count

    head = _HEAD_RE.match(folded)
    index = mark(0, folded[: head.end()]) if head else mark(0, words[0].group(0))
    # a proper name follows: "Báo Quảng Ngãi", "Viễn thông Nam Định"
    proper = head is not None and head.group(0) in ("bao", "vien thong", "buu dien")
    opens = head is not None  # the next word opens the name (after its kind of body) or one of its fields
    while index < len(words):
        word = words[index]
        before = words[index - 1]
        opens = opens or bool(_FIELD_SEP.search(text, before.end(), word.start()))
        opens = opens or before.group(0).lower() == "và"
        inner = _INNER_BODY.match(folded, word.start())
        place = None if inner else _PLACE_WORD.match(text, word.start())
        if place:
            # the level word stays lowercase, the place name after it takes capitals, up to the next item
            stop = _PLACE_END.search(text, place.end())
            end = stop.start() if stop else len(text)
            while index < len(words) and words[index].start() < place.end():
                index += 1
            while index < len(words) and words[index].start() < end:
                capital[index] = not _PLACE_WORD.match(text, words[index].start())
                index += 1
            opens = False
            continue
        named = next((p for p in _NAME_CASE if _NAME_AT[p].match(folded, word.start())), None)
        if inner:
            index = mark(index, inner.group(0))
        elif named and (opens or proper or named in _ALWAYS_CAPITAL):
            index = mark(index, named)
        elif word.group(0).lower() in _SMALL_WORDS:
            index += 1
            continue  # "các", "và": lowercase, and the field still opens after them
        else:
            capital[index] = opens or proper
            index += 1
        opens = False
    for word, up, is_syllable in zip(words, capital, syllable, strict=True):
        if up and is_syllable:
            chars[word.start()] = chars[word.start()].upper()
    return "".join(chars)


def canonical_agency(text: str) -> Agency:
    """One agency or group phrase -> Agency with its canonical full name (in sentence case when it
    was printed in capitals: "SỞ NỘI VỤ" -> "Sở Nội vụ")."""
    printed = _clean_item(text)
    folded = fold_same_length(printed)
    shouted = _is_shouted(printed)
    group = _group_at(folded, 0)
    if group and _specific_committee(printed, folded, 0, group[1], group[0]):
        group = None
    if group and _is_group_tail(folded[group[1] :]):
        phrase = _phrase_case(printed) if shouted else printed
        return Agency(text=printed, name=phrase, is_group=True, group=group[0])
    name = _sentence_case(printed) if shouted else printed
    for pattern, repl in _EXPANSIONS:
        name = pattern.sub(repl, name)
    name = _new_style_tones(name)
    folded_name = fold_same_length(name)
    head = _HEAD_RE.match(folded_name)
    if head is None:
        return Agency(text=printed, name=name, recognised=False)
    head_end = head.end()
    rest = folded_name[head_end:]
    offset = head_end + len(rest) - len(rest.lstrip())
    found = _catalogue_at(folded_name, offset)
    if found and not _NAME_GOES_ON.match(folded_name, found[1]):
        canonical, end = found
        name = name[:head_end] + " " + canonical + name[end:]
    elif head.group(0) in _HEADS_NEEDING_NAME and not rest.strip():
        return Agency(text=printed, name=name, recognised=False)
    name = name[0].upper() + name[1:]
    return Agency(text=printed, name=re.sub(r"\s+", " ", name).strip(), recognised=True)


_NAME_GOES_ON = re.compile(r"\s*(?:,|-|–|&|va\b)")
_PROPER_NAME = re.compile(r"\s+[A-ZĐÂĂÊÔƠƯ]")


def _specific_committee(original: str, folded: str, start: int, end: int, key: str) -> bool:
    """True for one named committee ("UBND phường Đông Hải"), not a group ("UBND xã, phường")."""
    if key not in ("district_committees", "commune_committees"):
        return False
    words = folded[start:end]
    return "cac" not in words.split() and bool(_PROPER_NAME.match(original, end))


_GROUP_TAIL = re.compile(
    r"^\s*(?:(?:co\s+)?lien quan|thuoc\b.*|cua\b.*|tren dia ban\b.*|trong\b.*|tai\b.*"
    r"|(?:cap\s+)?(?:tinh|thanh pho|tp|huyen|quan|thi xa|tx)\b.*)?$"
)


def _is_group_tail(folded_tail: str) -> bool:
    return bool(_GROUP_TAIL.match(folded_tail.strip(" .,;:")))


_ITEM_SEP = re.compile(r",|;|\bva\b")
_SKIP = re.compile(r"(?:[\s,;:.\-–+*•·]|\bva\b|\bcung\b)*")
_LOCALITY_END = re.compile(rf"(?:^|\s){_LOCALITY}$")
_LOCALITY_START = re.compile(rf"\s*{_LOCALITY}(?![a-z])")
_STARTS_ITEM = re.compile(r"\s*(?:cac\b|nhung\b)")
_DISTRIBUTED = re.compile(r"(?:cac\s+)?(so|phong|ban)\s*:\s*")


def _starts_new_item(folded: str, pos: int) -> bool:
    stripped = pos + len(folded[pos:]) - len(folded[pos:].lstrip())
    if _STARTS_ITEM.match(folded, pos):
        return True
    if _group_at(folded, stripped):
        return True
    return bool(_HEAD_RE.match(folded, stripped))


def _item_end(original: str, folded: str, pos: int, has_head: bool) -> int:
    """End of the agency that starts at ``pos``: the next separator that no name continues over."""
    cursor = pos
    while True:
        m = _ITEM_SEP.search(folded, cursor)
        if m is None:
            return len(folded)
        sep = m.group(0)
        after = m.end()
        if sep == ";":
            return m.start()
        if sep == "va":
            if _starts_new_item(folded, after):
                return m.start()
            cursor = after
            continue
        before = folded[pos : m.start()].rstrip()
        if _LOCALITY_END.search(before) and _LOCALITY_START.match(folded, after):
            cursor = after
            continue
        if _starts_new_item(folded, after):
            return m.start()
        piece_end = _ITEM_SEP.search(folded, after)
        piece = original[after : piece_end.start() if piece_end else len(original)].strip()
        if has_head and piece[:1].isupper() and len(piece.split()) <= 6 and not _catalogue_piece(piece):
            cursor = after
            continue
        return m.start()


def _catalogue_piece(piece: str) -> bool:
    folded = fold_same_length(piece)
    found = _catalogue_at(folded, 0)
    return bool(found and not folded[found[1] :].strip())


def _split_chunk(chunk: str) -> list[Agency]:
    folded = fold_same_length(chunk)
    distributed = _DISTRIBUTED.match(folded)
    if distributed:
        head = chunk[distributed.start(1) : distributed.end(1)]
        names = [p for p in re.split(r",|;|\bvà\b", chunk[distributed.end() :]) if p.strip()]
        return [canonical_agency(f"{head.capitalize()} {name.strip()}") for name in names]
    agencies: list[Agency] = []
    pos = 0
    last_head: str | None = None
    last_head_text = ""
    while True:
        skip = _SKIP.match(folded, pos)
        pos = skip.end() if skip else pos
        if pos >= len(folded):
            break
        group = _group_at(folded, pos)
        if group and _specific_committee(chunk, folded, pos, group[1], group[0]):
            group = None
        if group:
            end = group[1]
            nxt = _ITEM_SEP.search(folded, end)
            tail_end = nxt.start() if nxt else len(folded)
            if not _HEAD_RE.search(folded[end:tail_end]) or _is_group_tail(folded[end:tail_end]):
                end = tail_end
            text = chunk[pos:end]
            agencies.append(canonical_agency(text))
            if not agencies[-1].is_group:
                agencies[-1] = Agency(
                    text=_clean_item(text), name=_clean_item(text), is_group=True, group=group[0]
                )
            pos = end
            last_head = None
            continue
        head = _HEAD_RE.match(folded, pos)
        if head is None and last_head in ("so", "phong", "ban") and _catalogue_at(folded, pos):
            piece = chunk[pos : _item_end(chunk, folded, pos, True)]
            agencies.append(canonical_agency(f"{last_head_text} {piece.strip()}"))
            pos += len(piece)
            continue
        end = _item_end(chunk, folded, pos, head is not None)
        text = chunk[pos:end]
        if _clean_item(text):
            agencies.append(canonical_agency(text))
        if head is not None:
            last_head = head.group(0)
            last_head_text = chunk[head.start() : head.end()].capitalize()
        pos = max(end, pos + 1)
    return agencies


_STRONG_SEP = re.compile(r"</?p\s*/?>|<br\s*/?>|\n|;", re.IGNORECASE)
_DASH = re.compile(r"\s[-–+•]\s+")


def _dash_split(chunk: str) -> list[str]:
    """Split at " - " only where an agency starts: "Trung tâm Văn hóa - Thể thao" stays whole."""
    folded = fold_same_length(chunk)
    pieces: list[str] = []
    start = 0
    for m in _DASH.finditer(chunk):
        if _starts_new_item(folded, m.end()):
            pieces.append(chunk[start : m.start()])
            start = m.end()
    pieces.append(chunk[start:])
    return pieces


def split_agencies(text: str) -> list[Agency]:
    """A cell or phrase listing agencies -> agencies and groups, in order, without repeats."""
    result: list[Agency] = []
    seen: set[tuple[bool, str]] = set()
    chunks = [piece for part in _STRONG_SEP.split(nfc(text)) for piece in _dash_split(clean_inline(part))]
    for chunk in chunks:
        if not chunk.strip(" .,;:-–"):
            continue
        for agency in _split_chunk(chunk):
            key = (agency.is_group, agency.group if agency.is_group and agency.group else agency.name)
            if agency.name and key not in seen:
                seen.add(key)
                result.append(agency)
    return result
