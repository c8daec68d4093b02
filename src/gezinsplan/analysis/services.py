"""Use cases of the explanatory analysis and the family plan.

How the structured parts relate to the versioned document
---------------------------------------------------------
The analysis is worked on as *live records*: the `FamilyAnalysis` row (reason, timeline header, pattern, end
situation, change plan, assurance plan) and the rows of the timeline, help history, backgrounds, concerns and
strengths, danger statements, pattern elements and goals. Each live record has its own optimistic version
(`core.records`): a stale edit of one row is refused with the typed text kept, and every change lands in the
family's change history.

The *family plan* is the integral document (seed 000, table 2 information list, plus change and assurance plan).
"Publishing a version" (`family_plan_publish`) snapshots all live records into the JSON content of a new
immutable `FamilyPlanVersion` through `core.versioning.save_version`. The publisher states which version they
reviewed (`based_on`); if someone published meanwhile, the publish is refused (`StaleVersion`) with the
differences, and the note they typed is kept by the view. Versions are never changed; `diff` compares any two.
Parents and the PDF see a published version; professionals see the live records and the latest version side by
side.

One family, one analysis, one plan (R001, R030): `analysis_start` returns the existing analysis when there is one,
so a GI joining the family works in (and adds to) the LT's analysis instead of starting again; authors stay on
every row and every version.
"""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.analysis import instruments
from gezinsplan.analysis.models import (
    PATTERN_SENTENCE_START,
    STRESS_FACTORS,
    AimedAt,
    Background,
    ConcernKind,
    ConcernOrStrength,
    ContactNote,
    DangerStatement,
    DomainReviewStatus,
    FamilyAnalysis,
    FamilyPlan,
    FamilyPlanVersion,
    FfpAim,
    Goal,
    GoalProgress,
    GoalStatus,
    HelpEnding,
    HelpEpisode,
    InstrumentUse,
    IntakeTask,
    LifeDomain,
    LifeDomainReview,
    MatchingNote,
    ParentingQuestionnaire,
    PatternElement,
    PatternKind,
    PatternStatus,
    PlanEndorsement,
    PlanViewMark,
    RelationalFunction,
    ScreeningCategory,
    ScreeningItem,
    ScreeningResult,
    Stance,
    TimelineEvent,
)
from gezinsplan.analysis.repetition import previous_help_warning
from gezinsplan.cases.models import Case, CaseStatus, IntakeSource
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import create_record, remove_record, update_record
from gezinsplan.core.versioning import save_version
from gezinsplan.families.models import ADULT_ROLES, Family, FamilyRole

_SCRIPT = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style|svg)\b|javascript\s*:|\bon[a-z]+\s*=\s*[\"']",
                     re.IGNORECASE)
SCRIPT_MESSAGE = gettext_lazy("Dit veld bevat code (zoals <script>). Schrijf gewone tekst zonder HTML of scripts.")


def _require_edit(actor, family: Family) -> None:
    policy.require(actor, Action.EDIT_FAMILY, grant=policy.family_grant(actor, family))


def _require_view(actor, family: Family) -> None:
    policy.require(actor, Action.VIEW_FAMILY, grant=policy.family_grant(actor, family))


def check_text(instance: models.Model) -> None:
    """Refuse script or markup in any text field, with a Dutch message on the field."""
    errors = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname, "")
            if isinstance(value, str) and _SCRIPT.search(value):
                errors[field.name] = SCRIPT_MESSAGE
    if errors:
        raise ValidationError(errors)


def _check_person(instance, errors: dict) -> None:
    person = getattr(instance, "person", None)
    if person is not None and person.family_id != instance.family_id:
        errors["person"] = _("Kies een gezinslid van dit gezin.")


def _probe(instance: models.Model, values: dict) -> models.Model:
    """An unsaved copy of the row with the new values applied, to validate before writing."""
    model = type(instance)
    probe = model(
        pk=instance.pk,
        **{f.attname: getattr(instance, f.attname) for f in model._meta.concrete_fields if not f.primary_key},
    )
    for name, value in values.items():
        setattr(probe, name, value)
    return probe


# --- Starting the analysis (R030, R122) --------------------------------------------------------------


def _direct_safety_first(case: Case | None) -> bool:
    """The safety developer's selector: the latest professional safety score is below 6 (R122)."""
    if case is None:
        return False
    from gezinsplan.safety.selectors import direct_safety_first  # noqa: PLC0415  (safety imports cases, not us)

    return bool(direct_safety_first(case))


def open_case(family: Family) -> Case | None:
    return Case.objects.filter(family=family, status=CaseStatus.OPEN, removed_at__isnull=True).first()


def direct_safety_warning(family: Family) -> bool:
    return _direct_safety_first(open_case(family))


@transaction.atomic
def analysis_start(*, actor, family: Family, confirm_reason: str = "") -> FamilyAnalysis:
    """Start the family's analysis, or return the one that exists (R001, R030: the GI adds to the LT's work).

    While direct safety is not yet good enough (a score below 6) the analysis asks to slow down only after safety:
    starting anyway needs a reason (R122). With an open case it starts only after the team's weighing decided on
    an extended analysis (R113).
    """
    _require_edit(actor, family)
    existing = FamilyAnalysis.objects.filter(family=family).first()
    if existing is not None:
        return existing
    case = open_case(family)
    if case is not None:
        from gezinsplan.safety.checks import extended_analysis_problems  # noqa: PLC0415  (safety imports cases)

        if problems := extended_analysis_problems(case):  # R113: only after the team's weighing said 'yes'
            raise ValidationError(problems, code="weighing")
    reason = confirm_reason.strip()
    if direct_safety_warning(family) and not reason:
        raise ValidationError(
            {
                "confirm_reason": _(
                    "De directe veiligheid is nog niet voldoende (lager dan een 6). Eerst veiligheid, dan verandering: "
                    "geef een reden als u de analyse nu toch start."
                )
            },
            code="direct_safety",
        )
    analysis = FamilyAnalysis(
        family=family,
        started_by_organisation=actor.organisation,
        direct_safety_note=reason[:500],
        pattern_sentence=PATTERN_SENTENCE_START + "…",
    )
    check_text(analysis)
    create_record(actor=actor, instance=analysis, family_id=family.pk)
    FamilyPlan.objects.get_or_create(family=family)
    return analysis


