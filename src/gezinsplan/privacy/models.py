import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.core.models import FamilyRecord

GENESIS_HASH = "0" * 64


class AccessAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    CREATE = "create", _("aangemaakt")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    DOWNLOAD = "download", _("gedownload")
    SEARCH = "search", _("gezocht")


class AccessLogEntry(models.Model):
    """One NEN 7513 event: who did what with which family's data, when, from where and why.

    Append-only. Each row carries the hash of its content and of the previous row (a hash chain),
    so a changed or removed row is found by `manage.py verify_access_log`.
    """

    id = models.BigAutoField(primary_key=True)
    seq = models.BigIntegerField(unique=True, editable=False)
    occurred_at = models.DateTimeField(_("tijdstip"), db_index=True)
    # Indexed by (user, -seq) below, which also serves the foreign key.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                             db_index=False)
    username = models.CharField(_("gebruiker"), max_length=150)
    role = models.CharField(_("rol"), max_length=30)
    organisation = models.CharField(_("organisatie"), max_length=150)
    on_behalf_of = models.CharField(_("namens"), max_length=150, blank=True)
    family_id = models.UUIDField(_("gezin"), null=True)  # indexed by (family_id, -seq) below
    person_id = models.UUIDField(_("gezinslid"), null=True)
    action = models.CharField(_("actie"), max_length=10, choices=AccessAction.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=60)
    object_id = models.CharField(_("gegeven"), max_length=64, blank=True)
    channel = models.CharField(_("kanaal"), max_length=10)  # page, api, download, command
    ip_address = models.GenericIPAddressField(_("adres"), null=True)
    reason = models.CharField(_("grondslag"), max_length=200,
                              help_text=_("Waarom toegang: de betrokkenheid of rol die toegang gaf."))
    emergency = models.BooleanField(_("noodtoegang"), default=False)
    purpose = models.CharField(
        _("doel van gebruik"),
        max_length=200,
        blank=True,
        help_text=_(
            "NEN 7513: waarvoor de gegevens werden gebruikt (hulpverlening, toezicht, noodsituatie, controle)."
        ),
    )
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-id"]
        # Every entry of a request updates each index, and the family ids of a caseload page are scattered over
        # the family index: no index more than the queries use. They filter on the family (its access-log page
        # and API, the family page's recent viewers, 'changed since your last visit') or on the user, newest first
        # by seq; the chain is walked by seq; the privacy officer's search may add a period (occurred_at).
        indexes = [
            models.Index(fields=["family_id", "-seq"], name="privacy_log_family_seq_idx"),
            models.Index(fields=["user", "-seq"], name="privacy_log_user_seq_idx"),
        ]
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")


