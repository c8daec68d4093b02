from django.apps import AppConfig
from django.db.models.signals import post_save


def _involvement_started(sender, instance, created, raw=False, **kwargs):
    """R059: starting an involvement creates the information-intake task of that professional."""
    if created and not raw:
        from gezinsplan.analysis.services import intake_task_for_involvement  # noqa: PLC0415

        intake_task_for_involvement(involvement=instance)


class AnalysisConfig(AppConfig):
    name = "gezinsplan.analysis"
    label = "analysis"

    def ready(self):
        from gezinsplan.analysis import sections  # noqa: F401  (registers the case and family page sections)

        post_save.connect(
            _involvement_started, sender="cases.Involvement", dispatch_uid="analysis_intake_task_on_involvement"
        )
