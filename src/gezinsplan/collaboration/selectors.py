"""What the screens of working together need, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Max, Prefetch, QuerySet

from gezinsplan.cases.context import CaseContext
from gezinsplan.cases.models import Case, Involvement
from gezinsplan.collaboration import rhythm
from gezinsplan.collaboration.models import (
    Agreement,
    Attendance,
    Barrier,
    BarrierStatus,
    BarrierStep,
    ChildConversation,
    CoreDecision,
    Escalation,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    ParticipantCategory,
)
from gezinsplan.core import policy
from gezinsplan.core.calendar import add_weeks
from gezinsplan.families.models import FamilyRole, Person


@dataclass
class NetworkStatus:
    """R062/R067: the last network meeting held, the next planned, and when the next is due."""

    last_held: Meeting | None
    next_planned: Meeting | None
    due_on: date
    today: date

    @property
    def no_follow_up(self) -> str:
        """R664: the reason recorded at the last network meeting why no follow-up is needed."""
        return self.last_held.no_follow_up_reason if self.last_held and not self.next_planned else ""

    @property
    def none_planned(self) -> bool:
        return self.next_planned is None and not self.no_follow_up

    @property
    def overdue(self) -> bool:
        """No meeting within the rhythm: nothing planned by the due date, or the planned one is late."""
        if self.next_planned is None:
            return self.due_on < self.today and not self.no_follow_up
        return self.next_planned.planned_on > self.due_on or self.next_planned.planned_on < self.today


def network_status(*, case: Case, meetings: list[Meeting], today: date) -> NetworkStatus:
    network = [m for m in meetings if m.kind == MeetingKind.NETWORK]
    held = [m for m in network if m.held_on]
    planned = sorted((m for m in network if not m.held_on), key=lambda m: m.planned_on)
    last = max(held, key=lambda m: m.held_on, default=None)
    start = last.held_on if last else case.opened_on
    return NetworkStatus(last_held=last, next_planned=planned[0] if planned else None,
                         due_on=add_weeks(start, rhythm.network_meeting_weeks()), today=today)


@dataclass
class AbsenceSignal:
    """R074/R230: a party absent from the most recent network meetings it was invited to."""

    party: str
    consecutive: int
    total: int


def absence_signals(meetings: list[Meeting]) -> list[AbsenceSignal]:
    """Uses `meeting.participants.all()` (prefetched). A party is an organisation (or, without one, the
    professional's name); family and network members are not a barrier signal."""
    held = sorted((m for m in meetings if m.kind == MeetingKind.NETWORK and m.held_on),
                  key=lambda m: m.held_on, reverse=True)
    streak: dict[str, int] = {}
    broken: set[str] = set()
    total: dict[str, int] = defaultdict(int)
    for meeting in held:
        seen: dict[str, bool] = {}
        for p in meeting.participants.all():
            if p.category != ParticipantCategory.PROFESSIONAL or p.attendance == Attendance.INVITED:
                continue
            party = p.organisation_label or p.display_name
            seen[party] = seen.get(party, False) or p.attendance == Attendance.PRESENT
        for party, present in seen.items():
            if not present:
                total[party] += 1
                if party not in broken:
                    streak[party] = streak.get(party, 0) + 1
            else:
                broken.add(party)
                streak.setdefault(party, 0)
    threshold = rhythm.absence_signal_count()
    return sorted((AbsenceSignal(party, n, total[party]) for party, n in streak.items() if n >= threshold),
                  key=lambda s: (-s.consecutive, s.party))


@dataclass
class WorkerChangeSignal:
    """R074: an organisation changed workers for this family more than once."""

    organisation: str
    changes: int


def worker_change_signals(involvements: list[Involvement]) -> list[WorkerChangeSignal]:
    users: dict[str, set] = defaultdict(set)
    for inv in involvements:
        users[inv.organisation.label].add(inv.user_id)
    return [WorkerChangeSignal(org, len(u) - 1) for org, u in sorted(users.items()) if len(u) - 1 > 1]


@dataclass
class ChildStatus:
    child: Person
    last_spoken: date | None
    last_reason: ChildConversation | None  # the latest 'not spoken' record, when newer than the last conversation
    due_on: date
    today: date
    last_conversation: ChildConversation | None = None  # R158/R162: what the latest conversation recorded

    @property
    def overdue(self) -> bool:
        return self.due_on < self.today


def child_due_on(*, case: Case, last_record: date | None) -> date:
    if last_record is None:
        return add_weeks(case.opened_on, rhythm.first_child_conversation_weeks())
    return add_weeks(last_record, rhythm.child_conversation_weeks())


def children_status(*, case: Case, children: list[Person], conversations: list[ChildConversation],
                    today: date) -> list[ChildStatus]:
    """R050/R153: every child of the family, not only the referred one."""
    result = []
    for child in children:
        own = [c for c in conversations if c.child_id == child.pk]
        spoken = max((c.held_on for c in own if c.spoken), default=None)
        reasons = [c for c in own if not c.spoken and (spoken is None or c.held_on > spoken)]
        reason = max(reasons, key=lambda c: c.held_on, default=None)
        last = max(filter(None, [spoken, reason.held_on if reason else None]), default=None)
        latest = max((c for c in own if c.spoken), key=lambda c: c.held_on, default=None)
        result.append(ChildStatus(child, spoken, reason, child_due_on(case=case, last_record=last), today, latest))
    return result


@dataclass
class CollaborationPage:
    case: Case
    today: date
    meetings: list[Meeting]
    network: NetworkStatus
    absences: list[AbsenceSignal]
    worker_changes: list[WorkerChangeSignal]
    open_agreements: list[Agreement]
    decisions_in_force: list[CoreDecision]
    decisions_revised: list[CoreDecision]
    children: list[ChildStatus]
    barriers: list[Barrier]
    escalations: list[Escalation]
    review_due: date | None = None
    extra: dict = field(default_factory=dict)

    @property
    def children_not_spoken(self) -> list[ChildStatus]:
        return [c for c in self.children if c.overdue]


def case_meetings(case: Case) -> QuerySet[Meeting]:
    return (Meeting.objects.filter(case=case).select_related("forum_team")
            .prefetch_related(Prefetch("participants", queryset=MeetingParticipant.objects.select_related(
                "organisation", "user", "person", "network_member"))))


def meetings_of(ctx: CaseContext) -> list[Meeting]:
    """The case's meetings with their participants, once per `CaseContext`."""
    return ctx.memo("collaboration.meetings", lambda: list(case_meetings(ctx.case)))


def decisions_of(ctx: CaseContext) -> list[CoreDecision]:
    """The case's core decisions with what they revise, their participants and confirmations, once per context."""
    return ctx.memo("collaboration.decisions", lambda: list(
        CoreDecision.objects.filter(case_id=ctx.case.pk)
        .select_related("forum_team", "behavioural_scientist", "revises")
        .prefetch_related("participants", "confirmations")))


def conversations_of(ctx: CaseContext) -> list[ChildConversation]:
    """The conversations with the case's children (also read by the safety checks), once per context."""
    return ctx.memo("collaboration.child_conversations", lambda: list(
        ChildConversation.objects.filter(case_id=ctx.case.pk)))


def collaboration_page(*, case: Case, today: date | None = None, ctx: CaseContext | None = None,
                       user=None) -> CollaborationPage:
    """The case's collaboration section: nine queries whatever the data (meetings + participants, involvements,
    agreements, decisions + participants + confirmations, children, conversations, barriers + steps, escalations);
    fewer on the case page, whose `CaseContext` holds the involvements, children, meetings, decisions and
    conversations the other sections read too. With a `user`, only the barriers that user may see (R077)."""
    ctx = ctx or CaseContext(case, today=today)
    today = today or ctx.today
    meetings = meetings_of(ctx)
    involvements = ctx.involvements_by_joining
    agreements = list(Agreement.objects.filter(case=case, done_on__isnull=True).select_related("who_user"))
    decisions = decisions_of(ctx)
    revised_ids = {d.revises_id for d in decisions if d.revises_id}
    children = [child for child in ctx.children if not child.deceased]
    conversations = conversations_of(ctx)
    barriers = Barrier.objects.filter(case=case, status=BarrierStatus.OPEN)
    if user is not None:
        from gezinsplan.collaboration.network_selectors import visible_barriers

        barriers = visible_barriers(barriers, user)
    barriers = list(barriers.select_related("other_organisation", "raised_by").prefetch_related(
        Prefetch("steps", queryset=BarrierStep.objects.select_related("taken_by"))))
    for barrier in barriers:
        steps = [step for step in barrier.steps.all() if step.removed_at is None]
        barrier.last_step_row = steps[-1] if steps else None
    escalations = list(Escalation.objects.filter(case=case, resolved_on__isnull=True)
                       .select_related("other_organisation"))
    return CollaborationPage(
        case=case, today=today, meetings=meetings,
        network=network_status(case=case, meetings=meetings, today=today),
        absences=absence_signals(meetings), worker_changes=worker_change_signals(involvements),
        open_agreements=agreements,
        decisions_in_force=[d for d in decisions if d.pk not in revised_ids],
        decisions_revised=[d for d in decisions if d.pk in revised_ids],
        children=children_status(case=case, children=children, conversations=conversations, today=today),
        barriers=barriers, escalations=escalations,
        review_due=review_due(case=case, involvements=involvements, meetings=meetings),
    )


def review_due(*, case: Case, involvements: list[Involvement], meetings: list[Meeting]) -> date | None:
    """Delft story: after a change of the lead professional, a session that revisits the information gathered
    earlier keeps the family on its line. Due two weeks after the new lead starts, unless one was held or planned
    since then."""
    leads = sorted((i for i in involvements if i.role == "lead"), key=lambda i: i.start_date)
    if len(leads) < 2 or leads[-1].user_id == leads[-2].user_id:
        return None
    since = leads[-1].start_date
    if any(m.kind == MeetingKind.REVIEW and (m.held_on or m.planned_on) >= since for m in meetings):
        return None
    return since + timedelta(weeks=2)


def decision_chain(decision: CoreDecision) -> list[CoreDecision]:
    """The decision and every earlier decision it revises, newest first (a visible chain)."""
    chain, current = [], decision
    seen = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current)
        current = current.revises
    return chain


def team_open_barriers(team) -> QuerySet[Barrier]:
    """The team lead's overview: open barriers in cases a team member is involved in."""
    return (
        Barrier.objects.filter(
            status=BarrierStatus.OPEN, case__in=policy.active_involvements().filter(user__team=team).values("case_id")
        )
        .select_related("case__family", "other_organisation")
        .annotate(last_step=Max("steps__step"))
    )


def conversation_guidance_per_child(*, case: Case, today: date) -> list[tuple[Person, int | None, str]]:
    """R158: each child of the family with the age today and the age-appropriate guidance (one query)."""
    from gezinsplan.cases.selectors import age_on, conversation_guidance

    children = Person.objects.filter(family_id=case.family_id, family_role=FamilyRole.CHILD, deceased=False)
    return [(child, age, conversation_guidance(age)) for child in children for age in [age_on(child.birth_date, today)]]
