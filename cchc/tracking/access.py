"""Who may follow a plan's progress: its coordinators and leaders (of a territory above its issuer) and
administrators. Officers follow their own units' tasks only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from cchc.orgs.access import TERRITORY_ROLES, can_coordinate, is_administrator, territory_of
from cchc.orgs.models import Membership, Unit
from cchc.plans.access import get_plan_for_user
from cchc.plans.models import Plan

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


def can_monitor(user: User, plan: Plan) -> bool:
    if can_coordinate(user, plan.issuer):
        return True
    leaderships = Membership.objects.filter(user=user, role=Membership.Role.LEADER).select_related(
        "unit__parent"
    )
    return any(plan.issuer.path.startswith(territory_of(m.unit).path) for m in leaderships)


def get_monitored_plan(user: User, pk: int) -> Plan:
    """The plan ``pk``: 404 when the user cannot read it, 403 when it may read but not follow it."""
    plan = get_plan_for_user(user, pk)
    if not can_monitor(user, plan):
        raise PermissionDenied
    return plan


def own_units(user: User) -> QuerySet[Unit]:
    """The units the user belongs to (any role but administrator)."""
    if not user.is_authenticated:
        return Unit.objects.none()
    member_of = Membership.objects.filter(user=user).exclude(role=Membership.Role.ADMIN).values("unit_id")
    return Unit.objects.filter(pk__in=member_of)


def monitored_plans(user: User) -> QuerySet[Plan]:
    """Issued plans whose dashboard the user may open (what ``can_monitor`` allows, as a queryset)."""
    plans = Plan.objects.visible_to(user).filter(status=Plan.Status.ISSUED)
    if is_administrator(user):
        return plans
    condition = Q(pk__in=[])
    memberships = Membership.objects.filter(user=user, role__in=TERRITORY_ROLES).select_related(
        "unit__parent"
    )
    for membership in memberships:
        condition |= Q(issuer__path__startswith=territory_of(membership.unit).path)
    return plans.filter(condition)
