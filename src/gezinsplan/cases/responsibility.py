"""Who leads (regie) and who assesses safety: derived from phase and products, never typed in (table 2, seed 000).

| phase                    | lead | safety | the other party                                   |
|--------------------------|------|--------|---------------------------------------------------|
| lt (LT alone)            | LT   | LT     | GI: at most anonymous advice (product 1)          |
| lt_gi with product 2a    | LT   | LT     | GI advises and supports (25 h per indication)     |
| lt_gi with product 2b    | GI   | GI     | LT supports and stays involved                    |
| measure (GI measure)     | GI   | GI     | LT in the background / other life domains         |
| lt_after                 | LT   | LT     | GI in the background, possibly with 2a            |

A family with children both with and without a measure: the GI leads; the LT organises help for the children
without a measure, only when the parents agree (R035).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.accounts.constants import OrganisationType
from gezinsplan.cases.models import Case, Phase, ProductKind


class Party(models.TextChoices):
    LT = "lt", _("lokaal team")
    GI = "gi", _("gecertificeerde instelling")


PARTY_ORGANISATION_TYPE = {Party.LT: OrganisationType.LOCAL_TEAM, Party.GI: OrganisationType.GI}


@dataclass(frozen=True)
class Responsibility:
    lead: Party
    safety: Party
    lt_task: str
    gi_task: str
    rule_ids: tuple[str, ...]


def derive(*, phase: str, active_products: frozenset[str], children_with_measure: int = 0,
           children_without_measure: int = 0, safety_with_gi: bool = False) -> Responsibility:
    """The pure function behind table 2: phase and products in, lead and safety responsibility out.

    R102: with a preventive youth-protection track agreed at the JBT (`safety_with_gi`) the regie is split per
    domain in the voluntary phases: the GI holds the regie on the child's safety, the LT on the other domains."""
    result = _derive(phase=phase, active_products=active_products, children_with_measure=children_with_measure,
                     children_without_measure=children_without_measure)
    if safety_with_gi and phase != Phase.MEASURE and result.safety == Party.LT:
        return Responsibility(Party.LT, Party.GI, _("regie op de andere leefgebieden"),
                              _("regie op de veiligheid van het kind (preventief jeugdbeschermingstraject)"),
                              (*result.rule_ids, "R102"))
    return result


def _derive(*, phase: str, active_products: frozenset[str], children_with_measure: int,
            children_without_measure: int) -> Responsibility:
    if phase == Phase.LT:
        return Responsibility(Party.LT, Party.LT, _("regie en veiligheidstaxatie"),
                              _("hooguit anoniem advies (product 1)"), ("R025", "R033"))
    if phase == Phase.LT_GI:
        if ProductKind.P2B in active_products:
            return Responsibility(Party.GI, Party.GI, _("ondersteunt en blijft betrokken"),
                                  _("casusregie en eindverantwoordelijk voor de veiligheidstaxatie"),
                                  ("R033", "R051"))
        return Responsibility(Party.LT, Party.LT, _("regie en verantwoordelijk voor de veiligheidstaxatie"),
                              _("adviseert en ondersteunt (product 2a)"), ("R033", "R051"))
    if phase == Phase.MEASURE:
        if children_without_measure and children_with_measure:
            return Responsibility(Party.GI, Party.GI,
                                  _("organiseert hulp voor de kinderen zonder maatregel, als de ouders instemmen"),
                                  _("regie en aanspreekpunt voor het gezin"), ("R035",))
        return Responsibility(Party.GI, Party.GI, _("op de achtergrond of voor andere leefgebieden"),
                              _("regie en veiligheidstaxatie (maatregel)"), ("R022", "R033"))
    return Responsibility(Party.LT, Party.LT, _("regie en veiligheidstaxatie na de maatregel"),
                          _("op de achtergrond, eventueel met product 2a"), ("R023", "R033"))


def in_force(indication, day: date) -> bool:
    """Whether an indication is in force on a day. A 2b stays in force past its planned end date until its end is
    recorded as an event with a reason, so the lead never falls back to the LT silently."""
    if indication.removed_at is not None or indication.starts_on > day:
        return False
    if indication.kind == ProductKind.P2B and not indication.end_reason:
        return True
    return indication.ends_on is None or indication.ends_on >= day


def active_products(case: Case, *, on: date | None = None) -> frozenset[str]:
    """Products in force on a day. Uses `case.indications.all()` so a prefetch serves it."""
    from gezinsplan.core.policy import today

    day = on or today()
    return frozenset(i.kind for i in case.indications.all() if in_force(i, day))


def case_responsibility(case: Case, *, on: date | None = None) -> Responsibility:
    from gezinsplan.core.policy import today
    from gezinsplan.families.models import FamilyRole

    day = on or today()
    cached = getattr(case, "_responsibility_cache", None)
    if cached is not None and cached[0] == day:
        return cached[1]
    measured = {m.child_id for m in case.measures.all() if m.removed_at is None and m.starts_on <= day
                and (m.ended_on is None or m.ended_on >= day)}
    children = [p for p in case.family.persons.all() if p.family_role == FamilyRole.CHILD]
    result = derive(phase=case.phase, active_products=active_products(case, on=day),
                    children_with_measure=len(measured),
                    children_without_measure=len([c for c in children if c.pk not in measured]),
                    safety_with_gi=bool(case.safety_regie_gi_since and case.safety_regie_gi_since <= day))
    remember(case, result, on=day)
    return result


def remember(case: Case, responsibility: Responsibility, *, on: date) -> None:
    """Keep the derived responsibility on the case object for this request (a page asks several times)."""
    case._responsibility_cache = (on, responsibility)


def party_of(organisation) -> Party | None:
    for party, org_type in PARTY_ORGANISATION_TYPE.items():
        if organisation is not None and organisation.type == org_type:
            return party
    return None


def is_safety_responsible(*, user, case: Case, involvements=None) -> bool:
    """Issue 5: the safety assessment is made by whoever holds the safety responsibility in this phase.
    `involvements`: the case's active involvements with their organisation, when the page has them already."""
    from gezinsplan.core.policy import active_involvements

    org_type = PARTY_ORGANISATION_TYPE[case_responsibility(case).safety]
    if involvements is not None:
        return any(i.user_id == user.pk and i.organisation.type == org_type for i in involvements)
    return active_involvements().filter(case=case, user=user, organisation__type=org_type).exists()
