from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.core.errors import DomainError
from cchc.orgs.models import Unit
from cchc.plans import services
from cchc.plans.models import (
    Assignment,
    IndicatorTarget,
    LegalReference,
    Plan,
    PlanImport,
    SubPlanObligation,
    Task,
)
from tests.plans.factories import make_draft, make_import, make_plan, make_task

pytestmark = pytest.mark.django_db


def _choices(plan_import: PlanImport) -> dict[str, str]:
    return {key: match["choice"] for key, match in plan_import.unit_matches.items()}


def test_suggest_matches_finds_named_agency_expands_group_and_flags_unknown_name(
    province_committee, dept_a, dept_b
):
    matches = services.suggest_matches(make_draft(), province_committee)

    assert matches["0.lead.0"]["choice"] == f"unit:{dept_a.pk}"
    assert matches["0.lead.0"]["suggested"] == [dept_a.pk]
    assert matches["0.coordinating.0"]["choice"] == "group"
    assert matches["0.coordinating.0"]["group_size"] > 5
    assert matches["1.lead.0"]["choice"] == "text"
    assert matches["1.coordinating.0"]["choice"] == f"unit:{dept_b.pk}"


def test_suggest_matches_without_issuer_leaves_everything_unresolved():
    matches = services.suggest_matches(make_draft(), None)

    assert {match["choice"] for match in matches.values()} == {"text"}


def test_create_plan_from_import_saves_the_whole_draft(coordinator, province_committee, dept_a, dept_b):
    plan_import = make_import(coordinator, issuer=province_committee)

    plan = services.create_plan_from_import(
        plan_import, issuer=province_committee, agency_choices=_choices(plan_import), by=coordinator
    )

    assert plan.issuer == province_committee
    assert (plan.number, plan.issue_date, plan.year) == ("12/KH-UBND", date(2026, 2, 5), 2026)
    assert plan.status == Plan.Status.ISSUED
    assert plan.signer_name == "Nguyễn Văn A"
    assert plan.recipients == ["Bộ Nội vụ", "Lưu: VT"]
    assert plan.sections[0]["title"] == "MỤC ĐÍCH, YÊU CẦU"
    assert plan.source_file.name == plan_import.file.name
    assert "tuyen truyen cai cach hanh chinh" in plan.search_text
    first, second = plan.tasks.order_by("position")
    assert (first.ordinal, first.recurrence_kind, first.target_total, first.end_date) == (
        "1",
        "monthly",
        12,
        date(2026, 12, 31),
    )
    assert (second.timeframe_kind, second.start_date, second.target_total, second.item_unit) == (
        "range",
        date(2026, 4, 1),
        3,
        "cuộc",
    )
    lead = first.assignments.get(role=Assignment.Role.LEAD)
    assert (lead.unit, lead.text, lead.is_resolved) == (dept_a, "Sở Nội vụ", True)
    group = first.assignments.filter(role=Assignment.Role.COORDINATING)
    assert group.count() > 5
    assert {a.group_key for a in group} == {"departments"}
    assert all(a.is_resolved and a.text == "Các sở, ban, ngành" for a in group)
    unknown = second.assignments.get(role=Assignment.Role.LEAD)
    assert (unknown.unit, unknown.text, unknown.is_resolved) == (None, "Ban Chỉ đạo Hư cấu", False)
    assert second.assignments.get(role=Assignment.Role.COORDINATING).unit == dept_b
    assert LegalReference.objects.get(plan=plan).number == "76/NQ-CP"
    assert list(plan.reporting_obligations.values_list("period", "deadline_day", "deadline_month")) == [
        ("half_year", 5, 6),
        ("year", 30, 11),
    ]
    assert SubPlanObligation.objects.get(plan=plan).due_date == date(2026, 3, 31)
    target = IndicatorTarget.objects.get(plan=plan)
    assert (target.index, target.comparator, float(target.value), target.unit) == ("SIPAS", ">=", 90.0, "%")
    plan_import.refresh_from_db()
    assert plan_import.status == PlanImport.Status.CONFIRMED
    assert plan_import.confirmed_at is not None


