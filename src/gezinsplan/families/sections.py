"""Sections this app adds to the family page (see core/sections.py)."""

from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.sections import Section, family_section
from gezinsplan.families import selectors


@family_section(order=15)
def situation(*, request, family, grant, page) -> Section:
    """Registration and residence, arrangements, bewindvoering, the children's own stories, each member's
    contribution to safety and the words-and-pictures stories (R246, R249, R250, R316, R596, R665, R683)."""
    return Section("families/includes/situation_section.html", {
        "situation": selectors.family_situation(family=family, members=page.persons, cases=page.cases),
        "family": family,
        "can_edit": policy.can(request.user, Action.EDIT_FAMILY, grant=grant),
    })
