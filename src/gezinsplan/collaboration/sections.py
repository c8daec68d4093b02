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
