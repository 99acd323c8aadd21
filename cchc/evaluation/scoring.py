"""Scoring rules as data, evaluated against measured metrics, with the arithmetic written out in Vietnamese.

Pure Python (no Django): a rule is a dict (stored as JSON, edited by an administrator), so next year's rule
is a new row, not a release. A rule is a tree of criteria; a leaf names a metric and a scoring kind:

    {"title": "…", "source": "…", "criteria": [
        {"code": "4.1", "title": "…", "max_points": 1, "metric": "plan_completion",
         "scoring": {"kind": "bands", "bands": [[100, null, 1], [90, 100, "proportional"], [0, 90, 0]]}},
        {"code": "4.2", "title": "…", "max_points": 1, "children": [ … ]}]}

Kinds:
- ``bands``: [lower %, upper % (exclusive, null = no upper bound), points or "proportional"]; proportional
  gives ratio × the line's maximum;
- ``proportional_above``: ``threshold`` %: ratio × maximum from the threshold up, 0 below;
- ``per_item``: ``points`` for each form (or counted item) present, capped at ``cap`` (else the maximum);
- ``boolean``: ``points`` (else the maximum) when at least one item is present;
- ``choice``: ``points`` per value of the metric ({"on_time": 1, "late": 0, "missing": -1});
- ``deductions``: ``base`` minus ``points`` for each occurrence counted by each penalty's metric, not
  below ``floor`` (0 unless given).

Percentages are compared as exact fractions: 899/1000 is 89,9 %, under a 90 % band, never rounded into it.
Line points are rounded to two decimals, half up, as score sheets print them.

Appraisal (thẩm định): ``appraise`` takes the superior's points for each scored line of a sheet, checks
each against the range the rule allows the line (``ScoreLine.lowest``..``top``: 0..maximum, a
deduction's floor..base, a choice's lowest value..maximum) and adds groups and the total up with the same
arithmetic as ``evaluate``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

PERCENT = "percent"
ITEMS = "items"
COUNT = "count"
CHOICE = "choice"

PROPORTIONAL = "proportional"
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class MetricInfo:
    """What a metric measures: its Vietnamese label, its type and how its value is put in words."""

    label: str
    type: str
    # For PERCENT: "Hoàn thành {done}/{total} nhiệm vụ ({percent})"; for COUNT: "{count} báo cáo nộp trễ".
    template: str = ""
    choices: dict[str, str] = field(default_factory=dict)


METRICS: dict[str, MetricInfo] = {
    "plan_completion": MetricInfo(
        "Tỷ lệ hoàn thành nhiệm vụ tuyên truyền đơn vị chủ trì",
        PERCENT,
        template="Hoàn thành {done}/{total} nhiệm vụ ({percent})",
    ),
    "online_screens": MetricInfo("Tuyên truyền trên màn hình LED, màn hình điện tử (có minh chứng)", ITEMS),
    "online_web_social": MetricInfo(
        "Tuyên truyền trên cổng/trang thông tin điện tử, mạng xã hội (có minh chứng)", ITEMS
    ),
    "online_forms": MetricInfo("Các hình thức tuyên truyền trực tuyến (có minh chứng)", ITEMS),
    "traditional_forms": MetricInfo("Các hình thức tuyên truyền truyền thống (có minh chứng)", ITEMS),
    "subplan_timeliness": MetricInfo(
        "Ban hành kế hoạch tuyên truyền của đơn vị",
        CHOICE,
        choices={
            "on_time": "Ban hành kế hoạch đúng hạn",
            "late": "Ban hành kế hoạch trễ hạn",
            "missing": "Không ban hành kế hoạch",
        },
    ),
    "reports_late": MetricInfo("Báo cáo nộp trễ hạn", COUNT, template="{count} báo cáo trễ hạn"),
    # Returned by the reviewer at least once: "không đạt yêu cầu, bị trả lại" (resubmitted or not).
    "reports_returned": MetricInfo(
        "Báo cáo không đạt yêu cầu, bị trả lại", COUNT, template="{count} báo cáo bị trả lại"
    ),
    # Each report counted once when it is late, returned or both: "trừ 0,25 điểm mỗi báo cáo trễ hạn hoặc
    # không đạt yêu cầu" is one penalty on this metric (two penalties on the two above would count a report
    # both late and returned twice).
    "reports_late_or_returned": MetricInfo(
        "Báo cáo nộp trễ hạn hoặc không đạt yêu cầu (bị trả lại)",
        COUNT,
        template="{count} báo cáo trễ hạn hoặc không đạt yêu cầu",
    ),
    "reports_missing_periodic": MetricInfo(
        "Báo cáo quý, 6 tháng, 9 tháng không nộp",
        COUNT,
        template="{count} báo cáo quý, 6 tháng, 9 tháng không nộp",
    ),
    "reports_missing_annual": MetricInfo(
        "Báo cáo năm không nộp", COUNT, template="{count} báo cáo năm không nộp"
    ),
}

KINDS: dict[str, tuple[str, ...]] = {
    # kind -> metric types it reads
    "bands": (PERCENT,),
    "proportional_above": (PERCENT,),
    "per_item": (ITEMS, COUNT),
    "boolean": (ITEMS, COUNT),
    "choice": (CHOICE,),
    "deductions": (COUNT,),
}

KIND_LABELS = {
    "bands": "theo mức",
    "proportional_above": "theo tỷ lệ từ ngưỡng",
    "per_item": "theo số hình thức",
    "boolean": "có hoặc không",
    "choice": "theo kết quả",
    "deductions": "trừ điểm theo số lần",
}


@dataclass(frozen=True)
class Reference:
    """Where a number comes from: a label and, when there is one, a link to the records behind it."""

    label: str
    url: str = ""


@dataclass(frozen=True)
class MetricValue:
    """A measured value: a ratio (done/total), items present, a count or a choice; ``missing`` when the
    data to measure it does not exist (the line then says so and scores nothing)."""

    done: int | None = None
    total: int | None = None
    items: tuple[str, ...] = ()
    count: int | None = None
    choice: str | None = None
    references: tuple[Reference, ...] = ()
    missing: bool = False
    note: str = ""

    @classmethod
    def ratio(
        cls, done: int, total: int, references: tuple[Reference, ...] = (), note: str = ""
    ) -> MetricValue:
        return cls(done=done, total=total, references=references, note=note)

    @classmethod
    def forms(cls, items: tuple[str, ...] | list[str], references: tuple[Reference, ...] = ()) -> MetricValue:
        return cls(items=tuple(items), references=references)

    @classmethod
    def number(cls, count: int, references: tuple[Reference, ...] = ()) -> MetricValue:
        return cls(count=count, references=references)

    @classmethod
    def option(cls, choice: str, references: tuple[Reference, ...] = (), note: str = "") -> MetricValue:
        return cls(choice=choice, references=references, note=note)

    @classmethod
    def unavailable(cls, note: str = "") -> MetricValue:
        return cls(missing=True, note=note)

    @property
    def percent(self) -> Fraction | None:
        if self.done is None or not self.total:
            return None
        return Fraction(self.done * 100, self.total)

    @property
    def present(self) -> int:
        """How many items are present: the forms listed, or the count."""
        return self.count if self.count is not None else len(self.items)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MetricValue:
        values = dict(data)
        values["items"] = tuple(values.get("items") or ())
        values["references"] = tuple(Reference(**ref) for ref in values.get("references") or ())
        return cls(**values)


@dataclass
class ScoreLine:
    """One criterion of the sheet: its points out of its maximum, and why."""

    code: str
    title: str
    depth: int
    max_points: Decimal
    points: Decimal
    explanation: str
    metric: str = ""
    is_group: bool = False
    missing: bool = False
    references: list[Reference] = field(default_factory=list)
    # The points the rule can give the line, the range an appraiser keeps to: 0..max_points unless the
    # rule goes below 0 (a choice worth −1, a deduction's floor) or stops below the maximum (a deduction's
    # base). None: max_points.
    lowest: Decimal = Decimal(0)
    highest: Decimal | None = None
    # Set from a stored appraisal (never stored with the self-assessment's lines).
    appraised_points: Decimal | None = None
    appraisal_reason: str = ""

    @property
    def points_display(self) -> str:
        return format_points(self.points)

    @property
    def max_display(self) -> str:
        return format_number(self.max_points)

    @property
    def top(self) -> Decimal:
        return self.max_points if self.highest is None else self.highest

    @property
    def range_display(self) -> str:
        """ "0–0,25", "-1–1"."""
        return f"{format_number(self.lowest)}–{format_number(self.top)}"

    @property
    def appraised_display(self) -> str:
        return format_points(self.appraised_points) if self.appraised_points is not None else ""

    @property
    def is_adjusted(self) -> bool:
        return self.appraised_points is not None and self.appraised_points != self.points

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["max_points"] = str(self.max_points)
        data["points"] = str(self.points)
        data["lowest"] = str(self.lowest)
        data["highest"] = str(self.highest) if self.highest is not None else None
        del data["appraised_points"], data["appraisal_reason"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoreLine:
        values = dict(data)
        values["max_points"] = Decimal(values["max_points"])
        values["points"] = Decimal(values["points"])
        values["references"] = [Reference(**ref) for ref in values.get("references") or []]
        values["lowest"] = Decimal(values.get("lowest") or 0)
        values["highest"] = Decimal(values["highest"]) if values.get("highest") is not None else None
        return cls(**values)


@dataclass
class ScoreSheet:
    """The result of a rule over metrics: the total and every line, top-down."""

    title: str
    max_points: Decimal
    total: Decimal
    lines: list[ScoreLine]
    # The rule's floor for the total, if it has one (kept to add an appraisal up the same way).
    floor: Decimal | None = None
    # Set from a stored appraisal.
    appraised_total: Decimal | None = None

    @property
    def missing_metrics(self) -> list[str]:
        return [line.metric for line in self.lines if line.missing and line.metric]

    @property
    def total_display(self) -> str:
        return format_points(self.total)

    @property
    def appraised_total_display(self) -> str:
        return format_points(self.appraised_total) if self.appraised_total is not None else ""

    @property
    def scored_lines(self) -> list[ScoreLine]:
        """The lines an appraiser enters (groups are added up)."""
        return [line for line in self.lines if not line.is_group]

    @property
    def max_display(self) -> str:
        return format_number(self.max_points)


# Formatting (Vietnamese: decimal comma).


def _comma(text: str) -> str:
    return text.replace(".", ",")


def format_points(value: Decimal) -> str:
    """Points as a score sheet prints them: two decimals, "0,90"."""
    return _comma(str(value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)))


def format_number(value: Decimal | Fraction | int | float) -> str:
    """A rule's own number as written: "1", "0,5", "0,25"."""
    decimal = _decimal(value)
    text = format(decimal.normalize(), "f")
    return _comma(text)


