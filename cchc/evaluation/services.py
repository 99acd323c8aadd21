"""Scoring a unit: the active rule of its level and year, the metrics measured from the record, the sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.errors import DomainError
from cchc.documents.builders import ReportDocument
from cchc.documents.services import Signature, check_signature, sign
from cchc.evaluation import access, scoring
from cchc.evaluation import metrics as measured
from cchc.evaluation.exports import score_sheet_document
from cchc.evaluation.models import Level, ScoreRule, ScoreSheet, level_of
from cchc.notifications.services import notify
from cchc.orgs.models import Membership, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class AppraisalRefused(DomainError):
    """Wrong appraisal entries: every problem, by line code (shown beside the line)."""

    def __init__(self, by_line: dict[str, str]) -> None:
        super().__init__(_("Chưa lưu kết quả thẩm định: ") + " ".join(by_line.values()))
        self.by_line = by_line


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
    """A stored sheet as the scoring engine's result, for the page and the export, with the appraised
    points beside the self-assessed ones once appraised."""
    definition = sheet.rule.definition
    result = scoring.ScoreSheet(
        title=str(definition.get("title", sheet.rule.name)),
        max_points=sheet.max_points,
        total=sheet.total,
        lines=[scoring.ScoreLine.from_dict(line) for line in sheet.lines],
        floor=Decimal(str(definition["floor"])) if "floor" in definition else None,
    )
    if sheet.appraised_at is not None:
        result.appraised_total = sheet.appraised_total
        for line in result.lines:
            entry = sheet.appraisal.get(line.code) or {}
            if "points" in entry:
                line.appraised_points = Decimal(entry["points"])
            line.appraisal_reason = entry.get("reason", "")
    return result


def _locked(sheet: ScoreSheet) -> ScoreSheet:
    return ScoreSheet.objects.select_for_update().select_related("rule").get(pk=sheet.pk)


def sheet_title(year: int) -> str:
    return f"Báo cáo kết quả tự chấm điểm tiêu chí công tác tuyên truyền cải cách hành chính năm {year}"


@transaction.atomic
def send_for_appraisal(
    sheet: ScoreSheet, *, by: AbstractBaseUser, signature: Signature, base_url: str = ""
) -> ScoreSheet:
    """Sign, number and send a stored sheet to the superior (an official report, numbered from the unit's
    register or by its own system; ``base_url`` prefixes the evidence links printed in it): from now on it
    is the year's sheet to appraise and never changes. Sending it again is harmless and takes no number;
    sending another sheet of the same year is refused."""
    sheet = _locked(sheet)
    if sheet.sent_at is not None:
        return sheet
    # Lock the unit's sheets of the year, so two sheets sent at once cannot both pass the check.
    others = list(
        ScoreSheet.objects.select_for_update()
        .filter(unit_id=sheet.unit_id, year=sheet.year, sent_at__isnull=False)
        .exclude(pk=sheet.pk)
        .values_list("sent_at", flat=True)
    )
    if others:
        raise DomainError(
            _("Đơn vị đã gửi bảng điểm năm %(year)s để thẩm định lúc %(at)s; mỗi năm chỉ gửi một bảng điểm.")
            % {"year": sheet.year, "at": timezone.localtime(others[0]).strftime("%d/%m/%Y %H:%M")}
        )
    check_signature(signature, earliest=date(sheet.year, 1, 1), today=timezone.localdate())
    sheet.sent_at = timezone.now()
    sheet.sent_by = by if by.is_authenticated else None
    unit = Unit.objects.select_related("parent").get(pk=sheet.unit_id)

    def document(record: ScoreSheet) -> ReportDocument:
        return score_sheet_document(
            unit,
            record.year,
            record.rule.name,
            record.rule.description,
            stored_result(record),
            record.evaluated_on,
            base_url,
            appraisal_notes(record),
            signed=record,
        )

    sign(sheet, signature, unit=unit, title=sheet_title(sheet.year), build=document, by=by)
    try:
        with transaction.atomic():
            sheet.save(update_fields=["sent_at", "sent_by", *ScoreSheet.SIGNATURE_FIELDS])
            link = f"{reverse('evaluation:score_sheet', args=[unit.pk, sheet.year])}?bang={sheet.pk}"
            for membership in access.appraisers_of(unit):
                notify(
                    membership.user,
                    f"[CCHC] {unit.name} gửi bảng tự chấm điểm năm {sheet.year} để thẩm định",
                    f"Báo cáo số {sheet.number}: tự chấm {scoring.format_points(sheet.total)}/"
                    f"{scoring.format_number(sheet.max_points)} điểm.",
                    link,
                )
    except IntegrityError as error:
        # Another sheet of the year was sent at the same moment (evaluation_sheet_one_sent).
        raise DomainError(
            _("Đơn vị vừa gửi một bảng điểm khác của năm %(year)s để thẩm định; hãy tải lại trang.")
            % {"year": sheet.year}
        ) from error
    return sheet


def sent_sheet(unit: Unit, year: int) -> ScoreSheet | None:
    """The unit's sheet of ``year`` sent for appraisal, if any."""
    return (
        ScoreSheet.objects.filter(unit=unit, year=year, sent_at__isnull=False)
        .select_related("rule", "sent_by", "appraised_by")
        .first()
    )


