"""What a user may see: the subtrees of its memberships' units. Every view reaches units through here.

Scope of one membership: an officer sees the subtree of its own unit; a coordinator or a leader the subtree
of the territory its unit belongs to (a coordinator at Sở Nội vụ of province X coordinates province X);
an administrator, like a superuser, sees everything. Subtrees are prefix matches on ``Unit.path``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q
from django.http import Http404

from cchc.orgs.models import Membership, Unit, UnitQuerySet, subtree_condition

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

TERRITORY_ROLES = (Membership.Role.COORDINATOR, Membership.Role.LEADER)


def territory_of(unit: Unit) -> Unit:
    """The nearest territorial unit at or above ``unit``."""
    node: Unit | None = unit
    while node is not None and not node.is_territorial:
        node = node.parent
    return node or unit


def _memberships(user: User) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).select_related("unit__parent"))


def is_administrator(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()


def _scope(memberships: list[Membership]) -> list[Unit]:
    roots: list[Unit] = []
    for membership in memberships:
        unit = membership.unit
        if membership.role in TERRITORY_ROLES:
            unit = territory_of(unit)
        roots.append(unit)
    # A root inside another root adds nothing.
    roots.sort(key=lambda u: len(u.path))
    kept: list[Unit] = []
    for root in roots:
        if not any(root.path.startswith(other.path) for other in kept):
            kept.append(root)
    return kept


def scope_units(user: User) -> list[Unit] | None:
    """The roots of the subtrees ``user`` may see; None means every unit (administrator, superuser)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return None
    memberships = _memberships(user)
    if any(m.role == Membership.Role.ADMIN for m in memberships):
        return None
    return _scope(memberships)


def _subtrees(roots: list[Unit]) -> Q:
    condition = Q(pk__in=[])
    for root in roots:
        condition |= subtree_condition(root.path, connection.vendor)
    return condition


def units_visible_to(user: User) -> UnitQuerySet:
    roots = scope_units(user)
    if roots is None:
        return Unit.objects.all()
    return Unit.objects.filter(_subtrees(roots))


def can_see(user: User, unit: Unit) -> bool:
    roots = scope_units(user)
    if roots is None:
        return True
    return any(unit.path.startswith(root.path) for root in roots)


def can_coordinate(user: User, unit: Unit) -> bool:
    """Manage plans and review reports of ``unit``: a coordinator of a territory above it, or an administrator."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    for membership in _memberships(user):
        if membership.role == Membership.Role.ADMIN:
            return True
        if membership.role != Membership.Role.COORDINATOR:
            continue
        if unit.path.startswith(territory_of(membership.unit).path):
            return True
    return False


def get_unit_for_user(user: User, pk: int) -> Unit:
    """The unit ``pk`` if ``user`` may see it; another unit's data is a 404, like a missing one."""
    unit = units_visible_to(user).select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit
