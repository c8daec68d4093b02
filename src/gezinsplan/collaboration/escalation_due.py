"""Items of 'Wat staat open' for escalation and the network (core.due providers, a fixed number of queries)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from gezinsplan.cases.models import Case
from gezinsplan.collaboration.models import Escalation, EscalationLevel
from gezinsplan.core.due import DueItem, due_provider


@due_provider
def escalations_at_managers(*, cases: QuerySet[Case], today: date) -> list[DueItem]:
    """R100, R468: an open escalation at the managers shows on 'Wat staat open' of everyone involved, so the team
    leads of both organisations (who see their team's cases) are told and record the outcome (one query)."""
    rows = (Escalation.objects.filter(case__in=cases.values("pk"), resolved_on__isnull=True,
                                      level__gte=EscalationLevel.MANAGERS)
            .select_related("case__family", "other_organisation", "decision"))
    items = []
    for e in rows:
        title = (_("Omstreden kernbesluit bij de managers: uitkomst vastleggen") if e.decision_id
                 else _("Escalatie bij %(level)s: uitkomst vastleggen") % {"level": e.get_level_display()})
        items.append(DueItem(kind=_("Escalatie"), title=title, due_on=e.created_at.date(), case_id=e.case_id,
                             family_id=e.family_id, family_name=e.case.family.name,
                             url=reverse("collaboration:escalation", args=[e.pk]), today=today))
    return items

