"""Who may see and recompute a unit's score: its own officers and leaders, the leaders of a territory
above it, its superior's coordinators, and administrators. Outside the user's scope is a 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from cchc.evaluation.metrics import SCORED_PLAN_STATUSES
from cchc.orgs.access import can_coordinate, get_unit_for_user, territory_of
from cchc.orgs.models import Membership, Unit
from cchc.plans.access import coordinated_units
from cchc.plans.models import Assignment

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

OWN_ROLES = (Membership.Role.OFFICER, Membership.Role.LEADER)


def can_view_score(user: User, unit: Unit) -> bool:
    if can_coordinate(user, unit):
        return True
    for membership in Membership.objects.filter(user=user, role__in=OWN_ROLES).select_related("unit__parent"):
        if membership.unit_id == unit.pk:
            return True
        if membership.role == Membership.Role.LEADER and unit.path.startswith(
            territory_of(membership.unit).path
        ):
            return True
    return False


def get_scored_unit(user: User, pk: int) -> Unit:
    """The unit ``pk``: 404 outside the user's scope, 403 when in scope but not one it may score."""
    unit = get_unit_for_user(user, pk)
    if not can_view_score(user, unit):
        raise PermissionDenied
    return unit


def scorable_units(user: User, year: int) -> QuerySet[Unit]:
    """The units the user belongs to (officer, leader), and the units leading tasks in ``year`` that it
    coordinates or leads the territory of."""
    if not user.is_authenticated:
        return Unit.objects.none()
    own = Membership.objects.filter(user=user, role__in=OWN_ROLES).values("unit_id")
    leading = (
        Assignment.objects.leads()
        .filter(task__plan__year=year, task__plan__status__in=SCORED_PLAN_STATUSES)
        .values("unit_id")
    )
    above = Q(pk__in=coordinated_units(user).values("pk"))
    leaderships = Membership.objects.filter(user=user, role=Membership.Role.LEADER).select_related(
        "unit__parent"
    )
    for membership in leaderships:
        above |= Q(path__startswith=territory_of(membership.unit).path)
    return Unit.objects.filter(Q(pk__in=own) | (Q(pk__in=leading) & above))
