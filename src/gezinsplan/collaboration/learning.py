"""Learning together on the organisation level (seed 002, Bouwstenen 1 and 2; seed 000, Bouwsteen reflectie).

Subregions, regional collaboration meetings, local learning groups, reflection activities for SKJ and case
reflections across organisations. None of this is family data: case material is pseudonymised (no names, no
dates of birth, no BSN), so these rows carry no family id and their URLs name no family."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.collaboration.reference import CoreValue

__all__ = [
    "CaseReflection",
    "CollaborationInvitee",
    "CollaborationMeeting",
    "CoreValueDiscussion",
    "LearningGroup",
    "LearningSession",
    "ReflectionActivity",
    "ReflectionKind",
    "RegionLearning",
    "Subregion",
]


class Subregion(models.Model):
    """R326: municipalities grouped into a subregion within one jeugdhulpregio (reference data)."""

    region = models.ForeignKey("accounts.Region", verbose_name=_("regio"), on_delete=models.PROTECT,
                               related_name="subregions")
    name = models.CharField(_("naam"), max_length=100)
    municipalities = models.ManyToManyField("accounts.Municipality", verbose_name=_("gemeenten"),
                                            related_name="subregions")

    class Meta:
        ordering = ["region__name", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="subregion_unique_name")]
        verbose_name = _("subregio")
        verbose_name_plural = _("subregio's")

    def __str__(self):
        return f"{self.name} ({self.region.name})"


class RegionLearning(models.Model):
    """R325: local learning groups are switched on per region, once the contact directory and the collaboration
    meetings are in place."""

    region = models.OneToOneField("accounts.Region", verbose_name=_("regio"), on_delete=models.CASCADE,
                                  related_name="learning")
    learning_groups_enabled = models.BooleanField(_("lokale leergroepen aan"), default=False)

    class Meta:
        verbose_name = _("leren in de regio")
        verbose_name_plural = _("leren in de regio")


class CollaborationMeeting(models.Model):
    """R326, R328, R330: a local collaboration meeting of LT, GI, VT and RvdK professionals in one subregion."""

    subregion = models.ForeignKey(Subregion, verbose_name=_("subregio"), on_delete=models.PROTECT,
                                  related_name="collaboration_meetings")
    planned_on = models.DateField(_("datum"))
    held = models.BooleanField(_("gehouden"), default=False)
    title = models.CharField(_("titel"), max_length=200)
    # R328: the four programme items and the shared learning element
    met_each_other = models.BooleanField(_("professionals leren elkaar en (een deel van) elkaars werkwijze kennen"),
                                         default=False)
    vision_values = models.BooleanField(_("visie en kernwaarden besproken"), default=False)
    building_blocks = models.BooleanField(_("GVJB-bouwstenen gepresenteerd (bijvoorbeeld escalatiemodel, "
                                            "vereenvoudigd aanmeldproces)"), default=False)
    first_steps = models.BooleanField(_("eerste stappen besproken om gezinnen lokaal beter te ondersteunen"),
                                      default=False)
    learning_element = models.TextField(_("het gezamenlijke leerelement"), max_length=4000)
    organised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("georganiseerd door"),
                                     on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-planned_on", "-id"]
        verbose_name = _("samenwerkingsbijeenkomst")
        verbose_name_plural = _("samenwerkingsbijeenkomsten")

    def __str__(self):
        return f"{self.title} ({self.planned_on:%d-%m-%Y})"

    @property
    def programme_complete(self) -> bool:
        """R328: counts toward the yearly target only with all four items."""
        return self.met_each_other and self.vision_values and self.building_blocks and self.first_steps


class CollaborationInvitee(models.Model):
    meeting = models.ForeignKey(CollaborationMeeting, on_delete=models.CASCADE, related_name="invitees")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("professional"), on_delete=models.PROTECT,
                             related_name="+")
    attended = models.BooleanField(_("aanwezig"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="collaboration_invitee_once")]
        ordering = ["id"]


class LearningGroup(models.Model):
    """R325: a local learning group with a fixed membership from one subregion."""

    subregion = models.ForeignKey(Subregion, verbose_name=_("subregio"), on_delete=models.PROTECT,
                                  related_name="learning_groups")
    name = models.CharField(_("naam"), max_length=120)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("vaste deelnemers"), related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("lokale leergroep")
        verbose_name_plural = _("lokale leergroepen")

    def __str__(self):
        return self.name


class LearningSession(models.Model):
    """R325: a learning-group session on pseudonymised cases; attendance counts as SKJ reflection when the SKJ
    conditions are met."""

    group = models.ForeignKey(LearningGroup, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("datum"))
    hours = models.DecimalField(_("duur (uren)"), max_digits=4, decimal_places=2)
    cases_discussed = models.TextField(_("besproken casuïstiek (gepseudonimiseerd)"), max_length=4000,
                                       help_text=_("Zonder namen, geboortedata of BSN: bijvoorbeeld 'casus A: gezin "
                                                   "met drie kinderen, scheiding'."))
    lessons = models.TextField(_("geleerde lessen"), max_length=4000, blank=True)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("aanwezig"), related_name="+")
    skj_conditions_met = models.BooleanField(_("voldoet aan de SKJ-voorwaarden voor reflectie"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("leergroepbijeenkomst")
        verbose_name_plural = _("leergroepbijeenkomsten")


class CoreValueDiscussion(models.Model):
    """R305: the core values discussed with staff, per value, in a meeting or learning-group session."""

    meeting = models.ForeignKey(CollaborationMeeting, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="value_discussions")
    session = models.ForeignKey(LearningSession, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="value_discussions")
    value = models.CharField(_("kernwaarde"), max_length=20, choices=CoreValue.choices)
    daily_work = models.TextField(_("wat zou het betekenen in het dagelijkse werk"), max_length=2000)
    hard_when = models.TextField(_("wanneer is consequent toepassen lastig"), max_length=2000)
    fits = models.TextField(_("oordeel van de medewerkers: past de kernwaarde?"), max_length=2000)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=models.Q(meeting__isnull=False) |
                                              models.Q(session__isnull=False), name="value_discussion_has_event")]


class ReflectionKind(models.TextChoices):
    """R167, R318: the kinds of reflection professionals log."""

    SUPERVISION = "supervision", _("supervisie")
    INTERVISION = "intervision", _("intervisie")
    COLLEGIAL = "collegial", _("collegiale consultatie")
    WORK_SUPERVISION = "work_supervision", _("werkbegeleiding")
    LEARNING_GROUP = "learning_group", _("lokale leergroep")
    CASE_REFLECTION = "case_reflection", _("reflectie op casusniveau")


class ReflectionActivity(models.Model):
    """R318: one professional's reflection activity, evidence for SKJ re-registration."""

    professional = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("professional"),
                                     on_delete=models.PROTECT, related_name="reflection_activities")
    held_on = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=20, choices=ReflectionKind.choices)
    hours = models.DecimalField(_("uren"), max_digits=4, decimal_places=2)
    participants = models.CharField(_("deelnemers en hun organisaties"), max_length=1000)
    learning_session = models.ForeignKey(LearningSession, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="activities")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("reflectieactiviteit")
        verbose_name_plural = _("reflectieactiviteiten")


class CaseReflection(models.Model):
    """R319: reflection on a pseudonymised case by professionals of several organisations."""

    held_on = models.DateField(_("datum"))
    pseudonym = models.CharField(_("casus (pseudoniem)"), max_length=30, unique=True, editable=False)
    organisations = models.ManyToManyField("accounts.Organisation", verbose_name=_("deelnemende organisaties"),
                                           related_name="+")
    attendees = models.CharField(_("deelnemers (functies)"), max_length=1000,
                                 help_text=_("Functies en organisaties, bijvoorbeeld 'jeugdbeschermer GI'."))
    case_summary = models.TextField(_("casus in het kort (zonder namen)"), max_length=4000)
    lessons = models.TextField(_("geleerde lessen"), max_length=4000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("reflectie op casusniveau")
        verbose_name_plural = _("reflecties op casusniveau")