def format_percent(value: Fraction) -> str:
    """One decimal: "90,0%", "89,9%"."""
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return _comma(str(decimal.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))) + "%"


def format_ratio(value: Fraction) -> str:
    """At least two decimals, at most four: "0,90", "0,925", "0,3333"."""
    decimal = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP
    )
    text = format(decimal.normalize(), "f")
    whole, _, decimals = text.partition(".")
    return f"{whole},{decimals.ljust(2, '0')}"


def _decimal(value: Decimal | Fraction | int | float | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value))


def _round(value: Decimal | Fraction) -> Decimal:
    return _decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


# Validation.


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def validate_rule(rule: Any) -> list[str]:
    """Everything wrong with ``rule``, in Vietnamese; an empty list means it can be evaluated."""
    if not isinstance(rule, dict):
        return ["Quy tắc phải là một đối tượng JSON (dạng {…})."]
    errors: list[str] = []
    criteria = rule.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        return ["Quy tắc phải có danh sách tiêu chí “criteria” không rỗng."]
    codes: set[str] = set()
    total_max = Decimal(0)
    for index, node in enumerate(criteria):
        errors.extend(_validate_node(node, f"tiêu chí thứ {index + 1}", codes))
        if isinstance(node, dict) and _is_number(node.get("max_points")):
            total_max += _decimal(node["max_points"])
    if "max_points" in rule:
        if not _is_number(rule["max_points"]):
            errors.append("Điểm tối đa của quy tắc (“max_points”) phải là một số.")
        elif total_max > _decimal(rule["max_points"]):
            errors.append(
                f"Tổng điểm tối đa của các tiêu chí ({format_number(total_max)}) vượt quá điểm tối đa "
                f"của quy tắc ({format_number(rule['max_points'])})."
            )
    return errors


