from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.core.models import FamilyRecord, LiveManager
from gezinsplan.families.validators import validate_bsn, validate_not_before_1900, validate_not_in_future


class Family(FamilyRecord):
    """The household a case is about: all children and caregivers, not only the reported child (R300)."""

    name = models.CharField(_("naam gezin"), max_length=120, help_text=_("Bijvoorbeeld 'Gezin Jansen'."))
    municipality = models.ForeignKey("accounts.Municipality", verbose_name=_("gemeente"),
                                     on_delete=models.PROTECT, related_name="families")
    local_team = models.ForeignKey("accounts.Organisation", verbose_name=_("lokaal team"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="families",
                                   help_text=_("R002: het lokaal team houdt het hele gezin in beeld."))
    interpreter_language = models.CharField(_("tolk nodig in taal"), max_length=60, blank=True,
                                            help_text=_("R651: leeg als er geen tolk nodig is."))
    composition_confirmed = models.BooleanField(
        _("gezinssamenstelling bevestigd"), default=False,
        help_text=_("R521: de intake is pas compleet als alle gezinsleden zijn geregistreerd."),
    )
    notes = models.TextField(_("bijzonderheden"), blank=True, max_length=4000)
    last_chance = models.BooleanField(
        _("laatste-kansgezin (multiprobleem)"), default=False,
        help_text=_("R683: een combinatie van huurachterstand, overlast, schulden, politiecontact en problemen met "
                    "kinderen."))
    last_chance_markers = models.JSONField(_("kenmerken laatste-kansgezin"), default=list, blank=True)
    self_reliance_at_close = models.TextField(
        _("zelfredzaamheid bij afsluiten"), max_length=2000, blank=True,
        help_text=_("R683: in hoeverre kan het gezin het weer zelf, samen met het netwerk?"))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")

    def __str__(self):
        return self.name


class Gender(models.TextChoices):
    FEMALE = "v", _("vrouw")
    MALE = "m", _("man")
    OTHER = "x", _("anders / onbekend")


class FamilyRole(models.TextChoices):
    PARENT = "parent", _("ouder")
    CHILD = "child", _("kind")
    STEP_PARENT = "step_parent", _("stiefouder")
    PARTNER = "partner", _("partner van een ouder")
    CAREGIVER = "caregiver", _("andere opvoeder")
    HOUSEHOLD = "household", _("ander lid van het huishouden")
    VISITOR = "visitor", _("vaak in huis (R675)")
    RELATIVE = "relative", _("familielid buiten het huishouden")


ADULT_ROLES = frozenset({FamilyRole.PARENT, FamilyRole.STEP_PARENT, FamilyRole.PARTNER, FamilyRole.CAREGIVER})


class Custody(models.TextChoices):
    BOTH_PARENTS = "both", _("beide ouders")
    ONE_PARENT = "one", _("één ouder")
    GUARDIAN = "guardian", _("voogd")
    UNKNOWN = "unknown", _("onbekend")
    NOT_APPLICABLE = "n/a", _("niet van toepassing (volwassen)")


class Person(FamilyRecord):
    """A member of the family system (gezinslid)."""

    family = models.ForeignKey(Family, verbose_name=_("gezin"), on_delete=models.PROTECT, related_name="persons")
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("achternaam"), max_length=120, blank=True)
    name_key = models.CharField(max_length=220, editable=False, db_index=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True, db_index=True,
                                  validators=[validate_not_in_future, validate_not_before_1900])
    expected_birth_date = models.DateField(
        _("verwachte geboortedatum"), null=True, blank=True,
        help_text=_("R244: voor een ongeboren kind; bij de geboorte vult u de geboortedatum in."),
    )
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices, default=Gender.OTHER)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, db_index=True, validators=[validate_bsn],
                           help_text=_("Burgerservicenummer, 9 cijfers. Mag leeg blijven."))
    family_role = models.CharField(_("rol in het gezin"), max_length=20, choices=FamilyRole.choices)
    in_household = models.BooleanField(_("woont in het huishouden"), default=True)
    custody = models.CharField(_("gezag"), max_length=10, choices=Custody.choices, default=Custody.UNKNOWN,
                               help_text=_("Voor kinderen: wie het gezag heeft."))
    is_referred = models.BooleanField(_("aangemeld kind"), default=False,
                                      help_text=_("R502: het kind om wie de melding ging; alle kinderen tellen mee."))
    deceased = models.BooleanField(_("overleden"), default=False)
    trusted_person = models.CharField(
        _("vertrouwenspersoon"), max_length=200, blank=True,
        help_text=_("R551: naam, relatie en contactgegevens van iemand die het kind vertrouwt."),
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["family_role", "birth_date", "first_name", "id"]
        indexes = [models.Index(fields=["family", "family_role"])]
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_unborn(self) -> bool:
        return self.birth_date is None and self.expected_birth_date is not None

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    @property
    def age(self) -> int | None:
        return self.age_on(date.today())


class RelationshipKind(models.TextChoices):
    PARENT_OF = "parent_of", _("is ouder van")
    STEP_PARENT_OF = "step_parent_of", _("is stiefouder van")
    PARTNER = "partner", _("is partner van")
    FORMER_PARTNER = "former_partner", _("is ex-partner van")
    SIBLING = "sibling", _("is broer/zus van")
    HALF_SIBLING = "half_sibling", _("is halfbroer/halfzus van")
    CONFLICT = "conflict", _("heeft conflict met")
    CUT_OFF = "cut_off", _("heeft geen contact met")


SYMMETRIC_KINDS = frozenset({RelationshipKind.PARTNER, RelationshipKind.FORMER_PARTNER, RelationshipKind.SIBLING,
                             RelationshipKind.HALF_SIBLING, RelationshipKind.CONFLICT, RelationshipKind.CUT_OFF})


class Relationship(FamilyRecord):
    """A typed genogram edge between two persons of one family."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="relationships")
    from_person = models.ForeignKey(Person, verbose_name=_("persoon"), on_delete=models.PROTECT,
                                    related_name="relationships_from")
    kind = models.CharField(_("relatie"), max_length=20, choices=RelationshipKind.choices)
    to_person = models.ForeignKey(Person, verbose_name=_("met"), on_delete=models.PROTECT,
                                  related_name="relationships_to")
    has_custody = models.BooleanField(_("heeft gezag"), default=False,
                                      help_text=_("Alleen bij 'is ouder van': deze ouder heeft gezag over het kind."))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("relatie")
        verbose_name_plural = _("relaties")

    def __str__(self):
        return f"{self.from_person} {self.get_kind_display()} {self.to_person}"


class NetworkGroup(models.TextChoices):
    FAMILY = "family", _("Familie")
    FRIENDS = "friends", _("Vrienden, vrijwilligers, vereniging")
    PROFESSIONAL = "professional", _("Professional of instantie")


class Support(models.TextChoices):
    SUPPORTIVE = "yes", _("steunend")
    NOT_SUPPORTIVE = "no", _("niet steunend")
    UNKNOWN = "unknown", _("onbekend")


class NetworkMember(FamilyRecord):
    """Someone of the informal network (sociogram), R141."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="network_members")
    name = models.CharField(_("naam"), max_length=150)
    relation = models.CharField(_("relatie tot het kind"), max_length=120)
    child = models.ForeignKey(Person, verbose_name=_("kind"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="network_members",
                              help_text=_("Leeg als deze persoon er voor het hele gezin is."))
    group = models.CharField(_("groep"), max_length=20, choices=NetworkGroup.choices, default=NetworkGroup.FAMILY)
    support = models.CharField(_("steun"), max_length=10, choices=Support.choices, default=Support.UNKNOWN)
    contact_frequency = models.CharField(_("contact"), max_length=120, blank=True,
                                         help_text=_("Bijvoorbeeld 'wekelijks', 'af en toe'."))
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["group", "name"]
        verbose_name = _("netwerklid")
        verbose_name_plural = _("netwerk")

    def __str__(self):
        return self.name


class LastChanceMarker(models.TextChoices):
    """R683: the markers of the 'last chance' multi-problem family (KANZ)."""

    RENT_ARREARS = "rent_arrears", _("huurachterstand")
    NUISANCE = "nuisance", _("overlast in de buurt")
    DEBTS = "debts", _("schulden")
    POLICE = "police", _("contact met de politie")
    CHILD_PROBLEMS = "child_problems", _("problemen met kinderen")


class ResidenceKind(models.TextChoices):
    REGISTRATION = "registration", _("inschrijving (BRP)")
    RESIDENCE = "residence", _("feitelijke verblijfplaats")


class ResidenceSituation(models.TextChoices):
    ADDRESS = "address", _("op een adres")
    NO_FIXED = "no_fixed", _("geen vaste verblijfplaats")
    SHELTER = "shelter", _("gezinsopvang")


class PersonResidence(FamilyRecord):
    """R246: where a person is registered and where they actually live, over time."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="residences")
    person = models.ForeignKey(Person, verbose_name=_("gezinslid"), on_delete=models.PROTECT,
                               related_name="residences")
    kind = models.CharField(_("soort"), max_length=15, choices=ResidenceKind.choices)
    municipality = models.ForeignKey("accounts.Municipality", verbose_name=_("gemeente"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    situation = models.CharField(_("situatie"), max_length=10, choices=ResidenceSituation.choices,
                                 default=ResidenceSituation.ADDRESS)
    since = models.DateField(_("sinds"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["person", "kind", "-since"]
        verbose_name = _("inschrijving of verblijfplaats")
        verbose_name_plural = _("inschrijvingen en verblijfplaatsen")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.municipality or self.get_situation_display()}"


class ArrangementKind(models.TextChoices):
    CO_PARENTING = "co_parenting", _("co-ouderschap")
    WITH_ONE_PARENT = "with_one_parent", _("woont bij één ouder, omgang met de ander")
    WITH_OTHER_ADULT = "with_other_adult", _("woont bij een andere volwassene dan een ouder")
    FOSTER = "foster", _("pleeggezin of netwerkpleeggezin")
    OTHER = "other", _("anders")


class CareArrangement(FamilyRecord):
    """R249: a child's care and residence arrangement between named adults, with a start date and conditions."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="care_arrangements")
    child = models.ForeignKey(Person, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="arrangements")
    kind = models.CharField(_("regeling"), max_length=20, choices=ArrangementKind.choices)
    adults = models.ManyToManyField(Person, verbose_name=_("tussen welke volwassenen"), related_name="+")
    starts_on = models.DateField(_("ingangsdatum"))
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    conditions = models.TextField(_("voorwaarden"), max_length=2000, blank=True,
                                  help_text=_("Bijvoorbeeld: 'moeder trekt niet in bij vader'."))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["child", "-starts_on"]
        verbose_name = _("zorg- en verblijfsregeling")
        verbose_name_plural = _("zorg- en verblijfsregelingen")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.child.first_name})"


