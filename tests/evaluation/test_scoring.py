"""The scoring engine on its own: rules as data, table-driven (no Django, no database)."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from cchc.evaluation.rules import XUAN_LOC_2022
from cchc.evaluation.scoring import (
    METRICS,
    MetricValue,
    Reference,
    ScoreLine,
    evaluate,
    format_percent,
    validate_rule,
)

COMPLETION = XUAN_LOC_2022["criteria"][0]


def completion_only(scoring: dict) -> dict:
    return {"title": "Thử", "criteria": [{**COMPLETION, "scoring": scoring}]}


def line(sheet, code: str) -> ScoreLine:
    return next(item for item in sheet.lines if item.code == code)


@pytest.mark.parametrize(
    ("done", "total", "points", "explanation"),
    [
        (20, 20, "1.00", "Hoàn thành 20/20 nhiệm vụ (100,0%) → đạt 100%: 1,00 điểm"),
        (18, 20, "0.90", "Hoàn thành 18/20 nhiệm vụ (90,0%) → 90% đến dưới 100%: 0,90 × 1 = 0,90 điểm"),
        (9, 10, "0.90", "Hoàn thành 9/10 nhiệm vụ (90,0%) → 90% đến dưới 100%: 0,90 × 1 = 0,90 điểm"),
        (19, 20, "0.95", "Hoàn thành 19/20 nhiệm vụ (95,0%) → 90% đến dưới 100%: 0,95 × 1 = 0,95 điểm"),
        (37, 40, "0.93", "Hoàn thành 37/40 nhiệm vụ (92,5%) → 90% đến dưới 100%: 0,925 × 1 = 0,93 điểm"),
        (899, 1000, "0.00", "Hoàn thành 899/1000 nhiệm vụ (89,9%) → dưới 90%: 0,00 điểm"),
        # 8999/10000 prints as 90,0% but is under 90%: compared exactly, never rounded into the band.
        (8999, 10000, "0.00", "Hoàn thành 8999/10000 nhiệm vụ (90,0%) → dưới 90%: 0,00 điểm"),
        (0, 5, "0.00", "Hoàn thành 0/5 nhiệm vụ (0,0%) → dưới 90%: 0,00 điểm"),
    ],
)
def test_plan_completion_bands_of_xuan_loc(done, total, points, explanation) -> None:
    sheet = evaluate(XUAN_LOC_2022, {"plan_completion": MetricValue.ratio(done, total)})

    assert line(sheet, "4.1").points == Decimal(points)
    assert line(sheet, "4.1").explanation == explanation


@pytest.mark.parametrize(
    ("screens", "web", "traditional", "online", "variety", "total"),
    [
        ((), (), (), "0.00", "0.00", "0.90"),
        (("Tuyên truyền trực quan",), (), (), "0.25", "0.25", "1.15"),
        ((), ("Mạng xã hội",), ("Báo chí",), "0.25", "0.75", "1.65"),
        (
            ("Tuyên truyền trực quan",),
            ("Cổng/Trang thông tin điện tử",),
            ("Báo chí", "Phát thanh"),
            "0.50",
            "1.00",
            "1.90",
        ),
    ],
)
def test_variety_lines_add_up(screens, web, traditional, online, variety, total) -> None:
    metrics = {
        "plan_completion": MetricValue.ratio(18, 20),
        "online_screens": MetricValue.forms(screens),
        "online_web_social": MetricValue.forms(web),
        "traditional_forms": MetricValue.forms(traditional),
    }

    sheet = evaluate(XUAN_LOC_2022, metrics)

    assert line(sheet, "4.2.1").points == Decimal(online)
    assert line(sheet, "4.2").points == Decimal(variety)
    assert sheet.total == Decimal(total)
    assert sheet.max_points == Decimal(2)


def test_lines_explain_each_step_in_vietnamese() -> None:
    metrics = {
        "plan_completion": MetricValue.ratio(18, 20),
        "online_screens": MetricValue.forms([]),
        "online_web_social": MetricValue.forms(
            ["Mạng xã hội"], (Reference("Mạng xã hội: 2 hoạt động", "/x"),)
        ),
        "traditional_forms": MetricValue.forms(["Báo chí", "Phát thanh"]),
    }

    sheet = evaluate(XUAN_LOC_2022, metrics)

    assert [item.code for item in sheet.lines] == ["4.1", "4.2", "4.2.1", "4.2.1.a", "4.2.1.b", "4.2.2"]
    assert line(sheet, "4.2.1.a").explanation.endswith("(có minh chứng): không có → 0 điểm")
    assert line(sheet, "4.2.1.b").explanation == (
        "Tuyên truyền trên cổng/trang thông tin điện tử, mạng xã hội (có minh chứng): 1 hình thức "
        "(Mạng xã hội) → có: 0,25 điểm"
    )
    assert line(sheet, "4.2.1.b").references == [Reference("Mạng xã hội: 2 hoạt động", "/x")]
    assert line(sheet, "4.2.1").explanation == "Cộng các tiêu chí thành phần: 0,00 + 0,25 = 0,25 điểm"
    assert line(sheet, "4.2").explanation == "Cộng các tiêu chí thành phần: 0,25 + 0,50 = 0,75 điểm"
    assert sheet.total == Decimal("1.65")


def test_missing_metric_says_there_is_no_data() -> None:
    sheet = evaluate(
        XUAN_LOC_2022, {"plan_completion": MetricValue.unavailable("không chủ trì nhiệm vụ nào")}
    )

    assert line(sheet, "4.1").missing
    assert line(sheet, "4.1").points == 0
    assert "không có dữ liệu (không chủ trì nhiệm vụ nào)" in line(sheet, "4.1").explanation
    assert "online_screens" in sheet.missing_metrics


def test_a_ratio_over_no_task_is_missing_data() -> None:
    sheet = evaluate(XUAN_LOC_2022, {"plan_completion": MetricValue.ratio(0, 0)})

    assert line(sheet, "4.1").missing


@pytest.mark.parametrize(
    ("done", "total", "points", "reason"),
    [
        (100, 100, "1.00", "từ 80% trở lên, tính theo tỷ lệ: 1,00 × 1 = 1,00 điểm"),
        (85, 100, "0.85", "từ 80% trở lên, tính theo tỷ lệ: 0,85 × 1 = 0,85 điểm"),
        (80, 100, "0.80", "từ 80% trở lên, tính theo tỷ lệ: 0,80 × 1 = 0,80 điểm"),
        (799, 1000, "0.00", "dưới 80%: 0 điểm"),
    ],
)
def test_proportional_above_a_threshold(done, total, points, reason) -> None:
    rule = completion_only({"kind": "proportional_above", "threshold": 80})

    sheet = evaluate(rule, {"plan_completion": MetricValue.ratio(done, total)})

    assert sheet.total == Decimal(points)
    assert sheet.lines[0].explanation.endswith(reason)


@pytest.mark.parametrize(
    ("forms", "points", "reason"),
    [
        (0, "0.00", "0 × 0,1 = 0,00 điểm"),
        (3, "0.30", "3 × 0,1 = 0,30 điểm"),
        (7, "0.50", "7 × 0,1 = 0,70 điểm, tối đa 0,5: 0,50 điểm"),
    ],
)
def test_per_item_is_capped(forms, points, reason) -> None:
    rule = {
        "criteria": [
            {
                "code": "3",
                "title": "Hình thức",
                "max_points": 0.5,
                "metric": "traditional_forms",
                "scoring": {"kind": "per_item", "points": 0.1},
            }
        ]
    }

    sheet = evaluate(rule, {"traditional_forms": MetricValue.forms([f"Hình thức {n}" for n in range(forms)])})

    assert sheet.total == Decimal(points)
    assert sheet.lines[0].explanation.endswith(reason)


@pytest.mark.parametrize(("choice", "points"), [("on_time", "1.00"), ("late", "0.00"), ("missing", "-1.00")])
def test_choice_scores_sub_plan_timeliness_like_tien_giang(choice, points) -> None:
    rule = {
        "criteria": [
            {
                "code": "1",
                "title": "Ban hành kế hoạch",
                "max_points": 1,
                "metric": "subplan_timeliness",
                "scoring": {"kind": "choice", "points": {"on_time": 1, "late": 0, "missing": -1}},
            }
        ]
    }

    sheet = evaluate(rule, {"subplan_timeliness": MetricValue.option(choice)})

    assert sheet.total == Decimal(points)
    assert sheet.lines[0].explanation.startswith(METRICS["subplan_timeliness"].choices[choice])


REPORTING = {
    "criteria": [
        {
            "code": "5",
            "title": "Báo cáo",
            "max_points": 2,
            "scoring": {
                "kind": "deductions",
                "base": 2,
                "penalties": [
                    {"metric": "reports_late", "points": 0.25},
                    {"metric": "reports_missing_periodic", "points": 0.5},
                    {"metric": "reports_missing_annual", "points": 1},
                ],
            },
        }
    ]
}


@pytest.mark.parametrize(
    ("late", "periodic", "annual", "points"),
    [(0, 0, 0, "2.00"), (1, 0, 0, "1.75"), (2, 1, 0, "1.00"), (1, 1, 1, "0.25"), (4, 2, 1, "0.00")],
)
def test_deductions_from_a_base_never_go_below_zero(late, periodic, annual, points) -> None:
    metrics = {
        "reports_late": MetricValue.number(late),
        "reports_missing_periodic": MetricValue.number(periodic),
        "reports_missing_annual": MetricValue.number(annual),
    }

    sheet = evaluate(REPORTING, metrics)

    assert sheet.total == Decimal(points)
    assert f"2 − {late} × 0,25 − {periodic} × 0,5 − {annual} × 1" in sheet.lines[0].explanation


def test_deductions_without_report_data_score_nothing_and_say_so() -> None:
    sheet = evaluate(REPORTING, {})

    assert sheet.lines[0].missing
    assert sheet.lines[0].explanation.startswith("Không có dữ liệu: Báo cáo nộp trễ hạn")


def test_the_shipped_rule_is_valid() -> None:
    assert validate_rule(XUAN_LOC_2022) == []


def _broken(path: list, value) -> dict:
    rule = copy.deepcopy(XUAN_LOC_2022)
    target = rule
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return rule


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ([], "Quy tắc phải là một đối tượng JSON"),
        ({"criteria": []}, "danh sách tiêu chí “criteria” không rỗng"),
        (
            _broken(["criteria", 0, "metric"], "sipas"),
            "Chỉ số “sipas” của tiêu chí 4.1 không có trong danh mục",
        ),
        (
            _broken(["criteria", 0, "scoring", "kind"], "magic"),
            "Cách chấm “magic” của tiêu chí 4.1 không được hỗ trợ",
        ),
        (
            _broken(["criteria", 0, "scoring", "bands", 0, 2], 1.5),
            "Điểm của mức thứ 1 của tiêu chí 4.1 (1,5) vượt quá điểm tối đa (1)",
        ),
        (
            _broken(["criteria", 0, "scoring", "bands", 1], [85, 100, "proportional"]),
            "Các mức của tiêu chí 4.1 chồng lấn nhau: [0%, 90%) và [85%, 100%)",
        ),
        (
            _broken(["criteria", 0, "scoring", "bands", 0], [95, None, 1]),
            "Các mức của tiêu chí 4.1 chồng lấn nhau: [90%, 100%) và [95%, trở lên)",
        ),
        (_broken(["criteria", 0, "scoring", "bands", 2], [90, 0, 0]), "cận dưới phải nhỏ hơn cận trên"),
        (
            _broken(["criteria", 1, "children", 1, "max_points"], 0.75),
            "Tổng điểm tối đa của các tiêu chí thành phần của tiêu chí 4.2 (1,25) vượt quá điểm tối đa (1)",
        ),
        (
            _broken(["criteria", 1, "children", 1, "scoring"], {"kind": "boolean", "points": 1}),
            "Điểm của tiêu chí 4.2.2 (1) vượt quá điểm tối đa (0,5)",
        ),
        (
            _broken(["criteria", 1, "children", 1, "metric"], "plan_completion"),
            "Chỉ số “plan_completion” của tiêu chí 4.2.2 không chấm được theo cách “boolean”",
        ),
        (_broken(["criteria", 1, "code"], "4.1"), "Mã tiêu chí 4.1 bị trùng"),
        (
            _broken(["max_points"], 1.5),
            "Tổng điểm tối đa của các tiêu chí (2) vượt quá điểm tối đa của quy tắc (1,5)",
        ),
        (
            {"criteria": [{"code": "1", "title": "T", "max_points": 1, "metric": "plan_completion"}]},
            "Tiêu chí 1 thiếu cách chấm",
        ),
    ],
)
def test_invalid_rules_are_explained(rule, message) -> None:
    errors = validate_rule(rule)

    assert any(message in error for error in errors), errors


def test_evaluate_refuses_an_invalid_rule() -> None:
    with pytest.raises(ValueError, match="không có trong danh mục"):
        evaluate(_broken(["criteria", 0, "metric"], "sipas"), {})


def test_lines_and_values_survive_json() -> None:
    value = MetricValue.forms(["Báo chí"], (Reference("Báo chí", "/a"),))
    sheet = evaluate(XUAN_LOC_2022, {"traditional_forms": value, "plan_completion": MetricValue.ratio(1, 2)})

    assert [ScoreLine.from_dict(item.to_dict()) for item in sheet.lines] == sheet.lines
    assert MetricValue.from_dict(value.to_dict()) == value


@pytest.mark.parametrize(("done", "total", "text"), [(899, 1000, "89,9%"), (1, 3, "33,3%"), (2, 3, "66,7%")])
def test_percent_prints_one_decimal(done, total, text) -> None:
    assert format_percent(MetricValue.ratio(done, total).percent) == text
