from __future__ import annotations

from django.urls import path

from cchc.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.score_index, name="score_index"),
    path("<int:pk>/<int:year>/", views.score_sheet, name="score_sheet"),
    path("<int:pk>/<int:year>/tinh-lai/", views.score_recompute, name="score_recompute"),
    path("<int:pk>/<int:year>/xlsx/", views.score_sheet_xlsx, name="score_sheet_xlsx"),
    path("<int:pk>/<int:year>/docx/", views.score_sheet_docx, name="score_sheet_docx"),
    path("<int:pk>/<int:year>/gui-tham-dinh/", views.score_send, name="score_send"),
    path("<int:pk>/<int:year>/tham-dinh/", views.score_appraise, name="score_appraise"),
    path("<int:pk>/<int:year>/rut-lai/", views.score_withdraw, name="score_withdraw"),
]
