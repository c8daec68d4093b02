from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.core.models import FamilyRecord


class CaseStatus(models.TextChoices):
    OPEN = "open", _("lopend")
    CLOSED = "closed", _("afgesloten")


class Framework(models.TextChoices):
    """The legal framework of the help (kader), R343/R609/R611."""

    VOLUNTARY = "vrijwillig", _("vrijwillig")
    DRANG = "drang", _("drang (vrijwillig, niet vrijblijvend)")
    COUNCIL = "raadsonderzoek", _("raadsonderzoek")
    COMPULSORY = "dwang", _("dwang (maatregel)")
    AFTERCARE = "nazorg", _("nazorg")


class Phase(models.TextChoices):
    """The collaboration phase of LT and GI (figure 3 of seed 000), R025."""

    LT = "lt", _("Lokaal team")
    LT_GI = "lt_gi", _("Lokaal team met expertise GI")
    MEASURE = "measure", _("Maatregel GI")
    LT_AFTER = "lt_after", _("Lokaal team na borging GI")


class WorkPhase(models.IntegerChoices):
    """The family's phase in the work (seed 003), R514."""

    CONNECT = 1, _("Fase 1: verbinden en motiveren")
    SUPPORT = 2, _("Fase 2: ondersteunen en regie voeren")
    SECURE = 3, _("Fase 3: generaliseren en borgen")


class IntakeSource(models.TextChoices):
    """How a case came in (R263, R351)."""

    LOCAL_TEAM = "lokaal_team", _("lokaal team")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    BOTH = "beide", _("lokaal team en Veilig Thuis")
    CIT = "cit", _("Crisis Interventie Team")
    POLICE = "politie", _("melding na politie-inzet")
    SELF = "zelf", _("eigen aanmelding")
    SCHOOL = "school", _("school of huisarts")
    GI = "gi", _("gecertificeerde instelling")
    OTHER = "anders", _("anders")


