"""Working together: meetings, agreements, core decisions, conversations with children, barriers and escalations,
feedback and reflection. Rhythms and due dates are derived (selectors and core.due), never stored as flags."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.core.models import FamilyRecord, LiveManager


class MeetingKind(models.TextChoices):
    NETWORK = "network", _("netwerkberaad")
    CASE_DISCUSSION = "case_discussion", _("casuïstiekbespreking (MDO)")
    EVALUATION = "evaluation", _("evaluatie")
    HANDOVER = "handover", _("warme overdracht")
    REVIEW = "review", _("terugblik op eerder verzamelde informatie")
    WITHOUT_FAMILY = "without_family", _("overleg zonder het gezin")
    # meetings helper: R227 joint introduction after the JBT, R034 establishing the plan together.
    INTRODUCTION = "introduction", _("gezamenlijke kennismaking (lokaal team, jeugdbeschermer, gezin)")
    PLAN = "plan", _("vaststellen van het gezinsplan")


class WithoutFamilyReason(models.TextChoices):
    """R529: a meeting without the family needs one of these reasons."""

    DISAGREEMENT = "disagreement", _("verschil van mening tussen professionals")
    WAITING_LIST = "waiting_list", _("wachtlijsten")
    PRACTICAL = "practical", _("ander praktisch obstakel")


class MeetingPurpose(models.TextChoices):
    """R571: the purpose of a network meeting per phase (seed 003)."""

    EXPLORE = "explore", _("netwerk verkennen en de veiligheid vergroten (start)")
    PATTERNS = "patterns", _("patronen in het gezin verhelderen")
    HELP_FIT = "help_fit", _("past de ingezette hulp bij de krachten van het gezin")
    ASSURANCE = "assurance", _("het borgingsplan maken (laatste fase)")


class ExtensionDecision(models.TextChoices):
    """R226: the outcome of a GI evaluation that weighs extending the OTS or MUHP."""

    EXTEND = "extend", _("verlengen")
    NOT_EXTEND = "not_extend", _("niet verlengen")


class Meeting(FamilyRecord):
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="meetings")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("soort overleg"), max_length=20, choices=MeetingKind.choices)
    planned_on = models.DateField(_("gepland op"))
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    chair = models.CharField(_("voorzitter"), max_length=150, blank=True,
                             help_text=_("R528: iedere deelnemer kan voorzitter zijn."))
    agenda = models.TextField(_("agenda"), max_length=4000, blank=True)
    minutes = models.TextField(_("verslag"), max_length=10000, blank=True)
    safety_score = models.PositiveSmallIntegerField(_("veiligheidsscore (1-10)"), null=True, blank=True)
    forum_team = models.ForeignKey("accounts.Team", verbose_name=_("team (forum)"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   help_text=_("Bij een casuïstiekbespreking: het team waarin het gezin wordt "
                                               "besproken (R096)."))
    without_family_reason = models.CharField(_("reden zonder gezin"), max_length=20, blank=True,
                                             choices=WithoutFamilyReason.choices)
    for_next_agenda = models.TextField(_("voor de agenda van het volgende netwerkberaad"), max_length=2000,
                                       blank=True, help_text=_("R529: wat essentieel is voor het gezin."))
    # --- meetings helper (R571, R616, R664, R689, R226) ---
    purpose = models.CharField(_("doel van het overleg"), max_length=20, choices=MeetingPurpose.choices, blank=True)
    who_cares = models.TextField(
        _("wie vinden het belangrijk dat het goed gaat met dit kind?"), max_length=2000, blank=True,
        help_text=_("R689: één naam per regel, met de relatie (bijvoorbeeld 'Oma Fatma, oma'). Bij het eerste "
                    "netwerkberaad worden zij uitgenodigd."))
    parents_absent_reason = models.TextField(
        _("reden dat geen ouder aanwezig was"), max_length=2000, blank=True,
        help_text=_("R616/R689: zorgen bespreken gebeurt met de ouders erbij; anders leg u de reden vast."))
    no_follow_up_reason = models.TextField(
        _("reden dat geen vervolg nodig is"), max_length=2000, blank=True,
        help_text=_("R664: een netwerkberaad heeft een vervolgdatum, of een reden waarom dat niet nodig is."))
    extension_decision = models.CharField(_("besluit over verlengen OTS/MUHP"), max_length=20, blank=True,
                                          choices=ExtensionDecision.choices, help_text=_("R226"))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-planned_on", "-created_at"]
        indexes = [models.Index(fields=["case", "kind", "planned_on"])]
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")

    def __str__(self):
        return f"{self.get_kind_display()} {self.planned_on:%d-%m-%Y}"


class ParticipantCategory(models.TextChoices):
    """R062: attendance in three categories."""

    FAMILY = "family", _("gezin")
    NETWORK = "network", _("netwerk")
    PROFESSIONAL = "professional", _("professional")


class Attendance(models.TextChoices):
    INVITED = "invited", _("uitgenodigd")
    PRESENT = "present", _("aanwezig")
    ABSENT_NOTIFIED = "absent_notified", _("afwezig met bericht")
    ABSENT_UNNOTIFIED = "absent_unnotified", _("afwezig zonder bericht")


ABSENT = frozenset({Attendance.ABSENT_NOTIFIED, Attendance.ABSENT_UNNOTIFIED})


class MeetingParticipant(FamilyRecord):
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="participants")
    category = models.CharField(_("categorie"), max_length=20, choices=ParticipantCategory.choices)
    person = models.ForeignKey("families.Person", verbose_name=_("gezinslid"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    network_member = models.ForeignKey("families.NetworkMember", verbose_name=_("netwerklid"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("professional"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("naam"), max_length=150, blank=True,
                            help_text=_("Voor een professional zonder account: naam en functie."))
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisatie"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    organisation_name = models.CharField(_("organisatie (buiten Gezinsplan)"), max_length=150, blank=True,
                                         help_text=_("Bijvoorbeeld 'Bewindvoering Delft'."))
    attendance = models.CharField(_("aanwezigheid"), max_length=20, choices=Attendance.choices,
                                  default=Attendance.INVITED)
    invite_reason = models.CharField(_("waarom het kind is uitgenodigd"), max_length=500, blank=True,
                                     help_text=_("R620: geen vaste leeftijd; de professional legt vast waarom."))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["category", "created_at"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    @property
    def display_name(self) -> str:
        return str(self.person or self.network_member or self.user or self.name)

    @property
    def organisation_label(self) -> str:
        return self.organisation.label if self.organisation_id else self.organisation_name


class Agreement(FamilyRecord):
    """An agreement as a task: what, who, by when, done (R228)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="agreements")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="agreements")
    what = models.CharField(_("wat"), max_length=300)
    who_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("wie (professional)"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="collaboration_agreements")
    who_name = models.CharField(_("wie (gezin, netwerk of anders)"), max_length=150, blank=True)
    due_on = models.DateField(_("uiterlijk op"))
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    # --- meetings helper: R063 task linked to a goal, R527 open / kept / not kept ---
    goal = models.ForeignKey("analysis.Goal", verbose_name=_("hoort bij doel"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    not_kept_on = models.DateField(_("niet nagekomen op"), null=True, blank=True)
    not_kept_reason = models.CharField(_("waarom niet nagekomen"), max_length=500, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    @property
    def who(self) -> str:
        return str(self.who_user) if self.who_user_id else self.who_name

    @property
    def status(self) -> str:
        """R527: open, kept or not kept."""
        if self.done_on:
            return "kept"
        return "not_kept" if self.not_kept_on else "open"

    @property
    def status_label(self) -> str:
        return {"kept": _("nagekomen"), "not_kept": _("niet nagekomen"), "open": _("open")}[self.status]


class DecisionKind(models.TextChoices):
    """The core decisions of the seeds (seed 000, 'Kernbesluiten per fase' and 'inhoudelijke beslissingen')."""

    MEASURE_NEEDED = "measure_needed", _("wel of geen kinderbeschermingsmaatregel nodig (JBT-aanmelding)")
    SAFETY = "safety", _("kernbesluit veiligheid")
    UPSCALING = "upscaling", _("opschalen of afschalen")
    PRODUCT_2A = "product_2a", _("inzet product 2a")
    PLACEMENT = "placement", _("uithuisplaatsing of terugplaatsing")
    ADDITIONAL_HELP = "additional_help", _("aanvullende hulp (R069)")
    INFORMATION_SHARING = "information_sharing", _("delen van informatie")
    CLOSURE = "closure", _("afsluiten of overdragen")
    OTHER = "other", _("ander kernbesluit")
    # meetings helper: who owns which decision in which phase (R039, R041, R043).
    UPSCALING_FORCED = "upscaling_forced", _("opschalen naar het gedwongen kader (besluit lokaal team)")
    LINE_AND_PLAN = "line_and_plan", _("in te zetten lijn en vaststellen Gezinsplan binnen de GI")
    DOWNSCALING_VOLUNTARY = "downscaling_voluntary", _("afschalen naar het vrijwillig kader (besluit GI)")


class ForumKind(models.TextChoices):
    """R068: where a decision is taken."""

    NETWORK = "network", _("netwerkberaad")
    CASE_DISCUSSION = "case_discussion", _("casuïstiekbespreking / MDO")


class CoreDecision(FamilyRecord):
    """A core decision (kernbesluit): taken in one forum, with the behavioural scientist's advice, revised only
    there with the same core participants (R071, R096, R097, R098)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="core_decisions")
    kind = models.CharField(_("soort kernbesluit"), max_length=30, choices=DecisionKind.choices)
    decided_on = models.DateField(_("besloten op"))
    decision = models.TextField(_("besluit"), max_length=4000)
    forum_team = models.ForeignKey("accounts.Team", verbose_name=_("forum (team van de regievoerder)"),
                                   on_delete=models.PROTECT, related_name="+")
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("kerndeelnemers"),
                                          related_name="+")
    behavioural_scientist = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("gedragswetenschapper"),
                                              on_delete=models.PROTECT, related_name="+")
    advice = models.TextField(_("advies gedragswetenschapper"), max_length=4000)
    advice_followed = models.BooleanField(_("advies opgevolgd"))
    justification = models.TextField(_("verantwoording"), max_length=4000,
                                     help_text=_("R098: waarom het advies wel of niet is opgevolgd."))
    informing = models.CharField(_("hoe de partijen worden geïnformeerd"), max_length=300, blank=True,
                                 help_text=_("R068"))
    revises = models.ForeignKey("self", verbose_name=_("herziet besluit"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="revisions")
    disputed = models.BooleanField(_("omstreden tussen organisaties"), default=False,
                                   help_text=_("R100: dan kan het naar de managers van beide organisaties."))
    # --- meetings helper (R068, R053) ---
    forum_kind = models.CharField(_("soort forum"), max_length=20, choices=ForumKind.choices,
                                  default=ForumKind.CASE_DISCUSSION, help_text=_("R068"))
    children = models.ManyToManyField("families.Person", verbose_name=_("over de kinderen"), blank=True,
                                      related_name="+", help_text=_("Leeg: het hele gezin."))
    gi_consulted = models.CharField(_("overleg met de GI"), max_length=500, blank=True,
                                    help_text=_("R053: met wie van de GI en wanneer is overlegd."))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        verbose_name = _("kernbesluit")
        verbose_name_plural = _("kernbesluiten")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.decided_on:%d-%m-%Y})"


class ConversationPurpose(models.TextChoices):
    """R155."""

    INTRODUCTION = "introduction", _("kennismaking")
    RELATIONSHIP = "relationship", _("(werk)relatie opbouwen")
    MOTIVATION = "motivation", _("motivatie")
    MONITORING = "monitoring", _("monitoring")
    SAFETY = "safety", _("veiligheid")


class ParentsPresence(models.TextChoices):
    WITH = "with", _("met ouders")
    WITHOUT = "without", _("zonder ouders")


class ConversationTool(models.TextChoices):
    """R162: the conversation tools of the building block 'gesprekken met kinderen' (fixed list; 'other' in text)."""

    THREE_HOUSES = "three_houses", _("Drie Huizen")
    WORDS_PICTURES = "words_pictures", _("Words and Pictures")
    SAFETY_HOUSE = "safety_house", _("Veiligheidshuis (Safety House)")
    CARDS = "cards", _("Kinderkaarten (kaartenset 'Gesprekken met kinderen')")
    DRAWING = "drawing", _("Tekenen")
    WEEK_PLANNING = "week_planning", _("Weekplanning")
    SCALING = "scaling", _("Schaalvragen")


class ChildConversation(FamilyRecord):
    """A conversation with one child, or the recorded reason why there was none (R050, R153, R154-R156)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="child_conversations")
    child = models.ForeignKey("families.Person", verbose_name=_("kind"), on_delete=models.PROTECT,
                              related_name="conversations")
    held_on = models.DateField(_("datum"))
    spoken = models.BooleanField(_("met het kind gesproken"), default=True)
    not_spoken_reason = models.TextField(_("reden niet gesproken"), max_length=2000, blank=True)
    with_parents = models.CharField(_("met of zonder ouders"), max_length=10, choices=ParentsPresence.choices,
                                    blank=True)
    purposes = models.JSONField(_("doel"), default=list, blank=True)
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("gevoerd door"), on_delete=models.PROTECT,
                                related_name="+")
    child_voice = models.TextField(_("stem van het kind"), max_length=4000, blank=True)
    how_used = models.TextField(_("wat is ermee gedaan"), max_length=2000, blank=True)
    view_of_help = models.TextField(
        _("wat het kind vindt van de hulp en de hulpverleners"),
        max_length=2000,
        blank=True,
        help_text=_("R156: is er een klik, past de hulp bij wat het kind wil?"),
    )
    tools = models.CharField(
        _("andere hulpmiddelen"), max_length=300, blank=True, help_text=_("Een hulpmiddel dat niet in de lijst staat.")
    )
    # R158: told what is happening and why, in words that fit the child's age; and involved in the planning.
    explained = models.BooleanField(
        _("het kind is verteld wat er gebeurt en waarom, passend bij de leeftijd"), default=False
    )
    explanation = models.TextField(_("hoe is het uitgelegd"), max_length=2000, blank=True)
    involved_in_planning = models.BooleanField(
        _("het kind is betrokken bij het maken van het (veiligheids)plan"), default=False
    )
    # R162: the tools used (fixed list) and the conscious choice about the parents' presence, with its reason.
    conversation_tools = models.JSONField(_("gebruikte hulpmiddelen"), default=list, blank=True)
    parents_choice_reason = models.TextField(_("waarom met of zonder ouders"), max_length=2000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("gesprek met kind")
        verbose_name_plural = _("gesprekken met kinderen")

    def tool_labels(self) -> list[str]:
        """R162: the labels of the tools used, the other tool last."""
        labels = [str(ConversationTool(t).label) for t in self.conversation_tools if t in ConversationTool.values]
        return labels + ([self.tools] if self.tools else [])


class BarrierKind(models.TextChoices):
    FOCUS = "focus", _("blijvend verschil in focus, taal of werkwijze")
    CHANGES = "changes", _("veel wisselingen van professionals")
    IMPASSE = "impasse", _("blijvende inhoudelijke impasse")
    PERSONAL = "personal", _("blijvende persoonlijke barrière")


# The checklists of seed 000 (R073, R074, R076, R077): signals per barrier type.
BARRIER_SIGNALS: dict[str, tuple[tuple[str, str], ...]] = {
    BarrierKind.FOCUS: (
        ("focus_child_family_parents", _("focus op kind(eren), gezin of ouders verschilt")),
        ("lasting_safety", _("verschil in focus op de blijvende veiligheid van het kind")),
        ("own_plan", _("organisaties houden vast aan het eigen plan of de eigen methode")),
        ("privacy_vs_safety", _("privacy van ouders tegenover de veiligheid van het kind")),
        ("taxation_language", _("andere manier en taal bij de veiligheidstaxatie")),
        ("help_pattern", _("de hulp zit vast in een patroon")),
    ),
    BarrierKind.CHANGES: (
        ("worker_changes", _("meerdere wisselingen van medewerkers bij één organisatie")),
        ("absence", _("een professional mist herhaaldelijk het netwerkberaad")),
    ),
    BarrierKind.IMPASSE: (
        ("persuasion", _("elkaar blijven overtuigen zonder dat iemand beweegt")),
        ("analysis", _("blijvend ander beeld in de gezamenlijke analyse")),
        ("end_situation", _("andere haalbare eindsituatie")),
        ("route", _("zelfde eindsituatie maar een andere route")),
        ("follow_up_help", _("oneens over de vervolghulp")),
    ),
    BarrierKind.PERSONAL: (
        ("no_contact", _("geen contact met de andere professional")),
        ("not_objective", _("de ander lijkt niet objectief")),
        ("irritation", _("persoonlijke irritatie")),
        ("informed_late", _("structureel laat of niet geïnformeerd")),
    ),
}


class SignalMoment(models.TextChoices):
    """R078: where a barrier was signalled."""

    NETWORK_MEETING = "network_meeting", _("tijdens een netwerkberaad")
    CASE_DISCUSSION = "case_discussion", _("tijdens een casuïstiekbespreking")
    PATTERNS_GOALS = "patterns_goals", _("bij het bespreken van patronen en doelen")
    OBSERVATION = "observation", _("waarneming tijdens een huisbezoek of ander overleg")
    CONTACT_ABSENT = "contact_absent", _("contact blijft uit of afspraken worden afgezegd")


class BarrierStatus(models.TextChoices):
    OPEN = "open", _("open")
    RESOLVED = "resolved", _("opgelost")


class Barrier(FamilyRecord):
    """A barrier between professionals, handled on the four-step ladder of seed 000 (R073-R082)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="barriers")
    kind = models.CharField(_("soort barrière"), max_length=20, choices=BarrierKind.choices)
    signals = models.JSONField(_("signalen"), default=list, blank=True)
    description = models.TextField(_("omschrijving"), max_length=4000)
    signalled_during = models.CharField(_("gesignaleerd tijdens"), max_length=20, choices=SignalMoment.choices,
                                        blank=True, help_text=_("R078"))
    other_organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("met organisatie"), null=True,
                                           blank=True, on_delete=models.PROTECT, related_name="+")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("gesignaleerd door"),
                                  on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField(_("gesignaleerd op"))
    status = models.CharField(_("status"), max_length=10, choices=BarrierStatus.choices, default=BarrierStatus.OPEN)
    outcome = models.TextField(_("uitkomst"), max_length=2000, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-raised_on", "-created_at"]
        verbose_name = _("barrière")
        verbose_name_plural = _("barrières")


class LadderStep(models.IntegerChoices):
    SELF = 1, _("Stap 1: zelf analyseren")
    CONVERSATION = 2, _("Stap 2: gesprek met de andere professional")
    TEAM_LEAD = 3, _("Stap 3: opschalen naar de teamleider (eventueel met gedragswetenschapper)")
    MANAGEMENT = 4, _("Stap 4: hoger management")


class BarrierStep(FamilyRecord):
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    barrier = models.ForeignKey(Barrier, on_delete=models.PROTECT, related_name="steps")
    step = models.PositiveSmallIntegerField(_("stap"), choices=LadderStep.choices)
    taken_on = models.DateField(_("datum"))
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT,
                                 related_name="+")
    with_whom = models.CharField(_("met wie"), max_length=300, blank=True,
                                 help_text=_("Stap 2: de andere professional; stap 3: teamleider(s) en eventueel "
                                             "gedragswetenschapper; stap 4: het management."))
    notes = models.TextField(_("analyse of gespreksverslag"), max_length=4000, blank=True,
                             help_text=_("Stap 1 (R080): mijn beeld van de barrière, wat ik van de ander wil weten, "
                                         "waar we het wel over eens zijn, mijn aandeel, wat ik kan doen."))
    outcome = models.TextField(_("uitkomst"), max_length=2000, blank=True)
    # Step 1: self-analysis (R080)
    view_kind = models.CharField(_("soort barrière in mijn beeld"), max_length=20, choices=BarrierKind.choices,
                                 blank=True)
    want_to_know = models.TextField(_("wat ik van de ander wil weten"), max_length=2000, blank=True)
    agree_on = models.TextField(_("waar we het inhoudelijk wel over eens zijn"), max_length=2000, blank=True,
                                help_text=_("Analyse, weging, patroon, enzovoort."))
    my_share = models.TextField(_("mijn aandeel of rol in deze barrière"), max_length=2000, blank=True)
    my_behaviour = models.TextField(_("het gedrag dat ik laat zien"), max_length=2000, blank=True)
    could_do = models.TextField(_("wat ik kan doen om de barrière te doorbreken"), max_length=2000, blank=True)
    critical_colleague = models.CharField(_("collega die kritisch en feitelijk meedenkt"), max_length=150,
                                          blank=True)
    # Step 2: the conversation with the other professional (R081)
    named_to_other = models.TextField(_("de barrière zoals benoemd bij de ander, en de uitnodiging"),
                                      max_length=2000, blank=True)
    invitation_sent_on = models.DateField(_("uitnodiging verstuurd op"), null=True, blank=True)
    goal_focus = models.TextField(_("doel en focus van het gesprek (vooraf bepaald)"), max_length=2000,
                                  blank=True)
    shared_analysis = models.TextField(_("eigen analyse en aandeel zoals gedeeld"), max_length=2000, blank=True)
    feedback_colleague = models.CharField(_("collega uitgenodigd voor feedback"), max_length=150, blank=True)
    skip_reason = models.TextField(_("reden om stappen over te slaan"), max_length=2000, blank=True,
                                   help_text=_("R079: alleen als de directe veiligheid van het kind op het spel "
                                               "staat."))
    status_quo = models.BooleanField(_("status quo afgesproken"), default=False)
    safety_not_affected = models.BooleanField(_("status quo raakt de veiligheid van het kind niet"), default=False)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["step", "created_at"]
        verbose_name = _("escalatiestap")
        verbose_name_plural = _("escalatiestappen")


class EscalationSituation(models.IntegerChoices):
    """R463 (seed 002)."""

    DILEMMA = 1, _("1. professioneel dilemma of verschil van visie op de casus")
    AGREEMENTS = 2, _("2. samenwerking volgens afspraken loopt niet")
    CONDUCT = 3, _("3. nalatig of zorgelijk handelen van een professional")


class ConductNorm(models.TextChoices):
    """R464: the norm an executing professional's conduct is measured against."""

    SKJ = "skj", _("kwaliteitskader SKJ")
    GENERAL = "general", _("algemeen geldende normen")


class Step1Result(models.TextChoices):
    """R467."""

    BRIDGED = "bridged", _("overbrugd: de professionals kunnen verder")
    NOT_BRIDGED = "not_bridged", _("niet overbrugd: door naar stap 2")


class Step3Reason(models.TextChoices):
    """R470: administrators only in exceptional cases."""

    POLICY = "policy", _("het staande beleid schiet tekort")
    INSUFFICIENT = "insufficient", _("stap 1 en 2 gaven onvoldoende resultaat")


class EscalationLevel(models.IntegerChoices):
    """R466: who acts at each level (seed 002)."""

    BEHAVIOURAL_SCIENTISTS = 1, _("Niveau 1: gedragswetenschappers")
    MANAGERS = 2, _("Niveau 2: managers of directeuren")
    ADMINISTRATORS = 3, _("Niveau 3: bestuurders of wethouders")


class Escalation(FamilyRecord):
    """A content disagreement between organisations on the three-level model of seed 002 (R463-R472)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="escalations")
    situation = models.PositiveSmallIntegerField(_("situatie"), choices=EscalationSituation.choices)
    agreement_reference = models.CharField(_("welke afspraak"), max_length=300, blank=True,
                                           help_text=_("Situatie 2: de afspraak, of 'algemeen geldende afspraken'."))
    description = models.TextField(_("omschrijving"), max_length=4000)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=EscalationLevel.choices)
    other_organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("met organisatie"),
                                           on_delete=models.PROTECT, related_name="+")
    family_informed = models.CharField(_("gezin geïnformeerd (wanneer en hoe)"), max_length=300,
                                       help_text=_("R472: vooraf, of achteraf met uitleg."))
    decision = models.ForeignKey(CoreDecision, verbose_name=_("over kernbesluit"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="escalations")
    resolved_on = models.DateField(_("opgelost op"), null=True, blank=True)
    solution = models.TextField(_("oplossing"), max_length=2000, blank=True)
    # Situation 3 (R464)
    conduct_observed = models.TextField(_("waargenomen handelen"), max_length=4000, blank=True)
    conduct_norm = models.CharField(_("norm"), max_length=10, choices=ConductNorm.choices, blank=True)
    # Step 1 (R467)
    own_scientist = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("eigen gedragswetenschapper"),
                                      null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    other_scientist = models.CharField(_("gedragswetenschapper van de andere organisatie"), max_length=150,
                                       blank=True)
    both_acknowledged = models.BooleanField(_("beide professionals erkennen dat zij het verschil niet "
                                              "overbruggen"), default=False)
    joint_meeting_on = models.DateField(_("gezamenlijk overleg op"), null=True, blank=True)
    step1_result = models.CharField(_("uitkomst stap 1"), max_length=12, choices=Step1Result.choices, blank=True)
    # Step 3 (R470)
    step3_reason = models.CharField(_("reden voor stap 3"), max_length=12, choices=Step3Reason.choices, blank=True)
    civil_servants = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("gemeentelijke ambtenaren"),
                                            blank=True, related_name="+")
    mediators = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("bemiddelaars"), blank=True,
                                       related_name="+",
                                       help_text=_("Regionale adviseurs of tafelvoorzitters (R470)."))

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("escalatie tussen organisaties")
        verbose_name_plural = _("escalaties tussen organisaties")


class EscalationMove(models.Model):
    """Append-only: each level an escalation reached, who escalated and when (R466)."""

    id = models.BigAutoField(primary_key=True)
    escalation = models.ForeignKey(Escalation, on_delete=models.PROTECT, related_name="moves")
    level = models.PositiveSmallIntegerField(choices=EscalationLevel.choices)
    escalated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500, blank=True)
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("tevreden (succes om te vieren)")
    NEGATIVE = "negative", _("ontevreden")


class Feedback(models.Model):
    """Feedback on the collaboration between organisations, positive too (R072). No family data."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    about_organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("over organisatie"),
                                           on_delete=models.PROTECT, related_name="+")
    sentiment = models.CharField(_("soort"), max_length=10, choices=Sentiment.choices)
    text = models.TextField(_("feedback"), max_length=2000,
                            help_text=_("Zonder namen of gegevens van gezinnen."))
    given_on = models.DateField(_("datum"))
    core_values = models.JSONField(_("kernwaarden"), default=list, blank=True, help_text=_("R306"))

    class Meta:
        ordering = ["-given_on"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")


class ReflectionLevel(models.TextChoices):
    """R167."""

    PROFESSIONAL = "professional", _("uitvoering: doe ik het goed?")
    MANAGEMENT = "management", _("management: doe ik het goede?")
    BOARD = "board", _("bestuur: doe ik het om de goede reden?")


class ReflectionSession(models.Model):
    """A reflection session (R166, R167). No family data."""

    id = models.BigAutoField(primary_key=True)
    level = models.CharField(_("niveau"), max_length=20, choices=ReflectionLevel.choices)
    held_on = models.DateField(_("datum"))
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    participants = models.TextField(_("deelnemers"), max_length=2000)
    topic = models.CharField(_("onderwerp"), max_length=300)
    technical = models.TextField(_("technisch-instrumenteel"), max_length=2000, blank=True)
    normative = models.TextField(_("normatief"), max_length=2000, blank=True)
    personal = models.TextField(_("persoonlijk"), max_length=2000, blank=True)
    outcomes = models.TextField(_("uitkomsten"), max_length=4000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    core_values = models.JSONField(_("kernwaarden"), default=list, blank=True, help_text=_("R306"))

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("reflectiesessie")
        verbose_name_plural = _("reflectiesessies")


# R075: shown wherever feedback or a barrier conversation is registered (seed 000, Bouwsteen feedback en barrières).
GOLDEN_RULES = (
    _("Wees specifiek."),
    _("Doe het meteen."),
    _("Geef alleen feedback op veranderbaar gedrag."),
    _("Gebruik de ik-vorm."),
    _("Geef geen overdosis."),
    _("Verifieer."),
    _("Doe het een-op-een."),
    _("Doe het face-to-face."),
)


# Models kept in their own modules (registered here for Django): meetings, core decisions and parties
# (meetings_models.py); escalation, learning together and partners (learning.py, partners.py).
from gezinsplan.collaboration.learning import *  # noqa: E402, F401, F403
from gezinsplan.collaboration.meetings_models import *  # noqa: E402, F401, F403
from gezinsplan.collaboration.partners import *  # noqa: E402, F401, F403
