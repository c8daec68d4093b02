from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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
    # R517: the registration (aanmelding) date; the first home visit follows within a week.
    registered_on = models.DateField(_("aangemeld op"), null=True, blank=True)
    # R310: the family was told from the start what refusing the offered help can lead to.
    refusal_explained_on = models.DateField(_("uitgelegd wat weigeren van hulp betekent op"), null=True, blank=True)
    refusal_explained_how = models.CharField(_("hoe uitgelegd"), max_length=500, blank=True)
    # R027: status indicators set by the professional (direct and stable safety come from the safety scores).
    cooperation_sufficient = models.BooleanField(_("voldoende medewerking aan hulp"), null=True, blank=True)
    pattern_breaking = models.BooleanField(_("doorbreken van het patroon lukt"), null=True, blank=True)
    # R102: a preventive youth-protection track agreed at the JBT: the GI holds the regie on the child's safety
    # while the LT keeps the regie on the other life domains.
    safety_regie_gi_since = models.DateField(_("regie op veiligheid bij de GI sinds"), null=True, blank=True,
                                             editable=False)
    # R566: the feasible end state marked realised opens phase 3.
    end_state_realised_on = models.DateField(_("haalbare eindsituatie gerealiseerd op"), null=True, blank=True,
                                             editable=False)

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
    # A 2b ends only through a recorded event with a reason (for example the council's outcome); until then it
    # stays in force past its planned end date, so the lead never falls back to the LT silently.
    end_reason = models.CharField(_("reden einde"), max_length=300, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")

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
    offence = models.ForeignKey("Offence", verbose_name=_("strafbaar feit"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="measures",
                                help_text=_("R603: jeugdreclassering volgt op een door de rechter beoordeeld feit."))

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


# --- The method around the case (seed 000-004): intake, contacts, help, assurance, closure ----------------------

class ContactPersonChange(models.TextChoices):
    """R264/R674: why the fixed contact person is (re)assigned; only a broken relationship is the normal reason."""

    REGISTRATION = "registration", _("bij aanmelding")
    RELATIONSHIP_BROKEN = "relationship_broken", _("werkrelatie verstoord")
    ABSENCE = "absence", _("langdurige afwezigheid of vertrek (uitzondering)")
    OTHER = "other", _("andere reden (uitzondering)")


class CaseContactPerson(FamilyRecord):
    """The fixed contact person of a case (vast contactpersoon), from-to; changes stay as history (R264)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="contact_persons")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("vast contactpersoon"),
                             on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(_("van"))
    end_date = models.DateField(_("tot en met"), null=True, blank=True)
    change_reason = models.CharField(_("reden"), max_length=20, choices=ContactPersonChange.choices)
    reason_note = models.CharField(_("toelichting"), max_length=500, blank=True)
    is_exception = models.BooleanField(_("uitzondering op de regel"), default=False, editable=False)

    class Meta:
        ordering = ["start_date", "created_at"]
        verbose_name = _("vast contactpersoon")
        verbose_name_plural = _("vaste contactpersonen")


class TaskKind(models.TextChoices):
    WEIGH_ESCALATION = "weigh_escalation", _("Weging: opschalen naar de Jeugdbeschermingstafel?")
    REGISTER_LT = "register_lt", _("Gezin aanmelden bij het lokaal team (begin eindfase)")
    REVISIT_ANALYSIS = "revisit_analysis", _("Sessie met het gezin: tijdlijn en analyse opnieuw bespreken")
    FOLLOW_UP_HANDOVER = "follow_up_handover", _("Overgedragen gezin zonder geregistreerde hulp")


class CaseTask(FamilyRecord):
    """A task the method asks for, created by an event (never typed in) and done with a date (R027, R046, R265)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="tasks")
    kind = models.CharField(_("taak"), max_length=30, choices=TaskKind.choices)
    note = models.CharField(_("aanleiding"), max_length=500, blank=True)
    due_on = models.DateField(_("uiterlijk"))
    rule_id = models.CharField(max_length=20, blank=True)
    done_on = models.DateField(_("afgerond op"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")


class ContactKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("huisbezoek")
    SUPERVISED_VISIT = "supervised_visit", _("begeleid bezoek (kind en ouder)")
    OFFICE = "office", _("gesprek op kantoor")
    PHONE = "phone", _("telefonisch of beeldbellen")
    SCHOOL = "school", _("op school of elders")


VISIT_KINDS = frozenset({ContactKind.HOME_VISIT, ContactKind.SUPERVISED_VISIT})


class CaseContact(FamilyRecord):
    """A contact with the family; every contact carries a safety score (R531, R543) and the clarity check (R309).
    After a visit the plan is updated right away (R588): until then the visit shows 'plan bijwerken'."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="contacts")
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    held_on = models.DateField(_("datum"))
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("professional"), on_delete=models.PROTECT,
                                related_name="+")
    safety_score = models.PositiveSmallIntegerField(_("veiligheidsscore (1-10)"), validators=[
        MinValueValidator(1), MaxValueValidator(10)], error_messages={
        "null": _("Geef bij elk contact een veiligheidsscore van 1 tot 10.")})
    summary = models.TextField(_("verslag"), max_length=4000, blank=True)
    child = models.ForeignKey("families.Person", verbose_name=_("kind"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey("families.Person", verbose_name=_("ouder"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("begeleider"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    observation = models.TextField(_("wat viel op in de interactie"), max_length=4000, blank=True)
    clarity_checked = models.BooleanField(_("nagevraagd of afspraken en doel van de hulp helder zijn"),
                                          default=False)
    clarity_note = models.CharField(_("toelichting"), max_length=500, blank=True)
    plan_updated_on = models.DateField(_("gezinsplan bijgewerkt op"), null=True, blank=True)
    plan_update_note = models.CharField(_("wat er in het plan veranderde"), max_length=1000, blank=True)
    # R680: the supervisor sees the worker's case notes and adds feedback.
    feedback = models.TextField(_("feedback van de leidinggevende"), max_length=2000, blank=True)
    feedback_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["case", "kind", "held_on"])]
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")


class CaseEventKind(models.TextChoices):
    RELAPSE = "relapse", _("terugval (bijvoorbeeld weerstand of negativiteit)")
    STAGNATION = "stagnation", _("stagnatie")
    NEW_SIGNAL = "new_signal", _("nieuw signaal van onveiligheid")


class FollowUp(models.TextChoices):
    OTHER_SOLUTION = "other_solution", _("andere oplossing zoeken")
    ESCALATE = "escalate", _("ingrijpen: opschalen")


class CaseEvent(FamilyRecord):
    """Relapse, stagnation or a new signal (R027, R530). Stagnation needs a follow-up with who and when."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("soort"), max_length=20, choices=CaseEventKind.choices)
    occurred_on = models.DateField(_("datum"))
    description = models.TextField(_("wat gebeurde er"), max_length=2000)
    follow_up = models.CharField(_("vervolg"), max_length=20, choices=FollowUp.choices, blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("verantwoordelijk"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    follow_up_on = models.DateField(_("uiterlijk"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-created_at"]


class HelpDomain(models.TextChoices):
    """R317: help is not only youth care; adult care and other domains link to the adult concerned."""

    YOUTH_CARE = "youth_care", _("jeugdhulp")
    WMO = "wmo", _("Wmo-ondersteuning")
    DEBT = "debt", _("schuldhulpverlening")
    ADDICTION = "addiction", _("verslavingszorg")
    ADULT_MENTAL = "adult_mental", _("ggz volwassenen")
    HOUSING = "housing", _("huisvesting")
    WORK_INCOME = "work_income", _("werk en inkomen")
    OTHER = "other", _("anders")


class HelpStatus(models.TextChoices):
    REQUESTED = "requested", _("gevraagd door de GI")
    PROPOSED = "proposed", _("voorgesteld")
    CONFIRMED = "confirmed", _("bekrachtigd in het MDO")


class Help(FamilyRecord):
    """Help or an intervention for any member of the family (R303, R317). Proposed by the worker, confirmed in the
    weekly multidisciplinary case discussion (R680). Under 2b youth care follows a GI request (R021, R220)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="help")
    person = models.ForeignKey("families.Person", verbose_name=_("voor gezinslid"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text=_("Leeg: voor het hele gezin."))
    domain = models.CharField(_("domein"), max_length=20, choices=HelpDomain.choices)
    description = models.CharField(_("wat"), max_length=500)
    provider = models.CharField(_("aanbieder"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=HelpStatus.choices, default=HelpStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    gi_request_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("gevraagd door (GI)"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    gi_request_on = models.DateField(_("verzoek GI op"), null=True, blank=True)
    family_agreed_on = models.DateField(_("gezin stemde in op"), null=True, blank=True)
    lt_agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("lokaal team stemde in"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    confirmed_in = models.ForeignKey("collaboration.Meeting", verbose_name=_("bekrachtigd in"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("gestart op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("hulp")
        verbose_name_plural = _("hulp")


class ClosingKind(models.TextChoices):
    END_STATE = "end_state", _("haalbare eindsituatie bereikt")
    HANDED_OVER = "handed_over", _("overgedragen aan vervolghulp")
    MOVED = "moved", _("gezin verhuisd")
    OTHER = "other", _("anders")


class CaseClosure(FamilyRecord):
    """What closing a case needs (R131, R504, R513, R583): confirmations and the handover with the family."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="closure")
    kind = models.CharField(_("soort afsluiting"), max_length=20, choices=ClosingKind.choices)
    safety_not_at_stake = models.BooleanField(_("de veiligheid van de kinderen is niet meer in het geding"),
                                              default=False)
    not_expected_again = models.BooleanField(_("en komt dat naar verwachting ook niet meer"), default=False)
    patterns_broken = models.BooleanField(_("de patronen zijn doorbroken"), default=False)
    change_secured = models.BooleanField(_("de verandering is geborgd"), default=False)
    next_providers = models.CharField(_("vervolghulp"), max_length=500)
    documents = models.CharField(_("overgedragen informatie"), max_length=1000)
    family_took_part_on = models.DateField(_("overdracht samen met het gezin op"))
    family_present = models.CharField(_("aanwezig van het gezin"), max_length=300)


class OffenceKind(models.TextChoices):
    SCHOOL_ABSENCE = "school_absence", _("schoolverzuim")
    VIOLENCE = "violence", _("geweldsdelict")
    PROPERTY = "property", _("vermogensdelict")
    VANDALISM = "vandalism", _("vernieling")
    DRUGS = "drugs", _("drugsdelict")
    OTHER = "other", _("ander strafbaar feit")


class JudgedBy(models.TextChoices):
    CRIMINAL_COURT = "criminal_court", _("strafrechter")
    JUVENILE_COURT = "juvenile_court", _("kinderrechter")
    NOT_JUDGED = "not_judged", _("(nog) niet beoordeeld")


class Offence(FamilyRecord):
    """An offence of a child (R506, R603): the ground of a JR measure, or new offences during the case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="offences")
    child = models.ForeignKey("families.Person", verbose_name=_("kind"), on_delete=models.PROTECT,
                              related_name="+")
    kind = models.CharField(_("soort"), max_length=20, choices=OffenceKind.choices)
    committed_on = models.DateField(_("datum"))
    judged_by = models.CharField(_("beoordeeld door"), max_length=20, choices=JudgedBy.choices,
                                 default=JudgedBy.NOT_JUDGED)
    judged_on = models.DateField(_("beoordeeld op"), null=True, blank=True)
    during_case = models.BooleanField(_("nieuw delict tijdens de casus"), default=False)

    class Meta:
        ordering = ["committed_on"]


class UrgentRequest(FamilyRecord):
    """R255: a joint urgent request (spoedverzoek) for a VOTS, possibly with MUHP, and what came of it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="urgent_requests")
    child = models.ForeignKey("families.Person", verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    with_muhp = models.BooleanField(_("met machtiging uithuisplaatsing"), default=False)
    submitted_on = models.DateField(_("ingediend op"))
    grounds = models.TextField(_("gronden"), max_length=4000)
    author_gi = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("jeugdbeschermer"),
                                  on_delete=models.PROTECT, related_name="+")
    author_lt = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("professional lokaal team"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    council_followed = models.BooleanField(_("Raad nam het verzoek over"), null=True, blank=True)
    council_on = models.DateField(_("besluit Raad op"), null=True, blank=True)
    court_decision = models.CharField(_("beslissing rechter"), max_length=300, blank=True)
    court_decided_on = models.DateField(_("beslist op"), null=True, blank=True)


class ExtensionEvaluation(FamilyRecord):
    """R540: the written evaluation behind an OTS extension request, reviewed by the team leader first."""

    measure = models.ForeignKey(ChildMeasure, on_delete=models.PROTECT, related_name="evaluations")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    evaluation = models.TextField(_("evaluatie"), max_length=8000)
    not_good_enough = models.TextField(_("waarom de situatie thuis nog niet goed genoeg is"), max_length=4000)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    review_comment = models.TextField(_("commentaar leidinggevende"), max_length=2000, blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    submitted_on = models.DateField(_("ingediend bij de rechter op"), null=True, blank=True)


class CouncilReport(FamilyRecord):
    """R593: the report of the Raad voor de Kinderbescherming as an intake source of a measure case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="council_reports")
    received_on = models.DateField(_("ontvangen op"))
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True)
    findings = models.TextField(_("bevindingen"), max_length=8000)


class DivorceApproach(FamilyRecord):
    """R694: an OTS in a (high-conflict) divorce: two guardians, a file analysis, the escalation ladder."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="divorce_approach")
    problems = models.TextField(_("problemen"), max_length=4000, blank=True)
    interests = models.TextField(_("belangen"), max_length=4000, blank=True)
    parties = models.TextField(_("partijen"), max_length=2000, blank=True)
    legal_framework = models.TextField(_("volledig juridisch kader"), max_length=4000, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalatieladder (1-9)"), null=True, blank=True,
                                                        validators=[MinValueValidator(1), MaxValueValidator(9)])
    first_conversation_on = models.DateField(_("eerste gesprek op"), null=True, blank=True)
    first_conversation_complete = models.BooleanField(_("beide ouders en beide gezinsvoogden aanwezig"),
                                                      default=False)
    safety_reason = models.CharField(_("veiligheidsreden om apart te spreken"), max_length=500, blank=True)


class JointWorkType(models.IntegerChoices):
    DEVELOPMENT = 1, _("1: geen JBT-melding, geen acute dreiging, wel ernstige zorgen over de ontwikkeling")
    DEFERRED = 2, _("2: JBT-melding gedaan, aangehouden raadsonderzoek, ouders werken mee")


class JointWork(FamilyRecord):
    """R118: the GI works together with an SKT care director, on the client's assignment and with consent."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="joint_work")
    type = models.PositiveSmallIntegerField(_("soort"), choices=JointWorkType.choices)
    care_director = models.CharField(_("zorgregisseur SKT"), max_length=200)
    assignment_on = models.DateField(_("opdracht van de cliënt op"))
    consent_by = models.CharField(_("toestemming van"), max_length=300)
    consent_on = models.DateField(_("toestemming op"))
    started_on = models.DateField(_("gestart op"))
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)

    @property
    def process_and_safety_regie(self) -> str:
        return str(_("SKT (zorgregisseur)")) if self.type == JointWorkType.DEFERRED else str(_("volgt de fase"))


class PreventiveAgreement(models.Model):
    """R695: a (financial) agreement between a municipality and a GI on work in 'justitieel preventief kader'."""

    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)


class SiblingPreventive(FamilyRecord):
    """R695: a sibling without a measure, in voluntary framework within the same family case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="preventive_siblings")
    child = models.ForeignKey("families.Person", verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(PreventiveAgreement, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("vanaf"))
    framework = models.CharField(max_length=20, choices=Framework.choices, default=Framework.VOLUNTARY,
                                 editable=False)


class WorkPhaseLabels(models.Model):
    """Issue 4 item 6, R682: an organisation names the three work phases in its own model."""

    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.CASCADE,
                                        related_name="work_phase_labels")
    phase_1 = models.CharField(_("fase 1"), max_length=100)
    phase_2 = models.CharField(_("fase 2"), max_length=100)
    phase_3 = models.CharField(_("fase 3"), max_length=100)

    def label(self, phase: int) -> str:
        return {1: self.phase_1, 2: self.phase_2, 3: self.phase_3}[phase]


class PhaseTaskCheck(models.Model):
    """R047/R049: a ticked task of the LT or GI checklist of a collaboration phase."""

    id = models.BigAutoField(primary_key=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="phase_task_checks")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    party = models.CharField(max_length=2)
    item = models.CharField(max_length=40)
    done = models.BooleanField(default=False)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "phase", "party", "item"],
                                               name="phase_task_check_once")]


class PlanDecision(FamilyRecord):
    """R308: the family plan becomes agreed only with the family: who co-decided, when, and their input."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="plan_decisions")
    decided_on = models.DateField(_("besloten op"))
    members = models.CharField(_("wie van het gezin besliste mee"), max_length=300)
    family_input = models.TextField(_("inbreng van het gezin"), max_length=4000)
