"""Scoring a unit: the active rule of its level and year, the metrics measured from the record, the sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.errors import DomainError
from cchc.evaluation import metrics as measured
from cchc.evaluation import scoring
from cchc.evaluation.models import Level, ScoreRule, ScoreSheet, level_of
from cchc.orgs.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


@dataclass
class Computation:
    """A score computed but not stored: what the page shows before the first "Tính lại"."""

    unit: Unit
    year: int
    rule: ScoreRule
    evaluated_on: date
    metrics: dict[str, scoring.MetricValue]
    result: scoring.ScoreSheet


def active_rule(unit: Unit, year: int) -> ScoreRule:
    """The rule in force for the unit's level and ``year``; DomainError when there is none."""
    level = level_of(unit)
    rule = ScoreRule.objects.filter(year=year, level=level, is_active=True).first()
    if rule is None:
        raise DomainError(
            _(
                "Chưa có quy tắc chấm điểm đang áp dụng cho %(level)s năm %(year)s; quản trị viên thêm quy tắc "
                "trong trang quản trị (Đánh giá, chấm điểm › Quy tắc chấm điểm)."
            )
            % {"level": Level(level).label.lower(), "year": year}
        )
    return rule


def compute_score(unit: Unit, year: int, *, on: date | None = None) -> Computation:
    """Measure and score without saving. ``on``: the last day counted (default: today, at most 31/12)."""
    rule = active_rule(unit, year)
    errors = scoring.validate_rule(rule.definition)
    if errors:
        raise DomainError(
            _("Quy tắc “%(name)s” không hợp lệ: %(errors)s") % {"name": rule.name, "errors": " ".join(errors)}
        )
    day = measured.evaluation_day(year, on or timezone.localdate())
    values = measured.measure(unit, year, day, scoring.used_metrics(rule.definition))
    result = scoring.evaluate(rule.definition, values)
    return Computation(unit, year, rule, day, values, result)


@transaction.atomic
def score_unit(unit: Unit, year: int, *, by: AbstractBaseUser | None, on: date | None = None) -> ScoreSheet:
    """Compute the unit's score for ``year`` with the active rule and keep it (earlier sheets stay as
    history). Raises DomainError when no valid rule is active for the unit's level and year."""
    computation = compute_score(unit, year, on=on)
    return ScoreSheet.objects.create(
        unit=unit,
        year=year,
        rule=computation.rule,
        total=computation.result.total,
        max_points=computation.result.max_points,
        lines=[line.to_dict() for line in computation.result.lines],
        metrics={name: value.to_dict() for name, value in computation.metrics.items()},
        evaluated_on=computation.evaluated_on,
        computed_by=by if by is not None and by.is_authenticated else None,
    )


def stored_result(sheet: ScoreSheet) -> scoring.ScoreSheet:
    """A stored sheet as the scoring engine's result, for the page and the export."""
    return scoring.ScoreSheet(
        title=str(sheet.rule.definition.get("title", sheet.rule.name)),
        max_points=sheet.max_points,
        total=sheet.total,
        lines=[scoring.ScoreLine.from_dict(line) for line in sheet.lines],
    )
