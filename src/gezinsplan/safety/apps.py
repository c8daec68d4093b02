from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "gezinsplan.safety"
    label = "safety"

    def ready(self):
        from gezinsplan.cases import hooks
        from gezinsplan.safety import (
            checks,
            sections,  # noqa: F401  (registers the case and family page sections)
        )

        hooks.closure_content_check(checks.good_enough_closure_gaps)  # R504