REPORT_SOURCES = frozenset({IntakeSource.VEILIG_THUIS, IntakeSource.BOTH, IntakeSource.POLICE, IntakeSource.CIT})
EXPLANATION_FIELDS = ("threat_cause", "maintaining_factors", "symptoms")
CHANGE_PLAN_FIELDS = (
    "change_aim",
    "patterns_to_break",
    "recurrence_cause",
    "help_to_break",
    "help_from_network",
    "help_to_stay_out",
    "task_family",
    "task_network",
    "task_professionals",
    "information_needed",
    "picture_changed",
)
ASSURANCE_FIELDS = (
    "assurance_agreements",
    "adherence_check",
    "if_stuck",
    "relapse_signals",
    "relapse_actions",
    "who_steps_in",
    "continued_help",
    "lt_follow_up",
)
REASON_FIELDS = (
    "reason",
    "family_question",
    "underlying_question",
    "request_parents",
    "request_child",
    "care_report",
    "first_event",
    "last_event",
    "worst_event",
)


def _filled(analysis, names) -> bool:
    return any(str(getattr(analysis, name) or "").strip() for name in names)


def _check_parts(analysis: FamilyAnalysis, changed: set[str], errors: dict) -> None:
    """Rules of one part of the analysis, checked when that part is saved."""
    if changed & set(REASON_FIELDS) and _filled(analysis, REASON_FIELDS):
        case = open_case(analysis.family)
        by_report = case is not None and case.intake_source in REPORT_SOURCES
        if (by_report or analysis.care_report.strip()) and not analysis.family_question.strip():
            errors["family_question"] = _(
                "Schrijf altijd beide op: naast de zorgmelding ook de eigen vraag van het gezin (R135)."
            )
        if by_report and not analysis.care_report.strip():
            errors["care_report"] = _(
                "Deze casus kwam binnen met een zorgmelding: vul de inhoud van de melding in, "
                "naast de vraag van het gezin (R135)."
            )
    if changed & set(EXPLANATION_FIELDS) and _filled(analysis, EXPLANATION_FIELDS):
        if not analysis.threat_cause.strip():
            errors["threat_cause"] = _(
                "Beantwoord wat ervoor zorgde dat de veiligheid van de kinderen in het geding kwam (R120)."
            )
        if not analysis.maintaining_factors.strip():
            errors["maintaining_factors"] = _("Beantwoord wat de problemen in stand houdt (R120).")
        elif analysis.maintaining_factors.strip().lower() == analysis.symptoms.strip().lower():
            errors["maintaining_factors"] = _(
                "Instandhoudende factoren zijn iets anders dan de symptomen: beschrijf "
                "wat de problemen in stand houdt (R526)."
            )
    if changed & set(CHANGE_PLAN_FIELDS) and _filled(analysis, CHANGE_PLAN_FIELDS):
        if not analysis.recurrence_cause.strip():
            errors["recurrence_cause"] = _("Beantwoord wat ervoor zorgt dat de problemen terugkomen (R503).")
        if not analysis.help_to_break.strip():
            errors["help_to_break"] = _("Vul in welke hulp van professionals het gezin nodig heeft (R503).")
        if not analysis.help_from_network.strip():
            errors["help_from_network"] = _(
                "Vul in welke hulp het gezin uit het eigen netwerk nodig heeft, of 'geen' (R503)."
            )
        if not (analysis.end_changeable.strip() and analysis.end_compensate.strip()):
            errors["__all__"] = _(
                "Stel eerst in de haalbare eindsituatie vast wat realistisch veranderbaar is en "
                "wat blijvend gecompenseerd moet worden (R503)."
            )


def _check_assurance(analysis: FamilyAnalysis, errors: dict) -> None:
    """R044: the borgingsplan holds the agreements with all involved, how keeping them is followed and what to do
    if it gets stuck. R566: once the feasible end state is realised it names who the family can call."""
    for name, text in (
        ("assurance_agreements", _("Leg de afspraken met alle betrokkenen vast (R044).")),
        ("adherence_check", _("Leg vast hoe het nakomen van de afspraken wordt gevolgd (R044).")),
        ("if_stuck", _("Leg vast wat te doen als het vastloopt (R044).")),
    ):
        if not getattr(analysis, name).strip():
            errors[name] = text
    case = open_case(analysis.family)
    if case is not None and case.end_state_realised_on and not analysis.who_steps_in.strip():
        errors["who_steps_in"] = _(
            "De haalbare eindsituatie is gerealiseerd: noem wie het gezin kan inschakelen als terugval dreigt (R566)."
        )


