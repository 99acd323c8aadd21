from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.orgs.models import Unit
from cchc.plans.models import Assignment, Plan, PlanImport
from tests.plans.factories import make_import

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _confirm_data(plan_import: PlanImport, **changes) -> dict:
    data = {
        "issuer": plan_import.issuer_id,
        "number": "12/KH-UBND",
        "issue_date": "2026-02-05",
        "year": 2026,
        "title": "Tuyên truyền cải cách hành chính năm 2026",
        "signer_name": "Nguyễn Văn A",
        "signer_title": "CHỦ TỊCH",
    }
    for key, match in plan_import.unit_matches.items():
        data["agency-" + key.replace(".", "-")] = match["choice"]
    data.update(changes)
    return data


def test_review_shows_the_extracted_plan_beside_the_numbered_source(
    client_coordinator, coordinator, province_committee, dept_a
):
    plan_import = make_import(coordinator, issuer=province_committee)

    response = client_coordinator.get(reverse("plans:import_review", args=[plan_import.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="L10"' in page and 'data-line="10"' in page
    assert 'class="source-line is-warning" id="L11"' in page
    assert "Không nhận ra cơ quan “Ban Chỉ đạo Hư cấu”." in page
    assert 'data-lines="11-11"' in page
    assert "row-warning" in page
    assert f'value="unit:{dept_a.pk}" selected' in page
    assert 'value="group" selected' in page
    assert "Chưa xác định đơn vị" in page
    assert 'value="12/KH-UBND"' in page


def test_review_agency_correction_is_saved_and_used_on_confirm(
    client_coordinator, coordinator, province_committee, dept_b
):
    plan_import = make_import(coordinator, issuer=province_committee)
    url = reverse("plans:import_agency", args=[plan_import.pk])

    response = client_coordinator.post(
        url, {"key": "1.lead.0", "agency-1-lead-0": f"unit:{dept_b.pk}"}, **HTMX
    )

    assert response.status_code == 200
    fragment = response.content.decode()
    assert f'value="unit:{dept_b.pk}" selected' in fragment
    assert 'id="unresolved-count" hx-swap-oob="true">0<' in fragment
    plan_import.refresh_from_db()
    assert plan_import.unit_matches["1.lead.0"]["choice"] == f"unit:{dept_b.pk}"

    confirm = client_coordinator.post(
        reverse("plans:import_review", args=[plan_import.pk]), _confirm_data(plan_import)
    )

    plan = Plan.objects.get()
    assert confirm.status_code == 302 and confirm.url == reverse("plans:plan_detail", args=[plan.pk])
    lead = Assignment.objects.get(task__plan=plan, task__ordinal="2", role="lead")
    assert (lead.unit, lead.text, lead.is_resolved) == (dept_b, "Ban Chỉ đạo Hư cấu", True)


def test_review_more_option_lists_other_units_without_saving(
    client_coordinator, coordinator, province_committee, dept_b
):
    plan_import = make_import(coordinator, issuer=province_committee)

    response = client_coordinator.post(
        reverse("plans:import_agency", args=[plan_import.pk]),
        {"key": "1.lead.0", "agency-1-lead-0": "more"},
        **HTMX,
    )

    assert response.status_code == 200
    assert f'value="unit:{dept_b.pk}"' in response.content.decode()
    assert "Đơn vị khác trong hệ thống" in response.content.decode()
    plan_import.refresh_from_db()
    assert plan_import.unit_matches["1.lead.0"]["choice"] == "text"


def test_review_refuses_a_forged_agency_unit(client_coordinator, coordinator, province_committee):
    foreign = Unit.objects.get(source_code="12:so-noi-vu", valid_from=None)
    plan_import = make_import(coordinator, issuer=province_committee)

    htmx = client_coordinator.post(
        reverse("plans:import_agency", args=[plan_import.pk]),
        {"key": "1.lead.0", "agency-1-lead-0": f"unit:{foreign.pk}"},
        **HTMX,
    )
    confirm = client_coordinator.post(
        reverse("plans:import_review", args=[plan_import.pk]),
        _confirm_data(plan_import, **{"agency-1-lead-0": f"unit:{foreign.pk}"}),
    )

    assert htmx.status_code == 422
    assert "không thuộc hệ thống" in htmx.content.decode()
    assert confirm.status_code == 422
    assert "không thuộc hệ thống của cơ quan ban hành" in confirm.content.decode()
    assert Plan.objects.count() == 0


def test_review_refuses_an_issuer_the_user_does_not_coordinate(
    client_coordinator, coordinator, province_committee
):
    foreign = Unit.objects.get(source_code="12:ubnd", valid_from=None)
    plan_import = make_import(coordinator, issuer=province_committee)

    response = client_coordinator.post(
        reverse("plans:import_review", args=[plan_import.pk]), _confirm_data(plan_import, issuer=foreign.pk)
    )

    assert response.status_code == 422
    assert "Cơ quan ban hành không thuộc phạm vi bạn điều phối." in response.content.decode()
    assert Plan.objects.count() == 0


def test_review_missing_title_is_shown_and_nothing_saved(client_coordinator, coordinator, province_committee):
    plan_import = make_import(coordinator, issuer=province_committee)

    response = client_coordinator.post(
        reverse("plans:import_review", args=[plan_import.pk]), _confirm_data(plan_import, title="")
    )

    assert response.status_code == 422
    assert "Vui lòng nhập trích yếu của kế hoạch." in response.content.decode()
    assert Plan.objects.count() == 0


def test_double_confirm_returns_the_same_plan(client_coordinator, coordinator, province_committee):
    plan_import = make_import(coordinator, issuer=province_committee)
    url = reverse("plans:import_review", args=[plan_import.pk])

    first = client_coordinator.post(url, _confirm_data(plan_import))
    second = client_coordinator.post(url, _confirm_data(plan_import))

    plan = Plan.objects.get()
    assert first.url == second.url == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.tasks.count() == 2


def test_changing_the_issuer_refreshes_the_task_table(
    client_coordinator, coordinator, province_committee, dept_a
):
    plan_import = make_import(coordinator, issuer=None)

    response = client_coordinator.post(
        reverse("plans:import_issuer", args=[plan_import.pk]), {"issuer": province_committee.pk}, **HTMX
    )

    assert response.status_code == 200
    assert 'id="review-tasks"' in response.content.decode()
    assert f'value="unit:{dept_a.pk}" selected' in response.content.decode()
    plan_import.refresh_from_db()
    assert plan_import.issuer == province_committee


def test_discard_marks_the_import_and_review_then_redirects(
    client_coordinator, coordinator, province_committee
):
    plan_import = make_import(coordinator, issuer=province_committee)

    client_coordinator.post(reverse("plans:import_discard", args=[plan_import.pk]))
    response = client_coordinator.get(reverse("plans:import_review", args=[plan_import.pk]))

    plan_import.refresh_from_db()
    assert plan_import.status == PlanImport.Status.DISCARDED
    assert response.status_code == 302 and response.url == reverse("plans:plan_import")
