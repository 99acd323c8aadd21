"""Issuers and agencies of the five sample plans, found among the real units."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.orgs.matching import expand_group, find_issuer_unit, match_agency
from cchc.orgs.models import Unit

pytestmark = pytest.mark.django_db


def unit(source_code: str, valid_from: date | None = None) -> Unit:
    """A unit by code; "code@YYYY-MM-DD" for a unit that starts on that day."""
    if "@" in source_code:
        source_code, start = source_code.split("@")
        valid_from = date.fromisoformat(start)
    return Unit.objects.get(source_code=source_code, valid_from=valid_from)


@pytest.mark.parametrize(
    ("issuer", "place", "on", "hint", "expected"),
    [
        # 000: no header; the place-date line names the district-level city.
        (None, "Phan Rang - Tháp Chàm", date(2025, 3, 7), None, "582:ubnd"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG - THÁP CHÀM", None, date(2025, 3, 7), None, "582:ubnd"),
        # 001: nothing on top; the title names the city (not the province of the same name).
        (
            None,
            None,
            date(2020, 1, 17),
            "Tuyên truyền công tác cải cách hành chính thành phố Lai Châu năm 2020",
            "105:ubnd",
        ),
        # 002: the title names the province.
        (
            None,
            None,
            date(2023, 1, 1),
            "Tuyên truyền cải cách hành chính năm 2023 trên địa bàn tỉnh Quảng Ngãi",
            "51:ubnd",
        ),
        # 003: issued in December 2024 by the province that joined Ninh Bình on 1/7/2025.
        ("UBND tỉnh Nam Định", None, date(2024, 12, 1), None, "36:ubnd"),
        (
            None,
            None,
            None,
            ["Kèm theo Kế hoạch số: /KH-UBND ngày /12/2024 của UBND tỉnh Nam Định"],
            "36:ubnd",
        ),
        # 004: the place alone, a city at province level.
        (None, "Hải Phòng", date(2023, 1, 1), None, "31:ubnd"),
        ("UBND thành phố Hải Phòng", "Hải Phòng", date(2023, 6, 1), None, "31:ubnd"),
    ],
)
def test_issuers_of_the_samples_are_found(issuer, place, on, hint, expected):
    found = find_issuer_unit(issuer, place, on, hint=hint)
    assert found == unit(expected)


def test_issuer_is_found_under_the_superior_named_in_the_header():
    found = find_issuer_unit(None, "Phan Rang - Tháp Chàm", date(2025, 3, 7), hint="UBND TỈNH NINH THUẬN")
    assert found == unit("582:ubnd")


def test_place_shared_by_province_and_city_means_the_province_without_other_clues():
    assert find_issuer_unit(None, "Lai Châu", date(2020, 1, 17)) == unit("12:ubnd")


def test_issuer_line_naming_a_department_gives_the_department():
    found = find_issuer_unit("SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH QUẢNG NGÃI", "Quảng Ngãi", date(2023, 4, 1))
    assert found == unit("51:so-thong-tin-truyen-thong")


def test_issuer_after_the_reorganisation_is_the_new_unit():
    assert find_issuer_unit("UBND tỉnh Khánh Hòa", "Khánh Hòa", date(2025, 9, 1)) == unit("56:ubnd")
    assert find_issuer_unit("UBND phường Phan Rang", None, date(2025, 9, 1)) == unit(
        "22759:ubnd", date(2025, 7, 1)
    )


def test_nothing_recognisable_gives_none():
    assert find_issuer_unit(None, None, date(2025, 1, 1)) is None
    assert find_issuer_unit("Công ty cổ phần ABC", "Sao Hỏa", date(2025, 1, 1)) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Phòng Nội vụ thành phố", "582:phong-noi-vu"),
        ("Phòng Tư pháp thành phố", "582:phong-tu-phap"),
        ("Phòng Văn hóa, Khoa học và Thông tin", "582:phong-van-hoa-khoa-hoc-thong-tin@2025-03-01"),
        ("Trung tâm Văn hóa - Thể thao và Truyền thanh thành phố", "582:trung-tam-van-hoa"),
        ("Trung tâm Chính trị thành phố", "582:trung-tam-chinh-tri"),
        ("Phòng Tài chính - Kế hoạch thành phố", "582:phong-tai-chinh-ke-hoach"),
        ("Sở Nội vụ", "58:so-noi-vu"),
        ("Báo Ninh Thuận", "58:bao"),
    ],
)
def test_agencies_of_the_phan_rang_plan_are_matched(name, expected):
    issuer = unit("582:ubnd")
    assert match_agency(name, issuer, date(2025, 3, 7)) == unit(expected)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sở Thông tin và Truyền thông", "51:so-thong-tin-truyen-thong"),
        ("Sở TT&TT", "51:so-thong-tin-truyen-thong"),
        ("Báo Quảng Ngãi", "51:bao"),
        ("Đài Phát thanh và Truyền hình tỉnh", "51:dai-ptth"),
        ("Sở Văn hóa Thể thao và Du lịch", "51:so-van-hoa-the-thao-du-lich"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "51:mttq"),
        ("Tỉnh đoàn", "51:doan-thanh-nien"),
        ("Văn phòng UBND tỉnh", "51:van-phong-ubnd"),
    ],
)
def test_agencies_of_the_quang_ngai_plan_are_matched(name, expected):
    assert match_agency(name, unit("51:ubnd"), date(2023, 3, 1)) == unit(expected)


def test_an_agency_that_had_merged_gives_way_to_its_successor():
    issuer = unit("51:ubnd")
    assert match_agency("Sở Thông tin và Truyền thông", issuer, date(2025, 5, 1)) == unit(
        "51:so-khoa-hoc-cong-nghe"
    )
    office = match_agency("Phòng Văn hóa và Thông tin", unit("582:ubnd"), date(2025, 3, 7))
    assert office == unit("582:phong-van-hoa-khoa-hoc-thong-tin", date(2025, 3, 1))


def test_a_named_committee_below_the_issuer_is_matched():
    found = match_agency("UBND phường Kinh Dinh", unit("582:ubnd"), date(2025, 3, 7))
    assert found is not None
    assert found.catalog_key == "ubnd"
    assert found.parent.name == "Phường Kinh Dinh"


def test_group_phrases_and_unknown_names_are_not_agencies():
    issuer = unit("582:ubnd")
    assert match_agency("UBND các xã, phường", issuer, date(2025, 3, 7)) is None
    assert match_agency("Công ty Điện lực", issuer, date(2025, 3, 7)) is None
    assert match_agency("", issuer, date(2025, 3, 7)) is None


def test_groups_of_a_provincial_plan_expand_to_valid_units():
    issuer = unit("36:ubnd")
    on = date(2024, 12, 1)
    departments = expand_group("departments", issuer, on)
    keys = {u.catalog_key for u in departments}
    assert {"so-noi-vu", "so-thong-tin-truyen-thong", "van-phong-ubnd"} <= keys
    assert "so-nong-nghiep-moi-truong" not in keys
    assert issuer not in departments
    # Nine districts in the data: Mỹ Lộc had joined the city of Nam Định on 1/1/2025.
    assert len(expand_group("district_committees", issuer, on)) == 9
    communes = expand_group("commune_committees", issuer, on)
    assert communes and all(u.catalog_key == "ubnd" and u.parent.kind == Unit.Kind.COMMUNE for u in communes)
    assert {u.catalog_key for u in expand_group("press", issuer, on)} == {"bao", "dai-ptth"}
    assert {u.agency_type for u in expand_group("mass_organisations", issuer, on)} == {
        "front",
        "mass_organisation",
    }
    assert expand_group("related", issuer, on) == []
    assert expand_group("no-such-group", issuer, on) == []


def test_groups_of_a_district_plan_expand_within_the_district():
    issuer = unit("582:ubnd")
    on = date(2025, 3, 7)
    offices = {u.catalog_key for u in expand_group("local_offices", issuer, on)}
    assert {"phong-noi-vu", "phong-van-hoa-khoa-hoc-thong-tin", "van-phong-hdnd-ubnd"} <= offices
    assert "phong-van-hoa-thong-tin" not in offices
    communes = expand_group("commune_committees", issuer, on)
    assert len(communes) == 13
    press = {u.catalog_key for u in expand_group("press", issuer, on)}
    assert press == {"bao", "dai-ptth", "trung-tam-van-hoa"}
    everyone = expand_group("all_units", issuer, on)
    assert set(communes) <= set(everyone)
    assert issuer not in everyone


def test_groups_after_the_reorganisation_use_the_new_communes():
    issuer = unit("56:ubnd")
    on = date(2025, 9, 1)
    assert expand_group("district_committees", issuer, on) == []
    assert len(expand_group("commune_committees", issuer, on)) == 65
    assert {u.catalog_key for u in expand_group("press", issuer, on)} == {"bao-ptth"}