def _check_analysis(analysis: FamilyAnalysis, changed: set[str] | None = None) -> None:
    errors: dict[str, str] = {}
    _check_parts(analysis, changed or set(), errors)
    if (changed or set()) & set(ASSURANCE_FIELDS) and _filled(analysis, ASSURANCE_FIELDS):
        _check_assurance(analysis, errors)
    if analysis.timeline_from and analysis.timeline_to and analysis.timeline_from > analysis.timeline_to:
        errors["timeline_to"] = _("De tijdlijn kan niet eindigen vóór de begindatum (R137).")
    if analysis.timeline_discussed_on and analysis.timeline_discussed_on > policy.today():
        errors["timeline_discussed_on"] = _("Een bespreking kan niet in de toekomst liggen.")
    if analysis.timeline_discussed_on and not analysis.timeline_discussed_with.strip():
        errors["timeline_discussed_with"] = _("Vul in met wie van het gezin de tijdlijn is besproken (R235).")
    sentence = analysis.pattern_sentence.strip()
    if sentence and not sentence.lower().startswith(PATTERN_SENTENCE_START.strip().lower()):
        errors["pattern_sentence"] = _("Formuleer het patroon als 'Deze kinderen groeien op in een gezin …' (R147).")
    end_fields = (
        "end_description",
        "end_changeable",
        "end_compensate",
        "end_compensate_how",
        "end_children_where",
        "end_good_enough",
    )
    if any(getattr(analysis, name).strip() for name in end_fields) or analysis.end_term:
        if not analysis.end_description.strip():
            errors["end_description"] = _("Beschrijf de haalbare eindsituatie in de woorden van het gezin.")
        if not analysis.end_changeable.strip():
            errors["end_changeable"] = _(
                "Een haalbare eindsituatie zonder de splitsing kan niet: vul in wat het "
                "gezin zelf (met hulp) kan veranderen (R132)."
            )
        if not analysis.end_compensate.strip():
            errors["end_compensate"] = _(
                "Een haalbare eindsituatie zonder de splitsing kan niet: vul in wat "
                "blijvend gecompenseerd moet worden, of 'niets' (R132)."
            )
        elif (
            analysis.end_compensate.strip().lower() not in ("niets", "geen", "nvt", "n.v.t.")
            and not analysis.end_compensate_how.strip()
        ):
            errors["end_compensate_how"] = _("Vul in hoe de compensatie wordt ingericht: wie doet wat (R132).")
        if not analysis.end_children_where.strip():
            errors["end_children_where"] = _("Vul in waar en bij wie de kinderen opgroeien (R150).")
        if not analysis.end_term:
            errors["end_term"] = _("Vul de haalbare eindtermijn in (R130).")
    if analysis.end_agreed_by_family_on and analysis.end_agreed_by_family_on > policy.today():
        errors["end_agreed_by_family_on"] = _("Het akkoord van het gezin kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def analysis_update(*, actor, analysis: FamilyAnalysis, version: int | None, **values) -> FamilyAnalysis:
    """Change a part of the analysis (reason, timeline header, pattern, end situation, change or assurance plan)."""
    _require_edit(actor, analysis.family)
    probe = _probe(analysis, values)
    check_text(probe)
    if (values.get("task_network") or "").strip() and values["task_network"] != analysis.task_network:
        from gezinsplan.safety.checks import network_tasks_problems  # noqa: PLC0415  (R619, safety's check)

        case = open_case(analysis.family)
        if case is not None and (problems := network_tasks_problems(case)):  # safety first, before content checks
            raise ValidationError({"task_network": problems[0]})
    _check_analysis(probe, set(values))
    return update_record(actor=actor, instance=analysis, version=version, values=values,
                         family_id=analysis.family_id)


# --- Timeline (R133, R142, R251) ----------------------------------------------------------------------


def _check_event(event: TimelineEvent, m2m: dict) -> None:
    errors: dict[str, str] = {}
    _check_person(event, errors)
    if event.new_pattern and m2m.get("patterns"):
        errors["new_pattern"] = _("Kies: koppel het incident aan een bekend patroon, of markeer het als nieuw (R253).")
    if event.occurred_on and event.occurred_on > policy.today():
        errors["occurred_on"] = _("Een gebeurtenis op de tijdlijn kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)


def _split_m2m(model, values: dict) -> tuple[dict, dict]:
    names = {f.name for f in model._meta.many_to_many}
    return (
        {k: v for k, v in values.items() if k not in names},
        {k: list(v) for k, v in values.items() if k in names and v is not None},
    )


def _check_m2m_family(family_id, m2m: dict) -> None:
    errors = {
        name: _("Kies alleen gegevens van dit gezin.")
        for name, rows in m2m.items()
        if any(getattr(row, "family_id", family_id) != family_id for row in rows)
    }
    if errors:
        raise ValidationError(errors)


def _call_check(check, instance, m2m: dict) -> None:
    if getattr(check, "wants_m2m", False):
        check(instance, m2m)
    else:
        check(instance)


def _add(*, actor, family: Family, model, values: dict, check) -> models.Model:
    _require_edit(actor, family)
    values, m2m = _split_m2m(model, values)
    instance = model(family=family, **values)
    instance.full_clean()
    check_text(instance)
    _check_m2m_family(family.pk, m2m)
    _call_check(check, instance, m2m)
    instance = create_record(actor=actor, instance=instance, family_id=family.pk)
    for name, rows in m2m.items():
        getattr(instance, name).set(rows)
    return instance


def _update(*, actor, instance, version: int | None, values: dict, check):
    _require_edit(actor, instance.family)
    values, m2m = _split_m2m(type(instance), values)
    probe = _probe(instance, values)
    probe.full_clean(validate_unique=False, validate_constraints=False)
    check_text(probe)
    _check_m2m_family(instance.family_id, m2m)
    _call_check(check, probe, m2m)
    before = {name: {r.pk for r in getattr(instance, name).all()} for name in m2m}
    saved = update_record(actor=actor, instance=instance, version=version, values=values, family_id=instance.family_id)
    changed = [name for name, rows in m2m.items() if {r.pk for r in rows} != before[name]]
    for name in changed:
        getattr(saved, name).set(m2m[name])
    if changed and saved.version == instance.version:  # only links changed: still a new version of the row
        type(saved).all_objects.filter(pk=saved.pk).update(version=saved.version + 1)
        saved.version += 1
    return saved


def _remove(*, actor, instance, reason: str) -> None:
    _require_edit(actor, instance.family)
    remove_record(actor=actor, instance=instance, reason=reason, family_id=instance.family_id)


_check_event.wants_m2m = True


@transaction.atomic
def timeline_event_add(*, actor, family: Family, **values) -> TimelineEvent:
    return _add(actor=actor, family=family, model=TimelineEvent, values=values, check=_check_event)


@transaction.atomic
def timeline_event_update(*, actor, event: TimelineEvent, version: int | None, **values) -> TimelineEvent:
    return _update(actor=actor, instance=event, version=version, values=values, check=_check_event)


@transaction.atomic
def timeline_event_remove(*, actor, event: TimelineEvent, reason: str) -> None:
    _remove(actor=actor, instance=event, reason=reason)


# --- Help history (R139, R143, R164) ------------------------------------------------------------------


def _check_help(episode: HelpEpisode) -> None:
    errors: dict[str, str] = {}
    _check_person(episode, errors)
    if episode.ended_on and episode.started_on and episode.ended_on < episode.started_on:
        errors["ended_on"] = _("De hulp kan niet eindigen vóór de start: controleer de einddatum.")
    if episode.started_on and episode.started_on > policy.today():
        errors["started_on"] = _("Leg hulp vast die gestart is; geplande hulp hoort in het veranderplan.")
    if episode.ending == HelpEnding.ONGOING and episode.ended_on:
        errors["ending"] = _("Er is een einddatum: kies hoe de hulp eindigde.")
    if episode.ending != HelpEnding.ONGOING and not episode.result.strip():
        errors["result"] = _(
            "Vul het resultaat in voor de doelen en het patroon van het gezin, ook als de hulp "
            "zonder resultaat eindigde (R143, R164)."
        )
    if episode.targets_id:
        target = episode.targets
        if target.family_id != episode.family_id:
            errors["targets"] = _("Kies een patroonelement van dit gezin.")
        elif target.kind == PatternKind.SYMPTOM:
            errors["targets"] = _(
                "Hulp richt zich op een instandhoudende factor of patroon, niet op een symptoom (R526)."
            )
    elif episode.ending == HelpEnding.ONGOING and episode.started_on:
        analysis = FamilyAnalysis.objects.filter(family_id=episode.family_id).only("created_at").first()
        if analysis is not None and episode.started_on >= analysis.created_at.date():
            errors["targets"] = _(
                "Hulp die onder dit plan wordt ingezet, noemt de instandhoudende factor of het "
                "patroon waarop zij zich richt (R526)."
            )
    if episode.aimed_at in (AimedAt.CHILD, AimedAt.PARENT) and episode.person is None:
        errors["person"] = _("Kies op welk gezinslid deze hulp gericht is.")
    elif episode.aimed_at == AimedAt.CHILD and episode.person.family_role != FamilyRole.CHILD:
        errors["person"] = _("Deze hulp is gericht op een kind: kies een kind.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def help_episode_add(*, actor, family: Family, **values) -> tuple[HelpEpisode, list[str]]:
    """Record help; returns the row and a warning when help on this life domain was deployed before (R164)."""
    earlier = list(HelpEpisode.objects.filter(family=family))
    episode = _add(actor=actor, family=family, model=HelpEpisode, values=values, check=_check_help)
    warning = previous_help_warning(new_domain=episode.life_domain, earlier=earlier)
    return episode, [warning] if warning else []


@transaction.atomic
def help_episode_update(*, actor, episode: HelpEpisode, version: int | None, **values) -> HelpEpisode:
    return _update(actor=actor, instance=episode, version=version, values=values, check=_check_help)


@transaction.atomic
def help_episode_remove(*, actor, episode: HelpEpisode, reason: str) -> None:
    _remove(actor=actor, instance=episode, reason=reason)


# --- Backgrounds, concerns and strengths, danger statements -----------------------------------------


def _check_background(background: Background) -> None:
    errors: dict[str, str] = {}
    _check_person(background, errors)
    if (
        not errors
        and Background.objects.filter(family_id=background.family_id, person_id=background.person_id)
        .exclude(pk=background.pk)
        .exists()
    ):
        errors["person"] = _("Voor dit gezinslid is al een achtergrond vastgelegd: vul die aan.")
    if not errors and background.person_id and background.person.family_role not in ADULT_ROLES:
        for name in ("noble_intention", "motivation", "learnability", "insight", "transgenerational"):
            if getattr(background, name).strip():
                errors[name] = _("Dit vult u alleen in voor een ouder of opvoeder (R314, R404, R576).")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def background_add(*, actor, family: Family, **values) -> Background:
    return _add(actor=actor, family=family, model=Background, values=values, check=_check_background)


@transaction.atomic
def background_update(*, actor, background: Background, version: int | None, **values) -> Background:
    return _update(actor=actor, instance=background, version=version, values=values, check=_check_background)


@transaction.atomic
def background_remove(*, actor, background: Background, reason: str) -> None:
    _remove(actor=actor, instance=background, reason=reason)


def _check_family_person(instance) -> None:
    errors: dict[str, str] = {}
    _check_person(instance, errors)
    if errors:
        raise ValidationError(errors)


def _check_concern(concern: ConcernOrStrength) -> None:
    """R522: dated, and 'discussed with the family' with its own date; R605: threat and outcome of a concern."""
    errors: dict[str, str] = {}
    _check_person(concern, errors)
    today = policy.today()
    if concern.noted_on and concern.noted_on > today:
        errors["noted_on"] = _("De datum kan niet in de toekomst liggen.")
    if concern.discussed_with_family and not concern.discussed_on:
        errors["discussed_on"] = _("Vul in wanneer dit met het gezin is besproken (R522).")
    elif concern.discussed_on and not concern.discussed_with_family:
        errors["discussed_with_family"] = _("Er is een datum van bespreking: vink 'besproken met het gezin' aan.")
    elif concern.discussed_on and concern.discussed_on > today:
        errors["discussed_on"] = _("Een bespreking kan niet in de toekomst liggen.")
    if concern.kind == ConcernKind.STRENGTH and (concern.threat.strip() or concern.desired_outcome.strip()):
        errors["threat"] = _("Een bedreiging en gewenste uitkomst horen bij een zorg, niet bij een kracht (R605).")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def concern_add(*, actor, family: Family, **values) -> ConcernOrStrength:
    return _add(actor=actor, family=family, model=ConcernOrStrength, values=values, check=_check_concern)


@transaction.atomic
def concern_update(*, actor, concern: ConcernOrStrength, version: int | None, **values) -> ConcernOrStrength:
    return _update(actor=actor, instance=concern, version=version, values=values, check=_check_concern)


@transaction.atomic
def concern_remove(*, actor, concern: ConcernOrStrength, reason: str) -> None:
    _remove(actor=actor, instance=concern, reason=reason)


def _no_check(_instance) -> None:
    return None


@transaction.atomic
def danger_statement_add(*, actor, family: Family, **values) -> DangerStatement:
    return _add(actor=actor, family=family, model=DangerStatement, values=values, check=_no_check)


@transaction.atomic
def danger_statement_update(*, actor, statement: DangerStatement, version: int | None, **values) -> DangerStatement:
    return _update(actor=actor, instance=statement, version=version, values=values, check=_no_check)


@transaction.atomic
def danger_statement_remove(*, actor, statement: DangerStatement, reason: str) -> None:
    _remove(actor=actor, instance=statement, reason=reason)


# --- Family pattern (R145, R147, R560) ----------------------------------------------------------------


def _check_element(element: PatternElement) -> None:
    errors: dict[str, str] = {}
    _check_person(element, errors)
    if element.kind == PatternKind.INTERGENERATIONAL:
        element.intergenerational = True
    if element.status == PatternStatus.BROKEN and element.kind == PatternKind.SYMPTOM:
        errors["status"] = _("Een symptoom wordt niet doorbroken; het patroon erachter wel (R526).")
    elif element.status == PatternStatus.BROKEN:  # R535: broken with a date and the evidence
        if element.broken_on is None:
            errors["broken_on"] = _("Vul in sinds wanneer het patroon is doorbroken (R535).")
        elif element.broken_on > policy.today():
            errors["broken_on"] = _("De datum ligt in de toekomst.")
        if not element.broken_evidence.strip():
            errors["broken_evidence"] = _("Waaruit blijkt dat het patroon is doorbroken? (R535)")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pattern_element_add(*, actor, family: Family, **values) -> PatternElement:
    """R560: a pattern record (description, causes, members, intergenerational, discussed, active/broken)."""
    if values.get("kind") == PatternKind.INTERGENERATIONAL:
        values["intergenerational"] = True
    return _add(actor=actor, family=family, model=PatternElement, values=values, check=_check_element)


@transaction.atomic
def pattern_element_update(*, actor, element: PatternElement, version: int | None, **values) -> PatternElement:
    if values.get("kind", element.kind) == PatternKind.INTERGENERATIONAL:
        values["intergenerational"] = True
    return _update(actor=actor, instance=element, version=version, values=values, check=_check_element)


@transaction.atomic
def pattern_element_remove(*, actor, element: PatternElement, reason: str) -> None:
    if element.goals.filter(removed_at__isnull=True).exists():
        raise ValidationError(
            {"reason": _("Aan dit patroonelement hangen nog doelen: koppel die eerst aan een ander element.")}
        )
    _remove(actor=actor, instance=element, reason=reason)


# --- Goals (R029, R055, R562, R686) -------------------------------------------------------------------


def _check_goal(goal: Goal) -> None:
    errors: dict[str, str] = {}
    if not (goal.who or "").strip():
        errors["who"] = _("Vul in wie verantwoordelijk is voor dit doel (R029).")
    if goal.when is None:
        errors["when"] = _("Vul in wanneer het doel bereikt moet zijn (R029).")
    if goal.progress is None or not 0 <= goal.progress <= 100:
        errors["progress"] = _("De voortgang is een percentage van 0 tot en met 100.")
    if goal.pattern_element_id and goal.pattern_element.family_id != goal.family_id:
        errors["pattern_element"] = _("Kies een patroonelement van dit gezin.")
    elif goal.pattern_element_id and goal.pattern_element.kind == PatternKind.SYMPTOM:
        errors["pattern_element"] = _(
            "Een doel doorbreekt een patroon of instandhoudende factor, geen symptoom (R526)."
        )
    if goal.concern_id:
        concern = goal.concern
        if concern.family_id != goal.family_id or concern.kind != ConcernKind.CONCERN:
            errors["concern"] = _("Kies een zorg van dit gezin.")
        elif not (concern.threat.strip() and concern.desired_outcome.strip()):
            errors["concern"] = _(
                "Vul bij deze zorg eerst de bedreiging van de ontwikkeling en de gewenste "
                "uitkomst in; het werkdoel volgt daaruit (R605)."
            )
    provider = (goal.provider or "").strip()
    if provider and provider.lower() not in involved_parties(family_id=goal.family_id):
        errors["provider"] = _(
            "Zet '%(provider)s' eerst in de hulpverleningsgeschiedenis (betrokken partijen); "
            "daarna kunt u het doel daar beleggen (R258)."
        ) % {"provider": provider}
    analysis = FamilyAnalysis.objects.filter(family_id=goal.family_id).first()
    if analysis is None or not analysis.has_end_situation:
        errors["__all__"] = _(
            "Stel eerst met het gezin de haalbare eindsituatie vast; de doelen volgen daaruit (R562)."
        )
    if errors:
        raise ValidationError(errors)


def _goal_values(values: dict) -> dict:
    progress = values.get("progress")
    if progress is not None and not isinstance(progress, int):
        raise ValidationError({"progress": _("De voortgang is een percentage van 0 tot en met 100.")})
    return values


@transaction.atomic
def goal_add(*, actor, family: Family, **values) -> Goal:
    """A goal of the change plan. Only once the end situation is set (R562); who, what and when required."""
    _require_edit(actor, family)
    goal = Goal(family=family, **_goal_values(values))
    _check_goal(goal)
    goal.full_clean()
    check_text(goal)
    goal = create_record(actor=actor, instance=goal, family_id=family.pk)
    GoalProgress.objects.create(goal=goal, progress=goal.progress, recorded_by=actor, note=_("doel vastgesteld"))
    return goal


@transaction.atomic
def goal_update(*, actor, goal: Goal, version: int | None, progress_note: str = "", **values) -> Goal:
    """Change a goal; a change of progress is logged with its date and note (R029, R562)."""
    _require_edit(actor, goal.family)
    probe = _probe(goal, _goal_values(values))
    _check_goal(probe)
    probe.full_clean(validate_unique=False, validate_constraints=False)
    check_text(probe)
    if _SCRIPT.search(progress_note or ""):
        raise ValidationError({"progress_note": SCRIPT_MESSAGE})
    before = goal.progress
    goal = update_record(actor=actor, instance=goal, version=version, values=values, family_id=goal.family_id)
    if goal.progress != before or progress_note.strip():
        GoalProgress.objects.create(
            goal=goal, progress=goal.progress, recorded_by=actor, note=progress_note.strip()[:500]
        )
    return goal


@transaction.atomic
def goal_remove(*, actor, goal: Goal, reason: str) -> None:
    _remove(actor=actor, instance=goal, reason=reason)


def involved_parties(*, family_id) -> set[str]:
    """R258/R139: the involved-parties register is the help overview: providers of current help (lower case)."""
    return {
        p.strip().lower()
        for p in HelpEpisode.objects.filter(family_id=family_id, ending=HelpEnding.ONGOING).values_list(
            "provider", flat=True
        )
    }


def goals_without_pattern(goals) -> list[Goal]:
    """Goals that trace to no pattern element: flagged, because a goal should break a pattern (R148, R253)."""
    return [g for g in goals if g.pattern_element_id is None and g.status == GoalStatus.ACTIVE]


# --- The family plan (versions) -----------------------------------------------------------------------


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def family_plan_content(*, family: Family) -> dict:
    """The snapshot of all live records that a version of the family plan holds (JSON)."""
    from gezinsplan.analysis import selectors  # noqa: PLC0415  (selectors import this module)

    page = selectors.analysis_page(family=family)
    a = page.analysis
    names = {p.pk: p.full_name for p in page.persons}

    def person(obj) -> str:
        return names.get(obj.person_id, "") if obj.person_id else ""

    text_fields = [
        f.name
        for f in FamilyAnalysis._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and f.editable
    ]
    date_fields = ["timeline_from", "timeline_to", "timeline_discussed_on", "end_term", "end_agreed_by_family_on"]
    return {
        "analysis": {
            **{name: getattr(a, name) for name in text_fields},
            **{name: _d(getattr(a, name)) for name in date_fields},
        }
        if a
        else {},
        "case_reason": page.case_reason,
        "timeline": [
            {
                "id": str(e.pk),
                "date": _d(e.occurred_on),
                "precision": e.precision,
                "approximate": e.approximate,
                "kind": e.kind,
                "title": e.title,
                "description": e.description,
                "person": person(e),
                "source": e.source,
                "recorded_by": str(e.created_by or ""),
            }
            for e in page.events
        ],
        "help_history": [
            {
                "id": str(h.pk),
                "provider": h.provider,
                "offer": h.offer,
                "started_on": _d(h.started_on),
                "ended_on": _d(h.ended_on),
                "reason": h.reason,
                "aimed_at": h.aimed_at,
                "person": person(h),
                "life_domain": h.life_domain,
                "goals": h.goals,
                "result": h.result,
                "ending": h.ending,
                "relationship_with_helper": h.relationship_with_helper,
                "what_worked": h.what_worked,
                "what_did_not_work": h.what_did_not_work,
                "targets": str(h.targets_id) if h.targets_id else None,
                "recorded_by": str(h.created_by or ""),
            }
            for h in page.help
        ],
        "repetition": [f.message for f in page.flags],
        "backgrounds": [
            {
                "id": str(b.pk),
                "person": person(b),
                "relationships": b.relationships,
                "development": b.development,
                "finances_housing": b.finances_housing,
                "health": b.health,
                "leisure": b.leisure,
                "transgenerational": b.transgenerational,
                "noble_intention": b.noble_intention,
                "motivation": b.motivation,
                "learnability": b.learnability,
                "insight": b.insight,
            }
            for b in page.backgrounds
        ],
        "concerns": [
            {"id": str(c.pk), "kind": c.kind, "text": c.text, "life_domain": c.life_domain, "person": person(c),
             "noted_on": _d(c.noted_on), "discussed_on": _d(c.discussed_on), "threat": c.threat,
             "desired_outcome": c.desired_outcome}
            for c in page.concerns
        ],
        "danger_statements": [{"id": str(d.pk), "text": d.text, "safety_goal": d.safety_goal} for d in page.dangers],
        "pattern_elements": [
            {"id": str(p.pk), "kind": p.kind, "person": person(p), "text": p.text, "life_domain": p.life_domain,
             "underlying_causes": p.underlying_causes, "members": [m.first_name for m in p.members.all()],
             "intergenerational": p.intergenerational, "discussed_with_family": p.discussed_with_family,
             "status": p.status, "broken_on": _d(p.broken_on), "broken_evidence": p.broken_evidence,
             "facts": [str(e.pk) for e in p.cited], "recorded_by": str(p.created_by or "")}
            for p in page.elements
        ],
        "goals": [
            {
                "id": str(g.pk),
                "what": g.what,
                "measurable": g.measurable,
                "who": g.who,
                "when": _d(g.when),
                "progress": g.progress,
                "status": g.status,
                "pattern_element": str(g.pattern_element_id) if g.pattern_element_id else None,
                "life_domain": g.life_domain,
                "provider": g.provider,
                "concern": str(g.concern_id) if g.concern_id else None,
            }
            for g in page.goals
        ],
        "domain_reviews": [{"domain": r.domain, "label": r.get_domain_display(), "status": r.status,
                            "facts": r.facts} for r in page.reviews],
        "screening": [{"person": person(i), "category": i.category, "label": str(i), "result": i.result,
                       "referral": i.referral, "goal": str(i.goal_id) if i.goal_id else None}
                      for i in page.screening],
        "relational_functions": [{"from": f.from_person.first_name if f.from_person else "",
                                  "to": f.to_person.first_name if f.to_person else "",
                                  "connectedness": f.connectedness, "hierarchy": f.hierarchy}
                                 for f in page.functions],
    }


CONTENT_LISTS = (
    "timeline",
    "help_history",
    "repetition",
    "backgrounds",
    "concerns",
    "danger_statements",
    "pattern_elements",
    "goals",
    "domain_reviews",
    "screening",
    "relational_functions",
)


def normalised_content(content: dict) -> dict:
    """A version's content with every key present (older or partial versions render without gaps)."""
    analysis = {f.name: None for f in FamilyAnalysis._meta.concrete_fields if f.editable}
    analysis.update(content.get("analysis") or {})
    return {"case_reason": "", **{key: [] for key in CONTENT_LISTS}, **content, "analysis": analysis}


@transaction.atomic
def family_plan_publish(*, actor, family: Family, based_on: int | None, note: str = "") -> FamilyPlanVersion:
    """Snapshot the live analysis into a new immutable version of the family plan.

    `based_on` is the version number the publisher reviewed (None when there is none yet); a publish on top of a
    version that was replaced meanwhile raises `core.versioning.StaleVersion` with what changed.
    """
    _require_edit(actor, family)
    if _SCRIPT.search(note or ""):
        raise ValidationError({"note": SCRIPT_MESSAGE})
    if not FamilyAnalysis.objects.filter(family=family).exists():
        raise ValidationError(_("Start eerst de analyse; daarna kunt u een versie van het gezinsplan vastleggen."))
    plan, _created = FamilyPlan.objects.get_or_create(family=family)
    return save_version(
        document=plan,
        version_model=FamilyPlanVersion,
        content=family_plan_content(family=family),
        author=actor,
        based_on=based_on,
        note=note.strip()[:300],
    )


# --- Screening, adult problems and stress factors (R304, R334, R567) ---------------------------------------------


def _check_screening(item: ScreeningItem) -> None:
    errors: dict[str, str] = {}
    _check_person(item, errors)
    if item.category == ScreeningCategory.OTHER and not item.other_label.strip():
        errors["other_label"] = _("Vul in welke andere stressfactor het is.")
    if (
        item.category == ScreeningCategory.DEBTS
        and item.person_id
        and "person" not in errors
        and item.person.family_role == FamilyRole.CHILD
    ):
        errors["person"] = _("Schulden leggen we vast bij een volwassene (R304).")
    if (
        item.category != ScreeningCategory.EVICTION
        and item.category != ScreeningCategory.OTHER
        and item.person_id is None
    ):
        errors["person"] = _("Kies het gezinslid bij wie u dit screent (R304, R334).")
    if item.goal_id and item.goal.family_id != item.family_id:
        errors["goal"] = _("Kies een doel van dit gezin.")
    if (
        item.result == ScreeningResult.PRESENT
        and item.category in STRESS_FACTORS
        and not item.goal_id
        and not item.referral.strip()
    ):
        errors["goal"] = _("Deze stressfactor speelt: koppel een actie in het plan of leg een verwijzing vast (R567).")
    if (
        not errors
        and ScreeningItem.objects.filter(
            family_id=item.family_id, person_id=item.person_id, category=item.category, other_label=item.other_label
        )
        .exclude(pk=item.pk)
        .exists()
    ):
        errors["category"] = _("Dit onderwerp is voor dit gezinslid al gescreend: pas dat aan.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def screening_item_add(*, actor, family: Family, **values) -> ScreeningItem:
    return _add(actor=actor, family=family, model=ScreeningItem, values=values, check=_check_screening)


@transaction.atomic
def screening_item_update(*, actor, item: ScreeningItem, version: int | None, **values) -> ScreeningItem:
    return _update(actor=actor, instance=item, version=version, values=values, check=_check_screening)


@transaction.atomic
def screening_item_remove(*, actor, item: ScreeningItem, reason: str) -> None:
    _remove(actor=actor, instance=item, reason=reason)


# --- Facts per life domain (R559, R581) -------------------------------------------------------------------------


def configured_life_domains() -> list[str]:
    configured = settings.GEZINSPLAN_METHOD.get("life_domains")
    return [d for d in (configured or LifeDomain.values) if d in LifeDomain.values]


def _check_review(review: LifeDomainReview) -> None:
    errors: dict[str, str] = {}
    if review.domain not in configured_life_domains():
        errors["domain"] = _("Dit leefgebied wordt in deze gemeente niet gebruikt.")
    if review.status == DomainReviewStatus.REVIEWED and not review.facts.strip():
        errors["facts"] = _("Vul de relevante feiten van dit leefgebied in (R559).")
    if (
        not errors
        and LifeDomainReview.objects.filter(family_id=review.family_id, domain=review.domain)
        .exclude(pk=review.pk)
        .exists()
    ):
        errors["domain"] = _("Dit leefgebied staat er al: pas dat aan.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def domain_review_add(*, actor, family: Family, **values) -> LifeDomainReview:
    return _add(actor=actor, family=family, model=LifeDomainReview, values=values, check=_check_review)


@transaction.atomic
def domain_review_update(*, actor, review: LifeDomainReview, version: int | None, **values) -> LifeDomainReview:
    return _update(actor=actor, instance=review, version=version, values=values, check=_check_review)


@transaction.atomic
def domain_review_remove(*, actor, review: LifeDomainReview, reason: str) -> None:
    _remove(actor=actor, instance=review, reason=reason)


# --- Endorsement of the family plan (R516) ----------------------------------------------------------------------


def _check_endorsement(endorsement: PlanEndorsement) -> None:
    errors: dict[str, str] = {}
    _check_person(endorsement, errors)
    if endorsement.stance != Stance.AGREES and not endorsement.reason.strip():
        errors["reason"] = _("Vul de reden in als iemand nog niet of niet achter het plan staat (R516).")
    if endorsement.recorded_on and endorsement.recorded_on > policy.today():
        errors["recorded_on"] = _("De datum kan niet in de toekomst liggen.")
    if (
        not errors
        and PlanEndorsement.objects.filter(
            family_id=endorsement.family_id, version_number=endorsement.version_number, person_id=endorsement.person_id
        )
        .exclude(pk=endorsement.pk)
        .exists()
    ):
        errors["person"] = _("Voor dit gezinslid is deze versie al vastgelegd: pas dat aan.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def endorsement_add(*, actor, family: Family, **values) -> PlanEndorsement:
    """Record whether a member stands behind the latest version of the family plan."""
    plan = FamilyPlan.objects.filter(family=family).select_related("current").first()
    if plan is None or plan.current is None:
        raise ValidationError(_("Leg eerst een versie van het gezinsplan vast; daarna legt u vast wie erachter staat."))
    values["version_number"] = plan.current.number
    return _add(actor=actor, family=family, model=PlanEndorsement, values=values, check=_check_endorsement)


@transaction.atomic
def endorsement_update(*, actor, endorsement: PlanEndorsement, version: int | None, **values) -> PlanEndorsement:
    return _update(actor=actor, instance=endorsement, version=version, values=values, check=_check_endorsement)


@transaction.atomic
def endorsement_remove(*, actor, endorsement: PlanEndorsement, reason: str) -> None:
    _remove(actor=actor, instance=endorsement, reason=reason)


# --- Relational focus (R568, R569, R570) ------------------------------------------------------------------------


def _check_function(function: RelationalFunction) -> None:
    errors: dict[str, str] = {}
    for name in ("from_person", "to_person"):
        person = getattr(function, name, None)
        if person is not None and person.family_id != function.family_id:
            errors[name] = _("Kies een gezinslid van dit gezin.")
    if function.from_person_id and function.from_person_id == function.to_person_id:
        errors["to_person"] = _("Een relationele functie gaat van de een naar de ander: kies twee personen.")
    if not (function.connectedness.strip() or function.hierarchy.strip()):
        errors["connectedness"] = _("Beschrijf de verbondenheid of de hiërarchie.")
    if (
        not errors
        and RelationalFunction.objects.filter(
            family_id=function.family_id, from_person_id=function.from_person_id, to_person_id=function.to_person_id
        )
        .exclude(pk=function.pk)
        .exists()
    ):
        errors["to_person"] = _("Deze relatie staat er al: pas die aan.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def relational_function_add(*, actor, family: Family, **values) -> RelationalFunction:
    return _add(actor=actor, family=family, model=RelationalFunction, values=values, check=_check_function)


@transaction.atomic
def relational_function_update(
    *, actor, function: RelationalFunction, version: int | None, **values
) -> RelationalFunction:
    return _update(actor=actor, instance=function, version=version, values=values, check=_check_function)


@transaction.atomic
def relational_function_remove(*, actor, function: RelationalFunction, reason: str) -> None:
    _remove(actor=actor, instance=function, reason=reason)


def can_see_matching(user) -> bool:
    """R569: by default only the GI team sees how the worker matches and positions with the family."""
    organisation = getattr(user, "organisation", None)
    return bool(organisation) and organisation.type in settings.GEZINSPLAN_METHOD.get("matching_visible_to", [])


def _require_matching(actor) -> None:
    if not can_see_matching(actor):
        raise policy.PolicyDenied(_("Matchen en positioneren is alleen zichtbaar voor het team van de GI."))


def _check_matching(note: MatchingNote) -> None:
    if MatchingNote.objects.filter(family_id=note.family_id).exclude(pk=note.pk).exists():
        raise ValidationError(_("Voor dit gezin is matchen en positioneren al vastgelegd: pas dat aan."))


@transaction.atomic
def matching_note_add(*, actor, family: Family, **values) -> MatchingNote:
    _require_matching(actor)
    return _add(actor=actor, family=family, model=MatchingNote, values=values, check=_check_matching)


@transaction.atomic
def matching_note_update(*, actor, note: MatchingNote, version: int | None, **values) -> MatchingNote:
    _require_matching(actor)
    return _update(actor=actor, instance=note, version=version, values=values, check=_check_matching)


@transaction.atomic
def matching_note_remove(*, actor, note: MatchingNote, reason: str) -> None:
    _require_matching(actor)
    _remove(actor=actor, instance=note, reason=reason)


def _check_contact(note: ContactNote) -> None:
    errors: dict[str, str] = {}
    aims = note.ffp_aims or []
    if not isinstance(aims, list) or any(a not in FfpAim.values for a in aims):
        errors["ffp_aims"] = _("Kies alleen de FFP-doelen uit de lijst.")
    if note.held_on and note.held_on > policy.today():
        errors["held_on"] = _("Een contact kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contact_note_add(*, actor, family: Family, **values) -> ContactNote:
    values["ffp_aims"] = list(dict.fromkeys(values.get("ffp_aims") or []))
    return _add(actor=actor, family=family, model=ContactNote, values=values, check=_check_contact)


@transaction.atomic
def contact_note_update(*, actor, note: ContactNote, version: int | None, **values) -> ContactNote:
    if "ffp_aims" in values:
        values["ffp_aims"] = list(dict.fromkeys(values["ffp_aims"] or []))
    return _update(actor=actor, instance=note, version=version, values=values, check=_check_contact)


@transaction.atomic
def contact_note_remove(*, actor, note: ContactNote, reason: str) -> None:
    _remove(actor=actor, instance=note, reason=reason)


# --- Instruments (R117) and the Minimaal Opvoedgedrag questionnaire (R685, R687) --------------------------------


@transaction.atomic
def instrument_use_add(*, actor, family: Family, **values) -> InstrumentUse:
    available = {i.code for i in instruments.available_for(actor)}

    def check(use: InstrumentUse) -> None:
        errors: dict[str, str] = {}
        if use.instrument not in instruments.BY_CODE:
            errors["instrument"] = _("Kies een instrument uit de instrumentencatalogus.")
        elif use.instrument not in available:
            errors["instrument"] = _("Dit instrument is in uw organisatie niet beschikbaar (R117).")
        if use.used_on and use.used_on > policy.today():
            errors["used_on"] = _("De datum kan niet in de toekomst liggen.")
        if errors:
            raise ValidationError(errors)

    return _add(actor=actor, family=family, model=InstrumentUse, values=values, check=check)


@transaction.atomic
def instrument_use_update(*, actor, use: InstrumentUse, version: int | None, **values) -> InstrumentUse:
    def check(row: InstrumentUse) -> None:
        if row.instrument not in instruments.BY_CODE:
            raise ValidationError({"instrument": _("Kies een instrument uit de instrumentencatalogus.")})

    return _update(actor=actor, instance=use, version=version, values=values, check=check)


@transaction.atomic
def instrument_use_remove(*, actor, use: InstrumentUse, reason: str) -> None:
    _remove(actor=actor, instance=use, reason=reason)


def high_conflict_divorce(family: Family) -> bool:
    case = open_case(family)
    return bool(case and case.complex_divorce)


HIGH_CONFLICT_WARNING = gettext_lazy(
    "Let op: dit gezin zit in een vechtscheiding. In zo'n situatie geeft de vragenlijst Minimaal Opvoedgedrag vaak "
    "hoge scores, terwijl de zorgen op een ander vlak liggen. Overweeg de aanpak 'Kind uit de strijd' (R687)."
)


def _check_questionnaire(row: ParentingQuestionnaire) -> None:
    errors: dict[str, str] = {}
    _check_person(row, errors)
    if "person" not in errors and row.person_id and row.person.family_role not in ADULT_ROLES:
        errors["person"] = _("De vragenlijst gaat over het opvoedgedrag van een ouder of opvoeder.")
    for name in ("responsiveness", "basic_needs", "second_environment"):
        value = getattr(row, name)
        if value is None or not 0 <= value <= 100:
            errors[name] = _("Een score is een getal van 0 tot en met 100.")
    if row.completed_on and row.completed_on > policy.today():
        errors["completed_on"] = _("De datum kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def questionnaire_add(*, actor, family: Family, **values) -> tuple[ParentingQuestionnaire, list[str]]:
    """R685: three subscale scores, completed with the parents; R687: a warning in a high-conflict divorce."""
    row = _add(actor=actor, family=family, model=ParentingQuestionnaire, values=values, check=_check_questionnaire)
    return row, [str(HIGH_CONFLICT_WARNING)] if high_conflict_divorce(family) else []


@transaction.atomic
def questionnaire_update(
    *, actor, questionnaire: ParentingQuestionnaire, version: int | None, **values
) -> ParentingQuestionnaire:
    return _update(actor=actor, instance=questionnaire, version=version, values=values, check=_check_questionnaire)


@transaction.atomic
def questionnaire_remove(*, actor, questionnaire: ParentingQuestionnaire, reason: str) -> None:
    _remove(actor=actor, instance=questionnaire, reason=reason)


# --- Information intake at the start of an involvement (R059) ---------------------------------------------------


def intake_task_for_involvement(*, involvement) -> IntakeTask | None:
    """A new involvement gets a task to complete the information from the family, the help already involved and
    the network partners (registered in apps.py as a follow-up of the start of an involvement)."""
    case = involvement.case
    if IntakeTask.all_objects.filter(family_id=case.family_id, professional_id=involvement.user_id).exists():
        return None
    task = IntakeTask(family_id=case.family_id, professional_id=involvement.user_id)
    # Created on behalf of whoever started the involvement, with a change record like every other row.
    return create_record(actor=involvement.created_by or involvement.user, instance=task, family_id=case.family_id)


def _no_intake_check(_row) -> None:
    return None


@transaction.atomic
def intake_task_update(*, actor, task: IntakeTask, version: int | None, **values) -> IntakeTask:
    return _update(actor=actor, instance=task, version=version, values=values, check=_no_intake_check)


@transaction.atomic
def intake_task_remove(*, actor, task: IntakeTask, reason: str) -> None:
    _remove(actor=actor, instance=task, reason=reason)


def intake_task_add(*, actor, family: Family, **values) -> IntakeTask:
    raise ValidationError(_("Deze taak ontstaat vanzelf bij de start van een betrokkenheid."))


# --- What changed since the last view (R031) -------------------------------------------------------------------


def plan_seen(*, user, family: Family, page) -> dict:
    """Remember the latest version this professional saw; say which versions were laid down since. Two queries."""
    current = page.current_version.number if page.current_version else 0
    previous = PlanViewMark.objects.filter(user=user, family=family).values_list("version_number", flat=True).first()
    if previous is None:
        PlanViewMark.objects.create(user=user, family=family, version_number=current)
    else:
        PlanViewMark.objects.filter(user=user, family=family).update(version_number=current, seen_at=timezone.now())
    # versions laid down by others since the last view (one's own versions need no notice)
    new = [v for v in page.versions if previous is not None and v.number > previous and v.author_id != user.pk]
    return {"previous": previous, "current": current, "new_versions": sorted(new, key=lambda v: v.number)}
