"""Units' own templates: checked against a sample before they are kept; a broken one is named and refused."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.core.errors import DomainError
from cchc.documents import services
from cchc.documents.models import DocumentTemplate

pytestmark = pytest.mark.django_db


def _docx(*paragraphs: str) -> bytes:
    word = docx.Document()
    for text in paragraphs:
        word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _upload(data: bytes, name: str = "mau.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_the_standard_example_passes_its_own_check_for_plans_and_reports() -> None:
    for kind in ("plan", "report"):
        services.check_template(services.example_template(kind), kind)


def test_the_standard_example_holds_the_placeholders() -> None:
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(services.example_template("plan"))).paragraphs)

    for placeholder in (
        "{{ title }}",
        "{{ signer_name }}",
        "{{ appendix_caption }}",
        "{%p for r in recipients %}",
    ):
        assert placeholder in text


def test_a_valid_template_is_kept_and_replaces_the_active_one(province_committee, coordinator) -> None:
    first = services.upload_template(
        province_committee, "plan", _upload(_docx("{{ number_line }}")), by=coordinator
    )
    second = services.upload_template(
        province_committee, "plan", _upload(_docx("{{ title }}"), "mau-2.docx"), by=coordinator
    )

    first.refresh_from_db()
    assert (first.is_active, second.is_active) == (False, True)
    assert services.active_template(province_committee, "plan") == second
    assert second.name == "mau-2.docx"


def test_a_template_with_an_unknown_placeholder_is_refused_naming_it(
    province_committee, coordinator, media_root
):
    with pytest.raises(DomainError) as error:
        services.upload_template(
            province_committee, "plan", _upload(_docx("Số: {{ so_hieu_sai }}")), by=coordinator
        )

    assert "so_hieu_sai" in error.value.message
    assert not DocumentTemplate.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.docx"))


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"not a zip", "mau.docx", "không phải là tệp Word"),
        (b"%PDF-1.4", "mau.pdf", "phải là tệp Word .docx"),
    ],
)
def test_a_file_that_is_not_a_word_template_is_refused(province_committee, coordinator, data, name, message):
    with pytest.raises(DomainError, match=message):
        services.upload_template(province_committee, "plan", _upload(data, name), by=coordinator)

    assert not DocumentTemplate.objects.exists()


def test_an_officer_cannot_upload_a_template(province_committee, officer_a):
    with pytest.raises(DomainError, match="không có quyền"):
        services.upload_template(province_committee, "plan", _upload(_docx("{{ title }}")), by=officer_a)


def test_a_template_can_be_stopped_and_used_again(province_committee, coordinator):
    template = services.upload_template(
        province_committee, "report", _upload(_docx("{{ title }}")), by=coordinator
    )

    services.set_template_active(template, False, by=coordinator)
    assert services.active_template(province_committee, "report") is None
    services.set_template_active(template, True, by=coordinator)
    assert services.active_template(province_committee, "report") == template


def test_upload_page_keeps_a_good_template(client_coordinator, province_committee):
    response = client_coordinator.post(
        reverse("documents:template_upload"),
        {"unit": province_committee.pk, "kind": "plan", "file": _upload(services.example_template("plan"))},
    )

    assert response.status_code == 302
    page = client_coordinator.get(reverse("documents:template_list")).content.decode()
    assert "mau.docx" in page
    assert "Đang dùng" in page


def test_upload_page_names_the_bad_placeholder_and_saves_nothing(client_coordinator, province_committee):
    response = client_coordinator.post(
        reverse("documents:template_upload"),
        {"unit": province_committee.pk, "kind": "plan", "file": _upload(_docx("{{ ngay_ky_sai }}"))},
    )

    assert response.status_code == 422
    assert "ngay_ky_sai" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_upload_page_refuses_a_unit_the_user_does_not_coordinate(client_coordinator, other_province):
    response = client_coordinator.post(
        reverse("documents:template_upload"),
        {"unit": other_province.pk, "kind": "plan", "file": _upload(services.example_template("plan"))},
    )

    assert response.status_code == 422
    assert "Đơn vị không hợp lệ" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_upload_page_answers_get_with_405(client_coordinator):
    assert client_coordinator.get(reverse("documents:template_upload")).status_code == 405


def test_template_list_shows_the_placeholders_and_the_example(client_coordinator):
    page = client_coordinator.get(reverse("documents:template_list")).content.decode()

    assert "number_line" in page
    assert "signature_lines" in page
    assert reverse("documents:template_example", args=["plan"]) in page


def test_the_example_downloads_as_a_word_file(client_coordinator):
    response = client_coordinator.get(reverse("documents:template_example", args=["plan"]))

    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    docx.Document(io.BytesIO(response.content))


def test_activating_answers_get_with_405(client_coordinator, province_committee, coordinator):
    template = services.upload_template(
        province_committee, "plan", _upload(_docx("{{ title }}")), by=coordinator
    )

    assert (
        client_coordinator.get(reverse("documents:template_activate", args=[template.pk])).status_code == 405
    )


def test_template_list_queries_do_not_grow_with_templates(
    client_coordinator, province_committee, dept_a, coordinator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client_coordinator.get(reverse("documents:template_list")).status_code == 200
        return len(queries)

    services.upload_template(province_committee, "plan", _upload(_docx("{{ title }}")), by=coordinator)
    one = count()
    for unit in (province_committee, dept_a, dept_a):
        services.upload_template(unit, "report", _upload(_docx("{{ title }}")), by=coordinator)

    assert count() == one


def test_an_officer_reads_the_template_page_without_the_upload_form(client_officer_a):
    page = client_officer_a.get(reverse("documents:template_list")).content.decode()

    assert 'id="templates-read-only"' in page
    assert reverse("documents:template_upload") not in page
    assert reverse("documents:template_example", args=["report"]) in page