def test_confirming_twice_returns_the_same_plan(coordinator, province_committee):
    plan_import = make_import(coordinator, issuer=province_committee)
    choices = _choices(plan_import)

    first = services.create_plan_from_import(
        plan_import, issuer=province_committee, agency_choices=choices, by=coordinator
    )
    second = services.create_plan_from_import(
        plan_import, issuer=province_committee, agency_choices=choices, by=coordinator
    )

    assert first.pk == second.pk
    assert Plan.objects.count() == 1
    assert Task.objects.filter(plan=first).count() == 2


def test_reviewer_choice_overrides_the_suggestion(coordinator, province_committee, dept_b):
    plan_import = make_import(coordinator, issuer=province_committee)
    choices = {**_choices(plan_import), "1.lead.0": f"unit:{dept_b.pk}", "0.coordinating.0": "text"}

    plan = services.create_plan_from_import(
        plan_import, issuer=province_committee, agency_choices=choices, by=coordinator
    )

    second = plan.tasks.get(ordinal="2")
    assert second.assignments.get(role=Assignment.Role.LEAD).unit == dept_b
    kept = plan.tasks.get(ordinal="1").assignments.get(role=Assignment.Role.COORDINATING)
    assert (kept.unit, kept.group_key, kept.is_resolved) == (None, "departments", False)


def test_unit_outside_the_issuers_hierarchy_is_refused_and_nothing_is_saved(coordinator, province_committee):
    foreign = Unit.objects.get(source_code="12:so-noi-vu", valid_from=None)
    plan_import = make_import(coordinator, issuer=province_committee)
    choices = {**_choices(plan_import), "0.lead.0": f"unit:{foreign.pk}"}

    with pytest.raises(DomainError, match="không thuộc hệ thống"):
        services.create_plan_from_import(
            plan_import, issuer=province_committee, agency_choices=choices, by=coordinator
        )

    assert Plan.objects.count() == 0
    assert Task.objects.count() == 0
    plan_import.refresh_from_db()
    assert plan_import.status == PlanImport.Status.PENDING


def test_plan_without_year_is_refused(coordinator, province_committee):
    plan_import = make_import(coordinator, make_draft(year=None, issue_date=None), issuer=province_committee)

    with pytest.raises(DomainError, match="năm"):
        services.create_plan_from_import(
            plan_import, issuer=province_committee, agency_choices={}, by=coordinator
        )
    assert Plan.objects.count() == 0


def test_reviewed_document_fields_win_over_the_draft(coordinator, province_committee):
    plan_import = make_import(
        coordinator, make_draft(number=None, issue_date=None), issuer=province_committee
    )
    fields = services.DocumentFields(
        number="15/KH-UBND",
        issue_date=date(2026, 3, 1),
        year=2026,
        title="Kế hoạch đã sửa",
        signer_name="Trần Thị B",
        signer_title="PHÓ CHỦ TỊCH",
    )

    plan = services.create_plan_from_import(
        plan_import, issuer=province_committee, agency_choices={}, by=coordinator, document=fields
    )

    assert (plan.number, plan.issue_date, plan.title, plan.signer_name) == (
        "15/KH-UBND",
        date(2026, 3, 1),
        "Kế hoạch đã sửa",
        "Trần Thị B",
    )


def test_plan_without_number_is_a_draft(coordinator, province_committee):
    plan_import = make_import(coordinator, make_draft(number=None), issuer=province_committee)

    plan = services.create_plan_from_import(
        plan_import, issuer=province_committee, agency_choices={}, by=coordinator
    )

    assert plan.status == Plan.Status.DRAFT
    assert plan.display_number == "…/KH-UBND"


def test_discarded_import_cannot_be_confirmed(coordinator, province_committee):
    plan_import = make_import(coordinator, issuer=province_committee)
    services.discard_import(plan_import)

    with pytest.raises(DomainError, match="đã bị hủy"):
        services.create_plan_from_import(
            plan_import, issuer=province_committee, agency_choices={}, by=coordinator
        )
    assert Plan.objects.count() == 0


def test_choose_agency_records_the_choice(coordinator, province_committee, dept_b):
    plan_import = make_import(coordinator, issuer=province_committee)

    services.choose_agency(plan_import, "1.lead.0", f"unit:{dept_b.pk}")

    plan_import.refresh_from_db()
    assert plan_import.unit_matches["1.lead.0"]["choice"] == f"unit:{dept_b.pk}"


