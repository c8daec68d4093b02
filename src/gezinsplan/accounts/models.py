import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.accounts.constants import (
    PORTAL_ROLES,
    ROLE_ORGANISATION_TYPES,
    OrganisationType,
    Role,
    TrainingStatus,
)
from gezinsplan.core.models import FamilyRecord


class Region(models.Model):
    """A youth-care region (jeugdhulpregio), e.g. Haaglanden (H10) or a Gelderland region."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    central_municipality = models.ForeignKey(
        "Municipality", verbose_name=_("centrumgemeente"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    directory_owner = models.ForeignKey(
        "Organisation", verbose_name=_("beheerder contactgids"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("R323: Veilig Thuis of de centrumgemeente beheert de contactgids van de regio."),
    )
    directory_review_days = models.PositiveIntegerField(
        _("contactgegevens controleren na (dagen)"), default=180,
        help_text=_("R324: hoe vaak organisaties hun contactgegevens bijwerken."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    region = models.ForeignKey(Region, verbose_name=_("regio"), on_delete=models.PROTECT,
                               related_name="municipalities")
    case_professional_title = models.CharField(
        _("functietitel casusprofessional"), max_length=80, default="casusregisseur",
        help_text=_("R268: bijvoorbeeld casusregisseur, casuscoördinator, zorgregisseur, gezinscoach."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=150, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=40, blank=True)
    type = models.CharField(_("soort"), max_length=20, choices=OrganisationType.choices)
    region = models.ForeignKey(Region, verbose_name=_("regio"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="organisations")
    municipalities = models.ManyToManyField(Municipality, verbose_name=_("werkgebied"), blank=True,
                                            related_name="organisations")
    is_active = models.BooleanField(_("actief"), default=True)
    managers_attend_case_discussions = models.BooleanField(
        _("leidinggevenden zijn bij casusbesprekingen"), default=False,
        help_text=_("R103: zichtbaar voor de partners in de samenwerking."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Team(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT,
                                     related_name="teams")
    name = models.CharField(_("naam"), max_length=120)
    municipality = models.ForeignKey(Municipality, verbose_name=_("gemeente"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="teams")
    kind = models.CharField(_("soort team"), max_length=15, choices=[("regular", _("team")),
                                                                     ("toekomsttuin", _("toekomsttuin"))],
                            default="regular")
    is_active = models.BooleanField(_("actief"), default=True)
    team_leader = models.ForeignKey("User", verbose_name=_("teamleider"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    help_text=_("R347: de dagelijkse aansturing."))
    behavioural_scientist = models.ForeignKey("User", verbose_name=_("gedragswetenschapper"), null=True, blank=True,
                                              on_delete=models.SET_NULL, related_name="+",
                                              help_text=_("R347: de inhoudelijke ondersteuning."))

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return f"{self.name} ({self.organisation.label})"


class User(AbstractUser):
    """A person who logs in. Professionals belong to one organisation (R286) and have one role."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisatie"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="users")
    team = models.ForeignKey(Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="members")
    function_title = models.CharField(_("functie"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    availability = models.CharField(_("bereikbaarheid"), max_length=200, blank=True,
                                    help_text=_("R064: bijvoorbeeld 'ma-do, belmoment 9-10 uur'."))
    municipalities = models.ManyToManyField(Municipality, verbose_name=_("werkgebied"), blank=True,
                                            related_name="professionals",
                                            help_text=_("R321: gemeente(n) waarvoor deze professional werkt."))
    training_status = models.CharField(_("training Beter Samenspel"), max_length=20,
                                       choices=TrainingStatus.choices, default=TrainingStatus.NONE)
    training_date = models.DateField(_("datum training"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        """A role fits the organisation that employs it (R321, R367, R698)."""
        super().clean()
        if self.role in PORTAL_ROLES:
            return
        if self.organisation_id is None:
            raise ValidationError({"organisation": _("Een professional hoort bij een organisatie.")})
        allowed = ROLE_ORGANISATION_TYPES.get(self.role)
        if allowed is not None and self.organisation.type not in allowed:
            raise ValidationError({"role": _("De rol %(role)s past niet bij een organisatie van het soort %(type)s.")
                                   % {"role": self.get_role_display(),
                                      "type": self.organisation.get_type_display()}})
        if self.team_id and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": _("Het team hoort bij een andere organisatie.")})


class TeamMembership(models.Model):
    """R342/R347: a member of a (toekomsttuin) team who keeps the employing organisation."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, verbose_name=_("medewerker"), on_delete=models.CASCADE,
                             related_name="team_memberships")
    since = models.DateField(_("sinds"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="team_membership_once")]
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")


class FixedProtector(models.Model):
    """R004/R204: a GI youth protector linked as 'vaste jeugdbeschermer' to a municipality."""

    protector = models.ForeignKey(User, verbose_name=_("jeugdbeschermer"), on_delete=models.CASCADE,
                                  related_name="fixed_assignments")
    municipality = models.ForeignKey(Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE,
                                     related_name="fixed_protectors")
    presence = models.CharField(_("aanwezigheid bij het lokaal team"), max_length=200, blank=True,
                                help_text=_("R037: bijvoorbeeld 'dinsdagochtend op locatie'."))
    on_site_weekday = models.PositiveSmallIntegerField(
        _("vaste dag op locatie"), null=True, blank=True,
        choices=[(1, _("maandag")), (2, _("dinsdag")), (3, _("woensdag")), (4, _("donderdag")), (5, _("vrijdag"))])
    on_site_part = models.CharField(_("dagdeel"), max_length=10, blank=True,
                                    choices=[("day", _("hele dag")), ("morning", _("ochtend")),
                                             ("afternoon", _("middag"))])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["protector", "municipality"], name="fixed_protector_once")]
        verbose_name = _("vaste jeugdbeschermer")
        verbose_name_plural = _("vaste jeugdbeschermers")

    def __str__(self):
        return f"{self.protector} – {self.municipality}"


class Contact(models.Model):
    """An entry in the regional contact directory (contactbeheer, R322)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=150)
    function_title = models.CharField(_("functie"), max_length=100)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT,
                                     related_name="contacts")
    municipality = models.ForeignKey(Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT,
                                     related_name="contacts")
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    availability = models.CharField(_("bereikbaarheid"), max_length=200, blank=True)
    user = models.ForeignKey(User, verbose_name=_("account"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="contact_entries")
    last_verified = models.DateField(_("laatst gecontroleerd"))
    version = models.PositiveIntegerField(default=1, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["municipality__name", "organisation__name", "name"]
        indexes = [models.Index(fields=["name"])]
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactgids")

    def __str__(self):
        return self.name


# --- How each organisation decides (R099, R101, R103, R627) ---------------------------------------------

class DecisionAuthority(models.TextChoices):
    WORKER = "worker", _("de uitvoerend professional")
    BEHAVIOURAL_SCIENTIST = "behavioural_scientist", _("de gedragswetenschapper")
    MANAGER = "manager", _("de teamleider of manager")
    COURT = "court", _("de kinderrechter")


class DecisionRule(models.Model):
    """One organisation's rule for one type of core decision: who decides, whether its own (internal) GW must be
    consulted, and which approval step stays in force in joint meetings."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="decision_rules")
    decision_type = models.CharField(_("soort kernbesluit"), max_length=30)
    authority = models.CharField(_("beslissingsbevoegd"), max_length=25, choices=DecisionAuthority.choices)
    requires_internal_gw_consult = models.BooleanField(
        _("consult eigen gedragswetenschapper verplicht"), default=False,
        help_text=_("R101: een externe gedragswetenschapper vervangt dit consult nooit."))
    approval_by = models.CharField(_("goedkeuring door"), max_length=25, choices=DecisionAuthority.choices,
                                   blank=True, help_text=_("R627: deze stap blijft gelden, ook in een gezamenlijk "
                                                           "overleg."))

    class Meta:
        ordering = ["organisation__name", "decision_type"]
        constraints = [models.UniqueConstraint(fields=["organisation", "decision_type"], name="decision_rule_once")]
        verbose_name = _("beslisregel")
        verbose_name_plural = _("beslisregels")


class IntakeStep(models.Model):
    """R115: a step of a local team's own intake (aanmeld) process, shown as step 1 of the weighing card."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="intake_steps")
    order = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("stap"), max_length=150)
    description = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        ordering = ["organisation", "order"]
        verbose_name = _("stap aanmeldproces")
        verbose_name_plural = _("aanmeldproces")


class MethodVersion(models.Model):
    """R168: a version of the method's configurable content (numbers, lists), effective from a date."""

    label = models.CharField(_("versie"), max_length=40, unique=True)
    effective_from = models.DateField(_("geldig vanaf"))
    values = models.JSONField(_("waarden"), default=dict,
                              help_text=_("Bijvoorbeeld {\"product_2a_budget_hours\": 25}."))
    source_url = models.URLField(_("bron (bouwstenen)"), default="https://www.jeugdhulphaaglanden.nl")
    note = models.CharField(_("wat is er veranderd"), max_length=500, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("versie werkwijze")
        verbose_name_plural = _("versies werkwijze")

    def __str__(self):
        return self.label


class TrainingKind(models.TextChoices):
    START_TRAINING = "start_training", _("starttraining (dagdeel)")
    MAINTENANCE = "maintenance", _("jaarlijkse onderhoudsbijeenkomst")
    REFLECTION = "reflection", _("reflectiebijeenkomst")


class TrainingAttendance(models.Model):
    """R282: who attended a training half-day, the yearly maintenance meeting or a reflection meeting."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="training_attendances")
    kind = models.CharField(_("soort"), max_length=20, choices=TrainingKind.choices)
    held_on = models.DateField(_("datum"))
    title = models.CharField(_("omschrijving"), max_length=150, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["user", "kind", "held_on"])]
        verbose_name = _("aanwezigheid training of reflectie")


class OnCallShift(models.Model):
    """R505: who is on (crisis) duty for an organisation, around the clock."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="on_call_shifts")
    user = models.ForeignKey(User, verbose_name=_("dienstdoende"), on_delete=models.CASCADE,
                             related_name="on_call_shifts")
    starts_at = models.DateTimeField(_("van"))
    ends_at = models.DateTimeField(_("tot"))

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["organisation", "starts_at", "ends_at"])]
        verbose_name = _("bereikbaarheidsdienst")
        verbose_name_plural = _("bereikbaarheidsdiensten")


# --- Support around a case (R267, R542, R599) -----------------------------------------------------------

class SupportKind(models.TextChoices):
    BUDDY = "buddy", _("buddy (uit het eigen team)")
    PROJECT_LEADER = "project_leader", _("lokale projectleider Beter Samenspel / procesbegeleider")
    BEHAVIOURAL_SCIENTIST = "behavioural_scientist", _("gedragswetenschapper")
    FINANCIAL_SPECIALIST = "financial_specialist", _("financieel specialist")


class CaseSupport(FamilyRecord):
    """R267: a supporting role on a case besides the case director and the JB."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="supports")
    user = models.ForeignKey(User, verbose_name=_("wie"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("rol"), max_length=25, choices=SupportKind.choices)
    since = models.DateField(_("sinds"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "since"]
        verbose_name = _("ondersteuning bij de casus")
        verbose_name_plural = _("ondersteuning bij de casus")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user}"


class ConsultationKind(models.TextChoices):
    BEHAVIOURAL = "behavioural", _("consult gedragswetenschapper")
    LEGAL = "legal", _("spreekuur jurist")


class ExpertConsultation(FamilyRecord):
    """R542: a consultation of the behavioural scientist (question, advice, what is still to be gathered before
    the team discussion). R599: a question to a lawyer's or specialist's consultation hour, answered later.
    R101: `decision_type` ties a GW consult to a core decision; only the own organisation's GW counts."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="expert_consultations")
    kind = models.CharField(_("soort"), max_length=15, choices=ConsultationKind.choices)
    asked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    expert = models.ForeignKey(User, verbose_name=_("deskundige"), on_delete=models.PROTECT, related_name="+")
    decision_type = models.CharField(_("voor kernbesluit"), max_length=30, blank=True)
    question = models.TextField(_("vraag"), max_length=2000)
    advice = models.TextField(_("advies"), max_length=4000, blank=True)
    still_to_gather = models.TextField(_("nog uit te zoeken vóór de teambespreking"), max_length=2000, blank=True)
    asked_on = models.DateField(_("gevraagd op"))
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        ordering = ["-asked_on", "-created_at"]
        verbose_name = _("consult deskundige")
        verbose_name_plural = _("consulten deskundigen")
