from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "gezinsplan.collaboration"
    label = "collaboration"

    def ready(self):
        from gezinsplan.collaboration import (  # noqa: F401  (registers sections and due providers)
            due,
            escalation_due,
            meetings_due,
            sections,
            signals,
        )
