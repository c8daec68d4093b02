"""The collaboration items of 'Wat staat open' (core.due): meetings, agreements, conversations with children and
escalation steps. Each provider runs a fixed number of queries for any number of cases."""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Min, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from gezinsplan.cases.models import Case
from gezinsplan.collaboration import rhythm
from gezinsplan.collaboration.models import (
    Agreement,
    Barrier,
    BarrierKind,
    BarrierStatus,
    ChildConversation,
    LadderStep,
    Meeting,
    MeetingKind,
)
from gezinsplan.collaboration.selectors import child_due_on
from gezinsplan.core.calendar import WorkingDays, add_weeks
from gezinsplan.core.due import DueItem, due_provider
from gezinsplan.families.models import FamilyRole, Person


def _case_url(case_id, anchor: str = "samenwerking") -> str:
    return reverse("cases:detail", args=[case_id]) + f"#{anchor}"


@due_provider
def meetings_due(*, cases: QuerySet[Case], today: date) -> list[DueItem]:
    """R062/R067: planned meetings, and a network meeting to plan when none is (two queries)."""
    live_network = Q(meetings__kind=MeetingKind.NETWORK, meetings__removed_at__isnull=True)
    last_reason = (Meeting.objects.filter(case=OuterRef("pk"), kind=MeetingKind.NETWORK, held_on__isnull=False)
                   .order_by("-held_on").values("no_follow_up_reason")[:1])
    rows = (Case.objects.filter(pk__in=cases.values("pk")).select_related("family")
            .annotate(last_held=Max("meetings__held_on", filter=live_network),
                      next_planned=Min("meetings__planned_on",
                                       filter=live_network & Q(meetings__held_on__isnull=True)),
                      no_follow_up=Subquery(last_reason)))
    items = []
    for case in rows:
        if case.next_planned is None and not case.no_follow_up:  # R664: or a reason why no follow-up is needed
            items.append(DueItem(
                kind=_("Netwerkberaad"), title=_("Plan het volgende netwerkberaad"),
                due_on=add_weeks(case.last_held or case.opened_on, rhythm.network_meeting_weeks()),
                case_id=case.pk, family_id=case.family_id, family_name=case.family.name,
                url=_case_url(case.pk), today=today))
    planned = (Meeting.objects.filter(case__in=cases.values("pk"), held_on__isnull=True)
               .select_related("case__family").order_by("planned_on"))
    for meeting in planned:
        title = (_("%(kind)s vastleggen: aanwezigheid, verslag en afspraken") if meeting.planned_on < today
                 else _("%(kind)s")) % {"kind": meeting.get_kind_display().capitalize()}
        items.append(DueItem(
            kind=_("Overleg"), title=title, due_on=meeting.planned_on, case_id=meeting.case_id,
            family_id=meeting.family_id, family_name=meeting.case.family.name,
            url=reverse("collaboration:meeting", args=[meeting.pk]), today=today))
    return items


@due_provider
def agreements_due(*, cases: QuerySet[Case], today: date) -> list[DueItem]:
    """R228: agreements not done, by their date (one query)."""
    rows = (Agreement.objects.filter(case__in=cases.values("pk"), done_on__isnull=True, not_kept_on__isnull=True)
            .select_related("case__family", "who_user"))
    return [DueItem(kind=_("Afspraak"), title=a.what, due_on=a.due_on, case_id=a.case_id, family_id=a.family_id,
                    family_name=a.case.family.name, url=reverse("collaboration:agreement_done", args=[a.pk]),
                    who=a.who, today=today) for a in rows]


@due_provider
def child_conversations_due(*, cases: QuerySet[Case], today: date) -> list[DueItem]:
    """R050/R153: every child of the family is spoken with, within the rhythm (three queries)."""
    case_rows = {c.pk: c for c in Case.objects.filter(pk__in=cases.values("pk")).select_related("family")}
    family_cases = {c.family_id: c for c in case_rows.values()}
    children = Person.objects.filter(family_id__in=family_cases.keys(), family_role=FamilyRole.CHILD,
                                     deceased=False)
    last = {(r["case_id"], r["child_id"]): r["last"] for r in ChildConversation.objects.filter(
        case_id__in=case_rows.keys()).values("case_id", "child_id").annotate(last=Max("held_on"))}
    items = []
    for child in children:
        case = family_cases[child.family_id]
        due_on = child_due_on(case=case, last_record=last.get((case.pk, child.pk)))
        items.append(DueItem(
            kind=_("Gesprek met kind"), title=_("Gesprek met %(name)s") % {"name": child.first_name},
            due_on=due_on, case_id=case.pk, family_id=case.family_id, family_name=case.family.name,
            url=reverse("collaboration:conversation_add", args=[case.pk]), today=today))
    return items


@due_provider
def barrier_steps_due(*, cases: QuerySet[Case], today: date) -> list[DueItem]:
    """R079: an open barrier takes its next step within the configured working days (two queries)."""
    calendar = WorkingDays()
    rows = (Barrier.objects.filter(case__in=cases.values("pk"), status=BarrierStatus.OPEN)
            .select_related("case__family", "raised_by")
            .annotate(last_step=Max("steps__step", filter=Q(steps__removed_at__isnull=True)),
                      last_on=Max("steps__taken_on", filter=Q(steps__removed_at__isnull=True))))
    items = []
    for barrier in rows:
        step = (barrier.last_step or 0) + 1
        title = (_("Barrière: %(step)s") % {"step": LadderStep(step).label} if step <= LadderStep.MANAGEMENT
                 else _("Barrière: uitkomst van stap 4 vastleggen"))
        items.append(DueItem(
            kind=_("Escalatie"), title=title,
            due_on=calendar.add_working_days(barrier.last_on or barrier.raised_on, rhythm.barrier_step_working_days()),
            case_id=barrier.case_id, family_id=barrier.family_id, family_name=barrier.case.family.name,
            url=reverse("collaboration:barrier", args=[barrier.pk]), today=today,
            **({"private_to": (barrier.raised_by_id,), "private_team_id": barrier.raised_by.team_id}
               if barrier.kind == BarrierKind.PERSONAL else {})))  # R077
    return items
