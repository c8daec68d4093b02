from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "gezinsplan.analysis"
    label = "analysis"

    def ready(self):
        from gezinsplan.analysis import (
            case_checks,
            sections,  # noqa: F401  (registers the case and family page sections)
        )
        from gezinsplan.analysis.services import intake_task_for_involvement
        from gezinsplan.cases import hooks

        hooks.on_involvement_started(intake_task_for_involvement)  # R059
        hooks.closure_content_check(case_checks.assurance_closure_gaps)  # R044, R131, R504, R513
        hooks.work_phase_check(case_checks.pattern_phase_problems)  # R535
        hooks.work_phase_warning(case_checks.endorsement_warnings)  # R516
        hooks.handover_accept_check(case_checks.handover_report_problems)  # R581, R597
