from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "cchc.activities"
    verbose_name = "Hoạt động"
