"""Who may read and change plans: every plan, task or import a user names goes through here."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from cchc.orgs.access import can_coordinate, is_administrator, territory_of, units_visible_to
from cchc.orgs.models import Membership, Unit
from cchc.plans.models import Plan, PlanImport, Task

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

TERRITORIAL = (Unit.Kind.PROVINCE, Unit.Kind.DISTRICT, Unit.Kind.COMMUNE)


def _path_ids(unit: Unit) -> list[int]:
    """The unit's ancestors and itself, from its materialized path ("12.345.6789.")."""
    return [int(pk) for pk in unit.path.split(".") if pk]


def _units_above_members(user: User) -> set[int]:
    ids: set[int] = set()
    for membership in Membership.objects.filter(user=user).select_related("unit"):
        ids.update(_path_ids(membership.unit))
    return ids


def plan_visibility(user: User) -> Q:
    """A plan is readable when its issuer is in the user's scope, or when it comes from above the user:
    the issuer's territory is one of the user's units or one of their ancestors."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    above = _units_above_members(user)
    return (
        Q(issuer__in=units_visible_to(user))
        | Q(issuer_id__in=above)
        | Q(issuer__kind=Unit.Kind.AGENCY, issuer__parent_id__in=above)
    )


def _coordinated_territories(user: User) -> list[Unit] | None:
    """Territories whose plans the user manages; None means all (administrators)."""
    if not user.is_authenticated:
        return []
    if is_administrator(user):
        return None
    memberships = Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).select_related(
        "unit__parent"
    )
    return [territory_of(membership.unit) for membership in memberships]


def coordinated_units(user: User) -> QuerySet[Unit]:
    """Every unit whose plans the user may import and edit (what ``can_coordinate`` allows, as a queryset)."""
    territories = _coordinated_territories(user)
    if territories is None:
        return Unit.objects.all()
    condition = Q(pk__in=[])
    for territory in territories:
        condition |= Q(path__startswith=territory.path)
    return Unit.objects.filter(condition)


def editable_plans(user: User, plans: QuerySet[Plan]) -> QuerySet[Plan]:
    if is_administrator(user):
        return plans
    return plans.filter(issuer__in=coordinated_units(user))


def can_edit_plan(user: User, plan: Plan) -> bool:
    """Coordinators above the issuer edit its plans; a sub-plan in draft is also the issuing unit's own work,
    so its officers edit it."""
    if can_coordinate(user, plan.issuer):
        return True
    if plan.parent_id is None or plan.status != Plan.Status.DRAFT or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user,
        role__in=(Membership.Role.OFFICER, Membership.Role.COORDINATOR),
        unit_id__in=_path_ids(plan.issuer),
    ).exists()


def can_derive_subplans(user: User, plan: Plan) -> bool:
    """Deriving sub-plans is the issuer's coordinators' job (a unit's officer cannot hand itself tasks)."""
    return plan.status != Plan.Status.CLOSED and can_coordinate(user, plan.issuer)


# Who writes and imports plans: coordinators and administrators (superusers too).
PLAN_AUTHOR_ROLES = (Membership.Role.COORDINATOR, Membership.Role.ADMIN)


def can_import(user: User) -> bool:
    """Importing (or writing) a plan is a coordinator's job (or an administrator's)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role__in=PLAN_AUTHOR_ROLES).exists()


def plan_author_flag(user_ref: OuterRef) -> Exists:
    """``can_import`` as a subquery, for pages that read it with other per-user facts in one query."""
    return Exists(Membership.objects.filter(user=user_ref, role__in=PLAN_AUTHOR_ROLES))


def get_plan_for_user(user: User, pk: int, *, write: bool = False) -> Plan:
    plan = Plan.objects.visible_to(user).select_related("issuer", "parent").filter(pk=pk).first()
    if plan is None:
        raise Http404
    if write and not can_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def get_task_for_user(user: User, pk: int, *, write: bool = False) -> Task:
    task = (
        Task.objects.filter(pk=pk, plan__in=Plan.objects.visible_to(user))
        .select_related("plan", "plan__issuer")
        .first()
    )
    if task is None:
        raise Http404
    if write and not can_edit_plan(user, task.plan):
        raise PermissionDenied
    return task


def get_import_for_user(user: User, pk: int) -> PlanImport:
    """An import belongs to whoever uploaded it (administrators see all)."""
    if not can_import(user):
        raise PermissionDenied
    imports = PlanImport.objects.select_related("issuer", "created_by")
    if not is_administrator(user):
        imports = imports.filter(created_by=user)
    plan_import = imports.filter(pk=pk).first()
    if plan_import is None:
        raise Http404
    return plan_import


def issuer_choices(user: User) -> QuerySet[Unit]:
    """Units a user may record as the issuer of a plan: agencies (and territories) it coordinates."""
    return coordinated_units(user).select_related("parent").order_by("path")


def issuer_options(user: User, around: Unit | None) -> list[Unit]:
    """The short list the issuer picker shows: the bodies of the coordinated territories (or, for an
    administrator, of the suggested issuer's territory and those above it) and the People's Committees
    one level below."""
    territories = _coordinated_territories(user)
    if territories is None:
        if around is not None:
            territories = list(
                Unit.objects.filter(pk__in=_path_ids(territory_of(around)), kind__in=TERRITORIAL)
            )
        else:
            territories = []
    condition = Q(pk=around.pk) if around is not None else Q(pk__in=[])
    for territory in territories:
        condition |= Q(parent=territory, kind=Unit.Kind.AGENCY)
        condition |= Q(parent__parent=territory, catalog_key="ubnd")
    if not territories and around is None:
        condition |= Q(parent__kind=Unit.Kind.PROVINCE, catalog_key="ubnd")
    return list(Unit.objects.filter(condition).select_related("parent").order_by("parent__path", "name"))


def assignable_units(issuer: Unit) -> QuerySet[Unit]:
    """Agencies a plan of ``issuer`` may assign a task to: those in its territory's subtree and those of the
    territories above it (a city's plan may name a provincial department or the provincial newspaper)."""
    territory = territory_of(issuer)
    above = [pk for pk in _path_ids(territory) if pk != territory.pk]
    return (
        Unit.objects.filter(kind=Unit.Kind.AGENCY)
        .filter(Q(path__startswith=territory.path) | Q(parent_id__in=above))
        .select_related("parent")
    )


def unit_options(issuer: Unit, on: date | None) -> list[Unit]:
    """The short list of units a select offers for a plan of ``issuer`` (in force on ``on``): the agencies of
    its territory and of those above it, and the People's Committees one level below."""
    territory = territory_of(issuer)
    above = [pk for pk in _path_ids(territory) if pk != territory.pk]
    units = Unit.objects.filter(kind=Unit.Kind.AGENCY).filter(
        Q(parent=territory) | Q(parent_id__in=above) | Q(parent__parent=territory, catalog_key="ubnd")
    )
    if on is not None:
        units = units.current(on)
    return list(units.select_related("parent").order_by("parent__path", "name"))