def _validate_node(node: Any, where: str, codes: set[str]) -> list[str]:
    if not isinstance(node, dict):
        return [f"{where.capitalize()} phải là một đối tượng JSON."]
    errors: list[str] = []
    code = node.get("code")
    if not isinstance(code, str) or not code.strip():
        errors.append(f"{where.capitalize()} thiếu mã (“code”).")
    else:
        where = f"tiêu chí {code}"
        if code in codes:
            errors.append(f"Mã tiêu chí {code} bị trùng.")
        codes.add(code)
    if not isinstance(node.get("title"), str) or not node["title"].strip():
        errors.append(f"{where.capitalize()} thiếu tên (“title”).")
    maximum = node.get("max_points")
    if not _is_number(maximum) or maximum < 0:
        errors.append(f"Điểm tối đa (“max_points”) của {where} phải là một số không âm.")
        maximum = None
    children = node.get("children")
    if children is not None:
        if "scoring" in node or "metric" in node:
            errors.append(
                f"{where.capitalize()} có tiêu chí thành phần nên không được có “metric”, “scoring”."
            )
        if not isinstance(children, list) or not children:
            errors.append(f"Danh sách tiêu chí thành phần của {where} phải không rỗng.")
            return errors
        children_max = Decimal(0)
        for index, child in enumerate(children):
            errors.extend(_validate_node(child, f"tiêu chí thành phần thứ {index + 1} của {where}", codes))
            if isinstance(child, dict) and _is_number(child.get("max_points")):
                children_max += _decimal(child["max_points"])
        if maximum is not None and children_max > _decimal(maximum):
            errors.append(
                f"Tổng điểm tối đa của các tiêu chí thành phần của {where} ({format_number(children_max)}) "
                f"vượt quá điểm tối đa ({format_number(maximum)})."
            )
        return errors
    errors.extend(_validate_scoring(node, where, maximum))
    return errors


