"""Factories for consent, disclosures and the weighing of professional secrecy."""

import datetime as dt

import factory

from gezinsplan.privacy.models import ConfidentialityBreach, Consent, Disclosure
from tests.factories import FamilyFactory


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent
        skip_postgeneration_save = True

    family = factory.SubFactory(FamilyFactory)
    information = "verslag van het huisbezoek"
    recipient = "Zorgaanbieder Beter Thuis"
    purpose = "aanmelding voor gezinsbehandeling"
    form = "oral"
    given_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=2))
    explained = "Ik wil graag overleggen met Beter Thuis over de aanmelding, zodat de hulp kan starten."
    withdrawal_explained = True

    @factory.post_generation
    def children(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.children.set(extracted)

    @factory.post_generation
    def given_by(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.given_by.set(extracted)


class BreachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConfidentialityBreach

    family = factory.SubFactory(FamilyFactory)
    decided_on = factory.LazyFunction(dt.date.today)
    why_no_consent = "Vader is onbereikbaar en er is acuut gevaar."
    weighing = "Het belang van de veiligheid van de kinderen weegt zwaarder dan het beroepsgeheim."
    consulted_colleague = True
    consulted_names = "Collega J. (casusregisseur)"
    data_provided = "de veiligheidsafspraken"
    recipient = "Veilig Thuis"
    purpose = "onderzoek naar de veiligheid"


class DisclosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disclosure

    family = factory.SubFactory(FamilyFactory)
    counterpart = "Huisarts"
    information = "de zorgen over de gezondheid"
    purpose = "afstemming"
    occurred_on = factory.LazyFunction(dt.date.today)
    basis = "direct_involvement"
    basis_explanation = "De huisarts behandelt het kind."
    family_informed_on = factory.LazyFunction(dt.date.today)
    family_informed_how = "mondeling"
