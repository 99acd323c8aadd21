"""Who may log, read and change activities: every activity or evidence a user names goes through here.

An officer logs for its own units; a coordinator for any unit of the territory it coordinates; an
administrator for any unit. The task must be in a plan the user can read and assigned to the unit (as lead
or coordinating). A leader reads but does not log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from cchc.activities.models import Activity, Evidence
from cchc.orgs.models import Membership, Unit
from cchc.plans.access import coordinated_units
from cchc.plans.models import Assignment, Plan, Task

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


def loggable_units(user: User) -> QuerySet[Unit]:
    """Units the user may record activities for."""
    if not user.is_authenticated:
        return Unit.objects.none()
    own = Membership.objects.filter(user=user, role=Membership.Role.OFFICER).values("unit_id")
    return Unit.objects.filter(Q(pk__in=own) | Q(pk__in=coordinated_units(user).values("pk")))


def can_log(user: User) -> bool:
    return loggable_units(user).exists()


def loggable_assignments(user: User) -> QuerySet[Assignment]:
    """(task, unit) pairs the user may log for: tasks of readable plans assigned to its loggable units."""
    return Assignment.objects.filter(
        unit__in=loggable_units(user),
        task__plan__in=Plan.objects.visible_to(user),
        is_resolved=True,
    )


def loggable_tasks(user: User) -> QuerySet[Task]:
    return Task.objects.filter(pk__in=loggable_assignments(user).values("task_id"))


def task_unit_units(user: User) -> QuerySet[Unit]:
    """Units with at least one task the user may log for."""
    return Unit.objects.filter(pk__in=loggable_assignments(user).values("unit_id"))


def may_log_for(user: User, task: Task, unit: Unit) -> bool:
    return loggable_assignments(user).filter(task=task, unit=unit).exists()


def can_edit_activity(user: User, activity: Activity) -> bool:
    return loggable_units(user).filter(pk=activity.unit_id).exists()


def get_activity_for_user(user: User, pk: int, *, write: bool = False) -> Activity:
    activity = (
        Activity.objects.visible_to(user)
        .select_related("task", "task__plan", "unit", "created_by")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    if write and not can_edit_activity(user, activity):
        raise PermissionDenied
    return activity


def get_evidence_for_user(user: User, pk: int) -> Evidence:
    evidence = Evidence.objects.filter(pk=pk, activity__in=Activity.objects.visible_to(user)).first()
    if evidence is None:
        raise Http404
    return evidence
