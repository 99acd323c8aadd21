"""Scopes: officers see their unit's subtree, coordinators and leaders their territory's, admins everything."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from cchc.orgs.access import can_coordinate, can_see, get_unit_for_user, scope_units, units_visible_to
from cchc.orgs.models import Membership, Unit
from tests.factories import add_membership, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_officer_sees_only_its_unit_and_what_is_below(officer_a, dept_a):
    team = make_unit(dept_a, name="Tổ công tác")
    assert set(units_visible_to(officer_a)) == {dept_a, team}


def test_coordinator_at_a_department_sees_the_whole_province(
    coordinator, province, dept_b, commune_committee
):
    visible = units_visible_to(coordinator)
    assert scope_units(coordinator) == [province]
    assert {province, dept_b, commune_committee} <= set(visible)
    assert visible.count() == Unit.objects.subtree(province).count()


def test_leader_reads_the_territory_of_its_unit(leader, province, commune_committee):
    assert scope_units(leader) == [province]
    assert can_see(leader, commune_committee)


def test_outsider_sees_nothing_of_another_province(outsider, province, dept_a, other_province):
    assert scope_units(outsider) == [other_province]
    assert not units_visible_to(outsider).filter(pk__in=[province.pk, dept_a.pk]).exists()


def test_administrator_and_superuser_see_everything(admin, province):
    plain_admin = make_user(unit=province, role=Membership.Role.ADMIN)
    assert scope_units(admin) is None
    assert scope_units(plain_admin) is None
    assert units_visible_to(plain_admin).count() == Unit.objects.count()


def test_anonymous_user_sees_nothing(province):
    assert not units_visible_to(AnonymousUser()).exists()
    assert not can_coordinate(AnonymousUser(), province)


def test_user_without_membership_sees_nothing(province):
    assert not units_visible_to(make_user()).exists()


def test_several_memberships_add_up_and_nested_scopes_collapse(officer_a, dept_a, dept_b, province):
    add_membership(officer_a, dept_b)
    assert set(units_visible_to(officer_a)) == {dept_a, dept_b}
    add_membership(officer_a, dept_a, Membership.Role.LEADER)
    assert scope_units(officer_a) == [province]


def test_get_unit_for_user_is_404_outside_the_scope(officer_a, officer_b, dept_a):
    assert get_unit_for_user(officer_a, dept_a.pk) == dept_a
    with pytest.raises(Http404):
        get_unit_for_user(officer_b, dept_a.pk)
    with pytest.raises(Http404):
        get_unit_for_user(officer_a, 10**9)


def test_only_coordinators_of_the_territory_coordinate(
    coordinator, officer_a, leader, outsider, admin, dept_a, commune_committee, legacy_city_committee
):
    assert can_coordinate(coordinator, commune_committee)
    assert can_coordinate(coordinator, dept_a)
    assert not can_coordinate(coordinator, legacy_city_committee)
    assert not can_coordinate(officer_a, dept_a)
    assert not can_coordinate(leader, dept_a)
    assert not can_coordinate(outsider, dept_a)
    assert can_coordinate(admin, legacy_city_committee)


def test_scope_costs_one_query_and_listing_one_more(coordinator, django_assert_num_queries):
    with django_assert_num_queries(1):
        visible = units_visible_to(coordinator)
    with django_assert_num_queries(1):
        assert len(visible.filter(catalog_key="ubnd")[:5]) == 5
