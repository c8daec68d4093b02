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
from gezinsplan.safety import checks, plan_content, selectors
from gezinsplan.safety.models import (
    AnalysisDecision,
    ArijItem,
    AssessmentAdvice,
    BanKind,
    Breach,
    Calamity,
    CardQuestion,
    Conclusion,
    ContactBan,
    DirectSafetySignal,
    FirstConversation,
    GiDecision,
    GoodEnough,
    GoodEnoughVerdict,
    LifeArea,
    NetworkPlanProposal,
    ProposalMeeting,
    ProposalStatus,
    RecurrenceRisk,
    RelapseResponder,
    ResponderKind,
    RiskAssessment,
    RiskLevel,
    SafetyAssessment,
    SafetyPlan,
    SafetyPlanVersion,
    SafetyScore,
    SafetyStage,
    StageChange,
    TalkException,
    TalkExceptionReason,
    UnsafeConfirmation,
    Weighing,
    WeighingPurpose,
    WeighingThreshold,
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


def _text(
    errors: dict,
    field: str,
    value,
    *,
    required: bool = False,
    message: str | None = None,
    max_length: int = plan_content.MAX_TEXT,
) -> str:
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
    if (
        child is None
        or child.family_id != case.family_id
        or child.family_role != FamilyRole.CHILD
        or child.removed_at is not None
    ):
        errors.setdefault("child", []).append(NOT_A_CHILD)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# --- Weighing ----------------------------------------------------------------------------------------------------


@transaction.atomic
def weighing_record(
    *,
    actor,
    case: Case,
    occasion: str,
    held_on: date,
    question: str,
    participants: str,
    behavioural_scientist,
    behavioural_scientist_advice: str,
    extended_analysis: str,
    gi_needed: str,
    signals: dict | None = None,
    answers: dict | None = None,
    risk_kind: str = "none",
    purpose: str = WeighingPurpose.REGULAR,
    lt_input: str = "",
    gi_input: str = "",
) -> Weighing:
    """R104/R105/R236: a weighing in a case discussion with a behavioural scientist, with the two decisions.

    R070: a joint weighing before requesting or closing a protection measure records the input of both LT and GI.
    """
    _require(actor, case)
    errors: dict = {}
    if purpose not in WeighingPurpose.values:
        errors.setdefault("purpose", []).append(_("Kies het soort afweging."))
    lt_input = _text(errors, "lt_input", lt_input)
    gi_input = _text(errors, "gi_input", gi_input)
    if purpose != WeighingPurpose.REGULAR:
        if not lt_input:
            errors.setdefault("lt_input", []).append(
                _(
                    "Een maatregel aanvragen of afsluiten is een gezamenlijke "
                    "afweging: leg de inbreng van het lokaal team vast (R070)."
                )
            )
        if not gi_input:
            errors.setdefault("gi_input", []).append(
                _(
                    "Een maatregel aanvragen of afsluiten is een gezamenlijke "
                    "afweging: leg de inbreng van de GI vast (R070)."
                )
            )
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
    advice = _text(
        errors, "behavioural_scientist_advice", behavioural_scientist_advice, required=True, message=ADVICE_REQUIRED
    )
    if behavioural_scientist is None or behavioural_scientist.role != Role.BEHAVIOURAL_SCIENTIST:
        errors.setdefault("behavioural_scientist", []).append(NOT_A_BEHAVIOURAL_SCIENTIST)
    if extended_analysis not in AnalysisDecision.values:
        errors.setdefault("extended_analysis", []).append(_("Kies of een uitgebreide analyse nodig is."))
    if gi_needed not in GiDecision.values:
        errors.setdefault("gi_needed", []).append(_("Kies of GI-expertise nodig is."))
    _not_in_future(errors, "held_on", held_on)
    question = _text(
        errors,
        "question",
        question,
        required=True,
        max_length=500,
        message=_("Beschrijf welke afweging het team maakt (R110)."),
    )
    participants = _text(
        errors,
        "participants",
        participants,
        required=True,
        max_length=500,
        message=_("Vul in wie er aan de weging deelnamen."),
    )
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=Weighing(
            case=case,
            occasion=occasion,
            held_on=held_on,
            question=question,
            participants=participants,
            signals=clean_signals,
            answers=clean_answers,
            risk_kind=risk_kind,
            extended_analysis=extended_analysis,
            gi_needed=gi_needed,
            behavioural_scientist=behavioural_scientist,
            behavioural_scientist_advice=advice,
            purpose=purpose,
            lt_input=lt_input,
            gi_input=gi_input,
        ),
    )


