"""The score sheet of a unit and year: every line with its arithmetic and the records behind it,
"Tính lại" to store a new computation, and the .xlsx."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.core.errors import DomainError
from cchc.evaluation import access, services
from cchc.evaluation.exports import score_sheet_document
from cchc.evaluation.exports import score_sheet_docx as build_docx
from cchc.evaluation.exports import score_sheet_xlsx as build_xlsx
from cchc.evaluation.models import Level, ScoreSheet, level_of
from cchc.orgs.models import Unit

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
    units = list(
        access.scorable_units(request.user, year)
        .select_related("parent")
        .annotate(
            latest_total=Subquery(latest.values("total")[:1]),
            latest_max=Subquery(latest.values("max_points")[:1]),
            latest_at=Subquery(latest.values("computed_at")[:1]),
        )
        .order_by("path")[:500]
    )
    levels = dict(Level.choices)
    rows = [{"unit": unit, "level": levels[level_of(unit)]} for unit in units]
    context = {
        "year": year,
        "year_error": year_error,
        "years": range(this_year + 1, this_year - 5, -1),
        "rows": rows,
    }
    return render(request, "evaluation/score_index.html", context)


def _page_context(request: HttpRequest, unit: Unit, year: int) -> dict[str, Any]:
    history = list(
        ScoreSheet.objects.filter(unit=unit, year=year).select_related("rule", "computed_by")[:HISTORY_SHOWN]
    )
    chosen: ScoreSheet | None = history[0] if history else None
    wanted = request.GET.get("bang", "").strip()
    if wanted:
        chosen = next((sheet for sheet in history if str(sheet.pk) == wanted), None)
        if chosen is None:
            raise Http404
    context: dict[str, Any] = {
        "unit": unit,
        "year": year,
        "level": Level(level_of(unit)).label,
        "history": history,
        "sheet": chosen,
        "is_latest": bool(chosen is not None and history and chosen.pk == history[0].pk),
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


@login_required
@require_GET
def score_sheet(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    unit = access.get_scored_unit(request.user, pk)
    context = _page_context(request, unit, _year(year))
    return render(request, "evaluation/score_sheet.html", context)


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
        return render(request, "evaluation/score_sheet.html", context, status=422)
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
        return render(request, "evaluation/score_sheet.html", context, status=422)
    sheet: ScoreSheet | None = context["sheet"]
    data = build_xlsx(
        unit,
        year,
        context["rule"].name,
        context["result"],
        context["evaluated_on"],
        timezone.localtime(sheet.computed_at) if sheet else None,
        request.build_absolute_uri("/")[:-1],
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
        return render(request, "evaluation/score_sheet.html", context, status=422)
    rule = context["rule"]
    document = score_sheet_document(
        unit,
        year,
        rule.name,
        rule.description,
        context["result"],
        context["evaluated_on"],
        request.build_absolute_uri("/")[:-1],
    )
    response = HttpResponse(
        build_docx(document),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="bang-diem-{unit.pk}-{year}.docx"'
    return response
