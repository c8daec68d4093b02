"""factory_boy factories for the analysis app."""

import datetime as dt

import factory

from gezinsplan.analysis.models import (
    Background,
    ConcernOrStrength,
    ContactNote,
    DangerStatement,
    FamilyAnalysis,
    FamilyPlan,
    FamilyPlanVersion,
    Goal,
    HelpEpisode,
    InstrumentUse,
    IntakeTask,
    LifeDomainReview,
    MatchingNote,
    ParentingQuestionnaire,
    PatternElement,
    PlanEndorsement,
    RelationalFunction,
    ScreeningItem,
    TimelineEvent,
)
from tests.factories import FamilyFactory, OrganisationFactory


class TimelineEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineEvent

    family = factory.SubFactory(FamilyFactory)
    occurred_on = dt.date(2015, 3, 1)
    kind = "report"
    title = "Melding Veilig Thuis"
    source = "dossier Veilig Thuis"


class HelpEpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpEpisode

    family = factory.SubFactory(FamilyFactory)
    provider = "GGZ Westland"
    offer = "Ambulante behandeling"
    started_on = dt.date(2016, 1, 1)
    ended_on = dt.date(2016, 6, 1)
    reason = "Middelengebruik moeder"
    life_domain = "gezondheid_ouders"
    ending = "ended_early"
    result = "Voortijdig gestopt, geen resultaat"


class BackgroundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Background

    family = factory.SubFactory(FamilyFactory)
    relationships = "Opgegroeid in jeugdzorginstellingen"


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernOrStrength

    family = factory.SubFactory(FamilyFactory)
    kind = "concern"
    text = "Moeder laat de kinderen 's nachts alleen thuis"


class DangerStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DangerStatement

    family = factory.SubFactory(FamilyFactory)
    text = "Wij zijn bang dat de kinderen 's nachts zonder toezicht iets overkomt."


class PatternElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PatternElement

    family = factory.SubFactory(FamilyFactory)
    kind = "parent_behaviour"
    text = "Moeder werkt in het begin mee en trekt zich daarna terug"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    family = factory.SubFactory(FamilyFactory)
    what = "Moeder blijft in behandeling bij de verslavingszorg"
    measurable = "Zes maanden geen terugval, gemeten met urinecontroles"
    who = "Milena met de verslavingszorg"
    when = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=180))
    progress = 20
    pattern_element = factory.SubFactory(PatternElementFactory, family=factory.SelfAttribute("..family"))


def analysis_for(family, **values) -> FamilyAnalysis:
    analysis, _created = FamilyAnalysis.objects.get_or_create(
        family=family, defaults={"started_by_organisation": OrganisationFactory(), **values}
    )
    FamilyPlan.objects.get_or_create(family=family)
    return analysis


def published_version(family, user) -> FamilyPlanVersion:
    analysis_for(family)
    plan = FamilyPlan.objects.get(family=family)
    number = (plan.current.number + 1) if plan.current else 1
    version = FamilyPlanVersion.objects.create(document=plan, number=number, content={"analysis": {}}, author=user)
    plan.current = version
    plan.save(update_fields=["current"])
    return version


class ScreeningItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScreeningItem

    family = factory.SubFactory(FamilyFactory)
    category = "debts"
    result = "present"
    referral = "Schuldhulpverlening gemeente"


class LifeDomainReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifeDomainReview

    family = factory.SubFactory(FamilyFactory)
    domain = "huisvesting"
    status = "reviewed"
    facts = "Huurachterstand van drie maanden"


class RelationalFunctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelationalFunction

    family = factory.SubFactory(FamilyFactory)
    connectedness = "Sterk verbonden"
    hierarchy = "Moeder zet weinig grenzen"


class MatchingNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchingNote

    family = factory.SubFactory(FamilyFactory)
    approach = "Eerst de zorg van moeder erkennen"


class ContactNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactNote

    family = factory.SubFactory(FamilyFactory)
    held_on = dt.date(2026, 1, 5)
    summary = "Huisbezoek"
    ffp_aims = ["increase_hope"]


class InstrumentUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstrumentUse

    family = factory.SubFactory(FamilyFactory)
    instrument = "ZRM"
    used_on = dt.date(2026, 1, 5)
    outcome = "Financiën: acuut probleem"


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentingQuestionnaire

    family = factory.SubFactory(FamilyFactory)
    completed_on = dt.date(2026, 1, 5)
    responsiveness = 40
    basic_needs = 20
    second_environment = 10


def endorsement(family, user, person) -> PlanEndorsement:
    version = published_version(family, user)
    return PlanEndorsement.objects.create(family=family, version_number=version.number, person=person, stance="agrees")


def intake_task(family, user) -> IntakeTask:
    return IntakeTask.objects.filter(family=family).first() or IntakeTask.objects.create(
        family=family, professional=user, created_by=user
    )
