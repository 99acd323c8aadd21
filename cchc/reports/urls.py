from __future__ import annotations

from django.urls import path

from cchc.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("lap-lich/", views.calendar_build, name="calendar_build"),
    path("lich/<int:pk>/han/", views.requirement_edit, name="requirement_edit"),
    path("lich/<int:pk>/soan/", views.report_draft, name="report_draft"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/sua/", views.report_edit, name="report_edit"),
    path("<int:pk>/cap-nhat-so-lieu/", views.report_refresh, name="report_refresh"),
    path("<int:pk>/gui/", views.report_submit, name="report_submit"),
    path("<int:pk>/tra-lai/", views.report_return, name="report_return"),
    path("<int:pk>/tiep-nhan/", views.report_accept, name="report_accept"),
    path("<int:pk>/tai-docx/", views.report_docx, name="report_docx"),
    path("<int:pk>/tai-xlsx/", views.report_xlsx, name="report_xlsx"),
    path("tong-hop/<int:pk>/", views.aggregate, name="aggregate"),
    path("tong-hop/<int:pk>/nhac/", views.aggregate_remind, name="aggregate_remind"),
]
