from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cchc.plans"
    verbose_name = "Kế hoạch"
