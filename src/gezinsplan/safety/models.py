"""Safety first: the weighing, the safety assessment, the safety scale and the parents' own safety plan.

Rows of a family's data inherit `FamilyRecord`; the safety plan is a versioned document (core.versioning) whose
content is one JSON object per version (see `safety.plan_content` for its shape and validation).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.core.models import FamilyRecord, LiveManager
from gezinsplan.core.versioning import DocumentVersion, VersionedDocument

# --- Weighing (weging) -------------------------------------------------------------------------------------------


class WeighingOccasion(models.TextChoices):
    """R105/R106: when a weighing is made."""

    START = "start", _("start (melding)")
    LEAD_SWITCH = "lead_switch", _("wisseling van regie (op- of afschalen)")
    SIGNALS = "signals", _("(ernstige) signalen tijdens de hulp")


class LifeArea(models.TextChoices):
    """The life areas of the weighing card (wegingskaart, figure 5 of seed 000), R106/R107."""

    MENTAL_HEALTH = "mental_health", _("Geestelijke gezondheid ouders (LVB, psychiatrie, verslaving)")
    AVOIDING_CARE = "avoiding_care", _("Zorgmijden of bagatelliseren van de zorgen")
    CHILD_SIGNALS = "child_signals", _("Kindsignalen: bedreigde ontwikkeling")
    AGENCY_REPORTS = "agency_reports", _("Zorgmeldingen van betrokken instanties")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Huiselijk geweld")
    LOAD_CAPACITY = "load_capacity", _("Draaglast en draagkracht ouders uit balans")
    FINANCES_HOUSING = "finances_housing", _("Financiën en huisvesting")
    WORK_EDUCATION = "work_education", _("Werk en opleiding")
    SOCIAL_NETWORK = "social_network", _("Sociaal netwerk")
    STUCK = "stuck", _("We lopen vast in het gezin (komen niet meer binnen, blussen brandjes)")
    NOT_COOPERATING = "not_cooperating", _("Het gezin wil niet langer meewerken in het vrijwillig kader")


class CardQuestion(models.TextChoices):
    """R111: the question groups of the weighing card."""

    PEOPLE = "people", _("Wie zijn de mensen? (genogram, jonge kinderen, steunend netwerk, rol, cultuur)")
    CHILDREN = (
        "children",
        _(
            "Wie zijn de kinderen? (welzijn, school, sport, vrienden, effect van de problemen, "
            "behoeften, compenserende factoren)"
        ),
    )
    HELP = "help", _("Hulp (openheid voor hulp, eerdere hulp en ervaringen, hoe vaak gestart en gestopt, resultaat)")
    PARENTS = (
        "parents",
        _(
            "Wie zijn de ouders? (kunnen zij denken in het belang van de kinderen, delen of "
            "bagatelliseren, huiselijk geweld, werk, financiën, compenserende factoren)"
        ),
    )
    REPORTS = "reports", _("Meldingen en zorgsignalen (hoe vaak, wat, wanneer)")


class AnalysisDecision(models.TextChoices):
    """R104: is an extended explanatory analysis helpful or necessary?"""

    YES = "yes", _("ja, een uitgebreide verklarende analyse")
    NO = "no", _("nee")
    MORE_INFO = "more_info", _("eerst meer feitelijke informatie nodig")


class GiDecision(models.TextChoices):
    """R104: is involving the GI helpful or necessary? 'Yes' is what product 2a requires (R007)."""

    YES = "yes", _("ja, GI-expertise nodig")
    NO = "no", _("nee")


class RiskKind(models.TextChoices):
    """R237: the weighing classifies the risks."""

    NONE = "none", _("geen acute of structurele risico's")
    ACUTE = "acute", _("acute risico's")
    STRUCTURAL = "structural", _("structurele risico's")
    BOTH = "both", _("acute én structurele risico's")


class WeighingPurpose(models.TextChoices):
    """R070: a joint LT–GI weighing precedes requesting or closing a child protection measure."""

    REGULAR = "regular", _("weging")
    MEASURE_REQUEST = "measure_request", _("gezamenlijke afweging: verzoek tot onderzoek (maatregel aanvragen)")
    MEASURE_CLOSURE = "measure_closure", _("gezamenlijke afweging: maatregel afsluiten")


class Weighing(FamilyRecord):
    """A structured weighing with the weighing card, taken in a case discussion (MDO) with a behavioural scientist."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="weighings")
    occasion = models.CharField(_("aanleiding van de weging"), max_length=20, choices=WeighingOccasion.choices)
    held_on = models.DateField(_("datum casuïstiekbespreking"))
    question = models.CharField(_("welke afweging maken we?"), max_length=500)
    participants = models.CharField(
        _("deelnemers"), max_length=500, help_text=_("Bijvoorbeeld: casusregisseur, collega, gedragswetenschapper.")
    )
    signals = models.JSONField(_("signalen per leefgebied"), default=dict, blank=True)
    answers = models.JSONField(_("antwoorden op de vragen van de wegingskaart"), default=dict, blank=True)
    risk_kind = models.CharField(_("soort risico"), max_length=12, choices=RiskKind.choices, default=RiskKind.NONE)
    extended_analysis = models.CharField(
        _("uitgebreide verklarende analyse nodig?"), max_length=10, choices=AnalysisDecision.choices
    )
    gi_needed = models.CharField(_("GI-expertise nodig?"), max_length=5, choices=GiDecision.choices)
    behavioural_scientist = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gedragswetenschapper"), on_delete=models.PROTECT, related_name="+"
    )
    behavioural_scientist_advice = models.TextField(_("advies van de gedragswetenschapper"), max_length=4000)
    purpose = models.CharField(
        _("soort afweging"), max_length=20, choices=WeighingPurpose.choices, default=WeighingPurpose.REGULAR
    )
    lt_input = models.TextField(_("inbreng lokaal team"), max_length=4000, blank=True)
    gi_input = models.TextField(_("inbreng GI"), max_length=4000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("weging")
        verbose_name_plural = _("wegingen")

    def __str__(self):
        label = _("Weging")
        return f"{label} {self.held_on:%d-%m-%Y}"


# --- Safety assessment (veiligheidstaxatie) and risk assessment (risicotaxatie) ---------------------------------


class ArijItem(models.TextChoices):
    """R124/R547: the items of direct danger, judged over the last three months."""

    PHYSICAL_ABUSE = "physical_abuse", _("Fysieke mishandeling")
    SEXUAL_ABUSE = "sexual_abuse", _("Seksueel misbruik")
    NEGLECT = "neglect", _("Ernstige verwaarlozing")
    PARENT_PSYCHIATRY = "parent_psychiatry", _("Psychiatrische problematiek opvoeders, direct gevaar kind")
    SELF_DANGER = (
        "self_danger",
        _("Ernstige gedragsproblemen waardoor het kind een gevaar is voor zichzelf en/of anderen"),
    )
    PSYCHOLOGICAL_ABUSE = "psychological_abuse", _("Acute ernstige psychische mishandeling")
    ABDUCTION = "abduction", _("Dreiging van ontvoering")
    HONOUR = "honour", _("Dreiging van eergerelateerd geweld (eerwraak)")
    OTHER = "other", _("Andere vormen van directe onveiligheid van het kind")


class Conclusion(models.TextChoices):
    SAFE = "safe", _("veilig")
    UNSAFE = "unsafe", _("onveilig")
    SECURE_NOW = "secure_now", _("direct veiligstellen")


CONCLUSION_ORDER = {Conclusion.SAFE: 0, Conclusion.UNSAFE: 1, Conclusion.SECURE_NOW: 2}


class SafetyAssessment(FamilyRecord):
    """An instrument-based assessment of one child's direct safety over the last three months (R124, R238)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="safety_assessments")
    child = models.ForeignKey(
        "families.Person", verbose_name=_("kind"), on_delete=models.PROTECT, related_name="safety_assessments"
    )
    instrument = models.CharField(
        _("instrument"), max_length=60, default="ARIJ", help_text=_("Bijvoorbeeld ARIJ, LIRIK of Veiligheidslijst.")
    )
    assessed_on = models.DateField(_("datum taxatie"))
    items = models.JSONField(_("items"), default=dict)  # {item: {"conclusion": ..., "description": ...}}
    conclusion = models.TextField(_("conclusie"), max_length=4000)
    with_family = models.BooleanField(_("samen met het gezin gemaakt"), default=True)
    immediate_action = models.TextField(
        _("direct genomen maatregel"),
        max_length=2000,
        blank=True,
        help_text=_("Verplicht bij 'direct veiligstellen' (R548)."),
    )
    parents_view = models.TextField(
        _("zienswijze van de ouders"),
        max_length=4000,
        blank=True,
        help_text=_(
            "Als de ouders het niet eens zijn: hun zienswijze staat naast de taxatie en houdt die niet tegen (R600)."
        ),
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("getaxeerd door"), on_delete=models.PROTECT, related_name="+"
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-assessed_on", "-created_at"]
        indexes = [models.Index(fields=["case", "child", "assessed_on"])]
        verbose_name = _("veiligheidstaxatie")
        verbose_name_plural = _("veiligheidstaxaties")

    def __str__(self):
        return f"{self.instrument} {self.assessed_on:%d-%m-%Y}"

    @property
    def outcome(self) -> str:
        """The most serious conclusion over all items."""
        worst = max((CONCLUSION_ORDER.get(v.get("conclusion"), 0) for v in self.items.values()), default=0)
        return [c for c, n in CONCLUSION_ORDER.items() if n == worst][0]

    def acute_items(self, *, window_days: int = 92) -> list[str]:
        """R547: the items that count as an acute threat: not 'safe' and (when dated) within the window before the
        assessment date."""
        from datetime import date, timedelta

        start = self.assessed_on - timedelta(days=window_days)
        counted = []
        for item, value in self.items.items():
            if value.get("conclusion") == Conclusion.SAFE:
                continue
            occurred = value.get("occurred_on")
            if occurred and date.fromisoformat(occurred) < start:
                continue
            counted.append(item)
        return counted

    def get_outcome_display(self) -> str:
        return str(Conclusion(self.outcome).label)

    def item_rows(self) -> list[tuple[str, str, str]]:
        return [
            (
                str(item.label),
                str(Conclusion(self.items[item]["conclusion"]).label),
                self.items[item].get("description", ""),
            )
            for item in ArijItem
            if item in self.items
        ]


class AssessmentAdvice(FamilyRecord):
    """Advice on an assessment by someone who does not hold the safety responsibility (R014, R032)."""

    assessment = models.ForeignKey(SafetyAssessment, on_delete=models.PROTECT, related_name="advice")
    text = models.TextField(_("advies"), max_length=4000)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("advies bij taxatie")


class RiskLevel(models.TextChoices):
    LOW = "low", _("laag")
    MEDIUM = "medium", _("verhoogd")
    HIGH = "high", _("hoog")


class RiskAssessment(FamilyRecord):
    """Stable safety: static and dynamic risk factors held apart, and the result (R116, R564)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="risk_assessments")
    child = models.ForeignKey(
        "families.Person", verbose_name=_("kind"), on_delete=models.PROTECT, related_name="risk_assessments"
    )
    instrument = models.CharField(_("instrument"), max_length=60, default="ARIJ Risicotaxatie")
    assessed_on = models.DateField(_("datum taxatie"))
    static_factors = models.TextField(_("statische risicofactoren"), max_length=4000)
    dynamic_factors = models.TextField(_("dynamische risicofactoren"), max_length=4000)
    protective_factors = models.TextField(_("beschermende factoren"), max_length=4000, blank=True)
    result = models.CharField(_("uitkomst"), max_length=10, choices=RiskLevel.choices)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("getaxeerd door"), on_delete=models.PROTECT, related_name="+"
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-assessed_on", "-created_at"]
        verbose_name = _("risicotaxatie")
        verbose_name_plural = _("risicotaxaties")


