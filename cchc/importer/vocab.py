"""What a task is about (themes: the reform areas) and through which channels it communicates."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import alternatives, collapse_spaces, compile_rule, fold_same_length, leading_words, nfc

THEMES: dict[str, str] = {
    "institutions": "Cải cách thể chế",
    "procedures": "Cải cách thủ tục hành chính",
    "apparatus": "Cải cách tổ chức bộ máy",
    "civil_service": "Cải cách chế độ công vụ",
    "public_finance": "Cải cách tài chính công",
    "digital_government": "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
    "direction": "Chỉ đạo, điều hành công tác cải cách hành chính",
}

CHANNELS: dict[str, str] = {
    "press": "Báo chí",
    "radio": "Phát thanh",
    "television": "Truyền hình",
    "web_portal": "Cổng/Trang thông tin điện tử",
    "social_media": "Mạng xã hội",
    "loudspeaker": "Loa, đài truyền thanh cơ sở",
    "visual": "Tuyên truyền trực quan (pano, áp phích, băng rôn, màn hình LED)",
    "print": "Ấn phẩm, tài liệu (tờ rơi, tờ gấp, sổ tay)",
    "conference": "Hội nghị, hội thảo, tọa đàm",
    "training": "Tập huấn, bồi dưỡng",
    "contest": "Hội thi, cuộc thi",
    "dialogue": "Đối thoại",
    "performance": "Văn nghệ, sân khấu hóa",
    "newsletter": "Bản tin",
    "messaging": "Tin nhắn",
    "ai_assistant": "Trợ lý ảo, trí tuệ nhân tạo",
    "meetings": "Lồng ghép trong sinh hoạt, hội họp",
    "public_service_points": "Bộ phận một cửa",
}

# Folded keyword rules. The text is folded (no diacritics, lowercase) before matching.
_THEME_RULES: dict[str, str] = {
    "institutions": r"the che|van ban quy pham phap luat|thi hanh phap luat|xay dung phap luat",
    "procedures": r"thu tuc hanh chinh|\btthc\b|mot cua|kiem soat thu tuc|quy dinh hanh chinh"
    r"|phan anh,? kien nghi|buu chinh cong ich",
    "apparatus": r"to chuc bo may|bo may hanh chinh|tinh gian bien che|sap xep,? tinh gon|tinh gon bo may"
    r"|phan cap,? phan quyen|vi tri viec lam|don vi su nghiep cong lap",
    "civil_service": r"che do cong vu|cai cach cong vu|cong vu,? cong chuc|doi ngu can bo|dao duc cong vu"
    r"|van hoa cong vu|ky luat,? ky cuong|tuyen dung|danh gia,? xep loai|thi hanh cong vu|thuc thi cong vu",
    "public_finance": r"tai chinh cong|co che tai chinh|ngan sach nha nuoc|tu chu tai chinh|quan ly tai chinh"
    r"|co che tu chu",
    "digital_government": r"chinh phu dien tu|chinh phu so|chinh quyen dien tu|chinh quyen so|chuyen doi so"
    r"|dich vu cong|thanh toan (?:truc tuyen|dien tu|khong dung tien mat)|de an (?:so )?06|so hoa"
    r"|ung dung cong nghe thong tin|nop ho so truc tuyen|mot cua dien tu|ky nang so|nen tang so",
    "direction": r"chi dao,? dieu hanh|chi so cai cach hanh chinh|chi so cchc|par index|sipas"
    r"|ke hoach cai cach hanh chinh|ke hoach cchc|chuong trinh tong the",
}

_CHANNEL_RULES: dict[str, str] = {
    "press": r"bao chi|bao in|bao dien tu|tap chi|chuyen trang|phong vien|thong tan",
    "radio": r"phat thanh|song phat|kenh phat",
    "television": r"truyen hinh|pt&th|pt-th|ptth",
    "web_portal": r"(?:cong|trang)(?:/trang)? (?:thong tin dien tu|ttdt)|website|trang tin\b|cong dich vu cong"
    r"|cong thong tin",
    "social_media": r"mang xa hoi|zalo|facebook|tiktok|youtube|fanpage|nen tang so",
    "loudspeaker": r"\bloa\b|truyen thanh co so|truyen thanh khong day|he thong truyen thanh|dai truyen thanh"
    r"|thong tin co so|xe thong tin luu dong",
    "visual": r"\bpano\b|\bpa no\b|ap phich|bang ron|khau hieu|man hinh led|man hinh dien tu|bang dien tu"
    r"|bang tin\b|truc quan|poster|co dong",
    "print": r"to roi|to gap|so tay|tai lieu|an pham|in an|cam nang|bang,? dia",
    "conference": r"hoi nghi|hoi thao|toa dam|giao ban|hop bao(?! cao)|dien dan|giao luu",
    "training": r"tap huan|boi duong|lop dao tao|dao tao,? boi duong",
    "contest": r"hoi thi|cuoc thi|hinh thuc thi|thi tim hieu",
    "dialogue": r"doi thoai|tiep cong dan|dam thoai",
    "performance": r"van nghe|san khau hoa|hoi dien|tieu pham|nghe thuat",
    "newsletter": r"ban tin\b",
    "messaging": r"tin nhan|\bsms\b|nhan tin",
    "ai_assistant": r"tro ly ao|tri tue nhan tao|chatbot",
    "meetings": r"sinh hoat|hop to dan pho|hop thon|hop khu dan cu|tuyen truyen mieng|hop dinh ky",
    "public_service_points": r"bo phan (?:mot cua|tiep nhan)|trung tam phuc vu hanh chinh cong"
    r"|trung tam hanh chinh cong",
}


class _Rules:
    """Keyword rules by code, tested alternative by alternative: ``in`` finds plain words many times
    faster than the regex engine, which tries every position of the text. An alternative with regex
    syntax runs only when the words it starts with occur. (One regex per rule, or one alternation of
    all rules, measured several times slower.)"""

    def __init__(self, rules: dict[str, str]) -> None:
        self.phrases: list[tuple[str, str]] = []  # (code, plain words)
        self.patterns: list[tuple[str, str, re.Pattern[str]]] = []  # (code, words it starts with, pattern)
        for code, rule in rules.items():
            for alternative in alternatives(rule):
                words = leading_words(alternative)
                if words == alternative:
                    self.phrases.append((code, words))
                else:
                    self.patterns.append((code, words, compile_rule(alternative)))

    def codes_in(self, folded: str) -> set[str]:
        found: set[str] = set()
        for code, phrase in self.phrases:
            if code not in found and phrase in folded:
                found.add(code)
        for code, prefix, pattern in self.patterns:
            if code not in found and prefix in folded and pattern.search(folded):
                found.add(code)
        return found


_THEMES = _Rules(_THEME_RULES)
_CHANNELS = _Rules(_CHANNEL_RULES)
_GENERAL_REFORM = _Rules({"direction": r"cai cach hanh chinh|\bcchc\b|\bchhc\b"})
# Case matters here: "Báo Quảng Ngãi" is a newspaper, "báo cáo" a report; "AI" is not "ai" (who).
_NEWSPAPER = re.compile(r"[Bb](?<=\b[Bb])áo (?!C[ÁA]O|cáo)(?=[A-ZĐÂĂÊÔƠƯ])")
_AI = compile_rule(r"\bAI\b")


def fold_for_vocabulary(text: str) -> str:
    """The text as the rules read it: folded, every run of white space one space."""
    return collapse_spaces(fold_same_length(nfc(text)).replace("\n", " "))


def join_folded(folded: Iterable[str]) -> str:
    """Paragraphs folded one by one (``fold``) as one text for the rules: the words
    ``fold_for_vocabulary`` gives for their text joined by new lines, without folding them again."""
    return collapse_spaces(" ".join(folded))


def detect_themes(text: str, folded: str | None = None) -> list[str]:
    """Reform areas the text is about; general CCHC communication counts as "direction".

    ``folded``: ``fold_for_vocabulary(text)`` when the caller has it already.
    """
    if folded is None:
        folded = fold_for_vocabulary(text)
    found = _THEMES.codes_in(folded) or _GENERAL_REFORM.codes_in(folded)
    return [code for code in THEMES if code in found]


def detect_channels(text: str, folded: str | None = None) -> list[str]:
    """Channels the text names, in vocabulary order (``folded`` as for ``detect_themes``)."""
    original = nfc(text)
    if folded is None:
        folded = fold_for_vocabulary(original)
    found = _CHANNELS.codes_in(folded)
    if "áo " in original and _NEWSPAPER.search(original):
        found.add("press")
    if "AI" in original and _AI.search(original):
        found.add("ai_assistant")
    return [code for code in CHANNELS if code in found]


def detect_topics(text: str, folded: str | None = None) -> tuple[list[str], list[str]]:
    """Themes and channels of one text, folded once (``folded`` as for ``detect_themes``)."""
    if folded is None:
        folded = fold_for_vocabulary(text)
    return detect_themes(text, folded), detect_channels(text, folded)