def _validate_scoring(node: dict[str, Any], where: str, maximum: Any) -> list[str]:
    scoring = node.get("scoring")
    if not isinstance(scoring, dict):
        return [f"{where.capitalize()} thiếu cách chấm (“scoring”) hoặc tiêu chí thành phần (“children”)."]
    kind = scoring.get("kind")
    if kind not in KINDS:
        known = ", ".join(KINDS)
        return [f"Cách chấm “{kind}” của {where} không được hỗ trợ (dùng một trong: {known})."]
    errors: list[str] = []
    if kind != "deductions":
        metric = node.get("metric")
        if metric not in METRICS:
            errors.append(f"Chỉ số “{metric}” của {where} không có trong danh mục chỉ số.")
        elif METRICS[metric].type not in KINDS[kind]:
            errors.append(
                f"Chỉ số “{metric}” của {where} không chấm được theo cách “{kind}” ({KIND_LABELS[kind]})."
            )
    top = _decimal(maximum) if maximum is not None else None

    def over(value: Any, label: str) -> None:
        if top is not None and _is_number(value) and _decimal(value) > top:
            errors.append(
                f"{label} của {where} ({format_number(value)}) vượt quá điểm tối đa ({format_number(top)})."
            )

    if kind == "bands":
        errors.extend(_validate_bands(scoring.get("bands"), where, over))
    elif kind == "proportional_above":
        threshold = scoring.get("threshold")
        if not _is_number(threshold) or not 0 <= threshold <= 100:
            errors.append(f"Ngưỡng (“threshold”) của {where} phải là một số từ 0 đến 100 (%).")
    elif kind == "per_item":
        if not _is_number(scoring.get("points")) or scoring["points"] <= 0:
            errors.append(f"Điểm mỗi hình thức (“points”) của {where} phải là một số dương.")
        if "cap" in scoring:
            if not _is_number(scoring["cap"]) or scoring["cap"] < 0:
                errors.append(f"Mức trần (“cap”) của {where} phải là một số không âm.")
            over(scoring["cap"], "Mức trần")
    elif kind == "boolean":
        if "points" in scoring:
            if not _is_number(scoring["points"]):
                errors.append(f"Điểm (“points”) của {where} phải là một số.")
            over(scoring["points"], "Điểm")
    elif kind == "choice":
        points = scoring.get("points")
        metric = METRICS.get(node.get("metric", ""))
        if not isinstance(points, dict) or not points:
            errors.append(f"Bảng điểm theo kết quả (“points”) của {where} phải là một đối tượng không rỗng.")
        else:
            for value, score in points.items():
                if metric is not None and value not in metric.choices:
                    errors.append(
                        f"Kết quả “{value}” của {where} không có trong chỉ số “{node.get('metric')}”."
                    )
                if not _is_number(score):
                    errors.append(f"Điểm cho kết quả “{value}” của {where} phải là một số.")
                over(score, f"Điểm cho kết quả “{value}”")
    elif kind == "deductions":
        errors.extend(_validate_deductions(scoring, where, over))
    return errors


