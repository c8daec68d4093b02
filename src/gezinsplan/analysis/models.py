"""The explanatory analysis and the family plan (seed 000: tijdlijn, gezinspatroon, haalbare eindsituatie,
stabiele veiligheid; seed 003: verklarende analyse, veranderplan, borgingsplan).

One `FamilyAnalysis` per family (R001, R030): LT and GI work in the same record. The structured parts are live
rows (`TimelineEvent`, `HelpEpisode`, `Background`, `ConcernOrStrength`, `DangerStatement`, `PatternElement`,
`Goal`) with optimistic versions and a change history; the integral document is the `FamilyPlan`, whose
immutable versions are snapshots of all of it (see `analysis.services` for how a version is made).
"""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.core.models import FamilyRecord, LiveManager
from gezinsplan.core.versioning import DocumentVersion, VersionedDocument

PATTERN_SENTENCE_START = "Deze kinderen groeien op in een gezin "


class LifeDomain(models.TextChoices):
    """R144: the life domains that concerns, help and goals are tagged with."""

    GROWING_UP = "opgroeien", _("opgroeiproblemen")
    SCHOOL = "school", _("school")
    DAYTIME = "dagbesteding", _("dagbesteding")
    PARENT_HEALTH = "gezondheid_ouders", _("mentale en fysieke gezondheid ouders")
    PARENTING = "opvoeding", _("opvoedvaardigheden")
    PARENT_RELATIONSHIP = "relatie_ouders", _("relatie ouders")
    HOUSING = "huisvesting", _("huisvesting")
    FINANCES = "financien", _("werk, inkomen en financiën")
    NETWORK = "netwerk", _("steun eigen netwerk")
    NEIGHBOURHOOD = "wijk", _("overlast in de wijk")
    JUSTICE = "justitie", _("justitiële contacten")
    SAFETY = "veiligheid", _("veiligheid kinderen")


class DatePrecision(models.TextChoices):
    DAY = "day", _("exacte datum")
    MONTH = "month", _("maand")
    YEAR = "year", _("jaar")


class EventKind(models.TextChoices):
    """R251: typed timeline entries."""

    LIFE_EVENT = "life_event", _("levensgebeurtenis")
    DECISION = "decision", _("belangrijk besluit")
    REPORT = "report", _("melding (AMK/Veilig Thuis, Leerplicht, politie)")
    INVESTIGATION = "investigation", _("onderzoek")
    MEASURE = "measure", _("maatregel (VOTS/OTS/MUHP)")
    PLACEMENT = "placement", _("plaatsing of gezinsopname")
    INCIDENT = "incident", _("incident")
    OTHER = "other", _("anders")


class AnalysisStatus(models.TextChoices):
    OPEN = "open", _("in bewerking")
    ESTABLISHED = "established", _("vastgesteld")


