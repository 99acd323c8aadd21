from __future__ import annotations

import pytest

from cchc.importer.agencies import GROUPS, canonical_agency, split_agencies
from cchc.importer.model import Agency


def _short(agencies: list[Agency]) -> list[str]:
    """ "name" for an agency, "group:KEY" for a group, "?name" for an unrecognised one."""
    return [
        f"group:{a.group}" if a.is_group else (a.name if a.recognised else f"?{a.name}") for a in agencies
    ]


SPLIT_CASES = [
    # cells and phrases of the five samples
    ("Đài Truyền thanh thành phố", ["Đài Truyền thanh thành phố"]),
    ("Các cơ quan, đơn vị, xã, phường có liên quan", ["group:related"]),
    ("Văn phòng HĐND-UBND thành phố", ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố"]),
    ("Các sở, ban ngành, địa phương.", ["group:departments", "group:district_committees"]),
    ("Các sở, ban, ngành, địa phương", ["group:departments", "group:district_committees"]),
    ("Các đơn vị liên quan.", ["group:related"]),
    ("Sở Thông tin và Truyền thông.", ["Sở Thông tin và Truyền thông"]),
    ("Các cơ quan báo chí, các đơn vị truyền thông của tỉnh.", ["group:press"]),
    (
        "Đài Phát thanh và Truyền hình tỉnh; các đơn vị truyền thông.",
        ["Đài Phát thanh và Truyền hình tỉnh", "group:press"],
    ),
    ("Sở Văn hóa, Thể thao và Du lịch.", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Các sở, ban ngành, đơn vị liên quan.", ["group:departments", "group:related"]),
    ("UBND các huyện, thị xã, thành phố.", ["group:district_committees"]),
    (
        "Phòng Văn hóa và Thông tin; Trung tâm Truyền thông - Văn hóa - Thể thao các huyện, thị xã, thành phố.",
        [
            "Phòng Văn hóa và Thông tin",
            "Trung tâm Truyền thông - Văn hóa - Thể thao các huyện, thị xã, thành phố",
        ],
    ),
    (
        "Các sở, ban, ngành, đoàn thể, Ủy ban nhân dân các huyện, thành phố",
        ["group:departments", "group:mass_organisations", "group:district_committees"],
    ),
    (
        "Sở Nội vụ, các sở, ban, ngành, đoàn thể, Ủy ban nhân dân các huyện, thành phố",
        ["Sở Nội vụ", "group:departments", "group:mass_organisations", "group:district_committees"],
    ),
    ("Sở Nội vụ, các cơ quan, đơn vị liên quan", ["Sở Nội vụ", "group:related"]),
    (
        "Văn phòng UBND tỉnh, Sở Nội vụ, Sở Thông tin và Truyền thông",
        ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Nội vụ", "Sở Thông tin và Truyền thông"],
    ),
    (
        "Các sở, ban, ngành; Ủy ban nhân dân các quận, huyện",
        ["group:departments", "group:district_committees"],
    ),
    ("Các sở, ngành, Ủy ban nhân dân các quận, huyện", ["group:departments", "group:district_committees"]),
    (
        "Ủy ban nhân dân các quận, huyện; Trung tâm Văn hóa - Thông tin và Thể thao quận, huyện",
        ["group:district_committees", "Trung tâm Văn hóa - Thông tin và Thể thao quận, huyện"],
    ),
    (
        "Phòng Văn hóa và Thông tin; Trung tâm Văn hóa – Thông tin và Thể thao quận, huyện.",
        ["Phòng Văn hóa và Thông tin", "Trung tâm Văn hóa - Thông tin và Thể thao quận, huyện"],
    ),
    ("Phòng Văn hóa, Khoa học và Thông tin thành phố", ["Phòng Văn hóa, Khoa học và Thông tin thành phố"]),
    (
        "Trung tâm Văn hóa Thể thao và Truyền thanh thành phố và các cơ quan, đơn vị có liên quan",
        ["Trung tâm Văn hóa - Thể thao và Truyền thanh thành phố", "group:related"],
    ),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố, các tổ chức chính trị - xã hội",
        ["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "group:mass_organisations"],
    ),
    ("Sở Nội vụ, các cơ quan, đơn vị liên quan", ["Sở Nội vụ", "group:related"]),
    ("Sở Nội vụ và Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    ("Các sở: Nội vụ, Tư pháp và Tài chính", ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính"]),
    ("Sở Nội vụ, Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
    ("Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
    ("<p>Sở Nội vụ</p> <p>Sở Tư pháp</p>", ["Sở Nội vụ", "Sở Tư pháp"]),
    ("- Sở Nội vụ\n- Sở Y tế", ["Sở Nội vụ", "Sở Y tế"]),
    ("Sở Nội vụ - Sở Y tế", ["Sở Nội vụ", "Sở Y tế"]),
    ("Mặt trận, đoàn thể thành phố", ["Mặt trận Tổ quốc Việt Nam", "group:mass_organisations"]),
    ("UBND các xã, phường, thị trấn", ["group:commune_committees"]),
    ("UBND cấp xã", ["group:commune_committees"]),
    ("Các phòng, ban, ngành thành phố", ["group:local_offices"]),
    ("các cơ quan chuyên môn thuộc UBND huyện", ["group:local_offices"]),
    ("cơ quan thông tấn, báo chí", ["group:press"]),
    ("các cơ quan, đơn vị, địa phương", ["group:all_units"]),
    ("Các cơ quan, đơn vị thành phố", ["group:all_units"]),
    ("UBND thành phố", ["Ủy ban nhân dân thành phố"]),
    ("UBND phường Đông Hải", ["Ủy ban nhân dân phường Đông Hải"]),
    ("Sở TT&TT (chủ trì), Sở Nội vụ (phối hợp)", ["Sở Thông tin và Truyền thông", "Sở Nội vụ"]),
    ("Toàn thể cán bộ công chức", ["?Toàn thể cán bộ công chức"]),
    ("Sở Thông tin và Truyền thông chủ trì", ["Sở Thông tin và Truyền thông"]),
    (
        "Các sở, ban, ngành tỉnh; UBND cấp huyện, cấp xã",
        ["group:departments", "group:district_committees", "group:commune_committees"],
    ),
    ("Công an tỉnh và các đơn vị liên quan", ["Công an tỉnh", "group:related"]),
    (
        "Tỉnh Đoàn, Hội Liên hiệp Phụ nữ tỉnh, Hội Nông dân tỉnh",
        ["Tỉnh Đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh"],
    ),
    ("Phòng VH&TT huyện", ["Phòng Văn hóa và Thông tin huyện"]),
    ("Các cơ quan thông tấn, báo chí trên địa bàn tỉnh", ["group:press"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES, ids=[c[0][:50] or "empty" for c in SPLIT_CASES])
def test_split_agencies(text: str, expected: list[str]) -> None:
    assert _short(split_agencies(text)) == expected


CANONICAL_CASES = [
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Sở TT và TT", "Sở Thông tin và Truyền thông"),
    ("Sở TTTT", "Sở Thông tin và Truyền thông"),
    ("Sở VHTT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Đài PT&TH tỉnh", "Đài Phát thanh và Truyền hình tỉnh"),
    ("Đài PT-TH", "Đài Phát thanh và Truyền hình"),
    ("VPUB", "Văn phòng Ủy ban nhân dân"),
    ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("UBND TP", "Ủy ban nhân dân thành phố"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
    ("MTTQ", "Mặt trận Tổ quốc Việt Nam"),
    ("UB MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Ủy ban Mặt trận Tổ quốc thành phố", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố"),
    ("LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh"),
    ("Đoàn TNCS HCM tỉnh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"),
    ("Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("Hội ND", "Hội Nông dân"),
    ("Hội CCB huyện", "Hội Cựu chiến binh huyện"),
    ("BCH Quân sự huyện", "Ban Chỉ huy Quân sự huyện"),
    ("BCH Đoàn huyện", "Ban Chấp hành Đoàn huyện"),
    ("Ban Chỉ đạo CCHC", "Ban Chỉ đạo cải cách hành chính"),
    ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
    ("phòng Nội vụ", "Phòng Nội vụ"),
    ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
    ("Giao Phòng Tư pháp thành phố", "Phòng Tư pháp thành phố"),
    ("- Cơ quan chủ trì: Sở Nội vụ.", "Sở Nội vụ"),
]


@pytest.mark.parametrize(("text", "name"), CANONICAL_CASES, ids=[c[0] for c in CANONICAL_CASES])
def test_canonical_agency_expands_abbreviations(text: str, name: str) -> None:
    agency = canonical_agency(text)
    assert (agency.name, agency.recognised, agency.is_group) == (name, True, False)


def test_canonical_agency_keeps_the_printed_text() -> None:
    assert canonical_agency("Sở TT&TT (chủ trì)").text == "Sở TT&TT"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Các sở, ban, ngành", "departments"),
        ("UBND các huyện, thị xã, thành phố", "district_committees"),
        ("Ủy ban nhân dân các quận, huyện", "district_committees"),
        ("UBND các xã, phường, thị trấn", "commune_committees"),
        ("các phòng, ban, ngành thành phố", "local_offices"),
        ("các cơ quan báo chí", "press"),
        ("các tổ chức chính trị - xã hội", "mass_organisations"),
        ("các đoàn thể", "mass_organisations"),
        ("các cơ quan, đơn vị có liên quan", "related"),
        ("các cơ quan, đơn vị, địa phương", "all_units"),
    ],
)
def test_group_phrases_are_kept_whole_with_their_key(text: str, group: str) -> None:
    agency = canonical_agency(text)
    assert (agency.is_group, agency.group, agency.name) == (True, group, text)
    assert group in GROUPS


@pytest.mark.parametrize(
    "text",
    [
        "Sở Tài nguyên và Môi trường",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Báo Quảng Ngãi",
        "Ban Tuyên giáo Thành ủy",
        "Công an tỉnh",
        "Bộ Chỉ huy Quân sự tỉnh",
        "Thanh tra tỉnh",
        "Kho bạc Nhà nước tỉnh",
        "Chi cục Thuế khu vực",
        "Liên đoàn Lao động tỉnh",
        "Tỉnh đoàn",
        "Trường Chính trị tỉnh",
    ],
)
def test_known_kinds_of_body_are_recognised(text: str) -> None:
    agency = canonical_agency(text)
    assert (agency.name, agency.recognised) == (text, True)


@pytest.mark.parametrize("text", ["Toàn thể cán bộ", "Người dân và doanh nghiệp", "Sở", "Ông Nguyễn Văn A"])
def test_text_that_names_no_body_is_not_recognised(text: str) -> None:
    agency = canonical_agency(text)
    assert (agency.recognised, agency.is_group) == (False, False)


SHOUTED_CASES = [
    ("SỞ NỘI VỤ", "Sở Nội vụ"),
    ("SỞ NỘI VỤ TỈNH NAM ĐỊNH", "Sở Nội vụ tỉnh Nam Định"),
    ("PHÒNG VĂN HÓA - XÃ HỘI", "Phòng Văn hóa - Xã hội"),
    ("PHÒNG VĂN HÓA - XÃ HỘI XÃ HÒA BÌNH", "Phòng Văn hóa - Xã hội xã Hòa Bình"),
    ("UBND XÃ HÒA BÌNH", "Ủy ban nhân dân xã Hòa Bình"),
    ("ỦY BAN NHÂN DÂN HUYỆN ĐỒNG HỶ", "Ủy ban nhân dân huyện Đồng Hỷ"),
    ("UBND THÀNH PHỐ PHAN RANG - THÁP CHÀM", "Ủy ban nhân dân thành phố Phan Rang - Tháp Chàm"),
    (
        "TRUNG TÂM VĂN HÓA THỂ THAO VÀ TRUYỀN THANH THÀNH PHỐ",
        "Trung tâm Văn hóa - Thể thao và Truyền thanh thành phố",
    ),
    ("ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH TỈNH", "Đài Phát thanh và Truyền hình tỉnh"),
    ("VĂN PHÒNG HĐND VÀ UBND HUYỆN", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"),
    ("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("BỘ CHỈ HUY QUÂN SỰ TỈNH", "Bộ Chỉ huy Quân sự tỉnh"),
    ("BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG HUYỆN", "Ban Quản lý dự án đầu tư xây dựng huyện"),
    ("BÁO QUẢNG NGÃI", "Báo Quảng Ngãi"),
    ("BAN THƯỜNG VỤ HUYỆN ỦY", "Ban Thường vụ Huyện ủy"),
    ("HỘI LIÊN HIỆP PHỤ NỮ TỈNH", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("SỞ TT&TT", "Sở Thông tin và Truyền thông"),
    ("PHÒNG VH&TT HUYỆN", "Phòng Văn hóa và Thông tin huyện"),
]


@pytest.mark.parametrize(("text", "name"), SHOUTED_CASES, ids=[c[0] for c in SHOUTED_CASES])
def test_an_agency_printed_in_capitals_gets_its_canonical_sentence_case(text: str, name: str) -> None:
    agency = canonical_agency(text)
    assert (agency.name, agency.text, agency.recognised, agency.is_group) == (name, text, True, False)


@pytest.mark.parametrize(
    "text",
    [c[0] for c in CANONICAL_CASES]
    + [
        "Sở Tài nguyên và Môi trường",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Ban Tuyên giáo Thành ủy",
        "Công an tỉnh",
        "Thanh tra tỉnh",
        "Kho bạc Nhà nước tỉnh",
        "Chi cục Thuế khu vực",
        "Liên đoàn Lao động tỉnh",
        "Tỉnh đoàn",
        "Trường Chính trị tỉnh",
        "Phòng Văn hóa, Khoa học và Thông tin thành phố",
        "Trung tâm Văn hóa - Thông tin và Thể thao quận, huyện",
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố",
    ],
)
def test_the_same_name_in_capitals_gives_the_same_canonical_name(text: str) -> None:
    assert canonical_agency(text.upper()).name == canonical_agency(text).name


def test_capitals_are_split_like_any_list_and_keep_the_printed_text() -> None:
    found = split_agencies("SỞ NỘI VỤ, TƯ PHÁP; CÔNG AN TỈNH, UBND CÁC XÃ, PHƯỜNG")
    assert _short(found) == ["Sở Nội vụ", "Sở Tư pháp", "Công an tỉnh", "group:commune_committees"]
    assert [a.text for a in found[:1]] == ["SỞ NỘI VỤ"]
    assert found[3].name == "UBND các xã, phường"
    assert [a.name for a in split_agencies("CÁC SỞ, BAN, NGÀNH")] == ["Các sở, ban, ngành"]
    assert _short(split_agencies("CÁC SỞ: NỘI VỤ, TƯ PHÁP")) == ["Sở Nội vụ", "Sở Tư pháp"]


@pytest.mark.parametrize("text", ["Sở TT&TT", "UBND", "Hội ND", "Sở GD&ĐT tỉnh", "Phòng Nội vụ"])
def test_abbreviations_and_mixed_case_names_are_not_taken_for_capitals(text: str) -> None:
    assert canonical_agency(text).name == canonical_agency(text).name.strip()
    assert not canonical_agency(text).name.isupper()
