from __future__ import annotations

from django.urls import path

from cchc.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("<int:pk>/da-doc/", views.notification_read, name="notification_read"),
    path("da-doc-het/", views.notification_read_all, name="notification_read_all"),
    path("tuy-chon/", views.preferences, name="preferences"),
    path("lich/", views.calendar_page, name="calendar"),
    path("lich/tao-moi/", views.calendar_renew, name="calendar_renew"),
    path("lich/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
