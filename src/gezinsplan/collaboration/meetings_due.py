"""The meetings part of 'Wat staat open' (core.due): collaboration agreements to make (R061), the joint
introduction after a 2b decision (R227), the local team to link after a court decision (R656) and help without a
recent progress review (R527). Each provider runs a fixed number of queries for any number of cases."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from gezinsplan.analysis.models import Goal, GoalStatus
from gezinsplan.cases.models import Case, ChildMeasure, ProductIndication, ProductKind
from gezinsplan.collaboration.meetings_services import method
from gezinsplan.collaboration.models import CollaborationAgreement, LocalTeamLink, Meeting, MeetingKind
from gezinsplan.core import policy
from gezinsplan.core.calendar import WorkingDays, add_weeks
from gezinsplan.core.due import DueItem, due_provider


def _url(case_id) -> str:
    return reverse("cases:detail", args=[case_id]) + "#taakverdeling"


@due_provider
def collaboration_agreements_due(*, cases: QuerySet[Case], today: date) -> list[DueItem]:
    """R061: two or more organisations involved and no collaboration agreement yet (one query)."""
    active = Q(involvements__in=policy.active_involvements(on=today))
    rows = (
        Case.objects.filter(pk__in=cases.values("pk"))
        .select_related("family")
        .annotate(
            orgs=Count("involvements__organisation", distinct=True, filter=active),
            since=Max("involvements__start_date", filter=active),
            agreed=Exists(CollaborationAgreement.objects.filter(case=OuterRef("pk"), removed_at__isnull=True)),
        )
        .filter(orgs__gt=1, agreed=False)
    )
    return [
        DueItem(
            kind=_("Samenwerking"),
            title=_("Samenwerkingsafspraken maken"),
            due_on=case.since or today,
            case_id=case.pk,
            family_id=case.family_id,
            family_name=case.family.name,
            url=_url(case.pk),
            today=today,
        )
        for case in rows
    ]


@due_provider
def introductions_due(*, cases: QuerySet[Case], today: date) -> list[DueItem]:
    """R227: after a 2b decision, a joint introduction instead of a handover (one query)."""
    intro = Meeting.objects.filter(
        case=OuterRef("case_id"), kind=MeetingKind.INTRODUCTION, planned_on__gte=OuterRef("starts_on")
    )
    rows = (
        ProductIndication.objects.filter(case__in=cases.values("pk"), kind=ProductKind.P2B, removed_at__isnull=True)
        .annotate(planned=Exists(intro))
        .filter(planned=False)
        .select_related("case__family")
    )
    weeks = method("introduction_weeks", 2)
    return [
        DueItem(
            kind=_("Overleg"),
            title=_("Gezamenlijke kennismaking plannen (lokaal team, jeugdbeschermer, gezin)"),
            due_on=add_weeks(i.starts_on, weeks),
            case_id=i.case_id,
            family_id=i.case.family_id,
            family_name=i.case.family.name,
            url=reverse("collaboration:introduction_plan", args=[i.case_id]),
            today=today,
        )
        for i in rows
    ]


@due_provider
def local_team_links_due(*, cases: QuerySet[Case], today: date) -> list[DueItem]:
    """R656: a new court decision: link and inform the local district team (one query)."""
    rows = (
        ChildMeasure.objects.filter(case__in=cases.values("pk"), removed_at__isnull=True)
        .annotate(linked=Exists(LocalTeamLink.objects.filter(measure=OuterRef("pk"), removed_at__isnull=True)))
        .filter(linked=False)
        .select_related("case__family")
    )
    calendar, days = WorkingDays(), method("local_team_link_working_days", 5)
    return [
        DueItem(
            kind=_("Beschikking"),
            title=_("Lokaal team koppelen en informeren over de beschikking"),
            due_on=calendar.add_working_days(m.pronounced_on, days),
            case_id=m.case_id,
            family_id=m.case.family_id,
            family_name=m.case.family.name,
            url=reverse("collaboration:local_team_link", args=[m.case_id]),
            today=today,
        )
        for m in rows
    ]


@due_provider
def help_reviews_due(*, cases: QuerySet[Case], today: date) -> list[DueItem]:
    """R527: a help item (a goal carried out by a provider) has its progress reviewed regularly (two queries)."""
    case_by_family = {c.family_id: c for c in Case.objects.filter(pk__in=cases.values("pk")).select_related("family")}
    goals = (
        Goal.objects.filter(family_id__in=case_by_family.keys(), status=GoalStatus.ACTIVE)
        .exclude(provider="")
        .annotate(last_review=Max("progress_log__recorded_at"))
    )
    weeks = method("help_review_weeks", 13)
    items = []
    for goal in goals:
        case = case_by_family[goal.family_id]
        last = goal.last_review.date() if goal.last_review else case.opened_on
        items.append(
            DueItem(
                kind=_("Hulp"),
                title=_("Voortgang van de hulp bespreken: %(what)s") % {"what": goal.what[:60]},
                due_on=add_weeks(last, weeks),
                case_id=case.pk,
                family_id=case.family_id,
                family_name=case.family.name,
                url=_url(case.pk),
                today=today,
                who=goal.provider,
            )
        )
    return items
