"""A plan written in cchc: a new draft, its heading corrected, tasks added and removed while it is not
issued; issued plans, logged work and sub-plans protect what they count on."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from cchc.activities.models import Activity
from cchc.core.errors import DomainError
from cchc.documents.models import RegisteredDocument
from cchc.plans import services
from cchc.plans.models import Plan, Task
from tests.plans.factories import make_plan, make_task

pytestmark = pytest.mark.django_db


def new_task(**values) -> dict:
    """The task form as a coordinator fills it for a new task."""
    data = {
        "title": "",
        "details": "",
        "timeframe_text": "",
        "timeframe_kind": "unknown",
        "start_date": "",
        "end_date": "",
        "recurrence_text": "",
        "recurrence_kind": "",
        "per_period": "",
        "target_total": "",
        "item_unit": "",
        "duration_min_minutes": "",
        "duration_max_minutes": "",
        "duration_text": "",
        "product": "",
        "budget": "",
        "lead_units": [],
        "coordinating_units": [],
    }
    data.update(values)
    return data


def test_a_coordinator_writes_a_new_plan_and_adds_its_tasks(client_coordinator, province_committee, dept_a):
    response = client_coordinator.post(
        reverse("plans:plan_create"),
        {
            "issuer": province_committee.pk,
            "year": 2027,
            "title": "  Tuyên truyền   cải cách hành chính năm 2027 ",
        },
    )

    plan = Plan.objects.get(year=2027)
    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert (plan.status, plan.title, plan.issuer) == (
        "draft",
        "Tuyên truyền cải cách hành chính năm 2027",
        province_committee,
    )
    page = client_coordinator.get(response.url).content.decode()
    assert reverse("plans:task_create", args=[plan.pk]) in page

    added = client_coordinator.post(
        reverse("plans:task_create", args=[plan.pk]),
        new_task(
            title="Đăng tin, bài trên cổng thông tin",
            timeframe_text="Năm 2027",
            recurrence_text="Hằng tháng",
            per_period=2,
            item_unit="tin, bài",
            lead_units=[dept_a.pk],
        ),
    )
    second = client_coordinator.post(
        reverse("plans:task_create", args=[plan.pk]),
        new_task(title="Hội nghị tập huấn", timeframe_text="Quý II/2027", lead_units=[dept_a.pk]),
    )

    first, other = plan.tasks.order_by("position")
    assert added.status_code == second.status_code == 302
    assert added.url.endswith(f"#task-{first.pk}")
    assert [(t.ordinal, t.position, t.title) for t in (first, other)] == [
        ("1", 0, "Đăng tin, bài trên cổng thông tin"),
        ("2", 1, "Hội nghị tập huấn"),
    ]
    assert list(first.assignments.filter(role="lead").values_list("unit", flat=True)) == [dept_a.pk]
    assert (str(other.start_date), str(other.end_date)) == ("2027-04-01", "2027-06-30")


def test_a_new_plan_needs_an_issuer_the_user_coordinates(
    client_coordinator, client_officer_a, outsider_unit_plan
):
    refused = client_coordinator.post(
        reverse("plans:plan_create"), {"issuer": outsider_unit_plan.issuer_id, "year": 2027, "title": "X"}
    )

    assert refused.status_code == 422
    assert "Cơ quan không hợp lệ hoặc bạn không quản lý cơ quan này." in refused.content.decode()
    assert client_officer_a.get(reverse("plans:plan_create")).status_code == 403
    assert not Plan.objects.filter(year=2027).exists()


@pytest.fixture
def outsider_unit_plan(db):
    from tests.factories import make_unit

    other_province = make_unit(None)
    return make_plan(make_unit(other_province), tasks=0)


def test_the_heading_is_corrected_and_a_wrong_date_refused(client_coordinator, province_plan):
    url = reverse("plans:plan_edit", args=[province_plan.pk])
    data = {
        "title": "Kế hoạch đã sửa",
        "year": province_plan.year,
        "number": "12/KH-UBND",
        "issue_date": "2026-01-15",
        "place": "Khánh Hòa",
    }

    assert client_coordinator.post(url, data).status_code == 302
    province_plan.refresh_from_db()
    assert (province_plan.title, province_plan.number, province_plan.issue_date) == (
        "Kế hoạch đã sửa",
        "12/KH-UBND",
        date(2026, 1, 15),
    )
    assert "ke hoach da sua" in province_plan.search_text

    wrong = client_coordinator.post(url, {**data, "issue_date": "2020-01-15", "title": "Khác"})
    assert wrong.status_code == 422
    assert "phải ban hành trong năm" in wrong.content.decode()
    province_plan.refresh_from_db()
    assert province_plan.title == "Kế hoạch đã sửa"


def test_a_task_without_work_is_deleted_one_with_work_or_a_sub_plan_task_is_kept(
    client_coordinator, province_plan, dept_a
):
    spare = make_task(province_plan, units=[dept_a], position=1)
    worked = province_plan.tasks.get(position=0)
    Activity.objects.create(
        task=worked,
        unit=dept_a,
        date=date(2026, 3, 1),
        channel="press",
        title="Tin",
        quantity=1,
        measure="articles",
    )
    carried = make_task(province_plan, units=[dept_a], position=2)
    make_task(make_plan(dept_a, parent=province_plan), units=[dept_a], parent_task=carried)

    client_coordinator.post(reverse("plans:task_delete", args=[spare.pk]))
    kept = client_coordinator.post(reverse("plans:task_delete", args=[worked.pk]), follow=True)
    carried_reply = client_coordinator.post(reverse("plans:task_delete", args=[carried.pk]), follow=True)

    assert not Task.objects.filter(pk=spare.pk).exists()
    assert "đã có 1 hoạt động được ghi nhận; không xóa được" in kept.content.decode()
    assert "Kế hoạch cấp dưới có nhiệm vụ thực hiện nhiệm vụ này" in carried_reply.content.decode()
    assert Task.objects.filter(pk__in=[worked.pk, carried.pk]).count() == 2


def test_a_plan_issued_through_the_register_is_not_edited(client_coordinator, province_plan, coordinator):
    province_plan.status = Plan.Status.ISSUED
    province_plan.save(update_fields=["status"])
    RegisteredDocument.objects.create(
        unit=province_plan.issuer,
        year=2026,
        type_code="KH",
        issuer_code="UBND",
        number=1,
        symbol="KH-UBND",
        plan=province_plan,
        title=province_plan.title,
        issued_on=date(2026, 1, 5),
    )
    task = province_plan.tasks.get()

    for url in (
        reverse("plans:plan_edit", args=[province_plan.pk]),
        reverse("plans:task_create", args=[province_plan.pk]),
    ):
        response = client_coordinator.get(url, follow=True)
        assert "Hãy lập kế hoạch điều chỉnh, bổ sung" in response.content.decode()
    with pytest.raises(DomainError, match="điều chỉnh, bổ sung"):
        services.delete_task(task, by=coordinator)
    with pytest.raises(DomainError, match="điều chỉnh, bổ sung"):
        services.create_task(
            province_plan, by=coordinator, values={"title": "Mới"}, lead_units=[], coordinating_units=[]
        )
    assert province_plan.tasks.count() == 1


def test_an_amendment_adds_a_task(client_coordinator, province_plan, coordinator, dept_a):
    from cchc.documents.services import amend_plan

    province_plan.status = Plan.Status.ISSUED
    province_plan.save(update_fields=["status"])
    amendment = amend_plan(province_plan, by=coordinator)

    services.create_task(
        amendment,
        by=coordinator,
        values={"title": "Bổ sung: tọa đàm"},
        lead_units=[dept_a],
        coordinating_units=[],
    )

    assert list(amendment.tasks.order_by("position").values_list("ordinal", "title"))[-1] == (
        "2",
        "Bổ sung: tọa đàm",
    )
    assert province_plan.tasks.count() == 1


BODY = """Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030;
Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2027 của Ủy ban nhân dân tỉnh về cải cách hành chính năm 2027;
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức của cán bộ, công chức và người dân về cải cách hành chính.
II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN
Tuyên truyền trên cổng thông tin điện tử, mạng xã hội và hệ thống truyền thanh cơ sở.
III. TỔ CHỨC THỰC HIỆN
Định kỳ hằng quý, các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 10 tháng cuối quý để tổng hợp.
"""


def test_a_drafts_text_is_written_and_read_like_an_imported_plan(
    client_coordinator, province_committee, coordinator
):
    plan = services.create_plan(
        issuer=province_committee, year=2027, title="Tuyên truyền CCHC năm 2027", by=coordinator
    )
    url = reverse("plans:plan_body", args=[plan.pk])
    page = client_coordinator.get(url).content.decode()
    assert "I. MỤC ĐÍCH, YÊU CẦU" in page  # the usual outline to start from

    response = client_coordinator.post(url, {"body": BODY})

    assert response.status_code == 302
    plan.refresh_from_db()
    assert [section["title"] for section in plan.sections if section["marker"]] == [
        "MỤC ĐÍCH, YÊU CẦU",
        "NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN",
        "TỔ CHỨC THỰC HIỆN",
    ]
    assert list(plan.legal_references.values_list("number", flat=True)) == ["76/NQ-CP", "12/KH-UBND"]
    (obligation,) = plan.reporting_obligations.all()
    assert (obligation.period, obligation.deadline_day, obligation.deadline_relative) == (
        "quarter",
        10,
        "last_month_of_period",
    )
    assert plan.channels == ["web_portal", "social_media", "loudspeaker"]
    # Written again: the text comes back as typed, and saving it twice keeps one of each.
    again = client_coordinator.get(url).content.decode()
    assert "Căn cứ Nghị quyết số 76/NQ-CP" in again
    client_coordinator.post(url, {"body": BODY})
    assert plan.legal_references.count() == 2
    assert plan.reporting_obligations.count() == 1


def test_an_imported_plans_text_is_not_rewritten(client_coordinator, province_plan):
    response = client_coordinator.get(reverse("plans:plan_body", args=[province_plan.pk]), follow=True)

    assert "chỉ dự thảo được soạn nội dung" in response.content.decode()


def test_an_empty_text_is_refused_and_nothing_changes(client_coordinator, province_committee, coordinator):
    plan = services.create_plan(issuer=province_committee, year=2027, title="Tuyên truyền", by=coordinator)
    client_coordinator.post(reverse("plans:plan_body", args=[plan.pk]), {"body": BODY})

    response = client_coordinator.post(reverse("plans:plan_body", args=[plan.pk]), {"body": "   "})

    assert response.status_code == 422
    assert "Vui lòng nhập nội dung kế hoạch." in response.content.decode()
    assert plan.legal_references.count() == 2
