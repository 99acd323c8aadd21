"""The loader against the real data: the world of tests/conftest.py was loaded by ``load_units``."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.orgs.models import LEGACY_END, REFORM_START, Unit
from cchc.orgs.services import load_units

pytestmark = pytest.mark.django_db


def unit(source_code: str, valid_from: date | None = None) -> Unit:
    return Unit.objects.get(source_code=source_code, valid_from=valid_from)


def successor_codes(u: Unit) -> set[str]:
    return set(u.successors.values_list("source_code", flat=True))


def test_legacy_province_has_its_districts_and_wards_until_the_reorganisation(legacy_province):
    districts = Unit.objects.filter(parent=legacy_province, kind=Unit.Kind.DISTRICT)
    wards = Unit.objects.filter(parent__in=districts, kind=Unit.Kind.COMMUNE)
    assert districts.count() == 7
    assert wards.count() == 62
    assert set(districts.values_list("valid_to", flat=True)) == {LEGACY_END}
    assert set(wards.values_list("valid_to", flat=True)) == {LEGACY_END}
    assert legacy_province.valid_to == LEGACY_END


def test_new_province_has_its_communes_from_1_july_2025(province):
    communes = Unit.objects.filter(parent=province, kind=Unit.Kind.COMMUNE)
    assert communes.count() == 65
    assert set(communes.values_list("valid_from", flat=True)) == {REFORM_START}
    assert (province.valid_from, province.valid_to) == (None, None)


def test_a_province_keeping_code_and_name_is_one_unit_across_the_reorganisation():
    lai_chau = Unit.objects.filter(kind=Unit.Kind.PROVINCE, name="Tỉnh Lai Châu")
    assert lai_chau.count() == 1
    children = Unit.objects.filter(parent=lai_chau.get())
    assert children.filter(kind=Unit.Kind.DISTRICT, valid_to=LEGACY_END).count() == 8
    assert children.filter(kind=Unit.Kind.COMMUNE, valid_from=REFORM_START).count() == 38


def test_merged_provinces_point_to_the_province_they_joined(legacy_province, province):
    assert list(legacy_province.successors.all()) == [province]
    assert successor_codes(unit("36")) == {"37"}
    assert unit("37").valid_from is None


def test_phan_rang_and_its_people_committee_pass_to_the_new_communes(legacy_city, legacy_city_committee):
    assert legacy_city.name == "Thành phố Phan Rang - Tháp Chàm"
    communes = list(legacy_city.successors.all())
    assert "Phường Phan Rang" in {c.name for c in communes}
    assert all(c.valid_from == REFORM_START and c.parent.source_code == "56" for c in communes)
    committees = legacy_city_committee.successors.all()
    assert {c.parent_id for c in committees} == {c.pk for c in communes}
    assert {c.catalog_key for c in committees} == {"ubnd"}


def test_district_offices_have_no_successor(legacy_city):
    office = Unit.objects.get(parent=legacy_city, catalog_key="phong-noi-vu")
    assert office.valid_to == LEGACY_END
    assert not office.successors.exists()


def test_a_divided_ward_has_every_commune_it_went_to_as_successor():
    truong_son = unit("11656")
    assert truong_son.name == "Thị trấn Trường Sơn"
    assert {s.name for s in truong_son.successors.all()} == {"Phường Phù Liễn", "Xã An Lão"}


def test_department_merge_of_1_march_2025_is_a_successor_link():
    information = unit("58:so-thong-tin-truyen-thong")
    science = unit("58:so-khoa-hoc-cong-nghe")
    assert information.valid_to == date(2025, 2, 28)
    assert list(information.successors.all()) == [science]
    assert list(science.successors.all()) == [unit("56:so-khoa-hoc-cong-nghe")]
    agriculture = unit("58:so-nong-nghiep-moi-truong", date(2025, 3, 1))
    assert set(agriculture.predecessors.values_list("catalog_key", flat=True)) == {
        "so-nong-nghiep-ptnt",
        "so-tai-nguyen-moi-truong",
    }


def test_agencies_are_named_after_their_territory(legacy_city, province):
    names = set(Unit.objects.filter(parent=province).values_list("name", flat=True))
    assert {"Sở Nội vụ tỉnh Khánh Hòa", "Báo Khánh Hòa", "Tỉnh đoàn Khánh Hòa"} <= names
    assert "Báo và Phát thanh, Truyền hình Khánh Hòa" in names
    assert (
        Unit.objects.get(parent=legacy_city, catalog_key="doan-thanh-nien").name
        == "Thành đoàn Phan Rang - Tháp Chàm"
    )


def test_new_communes_get_the_offices_of_decree_150(commune):
    keys = set(Unit.objects.filter(parent=commune).values_list("catalog_key", flat=True))
    assert keys == {
        "ubnd",
        "hdnd",
        "van-phong-hdnd-ubnd",
        "phong-kinh-te-ha-tang-do-thi",
        "phong-van-hoa-xa-hoi",
        "trung-tam-phuc-vu-hcc",
        "mttq",
    }


@pytest.fixture
def lao_cai_loaded(db):
    return load_units(["10", "15"])


def test_loading_a_province_brings_the_province_it_joined(lao_cai_loaded):
    assert lao_cai_loaded.created > 0
    assert Unit.objects.filter(source_code="10", valid_to=LEGACY_END).exists()
    assert Unit.objects.filter(source_code="15", valid_from=REFORM_START).exists()


def test_a_new_province_does_not_get_departments_that_ended_before_it_started(lao_cai_loaded):
    lao_cai = unit("15", REFORM_START)
    assert lao_cai.name == "Tỉnh Lào Cai"
    keys = set(Unit.objects.filter(parent=lao_cai).values_list("catalog_key", flat=True))
    assert "so-noi-vu" in keys
    assert "so-thong-tin-truyen-thong" not in keys
    yen_bai = unit("15")
    assert yen_bai.name == "Tỉnh Yên Bái"
    assert list(yen_bai.successors.all()) == [lao_cai]


def test_loading_twice_changes_nothing(lao_cai_loaded):
    before = Unit.objects.count(), Unit.successors.through.objects.count()
    again = load_units(["10", "15"])
    assert (again.created, again.updated, again.links_created) == (0, 0, 0)
    assert again.unchanged == lao_cai_loaded.created
    assert (Unit.objects.count(), Unit.successors.through.objects.count()) == before


def test_loading_again_repairs_a_changed_unit(legacy_city):
    Unit.objects.filter(pk=legacy_city.pk).update(name="Sai tên", search_name="sai ten")
    result = load_units(["58"])
    assert result.updated == 1
    legacy_city.refresh_from_db()
    assert legacy_city.name == "Thành phố Phan Rang - Tháp Chàm"
    assert legacy_city.search_name == "thanh pho phan rang thap cham"


def test_paths_list_the_ancestors(legacy_city_committee, legacy_city, legacy_province):
    assert legacy_city_committee.path == f"{legacy_province.pk}.{legacy_city.pk}.{legacy_city_committee.pk}."
    assert Unit.objects.subtree(legacy_city).filter(pk=legacy_city_committee.pk).exists()
    assert not Unit.objects.subtree(legacy_city_committee).filter(pk=legacy_city.pk).exists()


def test_saving_a_unit_keeps_the_paths_of_its_subtree(dept_a, dept_b):
    from tests.factories import make_unit

    team = make_unit(dept_a, name="Tổ tuyên truyền")
    member = make_unit(team, name="Nhóm báo chí")
    assert member.path == f"{dept_a.path}{team.pk}.{member.pk}."
    team.parent = dept_b
    team.save()
    member.refresh_from_db()
    assert member.path == f"{dept_b.path}{team.pk}.{member.pk}."
    assert team.search_name == "to tuyen truyen"
