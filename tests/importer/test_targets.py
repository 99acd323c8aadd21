from __future__ import annotations

from pathlib import Path

import pytest

from cchc.importer.model import SourceSpan
from cchc.importer.targets import find_indicator_targets

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "plans"

CASES = [
    (
        "+ Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của các cơ quan hành chính nhà nước (SIPAS) "
        "từ 95% trở lên (theo Nghị quyết số 06-NQ/TU ngày 09/12/2021 của Ban Thường vụ Thành ủy).",
        [("SIPAS", ">=", 95.0, "%")],
    ),
    ("Phấn đấu Chỉ số SIPAS đạt trên 90%.", [("SIPAS", ">=", 90.0, "%")]),
    ("Chỉ số PAR INDEX đạt 85,5 điểm.", [("PAR INDEX", ">=", 85.5, "points")]),
    ("Chỉ số PAPI không thấp hơn 45 điểm", [("PAPI", ">=", 45.0, "points")]),
    ("Tỷ lệ chỉ số DTI dưới 10%", [("DTI", "<=", 10.0, "%")]),
    (
        "+ Các Chỉ số: Chỉ số cải cách hành chính (PAR INDEX), Chỉ số hiệu quả quản trị và hành chính công (PAPI), "
        "Chỉ số đánh giá năng lực điều hành cấp địa phương (DDCI), Chỉ số ứng dụng công nghệ thông tin (ICT INDEX) "
        "xếp thứ hạng đầu của 07 huyện, thành phố thuộc tỉnh.",
        [
            ("PAR INDEX", "top", 1.0, "rank"),
            ("PAPI", "top", 1.0, "rank"),
            ("DDCI", "top", 1.0, "rank"),
            ("ICT INDEX", "top", 1.0, "rank"),
        ],
    ),
    ("Chỉ số PAR INDEX nằm trong nhóm 10 tỉnh dẫn đầu cả nước.", [("PAR INDEX", "top", 10.0, "rank")]),
    ("Chỉ số PCI xếp thứ 15/63 trở lên.", [("PCI", "top", 15.0, "rank")]),
    ("Phấn đấu Chỉ số SIPAS thuộc top 5 của cả nước", [("SIPAS", "top", 5.0, "rank")]),
    (
        "chú trọng các giải pháp để nâng cao các Chỉ số cải cách hành chính (Par Index), Chỉ số năng lực cạnh tranh "
        "cấp tỉnh (PCI), Chỉ số hài lòng (SIPAS) trong nhóm các địa phương dẫn đầu; cải thiện Chỉ số hiệu quả hành "
        "chính công cấp tỉnh (PAPI), Chỉ số sẵn sàng cho phát triển và ứng dụng công nghệ thông tin (ICT Index).",
        [
            ("PAR INDEX", "top", None, "rank"),
            ("PCI", "top", None, "rank"),
            ("SIPAS", "top", None, "rank"),
            ("PAPI", None, None, None),
            ("ICT INDEX", None, None, None),
        ],
    ),
    (
        "nâng cao các Chỉ số PAR INDEX, PAPI, SIPAS, PCI, ICT INDEX, DDCI, và Chỉ số chuyển đổi số (DTI).",
        [
            ("PAR INDEX", None, None, None),
            ("PAPI", None, None, None),
            ("SIPAS", None, None, None),
            ("PCI", None, None, None),
            ("ICT INDEX", None, None, None),
            ("DDCI", None, None, None),
            ("DTI", None, None, None),
        ],
    ),
    ("Tuyên truyền kết quả xếp hạng Chỉ số CCHC (PAR INDEX) của tỉnh, thành phố, xã, phường", []),
    ("Nâng cao tỷ lệ hồ sơ trực tuyến đạt 80%", []),
    ("", []),
]


@pytest.mark.parametrize(("line", "expected"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_find_indicator_targets(
    line: str, expected: list[tuple[str, str | None, float | None, str | None]]
) -> None:
    targets = find_indicator_targets([line])
    assert [(t.index, t.comparator, t.value, t.unit) for t in targets] == expected
    assert all(t.source == SourceSpan(1, 1) and t.text for t in targets)


def test_a_percentage_far_from_the_index_is_not_its_target() -> None:
    line = (
        "Nâng cao Chỉ số SIPAS; phấn đấu tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn, trước hạn và "
        "tiếp nhận trực tuyến toàn trình của các cơ quan đạt 100%."
    )
    assert [(t.index, t.comparator, t.value) for t in find_indicator_targets([line])] == [
        ("SIPAS", None, None)
    ]


def test_one_target_per_index_comparator_and_value_and_aims_give_way_to_values() -> None:
    lines = ["Nâng cao Chỉ số SIPAS.", "Chỉ số SIPAS từ 95% trở lên.", "Chỉ số SIPAS đạt từ 95% trở lên."]
    targets = find_indicator_targets(lines)
    assert [(t.index, t.comparator, t.value, t.source) for t in targets] == [
        ("SIPAS", ">=", 95.0, SourceSpan(2, 2))
    ]


def test_sample_000_targets() -> None:
    lines = (SAMPLES / "000_3fafabba7dc32f4e.txt").read_text(encoding="utf-8").splitlines()
    targets = {(t.index, t.comparator, t.value) for t in find_indicator_targets(lines)}
    assert ("SIPAS", ">=", 95.0) in targets
    assert ("PAR INDEX", "top", 1.0) in targets
    assert ("DTI", None, None) in targets
    assert ("SIPAS", None, None) not in targets
