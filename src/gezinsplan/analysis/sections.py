"""Sections this app adds to the case page and the family page (see core/sections.py)."""

from gezinsplan.analysis.models import FamilyAnalysis
from gezinsplan.core.sections import Section, family_section


@family_section(order=40)
def family_plan(*, request, family, grant, page) -> Section:
    """A pointer to the family plan, with whether the analysis has started. One query."""
    analysis = FamilyAnalysis.objects.filter(family=family).only("id", "updated_at").first()
    return Section("analysis/includes/family_section.html", {"family": family, "analysis": analysis})
