from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "cchc.orgs"
    verbose_name = "Tổ chức"
