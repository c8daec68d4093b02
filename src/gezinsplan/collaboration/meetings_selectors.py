"""What the screens of the meetings part need, in a fixed number of queries: the flags of one meeting (who is
expected at the table), the LT participation rhythm during a measure, and the case section 'Taakverdeling en
betrokkenen'."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.accounts.constants import OrganisationType
from gezinsplan.cases.context import CaseContext
from gezinsplan.cases.models import (
    Case,
    ChildMeasure,
    Framework,
    Involvement,
    InvolvementRole,
    Phase,
    ProductKind,
)
from gezinsplan.collaboration.models import (
    ArrangementRequest,
    Attendance,
    CollaborationAgreement,
    ContactAssignment,
    ContinuingHelp,
    CoreDecision,
    DecisionKind,
    GoalAssignment,
    InternalCaseDiscussion,
    InvolvedParty,
    LocalTeamLink,
    LtParticipation,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingPurpose,
    ParticipantCategory,
)
from gezinsplan.collaboration.services import PARENT_ROLES
from gezinsplan.core import policy
from gezinsplan.core.calendar import add_weeks
from gezinsplan.families.models import FamilyRole

LT = OrganisationType.LOCAL_TEAM
GI = OrganisationType.GI
ACTIVE_ROLES = frozenset({InvolvementRole.LEAD, InvolvementRole.SUPPORT, InvolvementRole.EXPERT})

# R048: the task split in phase 2 (seed 000, 'Taken per fase').
PHASE_2_TASKS = {
    "lt": (
        gettext_lazy("financiën, huisvesting, werk/dagbesteding en GGZ-ondersteuning van ouders"),
        gettext_lazy("veiligheid en risicotaxatie"),
        gettext_lazy("bodemeisen"),
        gettext_lazy("het netwerkberaad plannen"),
        gettext_lazy("alle kinderen gesproken"),
    ),
    "gi": (
        gettext_lazy("adviseren, meedenken en meegaan bij veiligheid en risicotaxatie"),
        gettext_lazy("adviseren, meedenken en meegaan bij bodemeisen"),
        gettext_lazy("adviseren, meedenken en meegaan bij juridische procedures"),
    ),
}


def _org_type(participant: MeetingParticipant):
    if participant.user_id and participant.user.organisation_id:
        return participant.user.organisation.type
    return participant.organisation.type if participant.organisation_id else None


def _present_or_planned(meeting: Meeting, p: MeetingParticipant) -> bool:
    return (
        p.attendance == Attendance.PRESENT
        if meeting.held_on
        else p.attendance in (Attendance.INVITED, Attendance.PRESENT)
    )


def meeting_flags(
    meeting: Meeting,
    participants: list[MeetingParticipant],
    *,
    case: Case,
    involvements: list[Involvement],
    first_network: bool = False,
    has_tasks: bool = True,
) -> list[str]:
    """Who is expected at this meeting and is missing, in Dutch (participants with person/user/organisation)."""
    flags = []
    at_table = [p for p in participants if _present_or_planned(meeting, p)]
    persons = [p.person for p in at_table if p.person_id]
    org_types = {_org_type(p) for p in at_table if p.category == ParticipantCategory.PROFESSIONAL}
    users = {p.user_id for p in at_table if p.user_id}
    if meeting.held_on and meeting.parents_absent_reason:
        flags.append(_("Zorgen besproken zonder ouders (R616): %(reason)s") % {"reason": meeting.parents_absent_reason})
    if meeting.kind == MeetingKind.PLAN:
        expected = (
            (any(p.family_role == FamilyRole.CHILD for p in persons), _("het kind")),
            (any(p.family_role in PARENT_ROLES for p in persons), _("de ouders")),
            (any(p.category == ParticipantCategory.NETWORK for p in at_table), _("het netwerk")),
            (
                any(p.category == ParticipantCategory.PROFESSIONAL and _org_type(p) not in (LT, GI) for p in at_table),
                _("de uitvoerend hulpverleners"),
            ),
        )
        if case.phase == Phase.MEASURE:
            expected += ((LT in org_types, _("het lokaal team (lokaal veld)")),)
        missing = [label for ok, label in expected if not ok]
        if missing:
            flags.append(
                _("Het plan wordt samen gemaakt; hier ontbreken: %(who)s (R034).")
                % {"who": ", ".join(str(m) for m in missing)}
            )
    if meeting.purpose == MeetingPurpose.ASSURANCE and LT not in org_types:
        flags.append(
            _(
                "Bij het netwerkberaad over het borgingsplan hoort de professional van het lokaal team "
                "actief aan tafel (R043)."
            )
        )
    if meeting.kind == MeetingKind.EVALUATION:
        missing = sorted({str(i.user) for i in involvements if i.role in ACTIVE_ROLES and i.user_id not in users})
        if missing:
            flags.append(
                _(
                    "Het gezinsplan wordt geëvalueerd met de betrokken professionals (uitvoerdersoverleg); "
                    "niet aan tafel: %(who)s (R679)."
                )
                % {"who": ", ".join(missing)}
            )
    if meeting.kind == MeetingKind.NETWORK and first_network and not meeting.who_cares:
        flags.append(
            _(
                "Het eerste netwerkberaad begint met de vraag 'Wie vinden het belangrijk dat het goed gaat "
                "met dit kind?'; de antwoorden zijn nog niet vastgelegd (R689)."
            )
        )
    if meeting.kind == MeetingKind.NETWORK and meeting.held_on and not has_tasks:
        flags.append(
            _(
                "Het verslag van het netwerkberaad heeft nog geen taakverdeling: leg vast wie wat doet, waar "
                "mogelijk bij een doel (R063)."
            )
        )
    return flags


def meeting_page_flags(meeting: Meeting, participants: list[MeetingParticipant]) -> list[str]:
    """The meeting page: three more queries (involvements, an earlier network meeting, its tasks)."""
    case = meeting.case
    involvements = list(policy.active_involvements().filter(case=case).select_related("user"))
    first = (
        meeting.kind == MeetingKind.NETWORK
        and not Meeting.objects.filter(case=case, kind=MeetingKind.NETWORK, planned_on__lt=meeting.planned_on).exists()
    )
    has_tasks = meeting.agreements.filter(removed_at__isnull=True).exists()
    return meeting_flags(
        meeting, participants, case=case, involvements=involvements, first_network=first, has_tasks=has_tasks
    )


def mdo_context(case: Case) -> dict:
    """R285: what a case discussion (MDO) item shows: the current weighing, the patterns and the feasible end
    situation (three queries)."""
    from gezinsplan.analysis.models import FamilyAnalysis, PatternElement
    from gezinsplan.safety.selectors import latest_weighing

    analysis = FamilyAnalysis.objects.filter(family_id=case.family_id).first()
    return {
        "weighing": latest_weighing(case),
        "pattern_sentence": getattr(analysis, "pattern_sentence", ""),
        "patterns": list(PatternElement.objects.filter(family_id=case.family_id, removed_at__isnull=True)[:10]),
        "end_description": getattr(analysis, "end_description", ""),
    }


@dataclass
class ParticipationPeriod:
    starts_on: date
    ends_on: date
    attended: bool
    over: bool

    @property
    def missed(self) -> bool:
        return self.over and not self.attended


@dataclass
class ParticipationStatus:
    """R225: the expected meetings of an LT participation agreement and which were missed."""

    agreement: LtParticipation
    periods: list[ParticipationPeriod]

    @property
    def missed(self) -> list[ParticipationPeriod]:
        return [p for p in self.periods if p.missed]


def participation_status(agreement: LtParticipation, meetings: list[Meeting], *, today: date) -> ParticipationStatus:
    """Per period of `every_weeks` from the start: did the LT professional attend a held network meeting or
    evaluation? Uses `meeting.participants.all()` (prefetched)."""
    periods = []
    if agreement.every_weeks:
        attended_on = sorted(
            m.held_on
            for m in meetings
            if m.held_on
            and m.kind in (MeetingKind.NETWORK, MeetingKind.EVALUATION)
            and any(
                p.user_id == agreement.professional_id and p.attendance == Attendance.PRESENT
                for p in m.participants.all()
            )
        )
        start = agreement.starts_on
        last = agreement.ends_on or today
        while start <= last and len(periods) < 60:
            end = add_weeks(start, agreement.every_weeks) - timedelta(days=1)
            periods.append(ParticipationPeriod(start, end, any(start <= d <= end for d in attended_on), end < today))
            start = end + timedelta(days=1)
    return ParticipationStatus(agreement, periods)


@dataclass
class PartnerEvent:
    organisation: str
    joined_on: date
    left_on: date | None


@dataclass
class TaskDivisionPage:
    """The case section 'Taakverdeling en betrokkenen' (a fixed number of queries)."""

    case: Case
    today: date
    involvements: list[Involvement]
    parties: list[InvolvedParty]
    contacts: list[ContactAssignment]
    participations: list[ParticipationStatus]
    agreement: CollaborationAgreement | None
    needs_agreement: bool
    arrangements: list[ArrangementRequest]
    internal: list[InternalCaseDiscussion]
    measures_unlinked: list[ChildMeasure]
    links: list[LocalTeamLink]
    continuing: list[ContinuingHelp]
    awaiting_confirmation: list[CoreDecision]
    previous_measures: list[ChildMeasure]
    partners: list[PartnerEvent]
    introduction_due: date | None
    no_process_director: bool
    lead_not_gi_under_ots: bool
    last_mdo: Meeting | None
    assignments: list[GoalAssignment] = field(default_factory=list)
    phase_2_tasks: dict | None = None


def task_division_page(*, case: Case, user, today: date | None = None,
                       ctx: CaseContext | None = None) -> TaskDivisionPage:
    """The involvements, meetings, measures, products and decisions come from the `CaseContext` (shared with the
    other sections of the case page); the rest is one query per kind of row."""
    from gezinsplan.collaboration.selectors import decisions_of, meetings_of

    ctx = ctx or CaseContext(case, today=today)
    today = today or ctx.today
    all_involvements = ctx.involvements_by_joining
    active = [i for i in all_involvements if i.start_date <= today and (i.end_date is None or i.end_date >= today)]
    meetings = meetings_of(ctx)
    measures = ctx.measures
    links = list(LocalTeamLink.objects.filter(case=case).select_related("measure"))
    linked = {link.measure_id for link in links}
    agreements = list(CollaborationAgreement.objects.filter(case=case)[:1])
    orgs = {i.organisation_id for i in active}
    decisions = [d for d in decisions_of(ctx) if d.kind == DecisionKind.ADDITIONAL_HELP]
    lt_gi = {i.organisation.type for i in active} >= {LT, GI}
    awaiting = [
        d for d in decisions if lt_gi and len({c.party for c in d.confirmations.all() if c.removed_at is None}) < 2
    ]
    two_b = [i for i in ctx.indications if i.kind == ProductKind.P2B]
    introduction_due = None
    if two_b:
        since = max(i.starts_on for i in two_b)
        if not any(m.kind == MeetingKind.INTRODUCTION and m.planned_on >= since for m in meetings):
            from gezinsplan.collaboration.meetings_services import method

            introduction_due = add_weeks(since, method("introduction_weeks", 2))
    partners: dict[str, PartnerEvent] = {}
    for inv in all_involvements:  # R655: when each organisation joined and left the plan
        label = inv.organisation.label
        event = partners.get(label)
        if event is None:
            partners[label] = PartnerEvent(label, inv.start_date, inv.end_date)
        else:
            event.joined_on = min(event.joined_on, inv.start_date)
            event.left_on = (
                None if (event.left_on is None or inv.end_date is None) else max(event.left_on, inv.end_date)
            )
    gi_involved = any(i.organisation.type == GI for i in active)
    lead = next((i for i in active if i.role == InvolvementRole.LEAD), None)
    mdos = [m for m in meetings if m.kind == MeetingKind.CASE_DISCUSSION and m.held_on]
    return TaskDivisionPage(
        case=case,
        today=today,
        involvements=active,
        parties=list(InvolvedParty.objects.filter(case=case)),
        contacts=list(
            ContactAssignment.objects.filter(case=case).select_related("person", "professional__organisation")
        ),
        participations=[
            participation_status(p, meetings, today=today)
            for p in LtParticipation.objects.filter(case=case).select_related("professional")
        ],
        agreement=agreements[0] if agreements else None,
        needs_agreement=len(orgs) > 1 and not agreements,
        arrangements=list(ArrangementRequest.objects.filter(case=case)),
        internal=list(InternalCaseDiscussion.objects.filter(case=case, organisation_id=user.organisation_id))
        if user.organisation_id
        else [],
        measures_unlinked=[m for m in measures if m.pk not in linked],
        links=links,
        continuing=list(ContinuingHelp.objects.filter(case=case).select_related("monitor")),
        awaiting_confirmation=awaiting,
        previous_measures=measures if case.phase == Phase.LT_AFTER else [],
        partners=list(partners.values()),
        introduction_due=introduction_due,
        no_process_director=gi_involved and not any(i.organisation.type == LT for i in active),
        lead_not_gi_under_ots=case.framework == Framework.COMPULSORY
        and lead is not None
        and lead.organisation.type != GI,
        last_mdo=max(mdos, key=lambda m: m.held_on) if mdos else None,
        assignments=list(
            GoalAssignment.objects.filter(family_id=case.family_id).select_related("goal", "organisation")
        ),
        phase_2_tasks=PHASE_2_TASKS if case.phase == Phase.LT_GI else None,
    )
