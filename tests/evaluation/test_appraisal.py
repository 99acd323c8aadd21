"""Appraisal (thẩm định): the unit sends a frozen sheet, a superior who is not its member changes lines with
reasons, the totals add up as the rule adds them; the engine, the services, the pages and the exports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cchc.core.errors import DomainError
from cchc.evaluation import access
from cchc.evaluation.models import Level, ScoreSheet
from cchc.evaluation.rules import XUAN_LOC_2022
from cchc.evaluation.scoring import AppraisalError, MetricValue, appraise, evaluate
from cchc.evaluation.services import (
    AppraisalRefused,
    appraise_sheet,
    score_unit,
    stored_result,
)
from tests.evaluation.factories import TIEN_GIANG_LIKE, add_rule, sample_year, send
from tests.factories import make_user
from tests.reports.factories import send_data

pytestmark = pytest.mark.django_db

YEAR_END = date(2026, 12, 31)

# The sample unit's sheet under the shipped rule (see test_services): 4.1 0,90; 4.2.1.a 0,25; 4.2.1.b 0,25;
# 4.2.2 0 (press and radio without evidence); total 1,40 of 2.
SELF = {"4.1": "0,90", "4.2.1.a": "0,25", "4.2.1.b": "0,25", "4.2.2": "0"}


def sample_sheet():
    return evaluate(
        XUAN_LOC_2022,
        {
            "plan_completion": MetricValue.ratio(9, 10),
            "online_screens": MetricValue.forms(["Màn hình LED, màn hình điện tử"]),
            "online_web_social": MetricValue.forms(["Mạng xã hội"]),
            "traditional_forms": MetricValue.forms([]),
        },
    )


# The engine (pure Python).


def test_appraising_every_line_as_self_scored_gives_the_same_sheet() -> None:
    sheet = sample_sheet()

    result = appraise(sheet, SELF, {})

    assert result.points == {line.code: line.points for line in sheet.lines}
    assert result.total == sheet.total == Decimal("1.40")
    assert result.reasons == {}


def test_a_changed_line_adds_up_through_its_groups_to_the_total() -> None:
    entered = {**SELF, "4.2.2": "0.5", "4.1": "1"}
    reasons = {
        "4.2.2": "Có minh chứng bài báo gửi kèm hồ sơ giấy",
        "4.1": "  Nhiệm vụ 10 đã hoàn thành,\n có biên bản  ",
    }

    result = appraise(sample_sheet(), entered, reasons)

    # 4.2 = 4.2.1 (0,25 + 0,25) + 4.2.2 0,50 = 1,00; total = 1,00 + 1,00 = 2,00
    assert result.points["4.2.1"] == Decimal("0.50")
    assert result.points["4.2"] == Decimal("1.00")
    assert result.total == Decimal("2.00")
    assert result.reasons == {
        "4.2.2": "Có minh chứng bài báo gửi kèm hồ sơ giấy",
        "4.1": "Nhiệm vụ 10 đã hoàn thành, có biên bản",
    }


def test_wrong_entries_are_all_explained_in_vietnamese() -> None:
    entered = {"4.1": "1,5", "4.2.1.a": "-0,25", "4.2.1.b": "nhiều", "4.2.2": "0,5"}
    with pytest.raises(AppraisalError) as caught:
        appraise(sample_sheet(), entered, {})

    assert caught.value.by_line == {
        "4.1": "Tiêu chí 4.1: điểm thẩm định phải từ 0 đến 1 (đã nhập 1,5).",
        "4.2.1.a": "Tiêu chí 4.2.1.a: điểm thẩm định phải từ 0 đến 0,25 (đã nhập -0,25).",
        "4.2.1.b": "Tiêu chí 4.2.1.b: điểm thẩm định “nhiều” không phải là một số (ví dụ 0,75).",
        "4.2.2": "Tiêu chí 4.2.2: điểm thẩm định (0,50) khác điểm tự chấm (0,00), cần ghi lý do.",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Tiêu chí 4.1: chưa nhập điểm thẩm định."),
        ("0,905", "Tiêu chí 4.1: điểm thẩm định “0,905” không phải là một số (ví dụ 0,75)."),
        ("1e0", "Tiêu chí 4.1: điểm thẩm định “1e0” không phải là một số (ví dụ 0,75)."),
        ("NaN", "Tiêu chí 4.1: điểm thẩm định “NaN” không phải là một số (ví dụ 0,75)."),
    ],
)
def test_empty_and_odd_numbers_are_refused(text, message) -> None:
    with pytest.raises(AppraisalError) as caught:
        appraise(sample_sheet(), {**SELF, "4.1": text}, {})

    assert caught.value.errors == [message]


def test_a_choice_may_go_negative_and_a_deduction_stays_between_its_floor_and_base() -> None:
    sheet = evaluate(
        TIEN_GIANG_LIKE,
        {
            "subplan_timeliness": MetricValue.option("late"),
            "plan_completion": MetricValue.ratio(9, 10),
            "online_forms": MetricValue.forms([]),
            "traditional_forms": MetricValue.forms([]),
            "reports_late_or_returned": MetricValue.number(2),
            "reports_missing_periodic": MetricValue.number(0),
            "reports_missing_annual": MetricValue.number(0),
        },
    )
    own = {line.code: str(line.points) for line in sheet.lines}

    missing_plan = appraise(sheet, {**own, "1": "-1"}, {"1": "Kế hoạch ban hành sau khi hết năm"})
    with pytest.raises(AppraisalError) as caught:
        appraise(sheet, {**own, "1": "-1,5", "5": "2,25"}, {"1": "x", "5": "y"})

    assert missing_plan.points["1"] == Decimal("-1")
    assert missing_plan.total == sheet.total - 1
    assert caught.value.errors == [
        "Tiêu chí 1: điểm thẩm định phải từ -1 đến 1 (đã nhập -1,5).",
        "Tiêu chí 5: điểm thẩm định phải từ 0 đến 2 (đã nhập 2,25).",
    ]


def test_the_total_keeps_to_the_rules_floor_as_evaluate_does() -> None:
    rule = {**TIEN_GIANG_LIKE, "floor": 0}
    values = {
        "subplan_timeliness": MetricValue.option("on_time"),
        "plan_completion": MetricValue.ratio(1, 10),
        "online_forms": MetricValue.forms([]),
        "traditional_forms": MetricValue.forms([]),
        "reports_late_or_returned": MetricValue.number(8),
        "reports_missing_periodic": MetricValue.number(0),
        "reports_missing_annual": MetricValue.number(0),
    }
    sheet = evaluate(rule, values)
    own = {line.code: str(line.points) for line in sheet.lines}

    result = appraise(sheet, {**own, "1": "-1"}, {"1": "Kế hoạch không được ban hành"})

    # −1 + 0 + 0 + 0 + 0 = −1, not below the rule's floor 0.
    assert sheet.total == Decimal("1.00")
    assert result.total == Decimal("0.00")


# Services.


def test_the_database_keeps_one_sent_sheet_a_year(sheet) -> None:
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    ScoreSheet.objects.filter(pk=sheet.pk).update(sent_at=timezone.now())
    other = score_unit(sheet.unit, 2026, by=None, on=YEAR_END)

    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreSheet.objects.filter(pk=other.pk).update(sent_at=timezone.now())


@pytest.fixture
def sheet(province_committee, dept_a):
    sample_year(province_committee, dept_a, 2026)
    return score_unit(dept_a, 2026, by=None, on=YEAR_END)


def test_the_unit_sends_and_the_leader_above_appraises(sheet, officer_a, leader) -> None:
    sent = send(sheet, by=officer_a)
    points = {**SELF, "4.2.2": "0,5"}
    reasons = {"4.2.2": "Bài báo trên Báo Khánh Hòa ngày 03/6 có trong hồ sơ giấy"}

    _, done = appraise_sheet(sent, points=points, reasons=reasons, by=leader)

    sheet.refresh_from_db()
    assert done
    assert (sheet.sent_by, sheet.appraised_by) == (officer_a, leader)
    assert sheet.sent_at <= sheet.appraised_at
    assert sheet.status == ScoreSheet.Status.APPRAISED
    # The self-assessment is kept as it was: 1,40; appraised 0,90 + 0,50 + 0,50 = 1,90.
    assert sheet.total == Decimal("1.40")
    assert sheet.appraised_total == Decimal("1.90")
    assert sheet.appraisal["4.2.2"] == {"points": "0.5", "reason": reasons["4.2.2"]}
    assert sheet.appraisal["4.2"] == {"points": "1.00", "reason": ""}
    result = stored_result(sheet)
    assert [(line.code, line.is_adjusted) for line in result.lines if line.is_adjusted] == [
        ("4.2", True),
        ("4.2.2", True),
    ]
    assert result.appraised_total_display == "1,90"


def test_sending_twice_is_harmless_and_a_second_sheet_of_the_year_is_refused(sheet, officer_a) -> None:
    first = send(sheet, by=officer_a)
    again = send(sheet, by=officer_a)
    newer = score_unit(sheet.unit, 2026, by=officer_a, on=YEAR_END)

    with pytest.raises(DomainError, match="Đơn vị đã gửi bảng điểm năm 2026 để thẩm định lúc"):
        send(newer, by=officer_a)

    assert again.sent_at == first.sent_at
    newer.refresh_from_db()
    assert newer.sent_at is None
    assert ScoreSheet.objects.filter(sent_at__isnull=False).count() == 1


def test_recomputing_after_sending_leaves_the_sent_sheet_as_it_was(
    sheet, officer_a, province_committee, dept_a
) -> None:
    from cchc.plans.models import Task
    from tests.activities.factories import add_activity

    send(sheet, by=officer_a)
    # Task 10 gets its second output: 10/10.
    add_activity(Task.objects.filter(plan__year=2026).order_by("position").last(), dept_a, date(2026, 7, 1))
    lines = list(sheet.lines)

    newer = score_unit(dept_a, 2026, by=officer_a, on=YEAR_END)

    sheet.refresh_from_db()
    assert newer.pk != sheet.pk and newer.total == Decimal("1.50")
    assert (sheet.total, sheet.lines) == (Decimal("1.40"), lines)
    assert sheet.sent_at is not None and newer.sent_at is None


def test_bad_values_save_nothing(sheet, officer_a, leader) -> None:
    send(sheet, by=officer_a)

    with pytest.raises(AppraisalRefused) as caught:
        appraise_sheet(sheet, points={**SELF, "4.1": "2", "4.2.2": "0,5"}, reasons={}, by=leader)

    sheet.refresh_from_db()
    assert set(caught.value.by_line) == {"4.1", "4.2.2"}
    assert caught.value.message.startswith("Chưa lưu kết quả thẩm định: Tiêu chí 4.1:")
    assert (sheet.appraised_at, sheet.appraised_total, sheet.appraisal) == (None, None, {})


def test_a_double_submit_of_the_appraisal_keeps_the_first(sheet, officer_a, leader, admin) -> None:
    send(sheet, by=officer_a)
    first, done = appraise_sheet(sheet, points=SELF, reasons={}, by=leader)

    _, again = appraise_sheet(sheet, points={**SELF, "4.1": "1"}, reasons={"4.1": "khác"}, by=admin)

    assert (done, again) == (True, False)
    sheet.refresh_from_db()
    assert sheet.appraised_by == leader
    assert sheet.appraised_at == first.appraised_at
    assert sheet.appraised_total == Decimal("1.40")


def test_a_sheet_not_sent_cannot_be_appraised(sheet, leader) -> None:
    with pytest.raises(DomainError, match="chưa được gửi thẩm định"):
        appraise_sheet(sheet, points=SELF, reasons={}, by=leader)


def test_who_appraises_whom(
    province, province_committee, dept_a, dept_b, coordinator, officer_a, leader, admin
) -> None:
    # Sở Nội vụ's coordinator is a member of Sở Nội vụ: no self-appraisal; it appraises the other
    # departments of the province it coordinates.
    assert not access.can_appraise(coordinator, dept_a)
    assert access.can_appraise(coordinator, dept_b)
    assert not access.can_appraise(officer_a, dept_a)
    assert not access.can_appraise(officer_a, dept_b)
    # The province's leader appraises its departments, not the UBND it belongs to nor the province itself.
    assert access.can_appraise(leader, dept_a)
    assert not access.can_appraise(leader, province_committee)
    assert not access.can_appraise(leader, province)
    assert access.can_appraise(admin, dept_a)
    # Who sends: the unit's own.
    assert access.can_send(officer_a, dept_a) and access.can_send(coordinator, dept_a)
    assert not access.can_send(leader, dept_a) and not access.can_send(admin, dept_a)


# Pages.


def sheet_page(unit, year: int = 2026) -> str:
    return reverse("evaluation:score_sheet", kwargs={"pk": unit.pk, "year": year})


def send_url(unit, year: int = 2026) -> str:
    return reverse("evaluation:score_send", kwargs={"pk": unit.pk, "year": year})


def appraise_url(unit, year: int = 2026) -> str:
    return reverse("evaluation:score_appraise", kwargs={"pk": unit.pk, "year": year})


def form(points: dict[str, str], reasons: dict[str, str] | None = None) -> dict[str, str]:
    data = {f"diem-{code}": value for code, value in points.items()}
    data.update({f"ly-do-{code}": value for code, value in (reasons or {}).items()})
    return data


def test_officer_sends_the_sheet_shown(client_officer_a, sheet, dept_a) -> None:
    page = client_officer_a.get(sheet_page(dept_a)).content.decode()

    response = client_officer_a.post(send_url(dept_a), {"bang": sheet.pk, **send_data()}, follow=True)

    text = response.content.decode()
    sheet.refresh_from_db()
    assert "Gửi thẩm định" in page
    assert sheet.sent_at is not None
    assert "Đã gửi báo cáo tự chấm điểm số 01/BC-SNV (1,40/2 điểm) để cấp trên thẩm định" in text
    assert "Chờ thẩm định" in text
    assert 'id="send-form"' in page and 'id="send-form"' not in text
    assert (sheet.number, sheet.signer_name, sheet.document.kind) == ("01/BC-SNV", "Trần Thị Bình", "report")
    # Again: harmless.
    again = client_officer_a.post(send_url(dept_a), {"bang": sheet.pk, **send_data()}, follow=True)
    assert "Bảng điểm này đã được gửi thẩm định trước đó." in again.content.decode()


def test_sending_without_a_stored_sheet_explains(client_officer_a, province_committee, dept_a) -> None:
    sample_year(province_committee, dept_a, 2026)

    response = client_officer_a.post(send_url(dept_a), send_data())

    assert response.status_code == 422
    assert "bấm “Tính lại” để lưu bảng điểm rồi gửi thẩm định" in response.content.decode()
    assert not ScoreSheet.objects.exists()


def test_the_leader_appraises_on_the_page_and_sees_both_scores(
    client_leader, sheet, officer_a, dept_a
) -> None:
    send(sheet, by=officer_a)
    before = client_leader.get(sheet_page(dept_a) + f"?bang={sheet.pk}").content.decode()

    response = client_leader.post(
        appraise_url(dept_a),
        form({**SELF, "4.2.2": "0,5"}, {"4.2.2": "Bài báo có trong hồ sơ giấy"}),
        follow=True,
    )

    text = response.content.decode()
    assert 'name="diem-4.2.2"' in before and "Hoàn thành thẩm định" in before
    assert "Đã hoàn thành thẩm định: 1,90/2 điểm (tự chấm 1,40)." in text
    assert "Lý do thẩm định:</strong> Bài báo có trong hồ sơ giấy" in text
    assert "Đã thẩm định" in text and 'name="diem-4.2.2"' not in text
    sheet.refresh_from_db()
    assert sheet.appraised_total == Decimal("1.90")
    # The unit sees the result too.
    own = Client()
    own.force_login(officer_a)
    assert "1,90" in own.get(sheet_page(dept_a) + f"?bang={sheet.pk}").content.decode()


def test_wrong_values_on_the_page_keep_what_was_typed_and_save_nothing(
    client_leader, sheet, officer_a, dept_a
) -> None:
    send(sheet, by=officer_a)

    response = client_leader.post(appraise_url(dept_a), form({**SELF, "4.1": "1,2", "4.2.2": "abc"}))

    text = response.content.decode()
    assert response.status_code == 422
    assert "Chưa lưu kết quả thẩm định" in text
    assert "Tiêu chí 4.1: điểm thẩm định phải từ 0 đến 1 (đã nhập 1,2)." in text
    assert "Tiêu chí 4.2.2: điểm thẩm định “abc” không phải là một số" in text
    assert 'value="1,2"' in text and 'value="abc"' in text
    sheet.refresh_from_db()
    assert sheet.appraised_at is None


def test_a_double_submit_on_the_page_is_harmless(client_leader, sheet, officer_a, dept_a) -> None:
    send(sheet, by=officer_a)
    client_leader.post(appraise_url(dept_a), form(SELF))

    response = client_leader.post(appraise_url(dept_a), form({**SELF, "4.1": "1"}, {"4.1": "x"}), follow=True)

    assert "Bảng điểm này đã được thẩm định trước đó; kết quả giữ nguyên." in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.appraised_total == Decimal("1.40")


def test_own_members_get_403_and_foreign_users_404(
    client_coordinator, client_officer_a, client_officer_b, client_outsider, sheet, officer_a, dept_a
) -> None:
    send(sheet, by=officer_a)

    assert client_coordinator.post(appraise_url(dept_a), form(SELF)).status_code == 403
    assert client_officer_a.post(appraise_url(dept_a), form(SELF)).status_code == 403
    assert client_officer_b.post(appraise_url(dept_a), form(SELF)).status_code == 404
    assert client_outsider.post(appraise_url(dept_a), form(SELF)).status_code == 404
    assert client_officer_b.post(send_url(dept_a)).status_code == 404
    sheet.refresh_from_db()
    assert sheet.appraised_at is None


def test_appraising_before_the_unit_sends_explains(client_leader, sheet, dept_a) -> None:
    response = client_leader.post(appraise_url(dept_a), form(SELF))

    assert response.status_code == 422
    assert "Đơn vị chưa gửi bảng điểm năm 2026 để thẩm định." in response.content.decode()


def test_exports_hold_the_self_and_the_appraised_scores_side_by_side(
    client_leader, sheet, officer_a, leader, dept_a
) -> None:
    from docx import Document

    send(sheet, by=officer_a)
    appraise_sheet(sheet, points={**SELF, "4.2.2": "0,5"}, reasons={"4.2.2": "Có bài báo"}, by=leader)
    query = f"?bang={sheet.pk}"

    xlsx = client_leader.get(reverse("evaluation:score_sheet_xlsx", args=[dept_a.pk, 2026]) + query)
    docx = client_leader.get(reverse("evaluation:score_sheet_docx", args=[dept_a.pk, 2026]) + query)

    rows = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[5][:4] == ("Tổng điểm", 1.4, "trên", 2.0)
    assert rows[6][:4] == ("Tổng điểm thẩm định", 1.9, "trên", 2.0)
    assert rows[7][0] == "Gửi thẩm định" and rows[7][1].endswith("· Cán bộ A")
    assert rows[8][0] == "Thẩm định" and rows[8][1].endswith("· Lãnh đạo")
    header = next(row for row in rows if row[0] == "Mã")
    assert header[:6] == (
        "Mã",
        "Tiêu chí",
        "Điểm tối đa",
        "Điểm tự chấm",
        "Điểm thẩm định",
        "Lý do điều chỉnh",
    )
    lines = {row[0]: row for row in rows[rows.index(header) + 1 :] if row[0]}
    assert lines["4.2.2"][2:6] == (0.5, 0.0, 0.5, "Có bài báo")
    assert lines["4.1"][2:6] == (1.0, 0.9, 0.9, None)
    assert rows[-1][1:5] == ("Tổng cộng", 2.0, 1.4, 1.9)

    document = Document(BytesIO(docx.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert "Tổng điểm tự chấm: 1,40/2 điểm; tổng điểm thẩm định: 1,90/2 điểm." in text
    assert "II. KẾT QUẢ TỰ CHẤM ĐIỂM VÀ THẨM ĐỊNH" in text
    assert ["Mã", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định", "Diễn giải"] in cells
    row = next(row for row in cells if row[0] == "4.2.2")
    assert row[2:5] == ["0,5", "0,00", "0,50"]
    assert row[5].endswith("— Lý do thẩm định: Có bài báo")


def test_index_shows_the_appraisers_status_and_scores(
    client_leader, sheet, officer_a, leader, dept_a
) -> None:
    url = reverse("evaluation:score_index") + "?nam=2026"
    not_sent = client_leader.get(url).content.decode()
    send(sheet, by=officer_a)
    pending = client_leader.get(url).content.decode()
    appraise_sheet(sheet, points={**SELF, "4.2.2": "0,5"}, reasons={"4.2.2": "Có bài báo"}, by=leader)
    appraised = client_leader.get(url).content.decode()

    assert "Chưa gửi" in not_sent
    assert "Chờ thẩm định" in pending and "Bảng điểm chờ bạn thẩm định: <strong>1</strong>" in pending
    assert f"?bang={sheet.pk}" in pending
    assert "Đã thẩm định" in appraised and "1.90" in appraised.replace(",", ".")


def test_index_queries_do_not_grow_with_the_units_appraised(
    client_leader, province_committee, leader
) -> None:
    from tests.factories import make_unit
    from tests.plans.factories import make_plan, make_task

    plan = make_plan(province_committee, year=2026)
    sender = make_user("gui", unit=province_committee, role="coordinator")
    rule = add_rule(2026, Level.OTHER, XUAN_LOC_2022)

    def add_units(count: int) -> None:
        units = [make_unit(province_committee.parent) for _ in range(count)]
        make_task(plan, units=units)
        for index, unit in enumerate(units):
            sheet = ScoreSheet.objects.create(
                unit=unit,
                year=2026,
                rule=rule,
                total=Decimal("1"),
                max_points=Decimal("2"),
                lines=[],
                evaluated_on=YEAR_END,
            )
            send(sheet, by=sender)
            if index % 2:
                appraise_sheet(sheet, points={}, reasons={}, by=leader)

    url = reverse("evaluation:score_index") + "?nam=2026"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client_leader.get(url)
        assert response.status_code == 200
        return len(queries)

    add_units(1)
    one = count()
    add_units(9)
    ten = count()

    assert one == ten
    # Every second unit of each batch appraised: 4 of the 9 added last.
    assert client_leader.get(url).content.decode().count("Đã thẩm định") == 4
