"""Sections this app adds to the case page and the family page (see core/sections.py)."""

from gezinsplan.collaboration.selectors import collaboration_page
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.sections import Section, case_section


@case_section(order=40)
def collaboration(*, request, case, grant) -> Section:
    """Working together: network rhythm, signals, agreements, decisions in force, children, barriers."""
    return Section("collaboration/section_case.html", {
        "page": collaboration_page(case=case),
        "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant) and case.status == "open",
    })


@case_section(order=41)
def task_division(*, request, case, grant) -> Section:
    """Task division and involved parties: who does what, who is the contact for whom, who takes part when."""
    from gezinsplan.collaboration.meetings_selectors import task_division_page

    return Section("collaboration/section_task_division.html", {
        "page": task_division_page(case=case, user=request.user),
        "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant) and case.status == "open",
        "is_gi": getattr(request.user.organisation, "type", None) == "gi",
    })
