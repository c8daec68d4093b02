"""R622: one analysis model and one language for all partners. The terms of the shared analysis, as every partner
sees them (from the glossary of DESIGN §3 and seed 000/003)."""

from django.utils.translation import gettext_lazy as _

GLOSSARY: tuple[tuple[str, str], ...] = (
    (
        _("Tijdlijn"),
        _(
            "Levensgebeurtenissen en belangrijke besluiten van het gezin en elk gezinslid, in "
            "chronologische volgorde, met bron."
        ),
    ),
    (
        _("Hulpverleningsgeschiedenis"),
        _(
            "Alle eerdere en huidige hulp: aanbieder, periode, aanleiding, gericht op "
            "kind, ouder of gezin, doelen, resultaat en hoe het eindigde."
        ),
    ),
    (
        _("Zorgen en krachten"),
        _("Actuele, concrete en feitelijke zorgen en krachten (ook beschermende factoren), besproken met het gezin."),
    ),
    (_("Danger statement"), _("Wat de professionals vrezen dat er gebeurt als er niets verandert.")),
    (
        _("Gezinspatroon"),
        _(
            "Ontwikkeling en gedrag van elke ouder en elk kind, het patroon in de hulp zelf en de "
            "patroonzin: 'Deze kinderen groeien op in een gezin …'."
        ),
    ),
    (
        _("Instandhoudende factoren"),
        _("Wat de problemen in stand houdt of laat terugkomen; iets anders dan de symptomen die zichtbaar zijn."),
    ),
    (_("Nobele intentie"), _("Wat elke ouder, in eigen woorden, voor de kinderen wil.")),
    (
        _("Haalbare eindsituatie"),
        _(
            "In de woorden van het gezin: wat veranderbaar is en wat blijvend "
            "gecompenseerd moet worden (en hoe), waar en bij wie de kinderen opgroeien, "
            "wanneer het goed genoeg is."
        ),
    ),
    (
        _("Veranderplan"),
        _(
            "De patronen die doorbroken worden, de eindtermijn, de doelen (wie, wat, wanneer, "
            "voortgang) en de hulp om het patroon te doorbreken en eruit te blijven."
        ),
    ),
    (
        _("Borgingsplan"),
        _("Signalen van terugval, wat dan te doen, wie ingrijpt, voortgezette hulp en hoe het lokaal team volgt."),
    ),
    (
        _("Gezinsplan"),
        _(
            "Het integrale document van al het bovenstaande, in vastgelegde versies, van het gezin en "
            "alle betrokken professionals samen."
        ),
    ),
    (
        _("Relationele functies"),
        _(
            "Verbondenheid en hiërarchie van de een naar de ander (FFP); beschrijvend, geen "
            "oordeel en geen veranderdoel."
        ),
    ),
    (_("Vier vensters"), _("Mensen, feiten, weging en vervolgstappen: één analysemodel voor alle partners.")),
)
