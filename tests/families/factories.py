"""Rows of a family's situation over time, written directly (for the URL walker and tests)."""

import datetime as dt

from gezinsplan.families.models import (
    CareArrangement,
    ChildPerspective,
    FinancialAdministrator,
    PersonResidence,
    SafetyContribution,
    WordsAndPicturesStory,
)


def residence(world):
    return PersonResidence.objects.create(family=world["family"], person=world["parent"], kind="registration",
                                          municipality=world["family"].municipality, since=dt.date(2020, 1, 1))


def arrangement(world):
    row = CareArrangement.objects.create(family=world["family"], child=world["child"], kind="with_one_parent",
                                         starts_on=dt.date(2024, 1, 1), conditions="vader trekt niet in")
    row.adults.set([world["parent"]])
    return row


def administrator(world):
    return FinancialAdministrator.objects.create(family=world["family"], name="Bewind BV",
                                                 appointed_on=dt.date(2023, 5, 1))


def perspective(world):
    return ChildPerspective.objects.create(family=world["family"], child=world["child"], own_story="verhaal",
                                           heard_how="gesprek", heard_on=dt.date(2024, 2, 1))


def contribution(world):
    return SafetyContribution.objects.create(family=world["family"], person=world["parent"],
                                             contribution="haalt op van school", recorded_on=dt.date(2024, 2, 1))


def story(world):
    row = WordsAndPicturesStory.objects.create(family=world["family"], title="Wat er gebeurde")
    row.children.set([world["child"]])
    return row
