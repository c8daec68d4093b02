from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.core.models import FamilyRecord


class CaseStatus(models.TextChoices):
    OPEN = "open", _("lopend")
    CLOSED = "closed", _("afgesloten")


class Case(FamilyRecord):
    """One episode of work with a family (casus / traject)."""

    family = models.ForeignKey("families.Family", verbose_name=_("gezin"), on_delete=models.PROTECT,
                               related_name="cases")
    reason = models.CharField(_("aanleiding"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField(_("gestart op"))
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    closing_reason = models.CharField(_("reden van afsluiten"), max_length=300, blank=True)

    class Meta:
        ordering = ["-opened_on"]
        indexes = [models.Index(fields=["family", "status"])]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")

    def __str__(self):
        return f"{self.family.name}: {self.reason}"


class InvolvementRole(models.TextChoices):
    LEAD = "lead", _("regie")
    SUPPORT = "support", _("ondersteunend")
    EXPERT = "expert", _("expertise")
    BACKGROUND = "background", _("op de achtergrond (waakvlam)")
    ON_CALL = "on_call", _("oproepbaar")


class Involvement(FamilyRecord):
    """A professional of an organisation in a case with a role, from-to. Need-to-know follows it."""

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.PROTECT, related_name="involvements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("professional"), on_delete=models.PROTECT,
                             related_name="involvements")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisatie"),
                                     on_delete=models.PROTECT, related_name="involvements")
    role = models.CharField(_("rol"), max_length=20, choices=InvolvementRole.choices)
    start_date = models.DateField(_("van"))
    end_date = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["start_date"]
        indexes = [
            models.Index(fields=["user", "end_date"]),
            models.Index(fields=["case", "end_date"]),
        ]
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"
