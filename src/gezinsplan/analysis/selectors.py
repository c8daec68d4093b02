"""What the analysis screens need, in a fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from gezinsplan.analysis.models import (
    ADULT_PROBLEM_CATEGORIES,
    STRESS_FACTORS,
    Background,
    ConcernKind,
    ConcernOrStrength,
    ContactNote,
    DangerStatement,
    FamilyAnalysis,
    FamilyPlan,
    FamilyPlanVersion,
    FfpAim,
    Goal,
    GoalProgress,
    HelpEpisode,
    InstrumentUse,
    IntakeTask,
    LifeDomain,
    LifeDomainReview,
    MatchingNote,
    ParentingQuestionnaire,
    PatternElement,
    PatternKind,
    PlanEndorsement,
    RelationalFunction,
    ScreeningItem,
    ScreeningResult,
    Stance,
    TimelineEvent,
)
from gezinsplan.analysis.repetition import RepetitionFlag, repetition_flags
from gezinsplan.cases.models import Case, CaseStatus
from gezinsplan.families.models import ADULT_ROLES, Family, FamilyRole, NetworkMember, Person, Relationship
from gezinsplan.safety.models import AnalysisDecision, RiskAssessment, SafetyAssessment, Weighing

# R146: the pattern parts that must rest on facts of the timeline
FACT_BASED_KINDS = frozenset(
    {
        PatternKind.PARENT_DEVELOPMENT,
        PatternKind.PARENT_BEHAVIOUR,
        PatternKind.CHILD_DEVELOPMENT,
        PatternKind.CHILD_BEHAVIOUR,
        PatternKind.HELP_PATTERN,
    }
)
# R516: the members of the family system whose endorsement counts
SYSTEM_ROLES = frozenset({*ADULT_ROLES, FamilyRole.CHILD, FamilyRole.HOUSEHOLD})

SECTIONS_R028 = ("reason", "genogram", "timeline", "concerns", "dangers", "pattern", "end_situation", "goals")


@dataclass
class AnalysisPage:
    family: Family
    analysis: FamilyAnalysis | None
    persons: list[Person]
    relationships: list[Relationship]
    events: list[TimelineEvent]
    help: list[HelpEpisode]
    backgrounds: list[Background]
    concerns: list[ConcernOrStrength]
    dangers: list[DangerStatement]
    elements: list[PatternElement]
    goals: list[Goal]
    plan: FamilyPlan | None
    versions: list[FamilyPlanVersion]
    case_reason: str = ""
    flags: list[RepetitionFlag] = field(default_factory=list)
    case: Case | None = None
    network: list = field(default_factory=list)
    screening: list[ScreeningItem] = field(default_factory=list)
    reviews: list[LifeDomainReview] = field(default_factory=list)
    endorsements: list[PlanEndorsement] = field(default_factory=list)
    functions: list[RelationalFunction] = field(default_factory=list)
    matching: MatchingNote | None = None
    can_see_matching: bool = False
    contact_notes: list[ContactNote] = field(default_factory=list)
    instrument_uses: list[InstrumentUse] = field(default_factory=list)
    questionnaires: list[ParentingQuestionnaire] = field(default_factory=list)
    intake_tasks: list[IntakeTask] = field(default_factory=list)
    risk_assessment: RiskAssessment | None = None
    safety_assessment: SafetyAssessment | None = None
    weighing: Weighing | None = None

    @property
    def unsupported_elements(self) -> list[PatternElement]:
        """R146: pattern answers that cite no fact of the timeline."""
        return [e for e in self.elements if e.kind in FACT_BASED_KINDS and not e.cited and not e.facts.strip()]

    @property
    def symptom_list(self) -> list[PatternElement]:
        return [e for e in self.elements if e.kind == PatternKind.SYMPTOM]

    @property
    def maintaining_list(self) -> list[PatternElement]:
        return [e for e in self.elements if e.kind == PatternKind.MAINTAINING]

    @property
    def goals_by_owner(self) -> list[tuple[str, list[Goal]]]:
        """R258: goals grouped by who carries them: an external provider, or the LT/GI."""
        from django.utils.translation import gettext as _  # noqa: PLC0415

        groups: dict[str, list[Goal]] = {}
        for goal in self.goals:
            groups.setdefault(goal.provider.strip() or _("Lokaal team en GI"), []).append(goal)
        return sorted(groups.items(), key=lambda item: (bool(item[1][0].provider.strip()), item[0].lower()))

    @property
    def goals_without_delta(self) -> list[Goal]:
        """R605: work goals that do not yet trace back to a concern with its threat and desired outcome."""
        return [g for g in self.goals if g.concern_id is None]

    @property
    def system_members(self) -> list[Person]:
        return [p for p in self.persons if p.family_role in SYSTEM_ROLES]

    @property
    def endorsement_rows(self) -> list[tuple[Person, PlanEndorsement | None]]:
        """R516: per member of the family system, their stance on the latest version."""
        number = self.current_version.number if self.current_version else None
        latest = {e.person_id: e for e in self.endorsements if e.version_number == number}
        return [(p, latest.get(p.pk)) for p in self.system_members]

    @property
    def endorsement_gaps(self) -> list[Person]:
        return [p for p, e in self.endorsement_rows if e is None or e.stance != Stance.AGREES]

    @property
    def adult_problems(self) -> list[tuple[Person, list[tuple[str, ScreeningItem | None]]]]:
        """R304: per adult the categories debts, addiction and psychiatric problems."""
        by_key = {(i.person_id, i.category): i for i in self.screening}
        return [
            (p, [(str(c.label), by_key.get((p.pk, c))) for c in ADULT_PROBLEM_CATEGORIES])
            for p in self.persons
            if p.family_role in ADULT_ROLES
        ]

    @property
    def unaddressed_stress(self) -> list[ScreeningItem]:
        """R567: a stress factor that plays without an action or referral in the plan."""
        return [
            i
            for i in self.screening
            if i.category in STRESS_FACTORS
            and i.result == ScreeningResult.PRESENT
            and not i.goal_id
            and not i.referral.strip()
        ]

    @property
    def domain_rows(self) -> list[tuple[str, str, LifeDomainReview | None]]:
        """R559: every configured life domain with its review (or none yet)."""
        from gezinsplan.analysis.services import configured_life_domains  # noqa: PLC0415

        by_domain = {r.domain: r for r in self.reviews}
        return [(d, str(LifeDomain(d).label), by_domain.get(d)) for d in configured_life_domains()]

    @property
    def ffp_backing(self) -> list[tuple[str, int]]:
        """R570: how many contact notes back each FFP aim."""
        return [(str(aim.label), sum(1 for n in self.contact_notes if aim.value in n.ffp_aims)) for aim in FfpAim]

    @property
    def information_task(self) -> Weighing | None:
        """R112: the latest weighing said 'more factual information needed': an open information task, and the
        weighing is made again once the information is there."""
        if self.weighing is not None and self.weighing.extended_analysis == AnalysisDecision.MORE_INFO:
            return self.weighing
        return None

    @property
    def currency_gaps(self) -> list[str]:
        return currency_gaps(analysis=self.analysis, risk=self.risk_assessment, safety=self.safety_assessment)

    @property
    def concern_list(self) -> list[ConcernOrStrength]:
        return [c for c in self.concerns if c.kind == ConcernKind.CONCERN]

    @property
    def strength_list(self) -> list[ConcernOrStrength]:
        return [c for c in self.concerns if c.kind == ConcernKind.STRENGTH]

    @property
    def goals_without_pattern(self) -> list[Goal]:
        from gezinsplan.analysis.services import goals_without_pattern  # noqa: PLC0415

        return goals_without_pattern(self.goals)

    @property
    def current_version(self) -> FamilyPlanVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def completeness(self) -> list[tuple[str, str, bool]]:
        """R028: the required sections of the extended analysis, each complete or not."""
        a = self.analysis
        return [
            ("reason", _("Aanleiding"), bool(a and a.reason.strip() or self.case_reason)),
            ("genogram", _("Genogram"), len(self.persons) > 1 and bool(self.relationships)),
            ("timeline", _("Tijdlijn (met hulp en resultaat)"), bool(self.events) and bool(self.help)),
            ("concerns", _("Zorgen en krachten"), bool(self.concern_list) and bool(self.strength_list)),
            ("dangers", _("Danger statements en veiligheidsafspraken"), bool(self.dangers)),
            ("pattern", _("Patroon"), bool(a and a.pattern_sentence.strip().rstrip("…").strip()
                                        != "Deze kinderen groeien op in een gezin" and self.elements)),
            ("end_situation", _("Haalbare eindsituatie"), bool(a and a.has_end_situation)),
            ("goals", _("Doelen (wie, wat, wanneer, voortgang)"), bool(self.goals)),
        ]


def analysis_page(*, family: Family, user=None, versions_limit: int = 20) -> AnalysisPage:
    """Everything the family-plan page shows, in a constant number of queries."""
    from gezinsplan.analysis.services import can_see_matching  # noqa: PLC0415

    persons = list(Person.objects.filter(family=family))
    by_id = {p.pk: p for p in persons}
    relationships = list(Relationship.objects.filter(family=family))
    for rel in relationships:
        rel.from_person = by_id.get(rel.from_person_id) or rel.from_person
        rel.to_person = by_id.get(rel.to_person_id) or rel.to_person
    analysis = FamilyAnalysis.objects.filter(family=family).first()
    events = list(
        TimelineEvent.objects.filter(family=family)
        .select_related("created_by")
        .prefetch_related(Prefetch("patterns", queryset=PatternElement.objects.only("id")))
    )
    help_episodes = list(HelpEpisode.objects.filter(family=family).select_related("created_by"))
    backgrounds = list(Background.objects.filter(family=family))
    concerns = list(ConcernOrStrength.objects.filter(family=family))
    dangers = list(DangerStatement.objects.filter(family=family))
    elements = list(
        PatternElement.objects.filter(family=family)
        .select_related("created_by")
        .prefetch_related(Prefetch("members", queryset=Person.objects.only("id", "first_name", "last_name")))
    )
    element_by_id = {e.pk: e for e in elements}
    for element in elements:
        element.cited = []
        element.recurrence = 0
    for event in events:
        for linked in event.patterns.all():
            element = element_by_id.get(linked.pk)
            if element is not None:
                element.cited.append(event)
                element.recurrence += event.kind == "incident"  # R253: how often the pattern recurs
    for episode in help_episodes:
        episode.target_element = element_by_id.get(episode.targets_id) if episode.targets_id else None
    goals = list(
        Goal.objects.filter(family=family).prefetch_related(
            Prefetch("progress_log", queryset=GoalProgress.objects.select_related("recorded_by"))
        )
    )
    concern_by_id = {c.pk: c for c in concerns}
    for goal in goals:
        if goal.pattern_element_id:
            goal.pattern_element = element_by_id.get(goal.pattern_element_id)
        if goal.concern_id:
            goal.concern = concern_by_id.get(goal.concern_id)
    screening = list(ScreeningItem.objects.filter(family=family))
    endorsements = list(PlanEndorsement.objects.filter(family=family).select_related("created_by"))
    functions = list(RelationalFunction.objects.filter(family=family))
    questionnaires = list(ParentingQuestionnaire.objects.filter(family=family))
    for row in (
        *events,
        *help_episodes,
        *backgrounds,
        *concerns,
        *elements,
        *screening,
        *endorsements,
        *questionnaires,
    ):
        if row.person_id:
            row.person = by_id.get(row.person_id)
    for function in functions:
        function.from_person = by_id.get(function.from_person_id)
        function.to_person = by_id.get(function.to_person_id)
    help_by_person: dict = {}
    for episode in help_episodes:  # R139: person profiles link to the help overview, no copies
        if episode.person_id:
            help_by_person.setdefault(episode.person_id, []).append(episode)
    for background in backgrounds:
        background.help = help_by_person.get(background.person_id, [])
    plan = FamilyPlan.objects.filter(family=family).first()
    versions = list(
        FamilyPlanVersion.objects.filter(document__family=family)
        .select_related("author")
        .order_by("-number")[:versions_limit]
    )
    case = Case.objects.filter(family=family, status=CaseStatus.OPEN, removed_at__isnull=True).first()
    visible_matching = can_see_matching(user)
    return AnalysisPage(
        family,
        analysis,
        persons,
        relationships,
        events,
        help_episodes,
        backgrounds,
        concerns,
        dangers,
        elements,
        goals,
        plan,
        versions,
        case_reason=case.reason if case else "",
        flags=repetition_flags(help_episodes, events),
        case=case,
        network=list(NetworkMember.objects.filter(family=family)),
        screening=screening,
        reviews=list(LifeDomainReview.objects.filter(family=family)),
        endorsements=endorsements,
        functions=functions,
        can_see_matching=visible_matching,
        matching=MatchingNote.objects.filter(family=family).first() if visible_matching else None,
        contact_notes=list(ContactNote.objects.filter(family=family)[:50]),
        instrument_uses=list(InstrumentUse.objects.filter(family=family)),
        questionnaires=questionnaires,
        intake_tasks=list(IntakeTask.objects.filter(family=family).select_related("professional")),
        risk_assessment=RiskAssessment.objects.filter(case__family=family).order_by("-assessed_on").first(),
        safety_assessment=SafetyAssessment.objects.filter(case__family=family).order_by("-assessed_on").first(),
        weighing=Weighing.objects.filter(case__family=family).order_by("-held_on", "-created_at").first(),
    )


def version(*, family: Family, number: int) -> FamilyPlanVersion | None:
    return FamilyPlanVersion.objects.filter(document__family=family, number=number).select_related("author").first()


def handover_warnings(*, family: Family) -> list[str]:
    """R060: what a handover or export of the family plan lacks (the timeline or the help history is empty).

    For the handover screen of the cases app; two queries.
    """
    from django.utils.translation import gettext as _  # noqa: PLC0415

    warnings = []
    if not TimelineEvent.objects.filter(family=family).exists():
        warnings.append(_("De tijdlijn is nog leeg: een schone overdracht bevat de hele voorgeschiedenis."))
    if not HelpEpisode.objects.filter(family=family).exists():
        warnings.append(_("De hulpverleningsgeschiedenis is nog leeg: leg eerdere en huidige hulp vast."))
    return warnings


def families_with_undiscussed_timeline(*, user):
    """R235: the visible families that have a timeline that was not yet discussed with the family."""
    from gezinsplan.core import policy  # noqa: PLC0415

    return (
        policy.visible_families(user)
        .filter(timeline_events__removed_at__isnull=True)
        .exclude(analysis__timeline_discussed_on__isnull=False)
        .distinct()
        .order_by("name", "id")
    )


def currency_gaps(*, analysis, risk, safety) -> list[str]:
    """R597: what keeps the family plan from being current: a risk assessment and a safety assessment updated
    within `plan_current_months`, and a feasible end situation."""
    from datetime import timedelta  # noqa: PLC0415

    from django.conf import settings  # noqa: PLC0415
    from django.utils.translation import gettext as _  # noqa: PLC0415

    from gezinsplan.core import policy  # noqa: PLC0415

    months = settings.GEZINSPLAN_METHOD.get("plan_current_months", 6)
    since = policy.today() - timedelta(days=round(months * 30.44))
    gaps = []
    if risk is None or risk.assessed_on < since:
        gaps.append(_("Geen (ARIJ-)risicotaxatie van de afgelopen %(months)d maanden.") % {"months": months})
    if safety is None or safety.assessed_on < since:
        gaps.append(_("Geen veiligheidstaxatie van de afgelopen %(months)d maanden.") % {"months": months})
    if analysis is None or not analysis.has_end_situation:
        gaps.append(_("Er is nog geen haalbare eindsituatie."))
    return gaps


def plan_currency(*, family: Family) -> list[str]:
    """R597 for other screens (handover, closure): empty when the family plan is current. Three queries."""
    return currency_gaps(
        analysis=FamilyAnalysis.objects.filter(family=family).first(),
        risk=RiskAssessment.objects.filter(case__family=family).order_by("-assessed_on").first(),
        safety=SafetyAssessment.objects.filter(case__family=family).order_by("-assessed_on").first(),
    )


FUNNEL = ("reason", "situation", "help", "pattern", "end_situation")


def funnel_warnings(*, family: Family, step: str) -> list[str]:
    """R136: the analysis follows the funnel aanleiding -> situation -> help -> pattern -> end situation; a later
    step warns when an earlier one is still empty."""
    from django.utils.translation import gettext as _  # noqa: PLC0415

    if step not in FUNNEL:
        return []
    analysis = FamilyAnalysis.objects.filter(family=family).first()
    filled = {
        "reason": bool(
            analysis and (analysis.reason.strip() or analysis.first_event.strip() or analysis.family_question.strip())
        ),
        "situation": TimelineEvent.objects.filter(family=family).exists(),
        "help": HelpEpisode.objects.filter(family=family).exists(),
        "pattern": PatternElement.objects.filter(family=family).exists(),
    }
    labels = {
        "reason": _("de aanleiding (eerste, laatste en ergste gebeurtenis)"),
        "situation": _("de situatiebeschrijving op de tijdlijn"),
        "help": _("de hulp (wat werkte en wat niet)"),
        "pattern": _("het patroon"),
    }
    earlier = FUNNEL[: FUNNEL.index(step)]
    empty = [str(labels[s]) for s in earlier if not filled[s]]
    if not empty:
        return []
    return [_("Volg de trechter: eerder in de analyse is nog leeg: %(steps)s.") % {"steps": ", ".join(empty)}]


def families_missing_genogram_timeline(*, user) -> list[dict]:
    """R252: visible families in a municipality that requires a genogram and timeline for every family, lacking
    either. A fixed number of queries (annotated counts)."""
    from django.conf import settings  # noqa: PLC0415
    from django.db.models import Count, Exists, OuterRef, Q  # noqa: PLC0415

    from gezinsplan.core import policy  # noqa: PLC0415

    names = settings.GEZINSPLAN_METHOD.get("genogram_timeline_required_municipalities", [])
    families = (
        policy.visible_families(user)
        .filter(municipality__name__in=names)
        .annotate(
            person_count=Count("persons", filter=Q(persons__removed_at__isnull=True), distinct=True),
            has_relationship=Exists(Relationship.objects.filter(family=OuterRef("pk"), removed_at__isnull=True)),
            has_timeline=Exists(TimelineEvent.objects.filter(family=OuterRef("pk"), removed_at__isnull=True)),
        )
        .select_related("municipality")
        .order_by("name", "id")
    )
    rows = []
    for family in families:
        genogram = family.person_count > 1 and family.has_relationship
        if not (genogram and family.has_timeline):
            rows.append({"family": family, "genogram": genogram, "timeline": family.has_timeline})
    return rows


def handover_report_gaps(*, family: Family) -> list[str]:
    """R581/R597: what a handover or closure report of the family plan still lacks: the facts per life domain,
    the reasons behind earlier steps (decisions on the timeline, with their reasons), the help used before with its
    result, and a current plan. Empty means the report can be made. A fixed number of queries."""
    from django.utils.translation import gettext as _  # noqa: PLC0415

    from gezinsplan.analysis.models import DomainReviewStatus, EventKind  # noqa: PLC0415
    from gezinsplan.analysis.services import configured_life_domains  # noqa: PLC0415

    gaps = []
    done = set(
        LifeDomainReview.objects.filter(family=family)
        .exclude(status=DomainReviewStatus.OPEN)
        .values_list("domain", flat=True)
    )
    missing = [str(LifeDomain(d).label) for d in configured_life_domains() if d not in done]
    if missing:
        gaps.append(_("Feiten per leefgebied ontbreken nog voor: %(domains)s.") % {"domains": ", ".join(missing)})
    decisions = TimelineEvent.objects.filter(family=family, kind=EventKind.DECISION)
    if not decisions.exists() or decisions.filter(description="").exists():
        gaps.append(_("Leg de overwegingen achter eerdere stappen vast: besluiten op de tijdlijn, met hun reden."))
    past = HelpEpisode.objects.filter(family=family)
    if not past.exists() or past.exclude(ending="ongoing").filter(result="").exists():
        gaps.append(_("Leg de eerder ingezette hulp vast, met het resultaat."))
    return gaps + plan_currency(family=family)


def endorsement_gaps(*, family: Family) -> list[Person]:
    """R516 for the cases app: the members of the family system who do not (yet) stand behind the latest version
    of the family plan; moving from work phase 1 to 2 should warn while this is not empty. Three queries."""
    plan = FamilyPlan.objects.filter(family=family).select_related("current").first()
    number = plan.current.number if plan and plan.current else None
    agreed = set(PlanEndorsement.objects.filter(family=family, version_number=number, stance=Stance.AGREES)
                 .values_list("person_id", flat=True)) if number else set()
    return [p for p in Person.objects.filter(family=family) if p.family_role in SYSTEM_ROLES and p.pk not in agreed]
