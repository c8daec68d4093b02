"""R117: the instrument catalogue (seed 000, Bouwsteen weging, Instrumenten, regio Haaglanden).

The catalogue is the same for every partner (R622: one language); which instruments an organisation has available
is configured per organisation type in `settings.GEZINSPLAN_METHOD["instruments_available"]`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    purpose: str


CATALOGUE: tuple[Instrument, ...] = (
    Instrument("ARIJ", "ARIJ", _("Actuele Risico's Jeugdigen: taxatie van de directe veiligheid en de risico's.")),
    Instrument("WIK", "WIK", _("Weging van de zorgen (doel door de organisatie aan te vullen).")),
    Instrument("ZRM", "ZRM", _("Zelfredzaamheid-Matrix: zelfredzaamheid van volwassenen per leefgebied.")),
    Instrument("GIZ", "GIZ", _("Doel door de organisatie aan te vullen.")),
    Instrument(
        "SOS", "Veiligheidslijst SOS", _("Veiligheidslijst (Signs of Safety): zorgen, krachten en veiligheid in kaart.")
    ),
    Instrument("VL_PLUS", "Veiligheidslijst plus", _("Uitgebreide veiligheidslijst.")),
    Instrument("LIRIK", "LIRIK", _("Licht Instrument Risicotaxatie Kindveiligheid.")),
    Instrument("KOMPAS", "KOMPAS", _("Doel door de organisatie aan te vullen.")),
    Instrument("ERBIJ", "ERBIJ", _("Doel door de organisatie aan te vullen.")),
)

BY_CODE = {i.code: i for i in CATALOGUE}


def available_codes(organisation_type: str | None) -> list[str]:
    configured = settings.GEZINSPLAN_METHOD.get("instruments_available", {})
    return [code for code in configured.get(organisation_type or "", []) if code in BY_CODE]


def available_for(user) -> list[Instrument]:
    organisation = getattr(user, "organisation", None)
    return [BY_CODE[c] for c in available_codes(organisation.type if organisation else None)]
