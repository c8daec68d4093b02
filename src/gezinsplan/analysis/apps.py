from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "gezinsplan.analysis"
    label = "analysis"

    def ready(self):
        from gezinsplan.analysis import sections  # noqa: F401  (registers the case and family page sections)
        from gezinsplan.analysis.services import intake_task_for_involvement
        from gezinsplan.cases.hooks import on_involvement_started

        on_involvement_started(intake_task_for_involvement)  # R059
