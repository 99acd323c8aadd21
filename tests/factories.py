"""Small builders for tests: a test states only what is special about it.

Units come from the real world that ``tests/conftest.py`` loads (vietnamadminunits); ``make_unit`` adds
a unit of one's own when a test needs more.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser

from cchc.orgs.models import Membership, Unit

DEFAULT_PASSWORD = "mat-khau-thu-nghiem"
_sequence = count(1)


def make_user(
    username: str | None = None,
    *,
    unit: Unit | None = None,
    role: str = Membership.Role.OFFICER,
    password: str = DEFAULT_PASSWORD,
    **fields: Any,
) -> AbstractUser:
    """A user, with a membership in ``unit`` when given (role: a ``Membership.Role``)."""
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_sequence)}", password=password, **fields
    )
    if unit is not None:
        add_membership(user, unit, role)
    return user


def add_membership(user: AbstractUser, unit: Unit, role: str = Membership.Role.OFFICER) -> Membership:
    return Membership.objects.create(user=user, unit=unit, role=role)


def make_unit(parent: Unit | None = None, **fields: Any) -> Unit:
    """A unit saved through ``Unit.save`` (path and search name kept); an agency by default."""
    number = next(_sequence)
    values: dict[str, Any] = {
        "kind": Unit.Kind.AGENCY if parent is not None else Unit.Kind.PROVINCE,
        "agency_type": Unit.AgencyType.OTHER if parent is not None else Unit.AgencyType.NONE,
        "name": f"Đơn vị thử nghiệm {number}",
        "source_code": f"test:{number}",
    }
    values.update(fields)
    return Unit.objects.create(parent=parent, **values)
