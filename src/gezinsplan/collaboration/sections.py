"""Sections this app adds to the case page and the family page (see core/sections.py)."""

from gezinsplan.collaboration.selectors import collaboration_page
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.sections import Section, case_section


@case_section(order=40)
def collaboration(*, request, case, grant, ctx) -> Section:
    """Working together: network rhythm, signals, agreements, decisions in force, children, barriers."""
    page = collaboration_page(case=case, ctx=ctx, user=request.user)  # only the barriers this user may see (R077)
    return Section(
        "collaboration/section_case.html",
        {
            "page": page,
            "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant) and case.status == "open",
        },
    )


@case_section(order=45)
def network(*, request, case, grant, ctx) -> Section:
    """Partners and network: partner register, specialists, GI mode, family group conference, network tasks,
    tables, the youth's view of the help (R151, R156, R338, R406, R572, R586, R589, R623, R678, R684, R688)."""
    from gezinsplan.collaboration.network_selectors import network_page

    return Section("collaboration/section_network.html", {
        "page": network_page(case=case),
        "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant) and case.status == "open",
    })


@case_section(order=41)
def task_division(*, request, case, grant, ctx) -> Section:
    """Task division and involved parties: who does what, who is the contact for whom, who takes part when."""
    from gezinsplan.collaboration.meetings_selectors import task_division_page

    return Section("collaboration/section_task_division.html", {
        "page": task_division_page(case=case, user=request.user, ctx=ctx),
        "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant) and case.status == "open",
        "is_gi": getattr(request.user.organisation, "type", None) == "gi",
    })
