"""A family's partners and network (seeds 000, 002, 003, 004): partner register, specialist consultations, the GI's
mode of involvement, the family group conference offer, the network's tasks and reliability checks, who to involve
after the end situation, the youth's view of each provider, table sessions and the set-up of a network meeting.
All family data: each row inherits FamilyRecord and is written through core.records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.collaboration.reference import (
    ChairKind,
    Expertise,
    ExpertiseFor,
    MeetingFormat,
    NetworkMethod,
    PartnerType,
    TableType,
)
from gezinsplan.core.models import FamilyRecord, LiveManager

__all__ = [
    "ConferenceAnswer",
    "ConferenceOffer",
    "ExpertConsultation",
    "GiMode",
    "GiModePeriod",
    "MeetingSetup",
    "NetworkTask",
    "PartnerInvolvement",
    "PartnerUpdate",
    "ProviderView",
    "Reliability",
    "ReliabilityCheck",
    "StakeholderApproach",
    "TableSession",
    "Klik",
]


class PartnerInvolvement(FamilyRecord):
    """R572, R586: a partner organisation involved with the family, with its part."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="partner_involvements")
    partner_type = models.CharField(_("soort partner"), max_length=20, choices=PartnerType.choices)
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisatie (in Gezinsplan)"),
                                     null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("naam organisatie"), max_length=150, blank=True)
    contact = models.CharField(_("contactpersoon en bereikbaarheid"), max_length=200, blank=True)
    part = models.CharField(_("haar deel in het plan"), max_length=500)
    ended_on = models.DateField(_("betrokken tot"), null=True, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["partner_type", "created_at"]
        verbose_name = _("netwerkpartner")
        verbose_name_plural = _("netwerkpartners")

    @property
    def label(self) -> str:
        return self.organisation.label if self.organisation_id else self.name


class PartnerUpdate(FamilyRecord):
    """R589: a partner's update on its own part; shown in the case timeline."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="partner_updates")
    partner = models.ForeignKey(PartnerInvolvement, on_delete=models.PROTECT, related_name="updates")
    text = models.TextField(_("update"), max_length=2000)
    posted_on = models.DateField(_("datum"))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-posted_on", "-created_at"]


class ExpertConsultation(FamilyRecord):
    """R338: consultation of an external specialist for a youth or an adult."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="specialist_consultations")
    expertise = models.CharField(_("expertise"), max_length=12, choices=Expertise.choices)
    consulted_for = models.CharField(_("voor"), max_length=6, choices=ExpertiseFor.choices)
    consulted_on = models.DateField(_("datum"))
    expert_organisation = models.CharField(_("organisatie van de deskundige"), max_length=150)
    advice = models.TextField(_("advies"), max_length=4000)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-consulted_on", "-created_at"]
        verbose_name = _("consultatie specialist")
        verbose_name_plural = _("consultaties specialisten")


class GiMode(models.TextChoices):
    """R623."""

    CONSULTATION = "consultation", _("consultatie en advies aan het wijkteam (wijkteam houdt de regie)")
    INSERTION = "insertion", _("invoegen (de GI neemt de regie tijdelijk over)")


class GiModePeriod(FamilyRecord):
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="gi_modes")
    mode = models.CharField(_("vorm"), max_length=12, choices=GiMode.choices)
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        verbose_name = _("vorm van betrokkenheid GI")
        verbose_name_plural = _("vormen van betrokkenheid GI")


class ConferenceAnswer(models.TextChoices):
    ACCEPTED = "accepted", _("aangenomen")
    DECLINED = "declined", _("afgeslagen")
    POSTPONED = "postponed", _("uitgesteld")


