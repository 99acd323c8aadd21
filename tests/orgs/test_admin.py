from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_searches_units_without_diacritics(client_admin):
    response = client_admin.get(reverse("admin:orgs_unit_changelist"), {"q": "phan rang thap cham"})
    assert response.status_code == 200
    assert "Thành phố Phan Rang - Tháp Chàm" in response.content.decode()


def test_admin_lists_memberships(client_admin, coordinator):
    response = client_admin.get(reverse("admin:orgs_membership_changelist"), {"q": "dieuphoi"})
    assert response.status_code == 200
    assert "Sở Nội vụ tỉnh Khánh Hòa" in response.content.decode()


def test_admin_unit_page_opens(client_admin, dept_a):
    assert client_admin.get(reverse("admin:orgs_unit_change", args=[dept_a.pk])).status_code == 200