# --- Assessments -------------------------------------------------------------------------------------------------


def _require_safety_responsible(actor, case: Case) -> None:
    _require(actor, case)
    if not is_safety_responsible(user=actor, case=case):
        raise PolicyDenied(NOT_RESPONSIBLE % {"party": case_responsibility(case).safety.label})


@transaction.atomic
def assessment_record(
    *,
    actor,
    case: Case,
    child: Person,
    assessed_on: date,
    items: dict,
    conclusion: str,
    instrument: str = "ARIJ",
    with_family: bool = True,
    immediate_action: str = "",
    parents_view: str = "",
) -> SafetyAssessment:
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
            errors.setdefault(field, []).append(
                _("%(item)s: kies veilig, onveilig of direct veiligstellen.") % {"item": item.label}
            )
            continue
        description = _text(errors, field, entry.get("description"), max_length=2000)
        occurred_on = entry.get("occurred_on") or None
        if occurred_on:
            try:
                occurred_on = date.fromisoformat(str(occurred_on))
            except ValueError:
                errors.setdefault(field, []).append(_("%(item)s: vul een geldige datum in.") % {"item": item.label})
                occurred_on = None
            else:
                if assessed_on and occurred_on > assessed_on:
                    errors.setdefault(field, []).append(
                        _("%(item)s: de datum ligt na de datum van de taxatie.") % {"item": item.label}
                    )
        if verdict != Conclusion.SAFE and not description:
            errors.setdefault(field, []).append(
                _("%(item)s: beschrijf concreet wat er gebeurde (wie, wat, wanneer) (R549).") % {"item": item.label}
            )
        clean_items[item.value] = {"conclusion": verdict, "description": description}
        if occurred_on:
            clean_items[item.value]["occurred_on"] = occurred_on.isoformat()
    instrument = _text(errors, "instrument", instrument, required=True, max_length=60)
    conclusion = _text(
        errors, "conclusion", conclusion, required=True, message=_("Vul de conclusie van de taxatie in.")
    )
    action = _text(errors, "immediate_action", immediate_action, max_length=2000)
    parents_view = _text(errors, "parents_view", parents_view)  # R600: recorded next to it, never blocking
    if any(v["conclusion"] == Conclusion.SECURE_NOW for v in clean_items.values()) and not action:
        errors.setdefault("immediate_action", []).append(
            _("Bij 'direct veiligstellen': beschrijf welke maatregel direct is genomen (R548).")
        )
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=SafetyAssessment(
            case=case,
            child=child,
            instrument=instrument,
            assessed_on=assessed_on,
            items=clean_items,
            conclusion=conclusion,
            with_family=with_family,
            immediate_action=action,
            parents_view=parents_view,
            assessed_by=actor,
        ),
    )


@transaction.atomic
def assessment_advise(*, actor, assessment: SafetyAssessment, text: str) -> AssessmentAdvice:
    """R014/R032: the party without the safety responsibility contributes advice to an assessment."""
    _require(actor, assessment.case)
    errors: dict = {}
    text = _text(errors, "text", text, required=True, message=_("Schrijf uw advies."))
    _raise(errors)
    return create_record(
        actor=actor, family_id=assessment.case.family_id, instance=AssessmentAdvice(assessment=assessment, text=text)
    )


