from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cchc.plans import views as plans_views

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", admin.site.urls),
    path("don-vi/", include("cchc.orgs.urls")),
    path("hoat-dong/", include("cchc.activities.urls")),
    path("theo-doi/", include("cchc.tracking.urls")),
    path("thong-bao/", include("cchc.notifications.urls")),
    path("bao-cao/", include("cchc.reports.urls")),
    path("danh-gia/", include("cchc.evaluation.urls")),
    path("van-ban/", include("cchc.documents.urls")),
    path("", plans_views.home, name="home"),
    path("", include("cchc.plans.urls")),
]
