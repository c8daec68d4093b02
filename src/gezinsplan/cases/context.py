"""The facts of one case that several parts of one page read, each fetched once.

The case page is assembled from the cases app's own panels and the sections of other apps (`core.sections`).
Many of them need the same rows: the family's persons and children, the involvements, the products and measures,
the derived responsibility, and app facts such as the current safety plan. A `CaseContext` is built once per
request after the access check and handed to each selector and section, so each of those is read once:

    ctx = CaseContext(case)
    ctx.children                 # the family's children, in the persons' order
    ctx.memo("safety.plan", load)  # a fact of an app building on cases, loaded on first use

It is a read model for one request: it does not see a change made after a fact was first read, so a service
never takes one, and a page builds a new one after a write. Selectors take `ctx=None` and build their own when
called alone (the number of queries then stays what it was).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from gezinsplan.cases.models import Case, ChildMeasure, Involvement, ProductIndication
from gezinsplan.cases.products import budget
from gezinsplan.cases.responsibility import Responsibility, derive, in_force, remember
from gezinsplan.families.models import FamilyRole, Person


class CaseContext:
    def __init__(self, case: Case, *, today: date | None = None):
        from gezinsplan.core.policy import today as policy_today

        self.case = case
        self.today = today or policy_today()
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, load: Callable[[], Any]) -> Any:
        """A fact loaded once for this request; keys are namespaced by the app that owns them ('safety.plan')."""
        if key not in self._memo:
            self._memo[key] = load()
        return self._memo[key]

    # --- The family ------------------------------------------------------------------------------------------------

    @cached_property
    def persons(self) -> list[Person]:
        """The family's live persons in their model order (role, birth date, first name, id). One query."""
        return list(Person.objects.filter(family_id=self.case.family_id))

    @cached_property
    def children(self) -> list[Person]:
        """All children of the family, ordered by birth date, first name and id (as a query on the children)."""
        return [p for p in self.persons if p.family_role == FamilyRole.CHILD]

    # --- The documents there is one of: the case's safety plan, the family's analysis and family plan -------------

    @cached_property
    def _documents(self) -> Case:
        """The case again, joined to its one-to-one documents (with their current version). One query for three."""
        return Case.objects.select_related("safety_plan__current__author", "family__analysis",
                                           "family__family_plan__current").get(pk=self.case.pk)

    @cached_property
    def safety_plan(self):
        """The case's safety plan with its current version and that version's author, or None."""
        return _one_to_one(self._documents, "safety_plan")

    @cached_property
    def family_analysis(self):
        """The family's live analysis (holding the assurance plan), or None."""
        analysis = _one_to_one(self._documents.family, "analysis")
        return analysis if analysis is not None and analysis.removed_at is None else None

    @cached_property
    def family_plan(self):
        """The family plan with its current version, or None."""
        return _one_to_one(self._documents.family, "family_plan")

    # --- The case's own rows ---------------------------------------------------------------------------------------

    @cached_property
    def involvements(self) -> list[Involvement]:
        """Every live involvement of the case (also ended ones), with user and organisation. One query."""
        return list(Involvement.objects.filter(case_id=self.case.pk, removed_at__isnull=True)
                    .select_related("user", "organisation").order_by("start_date", "id"))

    @cached_property
    def involvements_by_joining(self) -> list[Involvement]:
        """The same involvements in the order they joined: by start date, then by when they were recorded."""
        return sorted(self.involvements, key=lambda i: (i.start_date, i.created_at))

    @cached_property
    def active_involvements(self) -> list[Involvement]:
        """The involvements active today (as `core.policy.active_involvements`)."""
        day = self.today
        return [i for i in self.involvements if i.start_date <= day and (i.end_date is None or i.end_date >= day)]

    @cached_property
    def indications(self) -> list[ProductIndication]:
        """The live product indications with the hours used (`.used`) and their budget (`.budget`). One query."""
        rows = list(ProductIndication.objects.filter(case_id=self.case.pk, removed_at__isnull=True)
                    .select_related("indicated_by")
                    .annotate(used=Coalesce(Sum("hour_entries__hours", filter=Q(hour_entries__removed_at__isnull=True)),
                                            Decimal("0"))))
        for indication in rows:
            indication.budget = budget(indication, used=indication.used)
        return rows

    @cached_property
    def measures(self) -> list[ChildMeasure]:
        """The live child measures with the child and the extensions. One query, two with extensions."""
        return list(ChildMeasure.objects.filter(case_id=self.case.pk, removed_at__isnull=True)
                    .select_related("child").prefetch_related("extensions"))

    @cached_property
    def responsibility(self) -> Responsibility:
        """Who leads and who assesses safety today (table 2), remembered on the case for `case_responsibility`."""
        day = self.today
        measured = {m.child_id for m in self.measures
                    if m.starts_on <= day and (m.ended_on is None or m.ended_on > day)}
        result = derive(
            phase=self.case.phase,
            active_products=frozenset(i.kind for i in self.indications if in_force(i, day)),
            children_with_measure=len(measured),
            children_without_measure=len([c for c in self.children if c.pk not in measured]),
            safety_with_gi=bool(self.case.safety_regie_gi_since and self.case.safety_regie_gi_since <= day))
        remember(self.case, result, on=day)
        return result


def _one_to_one(row, name: str):
    """The object joined by select_related on a reverse one-to-one, or None when there is none."""
    try:
        return getattr(row, name)
    except ObjectDoesNotExist:
        return None