# --- Safety scale (veiligheidsschaal) ------------------------------------------------------------------------------


class Scorer(models.TextChoices):
    PROFESSIONAL = "professional", _("professional")
    PARENT = "parent", _("ouder")
    YOUTH = "youth", _("jeugdige")
    NETWORK = "network", _("netwerklid")


class ScoreSetting(models.TextChoices):
    """R532: where the score was given."""

    CASE_DISCUSSION = "case_discussion", _("interne casuïstiekbespreking")
    FAMILY_CONVERSATION = "family_conversation", _("gesprek met het gezin")
    NETWORK_MEETING = "network_meeting", _("netwerkbijeenkomst met samenwerkingspartners")
    OTHER = "other", _("ander belangrijk moment")


class SafetyScore(FamilyRecord):
    """A score from 1 to 10 after a contact or important moment, per child; history, never overwritten (R531)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="safety_scores")
    child = models.ForeignKey(
        "families.Person", verbose_name=_("kind"), on_delete=models.PROTECT, related_name="safety_scores"
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(10)])
    scored_on = models.DateField(_("datum"))
    scorer = models.CharField(_("gescoord door"), max_length=15, choices=Scorer.choices, default=Scorer.PROFESSIONAL)
    scorer_name = models.CharField(_("naam van wie scoorde"), max_length=150, blank=True)
    setting = models.CharField(
        _("moment"), max_length=20, choices=ScoreSetting.choices, default=ScoreSetting.FAMILY_CONVERSATION
    )
    situation = models.CharField(_("situatie"), max_length=500, help_text=_("Wat gebeurde er; waarom dit cijfer?"))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["scored_on", "created_at"]
        indexes = [models.Index(fields=["case", "child", "scored_on"])]
        verbose_name = _("veiligheidsscore")
        verbose_name_plural = _("veiligheidsschaal")


# --- Safety plan (veiligheidsplan) ----------------------------------------------------------------------------------


class SafetyPlan(VersionedDocument):
    """The parents' own safety plan: one per case, from day one (R546); the versions hold the content."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="safety_plan")
    current = models.ForeignKey("SafetyPlanVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("veiligheidsplan")
        verbose_name_plural = _("veiligheidsplannen")


class SafetyPlanVersion(DocumentVersion):
    document = models.ForeignKey(SafetyPlan, on_delete=models.PROTECT, related_name="versions")

    class Meta(DocumentVersion.Meta):
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="safety_plan_version_once")]
        verbose_name = _("versie veiligheidsplan")


