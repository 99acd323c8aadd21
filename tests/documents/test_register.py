"""The register of outgoing documents: numbers per unit, year and symbol, padded, never given twice."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from cchc.core.errors import DomainError
from cchc.documents import services
from cchc.documents.models import RegisterCounter, format_number
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "expected"), [(1, "01/KH-UBND"), (9, "09/KH-UBND"), (10, "10/KH-UBND"), (123, "123/KH-UBND")]
)
def test_numbers_below_ten_take_a_leading_zero(number, expected) -> None:
    assert format_number(number, "KH-UBND") == expected


def test_numbers_follow_each_other_in_one_register(province_committee) -> None:
    numbers = [services.allocate_number(province_committee, 2026, "KH", "UBND") for _ in range(3)]

    assert numbers == [1, 2, 3]
    assert RegisterCounter.objects.get(unit=province_committee, year=2026).last_number == 3


def test_each_year_symbol_and_unit_has_its_own_sequence(province_committee, dept_a) -> None:
    services.allocate_number(province_committee, 2026, "KH", "UBND")
    services.allocate_number(province_committee, 2026, "KH", "UBND")

    assert services.allocate_number(province_committee, 2026, "BC", "UBND") == 1
    assert services.allocate_number(province_committee, 2027, "KH", "UBND") == 1
    assert services.allocate_number(dept_a, 2026, "KH", "SNV") == 1
    assert services.allocate_number(province_committee, 2026, "KH", "UBND") == 3


def test_a_number_printed_on_an_imported_plan_is_not_given_again(province_committee) -> None:
    make_plan(province_committee, number="12/KH-UBND", symbol="KH-UBND", issue_date=date(2026, 1, 10))
    make_plan(province_committee, number="40/KH-UBND", symbol="KH-UBND", issue_date=date(2025, 11, 3))

    assert services.allocate_number(province_committee, 2026, "KH", "UBND") == 13
    assert services.allocate_number(province_committee, 2026, "KH", "UBND") == 14


def test_a_failed_transaction_gives_its_number_back(province_committee) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        assert services.allocate_number(province_committee, 2026, "KH", "UBND") == 1
        raise RuntimeError("the issue failed after the number was taken")

    assert services.allocate_number(province_committee, 2026, "KH", "UBND") == 1


@pytest.mark.parametrize("symbol", ["KH UBND", "KH/UBND", "", "KH-", "-UBND", "KH-UB ND"])
def test_a_symbol_outside_the_rule_is_refused_in_vietnamese(symbol) -> None:
    with pytest.raises(DomainError, match="Ký hiệu"):
        services.split_symbol(symbol)


@pytest.mark.parametrize(
    ("symbol", "parts"),
    [("KH-UBND", ("KH", "UBND")), ("TTr-SNV", ("TTr", "SNV")), ("KH-HĐND", ("KH", "HĐND"))],
)
def test_a_symbol_splits_into_type_and_issuer_codes(symbol, parts) -> None:
    assert services.split_symbol(symbol) == parts


def test_default_symbols_use_the_catalog_abbreviations(province_committee, dept_a, commune_committee) -> None:
    assert services.default_symbol(province_committee) == "KH-UBND"
    assert services.default_symbol(dept_a) == "KH-SNV"
    assert services.default_symbol(commune_committee, "BC") == "BC-UBND"


def test_a_report_gets_its_number_from_the_same_register(province_committee, coordinator) -> None:
    report = services.sample_report()

    first = services.register_report(
        province_committee,
        report,
        by=coordinator,
        issue_date=date(2026, 6, 5),
        symbol="BC-UBND",
        title="Báo cáo 6 tháng",
    )
    second = services.register_report(
        province_committee,
        services.sample_report(),
        by=coordinator,
        issue_date=date(2026, 12, 5),
        symbol="BC-UBND",
        title="Báo cáo năm",
    )

    assert (first.display_number, second.display_number) == ("01/BC-UBND", "02/BC-UBND")
    assert (first.kind, first.plan, report.number) == ("report", None, "01/BC-UBND")
    assert first.file.name.endswith("BC-01-UBND-2026.docx")


def test_an_officer_cannot_register_a_report(province_committee, officer_a) -> None:
    with pytest.raises(DomainError, match="không có quyền"):
        services.register_report(
            province_committee,
            services.sample_report(),
            by=officer_a,
            issue_date=date(2026, 6, 5),
            symbol="BC-UBND",
            title="Báo cáo",
        )

    assert not RegisterCounter.objects.exists()
