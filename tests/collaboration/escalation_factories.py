"""Factories for escalation, partners and learning together (rows made directly)."""

import datetime as dt

import factory

from gezinsplan.collaboration.models import Escalation
from tests.factories import OrganisationFactory


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalation

    family = factory.LazyAttribute(lambda o: o.case.family)
    situation = 1
    level = 1
    description = "Verschil van visie op de vervolghulp"
    other_organisation = factory.SubFactory(OrganisationFactory, type="gi")
    family_informed = factory.LazyFunction(lambda: f"Vooraf, {dt.date.today():%d-%m-%Y}")