class FinancialAdministrator(FamilyRecord):
    """R250: a court-appointed bewindvoerder; each change is a new row with the date and reason."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="administrators")
    name = models.CharField(_("naam bewindvoerder"), max_length=150)
    organisation_name = models.CharField(_("kantoor"), max_length=150, blank=True)
    appointed_on = models.DateField(_("benoemd op"))
    ended_on = models.DateField(_("gestopt op"), null=True, blank=True)
    change_reason = models.CharField(_("reden van de wisseling"), max_length=300, blank=True,
                                     help_text=_("Verplicht als er al een bewindvoerder was."))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-appointed_on"]
        verbose_name = _("bewindvoerder")
        verbose_name_plural = _("bewindvoerders")

    def __str__(self):
        return self.name


class ChildPerspective(FamilyRecord):
    """R316: each child's own story, wishes, how and when the child was heard, and the child's own help."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="child_perspectives")
    child = models.ForeignKey(Person, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="perspectives")
    own_story = models.TextField(_("het eigen verhaal van het kind"), max_length=4000)
    wishes = models.TextField(_("wensen van het kind"), max_length=2000, blank=True)
    heard_how = models.CharField(_("hoe gehoord"), max_length=300,
                                 help_text=_("Bijvoorbeeld: gesprek op school met de drie huizen."))
    heard_on = models.DateField(_("gehoord op"))
    own_help = models.TextField(_("eigen hulp voor het kind"), max_length=2000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["child", "-heard_on"]
        verbose_name = _("perspectief van het kind")
        verbose_name_plural = _("perspectieven van de kinderen")

    def __str__(self):
        return _("Verhaal van %(name)s") % {"name": self.child.first_name}


class SafetyContribution(FamilyRecord):
    """R596: what each member of the family system (siblings too) contributes to the children's safety."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="safety_contributions")
    person = models.ForeignKey(Person, verbose_name=_("gezinslid"), on_delete=models.PROTECT,
                               related_name="safety_contributions")
    contribution = models.TextField(_("bijdrage aan de veiligheid"), max_length=2000)
    recorded_on = models.DateField(_("besproken op"))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["person", "-recorded_on"]
        verbose_name = _("bijdrage aan de veiligheid")
        verbose_name_plural = _("bijdragen aan de veiligheid")

    def __str__(self):
        return _("Bijdrage van %(name)s") % {"name": self.person.first_name}


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    AGREED = "agreed", _("eens met de ouders")
    DISCUSSED = "discussed", _("besproken met het kind")


class WordsAndPicturesStory(FamilyRecord):
    """R665: the words-and-pictures story: draft, agreed with the parents, then discussed with the child."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="stories")
    children = models.ManyToManyField(Person, verbose_name=_("voor welke kinderen"), related_name="+")
    title = models.CharField(_("titel"), max_length=150)
    status = models.CharField(_("status"), max_length=10, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    agreed_on = models.DateField(_("eens met de ouders op"), null=True, blank=True)
    agreed_by = models.ManyToManyField(Person, verbose_name=_("welke ouders"), related_name="+", blank=True)
    discussed_on = models.DateField(_("besproken met het kind op"), null=True, blank=True)
    three_houses = models.BooleanField(_("drie huizen gebruikt"), default=False)
    safety_circles = models.BooleanField(_("veiligheidscirkels gebruikt"), default=False)
    told_not_to_blame = models.BooleanField(
        _("het kind is verteld wat er gebeurd is en dat het niet de schuld is"), default=False)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("woord- en beeldverhaal")
        verbose_name_plural = _("woord- en beeldverhalen")

    def __str__(self):
        return self.title
