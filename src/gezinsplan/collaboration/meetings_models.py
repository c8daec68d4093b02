"""Working together, the meetings part: agreements on the collaboration, who takes part when, the register of
involved parties, contacts per family member, requests for municipal arrangements, linking the local team after a
court decision, help that continues after closure, providers' execution plans, internal case discussions and the
progress per goal at a network meeting. Imported by models.py (one app)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.core.models import FamilyRecord, LiveManager

__all__ = [
    "ArrangementRequest",
    "CollaborationAgreement",
    "ContactAssignment",
    "ContinuingHelp",
    "DecisionConfirmation",
    "GoalAssignment",
    "InternalCaseDiscussion",
    "InvolvedParty",
    "LocalTeamLink",
    "LtInvolvementLevel",
    "LtParticipation",
    "MeetingGoalReview",
    "PartyType",
]


class MeetingGoalReview(FamilyRecord):
    """R063: the progress per goal recorded at a network meeting (towards breaking the patterns)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey("collaboration.Meeting", on_delete=models.PROTECT, related_name="goal_reviews")
    goal = models.ForeignKey("analysis.Goal", verbose_name=_("doel"), on_delete=models.PROTECT, related_name="+")
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("voortgang op een doel")
        verbose_name_plural = _("voortgang op de doelen")


class InternalCaseDiscussion(FamilyRecord):
    """R541: an internal case discussion (casuïstiekbespreking) of one organisation's team; by default only that
    organisation sees it."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="internal_discussions")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", editable=False
    )
    held_on = models.DateField(_("datum"))
    present = models.TextField(_("aanwezige teamleden"), max_length=1000)
    question = models.TextField(_("ingebrachte vraag"), max_length=2000)
    plan_of_approach = models.TextField(_("plan van aanpak"), max_length=4000)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("interne casuïstiekbespreking")
        verbose_name_plural = _("interne casuïstiekbesprekingen")


class CollaborationAgreement(FamilyRecord):
    """R061/R068: the agreements on working together, made as soon as two parties are involved. The latest row is
    the one in force."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="collaboration_agreements")
    roles = models.TextField(_("rollen"), max_length=2000)
    tasks = models.TextField(_("taken"), max_length=2000)
    responsibilities = models.TextField(_("verantwoordelijkheden"), max_length=2000)
    availability = models.TextField(_("bereikbaarheid en beschikbaarheid"), max_length=1000)
    decision_forums = models.TextField(
        _("welke besluiten in welk forum"),
        max_length=2000,
        help_text=_("R068: bijvoorbeeld 'inzet hulp: netwerkberaad; veiligheid: MDO van de regievoerder'."),
    )
    agreed_on = models.DateField(_("afgesproken op"))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-agreed_on", "-created_at"]
        verbose_name = _("samenwerkingsafspraken")
        verbose_name_plural = _("samenwerkingsafspraken")


class LtInvolvementLevel(models.TextChoices):
    """R224: the agreed involvement of the local team during an OTS."""

    REGULAR = "regular", _("regulier doorlopen")
    EVALUATIONS = "evaluations", _("aanwezig bij evaluatiemomenten")
    ON_CALL = "on_call", _("alleen op afroep")


class LtParticipation(FamilyRecord):
    """R224/R225: the agreed LT involvement during a measure, possibly with a rhythm of network meetings the LT
    professional joins (e.g. every quarter). A new row replaces the previous agreement from its start."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="lt_participations")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("professional lokaal team"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("betrokkenheid"), max_length=20, choices=LtInvolvementLevel.choices)
    every_weeks = models.PositiveSmallIntegerField(
        _("sluit aan bij het netwerkberaad elke ... weken"),
        null=True,
        blank=True,
        help_text=_("Bijvoorbeeld 13: elk kwartaal."),
    )
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["starts_on", "created_at"]
        verbose_name = _("afspraak betrokkenheid lokaal team")
        verbose_name_plural = _("afspraken betrokkenheid lokaal team")


class DecisionConfirmation(FamilyRecord):
    """R069: LT and GI each confirm a decision on additional help before the beschikking is issued."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey("collaboration.CoreDecision", on_delete=models.PROTECT, related_name="confirmations")
    party = models.CharField(max_length=2)  # cases.responsibility.Party
    confirmed_on = models.DateField(_("bevestigd op"))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["confirmed_on", "created_at"]