def test_changing_the_issuer_suggests_again(coordinator, province_committee, dept_a):
    plan_import = make_import(coordinator, issuer=None)
    assert plan_import.unit_matches["0.lead.0"]["choice"] == "text"

    services.change_import_issuer(plan_import, province_committee)

    plan_import.refresh_from_db()
    assert plan_import.issuer == province_committee
    assert plan_import.unit_matches["0.lead.0"]["choice"] == f"unit:{dept_a.pk}"


def test_start_import_refuses_a_file_over_the_limit_and_saves_nothing(settings, coordinator, media_root):
    settings.IMPORT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("lon.txt", b"x" * 1001, content_type="text/plain")

    with pytest.raises(DomainError, match="quá lớn"):
        services.start_import(upload, by=coordinator)

    assert PlanImport.objects.count() == 0
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_start_import_turns_an_importer_failure_into_a_vietnamese_message(coordinator, media_root):
    upload = SimpleUploadedFile("rac.pdf", b"%PDF-1.4 garbage \x00\x01\x02", content_type="application/pdf")

    with pytest.raises(DomainError) as error:
        services.start_import(upload, by=coordinator)

    assert " / " not in error.value.message
    assert PlanImport.objects.count() == 0
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_update_task_changes_fields_and_units(coordinator, province_committee, dept_a, dept_b):
    plan = make_plan(province_committee)
    task = make_task(plan, units=[dept_a])

    services.update_task(
        task,
        by=coordinator,
        values={"title": "Nhiệm vụ mới", "end_date": date(2026, 9, 30), "target_total": 4},
        lead_units=[dept_b],
        coordinating_units=[dept_a],
    )

    task.refresh_from_db()
    assert (task.title, task.end_date, task.target_total) == ("Nhiệm vụ mới", date(2026, 9, 30), 4)
    assert [a.unit for a in task.assignments.filter(role="lead")] == [dept_b]
    coordinating = task.assignments.filter(role="coordinating")
    assert {(a.unit_id, a.is_resolved) for a in coordinating} == {(dept_a.pk, True), (None, False)}


def test_update_task_resolves_and_drops_unresolved_names(coordinator, province_committee, dept_a, dept_b):
    plan = make_plan(province_committee)
    task = make_task(plan, units=[dept_a])
    unresolved = task.assignments.get(is_resolved=False)

    services.update_task(
        task,
        by=coordinator,
        values={},
        lead_units=[dept_a],
        coordinating_units=[],
        resolutions={unresolved.pk: dept_b},
    )

    resolved = task.assignments.get(pk=unresolved.pk)
    assert (resolved.unit, resolved.is_resolved, resolved.text) == (dept_b, True, "Cơ quan chưa rõ")

    other = Assignment.objects.create(task=task, role="lead", text="Tên lạ", is_resolved=False)
    services.update_task(
        task,
        by=coordinator,
        values={},
        lead_units=[dept_a],
        coordinating_units=[dept_b],
        resolutions={other.pk: None},
    )
    assert not Assignment.objects.filter(pk=other.pk).exists()


def test_update_task_keeps_group_rows_of_units_still_chosen(coordinator, province_committee, dept_a, dept_b):
    plan = make_plan(province_committee)
    task = make_task(plan, units=[])
    Assignment.objects.create(
        task=task, unit=dept_a, role="lead", text="Các sở, ban, ngành", group_key="departments"
    )
    Assignment.objects.create(
        task=task, unit=dept_b, role="lead", text="Các sở, ban, ngành", group_key="departments"
    )

    services.update_task(task, by=coordinator, values={}, lead_units=[dept_a], coordinating_units=[])

    (kept,) = task.assignments.filter(role="lead")
    assert (kept.unit, kept.group_key, kept.text) == (dept_a, "departments", "Các sở, ban, ngành")


def test_task_of_a_closed_plan_cannot_change(coordinator, province_committee, dept_a):
    plan = make_plan(province_committee, status=Plan.Status.CLOSED)
    task = make_task(plan, units=[dept_a])

    with pytest.raises(DomainError, match="đã kết thúc"):
        services.update_task(
            task, by=coordinator, values={"title": "x"}, lead_units=[], coordinating_units=[]
        )
    task.refresh_from_db()
    assert task.title != "x"