@transaction.atomic
def risk_assessment_record(
    *,
    actor,
    case: Case,
    child: Person,
    assessed_on: date,
    static_factors: str,
    dynamic_factors: str,
    result: str,
    protective_factors: str = "",
    instrument: str = "ARIJ Risicotaxatie",
) -> RiskAssessment:
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
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=RiskAssessment(
            case=case,
            child=child,
            instrument=instrument,
            assessed_on=assessed_on,
            static_factors=static,
            dynamic_factors=dynamic,
            protective_factors=protective,
            result=result,
            assessed_by=actor,
        ),
    )


# --- Safety scale ------------------------------------------------------------------------------------------------


@transaction.atomic
def score_record(
    *,
    actor,
    case: Case,
    child: Person,
    score,
    scored_on: date,
    situation: str,
    scorer: str = "professional",
    scorer_name: str = "",
    setting: str = "family_conversation",
) -> SafetyScore:
    """R531/R532: a whole number from 1 to 10, per child, with who scored and where; never overwritten."""
    _require(actor, case)
    errors: dict = {}
    _check_child(errors, case, child)
    _not_in_future(errors, "scored_on", scored_on)
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 10:
        errors.setdefault("score", []).append(SCORE_RANGE)
    situation = _text(
        errors,
        "situation",
        situation,
        required=True,
        max_length=500,
        message=_("Beschrijf kort de situatie: waarom dit cijfer?"),
    )
    scorer_name = _text(errors, "scorer_name", scorer_name, max_length=150)
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=SafetyScore(
            case=case,
            child=child,
            score=score,
            scored_on=scored_on,
            scorer=scorer,
            scorer_name=scorer_name,
            setting=setting,
            situation=situation,
        ),
    )


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
    reason = _text(
        errors,
        "reason",
        reason,
        required=True,
        max_length=2000,
        message=_(
            "De directe veiligheid is lager dan een '6': de veiligheid gaat voor. Geef een reden als u toch start."
        ),
    )
    what = _text(errors, "what", what, required=True, max_length=200)
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=UnsafeConfirmation(
            case=case, what=what, reason=reason, latest_score=selectors.latest_professional_score(case)
        ),
    )


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
    if clean is not None and clean.get("probation_conditions") and not checks.has_probation(case):
        errors.setdefault("probation_conditions", []).append(
            _(
                "Er is geen jeugdreclassering: voorwaarden van de jeugdreclassering horen alleen in het plan bij een "
                "jeugdreclasseringsmaatregel (R558)."
            )
        )
    note = _text(errors, "note", note, max_length=300)
    open_breaches = list(plan.breaches.filter(removed_at__isnull=True, adjusted_in__isnull=True))
    if open_breaches and not note and plan.current_id is not None and based_on is not None:
        errors.setdefault("note", []).append(
            _(
                "Er is een schending van een afspraak vastgelegd. Beschrijf in de "
                "toelichting wat u in deze versie aanpast (R239)."
            )
        )
    _raise(errors)
    version = save_version(
        document=plan, version_model=SafetyPlanVersion, content=clean, author=actor, based_on=based_on, note=note
    )
    if open_breaches and version.number > max(b.in_version for b in open_breaches):
        Breach.objects.filter(pk__in=[b.pk for b in open_breaches]).update(adjusted_in=version.number)
    return version


@transaction.atomic
def breach_record(
    *,
    actor,
    case: Case,
    item_id: str,
    occurred_on: date,
    breached_by: str,
    what_happened: str,
    police_involved: bool = False,
    police_called_by: str = "",
) -> Breach:
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
    breached_by = _text(
        errors, "breached_by", breached_by, required=True, max_length=150, message=_("Vul in wie de afspraak schond.")
    )
    what_happened = _text(
        errors, "what_happened", what_happened, required=True, message=_("Beschrijf concreet wat er gebeurde.")
    )
    called_by = _text(errors, "police_called_by", police_called_by, max_length=150)
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=Breach(
            plan=plan,
            item_id=item_id,
            item_text=items[item_id][:500],
            in_version=plan.current.number,
            occurred_on=occurred_on,
            breached_by=breached_by,
            what_happened=what_happened,
            police_involved=police_involved,
            police_called_by=called_by,
        ),
    )


