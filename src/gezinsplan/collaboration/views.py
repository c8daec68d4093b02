"""Pages of working together: thin views over the choke points (core.access) and the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gezinsplan.accounts.constants import Role
from gezinsplan.collaboration import network_selectors, selectors, services
from gezinsplan.collaboration.forms import (
    AgreementDoneForm,
    AgreementForm,
    BarrierForm,
    BarrierStepForm,
    ConversationForm,
    DecisionForm,
    EscalationForm,
    FeedbackForm,
    MeetingPlanForm,
    MeetingRecordForm,
    ParticipantForm,
    ReflectionForm,
)
from gezinsplan.collaboration.models import (
    GOLDEN_RULES,
    Agreement,
    Barrier,
    CoreDecision,
    Feedback,
    Meeting,
    ReflectionSession,
)
from gezinsplan.core import due, policy
from gezinsplan.core.access import access_case, access_record, log_access
from gezinsplan.core.policy import Action
from gezinsplan.core.views import handle_form_error, read_or_write
from gezinsplan.privacy.models import AccessAction

SECTION = "#samenwerking"


def _write_action(request) -> str:
    return AccessAction.CREATE if request.method == "POST" else AccessAction.VIEW


def _form_page(request, *, form, case, title, intro="", confirm=False):
    return render(request, "collaboration/form.html", {"form": form, "case": case, "family": case.family,
                                                       "title": title, "intro": intro, "confirm": confirm})


def _save(request, form, call, *, success: str, redirect_to: str):
    """Run a service for a valid form; put its errors on the form. Returns a redirect, or None to re-render."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call()
    except ValidationError as error:
        handle_form_error(form, error)
        return None
    warnings = result[1] if isinstance(result, tuple) and isinstance(result[1], list) else []
    messages.success(request, success)
    for warning in warnings:
        messages.warning(request, warning)
    return redirect(redirect_to)


def _case_of(record):
    case = record.case
    case.family = record.family
    return case


