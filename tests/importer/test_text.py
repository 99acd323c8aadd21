from __future__ import annotations

import re

import pytest

from cchc.importer.text import (
    FoldedLines,
    alternatives,
    clean_inline,
    collapse_spaces,
    fold,
    fold_same_length,
    parse_date,
    required_words,
    roman_to_int,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Ủy ban nhân dân", "uy ban nhan dan"),
        ("  ĐÀI Phát  thanh\tTruyền hình ", "dai phat thanh truyen hinh"),
        ("Ðà Nẵng", "da nang"),  # legacy fonts print Đ as the eth Ð
        ("Văn hoá", "van hoa"),
        ("Văn ho\u0301a", "van hoa"),  # combining accent (NFD) from Word
        ("Sở TT&TT", "so tt&tt"),
        ("", ""),
    ],
)
def test_fold_removes_case_diacritics_and_extra_spaces(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("**trong quý I năm 2025**", "trong quý I năm 2025"),
        ("(*lồng ghép vào báo cáo*)", "(lồng ghép vào báo cáo)"),
        ("<p>Sở Nội vụ</p> <p>Sở Tư pháp</p>", "Sở Nội vụ Sở Tư pháp"),
        ("ghi chú (*) giữ nguyên", "ghi chú (*) giữ nguyên"),
        ("Sở A &amp; Sở B", "Sở A & Sở B"),
        ("  nhiều    khoảng   trắng ", "nhiều khoảng trắng"),
        ("**TM. ỦY BAN NHÂN DÂN**  ", "TM. ỦY BAN NHÂN DÂN"),
    ],
)
def test_clean_inline_strips_markdown_and_tags(raw: str, cleaned: str) -> None:
    assert clean_inline(raw) == cleaned


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("17/01/2020", "2020-01-17"),
        ("ngày 7 tháng 3 năm 2025", "2025-03-07"),
        ("Phan Rang - Tháp Chàm, ngày 7 tháng 3 năm 2025", "2025-03-07"),
        ("ngày 05 tháng 02 năm 2025", "2025-02-05"),
        ("15-7-2021", "2021-07-15"),
        ("15.7.2021", "2021-07-15"),
        ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", "2020-03-05"),
        ("Ngày 29 tháng 2 năm 2024", "2024-02-29"),
    ],
)
def test_parse_date_reads_numeric_and_written_dates(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "Hải Phòng, ngày tháng năm 2023",  # 004: blanks to be filled at signing
        "ngày     tháng 3 năm 2025",
        "ngày ... tháng ... năm 2025",
        "Kế hoạch số: /KH-UBND ngày /12/2024",  # 003: day left blank
        "31/02/2024",
        "29/2/2023",
        "ngày 32 tháng 1 năm 2025",
        "13/13/2020",
        "Số: 82/KH-UBND",
        "",
    ],
)
def test_parse_date_returns_none_for_blank_or_invalid_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("roman", "value"),
    [("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("V", 5), ("IX", 9), ("XII", 12), ("XIII", 13), ("xx", 20)],
)
def test_roman_to_int(roman: str, value: int) -> None:
    assert roman_to_int(roman) == value


@pytest.mark.parametrize("text", ["", "IIII", "VV", "IC", "A", "1", "Đ"])
def test_roman_to_int_rejects_non_numerals(text: str) -> None:
    assert roman_to_int(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Sở Nội vụ",
        "  hai  khoảng\t\ttrắng ",
        "xuống\ndòng",
        "\u00a0cách\u3000rộng\u2003",
        "mã\x85điều khiển\x1c",
        "ô\t",
        " ",
        "",
    ],
)
def test_collapse_spaces_is_the_regex_substitution(text: str) -> None:
    # The fast path (single spaces only) must give what replacing every run of white space gives.
    assert collapse_spaces(text) == re.sub(r"\s+", " ", text)


def test_alternatives_split_only_at_the_top_level() -> None:
    rule = r"bao chi|(?:cong|trang) tin|pano[|(]x|\(|tap chi"
    assert alternatives(rule) == ["bao chi", "(?:cong|trang) tin", "pano[|(]x", r"\(", "tap chi"]


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (r"\bsipas\b|chi so hai long", ("sipas", "chi so hai long")),
        (r"bang,? dia|to roi", ("bang", "to roi")),  # the comma is optional
        (r"par\s*-?\s*index", ("par",)),
        (r"(?:xep|dung)\s+\d", None),  # opens with a group: nothing to look for first
    ],
)
def test_required_words_are_what_every_match_starts_with(rule: str, words: tuple[str, ...] | None) -> None:
    assert required_words(rule) == words
    if words is not None:
        pattern = re.compile(rule)
        for text in ("sipas", "chi so hai long", "bang dia", "bang, dia", "to roi", "par - index"):
            if pattern.search(text):
                assert any(word in text for word in words)


def test_folded_lines_keep_offsets_of_the_cleaned_lines() -> None:
    lines = ["**Nghị quyết** số 76/NQ-CP", "Ô\tBảng  hai", "<p>Đài PT&amp;TH</p>"]
    text = FoldedLines.of(lines)
    assert text.cleaned == [clean_inline(line) for line in lines]
    assert text.folded == [fold_same_length(line) for line in text.cleaned]
    assert all(len(f) == len(c) for f, c in zip(text.folded, text.cleaned, strict=True))
    assert text.head(1).folded == ["nghi quyet so 76/nq-cp"]