class AccessLogHead(models.Model):
    """The single row that holds the end of the chain; locking it serialises appends."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)


# --- Consent, disclosures and the weighing of professional secrecy (Bouwsteen privacy, seed 000) -------------

class ConsentForm(models.TextChoices):
    ORAL = "oral", _("mondeling")
    WRITTEN = "written", _("schriftelijk")


class ConsentSubject(models.TextChoices):
    EXCHANGE = "exchange", _("informatie delen of opvragen")
    GI_SPARRING = "gi_sparring", _("het gezin met naam bespreken met de GI (sparren, R038)")
    CHILD_CONVERSATION = "child_conversation", _("een gesprek met het kind (R160)")


class Consent(FamilyRecord):
    """Consent (toestemming) for one exchange: who gave it, for which information, to whom, for what (R091, R092).

    Consent is never blanket: a disclosure uses one consent once. Revoking it blocks every later exchange under it.
    """

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="consents")
    children = models.ManyToManyField(
        "families.Person", verbose_name=_("over welke kinderen"), related_name="consents_about"
    )
    given_by = models.ManyToManyField("families.Person", verbose_name=_("gegeven door"), related_name="consents_given")
    subject = models.CharField(
        _("toestemming voor"), max_length=20, choices=ConsentSubject.choices, default=ConsentSubject.EXCHANGE
    )
    information = models.CharField(_("welke informatie"), max_length=300)
    recipient = models.CharField(_("aan wie"), max_length=150,
                                 help_text=_("De organisatie of professional die de informatie krijgt."))
    recipient_organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisatie ontvanger"),
                                               null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("met welk doel"), max_length=300)
    form = models.CharField(_("vorm"), max_length=10, choices=ConsentForm.choices)
    given_on = models.DateField(_("datum"))
    granted = models.BooleanField(_("toestemming gegeven"), default=True,
                                  help_text=_("Uit als het gezin nee zei: ook een weigering wordt vastgelegd."))
    explained = models.TextField(_("wat is uitgelegd en waarom"), max_length=2000,
                                 help_text=_("R085: 'Ik wil graag overleggen met … over … zodat …'."))
    reasons = models.TextField(_("waarom ja of nee"), max_length=2000, blank=True)
    objections = models.TextField(_("bezwaren"), max_length=2000, blank=True)
    objections_resolved = models.BooleanField(_("bezwaren weggenomen"), default=False)
    withdrawal_explained = models.BooleanField(
        _("uitgelegd dat intrekken altijd kan en wat dat betekent"), default=False,
        help_text=_("R091: na intrekken wordt er onder deze toestemming niets meer gedeeld; wat al gedeeld is, "
                    "blijft gedeeld."))
    expires_on = models.DateField(_("geldig tot en met"), null=True, blank=True)
    revoked_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    revocation_note = models.CharField(_("toelichting intrekking"), max_length=300, blank=True)
    blocks_help = models.BooleanField(
        _("zonder deze toestemming kan de hulp niet starten"),
        default=False,
        help_text=_(
            "R089: bij een weigering in het vrijwillig kader volgt een afweging of het gedwongen kader nodig is."
        ),
    )

    class Meta:
        ordering = ["-given_on", "-created_at"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self):
        return f"{self.information} → {self.recipient} ({self.given_on:%d-%m-%Y})"


class DisclosureKind(models.TextChoices):
    SHARED = "shared", _("informatie gedeeld")
    REQUESTED = "requested", _("informatie opgevraagd")
    NOT_SHARED = "not_shared", _("besloten niet te delen")
    NOT_REQUESTED = "not_requested", _("besloten niet op te vragen")


class LegalBasis(models.TextChoices):
    """R083, R086: the grounds for an exchange."""

    CONSENT = "consent", _("toestemming")
    LEGAL_OBLIGATION = "legal_obligation", _("wettelijke verplichting")
    LIFE_THREATENING = "life_threatening", _("levensbedreigende situatie")
    DIRECT_INVOLVEMENT = "direct_involvement", _("tussen direct betrokken hulpverleners bij dezelfde hulp")
    BREACH = "breach", _("doorbreken beroepsgeheim na afweging (conflict van plichten)")


class Disclosure(FamilyRecord):
    """Gegevensverstrekking: what was shared with or asked from whom, why, on which basis, family informed (R083)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="disclosures")
    kind = models.CharField(_("soort"), max_length=15, choices=DisclosureKind.choices, default=DisclosureKind.SHARED)
    counterpart = models.CharField(_("aan of van wie"), max_length=150)
    counterpart_organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisatie"), null=True,
                                                 blank=True, on_delete=models.PROTECT, related_name="+")
    children = models.ManyToManyField("families.Person", verbose_name=_("over welke kinderen"), blank=True,
                                      related_name="disclosures_about")
    information = models.CharField(_("welke informatie"), max_length=300)
    purpose = models.CharField(_("doel"), max_length=300)
    occurred_on = models.DateField(_("datum"))
    basis = models.CharField(_("grondslag"), max_length=20, choices=LegalBasis.choices, blank=True)
    basis_explanation = models.CharField(
        _("toelichting grondslag"), max_length=500, blank=True,
        help_text=_("Bij een wettelijke verplichting: welke wet of welk artikel. Bij direct betrokken: wat doet de "
                    "ontvanger in de hulp aan dit kind."))
    consent = models.OneToOneField(Consent, verbose_name=_("toestemming"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="disclosure")
    breach = models.ForeignKey("ConfidentialityBreach", verbose_name=_("afweging beroepsgeheim"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="disclosures")
    considerations = models.TextField(_("overwegingen"), max_length=2000, blank=True,
                                      help_text=_("R087: ook een besluit om niet te delen wordt vastgelegd."))
    family_informed_on = models.DateField(_("gezin geïnformeerd op"), null=True, blank=True)
    family_informed_how = models.CharField(_("hoe geïnformeerd"), max_length=200, blank=True)
    not_informed_reason = models.CharField(_("reden om het gezin (nog) niet te informeren"), max_length=500,
                                           blank=True)

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        verbose_name = _("gegevensverstrekking")
        verbose_name_plural = _("gegevensverstrekkingen")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.counterpart}"


class ConfidentialityBreach(FamilyRecord):
    """Doorbreken beroepsgeheim: the five items of R088 and who was consulted (R095)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="confidentiality_breaches")
    decided_on = models.DateField(_("datum afweging"))
    why_no_consent = models.TextField(_("waarom was toestemming niet mogelijk"), max_length=2000)
    weighing = models.TextField(_("welke afweging is gemaakt"), max_length=4000)
    consulted_colleague = models.BooleanField(_("overlegd met een collega"), default=False)
    consulted_behavioural_scientist = models.BooleanField(_("overlegd met een gedragswetenschapper"), default=False)
    consulted_manager = models.BooleanField(_("overlegd met een leidinggevende"), default=False)
    consulted_names = models.CharField(_("met wie (namen en functies)"), max_length=300)
    data_provided = models.CharField(_("welke gegevens"), max_length=500)
    recipient = models.CharField(_("aan wie"), max_length=150)
    purpose = models.CharField(_("met welk doel"), max_length=300)

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        verbose_name = _("afweging doorbreken beroepsgeheim")
        verbose_name_plural = _("afwegingen doorbreken beroepsgeheim")

    def __str__(self):
        return f"{self.decided_on:%d-%m-%Y}: {self.recipient}"


class FollowUpKind(models.TextChoices):
    REPORT_BACK = "report_back", _("anoniem besproken met de GI: terugkoppelen aan de ouders (R038)")
    FRAMEWORK_WEIGHING = "framework_weighing", _("afwegen of het gedwongen kader nodig is (R089)")
    DISCUSS_WITH_PARENTS = "discuss_with_parents", _("weigering gesprek met het kind bespreken met de ouders (R160)")
    INTERNAL_CONSULTATION = "internal_consultation", _("intern overleggen hoe verder na blijvende weigering (R160)")


class PrivacyFollowUp(FamilyRecord):
    """A task that a refusal of consent sets in motion, open until its outcome is recorded (R038, R089, R160)."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="privacy_follow_ups")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="follow_ups")
    kind = models.CharField(_("soort"), max_length=25, choices=FollowUpKind.choices)
    due_on = models.DateField(_("uiterlijk op"))
    done_on = models.DateField(_("afgerond op"), null=True, blank=True)
    outcome = models.TextField(_("uitkomst"), max_length=2000, blank=True)
    forced_framework_needed = models.BooleanField(_("gedwongen kader nodig"), null=True, blank=True)
    still_refused = models.BooleanField(_("ouders weigeren nog steeds"), null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due_on"]
        verbose_name = _("opvolging toestemming")
        verbose_name_plural = _("opvolgingen toestemming")

    def __str__(self):
        return self.get_kind_display()


class CouncilInvestigation(FamilyRecord):
    """R654: the investigation of the Raad voor de Kinderbescherming. Only the Raad writes it; what it shares with
    the partners they read, never change. `created_by` and the change history show who wrote it."""

    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="council_investigations")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", editable=False
    )
    started_on = models.DateField(_("gestart op"))
    question = models.TextField(_("onderzoeksvraag"), max_length=2000)
    findings = models.TextField(_("bevindingen"), max_length=8000, blank=True)
    advice = models.TextField(_("advies van de Raad"), max_length=4000, blank=True)
    shared_with_partners = models.BooleanField(_("gedeeld met de betrokken partners"), default=False)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("raadsonderzoek")
        verbose_name_plural = _("raadsonderzoeken")


