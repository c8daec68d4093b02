from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "gezinsplan.safety"
    label = "safety"

    def ready(self):
        from gezinsplan.safety import sections  # noqa: F401  (registers the case and family page sections)
