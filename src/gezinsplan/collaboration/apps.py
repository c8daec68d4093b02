from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "gezinsplan.collaboration"
    label = "collaboration"

    def ready(self):
        from gezinsplan.collaboration import sections  # noqa: F401  (registers the case and family page sections)