def _validate_bands(bands: Any, where: str, over: Any) -> list[str]:
    if not isinstance(bands, list) or not bands:
        return [f"Danh sách mức (“bands”) của {where} phải không rỗng."]
    errors: list[str] = []
    ranges: list[tuple[Decimal, Decimal | None]] = []
    for index, band in enumerate(bands, start=1):
        if not isinstance(band, list) or len(band) != 3:
            errors.append(f"Mức thứ {index} của {where} phải có dạng [cận dưới, cận trên, điểm].")
            continue
        lower, upper, points = band
        if not _is_number(lower) or (upper is not None and not _is_number(upper)):
            errors.append(f"Cận của mức thứ {index} của {where} phải là số (cận trên có thể là null).")
            continue
        if upper is not None and upper <= lower:
            errors.append(f"Mức thứ {index} của {where}: cận dưới phải nhỏ hơn cận trên.")
            continue
        if points != PROPORTIONAL and not _is_number(points):
            errors.append(f"Điểm của mức thứ {index} của {where} phải là một số hoặc “{PROPORTIONAL}”.")
        over(points, f"Điểm của mức thứ {index}")
        ranges.append((_decimal(lower), _decimal(upper) if upper is not None else None))
    ranges.sort(key=lambda item: item[0])
    for (low_a, high_a), (low_b, high_b) in pairwise(ranges):
        if high_a is None or high_a > low_b:
            upper_a = f"{format_number(high_a)}%" if high_a is not None else "trở lên"
            upper_b = f"{format_number(high_b)}%" if high_b is not None else "trở lên"
            errors.append(
                f"Các mức của {where} chồng lấn nhau: [{format_number(low_a)}%, {upper_a}) và "
                f"[{format_number(low_b)}%, {upper_b})."
            )
    return errors


def _validate_deductions(scoring: dict[str, Any], where: str, over: Any) -> list[str]:
    errors: list[str] = []
    if not _is_number(scoring.get("base")) or scoring["base"] < 0:
        errors.append(f"Điểm gốc (“base”) của {where} phải là một số không âm.")
    over(scoring.get("base"), "Điểm gốc")
    if "floor" in scoring and not _is_number(scoring["floor"]):
        errors.append(f"Điểm sàn (“floor”) của {where} phải là một số.")
    penalties = scoring.get("penalties")
    if not isinstance(penalties, list) or not penalties:
        errors.append(f"Danh sách khoản trừ (“penalties”) của {where} phải không rỗng.")
        return errors
    for index, penalty in enumerate(penalties, start=1):
        if not isinstance(penalty, dict):
            errors.append(f"Khoản trừ thứ {index} của {where} phải là một đối tượng JSON.")
            continue
        metric = penalty.get("metric")
        if metric not in METRICS:
            errors.append(
                f"Chỉ số “{metric}” của khoản trừ thứ {index} của {where} không có trong danh mục chỉ số."
            )
        elif METRICS[metric].type != COUNT:
            errors.append(
                f"Chỉ số “{metric}” của khoản trừ thứ {index} của {where} không phải là một số đếm."
            )
        if not _is_number(penalty.get("points")) or penalty["points"] <= 0:
            errors.append(f"Điểm trừ (“points”) của khoản trừ thứ {index} của {where} phải là một số dương.")
    return errors