@transaction.atomic
def withdraw_sheet(sheet: ScoreSheet, *, by: AbstractBaseUser) -> bool:
    """Take back a sheet sent by mistake, before it is appraised, so another can be sent; its number stays
    in the register (a number is never given twice). False when it was not sent (a double submit)."""
    sheet = _locked(sheet)
    if sheet.sent_at is None:
        return False
    if sheet.appraised_at is not None:
        raise DomainError(_("Bảng điểm đã được thẩm định; không rút lại được."))
    sheet.sent_at = None
    sheet.sent_by = None
    sheet.save(update_fields=["sent_at", "sent_by"])
    unit = sheet.unit
    link = reverse("evaluation:score_sheet", args=[unit.pk, sheet.year])
    for membership in access.appraisers_of(unit):
        notify(
            membership.user,
            f"[CCHC] {unit.name} rút lại bảng tự chấm điểm năm {sheet.year}",
            f"Báo cáo số {sheet.number} được đơn vị rút lại trước khi thẩm định; đơn vị sẽ gửi bảng điểm khác.",
            link,
        )
    return True


@transaction.atomic
def appraise_sheet(
    sheet: ScoreSheet, *, points: dict[str, str], reasons: dict[str, str], by: AbstractBaseUser
) -> tuple[ScoreSheet, bool]:
    """Record the superior's points for every scored line of a sent sheet (``points`` as typed, by line
    code; a reason wherever they differ from the self-score): groups and the total added up as the rule
    adds them. Returns the sheet and whether this call appraised it: a sheet already appraised is left as
    it is (a double submit is harmless). Raises DomainError, saving nothing, on a wrong entry."""
    sheet = _locked(sheet)
    if sheet.sent_at is None:
        raise DomainError(_("Bảng điểm này chưa được gửi thẩm định."))
    if sheet.appraised_at is not None:
        return sheet, False
    try:
        appraisal = scoring.appraise(stored_result(sheet), points, reasons)
    except scoring.AppraisalError as error:
        raise AppraisalRefused(error.by_line) from error
    sheet.appraisal = {
        code: {"points": str(value), "reason": appraisal.reasons.get(code, "")}
        for code, value in appraisal.points.items()
    }
    sheet.appraised_total = appraisal.total
    sheet.appraised_at = timezone.now()
    sheet.appraised_by = by if by.is_authenticated else None
    sheet.save(update_fields=["appraisal", "appraised_total", "appraised_at", "appraised_by"])
    link = f"{reverse('evaluation:score_sheet', args=[sheet.unit_id, sheet.year])}?bang={sheet.pk}"
    members = Membership.objects.filter(unit_id=sheet.unit_id, user__is_active=True).exclude(
        role=Membership.Role.ADMIN
    )
    told = {membership.user_id: membership.user for membership in members.select_related("user")}
    for user_id, user in told.items():
        if user_id != by.pk:
            notify(
                user,
                f"[CCHC] Bảng tự chấm điểm năm {sheet.year} đã được thẩm định",
                f"Điểm thẩm định {scoring.format_points(sheet.appraised_total)}/"
                f"{scoring.format_number(sheet.max_points)} (tự chấm {scoring.format_points(sheet.total)}).",
                link,
            )
    return sheet, True


def _person(user: AbstractBaseUser | None) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()  # type: ignore[attr-defined]


def appraisal_notes(sheet: ScoreSheet | None) -> list[tuple[str, str]]:
    """Who sent the sheet for appraisal and who appraised it, when: [(label, "dd/mm/yyyy hh:mm · name")]."""
    if sheet is None:
        return []
    notes = []
    if sheet.sent_at is not None:
        at = timezone.localtime(sheet.sent_at).strftime("%d/%m/%Y %H:%M")
        notes.append((_("Gửi thẩm định"), f"{at} · {_person(sheet.sent_by)}"))
    if sheet.appraised_at is not None:
        at = timezone.localtime(sheet.appraised_at).strftime("%d/%m/%Y %H:%M")
        notes.append((_("Thẩm định"), f"{at} · {_person(sheet.appraised_by)}"))
    return notes
