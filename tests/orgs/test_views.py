"""The unit browser: login, scope (404 outside it), search, filters, htmx fragments, flat query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.orgs.models import Unit
from tests.factories import make_unit

pytestmark = pytest.mark.django_db

LIST = reverse("orgs:unit_list")


def detail(unit: Unit) -> str:
    return reverse("orgs:unit_detail", args=[unit.pk])


@pytest.mark.parametrize("url_name", ["orgs:unit_list", "orgs:unit_detail"])
def test_anonymous_user_is_sent_to_login(client, dept_a, url_name):
    url = reverse(url_name, args=[dept_a.pk] if url_name.endswith("detail") else [])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_officer_lists_only_its_unit(client_officer_a, dept_a, dept_b):
    response = client_officer_a.get(LIST)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [dept_a]
    assert dept_b.name not in response.content.decode()


def test_search_ignores_diacritics(client_admin):
    response = client_admin.get(LIST, {"q": "phan rang"})
    names = [u.name for u in response.context["page"].object_list]
    assert "Thành phố Phan Rang - Tháp Chàm" in names
    assert all("phan rang" in u.search_name for u in response.context["page"].object_list)


def test_search_d_matches_đ(client_coordinator, province):
    response = client_coordinator.get(LIST, {"q": "so noi vu"})
    assert [u.name for u in response.context["page"].object_list] == ["Sở Nội vụ tỉnh Khánh Hòa"]


def test_filters_by_kind_and_era(client_admin, legacy_province, province):
    response = client_admin.get(LIST, {"kind": "province", "era": "historical", "q": "ninh"})
    assert [u.name for u in response.context["page"].object_list] == ["Tỉnh Ninh Thuận"]
    response = client_admin.get(LIST, {"kind": "province", "era": "current", "q": "ninh"})
    assert [u.name for u in response.context["page"].object_list] == ["Tỉnh Ninh Bình"]


def test_an_invalid_filter_is_ignored(client_officer_a, dept_a):
    response = client_officer_a.get(LIST, {"kind": "planet", "era": "future"})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [dept_a]


def test_htmx_gets_the_results_fragment(client_coordinator):
    response = client_coordinator.get(LIST, {"q": "khanh hoa"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Tỉnh Khánh Hòa" in body


def test_the_page_has_labelled_filters_and_pagination(client_coordinator):
    response = client_coordinator.get(LIST, {"page": 2})
    body = response.content.decode()
    assert response.context["page"].number == 2
    assert 'for="id_q"' in body and 'for="id_kind"' in body and 'for="id_era"' in body
    assert 'aria-label="Phân trang"' in body


def test_post_is_not_allowed(client_officer_a, dept_a):
    assert client_officer_a.post(LIST).status_code == 405
    assert client_officer_a.post(detail(dept_a)).status_code == 405


@pytest.mark.parametrize("count", [0, 30])
def test_list_query_count_is_flat(client_officer_a, dept_a, count, django_assert_num_queries):
    for number in range(count):
        make_unit(dept_a, name=f"Tổ {number}")
    # session, user, memberships (scope), count, page, unread notifications (header bell)
    with django_assert_num_queries(6):
        response = client_officer_a.get(LIST)
    assert response.context["page"].paginator.count == count + 1


def test_detail_shows_breadcrumb_children_and_validity(client_admin, legacy_city, legacy_province):
    response = client_admin.get(detail(legacy_city))
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["ancestors"] == [legacy_province]
    assert "Phòng Nội vụ thành phố Phan Rang - Tháp Chàm" in body
    assert "Phường Kinh Dinh" in body
    assert "30/06/2025" in body
    assert "Phường Phan Rang" in body  # a successor


def test_detail_links_only_to_units_in_scope(
    client_coordinator, commune_committee, province, legacy_province
):
    response = client_coordinator.get(detail(commune_committee))
    body = response.content.decode()
    assert detail(province) in body
    response = client_coordinator.get(detail(province))
    assert "Tỉnh Ninh Thuận" in response.content.decode()
    assert detail(legacy_province) not in response.content.decode()


def test_detail_outside_scope_is_404(client_officer_b, client_outsider, dept_a, province):
    assert client_officer_b.get(detail(dept_a)).status_code == 404
    assert client_outsider.get(detail(province)).status_code == 404
    assert client_officer_b.get(reverse("orgs:unit_detail", args=[10**9])).status_code == 404


def test_detail_query_count_does_not_grow_with_children(client_admin, dept_a, django_assert_max_num_queries):
    for number in range(20):
        make_unit(dept_a, name=f"Tổ {number}")
    with django_assert_max_num_queries(9):
        response = client_admin.get(detail(dept_a))
    assert len(response.context["agencies"]) == 20