class Case(FamilyRecord):
    """One episode of work with a family (casus / traject)."""

    family = models.ForeignKey("families.Family", verbose_name=_("gezin"), on_delete=models.PROTECT,
                               related_name="cases")
    reason = models.CharField(_("aanleiding"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField(_("gestart op"))
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    closing_reason = models.CharField(_("reden van afsluiten"), max_length=300, blank=True)
    intake_source = models.CharField(_("binnengekomen via"), max_length=20, choices=IntakeSource.choices,
                                     default=IntakeSource.LOCAL_TEAM)
    # Framework, phase and work phase change only through cases.transitions (a table); never typed in.
    framework = models.CharField(_("kader"), max_length=20, choices=Framework.choices, default=Framework.VOLUNTARY,
                                 editable=False)
    phase = models.CharField(_("fase samenwerking"), max_length=10, choices=Phase.choices, default=Phase.LT,
                             editable=False)
    work_phase = models.PositiveSmallIntegerField(_("werkfase"), choices=WorkPhase.choices,
                                                  default=WorkPhase.CONNECT, editable=False)
    # R508: explicit flags that filter lists and reports.
    suspected_sexual_abuse = models.BooleanField(_("vermoeden van seksueel misbruik"), default=False)
    complex_divorce = models.BooleanField(_("complexe scheiding"), default=False)

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


class PhaseTransition(models.Model):
    """One row per change of framework, phase or work phase: the append-only history of the case (R026)."""

    id = models.BigAutoField(primary_key=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transitions")
    trigger = models.CharField(_("aanleiding"), max_length=40)
    from_phase = models.CharField(max_length=10, choices=Phase.choices)
    to_phase = models.CharField(max_length=10, choices=Phase.choices)
    from_framework = models.CharField(max_length=20, choices=Framework.choices)
    to_framework = models.CharField(max_length=20, choices=Framework.choices)
    from_work_phase = models.PositiveSmallIntegerField(choices=WorkPhase.choices)
    to_work_phase = models.PositiveSmallIntegerField(choices=WorkPhase.choices)
    rule_id = models.CharField(max_length=100, blank=True)
    reason = models.TextField(_("toelichting"), max_length=2000, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_on = models.DateField(_("datum"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class ProductKind(models.TextChoices):
    P2A = "2a", _("Product 2a: samen optrekken, regie bij het lokaal team")
    P2B = "2b", _("Product 2b: samen optrekken, regie bij de GI")


class IndicationReason(models.TextChoices):
    """R015: the reason of a 2a indication; 2b has its own (a JBT decision)."""

    TEAM_DECISION = "a", _("besluit lokaal team: zorgen over de ontwikkeling, geen acute dreiging")
    JBT_UNDER_WAY = "b", _("besluit lokaal team terwijl een JBT-aanmelding loopt")
    DEFERRED_COUNCIL = "c", _("JBT besloot tot een aangehouden raadsonderzoek")
    AFTER_OTS = "d", _("na het einde van een OTS (warme overdracht)")
    JBT_2B = "jbt", _("besluit van de Jeugdbeschermingstafel (2b)")


class ProductIndication(FamilyRecord):
    """An indication of product 2a or 2b (inzet product), with its hours budget for 2a (R010)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="indications")
    kind = models.CharField(_("product"), max_length=2, choices=ProductKind.choices)
    reason = models.CharField(_("indicatiereden"), max_length=3, choices=IndicationReason.choices)
    indicated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("geïndiceerd door"),
                                     on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("ingangsdatum"))
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    budget_hours = models.DecimalField(_("urenbudget"), max_digits=5, decimal_places=2, null=True, blank=True)
    decision_on = models.DateField(_("datum besluit"), help_text=_("2a: het teambesluit in het casuïstiekoverleg; "
                                                                   "2b: de tafelbespreking van de JBT."))
    decision_forum = models.CharField(_("overleg"), max_length=200, error_messages={
        "blank": _("Vul het overleg in waar het besluit viel: 2a kan alleen na een teambesluit (casuïstiekoverleg).")})
    decision_participants = models.CharField(_("deelnemers aan het besluit"), max_length=500, blank=True)
    consent_by = models.CharField(_("toestemming van"), max_length=300, error_messages={
        "blank": _("Leg vast welke ouders/verzorgers toestemming gaven: zonder toestemming geen product.")},
                                  help_text=_("Welke ouders/verzorgers (en eventueel de jeugdige) stemden in."))
    consent_on = models.DateField(_("datum toestemming"))
    measure = models.ForeignKey("ChildMeasure", verbose_name=_("na maatregel"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="aftercare_indications")

    class Meta:
        ordering = ["starts_on", "created_at"]
        verbose_name = _("productinzet")
        verbose_name_plural = _("productinzet")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.starts_on:%d-%m-%Y})"


class HourActivity(models.TextChoices):
    """R011: activity types charged to the 2a budget."""

    CASE_DISCUSSION = "case_discussion", _("casuïstiekbespreking bijwonen")
    HOME_VISIT = "home_visit", _("gezamenlijk huisbezoek")
    ANALYSIS = "analysis", _("gezamenlijke uitgebreide analyse")
    NETWORK_MEETING = "network_meeting", _("netwerkberaad")
    CONSULTATION = "consultation", _("overleg met het lokaal team")
    OTHER = "other", _("anders")


class HourEntry(FamilyRecord):
    """Hours a professional spent against an indication (urenregistratie)."""

    indication = models.ForeignKey(ProductIndication, on_delete=models.PROTECT, related_name="hour_entries")
    professional = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("professional"),
                                     on_delete=models.PROTECT, related_name="hour_entries")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    worked_on = models.DateField(_("datum"))
    hours = models.DecimalField(_("uren"), max_digits=4, decimal_places=2)
    activity = models.CharField(_("activiteit"), max_length=20, choices=HourActivity.choices)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    # R272: the collaboration phase the hours were spent in (before, during or after a measure), set on entry.
    case_phase = models.CharField(_("fase"), max_length=10, choices=Phase.choices, editable=False, default=Phase.LT)

    class Meta:
        ordering = ["worked_on", "created_at"]
        indexes = [models.Index(fields=["worked_on"])]
        verbose_name = _("uren")
        verbose_name_plural = _("urenregistratie")


class MeasureKind(models.TextChoices):
    """R602: court measures per child."""

    OTS = "ots", _("ondertoezichtstelling (OTS)")
    VOTS = "vots", _("voorlopige OTS")
    MUHP = "muhp", _("machtiging uithuisplaatsing")
    GUARDIANSHIP = "voogdij", _("voogdij")
    JR = "jr", _("jeugdreclassering")


class ChildMeasure(FamilyRecord):
    """A court measure for one child: pronounced, start, end, extensions (R256, R602)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="measures")
    child = models.ForeignKey("families.Person", verbose_name=_("kind"), on_delete=models.PROTECT,
                              related_name="measures")
    kind = models.CharField(_("maatregel"), max_length=10, choices=MeasureKind.choices)
    pronounced_on = models.DateField(_("uitgesproken door de rechter op"))
    starts_on = models.DateField(_("ingangsdatum"))
    ends_on = models.DateField(_("einddatum"), help_text=_("De einddatum van de uitspraak of de laatste verlenging."))
    ended_on = models.DateField(_("feitelijk beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(_("reden einde"), max_length=300, blank=True)
    recorded_by_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.child}"


class MeasureExtension(FamilyRecord):
    """An extension of a measure; the advice of the professionals, the RvdK and the court's decision apart (R256)."""

    measure = models.ForeignKey(ChildMeasure, on_delete=models.PROTECT, related_name="extensions")
    decided_on = models.DateField(_("beslist op"))
    new_ends_on = models.DateField(_("nieuwe einddatum"))
    professionals_advice = models.CharField(_("advies JB/LT"), max_length=300, blank=True)
    council_advice = models.CharField(_("advies Raad voor de Kinderbescherming"), max_length=300, blank=True)
    court_decision = models.CharField(_("beslissing rechter"), max_length=300)

    class Meta:
        ordering = ["decided_on"]


class HandoverStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACCEPTED = "accepted", _("geaccepteerd")


class Handover(FamilyRecord):
    """The 100% clean handover: what is shared, the warm meeting with the family, the receiver's acceptance."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="handovers")
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("van"), on_delete=models.PROTECT,
                                  related_name="handovers_given")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("naar"), on_delete=models.PROTECT,
                                related_name="handovers_received")
    reason = models.CharField(_("reden"), max_length=300)
    checklist = models.JSONField(_("gedeelde informatie"), default=dict)
    meeting_on = models.DateField(_("warme overdracht met het gezin op"), null=True, blank=True)
    family_present = models.CharField(_("aanwezig van het gezin"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.OPEN)
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")


class WorkPhaseCheck(models.Model):
    """A ticked goal of the work phase checklist (R515, R524, R534)."""

    id = models.BigAutoField(primary_key=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="work_phase_checks")
    work_phase = models.PositiveSmallIntegerField(choices=WorkPhase.choices)
    item = models.CharField(max_length=40)
    done = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "work_phase", "item"], name="work_phase_check_once")]
