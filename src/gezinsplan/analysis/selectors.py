"""What the analysis screens need, in a fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from gezinsplan.analysis.models import (
    Background,
    ConcernKind,
    ConcernOrStrength,
    DangerStatement,
    FamilyAnalysis,
    FamilyPlan,
    FamilyPlanVersion,
    Goal,
    GoalProgress,
    HelpEpisode,
    PatternElement,
    TimelineEvent,
)
from gezinsplan.analysis.repetition import RepetitionFlag, repetition_flags
from gezinsplan.cases.models import Case, CaseStatus
from gezinsplan.families.models import Family, Person, Relationship

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


def analysis_page(*, family: Family, versions_limit: int = 20) -> AnalysisPage:
    """Everything the family-plan page shows, in a constant number of queries."""
    persons = list(Person.objects.filter(family=family))
    by_id = {p.pk: p for p in persons}
    relationships = list(Relationship.objects.filter(family=family))
    for rel in relationships:
        rel.from_person = by_id.get(rel.from_person_id) or rel.from_person
        rel.to_person = by_id.get(rel.to_person_id) or rel.to_person
    analysis = FamilyAnalysis.objects.filter(family=family).first()
    events = list(TimelineEvent.objects.filter(family=family).select_related("created_by"))
    help_episodes = list(HelpEpisode.objects.filter(family=family))
    backgrounds = list(Background.objects.filter(family=family))
    concerns = list(ConcernOrStrength.objects.filter(family=family))
    dangers = list(DangerStatement.objects.filter(family=family))
    elements = list(PatternElement.objects.filter(family=family))
    element_by_id = {e.pk: e for e in elements}
    goals = list(Goal.objects.filter(family=family).prefetch_related(
        Prefetch("progress_log", queryset=GoalProgress.objects.select_related("recorded_by"))))
    for goal in goals:
        if goal.pattern_element_id:
            goal.pattern_element = element_by_id.get(goal.pattern_element_id)
    for row in (*events, *help_episodes, *backgrounds, *concerns, *elements):
        if row.person_id:
            row.person = by_id.get(row.person_id)
    plan = FamilyPlan.objects.filter(family=family).first()
    versions = list(FamilyPlanVersion.objects.filter(document__family=family).select_related("author")
                    .order_by("-number")[:versions_limit])
    case = Case.objects.filter(family=family, status=CaseStatus.OPEN, removed_at__isnull=True).first()
    return AnalysisPage(family, analysis, persons, relationships, events, help_episodes, backgrounds, concerns,
                        dangers, elements, goals, plan, versions, case_reason=case.reason if case else "",
                        flags=repetition_flags(help_episodes, events))


def version(*, family: Family, number: int) -> FamilyPlanVersion | None:
    return (FamilyPlanVersion.objects.filter(document__family=family, number=number).select_related("author")
            .first())


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

    return (policy.visible_families(user)
            .filter(timeline_events__removed_at__isnull=True)
            .exclude(analysis__timeline_discussed_on__isnull=False)
            .distinct().order_by("name", "id"))