@transaction.atomic
def ban_record(
    *, actor, case: Case, person: Person, kind: str, starts_on: date, protects: str, ends_on: date | None = None
) -> ContactBan:
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
    protects = _text(
        errors,
        "protects",
        protects,
        required=True,
        max_length=300,
        message=_("Vul in wie door het verbod beschermd wordt."),
    )
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=ContactBan(
            case=case, person=person, kind=kind, starts_on=starts_on, ends_on=ends_on, protects=protects
        ),
    )


# --- Weighing threshold (R114) -------------------------------------------------------------------------------------


@transaction.atomic
def threshold_record(*, actor, case: Case, concerns: dict, decided_on: date) -> WeighingThreshold:
    """R114: factual (serious) concerns on a life area of the weighing card require a weighing; none: 'geen weging'."""
    _require(actor, case)
    errors: dict = {}
    clean = {}
    for area, text in (concerns or {}).items():
        if area not in LifeArea.values:
            errors.setdefault("concerns", []).append(_("Onbekend leefgebied."))
            continue
        if value := _text(errors, f"concern_{area}", text):
            clean[area] = value
    _not_in_future(errors, "decided_on", decided_on)
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=WeighingThreshold(case=case, concerns=clean, decided_on=decided_on, needs_weighing=bool(clean)),
    )


# --- The safety track (R121, R123, R301, R578) ---------------------------------------------------------------------


def _stage(actor, case: Case, stage: int, changed_on: date, reason: str) -> StageChange:
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=StageChange(case=case, stage=stage, changed_on=changed_on, reason=reason),
    )


@transaction.atomic
def signal_record(*, actor, case: Case, noticed_on: date, description: str, source: str = "") -> DirectSafetySignal:
    """R121: a new direct-safety signal moves the case back to direct safety and puts the safety plan in front."""
    _require(actor, case)
    errors: dict = {}
    _not_in_future(errors, "noticed_on", noticed_on)
    description = _text(
        errors, "description", description, required=True, message=_("Beschrijf concreet wat er is gesignaleerd.")
    )
    source = _text(errors, "source", source, max_length=200)
    _raise(errors)
    signal = create_record(
        actor=actor,
        family_id=case.family_id,
        instance=DirectSafetySignal(case=case, noticed_on=noticed_on, description=description, source=source),
    )
    if checks.current_stage(case) != SafetyStage.DIRECT:
        _stage(
            actor,
            case,
            SafetyStage.DIRECT,
            noticed_on,
            _("Nieuw signaal over de directe veiligheid: het veiligheidsplan staat weer centraal (R121)."),
        )
    return signal


@transaction.atomic
def stage_advance(*, actor, case: Case, changed_on: date, reason: str = "") -> tuple[StageChange, list[str]]:
    """R301/R123: the safety track moves one stage at a time. Leaving direct safety needs acute safety to pass
    (R578: no override); entering recovery needs stable safety 'good enough' and the causes and pattern recorded.
    Returns the change and warnings (R301: no direct-safety agreements in the plan)."""
    _require(actor, case)
    stage = checks.current_stage(case)
    if stage >= SafetyStage.RECOVERY:
        raise ValidationError(_("Fase 4 (herstelgericht) is de laatste fase."))
    target = stage + 1
    problems: list[str] = []
    if stage == SafetyStage.DIRECT:
        problems += checks.acute_safety(case).problems
    if target == SafetyStage.RECOVERY:
        good = checks.latest_good_enough(case)
        if good is None or good.verdict == GoodEnoughVerdict.NO:
            problems.append(_("Herstelgericht werken kan pas als de stabiele veiligheid 'goed genoeg' is (R123)."))
        from gezinsplan.analysis.models import PATTERN_SENTENCE_START, FamilyAnalysis

        analysis = FamilyAnalysis.objects.filter(family_id=case.family_id).first()
        pattern = (analysis.pattern_sentence if analysis else "").replace(PATTERN_SENTENCE_START, "").strip(" …")
        if analysis is None or not pattern or not analysis.maintaining_factors.strip():
            problems.append(
                _("Leg eerst de oorzaken (instandhoudende factoren) en het patroon vast in de analyse (R123).")
            )
    if problems:
        raise ValidationError(problems)
    errors: dict = {}
    reason = _text(errors, "reason", reason, max_length=2000)
    _not_in_future(errors, "changed_on", changed_on)
    _raise(errors)
    warnings = []
    if not checks.current_plan_content(case).get("agreements"):
        warnings.append(
            _(
                "Let op: er staan geen veiligheidsafspraken in het veiligheidsplan, terwijl u aan een "
                "latere fase begint (R301)."
            )
        )
    return _stage(actor, case, target, changed_on, reason), warnings


