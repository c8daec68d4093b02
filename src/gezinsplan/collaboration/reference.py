"""Reference data of working together (seeds 000, 002, 003 and 004): fixed lists that every organisation shares.

They are code, not tables, so that no organisation can add its own synonym as a separate value (R302). Labels are
Dutch through gettext; the stored codes are stable English slugs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def method_setting(name: str, default):
    """A number of the method: `settings.GEZINSPLAN_METHOD[name]`, the seed's value as default."""
    return getattr(settings, "GEZINSPLAN_METHOD", {}).get(name, default)


# --- R306: the four core values of the GVJB network (seed 002, Bouwsteen 1) ---------------------------------------

class CoreValue(models.TextChoices):
    TRUST = "trust", _("Wij werken vanuit vertrouwen en partnerschap")
    TRANSPARENT = "transparent", _("Wat wij doen met en voor een gezin is duidelijk, navolgbaar en transparant")
    EVERYONE = "everyone", _("Wij zien in een gezin alle kinderen en opvoeders met hun geschiedenis")
    LEARNING = "learning", _("Wij leren door samen te reflecteren")


# R305: the standard prompts per core value.
CORE_VALUE_PROMPTS = (
    _("Wat zou deze kernwaarde betekenen in uw dagelijkse werk?"),
    _("Wanneer zou het lastig zijn om deze kernwaarde consequent toe te passen?"),
)


def validate_core_values(values) -> list[str]:
    """The given codes, checked against the fixed list; raises ValueError on an unknown code."""
    values = list(values or [])
    unknown = set(values) - set(CoreValue.values)
    if unknown:
        raise ValueError(sorted(unknown))
    return values


# --- R572, R586: partner organisation types (seed 003, 'Samenwerkingspartners') ----------------------------------

class PartnerType(models.TextChoices):
    DISTRICT_TEAM = "district_team", _("wijkteam of jeugdteam")
    YOUTH_CARE = "youth_care", _("jeugdhulpaanbieder")
    ADULT_CARE = "adult_care", _("volwassenenzorg, ook GGZ voor volwassenen")
    JBT = "jbt", _("jeugdbeschermingstafel")
    EDUCATION = "education", _("onderwijs")
    GP = "gp", _("huisarts")
    POLICE = "police", _("politie")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    RVDK = "rvdk", _("Raad voor de Kinderbescherming")
    DEBT_RELIEF = "debt_relief", _("schuldhulpverlening")
    WMO = "wmo", _("Wmo")
    HOUSING = "housing", _("huisvestingsbemiddeling")
    OTHER = "other", _("anders")


# R586: the livelihood (bestaanszekerheid) services.
LIVELIHOOD_PARTNERS = frozenset({PartnerType.DEBT_RELIEF, PartnerType.WMO, PartnerType.HOUSING})


# --- R618: network methods (seed 004, 2.2) ------------------------------------------------------------------------

class NetworkMethod(models.TextChoices):
    SIGNS_OF_SAFETY = "signs_of_safety", _("Signs of Safety")
    EIGEN_KRACHT = "eigen_kracht", _("Eigen Kracht-conferentie")
    FAMILIENETWERKBERAAD = "fnb", _("FamilieNetwerkBeraad")
    OWN_APPROACH = "own", _("eigen aanpak: plan van de jeugdbeschermer met gezin en netwerk")
    OTHER = "other", _("anders")


# --- R697: meeting formats and who chairs them (seed 004, Bijlage 5) --------------------------------------------

class MeetingFormat(models.TextChoices):
    FAMILIEBERAAD = "familieberaad", _("Familieberaad (gezin, netwerk en professionals)")
    RONDETAFEL = "rondetafel", _("Rondetafel (gezin, netwerk en instanties)")
    TEAMTAFEL = "teamtafel", _("Teamtafel (fysiek overleg van één beschermingsteam)")


class ChairKind(models.TextChoices):
    PROTECTOR = "protector", _("de jeugdbeschermer")
    FACILITATOR = "facilitator", _("een onafhankelijke facilitator")
    CASE_DIRECTOR = "case_director", _("de casusregisseur")


