"""Search by name ignores diacritics, case and punctuation on every database."""

from __future__ import annotations

import pytest

from cchc.orgs.models import Unit, search_key

pytestmark = pytest.mark.django_db


def names(text: str) -> set[str]:
    return set(Unit.objects.search(text).values_list("name", flat=True))


def test_search_key_folds_diacritics_d_and_punctuation():
    assert search_key("Thành phố Phan Rang-Tháp Chàm") == "thanh pho phan rang thap cham"
    assert search_key("ĐÀI Phát thanh") == "dai phat thanh"


def test_phan_rang_finds_phan_rang_thap_cham():
    assert "Thành phố Phan Rang - Tháp Chàm" in names("phan rang")
    assert "Thành phố Phan Rang - Tháp Chàm" in names("Phan Rang-Tháp Chàm")


def test_d_matches_đ():
    assert "Tỉnh Nam Định" in names("nam dinh")
    assert names("nam dinh") == names("Nam Định")
    assert "Đài Phát thanh và Truyền hình Nam Định" in names("dai phat thanh nam dinh")


def test_every_word_must_occur():
    found = names("so noi vu ninh thuan")
    assert found == {"Sở Nội vụ tỉnh Ninh Thuận"}


def test_empty_search_keeps_everything():
    assert Unit.objects.search("  ").count() == Unit.objects.count()


def test_loader_search_names_equal_search_key():
    from cchc.orgs.services import _search_key

    names = ["Thành phố Phan Rang-Tháp Chàm", "  Ủy ban  nhân dân  ", "Phòng Văn hóa - Xã hội", "Đài PT&TH"]
    names += list(Unit.objects.values_list("name", flat=True)[:500])
    assert [_search_key(n) for n in names] == [search_key(n) for n in names]
