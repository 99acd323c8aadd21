"""A stored plan back to the importer's PlanDraft: what the builders take, read in a fixed number of queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.documents.context import issuer_code_of, issuer_heading, place_of, plan_to_draft, superior_heading
from cchc.importer import PlanDraft
from cchc.plans import services as plan_services
from cchc.plans.models import Plan
from tests.plans.factories import make_draft, make_import, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(coordinator, province_committee) -> Plan:
    plan_import = make_import(coordinator, issuer=province_committee)
    choices = {key: match["choice"] for key, match in plan_import.unit_matches.items()}
    return plan_services.create_plan_from_import(
        plan_import, issuer=province_committee, agency_choices=choices, by=coordinator
    )


def test_the_document_fields_come_back_as_imported(stored):
    original = make_draft().document

    document = plan_to_draft(Plan.objects.select_related("issuer").get(pk=stored.pk)).document

    for name in (
        "number",
        "symbol",
        "issuer",
        "place",
        "issue_date",
        "year",
        "title",
        "signer_name",
        "signer_title",
        "authority",
        "authority_body",
        "recipients",
    ):
        assert getattr(document, name) == getattr(original, name), name


def test_tasks_come_back_with_their_agencies_timeframe_and_frequency(stored):
    original = make_draft()

    draft = plan_to_draft(stored)

    assert len(draft.tasks) == len(original.tasks)
    for got, want in zip(draft.tasks, original.tasks, strict=True):
        assert (got.ordinal, got.title, got.product) == (want.ordinal, want.title, want.product)
        assert [a.text for a in got.lead] == [a.text for a in want.lead]
        assert [(a.text, a.is_group) for a in got.coordinating] == [
            (a.text, a.is_group) for a in want.coordinating
        ]
        assert (got.timeframe.text, got.timeframe.kind, got.timeframe.start, got.timeframe.end) == (
            want.timeframe.text,
            want.timeframe.kind,
            want.timeframe.start,
            want.timeframe.end,
        )
        assert (
            got.frequency.kind,
            got.frequency.per_period,
            got.frequency.total,
            got.frequency.item_unit,
        ) == (
            want.frequency.kind,
            want.frequency.per_period,
            want.frequency.total,
            want.frequency.item_unit,
        )


def test_a_group_phrase_expanded_to_many_units_is_printed_once(stored):
    coordinating = plan_to_draft(stored).tasks[0].coordinating

    assert [a.text for a in coordinating] == ["Các sở, ban, ngành"]
    assert stored.tasks.get(position=0).assignments.filter(role="coordinating").count() > 1


def test_references_obligations_and_targets_come_back(stored):
    original = make_draft()

    draft = plan_to_draft(stored)

    assert [(r.number, r.date, r.issuer, r.text) for r in draft.legal_references] == [
        (r.number, r.date, r.issuer, r.text) for r in original.legal_references
    ]
    assert [(o.period, o.deadline.day, o.deadline.month) for o in draft.reporting_obligations] == [
        (o.period, o.deadline.day, o.deadline.month) for o in original.reporting_obligations
    ]
    assert [(o.due_date, o.units[0].text) for o in draft.subplan_obligations] == [
        ("2026-03-31", "UBND các xã")
    ]
    assert [(t.index, t.comparator, t.value, t.unit) for t in draft.indicator_targets] == [
        ("SIPAS", ">=", 90.0, "%")
    ]
    assert [(s.marker, s.title) for s in draft.sections] == [(s.marker, s.title) for s in original.sections]


def _queries(plan: Plan) -> int:
    plan = Plan.objects.select_related("issuer").get(pk=plan.pk)
    with CaptureQueriesContext(connection) as queries:
        plan_to_draft(plan)
    return len(queries)


def test_reading_a_plan_takes_the_same_queries_whatever_its_size(province_committee, dept_a, dept_b):
    small = make_plan(province_committee, tasks=1, units=[dept_a])
    large = make_plan(province_committee, tasks=25, units=[dept_a, dept_b])

    assert _queries(small) == _queries(large)


def test_header_words_of_a_department_and_a_committee(dept_a, province_committee, commune_committee):
    assert place_of(dept_a) == "Khánh Hòa"
    assert place_of(commune_committee) == "Nha Trang"
    assert superior_heading(dept_a) == "UBND TỈNH KHÁNH HÒA"
    assert issuer_heading(dept_a) == "SỞ NỘI VỤ"
    assert issuer_heading(province_committee) == "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
    assert superior_heading(province_committee) == ""
    assert (issuer_code_of(dept_a), issuer_code_of(province_committee)) == ("SNV", "UBND")


SAMPLES = sorted(Path("/work/shared/samples/plans").glob("0*.txt"))


def _sections(sections) -> list:
    return [(s.marker, s.title, s.text, _sections(s.children)) for s in sections]


def _agencies(agencies) -> list:
    return [(a.text, a.is_group, a.group if a.is_group else None) for a in agencies]


def _task(task) -> tuple:
    timeframe = task.timeframe
    frequency = task.frequency
    return (
        task.ordinal,
        task.title,
        task.details,
        task.group,
        _agencies(task.lead),
        _agencies(task.coordinating),
        (timeframe.text, timeframe.kind, timeframe.start, timeframe.end) if timeframe else None,
        (
            frequency.kind,
            frequency.per_period,
            frequency.total,
            frequency.item_unit,
            frequency.duration_min_minutes,
            frequency.each_unit,
        )
        if frequency
        else None,
        task.product,
        task.budget,
        task.themes,
        task.channels,
    )


@pytest.mark.skipif(not SAMPLES, reason="no sample plans in /work/shared/samples/plans")
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_a_sample_stored_and_read_back_is_the_plan_the_importer_read(path, coordinator, province_committee):
    plan_import = plan_services.import_bytes(path.read_bytes(), path.name, by=coordinator)
    original = PlanDraft.from_dict(plan_import.draft)
    choices = {key: match["choice"] for key, match in plan_import.unit_matches.items()}
    plan = plan_services.create_plan_from_import(
        plan_import, issuer=plan_import.issuer or province_committee, agency_choices=choices, by=coordinator
    )

    draft = plan_to_draft(Plan.objects.select_related("issuer").get(pk=plan.pk))

    for name in ("doc_type", "number", "symbol", "issue_date", "issue_date_text"):
        assert getattr(draft.document, name) == getattr(original.document, name), name
    # Header lines the source did not print are filled from the issuing unit (a document needs them).
    for name in ("issuer", "superior", "place"):
        if getattr(original.document, name):
            assert getattr(draft.document, name) == getattr(original.document, name), name
    for name in ("year", "title", "signer_name", "signer_title", "authority", "authority_body", "recipients"):
        assert getattr(draft.document, name) == getattr(original.document, name), name
    assert len(draft.tasks) == len(original.tasks)
    for got, want in zip(draft.tasks, original.tasks, strict=True):
        assert _task(got) == _task(want), f"task {want.ordinal}"
    assert [(r.doc_type, r.number, r.date, r.issuer, r.title, r.text) for r in draft.legal_references] == [
        (r.doc_type, r.number, r.date, r.issuer, r.title, r.text) for r in original.legal_references
    ]
    assert _sections(draft.sections) == _sections(original.sections)
    assert _sections(draft.report_outline) == _sections(original.report_outline)
    assert [
        (o.period, o.deadline, _agencies(o.reporters), o.recipient) for o in draft.reporting_obligations
    ] == [(o.period, o.deadline, _agencies(o.reporters), o.recipient) for o in original.reporting_obligations]
    assert [(o.deadline_text, o.due_date, _agencies(o.units)) for o in draft.subplan_obligations] == [
        (o.deadline_text, o.due_date, _agencies(o.units)) for o in original.subplan_obligations
    ]
    assert [(t.index, t.comparator, t.value, t.unit) for t in draft.indicator_targets] == [
        (t.index, t.comparator, t.value, t.unit) for t in original.indicator_targets
    ]
    assert (draft.themes, draft.channels) == (original.themes, original.channels)