@transaction.atomic
def good_enough_record(
    *, actor, case: Case, verdict: str, reasons: str, assessed_on: date, participants: str, compensating_help: str = ""
) -> GoodEnough:
    """R652/R578: the 'good enough' judgement of lasting safety; 'good enough with lasting compensating help' is a
    valid closing state and names that help."""
    _require(actor, case)
    errors: dict = {}
    if verdict not in GoodEnoughVerdict.values:
        errors.setdefault("verdict", []).append(_("Kies ja, nee of goed genoeg met blijvende hulp."))
    reasons = _text(errors, "reasons", reasons, required=True, message=_("Geef de redenen van dit oordeel."))
    participants = _text(
        errors, "participants", participants, required=True, max_length=500, message=_("Vul in wie dit oordeel gaven.")
    )
    help_text = _text(errors, "compensating_help", compensating_help, max_length=500)
    if verdict == GoodEnoughVerdict.YES_WITH_HELP and not help_text:
        errors.setdefault("compensating_help", []).append(_("Beschrijf welke blijvende compenserende hulp er is."))
    _not_in_future(errors, "assessed_on", assessed_on)
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=GoodEnough(
            case=case,
            verdict=verdict,
            reasons=reasons,
            assessed_on=assessed_on,
            participants=participants,
            compensating_help=help_text,
        ),
    )


# --- Conversations (R519, R677, R161) ------------------------------------------------------------------------------


@transaction.atomic
def first_conversation_record(
    *, actor, case: Case, held_on: date, reason_explained: bool, unsafety_named: str, behaviour_meaning: str
) -> FirstConversation:
    """R519/R677: the first conversation explains why we are there and names the unsafety concretely."""
    _require(actor, case)
    errors: dict = {}
    if not reason_explained:
        errors.setdefault("reason_explained", []).append(
            _("Elk traject begint met de uitleg waarom wij in het gezin komen (R677).")
        )
    unsafety_named = _text(
        errors,
        "unsafety_named",
        unsafety_named,
        required=True,
        message=_("Beschrijf de concrete onveiligheid die u met het gezin benoemde (R519)."),
    )
    behaviour_meaning = _text(
        errors,
        "behaviour_meaning",
        behaviour_meaning,
        required=True,
        message=_(
            "Beschrijf wat het gedrag van de ouders betekent voor de (on)veiligheid van het kind, en andersom (R519)."
        ),
    )
    _not_in_future(errors, "held_on", held_on)
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=FirstConversation(
            case=case,
            held_on=held_on,
            reason_explained=True,
            unsafety_named=unsafety_named,
            behaviour_meaning=behaviour_meaning,
        ),
    )