class ContactAssignment(FamilyRecord):
    """R229: the task division names a primary contact professional per family member."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="contact_assignments")
    person = models.ForeignKey(
        "families.Person", verbose_name=_("gezinslid"), on_delete=models.PROTECT, related_name="+"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("aanspreekpunt"), on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        "collaboration.Meeting",
        verbose_name=_("afgesproken in overleg"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("aanspreekpunt")
        verbose_name_plural = _("aanspreekpunten")


class PartyType(models.TextChoices):
    """R231: the kinds of parties the seeds name around a family."""

    GI = "gi", _("gecertificeerde instelling")
    LT = "lt", _("lokaal team / jeugdteam")
    BUDGET = "budget", _("bewindvoering")
    YOUTH_CARE = "youth_care", _("jeugdhulpaanbieder")
    SCHOOL = "school", _("school")
    GGZ = "ggz", _("GGZ")
    SHELTER = "shelter", _("opvang")
    HOUSING = "housing", _("woningcorporatie")
    GP = "gp", _("huisarts")
    MIDWIFE = "midwife", _("verloskundige")
    OTHER = "other", _("anders")


class InvolvedParty(FamilyRecord):
    """R231: an organisation around the family (also outside Gezinsplan) with its responsibility, contact person
    and active period."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="involved_parties")
    party_type = models.CharField(_("soort"), max_length=20, choices=PartyType.choices)
    organisation_name = models.CharField(_("organisatie"), max_length=150)
    contact_person = models.CharField(_("contactpersoon"), max_length=150)
    responsibility = models.CharField(_("verantwoordelijkheid"), max_length=500)
    active_from = models.DateField(_("betrokken vanaf"))
    active_until = models.DateField(_("betrokken tot en met"), null=True, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["active_from", "organisation_name"]
        verbose_name = _("betrokken partij")
        verbose_name_plural = _("betrokken partijen")


class ArrangementRequest(FamilyRecord):
    """R270: a youth protector asks the local team to apply or speed up a municipal arrangement."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="arrangement_requests")
    arrangement = models.CharField(_("gemeentelijke regeling"), max_length=150)
    question = models.CharField(_("verzoek"), max_length=500, help_text=_("Toepassen of bespoedigen, en waarom."))
    requested_on = models.DateField(_("gevraagd op"))
    result = models.CharField(_("resultaat"), max_length=500, blank=True)
    resolved_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-requested_on", "-created_at"]
        verbose_name = _("verzoek gemeentelijke regeling")
        verbose_name_plural = _("verzoeken gemeentelijke regelingen")


class LocalTeamLink(FamilyRecord):
    """R656: after a court decision, the local district team is linked and informed; the date is reported."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="local_team_links")
    measure = models.ForeignKey(
        "cases.ChildMeasure", verbose_name=_("beschikking"), on_delete=models.PROTECT, related_name="+"
    )
    linked_on = models.DateField(_("lokaal team gekoppeld op"))
    lt_contact = models.CharField(_("contactpersoon lokaal team"), max_length=150)
    informed_how = models.CharField(_("hoe geïnformeerd"), max_length=300)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["linked_on"]
        verbose_name = _("koppeling lokaal team")
        verbose_name_plural = _("koppelingen lokaal team")


class ContinuingHelp(FamilyRecord):
    """R538: help that continues after closure, its provider and the jeugdteam person who monitors it."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="continuing_help")
    help = models.CharField(_("hulp"), max_length=300)
    provider = models.CharField(_("aanbieder die de hulp voortzet"), max_length=150)
    monitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bewaakt door (jeugdteam)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("voortgezette hulp")
        verbose_name_plural = _("voortgezette hulp")


class GoalAssignment(FamilyRecord):
    """R573/R666: one responsible provider for a goal of the family plan; the provider fills in the 'how' and may
    attach its own execution plan (uitvoeringsplan). The goal itself (the 'what') stays with the case workers."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    goal = models.ForeignKey(
        "analysis.Goal", verbose_name=_("doel"), on_delete=models.PROTECT, related_name="assignments"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("verantwoordelijke aanbieder"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    consulted = models.CharField(_("wie is geraadpleegd"), max_length=300, blank=True)
    approach = models.TextField(_("aanpak (het hoe)"), max_length=4000, blank=True)
    execution_plan = models.TextField(_("uitvoeringsplan"), max_length=8000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("opdracht bij een doel")
        verbose_name_plural = _("opdrachten bij doelen")
