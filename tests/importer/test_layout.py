from __future__ import annotations

import pytest

from cchc.importer.layout import build_paras, parse_marker
from cchc.importer.text import fold


@pytest.mark.parametrize(
    ("text", "hashed", "kind", "printed", "value"),
    [
        ("II. NỘI DUNG", False, "roman", "II.", (2,)),
        ("1.2. Hình thức", False, "dotted", "1.2.", (1, 2)),
        ("3. Tổ chức thực hiện", False, "arabic", "3.", (3,)),
        ("4) Báo cáo", False, "paren", "4)", (4,)),
        ("đ) Sở Nội vụ", False, "letter", "đ)", (5,)),  # a b c d đ
        ("- Tuyên truyền", False, "dash", "-", ()),
        ("+ Trên báo", False, "plus", "+", ()),
        ("2025 là năm chuyển đổi số", True, "hash", "#", ()),  # a heading opening with a year
        ("Kế hoạch", True, "hash", "#", ()),
    ],
)
def test_parse_marker_kinds(text: str, hashed: bool, kind: str, printed: str, value: tuple[int, ...]) -> None:
    marker = parse_marker(text, hashed)
    assert marker is not None
    assert (marker.kind, marker.printed, marker.value) == (kind, printed, value)


@pytest.mark.parametrize("text", ["2025 là năm chuyển đổi số", "Ủy ban nhân dân", "VI", "", "100. Sai số"])
def test_parse_marker_none_for_plain_paragraphs(text: str) -> None:
    assert parse_marker(text) is None


def test_paragraphs_take_the_folding_of_their_own_line_only() -> None:
    paras = build_paras(["Tuyên truyền về cải cách", "hành chính trên Báo Nhân dân", "Đài PT-TH tỉnh"])
    broken, single = paras  # the page break joined the first two lines
    single.share_folded_line("Đài PT-TH tỉnh", "dai pt-th tinh")
    broken.share_folded_line("Tuyên truyền về cải cách", "tuyen truyen ve cai cach")
    assert single.folded == "dai pt-th tinh"
    assert broken.folded == fold(broken.text) == "tuyen truyen ve cai cach hanh chinh tren bao nhan dan"
