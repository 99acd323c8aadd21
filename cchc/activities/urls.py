from __future__ import annotations

from django.urls import path

from cchc.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("ghi/", views.activity_create, name="activity_create"),
    path("ghi/dong/", views.activity_row, name="activity_row"),
    path("<int:pk>/sua/", views.activity_edit, name="activity_edit"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("mau-xlsx/", views.xlsx_template, name="xlsx_template"),
    path("nhap-xlsx/", views.xlsx_import, name="xlsx_import"),
]
