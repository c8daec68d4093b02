from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "gezinsplan.collaboration"
    label = "collaboration"

    def ready(self):
        from gezinsplan.cases.hooks import closure_check
        from gezinsplan.collaboration import (  # noqa: F401  (registers sections and due providers)
            due,
            escalation_due,
            meetings_due,
            sections,
        )
        from gezinsplan.collaboration.meetings_services import closure_problems

        closure_check(closure_problems)  # R538
