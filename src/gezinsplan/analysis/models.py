"""The explanatory analysis and the family plan (seed 000: tijdlijn, gezinspatroon, haalbare eindsituatie,
stabiele veiligheid; seed 003: verklarende analyse, veranderplan, borgingsplan).

One `FamilyAnalysis` per family (R001, R030): LT and GI work in the same record. The structured parts are live
rows (`TimelineEvent`, `HelpEpisode`, `Background`, `ConcernOrStrength`, `DangerStatement`, `PatternElement`,
`Goal`) with optimistic versions and a change history; the integral document is the `FamilyPlan`, whose
immutable versions are snapshots of all of it (see `analysis.services` for how a version is made).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.core.models import FamilyRecord
from gezinsplan.core.versioning import DocumentVersion, VersionedDocument
from gezinsplan.families.models import LiveManager

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
    started_by_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                                verbose_name=_("gestart door organisatie"))
    direct_safety_note = models.CharField(
        _("reden om te starten terwijl de directe veiligheid onder de 6 is"), max_length=500, blank=True)
    # Aanleiding (R028, R134, R135)
    reason = models.TextField(_("aanleiding"), max_length=4000, blank=True)
    family_question = models.TextField(_("vraag van het gezin"), max_length=4000, blank=True,
                                       help_text=_("R135: de vraag van het gezin zelf, naast de zorgmelding."))
    # Timeline header (R137) and discussion with the family (R235)
    timeline_from = models.DateField(_("tijdlijn bijgewerkt vanaf"), null=True, blank=True)
    timeline_to = models.DateField(_("tijdlijn bijgewerkt tot"), null=True, blank=True)
    timeline_discussed_on = models.DateField(_("tijdlijn besproken met het gezin op"), null=True, blank=True)
    timeline_discussed_with = models.CharField(_("besproken met"), max_length=200, blank=True)
    timeline_reactions = models.TextField(_("reacties van het gezin"), max_length=4000, blank=True)
    # Family pattern (R145, R147, R576)
    pattern_request = models.TextField(_("hulpvraag in relatie tot het patroon"), max_length=4000, blank=True)
    pattern_sentence = models.TextField(_("het patroon"), max_length=2000, blank=True,
                                        help_text=_("Begint met 'Deze kinderen groeien op in een gezin …'."))
    noble_intention = models.TextField(_("nobele intentie"), max_length=4000, blank=True,
                                       help_text=_("R576: van elke ouder naar de kinderen, in eigen woorden."))
    # Feasible end situation (R149, R150, R561)
    end_description = models.TextField(_("haalbare eindsituatie in de woorden van het gezin"), max_length=4000,
                                       blank=True)
    end_changeable = models.TextField(_("wat het gezin zelf (met hulp) kan veranderen"), max_length=4000,
                                      blank=True)
    end_compensate = models.TextField(_("wat blijvend gecompenseerd moet worden"), max_length=4000, blank=True)
    end_compensate_how = models.TextField(_("hoe de compensatie wordt ingericht"), max_length=4000, blank=True)
    end_children_where = models.TextField(_("waar en bij wie de kinderen opgroeien"), max_length=2000, blank=True)
    end_good_enough = models.TextField(_("wanneer is het goed genoeg"), max_length=2000, blank=True)
    end_term = models.DateField(_("haalbare eindtermijn"), null=True, blank=True)
    end_agreed_by_family_on = models.DateField(_("gezin akkoord op"), null=True, blank=True)
    # Change plan (R130, R148, R565)
    patterns_to_break = models.TextField(_("patronen die doorbroken moeten worden"), max_length=4000, blank=True)
    maintaining_factors = models.TextField(_("instandhoudende factoren (geen symptomen)"), max_length=4000,
                                           blank=True)
    help_to_break = models.TextField(_("hulp nodig om het patroon te doorbreken"), max_length=4000, blank=True)
    help_to_stay_out = models.TextField(_("hulp nodig om uit het patroon te blijven"), max_length=4000, blank=True)
    task_family = models.TextField(_("taken van het gezin"), max_length=2000, blank=True)
    task_network = models.TextField(_("taken van het netwerk"), max_length=2000, blank=True)
    task_professionals = models.TextField(_("taken van de professionals"), max_length=2000, blank=True)
    information_needed = models.TextField(_("welke informatie is nog nodig"), max_length=2000, blank=True)
    # Assurance plan (borgingsplan)
    relapse_signals = models.TextField(_("signalen van terugval"), max_length=4000, blank=True)
    relapse_actions = models.TextField(_("wat te doen bij terugval"), max_length=4000, blank=True)
    who_steps_in = models.TextField(_("wie grijpt in"), max_length=2000, blank=True)
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
    precision = models.CharField(_("nauwkeurigheid"), max_length=5, choices=DatePrecision.choices,
                                 default=DatePrecision.DAY)
    approximate = models.CharField(_("omschrijving van het moment"), max_length=120, blank=True,
                                   help_text=_("Bijvoorbeeld 'na de geboorte van Nikolai' als de datum niet "
                                               "bekend is."))
    kind = models.CharField(_("soort"), max_length=20, choices=EventKind.choices, default=EventKind.LIFE_EVENT)
    title = models.CharField(_("gebeurtenis"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=4000, blank=True)
    person = models.ForeignKey("families.Person", verbose_name=_("gezinslid"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text=_("Leeg als het over het hele gezin gaat."))
    source = models.CharField(_("bron"), max_length=200, help_text=_("Bijvoorbeeld 'dossier Veilig Thuis'."))

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


WITHOUT_RESULT_ENDINGS = frozenset({HelpEnding.ENDED_EARLY, HelpEnding.NOT_STARTED, HelpEnding.WITHOUT_RESULT,
                                    HelpEnding.REFERRED_BACK})


class HelpEpisode(FamilyRecord):
    """Earlier or current help (hulpverleningsgeschiedenis), R139, R143, R340."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="help_episodes")
    provider = models.CharField(_("aanbieder"), max_length=200)
    offer = models.CharField(_("naam zorgaanbod"), max_length=200)
    started_on = models.DateField(_("gestart op"))
    start_precision = models.CharField(_("nauwkeurigheid start"), max_length=5, choices=DatePrecision.choices,
                                       default=DatePrecision.DAY)
    ended_on = models.DateField(_("geëindigd op"), null=True, blank=True)
    reason = models.CharField(_("aanleiding"), max_length=500)
    aimed_at = models.CharField(_("gericht op"), max_length=10, choices=AimedAt.choices, default=AimedAt.FAMILY)
    person = models.ForeignKey("families.Person", verbose_name=_("welk gezinslid"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    life_domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices)
    goals = models.TextField(_("doelen"), max_length=2000, blank=True)
    result = models.TextField(_("resultaat"), max_length=2000, blank=True,
                              help_text=_("R164: het resultaat voor de doelen en het patroon van het gezin, niet "
                                          "alleen de eigen afsluiting van de aanbieder."))
    ending = models.CharField(_("hoe het eindigde"), max_length=20, choices=HelpEnding.choices,
                              default=HelpEnding.ONGOING)
    contact = models.CharField(_("contactpersoon"), max_length=200, blank=True)

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
    person = models.ForeignKey("families.Person", verbose_name=_("gezinslid"), on_delete=models.PROTECT,
                               related_name="+")
    relationships = models.TextField(_("relaties"), max_length=4000, blank=True,
                                     help_text=_("Opvoeding en gezin van herkomst, contact met familie, cultuur en "
                                                 "geloof, relatie met (ex-)partner en met de kinderen."))
    development = models.TextField(_("eigen ontwikkeling en jeugd"), max_length=4000, blank=True,
                                   help_text=_("Opleiding of school, werk, eigen jeugd."))
    finances_housing = models.TextField(_("financiën en huisvesting"), max_length=4000, blank=True)
    health = models.TextField(_("gezondheid"), max_length=4000, blank=True,
                              help_text=_("Lichamelijk en psychisch, ook verslaving."))
    leisure = models.TextField(_("vrije tijd"), max_length=2000, blank=True)

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
    person = models.ForeignKey("families.Person", verbose_name=_("gezinslid"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    discussed_with_family = models.BooleanField(_("besproken met het gezin"), default=False)

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


class PatternElement(FamilyRecord):
    """One addressable element of the family pattern; goals link to the element they break."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="pattern_elements")
    kind = models.CharField(_("onderdeel"), max_length=20, choices=PatternKind.choices)
    person = models.ForeignKey("families.Person", verbose_name=_("gezinslid"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("omschrijving"), max_length=2000)
    life_domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices, blank=True)
    facts = models.CharField(_("feiten uit de tijdlijn"), max_length=500, blank=True,
                             help_text=_("R146: op welke gebeurtenissen dit patroon steunt."))

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
    measurable = models.CharField(_("meetbaar criterium"), max_length=500,
                                  help_text=_("Waaraan ziet iedereen dat het doel bereikt is?"))
    who = models.CharField(_("wie"), max_length=200, help_text=_("Wie is verantwoordelijk."))
    when = models.DateField(_("wanneer"), help_text=_("Streefdatum."))
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0,
                                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    pattern_element = models.ForeignKey(PatternElement, verbose_name=_("doorbreekt patroonelement"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="goals")
    life_domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices, blank=True)
    agreed_with = models.CharField(_("afgesproken met"), max_length=200, blank=True)
    provider = models.CharField(_("uitgevoerd door (zorgaanbieder)"), max_length=200, blank=True,
                                help_text=_("R258: een doel kan bij een externe zorgaanbieder liggen."))

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
    current = models.ForeignKey("FamilyPlanVersion", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")

    class Meta:
        verbose_name = _("gezinsplan")
        verbose_name_plural = _("gezinsplannen")


class FamilyPlanVersion(DocumentVersion):
    document = models.ForeignKey(FamilyPlan, on_delete=models.PROTECT, related_name="versions")

    class Meta(DocumentVersion.Meta):
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="family_plan_version_once")]
