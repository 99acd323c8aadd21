from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.orgs.access import can_see
from cchc.orgs.models import Membership, Unit

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_load_units_prints_counts_and_time():
    output = run("load_units", "--province", "58")
    assert "xã, phường, thị trấn, đặc khu: 127" in output
    assert "Thêm 0, cập nhật 0" in output
    assert "giây" in output


def test_load_units_refuses_an_unknown_province():
    with pytest.raises(CommandError, match="99"):
        run("load_units", "--province", "99")


def test_create_demo_users_is_idempotent_and_prints_the_table():
    first = run("create_demo_users")
    second = run("create_demo_users")
    assert "Tên đăng nhập" in first and "cchc-demo-2025" in first
    assert first == second
    User = get_user_model()
    assert User.objects.filter(username="dieuphoi").count() == 1
    assert Membership.objects.filter(user__username="dieuphoi").count() == 1
    assert User.objects.get(username="quantri").is_superuser
    assert User.objects.get(username="canbo").check_password("cchc-demo-2025")


def test_demo_users_see_the_issuers_of_the_sample_plans():
    run("create_demo_users")
    User = get_user_model()
    phan_rang = Unit.objects.get(source_code="582:ubnd")
    assert can_see(User.objects.get(username="dieuphoi"), phan_rang)
    assert can_see(User.objects.get(username="lanhdao"), phan_rang)
    assert can_see(User.objects.get(username="dieuphoi_namdinh"), Unit.objects.get(source_code="36:ubnd"))