@transaction.atomic
def safe_enough_confirm(*, actor, case: Case, on: date) -> FirstConversation:
    """R677: after the first conversation, confirm the child is safe enough; then the strengths step opens.
    Not while a child's latest professional score is below 6."""
    _require(actor, case)
    first = FirstConversation.objects.filter(case_id=case.pk).order_by("held_on", "created_at").first()
    if first is None:
        raise ValidationError(_("Leg eerst het eerste gesprek vast (R677)."))
    if selectors.direct_safety_first(case):
        raise ValidationError(
            _("De laatste score van een kind is lager dan een 6: het kind is nog niet veilig genoeg (R677).")
        )
    first.safe_enough_on = on
    first.safe_enough_by = actor
    first.version += 1
    first.save(update_fields=["safe_enough_on", "safe_enough_by", "version", "updated_at"])
    return first


@transaction.atomic
def talk_exception_record(
    *,
    actor,
    case: Case,
    person: Person,
    category: str,
    explanation: str,
    expert_advice: str,
    advice_from: str,
    decided_on: date,
    together_with: str = "",
) -> TalkException:
    """R161: not (yet) talking with a parent or the young person needs a reason category and expert advice, and is
    always kept in the dossier."""
    _require(actor, case)
    errors: dict = {}
    if person is None or person.family_id != case.family_id or person.removed_at is not None:
        errors.setdefault("person", []).append(_("Deze persoon hoort niet bij dit gezin."))
    if category not in TalkExceptionReason.values:
        errors.setdefault("category", []).append(
            _("Kies de reden: seksueel geweld, huwelijksdwang, eergerelateerd geweld, loverboyproblematiek of anders.")
        )
    explanation = _text(errors, "explanation", explanation, required=True, message=_("Licht het besluit toe."))
    expert_advice = _text(
        errors,
        "expert_advice",
        expert_advice,
        required=True,
        message=_(
            "Leg het ingewonnen deskundig advies vast: zonder advies geen besluit om (nog) niet te spreken (R161)."
        ),
    )
    advice_from = _text(
        errors, "advice_from", advice_from, required=True, max_length=200, message=_("Vul in van wie het advies kwam.")
    )
    together_with = _text(errors, "together_with", together_with, max_length=200)
    _not_in_future(errors, "decided_on", decided_on)
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=TalkException(
            case=case,
            person=person,
            category=category,
            explanation=explanation,
            expert_advice=expert_advice,
            advice_from=advice_from,
            together_with=together_with,
            decided_on=decided_on,
        ),
    )


# --- Calamity, recurrence, network plans, relapse responders (R350, R336, R696, R537, R539) ---------------------


@transaction.atomic
def calamity_record(
    *,
    actor,
    case: Case,
    occurred_on: date,
    description: str,
    organisations: str,
    management_notified_on: date,
    management_notified: str,
) -> Calamity:
    """R350: a calamity with date, description, the organisations involved and the notification to management."""
    _require(actor, case)
    errors: dict = {}
    _not_in_future(errors, "occurred_on", occurred_on)
    _not_in_future(errors, "management_notified_on", management_notified_on)
    if occurred_on and management_notified_on and management_notified_on < occurred_on:
        errors.setdefault("management_notified_on", []).append(
            _("Het management kan niet vóór de calamiteit zijn ingelicht.")
        )
    description = _text(errors, "description", description, required=True, message=_("Beschrijf wat er is gebeurd."))
    organisations = _text(
        errors,
        "organisations",
        organisations,
        required=True,
        max_length=500,
        message=_("Vul de betrokken organisaties in."),
    )
    notified = _text(
        errors,
        "management_notified",
        management_notified,
        required=True,
        max_length=200,
        message=_("Vul in wie van het management is ingelicht."),
    )
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=Calamity(
            case=case,
            occurred_on=occurred_on,
            description=description,
            organisations=organisations,
            management_notified_on=management_notified_on,
            management_notified=notified,
        ),
    )


