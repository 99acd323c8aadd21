"""The score sheet of a unit and year: every line with its arithmetic and the records behind it,
"Tính lại" to store a new computation, the .xlsx and .docx; "Gửi thẩm định" by the unit, and the
superior's appraisal line by line beside the self-score."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.core.errors import DomainError
from cchc.documents.forms import SignatureForm
from cchc.documents.services import peek_next_number
from cchc.evaluation import access, services
from cchc.evaluation.exports import score_sheet_document
from cchc.evaluation.exports import score_sheet_docx as build_docx
from cchc.evaluation.exports import score_sheet_xlsx as build_xlsx
from cchc.evaluation.models import Level, ScoreSheet, level_of
from cchc.evaluation.scoring import format_number, format_points
from cchc.orgs.models import Unit
from cchc.reports.services import signature_initial, signer_suggestions

FIRST_YEAR = 2000
LAST_YEAR = 2100
HISTORY_SHOWN = 20


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


@login_required
@require_GET
def score_index(request: HttpRequest) -> HttpResponse:
    """The units the user may score for a year (``?nam=``), each with its latest stored total."""
    this_year = timezone.localdate().year
    text = request.GET.get("nam", "").strip()
    year, year_error = this_year, ""
    if text:
        if text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR:
            year = int(text)
        else:
            year_error = _(
                "Năm “%(text)s” không hợp lệ (từ %(first)s đến %(last)s); đang xem năm %(year)s."
            ) % {
                "text": text[:10],
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
                "year": this_year,
            }
    latest = ScoreSheet.objects.filter(unit=OuterRef("pk"), year=year).order_by("-computed_at", "-pk")
    sent = ScoreSheet.objects.filter(unit=OuterRef("pk"), year=year, sent_at__isnull=False)
    units = list(
        access.scorable_units(request.user, year)
        .select_related("parent")
        .annotate(
            latest_total=Subquery(latest.values("total")[:1]),
            latest_max=Subquery(latest.values("max_points")[:1]),
            latest_at=Subquery(latest.values("computed_at")[:1]),
            sent_pk=Subquery(sent.values("pk")[:1]),
            sent_total=Subquery(sent.values("total")[:1]),
            sent_at=Subquery(sent.values("sent_at")[:1]),
            appraised_total=Subquery(sent.values("appraised_total")[:1]),
            appraised_at=Subquery(sent.values("appraised_at")[:1]),
        )
        .order_by("path")[:500]
    )
    levels = dict(Level.choices)
    scope = access.appraisal_scope(request.user)
    rows = []
    for unit in units:
        if unit.appraised_at is not None:
            status = ScoreSheet.Status.APPRAISED
        elif unit.sent_at is not None:
            status = ScoreSheet.Status.PENDING
        else:
            status = ScoreSheet.Status.NOT_SENT
        rows.append(
            {
                "unit": unit,
                "level": levels[level_of(unit)],
                "appraises": scope.covers(unit),
                "status": status,
                "status_label": ScoreSheet.Status(status).label,
            }
        )
    context = {
        "year": year,
        "year_error": year_error,
        "years": range(this_year + 1, this_year - 5, -1),
        "rows": rows,
        "appraiser": any(row["appraises"] for row in rows),
        "pending": sum(row["appraises"] and row["status"] == ScoreSheet.Status.PENDING for row in rows),
    }
    return render(request, "evaluation/score_index.html", context)


def _page_context(request: HttpRequest, unit: Unit, year: int, *, wanted: str = "") -> dict[str, Any]:
    """What the sheet page shows: the sheet ``wanted`` (else ``?bang=``, else the latest stored, else a
    provisional computation), the history, and what the user may do with it (send, appraise)."""
    history = list(
        ScoreSheet.objects.filter(unit=unit, year=year).select_related(
            "rule", "computed_by", "sent_by", "appraised_by"
        )[:HISTORY_SHOWN]
    )
    chosen: ScoreSheet | None = history[0] if history else None
    wanted = wanted or (request.GET.get("bang") or request.POST.get("bang") or "").strip()
    if wanted:
        chosen = next((sheet for sheet in history if str(sheet.pk) == wanted), None)
        if chosen is None:
            raise Http404
    sent = next((sheet for sheet in history if sheet.sent_at is not None), None)
    if sent is None and len(history) == HISTORY_SHOWN:
        sent = services.sent_sheet(unit, year)
    can_appraise = access.can_appraise(request.user, unit)
    context: dict[str, Any] = {
        "unit": unit,
        "year": year,
        "level": Level(level_of(unit)).label,
        "history": history,
        "sheet": chosen,
        "sent": sent,
        "is_latest": bool(chosen is not None and history and chosen.pk == history[0].pk),
        "can_send": sent is None and chosen is not None and access.can_send(request.user, unit),
        "can_withdraw": sent is not None
        and sent.appraised_at is None
        and access.can_send(request.user, unit),
        "appraising": bool(
            can_appraise and chosen is not None and chosen.status == ScoreSheet.Status.PENDING
        ),
        "entered": {},
        "reasons": {},
        "line_errors": {},
        "notes": services.appraisal_notes(chosen),
        "error": "",
        "preview": False,
    }
    if chosen is not None:
        context.update(
            rule=chosen.rule, result=services.stored_result(chosen), evaluated_on=chosen.evaluated_on
        )
        return context
    try:
        computation = services.compute_score(unit, year)
    except DomainError as error:
        context["error"] = error.message
        return context
    context.update(
        rule=computation.rule, result=computation.result, evaluated_on=computation.evaluated_on, preview=True
    )
    return context


def _signature_context(unit: Unit, form: SignatureForm | None, can_send: bool) -> dict[str, Any]:
    """The "sign, number and send" form of the page (first values: the unit's last signed report)."""
    if not can_send:
        return {"signature_form": None}
    form = form or SignatureForm(initial=signature_initial(unit))
    return {
        "signature_form": form,
        "signers": signer_suggestions(unit),
        "next_number": peek_next_number(unit, form, "BC"),
    }


def _render(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    """The sheet page; each line with what the appraisal form holds for it (typed value, reason, error)."""
    result = context.get("result")
    rows = []
    for line in result.lines if result is not None else []:
        value = context["entered"].get(line.code, line.points_display if context["appraising"] else "")
        rows.append(
            {
                "line": line,
                "value": value,
                "reason": context["reasons"].get(line.code, ""),
                "error": context["line_errors"].get(line.code, ""),
            }
        )
    context["rows"] = rows
    if "signature_form" not in context:
        context.update(_signature_context(context["unit"], None, context["can_send"]))
    return render(request, "evaluation/score_sheet.html", context, status=status)


def _sheet_url(unit: Unit, year: int, sheet: ScoreSheet) -> str:
    return f"{reverse('evaluation:score_sheet', args=[unit.pk, year])}?bang={sheet.pk}"


@login_required
@require_GET
def score_sheet(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    unit = access.get_scored_unit(request.user, pk)
    context = _page_context(request, unit, _year(year))
    return _render(request, context)


@login_required
@require_POST
def score_recompute(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    unit = access.get_scored_unit(request.user, pk)
    year = _year(year)
    try:
        sheet = services.score_unit(unit, year, by=request.user)
    except DomainError as error:
        context = _page_context(request, unit, year)
        context["error"] = error.message
        return _render(request, context, status=422)
    messages.success(
        request,
        _("Đã tính lại: %(total)s/%(max)s điểm (số liệu đến ngày %(day)s).")
        % {
            "total": services.stored_result(sheet).total_display,
            "max": services.stored_result(sheet).max_display,
            "day": sheet.evaluated_on.strftime("%d/%m/%Y"),
        },
    )
    return redirect("evaluation:score_sheet", pk=unit.pk, year=year)


@login_required
@require_GET
def score_sheet_xlsx(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    unit = access.get_scored_unit(request.user, pk)
    context = _page_context(request, unit, _year(year))
    if context["error"]:
        return _render(request, context, status=422)
    sheet: ScoreSheet | None = context["sheet"]
    data = build_xlsx(
        unit,
        year,
        context["rule"].name,
        context["result"],
        context["evaluated_on"],
        timezone.localtime(sheet.computed_at) if sheet else None,
        request.build_absolute_uri("/")[:-1],
        context["notes"],
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="bang-diem-{unit.pk}-{year}.xlsx"'
    return response


@login_required
@require_GET
def score_sheet_docx(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    unit = access.get_scored_unit(request.user, pk)
    context = _page_context(request, unit, _year(year))
    if context["error"]:
        return _render(request, context, status=422)
    rule = context["rule"]
    document = score_sheet_document(
        unit,
        year,
        rule.name,
        rule.description,
        context["result"],
        context["evaluated_on"],
        request.build_absolute_uri("/")[:-1],
        context["notes"],
        signed=context["sheet"],
    )
    response = HttpResponse(
        build_docx(document),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="bang-diem-{unit.pk}-{year}.docx"'
    return response


@login_required
@require_POST
def score_send(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """ "Gửi thẩm định": the sheet shown (``bang``, else the latest stored) goes to the superior."""
    unit = access.get_sending_unit(request.user, pk)
    year = _year(year)
    context = _page_context(request, unit, year)
    sheet: ScoreSheet | None = context["sheet"]
    if sheet is not None and sheet.sent_at is not None:
        messages.info(request, _("Bảng điểm này đã được gửi thẩm định trước đó."))
        return redirect(_sheet_url(unit, year, sheet))
    form = SignatureForm(request.POST)
    try:
        if sheet is None:
            raise DomainError(
                _("Chưa có bảng điểm đã lưu: bấm “Tính lại” để lưu bảng điểm rồi gửi thẩm định.")
            )
        if not form.is_valid():
            raise DomainError(_("Chưa gửi được: vui lòng kiểm tra phần ký, cấp số."))
        sheet = services.send_for_appraisal(
            sheet, by=request.user, signature=form.signature(), base_url=request.build_absolute_uri("/")[:-1]
        )
    except DomainError as error:
        context["error"] = error.message
        context.update(_signature_context(unit, form, context["can_send"]))
        return _render(request, context, status=422)
    messages.success(
        request,
        _(
            "Đã gửi báo cáo tự chấm điểm số %(number)s (%(total)s/%(max)s điểm) để cấp trên thẩm định; "
            "bảng điểm này không còn thay đổi."
        )
        % {
            "number": sheet.number,
            "total": format_points(sheet.total),
            "max": format_number(sheet.max_points),
        },
    )
    return redirect(_sheet_url(unit, year, sheet))


@login_required
@require_POST
def score_withdraw(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """ "Rút lại": the unit takes back its sent sheet before the appraisal."""
    unit = access.get_sending_unit(request.user, pk)
    year = _year(year)
    sheet = services.sent_sheet(unit, year)
    if sheet is None:
        messages.info(request, _("Không có bảng điểm nào đang chờ thẩm định."))
        return redirect("evaluation:score_sheet", pk=unit.pk, year=year)
    try:
        services.withdraw_sheet(sheet, by=request.user)
    except DomainError as error:
        context = _page_context(request, unit, year)
        context["error"] = error.message
        return _render(request, context, status=422)
    messages.success(
        request,
        _("Đã rút lại bảng điểm gửi thẩm định (số %(number)s); có thể tính lại và gửi bảng điểm khác.")
        % {"number": sheet.number},
    )
    return redirect(_sheet_url(unit, year, sheet))


@login_required
@require_POST
def score_appraise(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """ "Hoàn thành thẩm định": the appraiser's points (``diem-<mã>``) and reasons (``ly-do-<mã>``) for every
    scored line of the sheet the unit sent."""
    unit = access.get_appraised_unit(request.user, pk)
    year = _year(year)
    sheet = services.sent_sheet(unit, year)
    if sheet is None:
        context = _page_context(request, unit, year)
        context["error"] = _("Đơn vị chưa gửi bảng điểm năm %(year)s để thẩm định.") % {"year": year}
        return _render(request, context, status=422)
    codes = [line["code"] for line in sheet.lines]
    points = {code: request.POST.get(f"diem-{code}", "") for code in codes}
    reasons = {code: request.POST.get(f"ly-do-{code}", "") for code in codes}
    try:
        sheet, appraised = services.appraise_sheet(sheet, points=points, reasons=reasons, by=request.user)
    except services.AppraisalRefused as error:
        context = _page_context(request, unit, year, wanted=str(sheet.pk))
        context.update(
            error=error.message, entered=points, reasons=reasons, line_errors=error.by_line, appraising=True
        )
        return _render(request, context, status=422)
    except DomainError as error:
        context = _page_context(request, unit, year)
        context["error"] = error.message
        return _render(request, context, status=422)
    if appraised:
        messages.success(
            request,
            _("Đã hoàn thành thẩm định: %(total)s/%(max)s điểm (tự chấm %(own)s).")
            % {
                "total": format_points(sheet.appraised_total),
                "max": format_number(sheet.max_points),
                "own": format_points(sheet.total),
            },
        )
    else:
        messages.info(request, _("Bảng điểm này đã được thẩm định trước đó; kết quả giữ nguyên."))
    return redirect(_sheet_url(unit, year, sheet))
