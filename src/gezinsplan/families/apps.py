from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "gezinsplan.families"
    label = "families"

    def ready(self):
        from gezinsplan.families import sections  # noqa: F401  (registers the family page section)
