from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "gezinsplan.cases"
    label = "cases"
