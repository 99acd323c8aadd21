from __future__ import annotations

from django.urls import path

from cchc.documents import views

app_name = "documents"

urlpatterns = [
    path("so-van-ban-di/", views.register, name="register"),
    path("<int:pk>/tai-ve/", views.document_download, name="document_download"),
    path("<int:pk>/pdf/", views.document_pdf, name="document_pdf"),
    path("ke-hoach/<int:pk>/", views.plan_panel, name="plan_panel"),
    path("ke-hoach/<int:pk>/ban-hanh/", views.plan_issue, name="plan_issue"),
    path("ke-hoach/<int:pk>/dieu-chinh/", views.plan_amend, name="plan_amend"),
    path("ke-hoach/<int:pk>/nhiem-vu.xlsx", views.plan_tasks_xlsx, name="plan_tasks_xlsx"),
    path("ke-hoach/<int:pk>/tien-do.xlsx", views.plan_progress_xlsx, name="plan_progress_xlsx"),
    path("hoat-dong.xlsx", views.activities_xlsx, name="activities_xlsx"),
    path("mau/", views.template_list, name="template_list"),
    path("mau/tai-len/", views.template_upload, name="template_upload"),
    path("mau/<int:pk>/tai-ve/", views.template_download, name="template_download"),
    path("mau/<int:pk>/trang-thai/", views.template_activate, name="template_activate"),
    path("mau/mau-chuan/<str:kind>/", views.template_example, name="template_example"),
]
