"""Factories for working together (rows made directly; services are tested in their own tests)."""

import datetime as dt

import factory

from gezinsplan.accounts.constants import Role
from gezinsplan.collaboration.models import Agreement, Barrier, CoreDecision, Meeting, MeetingKind
from tests.factories import TeamFactory, UserFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    family = factory.LazyAttribute(lambda o: o.case.family)
    kind = MeetingKind.NETWORK
    planned_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=7))


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    family = factory.LazyAttribute(lambda o: o.case.family)
    what = "Huisbezoek plannen"
    who_name = "Moeder"
    due_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=14))


class CoreDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoreDecision

    family = factory.LazyAttribute(lambda o: o.case.family)
    kind = "safety"
    decided_on = factory.LazyFunction(dt.date.today)
    decision = "Veiligheidsplan met bodemeisen"
    forum_team = factory.SubFactory(TeamFactory)
    behavioural_scientist = factory.SubFactory(UserFactory, role=Role.BEHAVIOURAL_SCIENTIST)
    advice = "Bodemeisen vastleggen"
    advice_followed = True
    justification = "Het advies past bij de analyse."


class BarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Barrier

    family = factory.LazyAttribute(lambda o: o.case.family)
    kind = "focus"
    description = "Verschil in focus tussen lokaal team en GI"
    raised_by = factory.SubFactory(UserFactory)
    raised_on = factory.LazyFunction(dt.date.today)
