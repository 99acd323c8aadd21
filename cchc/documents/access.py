"""Who reaches which registered document and template: every id a user names goes through here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from cchc.documents.models import DocumentTemplate, RegisteredDocument
from cchc.orgs.access import can_coordinate, units_visible_to
from cchc.orgs.models import Membership, Unit
from cchc.plans.access import coordinated_units, get_plan_for_user
from cchc.plans.models import Plan

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


def documents_visible_to(user: User) -> QuerySet[RegisteredDocument]:
    """Documents of units in the user's scope, and documents of plans the user may read (plans from above)."""
    if not user.is_authenticated:
        return RegisteredDocument.objects.none()
    return RegisteredDocument.objects.filter(
        Q(unit__in=units_visible_to(user)) | Q(plan__in=Plan.objects.visible_to(user))
    )


def get_document_for_user(user: User, pk: int) -> RegisteredDocument:
    document = documents_visible_to(user).select_related("unit", "plan").filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def get_issuable_plan(user: User, pk: int) -> Plan:
    """The plan ``pk`` for issuing or amending: 404 outside the user's reading scope, 403 without the
    coordinator's role over its issuer."""
    return get_plan_for_user(user, pk, write=True)


def can_keep_register(user: User, unit: Unit) -> bool:
    """Number a document of ``unit`` from its register: its own members (the unit's clerk and officers
    issue its reports) and the coordinators above it."""
    if not user.is_authenticated:
        return False
    own = Membership.objects.filter(user=user, unit=unit).exclude(role=Membership.Role.ADMIN).exists()
    return own or can_coordinate(user, unit)


def can_manage_templates(user: User) -> bool:
    return user.is_authenticated and coordinated_units(user).exists()


def template_units(user: User) -> QuerySet:
    """Units whose templates the user manages: the issuers it coordinates (agencies and territories)."""
    return coordinated_units(user)


def get_template_for_user(user: User, pk: int) -> DocumentTemplate:
    """A unit's template: 404 outside the user's scope, 403 for someone who does not coordinate the unit."""
    template = (
        DocumentTemplate.objects.filter(pk=pk, unit__in=units_visible_to(user)).select_related("unit").first()
    )
    if template is None:
        raise Http404
    if not can_coordinate(user, template.unit):
        raise PermissionDenied
    return template
