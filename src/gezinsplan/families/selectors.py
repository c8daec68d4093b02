"""Queries the family screens need, each in a fixed number of queries whatever the data size."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from gezinsplan.cases.models import Case, CaseStatus, Involvement, InvolvementRole
from gezinsplan.core import policy
from gezinsplan.core.models import ChangeRecord
from gezinsplan.families.models import Family, FamilyRole, NetworkMember, Person, Relationship
from gezinsplan.families.services import name_key
from gezinsplan.privacy.models import AccessLogEntry


def caseload(*, user, q: str = "") -> QuerySet[Family]:
    """'Mijn gezinnen': the families the user may see, with what the list shows, in one query."""
    mine = policy.active_involvements().filter(case__family_id=OuterRef("pk"), user=user)
    open_case = Case.objects.filter(family_id=OuterRef("pk"), status=CaseStatus.OPEN, removed_at__isnull=True)
    lead = policy.active_involvements().filter(case__family_id=OuterRef("pk"), role=InvolvementRole.LEAD)
    # Scalar subqueries, not an aggregate: without a GROUP BY, PostgreSQL sorts and limits the visible families
    # first and computes these only for the rows on the page (a team lead sees thousands of families).
    children = Person.objects.filter(family_id=OuterRef("pk"), family_role=FamilyRole.CHILD,
                                     removed_at__isnull=True).order_by().values("family_id")
    families = policy.visible_families(user).select_related("municipality").annotate(
        children_count=Coalesce(Subquery(children.annotate(n=Count("id")).values("n")[:1]), 0),
        my_role=Subquery(mine.values("role")[:1]),
        open_case_reason=Subquery(open_case.values("reason")[:1]),
        open_case_since=Subquery(open_case.values("opened_on")[:1]),
        lead_organisation=Subquery(lead.values("organisation__name")[:1]),
    )
    if q.strip():
        families = families.filter(name__icontains=q.strip())
    return families.order_by("name", "id")


@dataclass(frozen=True)
class SearchQuery:
    kind: str  # bsn, birth_date, name, empty, invalid
    value: object = None

    @property
    def label(self) -> str:
        return {"bsn": "BSN", "birth_date": "geboortedatum", "name": "naam"}.get(self.kind, "")


_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%y")


def parse_search(q: str) -> SearchQuery:
    """A search is a BSN (9 digits), a birth date (dd-mm-jjjj) or a name."""
    q = (q or "").strip()
    if not q:
        return SearchQuery("empty")
    compact = re.sub(r"[\s.]", "", q)
    if compact.isdigit() and len(compact) == 9:
        return SearchQuery("bsn", compact)
    if re.fullmatch(r"[\d\-/]+", q):
        for fmt in _DATE_FORMATS:
            try:
                return SearchQuery("birth_date", datetime.strptime(q, fmt).date())  # noqa: DTZ007
            except ValueError:
                continue
        return SearchQuery("invalid")
    if len(q) < 2:
        return SearchQuery("invalid")
    return SearchQuery("name", name_key(q, "")[:100])


def family_search(*, user, query: SearchQuery) -> QuerySet[Family]:
    """Families the user may see with a member matching the query; never anything else (R-need-to-know)."""
    persons = Person.objects.all()
    if query.kind == "bsn":
        persons = persons.filter(bsn=query.value)
    elif query.kind == "birth_date":
        persons = persons.filter(birth_date=query.value)
    elif query.kind == "name":
        terms = [t for t in str(query.value).split() if t]
        for term in terms:
            persons = persons.filter(name_key__contains=term)
    else:
        return Family.objects.none()
    visible = policy.visible_families(user)
    matches = persons.filter(family_id__in=visible.values("id"))
    return (visible.filter(id__in=matches.values("family_id")).select_related("municipality")
            .prefetch_related(Prefetch("persons", queryset=matches.order_by("first_name"), to_attr="matches"))
            .order_by("name", "id"))


@dataclass
class FamilyPage:
    family: Family
    persons: list[Person]
    relationships: list[Relationship]
    network: list[NetworkMember]
    cases: list[Case]
    history: list[ChangeRecord]
    viewers: list[AccessLogEntry]

    @property
    def children(self) -> list[Person]:
        return [p for p in self.persons if p.family_role == FamilyRole.CHILD]

    @property
    def open_case(self) -> Case | None:
        return next((c for c in self.cases if c.status == CaseStatus.OPEN), None)

    @property
    def children_without_trusted_person(self) -> list[Person]:
        """R551: the family page warns while a child has no trusted person."""
        return [p for p in self.children if not p.trusted_person and not p.is_unborn]


def family_page(*, family: Family, history_limit: int = 15, viewers_limit: int = 15) -> FamilyPage:
    """Everything the family page shows, in six queries."""
    persons = list(Person.objects.filter(family=family))
    by_id = {p.pk: p for p in persons}
    relationships = list(Relationship.objects.filter(family=family))
    for rel in relationships:
        rel.from_person = by_id.get(rel.from_person_id) or rel.from_person
        rel.to_person = by_id.get(rel.to_person_id) or rel.to_person
    network = list(NetworkMember.objects.filter(family=family))
    for member in network:
        if member.child_id:
            member.child = by_id.get(member.child_id)
    cases = list(Case.objects.filter(family=family, removed_at__isnull=True).prefetch_related(
        Prefetch("involvements", queryset=Involvement.objects.filter(removed_at__isnull=True)
                 .select_related("user", "organisation").order_by("start_date"))))
    history = list(ChangeRecord.objects.filter(family_id=family.pk).select_related("user")[:history_limit])
    viewers = list(AccessLogEntry.objects.filter(family_id=family.pk).order_by("-seq")[:viewers_limit])
    return FamilyPage(family, persons, relationships, network, cases, history, viewers)


def visible_history(history: list[ChangeRecord], *, user) -> list[ChangeRecord]:
    """The changes this user may see: rows that only some involved professionals see keep that rule in the history
    too (R569: the matching note for the GI team; R077: a personal barrier and its steps for its author and the
    author's team lead). At most two queries, only when such rows are in the history."""
    from gezinsplan.analysis.services import can_see_matching  # noqa: PLC0415
    from gezinsplan.collaboration.models import Barrier, BarrierStep  # noqa: PLC0415
    from gezinsplan.collaboration.network_selectors import visible_barriers  # noqa: PLC0415

    hidden_types = set() if can_see_matching(user) else {"matchingnote"}
    barrier_ids = {c.object_id for c in history if c.object_type == "barrier"}
    step_ids = {c.object_id for c in history if c.object_type == "barrierstep"}
    barrier_of_step = dict(BarrierStep.objects.filter(pk__in=step_ids).values_list("pk", "barrier_id")) \
        if step_ids else {}
    wanted = barrier_ids | set(barrier_of_step.values())
    seen = set(visible_barriers(Barrier.objects.filter(pk__in=wanted), user).values_list("pk", flat=True)) \
        if wanted else set()

    def shown(change: ChangeRecord) -> bool:
        if change.object_type in hidden_types:
            return False
        if change.object_type == "barrier":
            return change.object_id in seen
        if change.object_type == "barrierstep":
            return barrier_of_step.get(change.object_id) in seen
        return True

    return [change for change in history if shown(change)]


HISTORY_PAGE_SIZE = 25


def record_labels() -> dict:
    """A change record's `object_type` (a model name) -> the model's (lazy, translatable) name."""
    from django.apps import apps  # noqa: PLC0415

    return {model._meta.model_name: model._meta.verbose_name for model in apps.get_models()}


def family_history(*, family: Family, user, page_number) -> tuple[Page, list[ChangeRecord]]:
    """One page of the whole change history of a family, newest first, without the rows this user may not see.

    The page is cut from the database (a count and one slice); `visible_history` then drops restricted rows of that
    page, so a page may show fewer rows than the page size but never rows the user may not see."""
    paginator = Paginator(ChangeRecord.objects.filter(family_id=family.pk).select_related("user").order_by("-id"),
                          HISTORY_PAGE_SIZE)
    page = paginator.get_page(page_number)
    return page, visible_history(list(page.object_list), user=user)


def age_label(person: Person, on: date | None = None) -> str:
    if person.is_unborn:
        return "ongeboren"
    age = person.age_on(on or policy.today())
    return "" if age is None else f"{age} jaar"


@dataclass
class Situation:
    """The family's situation over time (R246, R249, R250, R316, R596, R665, R683), with what needs attention."""

    family: Family
    children: list[Person]
    members: list[Person]
    residences: list
    arrangements: list
    administrators: list
    perspectives: list
    contributions: list
    stories: list
    has_open_case: bool

    @property
    def registration_elsewhere(self) -> list[tuple[Person, object]]:
        """R246: persons whose current registration is in another municipality than the family's."""
        latest: dict = {}
        for r in self.residences:
            if r.kind == "registration" and r.person_id not in latest:  # ordered newest first per person
                latest[r.person_id] = r
        by_id = {p.pk: p for p in self.members}
        return [(by_id[pid], r.municipality) for pid, r in latest.items()
                if pid in by_id and r.municipality_id != self.family.municipality_id]

    @property
    def children_without_perspective(self) -> list[Person]:
        """R316: children without a recorded own story."""
        heard = {p.child_id for p in self.perspectives}
        return [c for c in self.children if c.pk not in heard and not c.is_unborn]

    @property
    def members_without_contribution(self) -> list[Person]:
        """R596: family-system members (siblings too) whose contribution to safety is not recorded."""
        done = {c.person_id for c in self.contributions}
        return [p for p in self.members if p.pk not in done and not p.deceased and not p.is_unborn]

    @property
    def administrator_changes(self) -> int:
        """R250: how often the bewindvoerder changed."""
        return max(len(self.administrators) - 1, 0)

    @property
    def last_chance_close_missing(self) -> bool:
        """R683: a last-chance family whose cases are closed needs the note on how far it manages on its own."""
        return self.family.last_chance and not self.has_open_case and not self.family.self_reliance_at_close


def family_situation(*, family: Family, members: list[Person] | None = None,
                     cases: list[Case] | None = None) -> Situation:
    """Seven queries, whatever the number of rows; five when the family page passes the persons and the live cases
    it read already."""
    from gezinsplan.families.models import (
        CareArrangement,
        ChildPerspective,
        FinancialAdministrator,
        PersonResidence,
        SafetyContribution,
        WordsAndPicturesStory,
    )

    members = members if members is not None else list(Person.objects.filter(family=family))
    names = Prefetch("adults", queryset=Person.all_objects.only("id", "first_name"))
    return Situation(
        family=family,
        children=[p for p in members if p.family_role == FamilyRole.CHILD],
        members=members,
        residences=list(PersonResidence.objects.filter(family=family).select_related("person", "municipality")
                        .order_by("person_id", "kind", "-since", "-created_at")),
        arrangements=list(CareArrangement.objects.filter(family=family).select_related("child")
                          .prefetch_related(names)),
        administrators=list(FinancialAdministrator.objects.filter(family=family)),
        perspectives=list(ChildPerspective.objects.filter(family=family).select_related("child")),
        contributions=list(SafetyContribution.objects.filter(family=family).select_related("person")),
        stories=list(WordsAndPicturesStory.objects.filter(family=family).prefetch_related(
            Prefetch("children", queryset=Person.all_objects.only("id", "first_name")),
            Prefetch("agreed_by", queryset=Person.all_objects.only("id", "first_name")))),
        has_open_case=any(c.status == CaseStatus.OPEN for c in cases) if cases is not None
        else Case.objects.filter(family=family, status=CaseStatus.OPEN, removed_at__isnull=True).exists(),
    )
