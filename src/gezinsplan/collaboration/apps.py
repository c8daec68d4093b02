from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "gezinsplan.collaboration"
    label = "collaboration"

    def ready(self):
        from gezinsplan.collaboration import due, meetings_due, sections, signals  # noqa: F401  (registers them)
