from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from cchc.plans import models
from cchc.plans.services import create_plan_from_import
from tests.plans.factories import make_import

pytestmark = pytest.mark.django_db

MODELS = [
    models.Plan,
    models.Task,
    models.Assignment,
    models.LegalReference,
    models.ReportingObligation,
    models.SubPlanObligation,
    models.IndicatorTarget,
    models.PlanImport,
]


def test_every_plans_model_is_in_the_admin():
    assert all(admin.site.is_registered(model) for model in MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_pages_open(client_admin, admin, province_committee, model):
    plan_import = make_import(admin, issuer=province_committee)
    choices = {key: match["choice"] for key, match in plan_import.unit_matches.items()}
    create_plan_from_import(plan_import, issuer=province_committee, agency_choices=choices, by=admin)
    obj = model.objects.first()
    meta = model._meta

    changelist = client_admin.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    change = client_admin.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))

    assert changelist.status_code == 200
    assert change.status_code == 200
