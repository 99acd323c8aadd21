"""Who may see and recompute a unit's score: its own officers and leaders, the leaders of a territory
above it, its superior's coordinators, and administrators. Outside the user's scope is a 404.

Appraisal (thẩm định):
- a sheet is sent for appraisal by those who prepare the unit's reports (``reports.access.can_prepare``:
  the unit's own officers, coordinators and leaders; a coordinator also for the territory it coordinates)
  and may score it;
- it is appraised by the coordinators and leaders of a territory strictly above the unit
  (``reports.access.review_territories``) and by administrators, never by someone who prepares the unit's
  own sheet (no self-appraisal: Sở Nội vụ's coordinator does not appraise Sở Nội vụ, the leaders of the
  province do). In scope but not an appraiser: 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from cchc.evaluation.metrics import SCORED_PLAN_STATUSES
from cchc.evaluation.models import ScoreSheet
from cchc.orgs.access import (
    TERRITORY_ROLES,
    can_coordinate,
    get_unit_for_user,
    is_administrator,
    territory_of,
)
from cchc.orgs.models import Membership, Unit
from cchc.plans.access import coordinated_units
from cchc.plans.models import Assignment
from cchc.reports.access import can_prepare, preparer_units, review_territories

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
    sent = ScoreSheet.objects.filter(year=year, sent_at__isnull=False).values("unit_id")
    return Unit.objects.filter(Q(pk__in=own) | ((Q(pk__in=leading) | Q(pk__in=sent)) & above))


def can_send(user: User, unit: Unit) -> bool:
    """Send the unit's sheet for appraisal: those who prepare its reports, if they may score it."""
    return can_prepare(user, unit) and can_view_score(user, unit)


@dataclass(frozen=True)
class AppraisalScope:
    """Whom a user appraises, read once (three queries at most) and asked per unit without a query."""

    administrator: bool
    territories: tuple[Unit, ...]
    own: frozenset[int]

    def covers(self, unit: Unit) -> bool:
        if unit.pk in self.own:
            return False
        if self.administrator:
            return True
        return any(
            unit.pk != territory.pk and unit.path.startswith(territory.path) for territory in self.territories
        )


def appraisal_scope(user: User) -> AppraisalScope:
    if not user.is_authenticated:
        return AppraisalScope(False, (), frozenset())
    return AppraisalScope(
        administrator=is_administrator(user),
        territories=tuple(review_territories(user)),
        own=frozenset(unit.pk for unit in preparer_units(user)),
    )


def appraisers_of(unit: Unit) -> list[Membership]:
    """The coordinators' and leaders' memberships that appraise ``unit`` (one per user, not the unit's own
    members): told when its sheet is sent. Administrators appraise too, but are not told of every sheet."""
    province = unit.path.split(".", 1)[0] + "."  # materialized path "12.345.6789."
    candidates = (
        Membership.objects.filter(
            role__in=TERRITORY_ROLES, user__is_active=True, unit__path__startswith=province
        )
        .exclude(user__in=Membership.objects.filter(unit=unit).values("user_id"))
        .select_related("user", "unit__parent")
        .order_by("user_id", "pk")
    )
    chosen: dict[int, Membership] = {}
    for membership in candidates:
        territory = territory_of(membership.unit)
        if unit.pk != territory.pk and unit.path.startswith(territory.path):
            chosen.setdefault(membership.user_id, membership)
    return list(chosen.values())


def can_appraise(user: User, unit: Unit) -> bool:
    return appraisal_scope(user).covers(unit)


def get_appraised_unit(user: User, pk: int) -> Unit:
    """The unit ``pk`` to appraise: 404 outside the user's scope, 403 when it may not appraise it (its own
    unit, or no appraising role)."""
    unit = get_unit_for_user(user, pk)
    if not can_appraise(user, unit):
        raise PermissionDenied
    return unit


def get_sending_unit(user: User, pk: int) -> Unit:
    """The unit ``pk`` whose sheet the user sends: 404 outside its scope, 403 when not one of its own."""
    unit = get_unit_for_user(user, pk)
    if not can_send(user, unit):
        raise PermissionDenied
    return unit
