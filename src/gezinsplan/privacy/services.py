"""Use cases of privacy by construction: consent, disclosures, the weighing of professional secrecy, anonymous
consultation (product 1) and emergency access. Each checks the policy, validates everything before it writes, and
writes in one transaction: a refusal leaves nothing half saved."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.nl import bsn as stdnum_bsn

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.accounts.models import FixedProtector, Organisation
from gezinsplan.cases.models import Case, CaseStatus, Framework
from gezinsplan.core import policy
from gezinsplan.core.policy import Action, PolicyDenied
from gezinsplan.core.records import create_record, update_record
from gezinsplan.families.models import Family, FamilyRole, Person, Relationship, RelationshipKind
from gezinsplan.privacy import consent_rules
from gezinsplan.privacy.consent_rules import ChildFacts
from gezinsplan.privacy.models import (
    AnonymousConsultation,
    ConfidentialityBreach,
    Consent,
    ConsentSubject,
    ConsultationDirection,
    CouncilInvestigation,
    Disclosure,
    DisclosureKind,
    EmergencyAccess,
    FollowUpKind,
    LegalBasis,
    PrivacyFollowUp,
)

EXCHANGE_KINDS = frozenset({DisclosureKind.SHARED, DisclosureKind.REQUESTED})
# Bases that need a written explanation (which law, which part in the help, why life is at stake).
EXPLAINED_BASES = {
    LegalBasis.LEGAL_OBLIGATION: gettext_lazy("Noem de wettelijke verplichting: welke wet en welk artikel."),
    LegalBasis.DIRECT_INVOLVEMENT: gettext_lazy(
        "Leg uit welk aandeel de ontvanger heeft in de hulp aan dit kind en waarom "
        "hij deze informatie daarvoor nodig heeft (R086)."),
    LegalBasis.LIFE_THREATENING: gettext_lazy("Beschrijf de levensbedreigende situatie."),
}


def _require_edit(actor, family: Family) -> None:
    policy.require(actor, Action.EDIT_FAMILY, grant=policy.family_grant(actor, family))


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").casefold()
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


# --- Consent ----------------------------------------------------------------------------------------------

def child_facts(*, family_id, children, on: date) -> list[ChildFacts]:
    """Age on the day and the custodians (parent_of with has_custody) of each child. One query."""
    children = list(children)
    custody: dict = {c.pk: set() for c in children}
    for from_id, to_id in Relationship.objects.filter(
            family_id=family_id, kind=RelationshipKind.PARENT_OF, has_custody=True,
            to_person_id__in=list(custody), from_person__removed_at__isnull=True,
    ).values_list("from_person_id", "to_person_id"):
        custody[to_id].add(from_id)
    return [ChildFacts(id=c.pk, name=c.first_name, age=c.age_on(on), custodians=frozenset(custody[c.pk]))
            for c in children]


def _names(family_id) -> dict:
    return {p.pk: p.first_name for p in Person.objects.filter(family_id=family_id).only("id", "first_name")}


def _consent_errors_on_save(consent: Consent, *, family: Family, children, given_by) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    try:
        consent.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    if not children:
        errors.setdefault("children", []).append(_("Kies over welke kinderen de informatie gaat."))
    elif any(c.family_id != family.pk or c.family_role != FamilyRole.CHILD for c in children):
        errors.setdefault("children", []).append(_("Kies alleen kinderen van dit gezin."))
    if not given_by:
        errors.setdefault("given_by", []).append(_("Kies wie de toestemming gaf (of weigerde)."))
    elif any(p.family_id != family.pk for p in given_by):
        errors.setdefault("given_by", []).append(_("Kies alleen gezinsleden van dit gezin."))
    if consent.given_on and consent.given_on > policy.today():
        errors.setdefault("given_on", []).append(_("De datum van de toestemming kan niet in de toekomst liggen."))
    if consent.expires_on and consent.given_on and consent.expires_on < consent.given_on:
        errors.setdefault("expires_on", []).append(_("De einddatum ligt vóór de datum van de toestemming."))
    if consent.granted and not consent.withdrawal_explained:
        errors.setdefault("withdrawal_explained", []).append(_(
            "Leg het gezin uit dat zij hun toestemming altijd kunnen intrekken en wat er dan gebeurt, en vink dat "
            "aan (R091)."))
    if consent.granted and not errors and consent.given_on:
        problems = consent_rules.giver_problems(
            children=child_facts(family_id=family.pk, children=children, on=consent.given_on),
            givers={p.pk for p in given_by}, names=_names(family.pk))
        if problems:
            errors["given_by"] = problems
    return errors


@transaction.atomic
def consent_record(*, actor, family: Family, children, given_by, **values) -> Consent:
    """Record a consent (or a refusal) for one exchange, with the age and custody rules of R159 (R091, R085)."""
    _require_edit(actor, family)
    children, given_by = list(children), list(given_by)
    consent = Consent(family=family, **values)
    if consent.recipient_organisation_id and not consent.recipient:
        consent.recipient = consent.recipient_organisation.name
    errors = _consent_errors_on_save(consent, family=family, children=children, given_by=given_by)
    if errors:
        raise ValidationError(errors)
    create_record(actor=actor, instance=consent, family_id=family.pk)
    consent.children.set(children)
    consent.given_by.set(given_by)
    follow_ups_for_refusal(actor=actor, consent=consent)
    return consent


@transaction.atomic
def consent_update(*, actor, consent: Consent, version: int | None, children, given_by, **values) -> Consent:
    """Correct a consent that has not been used or revoked yet; the same checks as when it was recorded.

    A used consent is history (the exchange happened under it) and a revoked one is closed: those are not edited.
    """
    _require_edit(actor, consent.family)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_on:
        raise ValidationError(
            _(
                "Deze toestemming is ingetrokken en kan niet meer worden gewijzigd. Leg zo nodig een "
                "nieuwe toestemming vast."
            )
        )
    if Disclosure.objects.filter(consent=consent, removed_at__isnull=True).exists():
        raise ValidationError(
            _(
                "Onder deze toestemming is al informatie gedeeld; die kan niet meer worden gewijzigd. "
                "Vraag voor een nieuwe uitwisseling opnieuw toestemming (R092)."
            )
        )
    children, given_by = list(children), list(given_by)
    candidate = Consent(family=consent.family, **values)
    if candidate.recipient_organisation_id and not candidate.recipient:
        candidate.recipient = candidate.recipient_organisation.name
    errors = _consent_errors_on_save(candidate, family=consent.family, children=children, given_by=given_by)
    if errors:
        raise ValidationError(errors)
    values["recipient"] = candidate.recipient
    consent = update_record(actor=actor, instance=consent, version=version, family_id=consent.family_id, values=values)
    consent.children.set(children)
    consent.given_by.set(given_by)
    return consent


# --- Follow-ups of a refusal (R038, R089, R160) -------------------------------------------------------------


def _follow_up_days() -> int:
    return int(settings.GEZINSPLAN_METHOD.get("privacy_follow_up_days", 14))


def _add_follow_up(*, actor, consent: Consent, kind: str) -> PrivacyFollowUp:
    follow_up = PrivacyFollowUp(
        family_id=consent.family_id,
        consent=consent,
        kind=kind,
        due_on=policy.today() + timedelta(days=_follow_up_days()),
    )
    return create_record(actor=actor, instance=follow_up, family_id=consent.family_id)


def follow_ups_for_refusal(*, actor, consent: Consent) -> list[PrivacyFollowUp]:
    """A refusal sets tasks in motion: report back after an anonymous GI discussion (R038), weigh the forced
    framework when voluntary help cannot start (R089), discuss a refused child conversation with the parents
    (R160)."""
    if consent.granted:
        return []
    kinds = []
    if consent.subject == ConsentSubject.GI_SPARRING:
        kinds.append(FollowUpKind.REPORT_BACK)
    elif consent.subject == ConsentSubject.CHILD_CONVERSATION:
        kinds.append(FollowUpKind.DISCUSS_WITH_PARENTS)
    elif (
        consent.blocks_help
        and Case.objects.filter(
            family_id=consent.family_id, status=CaseStatus.OPEN, framework=Framework.VOLUNTARY, removed_at__isnull=True
        ).exists()
    ):
        kinds.append(FollowUpKind.FRAMEWORK_WEIGHING)
    return [_add_follow_up(actor=actor, consent=consent, kind=kind) for kind in kinds]


@transaction.atomic
def follow_up_complete(
    *,
    actor,
    follow_up: PrivacyFollowUp,
    outcome: str,
    done_on: date | None = None,
    forced_framework_needed: bool | None = None,
    still_refused: bool | None = None,
) -> PrivacyFollowUp:
    """Record the outcome. A child conversation still refused after talking with the parents leads to an internal
    consultation (R160); the forced-framework weighing records its answer (R089)."""
    _require_edit(actor, follow_up.family)
    follow_up = PrivacyFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_on:
        raise ValidationError(_("Deze opvolging is al afgerond."))
    errors: dict[str, list[str]] = {}
    if not (outcome or "").strip():
        errors["outcome"] = [_("Leg de uitkomst vast: wat is besproken of besloten, en met wie.")]
    if follow_up.kind == FollowUpKind.FRAMEWORK_WEIGHING and forced_framework_needed is None:
        errors["forced_framework_needed"] = [_("Leg vast of het gedwongen kader nodig is (ja of nee).")]
    if follow_up.kind == FollowUpKind.DISCUSS_WITH_PARENTS and still_refused is None:
        errors["still_refused"] = [_("Leg vast of de ouders na het gesprek nog steeds weigeren.")]
    day = done_on or policy.today()
    if day > policy.today():
        errors["done_on"] = [_("De datum kan niet in de toekomst liggen.")]
    if errors:
        raise ValidationError(errors)
    follow_up = update_record(
        actor=actor,
        instance=follow_up,
        version=None,
        family_id=follow_up.family_id,
        values={
            "outcome": outcome.strip(),
            "done_on": day,
            "forced_framework_needed": forced_framework_needed,
            "still_refused": still_refused,
        },
    )
    if follow_up.kind == FollowUpKind.DISCUSS_WITH_PARENTS and still_refused:
        _add_follow_up(actor=actor, consent=follow_up.consent, kind=FollowUpKind.INTERNAL_CONSULTATION)
    return follow_up


def gi_sparring_problems(*, family: Family, on: date | None = None) -> list[str]:
    """R038: before a family is discussed by name with the GI, the parents were told and consented; otherwise the
    discussion is anonymous (product 1) and reported back."""
    day = on or policy.today()
    consents = Consent.objects.filter(
        family=family, subject=ConsentSubject.GI_SPARRING, removed_at__isnull=True, given_on__lte=day
    ).order_by("-given_on", "-created_at")
    latest = consents.first()
    if latest is None:
        return [
            _(
                "Vertel de ouders (en het kind) eerst dat u extra expertise van de GI wilt inschakelen en leg vast "
                "of zij toestemming geven (R038)."
            )
        ]
    if not latest.granted:
        return [
            _(
                "De ouders gaven geen toestemming om hun gezin met naam met de GI te bespreken. Bespreek de zaak "
                "anoniem (anonieme consultatie) en koppel terug aan de ouders (R038)."
            )
        ]
    if latest.revoked_on and latest.revoked_on <= day:
        return [_("De toestemming om met de GI te sparren is ingetrokken.")]
    return []


@transaction.atomic
def consent_revoke(*, actor, consent: Consent, revoked_on: date, note: str = "") -> Consent:
    """Revocation (R091): from this day nothing more is shared under this consent; what was shared stays shared."""
    _require_edit(actor, consent.family)
    if consent.revoked_on:
        raise ValidationError(_("Deze toestemming is al ingetrokken op %(day)s.")
                              % {"day": consent.revoked_on.strftime("%d-%m-%Y")})
    if revoked_on > policy.today():
        raise ValidationError({"revoked_on": _("De datum van intrekken kan niet in de toekomst liggen.")})
    if revoked_on < consent.given_on:
        raise ValidationError({"revoked_on": _("De datum van intrekken ligt vóór de datum van de toestemming.")})
    return update_record(actor=actor, instance=consent, version=None, family_id=consent.family_id,
                         values={"revoked_on": revoked_on, "revocation_note": note.strip()[:300]})


def _recipient_matches(consent: Consent, recipient) -> bool:
    if isinstance(recipient, Organisation):
        return consent.recipient_organisation_id == recipient.pk or _norm(consent.recipient) == _norm(recipient.name)
    return _norm(consent.recipient) == _norm(str(recipient))


def _usable(consent: Consent, on: date) -> bool:
    return (consent.granted and consent.removed_at is None and consent.given_on <= on
            and (consent.revoked_on is None or consent.revoked_on > on)
            and (consent.expires_on is None or consent.expires_on >= on))


def consent_check(*, case_or_family, children, purpose: str, recipient, on: date | None = None) -> list[str]:
    """What is missing before information about these children may go to this recipient for this purpose.

    Empty list: a valid, unused consent (or consents together) of the right persons covers the exchange (R092,
    R159). Used by the cases code before sharing with a care provider (product 2a). Messages are Dutch.
    """
    family = case_or_family.family if isinstance(case_or_family, Case) else case_or_family
    if isinstance(children, Person):
        children = [children]
    children = list(children)
    day = on or policy.today()
    if not children:
        return [_("Kies over welke kinderen informatie wordt gedeeld.")]
    consents = [c for c in Consent.objects.filter(family=family, disclosure__isnull=True)
                .prefetch_related("children", "given_by")
                if _usable(c, day) and _recipient_matches(c, recipient) and _norm(c.purpose) == _norm(purpose)]
    if not consents:
        name = recipient.name if isinstance(recipient, Organisation) else recipient
        return [_("Er is geen geldige toestemming van het gezin om informatie te delen met %(recipient)s voor "
                  "'%(purpose)s'. Vraag voor elke nieuwe uitwisseling opnieuw toestemming (R092).")
                % {"recipient": name, "purpose": purpose}]
    names = _names(family.pk)
    missing: list[str] = []
    for facts in child_facts(family_id=family.pk, children=children, on=day):
        covering = [c for c in consents if any(ch.pk == facts.id for ch in c.children.all())]
        givers = {p.pk for c in covering for p in c.given_by.all()}
        if not covering:
            missing.append(_("De toestemming gaat niet over %(child)s.") % {"child": facts.name})
            continue
        missing += consent_rules.missing_for_child(facts, givers=givers, names=names)
    return list(dict.fromkeys(missing))


# --- Disclosures and the weighing of professional secrecy -------------------------------------------------

def _disclosure_errors(disclosure: Disclosure, *, family: Family, children) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if disclosure.occurred_on and disclosure.occurred_on > policy.today():
        add("occurred_on", _("Leg een uitwisseling vast als die gebeurd is; de datum ligt in de toekomst."))
    if disclosure.kind not in EXCHANGE_KINDS:
        if not disclosure.considerations.strip():
            add("considerations", _("Leg vast waarom u besloot niet te delen of niet op te vragen (R087)."))
        return errors
    basis = disclosure.basis
    if not basis:
        add("basis", _("Kies een grondslag. Zonder toestemming, wettelijke verplichting, levensbedreigende situatie, "
                       "directe betrokkenheid bij dezelfde hulp of een vastgelegde afweging wordt niets gedeeld of "
                       "opgevraagd (R083)."))
    if basis != LegalBasis.CONSENT and disclosure.consent_id:
        add("consent", _("Een toestemming hoort alleen bij de grondslag 'toestemming'."))
    if basis in EXPLAINED_BASES and not disclosure.basis_explanation.strip():
        add("basis_explanation", EXPLAINED_BASES[basis])
    if basis == LegalBasis.BREACH:
        if disclosure.breach_id is None:
            add("breach", _("Zonder toestemming en zonder wettelijke grondslag mag u alleen delen na een vastgelegde "
                            "afweging doorbreken beroepsgeheim (R088). Leg die eerst vast."))
        elif disclosure.breach.family_id != family.pk:
            add("breach", _("Deze afweging hoort bij een ander gezin."))
    if basis == LegalBasis.CONSENT:
        errors.update(_consent_errors(disclosure, family=family, children=children))
    if not disclosure.family_informed_on and not disclosure.not_informed_reason.strip():
        add("family_informed_on", _("Informeer het gezin over deze uitwisseling en leg vast wanneer en hoe, of leg "
                                    "vast waarom het gezin (nog) niet geïnformeerd wordt (R084)."))
    if disclosure.family_informed_on and not disclosure.family_informed_how.strip():
        add("family_informed_how", _("Leg vast hoe het gezin geïnformeerd is (bijvoorbeeld 'mondeling bij het "
                                     "huisbezoek')."))
    return errors


def _consent_errors(disclosure: Disclosure, *, family: Family, children) -> dict[str, list[str]]:
    consent = disclosure.consent
    if consent is None:
        return {"consent": [_("Kies de toestemming van het gezin voor precies deze uitwisseling. Een convenant of "
                              "een mededeling aan het gezin is geen toestemming (R093).")]}
    day = disclosure.occurred_on
    if consent.family_id != family.pk:
        return {"consent": [_("Deze toestemming hoort bij een ander gezin.")]}
    if not consent.granted:
        return {"consent": [_("Het gezin heeft hier geen toestemming voor gegeven.")]}
    if consent.subject != ConsentSubject.EXCHANGE:
        return {
            "consent": [
                _("Deze toestemming gaat over %(subject)s, niet over het delen van informatie.")
                % {"subject": consent.get_subject_display()}
            ]
        }
    if Disclosure.objects.filter(consent=consent).exclude(pk=disclosure.pk).exists():
        return {"consent": [_("Deze toestemming is al gebruikt voor een eerdere uitwisseling. Vraag voor elke nieuwe "
                              "uitwisseling opnieuw toestemming (R092).")]}
    if day and consent.given_on > day:
        return {"consent": [_("De toestemming is gegeven ná deze uitwisseling: toestemming achteraf geldt niet. "
                              "Kies een andere grondslag of leg vast dat er zonder grondslag gedeeld is.")]}
    if day and consent.revoked_on and consent.revoked_on <= day:
        return {"consent": [_("Deze toestemming is ingetrokken op %(day)s: er mag niets meer onder gedeeld worden.")
                            % {"day": consent.revoked_on.strftime("%d-%m-%Y")}]}
    if day and consent.expires_on and consent.expires_on < day:
        return {"consent": [_("Deze toestemming was op die datum verlopen.")]}
    recipient = disclosure.counterpart_organisation or disclosure.counterpart
    if not _recipient_matches(consent, recipient) or _norm(consent.purpose) != _norm(disclosure.purpose):
        return {"consent": [_("Deze toestemming geldt voor %(recipient)s met het doel '%(purpose)s', niet voor deze "
                              "ontvanger of dit doel (R092).") % {"recipient": consent.recipient,
                                                                  "purpose": consent.purpose}]}
    covered = {c.pk for c in consent.children.all()}
    outside = [c.first_name for c in children if c.pk not in covered]
    if outside:
        return {"consent": [_("De toestemming gaat niet over %(names)s.") % {"names": ", ".join(outside)}]}
    problems = consent_rules.giver_problems(
        children=child_facts(family_id=family.pk, children=consent.children.all(), on=consent.given_on),
        givers={p.pk for p in consent.given_by.all()}, names=_names(family.pk))
    return {"consent": problems} if problems else {}


@transaction.atomic
def disclosure_record(*, actor, family: Family, children=(), **values) -> Disclosure:
    """Record an exchange (or a decision not to share): basis, family informed, consent used once (R083-R087)."""
    _require_edit(actor, family)
    children = list(children)
    if values.get("consent") is not None:  # the current row, locked: revoked or used meanwhile counts
        values["consent"] = Consent.objects.select_for_update().get(pk=values["consent"].pk)
    disclosure = Disclosure(family=family, **values)
    if disclosure.counterpart_organisation_id and not disclosure.counterpart:
        disclosure.counterpart = disclosure.counterpart_organisation.name
    errors: dict[str, list[str]] = {}
    try:
        disclosure.full_clean(exclude=["consent"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if any(c.family_id != family.pk for c in children):
        errors.setdefault("children", []).append(_("Kies alleen kinderen van dit gezin."))
    for field, messages in _disclosure_errors(disclosure, family=family, children=children).items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    create_record(actor=actor, instance=disclosure, family_id=family.pk)
    disclosure.children.set(children)
    return disclosure


@transaction.atomic
def breach_record(*, actor, family: Family, **values) -> ConfidentialityBreach:
    """The weighing before breaking professional secrecy: five items and who was consulted (R088, R095)."""
    _require_edit(actor, family)
    breach = ConfidentialityBreach(family=family, **values)
    errors: dict[str, list[str]] = {}
    try:
        breach.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    if not (breach.consulted_colleague or breach.consulted_behavioural_scientist or breach.consulted_manager):
        errors.setdefault("consulted_colleague", []).append(_(
            "Overleg eerst met een collega, een gedragswetenschapper of een leidinggevende, en leg vast met wie "
            "(R088)."))
    if breach.decided_on and breach.decided_on > policy.today():
        errors.setdefault("decided_on", []).append(_("De datum van de afweging kan niet in de toekomst liggen."))
    if errors:
        raise ValidationError(errors)
    return create_record(actor=actor, instance=breach, family_id=family.pk)


# --- Product 1: anonymous consultation --------------------------------------------------------------------

_BSN_CANDIDATE = re.compile(r"(?<!\d)(\d{4}[.\s]?\d{2}[.\s]?\d{3}|\d{9})(?!\d)")
_DATE = re.compile(r"(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})(?!\d)")
_DATE_WORDS = re.compile(r"\b\d{1,2}\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                         r"november|december)\s+\d{4}\b", re.IGNORECASE)
_POSTCODE = re.compile(r"(?<!\d)[1-9]\d{3}\s?[A-Z]{2}(?![A-Za-z])")
_ADDRESS = re.compile(r"\b\w+(straat|laan|weg|plein|gracht|kade|singel|dreef|hof|pad|steeg|park|dijk|markt)\s+"
                      r"\d+\s?[a-zA-Z]?\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d+])(\+31|0031|0)[\s-]?\(?\d\)?([\s-]?\d){8}(?!\d)")


def _person_names(user) -> list[str]:
    names = set()
    for first, last in Person.all_objects.filter(family__in=policy.visible_families(user)).values_list(
            "first_name", "last_name"):
        for name in (first, last):
            key = _norm(name)
            if len(key) >= 3:
                names.add(key)
    return sorted(names, key=len, reverse=True)


def identifying_data(text: str, *, user) -> list[str]:
    """What in this text could identify a family (R094, R201): a BSN, an exact date, a postcode or address,
    an e-mail address, a phone number, or a name of a member of a family the user works with."""
    problems = []
    if any(stdnum_bsn.is_valid(re.sub(r"\D", "", m.group(0))) for m in _BSN_CANDIDATE.finditer(text)):
        problems.append(_("De tekst bevat een BSN."))
    if _DATE.search(text) or _DATE_WORDS.search(text):
        problems.append(_("De tekst bevat een exacte datum (zoals een geboortedatum). Noem een leeftijd."))
    if _POSTCODE.search(text) or _ADDRESS.search(text):
        problems.append(_("De tekst bevat een postcode of adres."))
    if _EMAIL.search(text):
        problems.append(_("De tekst bevat een e-mailadres."))
    if _PHONE.search(text):
        problems.append(_("De tekst bevat een telefoonnummer."))
    normalised = f" {' '.join(re.findall(r'[a-z0-9]+', _norm(text)))} "
    if user is not None and any(f" {' '.join(re.findall(r'[a-z0-9]+', name))} " in normalised
                                for name in _person_names(user)):
        problems.append(_("De tekst bevat een naam van een gezinslid uit een van uw gezinnen. Gebruik bijvoorbeeld "
                          "'moeder', 'zoon (8)'."))
    return problems


def fixed_protectors(municipality):
    return FixedProtector.objects.filter(municipality=municipality, protector__is_active=True).select_related(
        "protector__organisation")


@transaction.atomic
def anonymous_consultation_record(*, actor, municipality, consulted, held_on: date, question: str,
                                  advice: str = "") -> AnonymousConsultation:
    """Product 1 (R003, R201, R202): either side asks; only anonymous text; no family, no case, no regie change
    (R005), no report or beschikking (R006)."""
    if actor.role == Role.LT_PROFESSIONAL:
        direction = ConsultationDirection.LT_TO_GI
        if not FixedProtector.objects.filter(municipality=municipality, protector=consulted).exists():
            raise ValidationError({"consulted": _("Kies een vaste jeugdbeschermer van de GI voor deze gemeente.")})
    elif actor.role == Role.GI_PROTECTOR:
        direction = ConsultationDirection.GI_TO_LT
        if consulted.role != Role.LT_PROFESSIONAL:
            raise ValidationError({"consulted": _("Kies een professional van het lokaal team.")})
    else:
        raise PolicyDenied("anonymous_consultation")
    errors: dict[str, list[str]] = {}
    for field, text in (("question", question), ("advice", advice)):
        problems = identifying_data(text or "", user=actor)
        if problems:
            errors[field] = [*problems, _("Een anonieme consultatie bevat geen gegevens waarmee het gezin te "
                                          "herkennen is (R201).")]
    if held_on > policy.today():
        errors.setdefault("held_on", []).append(_("De datum kan niet in de toekomst liggen."))
    consultation = AnonymousConsultation(
        municipality=municipality, direction=direction, requester=actor, requester_organisation=actor.organisation,
        consulted=consulted, held_on=held_on, question=question.strip(), advice=(advice or "").strip())
    try:
        consultation.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    consultation.save()
    return consultation


# --- Emergency access (noodknop) --------------------------------------------------------------------------

def emergency_hours() -> int:
    return int(getattr(settings, "GEZINSPLAN_EMERGENCY_ACCESS_HOURS", 4))


def emergency_find_family(*, bsn: str, birth_date: date) -> Family | None:
    """Exact BSN and birth date of one family member, both required; nothing fuzzy."""
    person = Person.objects.filter(bsn=bsn, birth_date=birth_date, family__removed_at__isnull=True).only(
        "family_id").first()
    return Family.objects.filter(pk=person.family_id).first() if person else None


@transaction.atomic
def emergency_access_open(*, actor, family: Family, reason: str) -> EmergencyAccess:
    """Break the glass: read access for a few hours, with a reason, on the team lead's review list."""
    if not policy.sees_personal_data(actor):
        raise PolicyDenied("emergency_access")
    if not (reason or "").strip() or len(reason.strip()) < 10:
        raise ValidationError({"reason": _("Geef de reden voor de noodtoegang: waarom moet u dit gezin nu inzien "
                                           "zonder betrokken te zijn? Uw teamleider beoordeelt dit achteraf.")})
    grant = policy.family_grant(actor, family)
    if grant is not None and not grant.emergency:
        raise ValidationError(_("U hebt al toegang tot dit gezin; noodtoegang is niet nodig."))
    now = timezone.now()
    access = EmergencyAccess(user=actor, team_id=actor.team_id, family=family, reason=reason.strip()[:1000],
                             opened_at=now, expires_at=now + timedelta(hours=emergency_hours()))
    access.full_clean()
    access.save()
    return access


