from __future__ import annotations

from django.urls import path

from cchc.tracking import views

app_name = "tracking"

urlpatterns = [
    path("", views.unit_dashboard, name="unit_dashboard"),
    path("ke-hoach/<int:pk>/", views.plan_dashboard, name="plan_dashboard"),
]