class Breach(FamilyRecord):
    """R240: a breach of a safety agreement or bottom line, recorded on the plan; the next version adjusts it."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.PROTECT, related_name="breaches")
    item_id = models.CharField(_("afspraak of bodemeis"), max_length=40)
    item_text = models.CharField(_("tekst van de afspraak"), max_length=500)
    in_version = models.PositiveIntegerField(_("versie van het plan"))
    occurred_on = models.DateField(_("datum"))
    breached_by = models.CharField(_("door wie"), max_length=150)
    what_happened = models.TextField(_("wat is er gebeurd?"), max_length=4000)
    police_involved = models.BooleanField(_("politie betrokken"), default=False)
    police_called_by = models.CharField(_("politie gebeld door"), max_length=150, blank=True)
    adjusted_in = models.PositiveIntegerField(_("aangepast in versie"), null=True, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        verbose_name = _("schending van een afspraak")
        verbose_name_plural = _("schendingen van afspraken")


class UnsafeConfirmation(FamilyRecord):
    """A professional starting analysis or change work while direct safety is below a '6', with the reason (R126)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="unsafe_confirmations")
    what = models.CharField(_("wat wordt gestart"), max_length=200)
    reason = models.TextField(_("reden"), max_length=2000)
    latest_score = models.PositiveSmallIntegerField(_("laatste score"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class BanKind(models.TextChoices):
    CONTACT = "contact", _("contactverbod")
    HOUSE = "house", _("huisverbod")
    OTHER = "other", _("ander verbod of andere beperking")


class ContactBan(FamilyRecord):
    """R243: a legal restriction on a person (contact or house ban), shown as a safety alert while in force."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="contact_bans")
    person = models.ForeignKey(
        "families.Person", verbose_name=_("voor wie"), on_delete=models.PROTECT, related_name="contact_bans"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=BanKind.choices)
    starts_on = models.DateField(_("ingangsdatum"))
    ends_on = models.DateField(_("einddatum"), null=True, blank=True, help_text=_("Leeg als die niet bekend is."))
    protects = models.CharField(_("beschermt"), max_length=300, help_text=_("Wie beschermd wordt door het verbod."))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("verbod")
        verbose_name_plural = _("verboden")

    def in_force(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


# --- Safety track, signals and 'good enough' (R121, R123, R301, R578, R652) -------------------------------------


class SafetyStage(models.IntegerChoices):
    """R301/R123: the ordered work on safety. 1 is the safety plan (direct safety); 2 and 3 are risk-driven
    (stable safety); 4 is recovery-oriented (the feasible end situation, processing losses and trauma)."""

    DIRECT = 1, _("1. Directe veiligheid herstellen (veiligheidsplan)")
    CAUSES = 2, _("2. Oorzaken van de onveiligheid analyseren (risicogestuurd)")
    LASTING = 3, _("3. Werken aan blijvende veiligheid, herhaling voorkomen (risicogestuurd)")
    RECOVERY = 4, _("4. Herstel: verwerking van verlies en trauma (herstelgericht)")


class StageChange(FamilyRecord):
    """One step of the safety track; the latest live row is the current stage (append-only history)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="safety_stages")
    stage = models.PositiveSmallIntegerField(_("fase"), choices=SafetyStage.choices)
    changed_on = models.DateField(_("datum"))
    reason = models.TextField(_("toelichting"), max_length=2000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-changed_on", "-created_at"]
        verbose_name = _("veiligheidsfase")


class DirectSafetySignal(FamilyRecord):
    """R121: a new signal about direct safety puts the safety plan back in front."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="safety_signals")
    noticed_on = models.DateField(_("datum signaal"))
    description = models.TextField(_("wat is er gesignaleerd?"), max_length=4000)
    source = models.CharField(_("van wie"), max_length=200, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-noticed_on", "-created_at"]
        verbose_name = _("signaal directe veiligheid")


class GoodEnoughVerdict(models.TextChoices):
    YES = "yes", _("ja, goed genoeg")
    YES_WITH_HELP = "yes_with_help", _("goed genoeg met blijvende compenserende hulp")
    NO = "no", _("nee, nog niet goed genoeg")


class GoodEnough(FamilyRecord):
    """R652/R578: the current 'good enough' judgement of lasting safety, with reasons, date and participants."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="good_enough")
    verdict = models.CharField(_("is de veiligheid goed genoeg?"), max_length=15, choices=GoodEnoughVerdict.choices)
    reasons = models.TextField(_("waarom"), max_length=4000)
    assessed_on = models.DateField(_("datum"))
    participants = models.CharField(_("wie beoordeelden"), max_length=500)
    compensating_help = models.CharField(_("blijvende compenserende hulp"), max_length=500, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-assessed_on", "-created_at"]
        verbose_name = _("oordeel 'goed genoeg'")


# --- Conversations: the first conversation and the exception (R519, R677, R161) -----------------------------------


class FirstConversation(FamilyRecord):
    """R519/R677: the first conversation with the family names the unsafety and explains why we are there."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="first_conversations")
    held_on = models.DateField(_("datum"))
    reason_explained = models.BooleanField(_("uitgelegd waarom wij in het gezin komen"), default=False)
    unsafety_named = models.TextField(_("de concrete onveiligheid die wij benoemden"), max_length=4000)
    behaviour_meaning = models.TextField(
        _("wat het gedrag van de ouders betekent voor de (on)veiligheid van het kind, en andersom"), max_length=4000
    )
    safe_enough_on = models.DateField(_("kind veilig genoeg bevestigd op"), null=True, blank=True)
    safe_enough_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bevestigd door"),
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["held_on", "created_at"]
        verbose_name = _("eerste gesprek")


class TalkExceptionReason(models.TextChoices):
    SEXUAL_VIOLENCE = "sexual_violence", _("seksueel geweld")
    FORCED_MARRIAGE = "forced_marriage", _("huwelijksdwang")
    HONOUR = "honour", _("eergerelateerd geweld")
    LOVERBOY = "loverboy", _("loverboyproblematiek")
    OTHER = "other", _("anders")


class TalkException(FamilyRecord):
    """R161: a decision not (yet) to talk with the parents or the young person, always in the dossier."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="talk_exceptions")
    person = models.ForeignKey(
        "families.Person", verbose_name=_("met wie (nog) niet"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("reden"), max_length=20, choices=TalkExceptionReason.choices)
    explanation = models.TextField(_("toelichting"), max_length=4000)
    expert_advice = models.TextField(_("ingewonnen deskundig advies"), max_length=4000)
    advice_from = models.CharField(_("advies van"), max_length=200)
    together_with = models.CharField(_("gesprek samen met een andere professional"), max_length=200, blank=True)
    decided_on = models.DateField(_("datum besluit"))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        verbose_name = _("besluit (nog) niet te spreken")


# --- Calamity, recurrence risk, proposed network plans ------------------------------------------------------------


class Calamity(FamilyRecord):
    """R350: a calamity (serious incident) registered on the case, with the notification to management."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="calamities")
    occurred_on = models.DateField(_("datum"))
    description = models.TextField(_("wat is er gebeurd?"), max_length=4000)
    organisations = models.CharField(_("betrokken organisaties"), max_length=500)
    management_notified_on = models.DateField(_("management ingelicht op"))
    management_notified = models.CharField(_("wie van het management"), max_length=200)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        verbose_name = _("calamiteit")
        verbose_name_plural = _("calamiteiten")


class RecurrenceRisk(FamilyRecord):
    """R336: at closing, the risk of recurrence and an optional follow-up date."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="recurrence_risks")
    level = models.CharField(_("risico op herhaling"), max_length=10, choices=RiskLevel.choices)
    reasons = models.TextField(_("waarom"), max_length=4000)
    follow_up_on = models.DateField(_("vinger aan de pols op"), null=True, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("herhalingsrisico")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    ACTIVE = "active", _("goedgekeurd en actief")
    REJECTED = "rejected", _("niet goedgekeurd")


class ProposalMeeting(models.TextChoices):
    EIGEN_KRACHT = "eigen_kracht", _("Eigen Kracht-conferentie")
    NETWORK = "network", _("ander netwerkberaad van het gezin")


class NetworkPlanProposal(FamilyRecord):
    """R696: a plan made by the family and its network; active only after the GI worker approved it."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="network_plans")
    meeting = models.CharField(_("gemaakt in"), max_length=15, choices=ProposalMeeting.choices)
    held_on = models.DateField(_("datum"))
    text = models.TextField(_("het plan"), max_length=8000)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED, editable=False
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    reviewed_on = models.DateField(_("beoordeeld op"), null=True, blank=True, editable=False)
    conditions_checked = models.BooleanField(_("getoetst aan de voorwaarden"), default=False, editable=False)
    unmet_conditions = models.TextField(_("voorwaarden waaraan het plan niet voldoet"), max_length=4000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("plan uit netwerkberaad")


# --- Assurance: the relapse plan (R537, R539); the texts live in analysis.FamilyAnalysis ------------------------


class ResponderKind(models.TextChoices):
    PROFESSIONAL = "professional", _("professional")
    NETWORK = "network", _("informeel netwerk")
    FAMILY = "family", _("gezinslid")


class RelapseResponder(FamilyRecord):
    """R539: who steps in when relapse threatens, and how. R537: whoever agreed to the assurance plan is a party."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="relapse_responders")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=15, choices=ResponderKind.choices)
    action = models.TextField(_("wat doet deze persoon bij terugval?"), max_length=2000, blank=True)
    steps_in = models.BooleanField(_("grijpt in bij terugval"), default=True)
    agreed_on = models.DateField(_("akkoord met het borgingsplan op"), null=True, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("betrokkene borgingsplan")


class WeighingThreshold(FamilyRecord):
    """R114: are there factual (serious) concerns on a life area of the weighing card? Then a weighing is needed;
    with none the case is marked 'geen weging'."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="weighing_thresholds")
    concerns = models.JSONField(_("feitelijke zorgen per leefgebied"), default=dict, blank=True)
    decided_on = models.DateField(_("datum"))
    needs_weighing = models.BooleanField(_("weging nodig"), editable=False)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        verbose_name = _("drempel weging")
