from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from gezinsplan.cases.models import Case, Involvement
from gezinsplan.core import policy
from gezinsplan.core.models import ChangeRecord


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
    return CasePage(case, involvements, lanes, axis_start, axis_end, history)


def family_cases(*, family_id):
    return Case.objects.filter(family_id=family_id, removed_at__isnull=True).prefetch_related(
        Prefetch("involvements", queryset=Involvement.objects.select_related("user")))