# --- meetings -------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def meeting_plan(request, case_id):
    case, _grant = access_case(request, case_id, action=_write_action(request), object_type="overleg", edit=True)
    form = MeetingPlanForm(request.POST or None, case=case, initial={"planned_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            meeting, warnings = services.meeting_plan(actor=request.user, case=case, **form.service_values())
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("Het overleg is gepland."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("collaboration:meeting", meeting_id=meeting.pk)
    return _form_page(request, form=form, case=case, title=_("Overleg plannen"))


@login_required
def meeting_detail(request, meeting_id):
    meeting, grant = access_record(request, Meeting, meeting_id, object_type="overleg")
    case = _case_of(meeting)
    participants = list(meeting.participants.filter(removed_at__isnull=True).select_related(
        "person", "network_member", "user", "organisation"))
    agreements = list(meeting.agreements.filter(removed_at__isnull=True).select_related("who_user", "goal"))
    from gezinsplan.collaboration import meetings_selectors

    return render(request, "collaboration/meeting_detail.html", {
        "meeting": meeting, "case": case, "family": case.family, "participants": participants,
        "agreements": agreements, "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant),
        "flags": meetings_selectors.meeting_page_flags(meeting, participants),
        "goal_reviews": list(meeting.goal_reviews.filter(removed_at__isnull=True).select_related("goal")),
        "mdo": meetings_selectors.mdo_context(meeting.case) if meeting.kind == "case_discussion" else None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def participant_add(request, meeting_id):
    meeting, _grant = access_record(request, Meeting, meeting_id, action=_write_action(request),
                                    object_type="overleg", edit=True)
    case = _case_of(meeting)
    form = ParticipantForm(request.POST or None, meeting=meeting)
    response = _save(request, form, lambda: services.participant_add(
        actor=request.user, meeting=meeting, **form.service_values()),
        success=_("De deelnemer is toegevoegd."), redirect_to=reverse("collaboration:meeting", args=[meeting.pk]))
    return response or _form_page(request, form=form, case=case, title=_("Deelnemer toevoegen"))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_record(request, meeting_id):
    meeting, _grant = access_record(request, Meeting, meeting_id, action=read_or_write(request),
                                    object_type="overleg", edit=True)
    case = _case_of(meeting)
    participants = list(meeting.participants.filter(removed_at__isnull=True).select_related(
        "person", "network_member", "user", "organisation"))
    form = MeetingRecordForm(request.POST or None, instance=meeting, participants=participants,
                             initial={"held_on": meeting.held_on or min(meeting.planned_on, policy.today())})
    response = _save(request, form, lambda: services.meeting_record(
        actor=request.user, meeting=meeting, version=form.cleaned_data["version"], attendance=form.attendance(),
        next_planned_on=form.cleaned_data["next_planned_on"], **form.service_values()),
        success=_("Het overleg is vastgelegd."), redirect_to=reverse("collaboration:meeting", args=[meeting.pk]))
    return response or _form_page(request, form=form, case=case, title=_("Overleg vastleggen"),
                                  intro=meeting.get_kind_display())


@login_required
@require_http_methods(["GET", "POST"])
def agreement_add(request, meeting_id):
    meeting, _grant = access_record(request, Meeting, meeting_id, action=_write_action(request),
                                    object_type="afspraak", edit=True)
    case = _case_of(meeting)
    form = AgreementForm(request.POST or None, case=case)
    response = _save(request, form, lambda: services.agreement_add(
        actor=request.user, case=case, meeting=meeting, **form.service_values()),
        success=_("De afspraak is vastgelegd."), redirect_to=reverse("collaboration:meeting", args=[meeting.pk]))
    return response or _form_page(request, form=form, case=case, title=_("Afspraak vastleggen"))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_done(request, agreement_id):
    agreement, _grant = access_record(request, Agreement, agreement_id, action=read_or_write(request),
                                      object_type="afspraak", edit=True)
    case = _case_of(agreement)
    form = AgreementDoneForm(request.POST or None, initial={"done_on": policy.today(),
                                                            "version": agreement.version})
    response = _save(request, form, lambda: services.agreement_done(
        actor=request.user, agreement=agreement, version=form.cleaned_data["version"],
        done_on=form.cleaned_data["done_on"]),
        success=_("De afspraak staat op gedaan."), redirect_to=reverse("cases:detail", args=[case.pk]) + SECTION)
    return response or _form_page(request, form=form, case=case, title=_("Afspraak afronden"), intro=agreement.what)


# --- core decisions -------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, case_id):
    case, _grant = access_case(request, case_id, action=_write_action(request), object_type="kernbesluit",
                               edit=True)
    return _decision_form(request, case=case, revises=None)


@login_required
@require_http_methods(["GET", "POST"])
def decision_revise(request, decision_id):
    decision, _grant = access_record(request, CoreDecision, decision_id, action=_write_action(request),
                                     object_type="kernbesluit", edit=True)
    return _decision_form(request, case=_case_of(decision), revises=decision)


def _decision_form(request, *, case, revises):
    initial = {"decided_on": policy.today()}
    if revises is not None:
        initial.update(kind=revises.kind, forum_team=revises.forum_team_id,
                       participants=list(revises.participants.values_list("pk", flat=True)),
                       behavioural_scientist=revises.behavioural_scientist_id)
    form = DecisionForm(request.POST or None, case=case, initial=initial)
    def record():
        decision = services.decision_record(actor=request.user, case=case, revises=revises,
                                            **form.service_values())
        return decision, services.decision_warnings(decision)

    response = _save(request, form, record,
        success=_("Het kernbesluit is vastgelegd."), redirect_to=reverse("cases:detail", args=[case.pk]) + SECTION)
    title = _("Kernbesluit herzien") if revises else _("Kernbesluit vastleggen")
    intro = _("Een besluit wordt alleen herzien in hetzelfde forum met dezelfde kernbetrokkenen (R071).") \
        if revises else ""
    return response or _form_page(request, form=form, case=case, title=title, intro=intro)


@login_required
def decision_detail(request, decision_id):
    decision, grant = access_record(request, CoreDecision, decision_id, object_type="kernbesluit")
    case = _case_of(decision)
    decision = (CoreDecision.objects.select_related("forum_team", "behavioural_scientist", "revises__revises")
                .prefetch_related("participants").get(pk=decision.pk))
    return render(request, "collaboration/decision_detail.html", {
        "decision": decision, "case": case, "family": case.family, "chain": selectors.decision_chain(decision),
        "revised_by": decision.revisions.filter(removed_at__isnull=True).first(),
        "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant),
        "warnings": services.decision_warnings(decision), "beschikking": _beschikking(decision),
    })


def _beschikking(decision):
    """R069: whether the beschikking for additional help may be issued, and who still confirms."""
    from gezinsplan.collaboration.meetings_services import beschikking_allowed

    allowed, missing = beschikking_allowed(decision)
    return {"applies": decision.kind == "additional_help", "allowed": allowed,
            "missing": ", ".join(str(p.label) for p in missing)}


# --- conversations with children -----------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def conversation_add(request, case_id):
    case, _grant = access_case(request, case_id, action=_write_action(request), object_type="gesprek met kind",
                               edit=True)
    form = ConversationForm(request.POST or None, case=case,
                            initial={"held_on": policy.today(), "by_user": request.user.pk})
    response = _save(request, form, lambda: services.conversation_record(
        actor=request.user, case=case, **form.service_values()),
        success=_("Het gesprek is vastgelegd."), redirect_to=reverse("cases:detail", args=[case.pk]) + SECTION)
    return response or _form_page(request, form=form, case=case, title=_("Gesprek met een kind vastleggen"))


# --- barriers and escalation ----------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def barrier_add(request, case_id):
    case, _grant = access_case(request, case_id, action=_write_action(request), object_type="barriere", edit=True)
    form = BarrierForm(request.POST or None, initial={"raised_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            barrier = services.barrier_raise(actor=request.user, case=case, **form.service_values())
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("De barrière is vastgelegd. Zet nu stap 1: analyseer de barrière zelf."))
            return redirect("collaboration:barrier", barrier_id=barrier.pk)
    return render(request, "collaboration/barrier_add.html", {
        "form": form, "case": case, "family": case.family, "title": _("Barrière signaleren"),
        "cancellations": network_selectors.cancellations(case), "golden_rules": GOLDEN_RULES})


@login_required
@require_http_methods(["GET", "POST"])
def barrier_detail(request, barrier_id):
    barrier, grant = access_record(request, Barrier, barrier_id, action=read_or_write(request),
                                   object_type="barriere", edit=request.method == "POST")
    case = _case_of(barrier)
    if not network_selectors.barrier_visible_to(barrier, request.user):
        raise Http404(_("Niet gevonden"))  # R077: a personal barrier is for its author and their manager
    steps = list(barrier.steps.filter(removed_at__isnull=True).select_related("taken_by"))
    next_step = (steps[-1].step + 1) if steps else 1
    form = BarrierStepForm(request.POST or None, initial={"taken_on": policy.today(), "step": min(next_step, 4)})
    response = _save(request, form, lambda: services.barrier_step(
        actor=request.user, barrier=barrier, resolve=form.cleaned_data["resolve"], **form.service_values()),
        success=_("De stap is vastgelegd."), redirect_to=reverse("collaboration:barrier", args=[barrier.pk]))
    return response or render(request, "collaboration/barrier_detail.html", {
        "barrier": barrier, "case": case, "family": case.family, "steps": steps, "form": form,
        "golden_rules": GOLDEN_RULES,
        "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant) and barrier.status == "open",
    })


@login_required
@require_http_methods(["GET", "POST"])
def escalation_add(request, case_id):
    case, _grant = access_case(request, case_id, action=_write_action(request), object_type="escalatie", edit=True)
    form = EscalationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            escalation = services.escalation_start(
                actor=request.user, case=case, consulted_other=form.cleaned_data["consulted_other"],
                **form.service_values())
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("De escalatie is vastgelegd."))
            return redirect("collaboration:escalation", escalation_id=escalation.pk)
    return _form_page(request, form=form, case=case, title=_("Opschalen tussen organisaties"),
                      intro=_("Drie niveaus: gedragswetenschappers, managers, bestuurders. Situatie 1 begint bij "
                              "de gedragswetenschappers; situaties 2 en 3 bij de managers."))


# --- what is due ------------------------------------------------------------------------------------------------

@login_required
def due_overview(request):
    """Wat staat open: the user's own cases, and for a team lead the team's cases and open barriers."""
    today = policy.today()
    if not policy.sees_personal_data(request.user):
        mine, team_items, barriers = [], [], []
    else:
        mine = due.due_items(cases=due.cases_for_user(request.user), today=today, within_days=28, user=request.user)
        team_items, barriers = [], []
        if request.user.role == Role.TEAM_LEAD and request.user.team_id:
            team_items = due.due_items(cases=due.cases_for_team(request.user.team), today=today, within_days=28,
                                       user=request.user)
            barriers = list(network_selectors.visible_barriers(  # R077: personal barriers of the own team only
                selectors.team_open_barriers(request.user.team), request.user))
    shown = {i.family_id for i in [*mine, *team_items]} | {b.family_id for b in barriers}
    for family_id in shown:  # a list that names families is a read of each of them
        log_access(request, family_id=family_id, action=AccessAction.VIEW, object_type="wat staat open",
                   object_id=family_id, reason=_("eigen overzicht (betrokkenheid)"))
    return render(request, "collaboration/due.html", {"mine": mine, "team_items": team_items, "barriers": barriers,
                                                      "today": today})


# --- feedback and reflection (no family data) ----------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def feedback(request):
    policy.require(request.user, Action.VIEW_DIRECTORY)
    form = FeedbackForm(request.POST or None)
    response = _save(request, form, lambda: services.feedback_give(actor=request.user, **form.service_values()),
                     success=_("Dank voor uw feedback."), redirect_to=reverse("collaboration:feedback"))
    entries = Feedback.objects.filter(from_organisation_id=request.user.organisation_id).select_related(
        "about_organisation")[:50]
    return response or render(request, "collaboration/register.html", {
        "form": form, "entries": entries, "title": _("Feedback op de samenwerking"), "kind": "feedback",
        "golden_rules": GOLDEN_RULES})


@login_required
@require_http_methods(["GET", "POST"])
def reflection(request):
    policy.require(request.user, Action.VIEW_DIRECTORY)
    form = ReflectionForm(request.POST or None, initial={"held_on": policy.today()})
    response = _save(request, form, lambda: services.reflection_record(actor=request.user,
                                                                      **form.service_values()),
                     success=_("De reflectie is vastgelegd."), redirect_to=reverse("collaboration:reflection"))
    entries = ReflectionSession.objects.filter(organisation_id=request.user.organisation_id)[:50]
    return response or render(request, "collaboration/register.html", {
        "form": form, "entries": entries, "title": _("Reflectie"), "kind": "reflection"})
