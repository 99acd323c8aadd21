"""Issuing a plan: the register's number, the plan locked, the .docx stored; all or nothing."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.core.files.base import ContentFile

from cchc.core.errors import DomainError
from cchc.documents import services
from cchc.documents.models import DocumentTemplate, RegisterCounter, RegisteredDocument
from cchc.plans import services as plan_services
from cchc.plans.models import Plan
from tests.plans.factories import make_plan, make_task

pytestmark = pytest.mark.django_db


def _docx_text(document: RegisteredDocument) -> str:
    with document.file.open("rb") as handle:
        word = docx.Document(io.BytesIO(handle.read()))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_issuing_gives_the_number_locks_the_plan_and_stores_the_docx(draft_plan, coordinator, issue_values):
    result = services.issue_plan(draft_plan, by=coordinator, **issue_values)

    plan = Plan.objects.get(pk=draft_plan.pk)
    assert (plan.number, plan.symbol, plan.status) == ("01/KH-UBND", "KH-UBND", Plan.Status.ISSUED)
    assert plan.issue_date == date(2026, 2, 5)
    assert plan.issue_date_text == "ngày 05 tháng 02 năm 2026"
    assert (plan.signer_name, plan.signer_title, plan.authority) == ("Nguyễn Văn Bình", "Phó Chủ tịch", "KT.")
    assert plan.place == "Khánh Hòa"
    assert plan.issuer_text == "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
    assert "01/kh-ubnd" in plan.search_text
    document = result.document
    assert (document.display_number, document.plan, document.year, document.kind) == (
        "01/KH-UBND",
        plan,
        2026,
        "plan",
    )
    assert document.signer == "KT. Phó Chủ tịch Nguyễn Văn Bình"
    assert result.note == ""
    text = _docx_text(document)
    assert "Số: 01/KH-UBND" in text
    assert "Khánh Hòa, ngày 05 tháng 02 năm 2026" in text
    assert "Nhiệm vụ tuyên truyền 1" in text
    assert "NGUYỄN VĂN BÌNH" in text.upper()


def test_plans_issued_one_after_the_other_get_consecutive_numbers(
    province_committee, dept_a, coordinator, issue_values
):
    first, second = (
        make_plan(province_committee, tasks=1, units=[dept_a], status="draft", number="", symbol="")
        for _ in range(2)
    )

    numbers = [
        services.issue_plan(plan, by=coordinator, **issue_values).plan.number for plan in (first, second)
    ]

    assert numbers == ["01/KH-UBND", "02/KH-UBND"]


def test_issuing_twice_is_refused_and_changes_nothing(draft_plan, coordinator, issue_values):
    services.issue_plan(draft_plan, by=coordinator, **issue_values)

    with pytest.raises(DomainError, match="đã được ban hành với số 01/KH-UBND"):
        services.issue_plan(draft_plan, by=coordinator, **{**issue_values, "signer_name": "Người khác"})

    assert RegisteredDocument.objects.count() == 1
    assert RegisterCounter.objects.get().last_number == 1
    assert Plan.objects.get(pk=draft_plan.pk).signer_name == "Nguyễn Văn Bình"


def test_an_officer_cannot_issue(draft_plan, officer_a, issue_values):
    with pytest.raises(DomainError, match="không có quyền"):
        services.issue_plan(draft_plan, by=officer_a, **issue_values)

    assert Plan.objects.get(pk=draft_plan.pk).status == Plan.Status.DRAFT
    assert not RegisterCounter.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"symbol": "KH UBND"}, "Ký hiệu"),
        ({"issue_date": date(2024, 12, 30)}, "phải ban hành trong năm 2025 hoặc 2026"),
        ({"signer_name": "  "}, "người ký"),
        ({"authority": "XYZ."}, "Thẩm quyền"),
    ],
)
def test_invalid_issue_input_is_refused_and_nothing_is_saved(
    draft_plan, coordinator, issue_values, change, message
):
    with pytest.raises(DomainError, match=message):
        services.issue_plan(draft_plan, by=coordinator, **{**issue_values, **change})

    plan = Plan.objects.get(pk=draft_plan.pk)
    assert (plan.status, plan.number) == (Plan.Status.DRAFT, "")
    assert not RegisterCounter.objects.exists()
    assert not RegisteredDocument.objects.exists()


def test_a_plan_without_tasks_cannot_be_issued(province_committee, coordinator, issue_values):
    plan = make_plan(province_committee, status="draft", number="", symbol="")

    with pytest.raises(DomainError, match="chưa có nhiệm vụ"):
        services.issue_plan(plan, by=coordinator, **issue_values)


def test_a_failure_while_storing_the_file_rolls_everything_back(
    draft_plan, coordinator, issue_values, settings, tmp_path
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker

    with pytest.raises(OSError):
        services.issue_plan(draft_plan, by=coordinator, **issue_values)

    plan = Plan.objects.get(pk=draft_plan.pk)
    assert (plan.status, plan.number) == (Plan.Status.DRAFT, "")
    assert not RegisterCounter.objects.exists()
    assert not RegisteredDocument.objects.exists()


def test_the_units_own_template_is_used(draft_plan, province_committee, coordinator, issue_values):
    template = DocumentTemplate(unit=province_committee, kind="plan", name="mau.docx", is_active=True)
    template.file.save("mau.docx", ContentFile(_template("MẪU RIÊNG {{ number_line }}")), save=False)
    template.save()

    result = services.issue_plan(draft_plan, by=coordinator, **issue_values)

    assert result.note == ""
    assert "MẪU RIÊNG Số: 01/KH-UBND" in _docx_text(result.document)


def test_a_broken_template_falls_back_to_the_standard_layout_and_says_so(
    draft_plan, province_committee, coordinator, issue_values
):
    template = DocumentTemplate(unit=province_committee, kind="plan", name="hong.docx", is_active=True)
    template.file.save("hong.docx", ContentFile(_template("{{ so_hieu_sai }}")), save=False)
    template.save()

    result = services.issue_plan(draft_plan, by=coordinator, **issue_values)

    assert "so_hieu_sai" in result.note
    assert "mẫu chuẩn" in result.note
    assert result.document.template_note == result.note
    assert "Số: 01/KH-UBND" in _docx_text(result.document)


def _template(text: str) -> bytes:
    word = docx.Document()
    word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_a_plan_issued_through_the_register_is_locked(draft_plan, coordinator, issue_values):
    services.issue_plan(draft_plan, by=coordinator, **issue_values)
    task = draft_plan.tasks.first()

    with pytest.raises(
        DomainError, match=r"Kế hoạch đã ban hành, không thể sửa\. Hãy lập kế hoạch điều chỉnh, bổ sung\."
    ):
        plan_services.update_task(
            task, by=coordinator, values={"title": "Đổi"}, lead_units=[], coordinating_units=[]
        )

    task.refresh_from_db()
    assert task.title == "Nhiệm vụ tuyên truyền 1"


def test_a_plan_imported_as_issued_stays_editable_to_correct_the_import(
    province_committee, dept_a, coordinator
):
    plan = make_plan(province_committee)  # issued elsewhere, number as printed
    task = make_task(plan, units=[dept_a])

    plan_services.update_task(
        task, by=coordinator, values={"title": "Sửa lỗi đọc"}, lead_units=[dept_a], coordinating_units=[]
    )

    task.refresh_from_db()
    assert task.title == "Sửa lỗi đọc"