def used_metrics(rule: dict[str, Any]) -> set[str]:
    """Every metric a (valid) rule reads."""
    found: set[str] = set()

    def walk(node: dict[str, Any]) -> None:
        for child in node.get("children") or []:
            walk(child)
        if node.get("metric"):
            found.add(node["metric"])
        for penalty in (node.get("scoring") or {}).get("penalties") or []:
            found.add(penalty["metric"])

    for node in rule["criteria"]:
        walk(node)
    return found


# Evaluation.


def evaluate(rule: dict[str, Any], metrics: dict[str, MetricValue]) -> ScoreSheet:
    """Score ``metrics`` with ``rule`` (which must pass ``validate_rule``); a metric absent from ``metrics``
    counts as missing data."""
    errors = validate_rule(rule)
    if errors:
        raise ValueError("; ".join(errors))
    lines: list[ScoreLine] = []
    floor = _decimal(rule["floor"]) if "floor" in rule else None
    total = _sheet_total([_node(node, 0, metrics, lines) for node in rule["criteria"]], floor)
    maximum = sum((_decimal(node["max_points"]) for node in rule["criteria"]), Decimal(0))
    if "max_points" in rule:
        maximum = _decimal(rule["max_points"])
    return ScoreSheet(
        title=str(rule.get("title", "")), max_points=maximum, total=total, lines=lines, floor=floor
    )


def _group_points(parts: list[Decimal]) -> Decimal:
    """A group's points: its children's, added up."""
    return _round(sum(parts, Decimal(0)))


def _sheet_total(parts: list[Decimal], floor: Decimal | None) -> Decimal:
    """The sheet's total: the top criteria added up, not below the rule's floor when it has one."""
    total = sum(parts, Decimal(0))
    if floor is not None:
        total = max(total, floor)
    return _round(total)


def _node(
    node: dict[str, Any], depth: int, metrics: dict[str, MetricValue], lines: list[ScoreLine]
) -> Decimal:
    maximum = _decimal(node["max_points"])
    line = ScoreLine(
        code=node["code"],
        title=node["title"],
        depth=depth,
        max_points=maximum,
        points=Decimal(0),
        explanation="",
    )
    lines.append(line)
    if node.get("children"):
        parts = [_node(child, depth + 1, metrics, lines) for child in node["children"]]
        line.is_group = True
        line.points = _group_points(parts)
        terms = " + ".join(format_points(part) for part in parts)
        line.explanation = f"Cộng các tiêu chí thành phần: {terms} = {format_points(line.points)} điểm"
        return line.points
    scoring = node["scoring"]
    if scoring["kind"] == "deductions":
        line.lowest = _decimal(scoring.get("floor", 0))
        line.highest = _decimal(scoring["base"])
        line.points, line.explanation, line.missing, line.references = _deductions(scoring, metrics)
        return line.points
    if scoring["kind"] == "choice":
        line.lowest = min(Decimal(0), *(_decimal(points) for points in scoring["points"].values()))
    line.metric = node["metric"]
    value = metrics.get(line.metric)
    if value is None or value.missing or (METRICS[line.metric].type == PERCENT and value.percent is None):
        note = value.note if value is not None and value.note else ""
        line.missing = True
        line.explanation = (
            f"{METRICS[line.metric].label}: không có dữ liệu{f' ({note})' if note else ''} → 0 điểm"
        )
        return line.points
    line.references = list(value.references)
    points, reason = SCORERS[scoring["kind"]](scoring, value, maximum)
    line.points = _round(points)
    line.explanation = f"{describe(line.metric, value)} → {reason}"
    return line.points


def describe(metric: str, value: MetricValue) -> str:
    """The measured value in words: "Hoàn thành 18/20 nhiệm vụ (90,0%)"."""
    info = METRICS[metric]
    if info.type == PERCENT:
        assert value.percent is not None
        text = info.template.format(done=value.done, total=value.total, percent=format_percent(value.percent))
    elif info.type == ITEMS:
        if value.items:
            text = f"{info.label}: {len(value.items)} hình thức ({', '.join(value.items)})"
        else:
            text = f"{info.label}: không có"
    elif info.type == COUNT:
        text = info.template.format(count=value.count or 0)
    else:
        text = info.choices.get(value.choice or "", value.choice or "")
    return f"{text}; {value.note}" if value.note else text