class ConferenceOffer(FamilyRecord):
    """R678: every family is offered an Eigen Kracht-conferentie."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="conference_offers")
    offered_on = models.DateField(_("aangeboden op"))
    answer = models.CharField(_("antwoord van het gezin"), max_length=10, choices=ConferenceAnswer.choices)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-offered_on", "-created_at"]
        verbose_name = _("aanbod Eigen Kracht-conferentie")
        verbose_name_plural = _("aanbod Eigen Kracht-conferentie")


class Reliability(models.TextChoices):
    RELIABLE = "reliable", _("betrouwbaar")
    DOUBT = "doubt", _("twijfel")
    UNRELIABLE = "unreliable", _("niet betrouwbaar")


class ReliabilityCheck(FamilyRecord):
    """R688: the professional's check on the reliability of a network member."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey("families.NetworkMember", verbose_name=_("netwerklid"), on_delete=models.PROTECT,
                               related_name="reliability_checks")
    checked_on = models.DateField(_("datum"))
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Reliability.choices)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT,
                                   related_name="+")
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-checked_on", "-created_at"]
        verbose_name = _("betrouwbaarheidscheck")
        verbose_name_plural = _("betrouwbaarheidschecks")


class NetworkTask(FamilyRecord):
    """R684, R688: a task in the plan for a member of the informal network."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="network_tasks")
    member = models.ForeignKey("families.NetworkMember", verbose_name=_("netwerklid"), on_delete=models.PROTECT,
                               related_name="+")
    task = models.CharField(_("taak"), max_length=500)
    safety_task = models.BooleanField(_("taak in de veiligheidsafspraken of het veiligheidsplan"), default=False)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("taak van het netwerk")
        verbose_name_plural = _("taken van het netwerk")


class StakeholderApproach(FamilyRecord):
    """R151: after the feasible end situation: who to involve, who to win over, how, and my own barrier."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="stakeholder_approaches")
    must_involve = models.TextField(_("wie moet ik hierin betrekken"), max_length=2000)
    already_involved = models.TextField(_("wie zijn al betrokken"), max_length=2000, blank=True)
    win_over = models.TextField(_("wie moet ik nog meekrijgen"), max_length=2000, blank=True)
    approach = models.TextField(_("aanpak"), max_length=2000)
    own_barrier = models.TextField(_("welke barrière moet ik zelf overwinnen"), max_length=2000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("wie betrekken en hoe")
        verbose_name_plural = _("wie betrekken en hoe")


class Klik(models.TextChoices):
    YES = "yes", _("ja")
    NO = "no", _("nee")
    UNSURE = "unsure", _("weet niet")


class ProviderView(FamilyRecord):
    """R156: what the youth thinks of one involved care provider."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    conversation = models.ForeignKey("collaboration.ChildConversation", on_delete=models.PROTECT,
                                     related_name="provider_views")
    provider = models.CharField(_("zorgaanbieder of hulpverlener"), max_length=150)
    klik = models.CharField(_("is er een klik"), max_length=6, choices=Klik.choices)
    matches_wish = models.CharField(_("past de hulp bij wat de jeugdige wil"), max_length=6, choices=Klik.choices)
    in_own_words = models.CharField(_("in de woorden van de jeugdige"), max_length=500, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("mening over de hulp")
        verbose_name_plural = _("meningen over de hulp")


class TableSession(FamilyRecord):
    """R406: a case brought to a table: JBT, RET, MDA++ or the team's own MDO."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="table_sessions")
    table = models.CharField(_("tafel"), max_length=4, choices=TableType.choices)
    held_on = models.DateField(_("datum"))
    forum = models.ForeignKey("accounts.Organisation", verbose_name=_("organisatie van de tafel"),
                              on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("vraag aan de tafel"), max_length=2000)
    outcome = models.TextField(_("uitkomst"), max_length=4000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("tafelbespreking")
        verbose_name_plural = _("tafelbesprekingen")


class MeetingSetup(FamilyRecord):
    """R618, R697: the method and format of a network meeting, and who chairs it."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    meeting = models.OneToOneField("collaboration.Meeting", on_delete=models.PROTECT, related_name="setup")
    method = models.CharField(_("methode"), max_length=20, choices=NetworkMethod.choices)
    method_other = models.CharField(_("andere methode"), max_length=150, blank=True)
    format = models.CharField(_("vorm"), max_length=15, choices=MeetingFormat.choices)
    chair_kind = models.CharField(_("voorzitter is"), max_length=15, choices=ChairKind.choices)
    chair_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("voorzitter (professional)"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    chair_name = models.CharField(_("voorzitter (facilitator)"), max_length=150, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("opzet netwerkberaad")
        verbose_name_plural = _("opzet netwerkberaden")