class FamilyAnalysis(FamilyRecord):
    """The shared explanatory analysis of one family, with its end situation, change and assurance plan."""

    family = models.OneToOneField("families.Family", on_delete=models.PROTECT, related_name="analysis")
    started_by_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("gestart door organisatie")
    )
    direct_safety_note = models.CharField(
        _("reden om te starten terwijl de directe veiligheid onder de 6 is"), max_length=500, blank=True
    )
    # Aanleiding (R028, R134, R135)
    reason = models.TextField(_("aanleiding"), max_length=4000, blank=True)
    family_question = models.TextField(
        _("vraag van het gezin"),
        max_length=4000,
        blank=True,
        help_text=_("R134/R135: de eigen, directe hulpvraag van het gezin, naast de zorgmelding."),
    )
    underlying_question = models.TextField(
        _("achterliggende (indirecte) hulpvraag"),
        max_length=4000,
        blank=True,
        help_text=_("R134/R339: de eigenlijke vraag die het gezin aan ons stelt."),
    )
    request_parents = models.TextField(_("vraag van de ouders"), max_length=2000, blank=True)
    request_child = models.TextField(_("vraag van het kind"), max_length=2000, blank=True)
    care_report = models.TextField(
        _("inhoud van de zorgmelding"),
        max_length=4000,
        blank=True,
        help_text=_("R135: verplicht als de casus met een zorgmelding binnenkwam."),
    )
    first_event = models.CharField(_("eerste aanleiding"), max_length=500, blank=True)
    last_event = models.CharField(_("laatste aanleiding"), max_length=500, blank=True)
    worst_event = models.CharField(_("ergste gebeurtenis"), max_length=500, blank=True)
    family_needs_now = models.TextField(_("wat het gezin nu wil en nodig heeft"), max_length=2000, blank=True)
    parents_underlying_problems = models.TextField(
        _("onderliggende problemen van de ouders"), max_length=2000, blank=True
    )
    relational_dynamics = models.TextField(
        _("wat speelt er tussen de volwassenen en de kinderen"),
        max_length=2000,
        blank=True,
        help_text=_("R339: de relationele dynamiek, naast het gepresenteerde probleem."),
    )
    family_view = models.TextField(
        _("visie van het gezin op de problemen"),
        max_length=2000,
        blank=True,
        help_text=_("R605: stap 1 van Delta, naast zorgen en krachten."),
    )
    network_background = models.TextField(
        _("achtergrond van het netwerk"),
        max_length=4000,
        blank=True,
        help_text=_("R133: vrienden, familie, vrijwilligers en verenigingen."),
    )
    # Timeline header (R137) and discussion with the family (R235)
    timeline_from = models.DateField(_("tijdlijn bijgewerkt vanaf"), null=True, blank=True)
    timeline_to = models.DateField(_("tijdlijn bijgewerkt tot"), null=True, blank=True)
    timeline_discussed_on = models.DateField(_("tijdlijn besproken met het gezin op"), null=True, blank=True)
    timeline_discussed_with = models.CharField(_("besproken met"), max_length=200, blank=True)
    timeline_reactions = models.TextField(_("reacties van het gezin"), max_length=4000, blank=True)
    # Family pattern (R145, R147, R576)
    pattern_request = models.TextField(_("hulpvraag in relatie tot het patroon"), max_length=4000, blank=True)
    pattern_sentence = models.TextField(
        _("het patroon"),
        max_length=2000,
        blank=True,
        help_text=_("Begint met 'Deze kinderen groeien op in een gezin …'."),
    )
    noble_intention = models.TextField(
        _("nobele intentie"),
        max_length=4000,
        blank=True,
        help_text=_("R576: van elke ouder naar de kinderen, in eigen woorden."),
    )
    biggest_concern = models.TextField(
        _("aanmeldreden en grootste zorg"),
        max_length=2000,
        blank=True,
        help_text=_("R146: wie, wat, waarom; de directe zorg; de grootste zorg die nu weg moet."),
    )
    # Explanatory analysis (R120, R526)
    threat_cause = models.TextField(
        _("wat zorgde ervoor dat de veiligheid van de kinderen in het geding kwam"), max_length=4000, blank=True
    )
    symptoms = models.TextField(
        _("symptomen (wat zichtbaar is)"),
        max_length=4000,
        blank=True,
        help_text=_("R526: los van de instandhoudende factoren."),
    )
    # Feasible end situation (R149, R150, R561)
    end_description = models.TextField(
        _("haalbare eindsituatie in de woorden van het gezin"), max_length=4000, blank=True
    )
    end_changeable = models.TextField(_("wat het gezin zelf (met hulp) kan veranderen"), max_length=4000, blank=True)
    end_compensate = models.TextField(_("wat blijvend gecompenseerd moet worden"), max_length=4000, blank=True)
    end_compensate_how = models.TextField(_("hoe de compensatie wordt ingericht"), max_length=4000, blank=True)
    end_children_where = models.TextField(_("waar en bij wie de kinderen opgroeien"), max_length=2000, blank=True)
    end_good_enough = models.TextField(_("wanneer is het goed genoeg"), max_length=2000, blank=True)
    end_term = models.DateField(_("haalbare eindtermijn"), null=True, blank=True)
    end_agreed_by_family_on = models.DateField(_("gezin akkoord op"), null=True, blank=True)
    # R149: the question checklist of the end situation
    end_pattern_clear = models.BooleanField(_("het patroon is duidelijk genoeg"), default=False)
    end_missing_information = models.TextField(_("welke informatie ontbreekt nog"), max_length=2000, blank=True)
    end_strengths = models.TextField(_("krachten in het gezin en het netwerk"), max_length=2000, blank=True)
    end_wish_realistic = models.TextField(
        _("hoe realistisch is de wens van de ouders voor het kind"), max_length=2000, blank=True
    )
    # Change plan (R130, R148, R503, R565)
    change_aim = models.TextField(
        _("doel van het veranderplan"),
        max_length=2000,
        blank=True,
        help_text=_("Blijvende verandering en structurele veiligheid."),
    )
    recurrence_cause = models.TextField(_("wat zorgt ervoor dat de problemen terugkomen"), max_length=4000, blank=True)
    help_from_network = models.TextField(_("hulp uit het eigen netwerk"), max_length=2000, blank=True)
    picture_changed = models.TextField(_("is het beeld van zorgen en krachten veranderd"), max_length=2000, blank=True)
    patterns_to_break = models.TextField(_("patronen die doorbroken moeten worden"), max_length=4000, blank=True)
    maintaining_factors = models.TextField(_("instandhoudende factoren (geen symptomen)"), max_length=4000, blank=True)
    help_to_break = models.TextField(_("hulp nodig om het patroon te doorbreken"), max_length=4000, blank=True)
    help_to_stay_out = models.TextField(_("hulp nodig om uit het patroon te blijven"), max_length=4000, blank=True)
    task_family = models.TextField(_("taken van het gezin"), max_length=2000, blank=True)
    task_network = models.TextField(_("taken van het netwerk"), max_length=2000, blank=True)
    task_professionals = models.TextField(_("taken van de professionals"), max_length=2000, blank=True)
    information_needed = models.TextField(_("welke informatie is nog nodig"), max_length=2000, blank=True)
    # Assurance plan (borgingsplan): R044 agreements, R537/R539 relapse, R566 who the family can call
    assurance_agreements = models.TextField(
        _("afspraken met alle betrokkenen"),
        max_length=4000,
        blank=True,
        help_text=_("R044: wat het gezin, het netwerk en de professionals met elkaar afspreken."),
    )
    adherence_check = models.TextField(
        _("hoe het nakomen van de afspraken wordt gevolgd"), max_length=2000, blank=True
    )
    if_stuck = models.TextField(_("wat te doen als het vastloopt"), max_length=2000, blank=True)
    relapse_signals = models.TextField(_("signalen van terugval"), max_length=4000, blank=True)
    relapse_actions = models.TextField(_("wat te doen bij terugval"), max_length=4000, blank=True)
    who_steps_in = models.TextField(
        _("wie grijpt in"),
        max_length=2000,
        blank=True,
        help_text=_("R566: wie het gezin kan inschakelen als terugval dreigt, en hoe."),
    )
    continued_help = models.TextField(_("voortgezette hulp"), max_length=2000, blank=True)
    lt_follow_up = models.TextField(_("hoe het lokaal team volgt"), max_length=2000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("verklarende analyse")
        verbose_name_plural = _("verklarende analyses")

    def __str__(self):
        return str(_("Verklarende analyse"))

    @property
    def has_end_situation(self) -> bool:
        return bool(self.end_description.strip())


class TimelineEvent(FamilyRecord):
    """A life event or key decision on the family's timeline (R133, R142, R251)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="timeline_events")
    occurred_on = models.DateField(_("datum"))
    precision = models.CharField(
        _("nauwkeurigheid"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    approximate = models.CharField(
        _("omschrijving van het moment"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld 'na de geboorte van Nikolai' als de datum niet bekend is."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=EventKind.choices, default=EventKind.LIFE_EVENT)
    title = models.CharField(_("gebeurtenis"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=4000, blank=True)
    person = models.ForeignKey(
        "families.Person",
        verbose_name=_("gezinslid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leeg als het over het hele gezin gaat."),
    )
    source = models.CharField(_("bron"), max_length=200, help_text=_("Bijvoorbeeld 'dossier Veilig Thuis'."))
    patterns = models.ManyToManyField(
        "PatternElement",
        verbose_name=_("past in patroon"),
        blank=True,
        related_name="events",
        help_text=_("R253/R146: koppel een incident aan een herkend patroon."),
    )
    new_pattern = models.BooleanField(_("nieuw, past in geen bekend patroon"), default=False)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["occurred_on", "created_at"]
        indexes = [models.Index(fields=["family", "occurred_on"])]
        verbose_name = _("gebeurtenis op de tijdlijn")
        verbose_name_plural = _("tijdlijn")

    def __str__(self):
        return self.title


class AimedAt(models.TextChoices):
    CHILD = "child", _("kind")
    PARENT = "parent", _("ouder")
    FAMILY = "family", _("gezin")


class HelpEnding(models.TextChoices):
    ONGOING = "ongoing", _("loopt nog")
    COMPLETED = "completed", _("afgerond met resultaat")
    ENDED_EARLY = "ended_early", _("voortijdig beëindigd")
    NOT_STARTED = "not_started", _("niet van de grond gekomen")
    WITHOUT_RESULT = "without_result", _("afgesloten zonder resultaat")
    REFERRED_BACK = "referred_back", _("terugverwezen")


WITHOUT_RESULT_ENDINGS = frozenset(
    {HelpEnding.ENDED_EARLY, HelpEnding.NOT_STARTED, HelpEnding.WITHOUT_RESULT, HelpEnding.REFERRED_BACK}
)


class HelpEpisode(FamilyRecord):
    """Earlier or current help (hulpverleningsgeschiedenis), R139, R143, R340."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="help_episodes")
    provider = models.CharField(_("aanbieder"), max_length=200)
    offer = models.CharField(_("naam zorgaanbod"), max_length=200)
    started_on = models.DateField(_("gestart op"))
    start_precision = models.CharField(
        _("nauwkeurigheid start"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    ended_on = models.DateField(_("geëindigd op"), null=True, blank=True)
    reason = models.CharField(_("aanleiding"), max_length=500)
    aimed_at = models.CharField(_("gericht op"), max_length=10, choices=AimedAt.choices, default=AimedAt.FAMILY)
    person = models.ForeignKey(
        "families.Person",
        verbose_name=_("welk gezinslid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    life_domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices)
    goals = models.TextField(_("doelen"), max_length=2000, blank=True)
    result = models.TextField(
        _("resultaat"),
        max_length=2000,
        blank=True,
        help_text=_(
            "R164: het resultaat voor de doelen en het patroon van het gezin, niet "
            "alleen de eigen afsluiting van de aanbieder."
        ),
    )
    ending = models.CharField(
        _("hoe het eindigde"), max_length=20, choices=HelpEnding.choices, default=HelpEnding.ONGOING
    )
    contact = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    relationship_with_helper = models.TextField(
        _("relatie van het gezin met deze hulpverlener"), max_length=2000, blank=True
    )
    what_worked = models.TextField(_("wat werkte"), max_length=2000, blank=True)
    what_did_not_work = models.TextField(_("wat werkte niet"), max_length=2000, blank=True)
    targets = models.ForeignKey(
        "PatternElement",
        verbose_name=_("richt zich op (instandhoudende factor of patroon)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="help_episodes",
        help_text=_("R526: verplicht voor hulp die onder dit plan wordt ingezet."),
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["started_on", "created_at"]
        verbose_name = _("hulp")
        verbose_name_plural = _("hulpverleningsgeschiedenis")

    def __str__(self):
        return f"{self.offer} ({self.provider})"

    @property
    def without_result(self) -> bool:
        return self.ending in WITHOUT_RESULT_ENDINGS


class Background(FamilyRecord):
    """Background of one person (R138, R140): relationships, own development and youth, finances and housing,
    health, leisure."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="backgrounds")
    person = models.ForeignKey(
        "families.Person", verbose_name=_("gezinslid"), on_delete=models.PROTECT, related_name="+"
    )
    relationships = models.TextField(
        _("relaties"),
        max_length=4000,
        blank=True,
        help_text=_(
            "Opvoeding en gezin van herkomst, contact met familie, cultuur en "
            "geloof, relatie met (ex-)partner en met de kinderen."
        ),
    )
    development = models.TextField(
        _("eigen ontwikkeling en jeugd"),
        max_length=4000,
        blank=True,
        help_text=_("Opleiding of school, werk, eigen jeugd."),
    )
    finances_housing = models.TextField(_("financiën en huisvesting"), max_length=4000, blank=True)
    health = models.TextField(
        _("gezondheid"), max_length=4000, blank=True, help_text=_("Lichamelijk en psychisch, ook verslaving.")
    )
    leisure = models.TextField(_("vrije tijd"), max_length=2000, blank=True)
    transgenerational = models.TextField(
        _("patronen over generaties (geweld, onveiligheid)"),
        max_length=2000,
        blank=True,
        help_text=_("R314: bijvoorbeeld eigen ervaringen in de jeugd van deze opvoeder."),
    )
    noble_intention = models.TextField(
        _("nobele intentie naar de kinderen (eigen woorden)"),
        max_length=2000,
        blank=True,
        help_text=_("R576: alleen voor ouders en opvoeders."),
    )
    motivation = models.TextField(
        _("motivatie"), max_length=1000, blank=True, help_text=_("R404: alleen voor ouders en opvoeders.")
    )
    learnability = models.TextField(_("leerbaarheid"), max_length=1000, blank=True)
    insight = models.TextField(_("inzicht"), max_length=1000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("achtergrond")
        verbose_name_plural = _("achtergronden")

    def __str__(self):
        return str(_("Achtergrond"))


class ConcernKind(models.TextChoices):
    CONCERN = "concern", _("zorg")
    STRENGTH = "strength", _("kracht")


class ConcernOrStrength(FamilyRecord):
    """A current, concrete and factual concern or strength (R522)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="concerns")
    kind = models.CharField(_("soort"), max_length=10, choices=ConcernKind.choices)
    text = models.TextField(_("feitelijke omschrijving"), max_length=2000)
    life_domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices, blank=True)
    person = models.ForeignKey(
        "families.Person",
        verbose_name=_("gezinslid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    discussed_with_family = models.BooleanField(_("besproken met het gezin"), default=False)
    noted_on = models.DateField(_("vastgesteld op"), default=date.today)
    discussed_on = models.DateField(_("besproken op"), null=True, blank=True)
    threat = models.TextField(
        _("mogelijke bedreiging van de ontwikkeling van het kind"),
        max_length=2000,
        blank=True,
        help_text=_("R605 stap 2: alleen bij een zorg."),
    )
    desired_outcome = models.TextField(
        _("gewenste ontwikkelingsuitkomst"),
        max_length=2000,
        blank=True,
        help_text=_("R605 stap 3: alleen bij een zorg."),
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["kind", "created_at"]
        verbose_name = _("zorg of kracht")
        verbose_name_plural = _("zorgen en krachten")

    def __str__(self):
        return self.text[:60]


class DangerStatement(FamilyRecord):
    """What the professionals fear will happen if nothing changes, and the safety goal that answers it."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="danger_statements")
    text = models.TextField(_("danger statement"), max_length=2000)
    safety_goal = models.TextField(_("veiligheidsdoel"), max_length=2000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("danger statement")
        verbose_name_plural = _("danger statements")

    def __str__(self):
        return self.text[:60]


class PatternKind(models.TextChoices):
    """R145, R526, R560: the parts of the family-pattern format."""

    PARENT_DEVELOPMENT = "parent_development", _("ontwikkelingsfactoren ouder")
    PARENT_BEHAVIOUR = "parent_behaviour", _("gedrag ouder")
    CHILD_DEVELOPMENT = "child_development", _("ontwikkeling kind")
    CHILD_BEHAVIOUR = "child_behaviour", _("gedrag kind")
    HELP_PATTERN = "help_pattern", _("rol van de hulpverlening (hulpverleningspatroon)")
    MAINTAINING = "maintaining", _("instandhoudende factor")
    INTERGENERATIONAL = "intergenerational", _("patroon over generaties")
    SYMPTOM = "symptom", _("symptoom (geen instandhoudende factor)")


class PatternStatus(models.TextChoices):
    ACTIVE = "active", _("actief")
    BROKEN = "broken", _("doorbroken")


class PatternElement(FamilyRecord):
    """One addressable element of the family pattern; goals link to the element they break."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="pattern_elements")
    kind = models.CharField(_("onderdeel"), max_length=20, choices=PatternKind.choices)
    person = models.ForeignKey(
        "families.Person",
        verbose_name=_("gezinslid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("omschrijving"), max_length=2000)
    life_domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices, blank=True)
    facts = models.CharField(
        _("feiten uit de tijdlijn"),
        max_length=500,
        blank=True,
        help_text=_("R146: op welke gebeurtenissen dit patroon steunt."),
    )
    underlying_causes = models.TextField(_("onderliggende oorzaken"), max_length=2000, blank=True)
    members = models.ManyToManyField(
        "families.Person", verbose_name=_("betrokken gezinsleden"), blank=True, related_name="+"
    )
    intergenerational = models.BooleanField(_("van generatie op generatie"), default=False)
    discussed_with_family = models.BooleanField(_("besproken met het gezin"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=PatternStatus.choices, default=PatternStatus.ACTIVE)
    broken_on = models.DateField(
        _("doorbroken op"), null=True, blank=True, help_text=_("R535: verplicht bij 'doorbroken'.")
    )
    broken_evidence = models.TextField(
        _("waaruit blijkt dat het patroon is doorbroken"),
        max_length=2000,
        blank=True,
        help_text=_("R535: verplicht bij 'doorbroken'."),
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["kind", "created_at"]
        verbose_name = _("patroonelement")
        verbose_name_plural = _("gezinspatroon")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("loopt")
    ACHIEVED = "achieved", _("bereikt")
    STOPPED = "stopped", _("gestopt")


class Goal(FamilyRecord):
    """A goal of the change plan: who, what, when, progress (R029, R686), from the end situation (R562)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="goals")
    what = models.TextField(_("wat"), max_length=2000)
    measurable = models.CharField(
        _("meetbaar criterium"), max_length=500, help_text=_("Waaraan ziet iedereen dat het doel bereikt is?")
    )
    who = models.CharField(_("wie"), max_length=200, help_text=_("Wie is verantwoordelijk."))
    when = models.DateField(_("wanneer"), help_text=_("Streefdatum."))
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    pattern_element = models.ForeignKey(
        PatternElement,
        verbose_name=_("doorbreekt patroonelement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
    )
    life_domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices, blank=True)
    agreed_with = models.CharField(_("afgesproken met"), max_length=200, blank=True)
    provider = models.CharField(
        _("uitgevoerd door (zorgaanbieder)"),
        max_length=200,
        blank=True,
        help_text=_(
            "R258: een doel kan bij een externe zorgaanbieder liggen die in de "
            "hulpverlening staat (bijvoorbeeld huisarts of verloskundige)."
        ),
    )
    concern = models.ForeignKey(
        ConcernOrStrength,
        verbose_name=_("komt voort uit zorg (Delta)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
        help_text=_("R605: de zorg met haar bedreiging en gewenste uitkomst."),
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["when", "created_at"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self):
        return self.what[:80]


class GoalProgress(models.Model):
    """A dated entry of a goal's progress log (R029, R562). Never updated."""

    id = models.BigAutoField(primary_key=True)
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="progress_log")
    progress = models.PositiveSmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(100)])
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class FamilyPlan(VersionedDocument):
    """The integral, versioned family plan: one per family (R001), shared by every involved professional."""

    family = models.OneToOneField("families.Family", on_delete=models.PROTECT, related_name="family_plan")
    current = models.ForeignKey("FamilyPlanVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("gezinsplan")
        verbose_name_plural = _("gezinsplannen")


class FamilyPlanVersion(DocumentVersion):
    document = models.ForeignKey(FamilyPlan, on_delete=models.PROTECT, related_name="versions")

    class Meta(DocumentVersion.Meta):
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="family_plan_version_once")]


class PlanViewMark(models.Model):
    """R031: which version of the family plan a professional last saw, so the page says what changed since."""

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    version_number = models.PositiveIntegerField(default=0)
    seen_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "family"], name="plan_view_mark_once")]


# --- Screening, adult problems and stress factors (R304, R334, R567) ---------------------------------------


class ScreeningCategory(models.TextChoices):
    DEBTS = "debts", _("schulden")
    ADDICTION = "addiction", _("verslaving (alcohol, drugs of anders)")
    PSYCHIATRIC = "psychiatric", _("psychiatrische problemen")
    TRAUMA = "trauma", _("traumagerelateerde klachten")
    LVB = "lvb", _("licht verstandelijke beperking (LVB)")
    EVICTION = "eviction", _("dreigende uithuiszetting")
    OTHER = "other", _("andere stressfactor")


ADULT_PROBLEM_CATEGORIES = (ScreeningCategory.DEBTS, ScreeningCategory.ADDICTION, ScreeningCategory.PSYCHIATRIC)
SCREENING_CATEGORIES = (
    ScreeningCategory.TRAUMA,
    ScreeningCategory.ADDICTION,
    ScreeningCategory.PSYCHIATRIC,
    ScreeningCategory.LVB,
    ScreeningCategory.DEBTS,
)
STRESS_FACTORS = frozenset(
    {
        ScreeningCategory.DEBTS,
        ScreeningCategory.ADDICTION,
        ScreeningCategory.EVICTION,
        ScreeningCategory.PSYCHIATRIC,
        ScreeningCategory.OTHER,
    }
)


class ScreeningResult(models.TextChoices):
    PRESENT = "present", _("speelt")
    ABSENT = "absent", _("speelt niet")
    UNKNOWN = "unknown", _("nog onbekend")


class ScreeningItem(FamilyRecord):
    """One screened problem or stress factor of one member (or of the whole family)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="screening_items")
    person = models.ForeignKey(
        "families.Person",
        verbose_name=_("gezinslid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leeg als het het hele gezin betreft (bijvoorbeeld uithuiszetting)."),
    )
    category = models.CharField(_("onderwerp"), max_length=20, choices=ScreeningCategory.choices)
    other_label = models.CharField(_("welke andere stressfactor"), max_length=120, blank=True)
    result = models.CharField(
        _("uitkomst"), max_length=10, choices=ScreeningResult.choices, default=ScreeningResult.UNKNOWN
    )
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)
    referral = models.TextField(
        _("consultatie of verwijzing (gespecialiseerde organisatie)"), max_length=1000, blank=True
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("actie in het plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="screening_items",
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["category", "created_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screening en stressfactoren")

    def __str__(self):
        return self.other_label or str(self.get_category_display())


class DomainReviewStatus(models.TextChoices):
    OPEN = "open", _("nog niet besproken")
    REVIEWED = "reviewed", _("besproken met het gezin")
    NOT_RELEVANT = "not_relevant", _("niet van toepassing")


class LifeDomainReview(FamilyRecord):
    """R559/R581: the facts of one life domain, reviewed with the family or marked not relevant."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="domain_reviews")
    domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices)
    status = models.CharField(
        _("status"), max_length=15, choices=DomainReviewStatus.choices, default=DomainReviewStatus.OPEN
    )
    facts = models.TextField(_("relevante feiten"), max_length=4000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["domain"]
        verbose_name = _("feiten per leefgebied")
        verbose_name_plural = _("feiten per leefgebied")

    def __str__(self):
        return str(self.get_domain_display())


class Stance(models.TextChoices):
    AGREES = "agrees", _("staat erachter")
    NOT_YET = "not_yet", _("nog niet")
    DISAGREES = "disagrees", _("is het er niet mee eens")


class PlanEndorsement(FamilyRecord):
    """R516: whether one member of the family system stands behind a version of the family plan."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="plan_endorsements")
    version_number = models.PositiveIntegerField(_("versie van het gezinsplan"), editable=False)
    person = models.ForeignKey(
        "families.Person", verbose_name=_("gezinslid"), on_delete=models.PROTECT, related_name="+"
    )
    stance = models.CharField(_("standpunt"), max_length=10, choices=Stance.choices)
    reason = models.TextField(
        _("reden"), max_length=1000, blank=True, help_text=_("Verplicht bij 'nog niet' of 'niet mee eens'.")
    )
    recorded_on = models.DateField(_("vastgelegd op"), default=date.today)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-version_number", "created_at"]
        verbose_name = _("instemming met het gezinsplan")
        verbose_name_plural = _("instemming met het gezinsplan")

    def __str__(self):
        return str(self.get_stance_display())


class RelationalFunction(FamilyRecord):
    """R568: the relational functions (FFP) of person A towards person B. Descriptive only: no rating."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="relational_functions")
    from_person = models.ForeignKey(
        "families.Person", verbose_name=_("van"), on_delete=models.PROTECT, related_name="+"
    )
    to_person = models.ForeignKey("families.Person", verbose_name=_("naar"), on_delete=models.PROTECT, related_name="+")
    connectedness = models.TextField(_("verbondenheid"), max_length=1000, blank=True)
    hierarchy = models.TextField(_("hiërarchie"), max_length=1000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("relationele functie")
        verbose_name_plural = _("relationele functies")

    def __str__(self):
        return str(_("Relationele functie"))


class MatchingNote(FamilyRecord):
    """R569: how the worker matches with this family and their position towards it (GI team only by default)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="matching_notes")
    approach = models.TextField(_("hoe gaan we met dit gezin om (matchen)"), max_length=2000)
    position = models.TextField(_("positie ten opzichte van het gezin"), max_length=2000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("matchen en positioneren")
        verbose_name_plural = _("matchen en positioneren")

    def __str__(self):
        return str(_("Matchen en positioneren"))


class FfpAim(models.TextChoices):
    """R570: the FFP aims a contact can serve."""

    REDUCE_NEGATIVITY = "reduce_negativity", _("negativiteit en beschuldigingen verminderen")
    INCREASE_HOPE = "increase_hope", _("hoop op verandering vergroten")
    POSITIVE_MEANING = "positive_meaning", _("het gedrag een positievere betekenis geven")


class ContactNote(FamilyRecord):
    """A note of a contact with the family, optionally tagged with the FFP aims it served (R570)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="contact_notes")
    held_on = models.DateField(_("datum contact"))
    summary = models.TextField(_("verslag"), max_length=4000)
    ffp_aims = models.JSONField(_("FFP-doelen"), default=list, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("contactnotitie")
        verbose_name_plural = _("contactnotities")

    def __str__(self):
        return str(_("Contact"))

    def aim_labels(self) -> list[str]:
        return [str(FfpAim(a).label) for a in self.ffp_aims if a in FfpAim.values]


class InstrumentUse(FamilyRecord):
    """R117: an instrument of the catalogue used for this family, with its outcome."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="instrument_uses")
    instrument = models.CharField(_("instrument"), max_length=30)
    used_on = models.DateField(_("gebruikt op"))
    outcome = models.TextField(_("uitkomst"), max_length=2000)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-used_on", "-created_at"]
        verbose_name = _("gebruikt instrument")
        verbose_name_plural = _("gebruikte instrumenten")

    def __str__(self):
        return self.instrument


class ParentingQuestionnaire(FamilyRecord):
    """R685: the Minimaal Opvoedgedrag questionnaire of one parent, three subscale scores (0-100, higher = more
    concern), completed with the parents."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="parenting_questionnaires")
    person = models.ForeignKey("families.Person", verbose_name=_("ouder"), on_delete=models.PROTECT, related_name="+")
    completed_on = models.DateField(_("ingevuld op"))
    with_parents = models.BooleanField(_("samen met de ouders ingevuld"), default=True)
    responsiveness = models.PositiveSmallIntegerField(
        _("responsiviteit (zorg, begeleiding, affectie, begrenzing)"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    basic_needs = models.PositiveSmallIntegerField(
        _("basisbehoeften (eten, wassen, kleding)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    second_environment = models.PositiveSmallIntegerField(
        _("tweede opvoedingsmilieu (onderwijs, medische zorg)"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    notes = models.TextField(_("wat dit betekent voor de doelen"), max_length=2000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-completed_on", "-created_at"]
        verbose_name = _("vragenlijst Minimaal Opvoedgedrag")
        verbose_name_plural = _("vragenlijsten Minimaal Opvoedgedrag")

    def __str__(self):
        return str(_("Vragenlijst Minimaal Opvoedgedrag"))


class IntakeStatus(models.TextChoices):
    OPEN = "open", _("nog te doen")
    DONE = "done", _("compleet")
    NOT_APPLICABLE = "n/a", _("niet van toepassing")


class IntakeTask(FamilyRecord):
    """R059: at the start of an involvement, collect the information from the family, the help already involved
    and the network partners; one status per source."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="intake_tasks")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    from_family = models.CharField(
        _("informatie van het gezin"), max_length=5, choices=IntakeStatus.choices, default=IntakeStatus.OPEN
    )
    from_help = models.CharField(
        _("informatie van de betrokken hulp"), max_length=5, choices=IntakeStatus.choices, default=IntakeStatus.OPEN
    )
    from_network = models.CharField(
        _("informatie van netwerkpartners"), max_length=5, choices=IntakeStatus.choices, default=IntakeStatus.OPEN
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("informatie verzamelen")
        verbose_name_plural = _("informatie verzamelen")

    def __str__(self):
        return str(_("Informatie verzamelen"))

    @property
    def complete(self) -> bool:
        return IntakeStatus.OPEN not in (self.from_family, self.from_help, self.from_network)
