"""Who must give consent for a child, by age (R159): a pure function over plain facts, so it is testable row by row.

| age of the child | who gives consent                                   |
|------------------|-----------------------------------------------------|
| under 12         | the parents with custody (gezag)                    |
| 12 to 15         | the parents with custody and the young person       |
| 16 and over      | the young person alone                              |

A parent without custody, or a child under 12, can never give consent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

YOUTH_ALSO_AGE = 12
YOUTH_ALONE_AGE = 16


@dataclass(frozen=True)
class ChildFacts:
    id: object
    name: str
    age: int | None
    custodians: frozenset  # ids of the persons with custody over this child


def category(age: int) -> str:
    if age < YOUTH_ALSO_AGE:
        return "parents"
    if age < YOUTH_ALONE_AGE:
        return "parents_and_youth"
    return "youth"


def required_givers(child: ChildFacts) -> frozenset:
    kind = category(child.age)
    if kind == "parents":
        return child.custodians
    if kind == "parents_and_youth":
        return child.custodians | {child.id}
    return frozenset({child.id})


def giver_problems(*, children: Iterable[ChildFacts], givers: Iterable, names: Mapping) -> list[str]:
    """What is wrong with this set of givers for these children; empty when the consent is complete and valid."""
    children = list(children)
    givers = set(givers)
    problems: list[str] = []
    child_ids = {c.id for c in children}
    all_custodians = frozenset().union(*(c.custodians for c in children)) if children else frozenset()
    ages = {c.id: c.age for c in children}
    for giver in sorted(givers, key=lambda g: str(names.get(g, g))):
        name = names.get(giver, "?")
        if giver in child_ids:
            if ages[giver] is not None and ages[giver] < YOUTH_ALSO_AGE:
                problems.append(_("%(name)s is jonger dan 12 en kan niet zelf toestemming geven: dat doen de "
                                  "ouders met gezag.") % {"name": name})
        elif giver not in all_custodians:
            problems.append(_("%(name)s heeft geen gezag en kan daarom geen toestemming geven.") % {"name": name})
    for child in children:
        problems += missing_for_child(child, givers=givers, names=names)
    return problems


def missing_for_child(child: ChildFacts, *, givers: set, names: Mapping) -> list[str]:
    """Whose consent is still missing for one child (extra givers are not this function's concern)."""
    if child.age is None:
        return [_("De geboortedatum van %(child)s is onbekend: vul die eerst in, de leeftijd bepaalt wie "
                  "toestemming geeft.") % {"child": child.name}]
    if category(child.age) != "youth" and not child.custodians:
        return [_("Bij %(child)s is niet vastgelegd wie het gezag heeft: leg bij de relaties vast welke ouder gezag "
                  "heeft.") % {"child": child.name}]
    missing = required_givers(child) - givers
    if not missing:
        return []
    who = ", ".join(sorted(str(names.get(m, "?")) for m in missing))
    return [_("Toestemming voor %(child)s (%(age)s jaar) ontbreekt van: %(who)s.")
            % {"child": child.name, "age": child.age, "who": who}]


def rule_text(age: int | None) -> str:
    if age is None:
        return _("leeftijd onbekend")
    return {
        "parents": _("jonger dan 12: de ouders met gezag"),
        "parents_and_youth": _("12 tot 16: de ouders met gezag én de jongere"),
        "youth": _("16 of ouder: de jongere zelf"),
    }[category(age)]
