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
        hooks.work_phase_check(checks.phase_one_move_problems)  # R520
        hooks.measure_end_check(checks.measure_end_problems)  # R070, R410
        hooks.measure_request_check(checks.measure_request_problems)  # R070
