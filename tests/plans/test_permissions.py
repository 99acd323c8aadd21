"""Every plans URL for every role: allowed, or 403 (no role for it) / 404 (outside the user's scope)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.plans.models import Plan, PlanImport, Task
from tests.plans.factories import make_import
from tests.url_matrix import ROLES, client_as, named_urls

pytestmark = pytest.mark.django_db


# Who edits the province's plan: its coordinators and administrators (others in scope 403, outside 404).
EDITORS = {
    "anon": 302,
    "outsider": 404,
    "officer_a": 403,
    "officer_b": 403,
    "leader": 403,
    "coordinator": 200,
    "admin": 200,
}

# Who imports or writes plans: coordinators (the outsider coordinates Lai Châu) and administrators.
AUTHORS = {
    "anon": 302,
    "outsider": 200,
    "officer_a": 403,
    "officer_b": 403,
    "leader": 403,
    "coordinator": 200,
    "admin": 200,
}

# url name -> (method, expected status per role). The plan is the province's; the import is the coordinator's.
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "home": ("get", {"anon": 302, **dict.fromkeys(ROLES[1:], 200)}),
    "plans:plan_list": ("get", {"anon": 302, **dict.fromkeys(ROLES[1:], 200)}),
    "plans:plan_detail": ("get", {"anon": 302, "outsider": 404, **dict.fromkeys(ROLES[2:], 200)}),
    "plans:plan_file": ("get", {"anon": 302, "outsider": 404, **dict.fromkeys(ROLES[2:], 200)}),
    "plans:subplan_list": ("get", {"anon": 302, "outsider": 404, **dict.fromkeys(ROLES[2:], 200)}),
    "plans:plan_import": ("get", AUTHORS),
    "plans:import_review": (
        "get",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 403,
            "officer_b": 403,
            "leader": 403,
            "coordinator": 200,
            "admin": 200,
        },
    ),
    "plans:import_issuer": (
        "post",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 403,
            "officer_b": 403,
            "leader": 403,
            "coordinator": 302,
            "admin": 302,
        },
    ),
    "plans:import_agency": (
        "post",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 403,
            "officer_b": 403,
            "leader": 403,
            "coordinator": 302,
            "admin": 302,
        },
    ),
    "plans:import_discard": (
        "post",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 403,
            "officer_b": 403,
            "leader": 403,
            "coordinator": 302,
            "admin": 302,
        },
    ),
    "plans:task_edit": (
        "get",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 403,
            "officer_b": 403,
            "leader": 403,
            "coordinator": 200,
            "admin": 200,
        },
    ),
    "plans:plan_create": ("get", AUTHORS),
    "plans:plan_edit": ("get", EDITORS),
    # The province's plan was imported (issued): its text stays the original's, editors are sent back to it.
    "plans:plan_body": ("get", {**EDITORS, "coordinator": 302, "admin": 302}),
    "plans:task_create": ("get", EDITORS),
    "plans:task_delete": ("post", {**EDITORS, "coordinator": 302, "admin": 302}),
}


def test_every_plans_url_is_in_the_matrix() -> None:
    names = named_urls("plans:") | {"home"}
    assert names - MATRIX.keys() == set()
    assert MATRIX.keys() - names == set()


def _kwargs(name: str, plan: Plan, task: Task, plan_import: PlanImport) -> dict[str, int]:
    if name in (
        "plans:plan_detail",
        "plans:plan_file",
        "plans:subplan_list",
        "plans:plan_edit",
        "plans:plan_body",
        "plans:task_create",
    ):
        return {"pk": plan.pk}
    if name.startswith("plans:import_"):
        return {"pk": plan_import.pk}
    if name in ("plans:task_edit", "plans:task_delete"):
        return {"pk": task.pk}
    return {}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role(request, name, role, province_plan, province_committee, coordinator) -> None:
    client = client_as(request, role)
    task = province_plan.tasks.get()
    plan_import = make_import(coordinator, issuer=province_committee)
    method, expected = MATRIX[name]
    url = reverse(name, kwargs=_kwargs(name, province_plan, task, plan_import))
    data = {}
    if name == "plans:import_issuer":
        data = {"issuer": province_committee.pk}
    elif name == "plans:import_agency":
        data = {"key": "1.lead.0", "agency-1-lead-0": "text"}

    response = getattr(client, method)(url, data)

    assert response.status_code == expected[role], f"{name} as {role}"
    if response.status_code == 302 and role == "anon":
        assert response.url.startswith(reverse("login"))


def test_wrong_method_is_refused(client_coordinator, coordinator, province_committee) -> None:
    plan_import = make_import(coordinator, issuer=province_committee)
    for name in ("plans:import_issuer", "plans:import_agency", "plans:import_discard"):
        response = client_coordinator.get(reverse(name, kwargs={"pk": plan_import.pk}))
        assert response.status_code == 405


def test_commune_user_cannot_read_or_change_another_communes_plan(
    client_commune_coordinator, commune_plan, commune_b_plan
) -> None:
    own_task = commune_plan.tasks.get()
    other_task = commune_b_plan.tasks.get()

    assert (
        client_commune_coordinator.get(reverse("plans:plan_detail", args=[commune_plan.pk])).status_code
        == 200
    )
    assert client_commune_coordinator.get(reverse("plans:task_edit", args=[own_task.pk])).status_code == 200
    assert (
        client_commune_coordinator.get(reverse("plans:plan_detail", args=[commune_b_plan.pk])).status_code
        == 404
    )
    assert (
        client_commune_coordinator.get(reverse("plans:plan_file", args=[commune_b_plan.pk])).status_code
        == 404
    )
    assert client_commune_coordinator.get(reverse("plans:task_edit", args=[other_task.pk])).status_code == 404
    response = client_commune_coordinator.post(
        reverse("plans:task_edit", args=[other_task.pk]), {"title": "Đổi"}
    )
    assert response.status_code == 404
    other_task.refresh_from_db()
    assert other_task.title != "Đổi"
    listing = client_commune_coordinator.get(reverse("plans:plan_list"))
    assert commune_plan.title in listing.content.decode()
    assert commune_b_plan.title not in listing.content.decode()


def test_commune_officer_reads_the_province_plan_but_cannot_edit_it(
    client_commune_officer, province_plan
) -> None:
    task = province_plan.tasks.get()

    assert (
        client_commune_officer.get(reverse("plans:plan_detail", args=[province_plan.pk])).status_code == 200
    )
    assert client_commune_officer.get(reverse("plans:task_edit", args=[task.pk])).status_code == 403


def test_officer_does_not_see_a_communes_plan(client_officer_a, commune_plan) -> None:
    assert client_officer_a.get(reverse("plans:plan_detail", args=[commune_plan.pk])).status_code == 404


def test_coordinator_cannot_open_another_users_import(
    client_commune_coordinator, coordinator, province_committee
) -> None:
    plan_import = make_import(coordinator, issuer=province_committee)

    response = client_commune_coordinator.get(reverse("plans:import_review", args=[plan_import.pk]))

    assert response.status_code == 404
