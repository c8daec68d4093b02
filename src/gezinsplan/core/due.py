"""What is due (Wat staat open): one overview over every app, computed from events, never stored as a flag.

An app registers a provider in its own module (imported from its AppConfig.ready):

    @due_provider
    def meetings(*, cases: QuerySet[Case], today: date) -> list[DueItem]: ...

A provider gets the open cases in scope (a lazy queryset: use it as a subquery, `case__in=cases`) and returns its
items in a fixed number of queries, whatever the number of cases. Due dates come from `core.calendar`: calendar
weeks for rhythms, working days for legal terms. `due_items` merges them, oldest due date first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from gezinsplan.cases.models import Case, CaseStatus

_PROVIDERS: list[Callable] = []


@dataclass(frozen=True)
class DueItem:
    kind: str  # the Dutch label of the kind of item, e.g. "Netwerkberaad"
    title: str
    due_on: date
    case_id: object
    family_id: object
    family_name: str
    url: str
    who: str = ""
    today: date | None = None
    # An item of a row only some professionals see (R077: a personal barrier): the users who see it, and the team
    # whose team lead sees it. Empty: everyone involved in the case.
    private_to: tuple = ()
    private_team_id: object = None

    def visible_to(self, user) -> bool:
        if not self.private_to or user.pk in self.private_to:
            return True
        return user.role == "team_lead" and user.team_id is not None and user.team_id == self.private_team_id

    @property
    def overdue(self) -> bool:
        return self.today is not None and self.due_on < self.today


def due_provider(func: Callable) -> Callable:
    if func not in _PROVIDERS:
        _PROVIDERS.append(func)
    return func


def open_cases(case_ids: QuerySet) -> QuerySet[Case]:
    return Case.objects.filter(pk__in=case_ids, status=CaseStatus.OPEN, removed_at__isnull=True)


def cases_for_user(user) -> QuerySet[Case]:
    """The open cases this user is actively involved in."""
    from gezinsplan.core.policy import active_involvements

    return open_cases(active_involvements().filter(user=user).values("case_id"))


def cases_for_team(team) -> QuerySet[Case]:
    """The open cases a member of this team is actively involved in (the team lead's overview)."""
    from gezinsplan.core.policy import active_involvements

    return open_cases(active_involvements().filter(user__team=team).values("case_id"))


def due_items(*, cases: QuerySet[Case], today: date, within_days: int | None = None, user=None) -> list[DueItem]:
    """Everything due in these cases, overdue first; `within_days` limits to items due before today + n days;
    `user` leaves out the items this user may not see."""
    items = [item for provider in _PROVIDERS for item in provider(cases=cases, today=today)]
    if user is not None:
        items = [i for i in items if i.visible_to(user)]
    if within_days is not None:
        items = [i for i in items if (i.due_on - today).days <= within_days]
    return sorted(items, key=lambda i: (i.due_on, i.family_name, i.title))