def emergency_reviewable(user):
    """The team lead's review list: emergency accesses of the members of the own team, open ones first."""
    if user.role != Role.TEAM_LEAD or not user.team_id:
        return EmergencyAccess.objects.none()
    return (EmergencyAccess.objects.filter(team_id=user.team_id).select_related("user", "family", "reviewed_by")
            .order_by("reviewed_at", "-opened_at"))


@transaction.atomic
def emergency_access_review(*, actor, access: EmergencyAccess, note: str) -> EmergencyAccess:
    if not emergency_reviewable(actor).filter(pk=access.pk).exists():
        raise PolicyDenied("emergency_review")
    if access.reviewed_at:
        raise ValidationError(_("Deze noodtoegang is al beoordeeld."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Schrijf uw oordeel: was de noodtoegang terecht?")})
    access.reviewed_at = timezone.now()
    access.reviewed_by = actor
    access.review_note = note.strip()[:500]
    access.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
    return access


# --- Learning material: pseudonymised case stories (R545, R626) --------------------------------------------

REDACTED = "[weggelaten]"


def _person_label(person, *, children_index: dict, on: date) -> str:
    if person.family_role == FamilyRole.CHILD:
        age = person.age_on(on) if person.birth_date else None
        number = children_index.get(person.pk, 0)
        return f"kind {number} ({age})" if age is not None else f"kind {number}"
    if person.family_role in (FamilyRole.PARENT, FamilyRole.CAREGIVER):
        return {"v": "moeder", "m": "vader"}.get(person.gender, "ouder")
    return "gezinslid"


def pseudonymise(*, family: Family, text: str) -> str:
    """R545: replace the names of the family's members and network by role labels ('moeder', 'kind 1 (8)',
    'netwerklid') and leave out BSNs, exact dates, postcodes, addresses, e-mail addresses and phone numbers.
    The original stays only in the case file; nothing is stored here."""
    from gezinsplan.families.models import NetworkMember  # noqa: PLC0415

    on = policy.today()
    persons = list(Person.all_objects.filter(family=family).order_by("birth_date", "first_name"))
    children_index = {p.pk: n for n, p in enumerate((p for p in persons if p.family_role == FamilyRole.CHILD), 1)}
    replacements: list[tuple[str, str]] = []
    for person in persons:
        label = _person_label(person, children_index=children_index, on=on)
        full = f"{person.first_name} {person.last_name}".strip()
        for name in (full, person.last_name, person.first_name):
            if name and len(name) >= 2:
                replacements.append((name, label))
    for member in NetworkMember.objects.filter(family=family).only("name"):
        if member.name:
            replacements.append((member.name, "netwerklid"))
            replacements.extend((part, "netwerklid") for part in member.name.split() if len(part) >= 3)
    result = text
    for pattern in (_EMAIL, _PHONE, _ADDRESS, _POSTCODE, _DATE_WORDS, _DATE):
        result = pattern.sub(REDACTED, result)
    result = _BSN_CANDIDATE.sub(
        lambda m: REDACTED if stdnum_bsn.is_valid(re.sub(r"\D", "", m.group(0))) else m.group(0), result
    )
    for name, label in sorted(replacements, key=lambda item: len(item[0]), reverse=True):
        result = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", label, result, flags=re.IGNORECASE)
    return result


def learning_material_problems(*, text: str, user) -> list[str]:
    """R626: learning meetings (leerbijeenkomsten) refer to cases only in pseudonymised form. The check that a
    learning-meeting record runs on its text before saving: empty when nothing identifies a family."""
    problems = identifying_data(text or "", user=user)
    if problems:
        problems.append(
            _(
                "Een leerbijeenkomst bespreekt casussen alleen gepseudonimiseerd en neemt geen besluiten "
                "over cliënten (R626). Gebruik 'Leermateriaal maken' bij het gezin."
            )
        )
    return problems


# --- Raad voor de Kinderbescherming: an independent investigation (R654) ------------------------------------


def _require_council(actor) -> None:
    if (
        actor.role != Role.RVDK_OFFICER
        or actor.organisation is None
        or actor.organisation.type != OrganisationType.RVDK
    ):
        raise PolicyDenied("council_investigation")


@transaction.atomic
def council_investigation_record(*, actor, family: Family, **values) -> CouncilInvestigation:
    """R654: only the Raad writes its investigation; partners read what the Raad shares with them."""
    _require_council(actor)
    _require_edit(actor, family)
    investigation = CouncilInvestigation(family=family, organisation=actor.organisation, **values)
    investigation.full_clean()
    return create_record(actor=actor, instance=investigation, family_id=family.pk)


@transaction.atomic
def council_investigation_update(
    *, actor, investigation: CouncilInvestigation, version: int | None, **values
) -> CouncilInvestigation:
    _require_council(actor)
    if investigation.organisation_id != actor.organisation_id:
        raise PolicyDenied("council_investigation")
    _require_edit(actor, investigation.family)
    return update_record(
        actor=actor, instance=investigation, version=version, family_id=investigation.family_id, values=values
    )


def council_investigations(*, user, family: Family):
    """What this user may read: the Raad all of its own; the partners only what the Raad shared."""
    rows = CouncilInvestigation.objects.filter(family=family, removed_at__isnull=True).select_related(
        "created_by", "organisation"
    )
    if user.role == Role.RVDK_OFFICER and user.organisation_id:
        return rows.filter(models.Q(organisation_id=user.organisation_id) | models.Q(shared_with_partners=True))
    return rows.filter(shared_with_partners=True)