CHAIR_RULES: dict[str, frozenset[str]] = {
    MeetingFormat.FAMILIEBERAAD: frozenset({ChairKind.PROTECTOR, ChairKind.FACILITATOR}),
    MeetingFormat.RONDETAFEL: frozenset({ChairKind.PROTECTOR}),
    MeetingFormat.TEAMTAFEL: frozenset({ChairKind.CASE_DIRECTOR}),
}


# --- R406: tables (seed 002, Bouwsteen 4) ------------------------------------------------------------------------

class TableType(models.TextChoices):
    JBT = "jbt", _("Jeugdbeschermingstafel (JBT)")
    RET = "ret", _("Regionaal Expertteam (RET)")
    MDA = "mda", _("MDA++ (integrale gezinshulp bij transgenerationeel huiselijk geweld)")
    MDO = "mdo", _("MDO in het eigen (lokale) team")


@dataclass(frozen=True)
class TableInfo:
    type: str
    purpose: str
    question: str


TABLES = (
    TableInfo(TableType.JBT, _("Toetsen of een kinderbeschermingsmaatregel nodig is, met gezin en betrokkenen aan "
                               "tafel."),
              _("Is vrijwillige hulp niet meer genoeg en is een onderzoek of maatregel nodig?")),
    TableInfo(TableType.RET, _("Advies over een passende plek of zorg als de reguliere route is vastgelopen."),
              _("Vinden we geen passende hulp voor een jeugdige met een complexe zorgvraag?")),
    TableInfo(TableType.MDA, _("Integrale gezinshulp waar huiselijk geweld over generaties heen speelt."),
              _("Is er structureel of transgenerationeel huiselijk geweld dat een multidisciplinaire aanpak "
                "vraagt?")),
    TableInfo(TableType.MDO, _("Het eigen multidisciplinair overleg van het team: casuïstiek, kernbesluiten en "
                               "afwegingen."),
              _("Wil het team zelf een besluit nemen of een casus met collega's en de gedragswetenschapper "
                "wegen? De JBT vervangt dit overleg niet.")),
)


# --- R338: specialised expertise (seed 002, Bouwsteen 3) ---------------------------------------------------------

class Expertise(models.TextChoices):
    ADDICTION = "addiction", _("verslaving")
    PSYCHIATRY = "psychiatry", _("psychiatrie")
    TRAUMA = "trauma", _("trauma")
    ATTACHMENT = "attachment", _("hechting")
    LVB = "lvb", _("licht verstandelijke beperking (LVB)")


class ExpertiseFor(models.TextChoices):
    YOUTH = "youth", _("jeugdige")
    ADULT = "adult", _("volwassene")


# --- R302: one shared vocabulary ----------------------------------------------------------------------------------

def shared_vocabulary() -> list[tuple[str, list[tuple[str, str]]]]:
    """The controlled lists every organisation uses: statuses, phases, outcomes and route steps (R302)."""
    from gezinsplan.cases.models import CaseStatus, Framework, Phase, WorkPhase
    from gezinsplan.collaboration.models import BarrierStatus, EscalationLevel, LadderStep

    lists = [
        (_("Status van een casus"), CaseStatus.choices),
        (_("Kader"), Framework.choices),
        (_("Fase van de samenwerking"), Phase.choices),
        (_("Werkfase"), WorkPhase.choices),
        (_("Barrière: stappen"), LadderStep.choices),
        (_("Barrière: uitkomst"), BarrierStatus.choices),
        (_("Escalatie tussen organisaties: niveaus"), EscalationLevel.choices),
        (_("Kernwaarden"), CoreValue.choices),
        (_("Soorten netwerkpartners"), PartnerType.choices),
        (_("Tafels"), TableType.choices),
    ]
    return [(str(title), [(str(code), str(label)) for code, label in choices]) for title, choices in lists]


def _normalise(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", label.lower()).strip()


def vocabulary_synonyms(lists=None) -> list[tuple[str, str, str]]:
    """Values within one list whose labels are the same word (an organisation's synonym added as a separate value).
    Returns (list title, code, code) for each clash."""
    clashes = []
    for title, choices in lists if lists is not None else shared_vocabulary():
        seen: dict[str, str] = {}
        for code, label in choices:
            key = _normalise(label)
            if key in seen:
                clashes.append((title, seen[key], code))
            seen.setdefault(key, code)
    return clashes
