"""Who prepares, reviews and sees reports.

A unit's report is prepared and submitted by its own members (officers, coordinators, leaders of that very
unit; a coordinator also for the territory it coordinates: Sở Nội vụ writes the province's report). It is
returned or accepted by the coordinators and leaders of the unit that requested it (the recipient, or a
territory above it) and by administrators. Everyone else inside the scope may read it; outside, a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from cchc.orgs.access import TERRITORY_ROLES, is_administrator, territory_of, units_visible_to
from cchc.orgs.models import Membership, Unit
from cchc.reports.models import Report, ReportRequirement

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

PREPARE = "prepare"
REVIEW = "review"


def _memberships(user: User) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).select_related("unit__parent"))


def preparer_units(user: User) -> list[Unit]:
    """The units whose reports ``user`` writes and submits."""
    units: dict[int, Unit] = {}
    for membership in _memberships(user):
        if membership.role == Membership.Role.ADMIN:
            continue
        units[membership.unit.pk] = membership.unit
        if membership.role == Membership.Role.COORDINATOR:
            territory = territory_of(membership.unit)
            units[territory.pk] = territory
    return list(units.values())


def can_prepare(user: User, unit: Unit) -> bool:
    return any(own.pk == unit.pk for own in preparer_units(user))


def review_territories(user: User) -> list[Unit]:
    """The territories whose requested reports ``user`` reviews (as a coordinator or a leader)."""
    territories: dict[int, Unit] = {}
    for membership in _memberships(user):
        if membership.role in TERRITORY_ROLES:
            territory = territory_of(membership.unit)
            territories[territory.pk] = territory
    return list(territories.values())


def can_review_for(user: User, recipient: Unit | None) -> bool:
    """Review what ``recipient`` requested: a coordinator or leader of a territory containing it, or an
    administrator. A report to Bộ Nội vụ (no recipient) is reviewed outside the system."""
    if recipient is None or not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    return any(recipient.path.startswith(t.path) for t in review_territories(user))


def can_review(user: User, report: Report) -> bool:
    return can_review_for(user, report.recipient)


def reports_visible_to(user: User) -> QuerySet[Report]:
    if not user.is_authenticated:
        return Report.objects.none()
    return Report.objects.filter(unit__in=units_visible_to(user))


def get_report_for_user(user: User, pk: int, *, action: str = "") -> Report:
    """The report ``pk``: 404 outside the user's scope, 403 when it may read but not ``action`` it."""
    report = reports_visible_to(user).with_related().filter(pk=pk).first()
    if report is None:
        raise Http404
    if action == PREPARE and not can_prepare(user, report.unit):
        raise PermissionDenied
    if action == REVIEW and not can_review(user, report):
        raise PermissionDenied
    return report


def requirements_visible_to(user: User) -> QuerySet[ReportRequirement]:
    if not user.is_authenticated:
        return ReportRequirement.objects.none()
    return ReportRequirement.objects.filter(unit__in=units_visible_to(user))


def can_coordinate_territory(user: User, unit: Unit) -> bool:
    """Build the reporting calendar of ``unit``: its coordinator (of a territory containing it) or an
    administrator."""
    if is_administrator(user):
        return True
    return any(unit.path.startswith(t.path) for t in coordinated_territories(user))


def can_edit_requirement(user: User, requirement: ReportRequirement) -> bool:
    """The coordinator of the requesting unit edits the calendar line (the province's own line to Bộ Nội
    vụ: its own coordinator)."""
    return can_coordinate_territory(user, requirement.recipient or requirement.unit)


def get_requirement_for_user(user: User, pk: int, *, write: bool = False) -> ReportRequirement:
    requirement = requirements_visible_to(user).with_related().filter(pk=pk).first()
    if requirement is None:
        raise Http404
    if write and not can_edit_requirement(user, requirement):
        raise PermissionDenied
    return requirement


def coordinated_territories(user: User) -> list[Unit]:
    """Territories whose reporting calendar ``user`` builds (coordinators; administrators: none implied)."""
    territories: dict[int, Unit] = {}
    for membership in _memberships(user):
        if membership.role == Membership.Role.COORDINATOR:
            territory = territory_of(membership.unit)
            territories[territory.pk] = territory
    return list(territories.values())


def get_review_territory(user: User, unit_pk: int | None) -> Unit:
    """The territory whose aggregate ``user`` opens: one it reviews for (the first when none is asked);
    404 for one outside its scope, 403 when it has no reviewing role."""
    territories = review_territories(user)
    if unit_pk is None:
        if territories:
            return territories[0]
        raise PermissionDenied
    unit = units_visible_to(user).filter(pk=unit_pk).first()
    if unit is None:
        raise Http404
    if not (is_administrator(user) or any(unit.path.startswith(t.path) for t in territories)):
        raise PermissionDenied
    return unit