@transaction.atomic
def recurrence_risk_record(
    *, actor, case: Case, level: str, reasons: str, follow_up_on: date | None = None
) -> RecurrenceRisk:
    """R336: at closing, the recurrence risk with an optional follow-up date."""
    _require(actor, case)
    errors: dict = {}
    if level not in RiskLevel.values:
        errors.setdefault("level", []).append(_("Kies laag, verhoogd of hoog."))
    reasons = _text(errors, "reasons", reasons, required=True, message=_("Beschrijf waarom u dit risico ziet."))
    if follow_up_on is not None and follow_up_on < policy.today():
        errors.setdefault("follow_up_on", []).append(_("De datum voor de vinger aan de pols ligt in het verleden."))
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=RecurrenceRisk(case=case, level=level, reasons=reasons, follow_up_on=follow_up_on),
    )


@transaction.atomic
def proposal_record(*, actor, case: Case, meeting: str, held_on: date, text: str) -> NetworkPlanProposal:
    """R696: a plan from an Eigen Kracht-conferentie or another network meeting is stored as 'proposed'."""
    _require(actor, case)
    errors: dict = {}
    if meeting not in ProposalMeeting.values:
        errors.setdefault("meeting", []).append(_("Kies het soort bijeenkomst."))
    text = _text(errors, "text", text, required=True, max_length=8000, message=_("Beschrijf het plan."))
    _not_in_future(errors, "held_on", held_on)
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=NetworkPlanProposal(case=case, meeting=meeting, held_on=held_on, text=text),
    )


@transaction.atomic
def proposal_review(
    *,
    actor,
    proposal: NetworkPlanProposal,
    approve: bool,
    conditions_checked: bool,
    unmet_conditions: str = "",
    on: date | None = None,
) -> NetworkPlanProposal:
    """R696: the GI worker checks the plan against the conditions, records those not met, and approves or not."""
    case = proposal.case
    _require(actor, case)
    from gezinsplan.accounts.constants import OrganisationType

    if (
        actor.organisation is None
        or actor.organisation.type != OrganisationType.GI
        or not policy.active_involvements().filter(case_id=case.pk, user=actor).exists()
    ):
        raise PolicyDenied(_("Alleen de betrokken jeugdbeschermer keurt een plan uit een netwerkberaad goed (R696)."))
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError(_("Dit plan is al beoordeeld."))
    errors: dict = {}
    if not conditions_checked:
        errors.setdefault("conditions_checked", []).append(_("Toets het plan eerst aan de voorwaarden (R696)."))
    unmet = _text(errors, "unmet_conditions", unmet_conditions)
    if not approve and not unmet:
        errors.setdefault("unmet_conditions", []).append(_("Leg vast aan welke voorwaarden het plan niet voldoet."))
    _raise(errors)
    proposal.status = ProposalStatus.ACTIVE if approve else ProposalStatus.REJECTED
    proposal.reviewed_by = actor
    proposal.reviewed_on = on or policy.today()
    proposal.conditions_checked = True
    proposal.unmet_conditions = unmet
    proposal.version += 1
    proposal.save(
        update_fields=[
            "status",
            "reviewed_by",
            "reviewed_on",
            "conditions_checked",
            "unmet_conditions",
            "version",
            "updated_at",
        ]
    )
    return proposal


@transaction.atomic
def responder_record(
    *, actor, case: Case, name: str, kind: str, action: str = "", steps_in: bool = True, agreed_on: date | None = None
) -> RelapseResponder:
    """R539: who steps in when relapse threatens (name, professional or informal network, the action).
    R537: family and network members who agreed to the assurance plan are recorded with the date."""
    _require(actor, case)
    errors: dict = {}
    name = _text(errors, "name", name, required=True, max_length=200, message=_("Vul de naam in."))
    if kind not in ResponderKind.values:
        errors.setdefault("kind", []).append(_("Kies professional, informeel netwerk of gezinslid."))
    action = _text(errors, "action", action, max_length=2000)
    if steps_in and not action:
        errors.setdefault("action", []).append(_("Beschrijf wat deze persoon doet bij terugval (R539)."))
    if agreed_on is not None:
        _not_in_future(errors, "agreed_on", agreed_on)
    _raise(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=RelapseResponder(
            case=case, name=name, kind=kind, action=action, steps_in=steps_in, agreed_on=agreed_on
        ),
    )
