"""Real plans the importer was not built on, as copied from public web pages (tests/importer/unseen/).

Each file starts with one comment line giving its address; the rest is the text as found (only site
navigation trimmed). The stored copies hold the opening of each page only: the header, the title, the
legal bases and the first lines of the text; they stop before the tasks, the reporting deadlines and
the signature. The facts asserted here were read by hand from each text, not copied from the importer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.importer import PlanDraft, parse_lines

UNSEEN = Path(__file__).parent / "unseen"


def load(name: str) -> PlanDraft:
    comment, *lines = (UNSEEN / name).read_text(encoding="utf-8").split("\n")
    assert comment.startswith("# source: http")
    return parse_lines(lines)


def references(draft: PlanDraft) -> list[tuple[str, str | None, str | None]]:
    return [(r.doc_type, r.number, r.date) for r in draft.legal_references]


def test_every_unseen_copy_names_its_source_and_is_read_as_a_plan() -> None:
    names = sorted(p.name for p in UNSEEN.glob("*.txt"))
    assert len(names) >= 5
    for name in names:
        assert load(name).legal_references, name


def test_quang_ngai_2024_plan_a_header_in_pipe_rows() -> None:
    draft = load("qngai-07-2024.txt")
    document = draft.document
    assert (document.doc_type, document.number, document.issue_date) == (
        "Kế hoạch",
        "07/KH-UBND",
        "2024-01-17",
    )
    assert (document.place, document.issuer) == ("Quảng Ngãi", "ỦY BAN NHÂN DÂN")
    assert document.title == "TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2024 TRÊN ĐỊA BÀN TỈNH QUẢNG NGÃI"
    assert document.year == 2024
    assert references(draft) == [
        ("Quyết định", "1256/QĐ-UBND", "2021-12-22"),
        ("Quyết định", "2074/QĐ-UBND", "2021-12-20"),
        ("Quyết định", "1879/QĐ-UBND", "2023-12-15"),
    ]
    assert draft.tasks == []


def test_quang_ngai_2021_decision_issuing_the_2022_2025_plan() -> None:
    draft = load("qngai-2074-2021.txt")
    document = draft.document
    assert (document.doc_type, document.number, document.issue_date) == (
        "Quyết định",
        "2074/QĐ-UBND",
        "2021-12-20",
    )
    assert (document.place, document.issuer, document.superior) == (
        "Quảng Ngãi",
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        None,
    )
    assert (
        document.title == "TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2022-2025 TRÊN ĐỊA BÀN TỈNH QUẢNG NGÃI"
    )
    assert document.year is None  # a span of years
    # The "Tờ trình" that proposed the decision is no legal basis.
    assert references(draft) == [
        ("Nghị quyết", "76/NQ-CP", "2021-07-15"),
        ("Nghị quyết", "04-NQ/TU", "2021-10-18"),
        ("Nghị quyết", "93/2021/NQ-HĐND", "2021-12-10"),
        ("Quyết định", "649/QĐ-UBND", "2021-07-26"),
        ("Quyết định", "768/QĐ-UBND", "2021-08-26"),
    ]
    # "… của UBND tỉnh ban hành Kế hoạch …" cut over two lines is a citation, not a sub-plan to draw up.
    assert draft.subplan_obligations == []


@pytest.mark.parametrize(
    ("name", "issuer", "number", "issued", "year", "basis"),
    [
        (
            "bnv-251-2022.txt",
            "Bộ Nội vụ",
            "251/QĐ-BNV",
            "2022-03-29",
            2022,
            ("Nghị định", "34/2017/NĐ-CP", "2017-04-03"),
        ),
        (
            "bnv-049-2025.txt",
            "BỘ NỘI VỤ",
            "049/QĐ-BNV",
            "2025-03-01",
            2025,
            ("Nghị định", "25/2025/NĐ-CP", "2025-02-21"),
        ),
    ],
)
def test_ministry_of_home_affairs_decisions_issuing_the_yearly_plan(
    name: str, issuer: str, number: str, issued: str, year: int, basis: tuple[str, str, str]
) -> None:
    draft = load(name)
    document = draft.document
    assert (document.doc_type, document.issuer, document.number) == ("Quyết định", issuer, number)
    assert (document.place, document.issue_date, document.year) == ("Hà Nội", issued, year)
    assert document.title == f"THÔNG TIN, TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM {year}"
    assert references(draft) == [
        basis,
        ("Nghị quyết", "76/NQ-CP", "2021-07-15"),
        ("Chỉ thị", "23/CT-TTg", "2021-09-02"),
    ]
    assert [s.title.casefold() for s in draft.sections if s.marker == "I."] == [
        "mục tiêu, yêu cầu và đối tượng"
    ]


def test_ba_ria_vung_tau_policy_communication_plan() -> None:
    draft = load("brvt-08-truyen-thong.txt")
    document = draft.document
    assert (document.number, document.issue_date) == ("08/KH-UBND", "2023-01-08")
    assert (document.issuer, document.place) == (
        "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU",
        "Bà Rịa - Vũng Tàu",
    )
    assert document.title == (
        "TRIỂN KHAI THỰC HIỆN CÔNG TÁC TRUYỀN THÔNG CHÍNH SÁCH TRÊN ĐỊA BÀN TỈNH BÀ RỊA – VŨNG TÀU"
    )
    assert references(draft) == [
        ("Chỉ thị", "09/CT-TTg", "2021-03-31"),
        ("Chỉ thị", "07/CT-TTg", "2023-03-21"),
        ("Quyết định", "765/QĐ-BTTTT", "2023-04-28"),
        ("Công văn", "5104/BTTTT-PTTH&TTĐT", None),
    ]
    # The copy dates the plan 08/01/2023 but cites documents of March and April 2023 (the site's page
    # address says 2024): both are flagged for a check.
    mismatches = [w for w in draft.warnings if w.code == "year_mismatch"]
    assert len(mismatches) == 2


def test_ho_chi_minh_city_2019_excerpt_without_its_header() -> None:
    draft = load("hcm-1576-2019.txt")
    assert (draft.document.number, draft.document.title) == (None, None)
    assert references(draft) == [("Nghị định", "61/2018/NĐ-CP", "2018-04-23")]
    # The wrapped lines are joined: each numbered item is one paragraph.
    markers = [s.marker for s in draft.sections if s.marker]
    assert markers == ["2.1.", "2.2.", "2.3.", "2.4.", "1.", "2."]
