"""Every documents URL for every role. The plans are the province People's Committee's (coordinated by
``coordinator`` through Sở Nội vụ, readable by the province's officers and leader, 404 for the outsider in
Lai Châu); issuing, amending and templates are the coordinators' (officers and the leader 403)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.documents import services
from cchc.documents.pdf import pdf_available
from tests.documents.conftest import ISSUE_VALUES
from tests.plans.factories import make_plan
from tests.url_matrix import ROLES, client_as, named_urls

pytestmark = pytest.mark.django_db

LOGGED_IN = ROLES[1:]
READERS = {"anon": 302, "outsider": 404, **dict.fromkeys(LOGGED_IN[1:], 200)}
# The PDF is made by LibreOffice when it is installed; without it the page says so (503) and links the .docx.
PDF_STATUS = 200 if pdf_available() else 503
COORDINATORS = {
    "anon": 302,
    "outsider": 404,
    "officer_a": 403,
    "officer_b": 403,
    "leader": 403,
    "coordinator": 200,
    "admin": 200,
}

# url name -> (method, expected status per role)
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "documents:register": ("get", {"anon": 302, **dict.fromkeys(LOGGED_IN, 200)}),
    "documents:document_download": ("get", READERS),
    "documents:document_pdf": ("get", {**READERS, **dict.fromkeys(LOGGED_IN[1:], PDF_STATUS)}),
    "documents:plan_panel": ("get", READERS),
    "documents:plan_issue": ("get", COORDINATORS),
    "documents:plan_amend": ("post", {**COORDINATORS, "coordinator": 302, "admin": 302}),
    "documents:plan_tasks_xlsx": ("get", READERS),
    "documents:plan_progress_xlsx": ("get", {**COORDINATORS, "leader": 200}),
    "documents:activities_xlsx": ("get", {"anon": 302, **dict.fromkeys(LOGGED_IN, 200)}),
    # The outsider coordinates Lai Châu: it has templates of its own to manage.
    # Everyone reads the page and takes the standard templates; uploading stays with coordinators.
    "documents:template_list": ("get", {"anon": 302, **dict.fromkeys(LOGGED_IN, 200)}),
    "documents:template_upload": (
        "post",
        {**COORDINATORS, "outsider": 422, "coordinator": 422, "admin": 422},
    ),
    "documents:template_download": ("get", {**COORDINATORS, "officer_a": 404, "officer_b": 404}),
    "documents:template_activate": (
        "post",
        {**COORDINATORS, "officer_a": 404, "officer_b": 404, "coordinator": 302, "admin": 302},
    ),
    "documents:template_example": ("get", {"anon": 302, **dict.fromkeys(LOGGED_IN, 200)}),
}


def test_every_documents_url_is_in_the_matrix() -> None:
    assert named_urls("documents:") == MATRIX.keys()


@pytest.fixture
def world(province_committee, dept_a, coordinator):
    draft = make_plan(province_committee, tasks=1, units=[dept_a], status="draft", number="", symbol="")
    issued = make_plan(province_committee, tasks=1, units=[dept_a], status="draft", number="", symbol="")
    result = services.issue_plan(issued, by=coordinator, **ISSUE_VALUES)
    upload = SimpleUploadedFile("mau.docx", services.example_template("plan"))
    template = services.upload_template(province_committee, "plan", upload, by=coordinator)
    return {"draft": draft, "issued": result.plan, "document": result.document, "template": template}


def _kwargs(name: str, world: dict) -> dict:
    if name in ("documents:document_download", "documents:document_pdf"):
        return {"pk": world["document"].pk}
    if name == "documents:plan_issue":
        return {"pk": world["draft"].pk}
    if name in (
        "documents:plan_panel",
        "documents:plan_amend",
        "documents:plan_tasks_xlsx",
        "documents:plan_progress_xlsx",
    ):
        return {"pk": world["issued"].pk}
    if name in ("documents:template_download", "documents:template_activate"):
        return {"pk": world["template"].pk}
    if name == "documents:template_example":
        return {"kind": "plan"}
    return {}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role(request, name, role, world) -> None:
    client = client_as(request, role)
    method, expected = MATRIX[name]

    response = getattr(client, method)(reverse(name, kwargs=_kwargs(name, world)))

    assert response.status_code == expected[role], f"{name} as {role}"
    if role == "anon":
        assert response.url.startswith(reverse("login"))
