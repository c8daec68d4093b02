from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, Sum
from django.db.models.functions import Coalesce

from gezinsplan.cases.handovers import CHECKLISTS, handover_gaps
from gezinsplan.cases.models import (
    Case,
    ChildMeasure,
    Handover,
    Involvement,
    Phase,
    PhaseTransition,
    ProductIndication,
)
from gezinsplan.cases.products import budget
from gezinsplan.cases.responsibility import Responsibility, derive, remember
from gezinsplan.cases.transitions import Transition, allowed_triggers
from gezinsplan.core import policy
from gezinsplan.core.models import ChangeRecord
from gezinsplan.families.models import FamilyRole


@dataclass
class Lane:
    """One involvement drawn as a bar on the case's time axis (percentages of the axis width)."""

    involvement: Involvement
    left: float
    width: float
    active: bool


@dataclass
class CasePage:
    case: Case
    involvements: list[Involvement]
    lanes: list[Lane]
    axis_start: date
    axis_end: date
    history: list[ChangeRecord]
    responsibility: Responsibility
    indications: list[ProductIndication]
    measures: list[ChildMeasure]
    handovers: list[Handover]
    transitions: list[PhaseTransition]
    phases: list[tuple[str, str, bool]]
    open_work_items: list[str]
    next_steps: list[Transition]


def case_page(*, case: Case) -> CasePage:
    """The case page in three queries: case, involvements with people and organisations, history."""
    involvements = list(case.involvements.filter(removed_at__isnull=True)
                        .select_related("user", "organisation").order_by("start_date", "id"))
    today = policy.today()
    axis_start = min([case.opened_on, *[i.start_date for i in involvements]])
    axis_end = max([case.closed_on or today, today, *[i.end_date for i in involvements if i.end_date]])
    span = max((axis_end - axis_start).days, 1)
    lanes = []
    for inv in involvements:
        end = inv.end_date or axis_end
        lanes.append(Lane(
            involvement=inv,
            left=round(100 * (inv.start_date - axis_start).days / span, 2),
            width=max(round(100 * ((end - inv.start_date).days + 1) / span, 2), 1.0),
            active=inv.start_date <= today and (inv.end_date is None or inv.end_date >= today),
        ))
    history = list(ChangeRecord.objects.filter(family_id=case.family_id).select_related("user")[:20])
    indications = list(case.indications.filter(removed_at__isnull=True).select_related("indicated_by")
                       .annotate(used=Coalesce(Sum("hour_entries__hours",
                                                   filter=Q(hour_entries__removed_at__isnull=True)),
                                               Decimal("0"))))
    for indication in indications:
        indication.budget = budget(indication, used=indication.used)
    measures = list(case.measures.filter(removed_at__isnull=True).select_related("child")
                    .prefetch_related("extensions"))
    handovers = list(case.handovers.filter(removed_at__isnull=True).select_related("from_user", "to_user"))
    for handover in handovers:
        handover.gaps = handover_gaps(handover)
    transitions = list(case.transitions.select_related("actor").order_by("-id")[:30])
    persons = list(case.family.persons.all())
    measured = {m.child_id for m in measures if m.starts_on <= today and (m.ended_on is None or m.ended_on > today)}
    children = [p for p in persons if p.family_role == FamilyRole.CHILD]
    responsibility = derive(
        phase=case.phase,
        active_products=frozenset(i.kind for i in indications if i.starts_on <= today
                                  and (i.ends_on is None or i.ends_on >= today)),
        children_with_measure=len(measured),
        children_without_measure=len([c for c in children if c.pk not in measured]))
    remember(case, responsibility, on=today)
    phases = [(value, label, value == case.phase) for value, label in Phase.choices]
    done = {c.item for c in case.work_phase_checks.all() if c.work_phase == case.work_phase and c.done}
    open_work = [str(label) for key, label in CHECKLISTS[case.work_phase].items() if key not in done]
    return CasePage(case, involvements, lanes, axis_start, axis_end, history, responsibility, indications, measures,
                    handovers, transitions, phases, open_work, allowed_triggers(case))


def family_cases(*, family_id):
    return Case.objects.filter(family_id=family_id, removed_at__isnull=True).prefetch_related(
        Prefetch("involvements", queryset=Involvement.objects.select_related("user")))
