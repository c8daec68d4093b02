from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "gezinsplan.privacy"
    label = "privacy"

    def ready(self):
        from gezinsplan.privacy import sections  # noqa: F401  (registers the case and family page sections)
