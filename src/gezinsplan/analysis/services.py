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

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.analysis.models import (
    PATTERN_SENTENCE_START,
    AimedAt,
    Background,
    ConcernOrStrength,
    DangerStatement,
    FamilyAnalysis,
    FamilyPlan,
    FamilyPlanVersion,
    Goal,
    GoalProgress,
    GoalStatus,
    HelpEnding,
    HelpEpisode,
    PatternElement,
    TimelineEvent,
)
from gezinsplan.analysis.repetition import previous_help_warning
from gezinsplan.cases.models import Case, CaseStatus
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import create_record, remove_record, update_record
from gezinsplan.core.versioning import save_version
from gezinsplan.families.models import Family, FamilyRole

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
    probe = model(pk=instance.pk, **{
        f.attname: getattr(instance, f.attname) for f in model._meta.concrete_fields if not f.primary_key})
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
    starting anyway needs a reason (R122).
    """
    _require_edit(actor, family)
    existing = FamilyAnalysis.objects.filter(family=family).first()
    if existing is not None:
        return existing
    reason = confirm_reason.strip()
    if direct_safety_warning(family) and not reason:
        raise ValidationError({"confirm_reason": _(
            "De directe veiligheid is nog niet voldoende (lager dan een 6). Eerst veiligheid, dan verandering: "
            "geef een reden als u de analyse nu toch start.")}, code="direct_safety")
    analysis = FamilyAnalysis(family=family, started_by_organisation=actor.organisation,
                              direct_safety_note=reason[:500],
                              pattern_sentence=PATTERN_SENTENCE_START + "…")
    check_text(analysis)
    create_record(actor=actor, instance=analysis, family_id=family.pk)
    FamilyPlan.objects.get_or_create(family=family)
    return analysis


def _check_analysis(analysis: FamilyAnalysis) -> None:
    errors: dict[str, str] = {}
    if analysis.timeline_from and analysis.timeline_to and analysis.timeline_from > analysis.timeline_to:
        errors["timeline_to"] = _("De tijdlijn kan niet eindigen vóór de begindatum (R137).")
    if analysis.timeline_discussed_on and analysis.timeline_discussed_on > policy.today():
        errors["timeline_discussed_on"] = _("Een bespreking kan niet in de toekomst liggen.")
    if analysis.timeline_discussed_on and not analysis.timeline_discussed_with.strip():
        errors["timeline_discussed_with"] = _("Vul in met wie van het gezin de tijdlijn is besproken (R235).")
    sentence = analysis.pattern_sentence.strip()
    if sentence and not sentence.lower().startswith(PATTERN_SENTENCE_START.strip().lower()):
        errors["pattern_sentence"] = _("Formuleer het patroon als 'Deze kinderen groeien op in een gezin …' "
                                       "(R147).")
    end_fields = ("end_description", "end_changeable", "end_compensate", "end_compensate_how", "end_children_where",
                  "end_good_enough")
    if any(getattr(analysis, name).strip() for name in end_fields) or analysis.end_term:
        if not analysis.end_description.strip():
            errors["end_description"] = _("Beschrijf de haalbare eindsituatie in de woorden van het gezin.")
        if not analysis.end_changeable.strip():
            errors["end_changeable"] = _("Een haalbare eindsituatie zonder de splitsing kan niet: vul in wat het "
                                         "gezin zelf (met hulp) kan veranderen (R132).")
        if not analysis.end_compensate.strip():
            errors["end_compensate"] = _("Een haalbare eindsituatie zonder de splitsing kan niet: vul in wat "
                                         "blijvend gecompenseerd moet worden, of 'niets' (R132).")
        elif analysis.end_compensate.strip().lower() not in ("niets", "geen", "nvt", "n.v.t.") \
                and not analysis.end_compensate_how.strip():
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
    _check_analysis(probe)
    if (values.get("task_network") or "").strip() and values["task_network"] != analysis.task_network:
        from gezinsplan.safety.checks import network_tasks_problems  # noqa: PLC0415  (R619, safety's check)

        case = open_case(analysis.family)
        if case is not None and (problems := network_tasks_problems(case)):
            raise ValidationError({"task_network": problems[0]})
    return update_record(actor=actor, instance=analysis, version=version, values=values,
                         family_id=analysis.family_id)


# --- Timeline (R133, R142, R251) ----------------------------------------------------------------------

def _check_event(event: TimelineEvent) -> None:
    errors: dict[str, str] = {}
    _check_person(event, errors)
    if event.occurred_on and event.occurred_on > policy.today():
        errors["occurred_on"] = _("Een gebeurtenis op de tijdlijn kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)


def _add(*, actor, family: Family, model, values: dict, check) -> models.Model:
    _require_edit(actor, family)
    instance = model(family=family, **values)
    instance.full_clean()
    check_text(instance)
    check(instance)
    return create_record(actor=actor, instance=instance, family_id=family.pk)


def _update(*, actor, instance, version: int | None, values: dict, check):
    _require_edit(actor, instance.family)
    probe = _probe(instance, values)
    probe.full_clean(validate_unique=False, validate_constraints=False)
    check_text(probe)
    check(probe)
    return update_record(actor=actor, instance=instance, version=version, values=values,
                         family_id=instance.family_id)


def _remove(*, actor, instance, reason: str) -> None:
    _require_edit(actor, instance.family)
    remove_record(actor=actor, instance=instance, reason=reason, family_id=instance.family_id)


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
        errors["result"] = _("Vul het resultaat in voor de doelen en het patroon van het gezin, ook als de hulp "
                             "zonder resultaat eindigde (R143, R164).")
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
    if not errors and Background.objects.filter(family_id=background.family_id, person_id=background.person_id)\
            .exclude(pk=background.pk).exists():
        errors["person"] = _("Voor dit gezinslid is al een achtergrond vastgelegd: vul die aan.")
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


@transaction.atomic
def concern_add(*, actor, family: Family, **values) -> ConcernOrStrength:
    return _add(actor=actor, family=family, model=ConcernOrStrength, values=values, check=_check_family_person)


@transaction.atomic
def concern_update(*, actor, concern: ConcernOrStrength, version: int | None, **values) -> ConcernOrStrength:
    return _update(actor=actor, instance=concern, version=version, values=values, check=_check_family_person)


@transaction.atomic
def concern_remove(*, actor, concern: ConcernOrStrength, reason: str) -> None:
    _remove(actor=actor, instance=concern, reason=reason)


def _no_check(_instance) -> None:
    return None


@transaction.atomic
def danger_statement_add(*, actor, family: Family, **values) -> DangerStatement:
    return _add(actor=actor, family=family, model=DangerStatement, values=values, check=_no_check)


@transaction.atomic
def danger_statement_update(*, actor, statement: DangerStatement, version: int | None,
                            **values) -> DangerStatement:
    return _update(actor=actor, instance=statement, version=version, values=values, check=_no_check)


@transaction.atomic
def danger_statement_remove(*, actor, statement: DangerStatement, reason: str) -> None:
    _remove(actor=actor, instance=statement, reason=reason)


# --- Family pattern (R145, R147, R560) ----------------------------------------------------------------

@transaction.atomic
def pattern_element_add(*, actor, family: Family, **values) -> PatternElement:
    return _add(actor=actor, family=family, model=PatternElement, values=values, check=_check_family_person)


@transaction.atomic
def pattern_element_update(*, actor, element: PatternElement, version: int | None, **values) -> PatternElement:
    return _update(actor=actor, instance=element, version=version, values=values, check=_check_family_person)


@transaction.atomic
def pattern_element_remove(*, actor, element: PatternElement, reason: str) -> None:
    if element.goals.filter(removed_at__isnull=True).exists():
        raise ValidationError({"reason": _("Aan dit patroonelement hangen nog doelen: koppel die eerst aan een "
                                           "ander element.")})
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
    analysis = FamilyAnalysis.objects.filter(family_id=goal.family_id).first()
    if analysis is None or not analysis.has_end_situation:
        errors["__all__"] = _("Stel eerst met het gezin de haalbare eindsituatie vast; de doelen volgen daaruit "
                              "(R562).")
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
    GoalProgress.objects.create(goal=goal, progress=goal.progress, recorded_by=actor,
                                note=_("doel vastgesteld"))
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
        GoalProgress.objects.create(goal=goal, progress=goal.progress, recorded_by=actor,
                                    note=progress_note.strip()[:500])
    return goal


@transaction.atomic
def goal_remove(*, actor, goal: Goal, reason: str) -> None:
    _remove(actor=actor, instance=goal, reason=reason)


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

    text_fields = [f.name for f in FamilyAnalysis._meta.concrete_fields
                   if isinstance(f, models.CharField | models.TextField) and f.editable]
    date_fields = ["timeline_from", "timeline_to", "timeline_discussed_on", "end_term", "end_agreed_by_family_on"]
    return {
        "analysis": {**{name: getattr(a, name) for name in text_fields},
                     **{name: _d(getattr(a, name)) for name in date_fields}} if a else {},
        "case_reason": page.case_reason,
        "timeline": [{"id": str(e.pk), "date": _d(e.occurred_on), "precision": e.precision,
                      "approximate": e.approximate, "kind": e.kind, "title": e.title,
                      "description": e.description, "person": person(e), "source": e.source,
                      "recorded_by": str(e.created_by or "")} for e in page.events],
        "help_history": [{"id": str(h.pk), "provider": h.provider, "offer": h.offer,
                          "started_on": _d(h.started_on), "ended_on": _d(h.ended_on), "reason": h.reason,
                          "aimed_at": h.aimed_at, "person": person(h), "life_domain": h.life_domain,
                          "goals": h.goals, "result": h.result, "ending": h.ending} for h in page.help],
        "repetition": [f.message for f in page.flags],
        "backgrounds": [{"id": str(b.pk), "person": person(b), "relationships": b.relationships,
                         "development": b.development, "finances_housing": b.finances_housing,
                         "health": b.health, "leisure": b.leisure} for b in page.backgrounds],
        "concerns": [{"id": str(c.pk), "kind": c.kind, "text": c.text, "life_domain": c.life_domain,
                      "person": person(c)} for c in page.concerns],
        "danger_statements": [{"id": str(d.pk), "text": d.text, "safety_goal": d.safety_goal}
                              for d in page.dangers],
        "pattern_elements": [{"id": str(p.pk), "kind": p.kind, "person": person(p), "text": p.text,
                              "life_domain": p.life_domain} for p in page.elements],
        "goals": [{"id": str(g.pk), "what": g.what, "measurable": g.measurable, "who": g.who, "when": _d(g.when),
                   "progress": g.progress, "status": g.status,
                   "pattern_element": str(g.pattern_element_id) if g.pattern_element_id else None,
                   "life_domain": g.life_domain, "provider": g.provider} for g in page.goals],
    }


CONTENT_LISTS = ("timeline", "help_history", "repetition", "backgrounds", "concerns", "danger_statements",
                 "pattern_elements", "goals")


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
    return save_version(document=plan, version_model=FamilyPlanVersion, content=family_plan_content(family=family),
                        author=actor, based_on=based_on, note=note.strip()[:300])