def _band_label(lower: Any, upper: Any) -> str:
    low, high = format_number(lower), format_number(upper) if upper is not None else ""
    if upper is None:
        return "đạt 100%" if _decimal(lower) == 100 else f"từ {low}% trở lên"
    if _decimal(lower) == 0:
        return f"dưới {high}%"
    return f"{low}% đến dưới {high}%"


def _proportional(ratio: Fraction, maximum: Decimal) -> tuple[Decimal, str]:
    points = _round(_decimal(ratio) * maximum)
    return points, f"{format_ratio(ratio)} × {format_number(maximum)} = {format_points(points)} điểm"


def _score_bands(scoring: dict[str, Any], value: MetricValue, maximum: Decimal) -> tuple[Decimal, str]:
    percent = value.percent
    assert percent is not None
    for lower, upper, points in scoring["bands"]:
        if percent >= Fraction(str(lower)) and (upper is None or percent < Fraction(str(upper))):
            label = _band_label(lower, upper)
            if points == PROPORTIONAL:
                score, arithmetic = _proportional(percent / 100, maximum)
                return score, f"{label}: {arithmetic}"
            return _decimal(points), f"{label}: {format_points(_decimal(points))} điểm"
    return Decimal(0), "không thuộc mức nào của quy tắc: 0 điểm"


def _score_proportional_above(
    scoring: dict[str, Any], value: MetricValue, maximum: Decimal
) -> tuple[Decimal, str]:
    percent = value.percent
    assert percent is not None
    threshold = scoring["threshold"]
    if percent < Fraction(str(threshold)):
        return Decimal(0), f"dưới {format_number(threshold)}%: 0 điểm"
    score, arithmetic = _proportional(min(percent, Fraction(100)) / 100, maximum)
    return score, f"từ {format_number(threshold)}% trở lên, tính theo tỷ lệ: {arithmetic}"


def _score_per_item(scoring: dict[str, Any], value: MetricValue, maximum: Decimal) -> tuple[Decimal, str]:
    each = _decimal(scoring["points"])
    cap = _decimal(scoring["cap"]) if "cap" in scoring else maximum
    raw = each * value.present
    points = min(raw, cap)
    text = f"{value.present} × {format_number(each)} = {format_points(raw)} điểm"
    if raw > cap:
        text += f", tối đa {format_number(cap)}: {format_points(points)} điểm"
    return points, text


def _score_boolean(scoring: dict[str, Any], value: MetricValue, maximum: Decimal) -> tuple[Decimal, str]:
    points = _decimal(scoring.get("points", maximum))
    if value.present > 0:
        return points, f"có: {format_points(points)} điểm"
    return Decimal(0), "0 điểm"


def _score_choice(scoring: dict[str, Any], value: MetricValue, maximum: Decimal) -> tuple[Decimal, str]:
    table = scoring["points"]
    if value.choice not in table:
        return Decimal(0), "kết quả không có trong bảng điểm: 0 điểm"
    points = _decimal(table[value.choice])
    return points, f"{format_points(points)} điểm"


def _deductions(
    scoring: dict[str, Any], metrics: dict[str, MetricValue]
) -> tuple[Decimal, str, bool, list[Reference]]:
    base = _decimal(scoring["base"])
    floor = _decimal(scoring.get("floor", 0))
    missing = [
        p["metric"]
        for p in scoring["penalties"]
        if p["metric"] not in metrics or metrics[p["metric"]].missing
    ]
    if missing:
        labels = "; ".join(METRICS[name].label for name in missing)
        return Decimal(0), f"Không có dữ liệu: {labels} → 0 điểm", True, []
    parts, terms, references = [], [], []
    points = base
    for penalty in scoring["penalties"]:
        value = metrics[penalty["metric"]]
        each = _decimal(penalty["points"])
        count = value.count or 0
        points -= each * count
        parts.append(describe(penalty["metric"], value))
        terms.append(f"{count} × {format_number(each)}")
        references.extend(value.references)
    result = max(points, floor)
    arithmetic = f"{format_number(base)} − {' − '.join(terms)} = {format_points(points)}"
    if result != points:
        arithmetic += f", không dưới {format_number(floor)}"
    return result, f"{'; '.join(parts)} → {arithmetic}: {format_points(result)} điểm", False, references