# --- Product 1: anonymous consultation -------------------------------------------------------------------

class ConsultationDirection(models.TextChoices):
    LT_TO_GI = "lt_to_gi", _("lokaal team vraagt de jeugdbeschermer")
    GI_TO_LT = "gi_to_lt", _("jeugdbeschermer vraagt het lokaal team")


class AnonymousConsultation(models.Model):
    """Product 1 (R003, R201): advice without identifying data; no report, no beschikking (R006), no regie change."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey("accounts.Municipality", verbose_name=_("gemeente"), on_delete=models.PROTECT,
                                     related_name="+")
    direction = models.CharField(_("richting"), max_length=10, choices=ConsultationDirection.choices)
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requester_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    consulted = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("geraadpleegd"), on_delete=models.PROTECT,
                                  related_name="+")
    held_on = models.DateField(_("datum"))
    question = models.TextField(_("vraag (anoniem)"), max_length=4000)
    advice = models.TextField(_("advies (anoniem)"), max_length=4000, blank=True)
    family = models.ForeignKey("families.Family", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", editable=False,
                               help_text=_("Alleen na toestemming van het gezin gekoppeld (R094)."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["municipality", "held_on"])]
        verbose_name = _("anonieme consultatie")
        verbose_name_plural = _("anonieme consultaties")


# --- Emergency access (noodknop) ---------------------------------------------------------------------------

class EmergencyAccess(models.Model):
    """Break the glass: time-limited access without involvement, with a reason, reviewed by the team lead."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_accesses")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="emergency_accesses")
    reason = models.TextField(_("reden"), max_length=1000)
    opened_at = models.DateTimeField(_("geopend op"))
    expires_at = models.DateTimeField(_("verloopt op"))
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    review_note = models.CharField(_("oordeel teamleider"), max_length=500, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["user", "family", "expires_at"])]
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")


