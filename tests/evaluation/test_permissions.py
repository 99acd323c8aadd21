"""Every evaluation URL for every role: a unit's score is for its officers and leaders, the leaders and
coordinators above it, and administrators; another unit's is a 404 (outside the scope). The unit sends
its sheet for appraisal; the leaders and coordinators above it who are not its members appraise it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.url_matrix import ROLES, client_as, named_urls

pytestmark = pytest.mark.django_db

UNIT_SCORE = {
    "anon": 302,
    "outsider": 404,
    "officer_a": 200,
    "officer_b": 404,
    "leader": 200,
    "coordinator": 200,
    "admin": 200,
}

# url name -> (method, expected status per role); the unit is dept_a, the year 2026 (shipped rule).
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "evaluation:score_index": ("get", {"anon": 302, **dict.fromkeys(ROLES[1:], 200)}),
    "evaluation:score_sheet": ("get", UNIT_SCORE),
    "evaluation:score_sheet_xlsx": ("get", UNIT_SCORE),
    "evaluation:score_sheet_docx": ("get", UNIT_SCORE),
    # "Tính lại" stores a sheet and redirects to the page.
    "evaluation:score_recompute": (
        "post",
        {**UNIT_SCORE, **{r: 302 for r, s in UNIT_SCORE.items() if s == 200}},
    ),
    # "Gửi thẩm định": the unit's own (officer, Sở Nội vụ's coordinator) send; sending the sent sheet again
    # is harmless (302). The province's leader and the administrator see the sheet but do not send it.
    "evaluation:score_send": (
        "post",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 302,
            "officer_b": 404,
            "leader": 403,
            "coordinator": 302,
            "admin": 403,
        },
    ),
    # "Rút lại": the unit's own take back the sheet sent (not yet appraised); others as for sending.
    "evaluation:score_withdraw": (
        "post",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 302,
            "officer_b": 404,
            "leader": 403,
            "coordinator": 302,
            "admin": 403,
        },
    ),
    # "Hoàn thành thẩm định": the province's leader and the administrator appraise (an empty form is refused
    # with the reasons: 422); the unit's own members never appraise their own sheet (403).
    "evaluation:score_appraise": (
        "post",
        {
            "anon": 302,
            "outsider": 404,
            "officer_a": 403,
            "officer_b": 404,
            "leader": 422,
            "coordinator": 403,
            "admin": 422,
        },
    ),
}


@pytest.fixture(autouse=True)
def _sent_sheet(dept_a) -> None:
    """dept_a's 2026 sheet, stored and sent for appraisal."""
    from django.utils import timezone

    from cchc.evaluation.services import score_unit

    sheet = score_unit(dept_a, 2026, by=None)
    sheet.sent_at = timezone.now()
    sheet.save(update_fields=["sent_at"])


def test_every_evaluation_url_is_in_the_matrix() -> None:
    assert named_urls("evaluation:") == MATRIX.keys()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role(request, name, role, dept_a) -> None:
    client = client_as(request, role)
    method, expected = MATRIX[name]
    kwargs = {} if name == "evaluation:score_index" else {"pk": dept_a.pk, "year": 2026}

    response = getattr(client, method)(reverse(name, kwargs=kwargs))

    assert response.status_code == expected[role], f"{name} as {role}"
    if role == "anon":
        assert response.url.startswith(reverse("login"))