SCORERS = {
    "bands": _score_bands,
    "proportional_above": _score_proportional_above,
    "per_item": _score_per_item,
    "boolean": _score_boolean,
    "choice": _score_choice,
}


# Appraisal.

_POINTS = re.compile(r"^[-−]?\d+(?:[.,]\d{1,2})?$")
REASON_MAX = 2000


class AppraisalError(ValueError):
    """What is wrong with an appraiser's entries: one Vietnamese message per line code."""

    def __init__(self, by_line: dict[str, str]) -> None:
        super().__init__(" ".join(by_line.values()))
        self.by_line = by_line

    @property
    def errors(self) -> list[str]:
        return list(self.by_line.values())


@dataclass(frozen=True)
class Appraisal:
    """A superior's points for every line of a sheet (scored lines as entered, groups added up), the reason
    given for a line (mandatory where the points differ from the self-score) and the total."""

    points: dict[str, Decimal]
    reasons: dict[str, str]
    total: Decimal


def parse_points(text: str) -> Decimal | None:
    """ "0,75", "0.75", "1", "-1" (at most two decimals); None when it is not such a number."""
    text = text.strip().replace(" ", "")
    if not _POINTS.match(text):
        return None
    return Decimal(text.replace("−", "-").replace(",", "."))


def appraise(sheet: ScoreSheet, entered: dict[str, str], reasons: dict[str, str]) -> Appraisal:
    """Check the appraiser's ``entered`` points (text, by line code) and ``reasons`` for the scored lines of
    ``sheet`` and add them up as ``evaluate`` does. Raises AppraisalError listing every problem."""
    errors: dict[str, str] = {}
    leaves: dict[str, Decimal] = {}
    kept: dict[str, str] = {}
    for line in sheet.scored_lines:
        text = (entered.get(line.code) or "").strip()
        reason = " ".join((reasons.get(line.code) or "").split())
        where = f"Tiêu chí {line.code}"
        if not text:
            errors[line.code] = f"{where}: chưa nhập điểm thẩm định."
            continue
        value = parse_points(text)
        if value is None:
            errors[line.code] = f"{where}: điểm thẩm định “{text[:20]}” không phải là một số (ví dụ 0,75)."
            continue
        if not line.lowest <= value <= line.top:
            errors[line.code] = (
                f"{where}: điểm thẩm định phải từ {format_number(line.lowest)} đến {format_number(line.top)} "
                f"(đã nhập {format_number(value)})."
            )
            continue
        if value != line.points and not reason:
            errors[line.code] = (
                f"{where}: điểm thẩm định ({format_points(value)}) khác điểm tự chấm "
                f"({format_points(line.points)}), cần ghi lý do."
            )
            continue
        if len(reason) > REASON_MAX:
            errors[line.code] = f"{where}: lý do dài quá {REASON_MAX} ký tự."
            continue
        leaves[line.code] = value
        if reason:
            kept[line.code] = reason
    if errors:
        raise AppraisalError(errors)
    points, top = _add_up(sheet.lines, leaves)
    return Appraisal(points=points, reasons=kept, total=_sheet_total(top, sheet.floor))


def _add_up(lines: list[ScoreLine], leaves: dict[str, Decimal]) -> tuple[dict[str, Decimal], list[Decimal]]:
    """Every line's points from the scored lines' (``lines`` top-down, as ``evaluate`` lists them): each
    group the sum of its children. Also the top criteria's points, for the total."""
    points: dict[str, Decimal] = {}
    top: list[Decimal] = []
    open_groups: list[tuple[ScoreLine, list[Decimal]]] = []

    def close(depth: int) -> None:
        while open_groups and open_groups[-1][0].depth >= depth:
            group, parts = open_groups.pop()
            points[group.code] = _group_points(parts)
            (open_groups[-1][1] if open_groups else top).append(points[group.code])

    for line in lines:
        close(line.depth)
        if line.is_group:
            open_groups.append((line, []))
        else:
            points[line.code] = leaves[line.code]
            (open_groups[-1][1] if open_groups else top).append(points[line.code])
    close(0)
    return points, top