# --- Retention and destruction -----------------------------------------------------------------------------

class LegalHold(models.Model):
    """A reason the family's records may not be destroyed yet (a court case, a complaint, an investigation)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(_("reden"), max_length=300)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bewaarplicht (legal hold)")


class DestructionRequestStatus(models.TextChoices):
    OPEN = "open", _("in behandeling")
    GRANTED = "granted", _("toegekend")
    REFUSED = "refused", _("afgewezen")


class DestructionRequest(models.Model):
    """A written request of a parent or a young person of 12+ to destroy the file earlier."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="destruction_requests")
    requested_by = models.ForeignKey("families.Person", verbose_name=_("verzoek van"), on_delete=models.CASCADE,
                                     related_name="+")
    received_on = models.DateField(_("schriftelijk ontvangen op"))
    status = models.CharField(_("status"), max_length=10, choices=DestructionRequestStatus.choices,
                              default=DestructionRequestStatus.OPEN)
    decision_note = models.CharField(_("toelichting besluit"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class DestructionRecord(models.Model):
    """What was destroyed, without personal data: the family's opaque id, counts per table, dates and why."""

    id = models.BigAutoField(primary_key=True)
    family_id = models.UUIDField()
    destroyed_at = models.DateTimeField()
    reason = models.CharField(max_length=20)  # retention, request
    rule = models.CharField(max_length=200)
    due_on = models.DateField(null=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-id"]
