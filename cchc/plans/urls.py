from __future__ import annotations

from django.urls import path

from cchc.plans import views

app_name = "plans"

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/tao-moi/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/noi-dung/", views.plan_body, name="plan_body"),
    path("ke-hoach/<int:pk>/them-nhiem-vu/", views.task_create, name="task_create"),
    path("ke-hoach/<int:pk>/tep-goc/", views.plan_file, name="plan_file"),
    path("ke-hoach/<int:pk>/ke-hoach-cap-duoi/", views.subplan_list, name="subplan_list"),
    path("ke-hoach/nhap/", views.plan_import, name="plan_import"),
    path("ke-hoach/nhap/<int:pk>/", views.import_review, name="import_review"),
    path("ke-hoach/nhap/<int:pk>/co-quan-ban-hanh/", views.import_issuer, name="import_issuer"),
    path("ke-hoach/nhap/<int:pk>/don-vi/", views.import_agency, name="import_agency"),
    path("ke-hoach/nhap/<int:pk>/huy/", views.import_discard, name="import_discard"),
    path("nhiem-vu/<int:pk>/sua/", views.task_edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/xoa/", views.task_delete, name="task_delete"),
]
