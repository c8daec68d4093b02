from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "gezinsplan.analysis"
    label = "analysis"

    def ready(self):
        from gezinsplan.analysis import sections  # noqa: F401  (registers the case and family page sections)
