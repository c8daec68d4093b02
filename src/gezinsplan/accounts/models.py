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


class FixedProtector(models.Model):
    """R004/R204: a GI youth protector linked as 'vaste jeugdbeschermer' to a municipality."""

    protector = models.ForeignKey(User, verbose_name=_("jeugdbeschermer"), on_delete=models.CASCADE,
                                  related_name="fixed_assignments")
    municipality = models.ForeignKey(Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE,
                                     related_name="fixed_protectors")
    presence = models.CharField(_("aanwezigheid bij het lokaal team"), max_length=200, blank=True,
                                help_text=_("R037: bijvoorbeeld 'dinsdagochtend op locatie'."))

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
