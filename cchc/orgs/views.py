"""The unit browser: a searchable list of the units a user may see, and one unit with its surroundings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cchc.core.htmx import is_fragment, paginate
from cchc.orgs.access import get_unit_for_user, units_visible_to
from cchc.orgs.forms import UnitFilterForm
from cchc.orgs.models import Unit

PAGE_SIZE = 25


@login_required
@require_safe
def unit_list(request: HttpRequest) -> HttpResponse:
    form = UnitFilterForm(request.GET)
    units = form.filter(units_visible_to(request.user)).select_related("parent").in_browsing_order()
    page, query = paginate(request, units, PAGE_SIZE)
    context = {"form": form, "page": page, "query": query}
    if is_fragment(request):
        return render(request, "orgs/_unit_results.html", context)
    return render(request, "orgs/unit_list.html", context)


@login_required
@require_safe
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    ancestors = list(Unit.objects.filter(pk__in=[int(i) for i in unit.path.split(".")[:-2]]).order_by("path"))
    children = list(Unit.objects.filter(parent=unit).order_by("search_name"))
    successors = list(unit.successors.select_related("parent").order_by("search_name"))
    predecessors = list(unit.predecessors.select_related("parent").order_by("search_name"))
    linked = [u.pk for u in (*ancestors, *successors, *predecessors)]
    visible = set(units_visible_to(request.user).filter(pk__in=linked).values_list("pk", flat=True))
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "territories": [c for c in children if c.is_territorial],
        "agencies": [c for c in children if not c.is_territorial],
        "successors": successors,
        "predecessors": predecessors,
        "visible": visible,
    }
    return render(request, "orgs/unit_detail.html", context)
