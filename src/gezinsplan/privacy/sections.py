"""Sections this app adds to the case page and the family page (see core/sections.py)."""

from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.sections import Section, family_section
from gezinsplan.privacy import selectors


@family_section(order=80)
def disclosure_register(*, request, family, grant, page) -> Section:
    """The family's register of consents, exchanges and weighings (R083-R092), with the way to its access log."""
    register = selectors.family_register(family=family)
    return Section("privacy/section_register.html", {
        "register": register, "family": family, "emergency": grant.emergency,
        "can_edit": policy.can(request.user, Action.EDIT_FAMILY, grant=grant),
    })
