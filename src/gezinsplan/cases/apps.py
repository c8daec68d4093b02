from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "gezinsplan.cases"
    label = "cases"

    def ready(self):
        from gezinsplan.cases import due  # noqa: F401  (registers what is due from cases)
