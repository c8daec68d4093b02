"""Pages of the analysis and the family plan. Thin: the choke point, one service call, a template."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gezinsplan.analysis import diagrams, instruments, selectors, services
from gezinsplan.analysis.forms import (
    PARTS,
    BackgroundForm,
    ConcernForm,
    ContactNoteForm,
    DangerStatementForm,
    EndorsementForm,
    GoalForm,
    HelpEpisodeForm,
    InstrumentUseForm,
    IntakeTaskForm,
    LifeDomainReviewForm,
    MatchingNoteForm,
    PatternElementForm,
    PublishForm,
    QuestionnaireForm,
    RelationalFunctionForm,
    ScreeningItemForm,
    StartForm,
    TimelineEventForm,
    part_form_class,
)
from gezinsplan.analysis.glossary import GLOSSARY
from gezinsplan.analysis.models import (
    Background,
    ConcernOrStrength,
    ContactNote,
    DangerStatement,
    FamilyAnalysis,
    Goal,
    HelpEpisode,
    InstrumentUse,
    IntakeTask,
    LifeDomainReview,
    MatchingNote,
    ParentingQuestionnaire,
    PatternElement,
    PlanEndorsement,
    RelationalFunction,
    ScreeningItem,
    TimelineEvent,
)
from gezinsplan.core import policy
from gezinsplan.core.access import access_family, log_listed_families
from gezinsplan.core.forms import RemoveForm
from gezinsplan.core.pdf import pdf_response
from gezinsplan.core.policy import Action
from gezinsplan.core.versioning import StaleVersion, diff
from gezinsplan.core.views import handle_form_error, read_or_write
from gezinsplan.families.diagrams import genogram_svg
from gezinsplan.privacy.models import AccessAction

# R136: the funnel step each screen belongs to
FUNNEL_PARTS = {
    "aanleiding": "reason",
    "tijdlijn-kop": "situation",
    "patroon": "pattern",
    "verklaring": "pattern",
    "eindsituatie": "end_situation",
    "veranderplan": "end_situation",
}
FUNNEL_KINDS = {"event": "situation", "help": "help", "element": "pattern", "goal": "end_situation"}

# R149: the questions of the haalbare eindsituatie (seed 000, Bouwsteen van patroon naar haalbare eindsituatie)
END_SITUATION_QUESTIONS = (
    gettext_lazy("Is het patroon duidelijk genoeg?"),
    gettext_lazy("Welke informatie ontbreekt nog?"),
    gettext_lazy("Wat kan veranderen of worden geleerd?"),
    gettext_lazy("Welke veranderdoelen horen daarbij?"),
    gettext_lazy("Welke hulp of behandeling is nodig, en wie biedt die?"),
    gettext_lazy("Wat moet blijvend worden gecompenseerd, en hoe?"),
    gettext_lazy("Welke krachten zijn er in het gezin en het netwerk?"),
    gettext_lazy("Wat is de positieve intentie van de ouders, hun wens voor het kind?"),
    gettext_lazy("Hoe realistisch is die wens, en wat is goed genoeg?"),
)


def _plan_url(family, anchor: str = "") -> str:
    return reverse("analysis:plan", kwargs={"family_id": family.pk}) + (f"#{anchor}" if anchor else "")


@login_required
def plan(request, family_id):
    """The family plan page: the whole analysis, its pictures and the versions."""
    family, grant = access_family(request, family_id, object_type="gezinsplan")
    page = selectors.analysis_page(family=family, user=request.user)
    seen = services.plan_seen(user=request.user, family=family, page=page)  # R031
    return render(
        request,
        "analysis/plan.html",
        {
            "seen": seen,
            "instruments": instruments.available_for(request.user),
            "family": family,
            "page": page,
            "grant": grant,
            "can_edit": policy.can(request.user, Action.EDIT_FAMILY, grant=grant),
            "timeline": diagrams.timeline_svg(events=page.events, episodes=page.help, today=policy.today()),
            "genogram": genogram_svg(persons=page.persons, relationships=page.relationships),
            "progress": diagrams.progress_svg(goals=page.goals),
            "publish_form": PublishForm(
                initial={"based_on": page.current_version.number if page.current_version else None}
            ),
            "direct_safety_first": page.analysis is None and services.direct_safety_warning(family),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request, family_id):
    """Start the analysis; while direct safety is below 6 the page warns and asks for a reason (R122)."""
    action = AccessAction.CREATE if request.method == "POST" else AccessAction.VIEW
    family, _grant = access_family(request, family_id, action=action, object_type="analyse", edit=True)
    if FamilyAnalysis.objects.filter(family=family).exists():
        return redirect(_plan_url(family))
    warning = services.direct_safety_warning(family)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.analysis_start(
                actor=request.user, family=family, confirm_reason=form.cleaned_data["confirm_reason"]
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, texts in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, texts)
            else:
                form.add_error(None, error)  # R113: no weighing decision yet
        else:
            messages.success(request, _("De analyse is gestart."))
            return redirect(_plan_url(family))
    return render(request, "analysis/start.html", {"family": family, "form": form, "warning": warning})


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(request, family_id, part):
    title, _fields = PARTS[part]
    family, _grant = access_family(request, family_id, action=read_or_write(request), object_type="analyse", edit=True)
    analysis = FamilyAnalysis.objects.filter(family=family).first()
    if analysis is None:
        return render(request, "analysis/not_started.html", {"family": family})
    form = part_form_class(part)(request.POST or None, instance=analysis)
    if request.method == "POST" and form.is_valid():
        try:
            services.analysis_update(
                actor=request.user, analysis=analysis, version=form.cleaned_data["version"], **form.service_values()
            )
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(_plan_url(family, part))
    return render(
        request,
        "analysis/record_form.html",
        {
            "form": form,
            "family": family,
            "title": title,
            "warnings": selectors.funnel_warnings(family=family, step=FUNNEL_PARTS.get(part, "")),
            "checklist": END_SITUATION_QUESTIONS if part == "eindsituatie" else (),
        },
    )


@dataclass(frozen=True)
class Kind:
    """How one kind of analysis row is edited: form, model, URL kwarg, services, titles and anchor."""

    model: type
    form: type
    url_kwarg: str
    object_type: str
    title_add: str
    title_edit: str
    anchor: str
    add: object
    update: object
    remove: object


KINDS = {
    "event": Kind(
        TimelineEvent,
        TimelineEventForm,
        "event_id",
        "tijdlijn",
        gettext_lazy("Gebeurtenis toevoegen"),
        gettext_lazy("Gebeurtenis wijzigen"),
        "tijdlijn",
        lambda u, f, v: services.timeline_event_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.timeline_event_update(actor=u, event=o, version=n, **v),
        lambda u, o, r: services.timeline_event_remove(actor=u, event=o, reason=r),
    ),
    "help": Kind(
        HelpEpisode,
        HelpEpisodeForm,
        "help_id",
        "hulpverleningsgeschiedenis",
        gettext_lazy("Hulp toevoegen"),
        gettext_lazy("Hulp wijzigen"),
        "hulp",
        lambda u, f, v: services.help_episode_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.help_episode_update(actor=u, episode=o, version=n, **v),
        lambda u, o, r: services.help_episode_remove(actor=u, episode=o, reason=r),
    ),
    "background": Kind(
        Background,
        BackgroundForm,
        "background_id",
        "achtergrond",
        gettext_lazy("Achtergrond toevoegen"),
        gettext_lazy("Achtergrond wijzigen"),
        "achtergronden",
        lambda u, f, v: services.background_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.background_update(actor=u, background=o, version=n, **v),
        lambda u, o, r: services.background_remove(actor=u, background=o, reason=r),
    ),
    "concern": Kind(
        ConcernOrStrength,
        ConcernForm,
        "concern_id",
        "zorgen en krachten",
        gettext_lazy("Zorg of kracht toevoegen"),
        gettext_lazy("Zorg of kracht wijzigen"),
        "zorgen",
        lambda u, f, v: services.concern_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.concern_update(actor=u, concern=o, version=n, **v),
        lambda u, o, r: services.concern_remove(actor=u, concern=o, reason=r),
    ),
    "danger": Kind(
        DangerStatement,
        DangerStatementForm,
        "danger_id",
        "danger statement",
        gettext_lazy("Danger statement toevoegen"),
        gettext_lazy("Danger statement wijzigen"),
        "danger",
        lambda u, f, v: services.danger_statement_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.danger_statement_update(actor=u, statement=o, version=n, **v),
        lambda u, o, r: services.danger_statement_remove(actor=u, statement=o, reason=r),
    ),
    "element": Kind(
        PatternElement,
        PatternElementForm,
        "element_id",
        "gezinspatroon",
        gettext_lazy("Patroonelement toevoegen"),
        gettext_lazy("Patroonelement wijzigen"),
        "patroon",
        lambda u, f, v: services.pattern_element_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.pattern_element_update(actor=u, element=o, version=n, **v),
        lambda u, o, r: services.pattern_element_remove(actor=u, element=o, reason=r),
    ),
    "goal": Kind(
        Goal,
        GoalForm,
        "goal_id",
        "doel",
        gettext_lazy("Doel toevoegen"),
        gettext_lazy("Doel wijzigen"),
        "doelen",
        lambda u, f, v: services.goal_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.goal_update(actor=u, goal=o, version=n, **v),
        lambda u, o, r: services.goal_remove(actor=u, goal=o, reason=r),
    ),
    "screening": Kind(
        ScreeningItem,
        ScreeningItemForm,
        "screening_id",
        "screening",
        gettext_lazy("Screening of stressfactor toevoegen"),
        gettext_lazy("Screening of stressfactor wijzigen"),
        "screening",
        lambda u, f, v: services.screening_item_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.screening_item_update(actor=u, item=o, version=n, **v),
        lambda u, o, r: services.screening_item_remove(actor=u, item=o, reason=r),
    ),
    "review": Kind(
        LifeDomainReview,
        LifeDomainReviewForm,
        "review_id",
        "feiten per leefgebied",
        gettext_lazy("Feiten per leefgebied toevoegen"),
        gettext_lazy("Feiten per leefgebied wijzigen"),
        "leefgebieden",
        lambda u, f, v: services.domain_review_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.domain_review_update(actor=u, review=o, version=n, **v),
        lambda u, o, r: services.domain_review_remove(actor=u, review=o, reason=r),
    ),
    "endorsement": Kind(
        PlanEndorsement,
        EndorsementForm,
        "endorsement_id",
        "instemming gezinsplan",
        gettext_lazy("Instemming vastleggen"),
        gettext_lazy("Instemming wijzigen"),
        "instemming",
        lambda u, f, v: services.endorsement_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.endorsement_update(actor=u, endorsement=o, version=n, **v),
        lambda u, o, r: services.endorsement_remove(actor=u, endorsement=o, reason=r),
    ),
    "function": Kind(
        RelationalFunction,
        RelationalFunctionForm,
        "function_id",
        "relationele functie",
        gettext_lazy("Relationele functie toevoegen"),
        gettext_lazy("Relationele functie wijzigen"),
        "relationeel",
        lambda u, f, v: services.relational_function_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.relational_function_update(actor=u, function=o, version=n, **v),
        lambda u, o, r: services.relational_function_remove(actor=u, function=o, reason=r),
    ),
    "matching": Kind(
        MatchingNote,
        MatchingNoteForm,
        "matching_id",
        "matchen en positioneren",
        gettext_lazy("Matchen en positioneren vastleggen"),
        gettext_lazy("Matchen en positioneren wijzigen"),
        "relationeel",
        lambda u, f, v: services.matching_note_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.matching_note_update(actor=u, note=o, version=n, **v),
        lambda u, o, r: services.matching_note_remove(actor=u, note=o, reason=r),
    ),
    "contact": Kind(
        ContactNote,
        ContactNoteForm,
        "note_id",
        "contactnotitie",
        gettext_lazy("Contact vastleggen"),
        gettext_lazy("Contact wijzigen"),
        "relationeel",
        lambda u, f, v: services.contact_note_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.contact_note_update(actor=u, note=o, version=n, **v),
        lambda u, o, r: services.contact_note_remove(actor=u, note=o, reason=r),
    ),
    "instrument": Kind(
        InstrumentUse,
        InstrumentUseForm,
        "instrument_use_id",
        "instrument",
        gettext_lazy("Gebruikt instrument vastleggen"),
        gettext_lazy("Gebruikt instrument wijzigen"),
        "instrumenten",
        lambda u, f, v: services.instrument_use_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.instrument_use_update(actor=u, use=o, version=n, **v),
        lambda u, o, r: services.instrument_use_remove(actor=u, use=o, reason=r),
    ),
    "questionnaire": Kind(
        ParentingQuestionnaire,
        QuestionnaireForm,
        "questionnaire_id",
        "vragenlijst",
        gettext_lazy("Vragenlijst Minimaal Opvoedgedrag invullen"),
        gettext_lazy("Vragenlijst Minimaal Opvoedgedrag wijzigen"),
        "instrumenten",
        lambda u, f, v: services.questionnaire_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.questionnaire_update(actor=u, questionnaire=o, version=n, **v),
        lambda u, o, r: services.questionnaire_remove(actor=u, questionnaire=o, reason=r),
    ),
    "intake": Kind(
        IntakeTask,
        IntakeTaskForm,
        "intake_id",
        "informatie verzamelen",
        gettext_lazy("Informatie verzamelen"),
        gettext_lazy("Informatie verzamelen bijwerken"),
        "informatie",
        lambda u, f, v: services.intake_task_add(actor=u, family=f, **v),
        lambda u, o, n, v: services.intake_task_update(actor=u, task=o, version=n, **v),
        lambda u, o, r: services.intake_task_remove(actor=u, task=o, reason=r),
    ),
}

SEGMENTS = (
    ("event", "tijdlijn"),
    ("help", "hulp"),
    ("background", "achtergronden"),
    ("concern", "zorgen-en-krachten"),
    ("danger", "danger-statements"),
    ("element", "patroonelementen"),
    ("goal", "doelen"),
    ("screening", "screening"),
    ("review", "leefgebieden"),
    ("endorsement", "instemming"),
    ("function", "relationele-functies"),
    ("matching", "matchen"),
    ("contact", "contacten"),
    ("instrument", "instrumenten"),
    ("questionnaire", "vragenlijst-mog"),
    ("intake", "informatie-verzamelen"),
)


def _row(kind: Kind, family, record_id):
    obj = kind.model.objects.filter(family=family, pk=record_id).first()
    if obj is None:
        raise Http404(_("Niet gevonden"))
    return obj


@login_required
@require_http_methods(["GET", "POST"])
def record_form(request, family_id, kind, **kwargs):
    spec = KINDS[kind]
    record_id = kwargs.get(spec.url_kwarg)
    action = AccessAction.CREATE if record_id is None and request.method == "POST" else read_or_write(request)
    family, _grant = access_family(
        request, family_id, action=action, object_type=spec.object_type, object_id=record_id, edit=True
    )
    if kind == "matching" and not services.can_see_matching(request.user):  # R569: GI team only
        return render(request, "analysis/not_visible.html", {"family": family})
    obj = _row(spec, family, record_id) if record_id else None
    form = spec.form(request.POST or None, instance=obj, family=family)
    warnings = []
    if kind == "questionnaire" and services.high_conflict_divorce(family):
        warnings.append(services.HIGH_CONFLICT_WARNING)  # R687
    if kind in FUNNEL_KINDS:
        warnings += selectors.funnel_warnings(family=family, step=FUNNEL_KINDS[kind])
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        if kind == "goal" and obj is not None:
            values["progress_note"] = form.cleaned_data.get("progress_note", "")
        try:
            if obj is None:
                result = spec.add(request.user, family, values)
            else:
                result = spec.update(request.user, obj, form.cleaned_data["version"], values)
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            for warning in result[1] if isinstance(result, tuple) else []:
                messages.warning(request, warning)
            return redirect(_plan_url(family, spec.anchor))
    return render(
        request,
        "analysis/record_form.html",
        {
            "form": form,
            "family": family,
            "title": spec.title_edit if obj else spec.title_add,
            "object": obj,
            "warnings": warnings,
            "remove_url": reverse(f"analysis:{kind}_remove", kwargs={"family_id": family.pk, spec.url_kwarg: obj.pk})
            if obj
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_remove(request, family_id, kind, **kwargs):
    spec = KINDS[kind]
    record_id = kwargs[spec.url_kwarg]
    action = AccessAction.DELETE if request.method == "POST" else AccessAction.VIEW
    family, _grant = access_family(
        request, family_id, action=action, object_type=spec.object_type, object_id=record_id, edit=True
    )
    if kind == "matching" and not services.can_see_matching(request.user):  # R569: GI team only
        return render(request, "analysis/not_visible.html", {"family": family})
    obj = _row(spec, family, record_id)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            spec.remove(request.user, obj, form.cleaned_data["reason"])
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, _("Verwijderd. De gegevens blijven bewaard in de geschiedenis."))
            return redirect(_plan_url(family, spec.anchor))
    return render(
        request,
        "analysis/record_remove.html",
        {"form": form, "family": family, "object": obj, "title": _("Verwijderen")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, family_id):
    """Lay down a version of the family plan; a stale publish keeps the note and shows what changed."""
    family, _grant = access_family(
        request, family_id, action=read_or_write(request), object_type="gezinsplan", edit=True
    )
    page = selectors.analysis_page(family=family)
    current = page.current_version
    form = PublishForm(request.POST or None, initial={"based_on": current.number if current else None})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            version = services.family_plan_publish(
                actor=request.user,
                family=family,
                based_on=form.cleaned_data["based_on"],
                note=form.cleaned_data["note"],
            )
        except StaleVersion as error:
            stale = error
            form.add_error(None, error)
            data = form.data.copy()
            data["based_on"] = error.current.number  # publishing again now is a deliberate choice
            form.data = data
        except ValidationError as error:
            form.add_error(
                "note" if hasattr(error, "error_dict") and "note" in error.error_dict else None,
                error.error_dict.get("note", error) if hasattr(error, "error_dict") else error,
            )
        else:
            messages.success(
                request, _("Versie %(number)s van het gezinsplan is vastgelegd.") % {"number": version.number}
            )
            return redirect(_plan_url(family, "versies"))
    return render(request, "analysis/publish.html", {"family": family, "form": form, "page": page, "stale": stale})


@login_required
def version_detail(request, family_id, version_number):
    """One immutable version and what changed since the version before it."""
    family, _grant = access_family(request, family_id, object_type="gezinsplan")
    version = selectors.version(family=family, number=version_number)
    if version is None:
        raise Http404(_("Niet gevonden"))
    previous = selectors.version(family=family, number=version_number - 1)
    changes = diff(previous.content if previous else {}, version.content)
    return render(
        request,
        "analysis/version.html",
        {"family": family, "version": version, "previous": previous, "changes": changes},
    )


@login_required
def plan_pdf(request, family_id):
    """The family plan as PDF for the family: the latest version, or the draft when none is laid down yet."""
    family, _grant = access_family(request, family_id, action=AccessAction.DOWNLOAD, object_type="gezinsplan")
    page = selectors.analysis_page(family=family)
    version = page.current_version
    content = services.normalised_content(version.content if version else services.family_plan_content(family=family))
    number = version.number if version else 0
    return pdf_response(
        template_name="analysis/plan_pdf.html",
        request=request,
        filename=f"gezinsplan-{str(family.pk)[:8]}-v{number}.pdf",
        context={"family": family, "version": version, "c": content},
    )


@login_required
def glossary(request):
    """R622: one analysis model and one language: the terms every partner uses, and the instrument catalogue."""
    return render(
        request,
        "analysis/glossary.html",
        {
            "glossary": GLOSSARY,
            "catalogue": instruments.CATALOGUE,
            "available": {i.code for i in instruments.available_for(request.user)},
        },
    )


@login_required
def missing_genogram_timeline(request):
    """R252: the visible families of municipalities that require a genogram and timeline, lacking one of them."""
    rows = selectors.families_missing_genogram_timeline(user=request.user)
    log_listed_families(request, [row["family"] for row in rows])  # the list names families: a read of each
    return render(request, "analysis/missing.html", {"rows": rows})
