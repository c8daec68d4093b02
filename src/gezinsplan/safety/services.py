"""Use cases of safety: weigh, assess, score, and keep the parents' safety plan (versioned).

Each service checks the policy, validates everything before writing (nothing is saved half) and writes through
core.records (change history) or core.versioning (immutable plan versions).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.accounts.constants import Role
from gezinsplan.cases.models import Case
from gezinsplan.cases.responsibility import case_responsibility, is_safety_responsible
from gezinsplan.core import policy
from gezinsplan.core.policy import Action, PolicyDenied
from gezinsplan.core.records import create_record
from gezinsplan.core.versioning import save_version
from gezinsplan.families.models import FamilyRole, Person
from gezinsplan.safety import plan_content, selectors
from gezinsplan.safety.models import (
    AnalysisDecision,
    ArijItem,
    AssessmentAdvice,
    BanKind,
    Breach,
    CardQuestion,
    Conclusion,
    ContactBan,
    GiDecision,
    LifeArea,
    RiskAssessment,
    SafetyAssessment,
    SafetyPlan,
    SafetyPlanVersion,
    SafetyScore,
    UnsafeConfirmation,
    Weighing,
)

NOT_A_CHILD = gettext_lazy("Deze persoon is geen kind van dit gezin.")
SCORE_RANGE = gettext_lazy("Geef een heel getal van 1 tot en met 10.")
ADVICE_REQUIRED = gettext_lazy(
    "Leg het advies van de gedragswetenschapper vast: zonder dat advies is er geen wegingsbesluit.")
NOT_A_BEHAVIOURAL_SCIENTIST = gettext_lazy(
    "Kies een gedragswetenschapper: de weging wordt genomen met een gedragswetenschapper.")
NOT_RESPONSIBLE = gettext_lazy(
    "Alleen wie in deze fase verantwoordelijk is voor de veiligheidstaxatie (%(party)s) maakt de "
    "taxatie. U kunt de taxaties lezen en advies toevoegen.")


def _require(actor, case: Case, action: Action = Action.EDIT_CASE) -> None:
    policy.require(actor, action, grant=policy.family_grant(actor, case.family))


def _text(errors: dict, field: str, value, *, required: bool = False, message: str | None = None,
          max_length: int = plan_content.MAX_TEXT) -> str:
    try:
        text = plan_content.check_text(value, max_length=max_length)
    except ValidationError as error:
        errors.setdefault(field, []).append(error.messages[0])
        return ""
    if required and not text:
        errors.setdefault(field, []).append(message or _("Dit veld is verplicht."))
    return text


def _not_in_future(errors: dict, field: str, day: date | None) -> None:
    if day is None:
        errors.setdefault(field, []).append(_("Vul een datum in."))
    elif day > policy.today():
        errors.setdefault(field, []).append(_("Deze datum ligt in de toekomst."))


def _check_child(errors: dict, case: Case, child: Person | None) -> None:
    if (child is None or child.family_id != case.family_id or child.family_role != FamilyRole.CHILD
            or child.removed_at is not None):
        errors.setdefault("child", []).append(NOT_A_CHILD)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# --- Weighing ----------------------------------------------------------------------------------------------------


@transaction.atomic
def weighing_record(*, actor, case: Case, occasion: str, held_on: date, question: str, participants: str,
                    behavioural_scientist, behavioural_scientist_advice: str, extended_analysis: str, gi_needed: str,
                    signals: dict | None = None, answers: dict | None = None, risk_kind: str = "none") -> Weighing:
    """R104/R105/R236: a weighing in a case discussion with a behavioural scientist, with the two decisions."""
    _require(actor, case)
    errors: dict = {}
    clean_signals = {}
    for area, text in (signals or {}).items():
        if area not in LifeArea.values:
            errors.setdefault("signals", []).append(_("Onbekend leefgebied."))
            continue
        if value := _text(errors, f"signal_{area}", text):
            clean_signals[area] = value
    clean_answers = {}
    for group, text in (answers or {}).items():
        if group not in CardQuestion.values:
            errors.setdefault("answers", []).append(_("Onbekende vraag van de wegingskaart."))
            continue
        if value := _text(errors, f"answer_{group}", text):
            clean_answers[group] = value
    advice = _text(errors, "behavioural_scientist_advice", behavioural_scientist_advice, required=True,
                   message=ADVICE_REQUIRED)
    if behavioural_scientist is None or behavioural_scientist.role != Role.BEHAVIOURAL_SCIENTIST:
        errors.setdefault("behavioural_scientist", []).append(NOT_A_BEHAVIOURAL_SCIENTIST)
    if extended_analysis not in AnalysisDecision.values:
        errors.setdefault("extended_analysis", []).append(_("Kies of een uitgebreide analyse nodig is."))
    if gi_needed not in GiDecision.values:
        errors.setdefault("gi_needed", []).append(_("Kies of GI-expertise nodig is."))
    _not_in_future(errors, "held_on", held_on)
    question = _text(errors, "question", question, required=True, max_length=500,
                     message=_("Beschrijf welke afweging het team maakt (R110)."))
    participants = _text(errors, "participants", participants, required=True, max_length=500,
                         message=_("Vul in wie er aan de weging deelnamen."))
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=Weighing(
        case=case, occasion=occasion, held_on=held_on, question=question, participants=participants,
        signals=clean_signals, answers=clean_answers, risk_kind=risk_kind, extended_analysis=extended_analysis,
        gi_needed=gi_needed, behavioural_scientist=behavioural_scientist,
        behavioural_scientist_advice=advice))


# --- Assessments -------------------------------------------------------------------------------------------------


def _require_safety_responsible(actor, case: Case) -> None:
    _require(actor, case)
    if not is_safety_responsible(user=actor, case=case):
        raise PolicyDenied(NOT_RESPONSIBLE % {"party": case_responsibility(case).safety.label})


@transaction.atomic
def assessment_record(*, actor, case: Case, child: Person, assessed_on: date, items: dict, conclusion: str,
                      instrument: str = "ARIJ", with_family: bool = True,
                      immediate_action: str = "") -> SafetyAssessment:
    """R124/R547/R549: every item judged; an unsafe item needs what happened; 'direct veiligstellen' the action."""
    _require_safety_responsible(actor, case)
    errors: dict = {}
    _check_child(errors, case, child)
    _not_in_future(errors, "assessed_on", assessed_on)
    clean_items = {}
    for item in ArijItem:
        entry = (items or {}).get(item.value) or {}
        verdict = entry.get("conclusion")
        field = f"item_{item.value}"
        if verdict not in Conclusion.values:
            errors.setdefault(field, []).append(_("%(item)s: kies veilig, onveilig of direct veiligstellen.")
                                                % {"item": item.label})
            continue
        description = _text(errors, field, entry.get("description"), max_length=2000)
        if verdict != Conclusion.SAFE and not description:
            errors.setdefault(field, []).append(_("%(item)s: beschrijf concreet wat er gebeurde (wie, wat, "
                                                  "wanneer) (R549).") % {"item": item.label})
        clean_items[item.value] = {"conclusion": verdict, "description": description}
    instrument = _text(errors, "instrument", instrument, required=True, max_length=60)
    conclusion = _text(errors, "conclusion", conclusion, required=True,
                       message=_("Vul de conclusie van de taxatie in."))
    action = _text(errors, "immediate_action", immediate_action, max_length=2000)
    if any(v["conclusion"] == Conclusion.SECURE_NOW for v in clean_items.values()) and not action:
        errors.setdefault("immediate_action", []).append(
            _("Bij 'direct veiligstellen': beschrijf welke maatregel direct is genomen (R548)."))
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=SafetyAssessment(
        case=case, child=child, instrument=instrument, assessed_on=assessed_on, items=clean_items,
        conclusion=conclusion, with_family=with_family, immediate_action=action, assessed_by=actor))


@transaction.atomic
def assessment_advise(*, actor, assessment: SafetyAssessment, text: str) -> AssessmentAdvice:
    """R014/R032: the party without the safety responsibility contributes advice to an assessment."""
    _require(actor, assessment.case)
    errors: dict = {}
    text = _text(errors, "text", text, required=True, message=_("Schrijf uw advies."))
    _raise(errors)
    return create_record(actor=actor, family_id=assessment.case.family_id,
                         instance=AssessmentAdvice(assessment=assessment, text=text))


@transaction.atomic
def risk_assessment_record(*, actor, case: Case, child: Person, assessed_on: date, static_factors: str,
                           dynamic_factors: str, result: str, protective_factors: str = "",
                           instrument: str = "ARIJ Risicotaxatie") -> RiskAssessment:
    """R116/R564: stable safety with static and dynamic factors held apart."""
    _require_safety_responsible(actor, case)
    errors: dict = {}
    _check_child(errors, case, child)
    _not_in_future(errors, "assessed_on", assessed_on)
    static = _text(errors, "static_factors", static_factors, required=True)
    dynamic = _text(errors, "dynamic_factors", dynamic_factors, required=True)
    protective = _text(errors, "protective_factors", protective_factors)
    instrument = _text(errors, "instrument", instrument, required=True, max_length=60)
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=RiskAssessment(
        case=case, child=child, instrument=instrument, assessed_on=assessed_on, static_factors=static,
        dynamic_factors=dynamic, protective_factors=protective, result=result, assessed_by=actor))


# --- Safety scale ------------------------------------------------------------------------------------------------


@transaction.atomic
def score_record(*, actor, case: Case, child: Person, score, scored_on: date, situation: str,
                 scorer: str = "professional", scorer_name: str = "", setting: str = "family_conversation"
                 ) -> SafetyScore:
    """R531/R532: a whole number from 1 to 10, per child, with who scored and where; never overwritten."""
    _require(actor, case)
    errors: dict = {}
    _check_child(errors, case, child)
    _not_in_future(errors, "scored_on", scored_on)
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 10:
        errors.setdefault("score", []).append(SCORE_RANGE)
    situation = _text(errors, "situation", situation, required=True, max_length=500,
                      message=_("Beschrijf kort de situatie: waarom dit cijfer?"))
    scorer_name = _text(errors, "scorer_name", scorer_name, max_length=150)
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=SafetyScore(
        case=case, child=child, score=score, scored_on=scored_on, scorer=scorer, scorer_name=scorer_name,
        setting=setting, situation=situation))


@transaction.atomic
def confirm_despite_unsafe(*, actor, case: Case, reason: str, what: str) -> UnsafeConfirmation | None:
    """R126/R119: starting the explanatory analysis or change plan while direct safety is below a '6'.

    Returns None when direct safety does not come first (nothing to confirm); otherwise records who went ahead,
    why and with which latest score. Raises a ValidationError without a reason.
    """
    _require(actor, case)
    if not selectors.direct_safety_first(case):
        return None
    errors: dict = {}
    reason = _text(errors, "reason", reason, required=True, max_length=2000, message=_(
        "De directe veiligheid is lager dan een '6': de veiligheid gaat voor. Geef een reden als u toch start."))
    what = _text(errors, "what", what, required=True, max_length=200)
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=UnsafeConfirmation(
        case=case, what=what, reason=reason, latest_score=selectors.latest_professional_score(case)))


# --- Safety plan -------------------------------------------------------------------------------------------------


@transaction.atomic
def plan_save(*, actor, case: Case, content: dict, based_on: int | None, note: str = "") -> SafetyPlanVersion:
    """Save a new immutable version of the parents' safety plan (R125, R239, R556).

    `based_on` is the version number the user opened (None for the first); a save on top of a newer version raises
    core.versioning.StaleVersion with what changed meanwhile. After a recorded breach the next version must say what
    was adjusted (the note), and the breach is marked as adjusted in that version (R239, R240).
    """
    _require(actor, case)
    errors: dict = {}
    plan, _created = SafetyPlan.objects.get_or_create(case=case)
    previous = plan.current.content if plan.current_id else {}
    try:
        clean = plan_content.clean_content(plan_content.carry_ids(content, previous))
    except ValidationError as error:
        errors.update(error.message_dict)
        clean = None
    note = _text(errors, "note", note, max_length=300)
    open_breaches = list(plan.breaches.filter(removed_at__isnull=True, adjusted_in__isnull=True))
    if open_breaches and not note and plan.current_id is not None and based_on is not None:
        errors.setdefault("note", []).append(_("Er is een schending van een afspraak vastgelegd. Beschrijf in de "
                                               "toelichting wat u in deze versie aanpast (R239)."))
    _raise(errors)
    version = save_version(document=plan, version_model=SafetyPlanVersion, content=clean, author=actor,
                           based_on=based_on, note=note)
    if open_breaches and version.number > max(b.in_version for b in open_breaches):
        Breach.objects.filter(pk__in=[b.pk for b in open_breaches]).update(adjusted_in=version.number)
    return version


@transaction.atomic
def breach_record(*, actor, case: Case, item_id: str, occurred_on: date, breached_by: str, what_happened: str,
                  police_involved: bool = False, police_called_by: str = "") -> Breach:
    """R240: a breach of an agreement or bottom line of the current plan; the next version records the adjustment."""
    _require(actor, case)
    errors: dict = {}
    plan = SafetyPlan.objects.filter(case=case).select_related("current").first()
    if plan is None or plan.current is None:
        raise ValidationError(_("Er is nog geen veiligheidsplan: leg eerst de afspraken vast."))
    items = {a["id"]: a["what"] for a in plan.current.content.get("agreements", [])}
    items |= {b["id"]: b["text"] for b in plan.current.content.get("bottom_lines", [])}
    if item_id not in items:
        errors.setdefault("item_id", []).append(_("Kies een afspraak of bodemeis uit het huidige plan."))
    _not_in_future(errors, "occurred_on", occurred_on)
    breached_by = _text(errors, "breached_by", breached_by, required=True, max_length=150,
                        message=_("Vul in wie de afspraak schond."))
    what_happened = _text(errors, "what_happened", what_happened, required=True,
                          message=_("Beschrijf concreet wat er gebeurde."))
    called_by = _text(errors, "police_called_by", police_called_by, max_length=150)
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=Breach(
        plan=plan, item_id=item_id, item_text=items[item_id][:500], in_version=plan.current.number,
        occurred_on=occurred_on, breached_by=breached_by, what_happened=what_happened,
        police_involved=police_involved, police_called_by=called_by))


@transaction.atomic
def ban_record(*, actor, case: Case, person: Person, kind: str, starts_on: date, protects: str,
               ends_on: date | None = None) -> ContactBan:
    """R243: register a contact or house ban on a person of the family; it shows as a safety alert."""
    _require(actor, case)
    errors: dict = {}
    if person is None or person.family_id != case.family_id or person.removed_at is not None:
        errors.setdefault("person", []).append(_("Deze persoon hoort niet bij dit gezin."))
    if kind not in BanKind.values:
        errors.setdefault("kind", []).append(_("Kies het soort verbod."))
    if starts_on is None:
        errors.setdefault("starts_on", []).append(_("Vul een datum in."))
    elif ends_on is not None and ends_on < starts_on:
        errors.setdefault("ends_on", []).append(_("De einddatum ligt vóór de ingangsdatum."))
    protects = _text(errors, "protects", protects, required=True, max_length=300,
                     message=_("Vul in wie door het verbod beschermd wordt."))
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=ContactBan(
        case=case, person=person, kind=kind, starts_on=starts_on, ends_on=ends_on, protects=protects))
