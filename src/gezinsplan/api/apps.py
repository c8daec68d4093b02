from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gezinsplan.api"
    label = "api"
