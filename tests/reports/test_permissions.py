"""Every reports URL for every role. The unit is dept_a (Sở Nội vụ), reporting to the province: its officers
and the coordinator (a member of dept_a) prepare; the province's coordinator and leader and the
administrator review; officer_b (another department) and the outsider (another province) get 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from cchc.reports import services
from cchc.reports.models import ReportingPeriod
from tests.reports.factories import send_data, submit
from tests.url_matrix import ROLES, client_as, named_urls

pytestmark = pytest.mark.django_db

VIEWERS = {
    "anon": 302,
    "outsider": 404,
    "officer_a": 200,
    "officer_b": 404,
    "leader": 200,
    "coordinator": 200,
    "admin": 200,
}
PREPARE = {
    "anon": 302,
    "outsider": 404,
    "officer_a": 302,
    "officer_b": 404,
    "leader": 403,
    "coordinator": 302,
    "admin": 403,
}
REVIEW = {
    "anon": 302,
    "outsider": 404,
    "officer_a": 403,
    "officer_b": 404,
    "leader": 302,
    "coordinator": 302,
    "admin": 302,
}

# url name -> (method, expected status per role)
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "reports:calendar": ("get", {"anon": 302, **dict.fromkeys(ROLES[1:], 200)}),
    "reports:calendar_build": (
        "post",
        {
            "anon": 302,
            "outsider": 302,
            "officer_a": 403,
            "officer_b": 403,
            "leader": 403,
            "coordinator": 302,
            "admin": 403,
        },
    ),
    "reports:requirement_edit": (
        "get",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 403,
            "officer_b": 404,
            "leader": 403,
            "coordinator": 200,
            "admin": 200,
        },
    ),
    "reports:report_draft": ("post", PREPARE),
    "reports:report_detail": ("get", VIEWERS),
    "reports:report_edit": ("post", PREPARE),
    "reports:report_refresh": ("post", PREPARE),
    "reports:report_submit": ("post", PREPARE),
    "reports:report_return": ("post", REVIEW),
    "reports:report_accept": ("post", REVIEW),
    "reports:report_docx": ("get", VIEWERS),
    "reports:report_xlsx": ("get", VIEWERS),
    "reports:aggregate": (
        "get",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 404,
            "officer_b": 404,
            "leader": 200,
            "coordinator": 200,
            "admin": 200,
        },
    ),
    "reports:aggregate_remind": ("post", REVIEW | {"officer_a": 404}),
}


@pytest.fixture
def world(officer_a, dept_a, province):
    q2 = ReportingPeriod.get("quarter", 2026, 2)
    q3 = ReportingPeriod.get("quarter", 2026, 3)
    line = services.add_requirement(dept_a, q2, recipient=province, due_date=date(2026, 6, 20))
    services.add_requirement(dept_a, q3, recipient=province, due_date=date(2026, 9, 20))
    draft = services.draft_report(dept_a, q2, None, by=officer_a)
    submitted = services.draft_report(dept_a, q3, None, by=officer_a)
    submit(submitted, by=officer_a)
    return {"line": line, "draft": draft, "submitted": submitted, "period": q2, "province": province}


def _request(name: str, world: dict) -> tuple[str, dict]:
    data: dict = {}
    if name in ("reports:calendar", "reports:calendar_build"):
        url = reverse(name)
        data = {"year": 2026}
    elif name in ("reports:requirement_edit", "reports:report_draft"):
        url = reverse(name, args=[world["line"].pk])
    elif name in ("reports:report_return", "reports:report_accept"):
        url = reverse(name, args=[world["submitted"].pk])
        data = {"comment": "Bổ sung số liệu."}
    elif name == "reports:report_submit":
        url = reverse(name, args=[world["draft"].pk])
        data = send_data()
    elif name.startswith("reports:aggregate"):
        url = reverse(name, args=[world["period"].pk]) + f"?don-vi={world['province'].pk}"
        data = {"don-vi": world["province"].pk}
    else:
        url = reverse(name, args=[world["draft"].pk])
    return url, data


def test_every_reports_url_is_in_the_matrix() -> None:
    assert named_urls("reports:") == MATRIX.keys()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role(request, name, role, world) -> None:
    client = client_as(request, role)
    method, expected = MATRIX[name]
    url, data = _request(name, world)

    response = client.post(url, data) if method == "post" else client.get(url)

    assert response.status_code == expected[role], f"{name} as {role}"
    if role == "anon":
        assert response.url.startswith(reverse("login"))
