import csv

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gezinsplan.cases import casework, handovers, hooks, products, selectors, services
from gezinsplan.cases.context import CaseContext
from gezinsplan.cases.forms import (
    CaseCloseForm,
    CaseForm,
    CaseOpenForm,
    ContactForm,
    ContactPersonForm,
    End2bForm,
    EvaluationForm,
    EvaluationReviewForm,
    EvaluationSubmitForm,
    EventForm,
    FeedbackForm,
    HandoverForm,
    HandoverStartForm,
    HelpConfirmForm,
    HelpForm,
    HelpReferForm,
    HourEntryForm,
    Indication2aForm,
    Indication2bForm,
    InvolvementEndForm,
    InvolvementForm,
    MeasureEndForm,
    MeasureExtendForm,
    MeasureForm,
    OffenceForm,
    PlanAgreeForm,
    PlanUpdateForm,
    RefusalExplainedForm,
    StatusForm,
    WorkPhaseForm,
    WorkPhaseLabelsForm,
    YouthCareRequestForm,
)
from gezinsplan.cases.models import HourEntry, Involvement
from gezinsplan.cases.transitions import TRANSITIONS, TRIGGER_LABELS, Trigger, apply_transition
from gezinsplan.core import policy
from gezinsplan.core.access import access_case, access_family
from gezinsplan.core.policy import Action
from gezinsplan.core.records import StaleEdit
from gezinsplan.core.sections import render_case_sections
from gezinsplan.core.views import handle_form_error, read_or_write
from gezinsplan.families import selectors as family_selectors
from gezinsplan.privacy.models import AccessAction


@login_required
def detail(request, case_id):
    case, grant = access_case(request, case_id)
    ctx = CaseContext(case)  # what the page and its sections share, read once
    page = selectors.case_page(case=case, organisation=request.user.organisation, ctx=ctx)
    page.history = family_selectors.visible_history(page.history, user=request.user)  # R569, R077
    page.next_steps = [step for step in page.next_steps if request.user.role in step.who]  # only what you may do
    return render(request, "cases/detail.html", {
        "case": case, "page": page, "grant": grant,
        "sections": render_case_sections(request=request, case=case, grant=grant, ctx=ctx),
        "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant),
        "can_manage": policy.can(request.user, Action.MANAGE_INVOLVEMENTS, grant=grant),
    })


@login_required
@require_http_methods(["GET", "POST"])
def case_open(request, family_id):
    action = AccessAction.CREATE if request.method == "POST" else AccessAction.VIEW
    family, _grant = access_family(request, family_id, action=action, object_type="casus", edit=True)
    form = CaseOpenForm(request.POST or None, initial={"opened_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, family=family, **form.service_values())
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, _("De casus is gestart."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/form.html", {"form": form, "family": family, "title": _("Nieuwe casus")})


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, case_id):
    case, _grant = access_case(request, case_id, action=read_or_write(request), edit=True)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(actor=request.user, case=case, version=form.cleaned_data["version"],
                                 **form.service_values())
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("De casusgegevens zijn opgeslagen."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/form.html", {"form": form, "family": case.family, "case": case,
                                               "title": _("Casusgegevens wijzigen")})


@login_required
@require_http_methods(["GET", "POST"])
def case_close(request, case_id):
    case, _grant = access_case(request, case_id, action=read_or_write(request), edit=True)
    form = CaseCloseForm(request.POST or None, instance=case, initial={"closed_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(actor=request.user, case=case, version=form.cleaned_data["version"],
                                **form.service_values())
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("De casus is afgesloten."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/form.html", {"form": form, "family": case.family, "case": case,
                                               "title": _("Casus afsluiten"), "confirm": True})


@login_required
@require_http_methods(["GET", "POST"])
def involvement_add(request, case_id):
    action = AccessAction.CREATE if request.method == "POST" else AccessAction.VIEW
    case, grant = access_case(request, case_id, action=action, object_type="betrokkenheid")
    policy.require(request.user, Action.MANAGE_INVOLVEMENTS, grant=grant)
    form = InvolvementForm(request.POST or None, initial={"start_date": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            _involvement, warnings = services.involvement_add(actor=request.user, case=case,
                                                              **form.service_values())
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, _("De betrokkenheid is toegevoegd."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/form.html", {"form": form, "family": case.family, "case": case,
                                               "title": _("Professional betrekken")})


@login_required
@require_http_methods(["GET", "POST"])
def involvement_end(request, case_id, involvement_id):
    case, grant = access_case(request, case_id, action=read_or_write(request), object_type="betrokkenheid",
                              object_id=involvement_id)
    policy.require(request.user, Action.MANAGE_INVOLVEMENTS, grant=grant)
    involvement = Involvement.objects.select_related("user").filter(case=case, pk=involvement_id).first()
    if involvement is None:
        raise Http404(_("Niet gevonden"))
    form = InvolvementEndForm(request.POST or None, initial={"end_date": policy.today(),
                                                              "version": involvement.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_end(actor=request.user, involvement=involvement,
                                     version=form.cleaned_data["version"], end_date=form.cleaned_data["end_date"])
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("De betrokkenheid is beëindigd."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/form.html", {
        "form": form, "family": case.family, "case": case, "confirm": True,
        "title": _("Betrokkenheid van %(name)s beëindigen") % {"name": involvement.user},
    })


def _case_action(request, case_id, *, title: str, form_factory, run, success: str, object_type: str,
                 edit: bool = False, intro: str = "", template: str = "cases/form.html", extra=None):
    """A form on a case that calls one service: GET shows it, POST runs it, errors stay on the form."""
    action = AccessAction.CREATE if request.method == "POST" else AccessAction.VIEW
    case, _grant = access_case(request, case_id, action=action, object_type=object_type, edit=edit)
    form = form_factory(case, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = run(case, form)
        except StaleEdit as error:
            handle_form_error(form, error)  # keeps the typed text, shows what changed meanwhile
            if "current_id" in form.fields:  # saving again now deliberately replaces the new contact person
                data = form.data.copy()
                data["current_id"] = str(getattr(casework.current_contact_person(case), "pk", "") or "")
                form.data = data
        except ValidationError as error:
            form.add_error(None, error) if not hasattr(error, "error_dict") else _apply(form, error)
        else:
            messages.success(request, success)
            for warning in getattr(result, "warnings", []) or []:
                messages.warning(request, warning)
            return redirect("cases:detail", case_id=case.pk)
    context = {"form": form, "family": case.family, "case": case, "title": title, "intro": intro}
    context.update(extra(case) if extra else {})
    return render(request, template, context)


def _apply(form, error: ValidationError) -> None:
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_http_methods(["GET", "POST"])
def indicate_2a(request, case_id):
    return _case_action(
        request, case_id, title=_("Product 2a indiceren"), object_type="productinzet",
        intro=_("Het lokaal team houdt de regie en de verantwoordelijkheid voor de veiligheidstaxatie; de GI adviseert "
                "en ondersteunt, maximaal %(hours)s uur per indicatie. Er is geen Jeugdbeschermingstafel nodig.")
        % {"hours": products.method("product_2a_budget_hours")},
        form_factory=lambda case, data: Indication2aForm(data, initial={
            "starts_on": policy.today(), "consent_on": policy.today()}),
        run=lambda case, form: products.indicate_2a(actor=request.user, case=case, **form.cleaned_data),
        success=_("Product 2a is geïndiceerd."))


@login_required
@require_http_methods(["GET", "POST"])
def indicate_2b(request, case_id):
    return _case_action(
        request, case_id, title=_("Product 2b indiceren"), object_type="productinzet",
        intro=_("Na de tafelbespreking: de GI krijgt de casusregie en de eindverantwoordelijkheid voor de "
                "veiligheidstaxatie in het vrijwillig kader; het lokaal team blijft betrokken."),
        form_factory=lambda case, data: Indication2bForm(data, initial={
            "starts_on": policy.today(), "decision_on": policy.today(), "consent_on": policy.today()}),
        run=lambda case, form: products.indicate_2b(actor=request.user, case=case, **form.cleaned_data),
        success=_("Product 2b is geïndiceerd."))


def _indication(case, indication_id):
    indication = case.indications.filter(pk=indication_id, removed_at__isnull=True).first()
    if indication is None:
        raise Http404(_("Niet gevonden"))
    return indication


@login_required
@require_http_methods(["GET", "POST"])
def hours_add(request, case_id, indication_id):
    def run(case, form):
        entry, budget_ = products.hours_record(actor=request.user, indication=_indication(case, indication_id),
                                               **form.cleaned_data)
        entry.warnings = [_("Let op: %(percent)s%% van het budget is gebruikt (%(used)s van %(budget)s uur).")
                          % {"percent": budget_.percent, "used": budget_.used, "budget": budget_.budget}
                          ] if budget_.warning else []
        return entry

    return _case_action(
        request, case_id, title=_("Uren schrijven"), object_type="uren",
        form_factory=lambda case, data: HourEntryForm(data, initial={"worked_on": policy.today()}),
        run=run, success=_("De uren zijn geschreven."),
        extra=lambda case: {"indication": _indication(case, indication_id),
                            "budget": products.budget(_indication(case, indication_id))})


@login_required
@require_http_methods(["GET", "POST"])
def measure_add(request, case_id):
    return _case_action(
        request, case_id, title=_("Maatregel vastleggen"), object_type="maatregel",
        intro=_("De casus gaat naar 'Maatregel GI'; het lokaal team stapt naar de achtergrond en blijft betrokken."),
        form_factory=lambda case, data: MeasureForm(data, family=case.family),
        run=lambda case, form: products.measure_record(actor=request.user, case=case, **form.cleaned_data),
        success=_("De maatregel is vastgelegd."))


def _measure(case, measure_id):
    measure = case.measures.filter(pk=measure_id, removed_at__isnull=True).select_related("child").first()
    if measure is None:
        raise Http404(_("Niet gevonden"))
    return measure


@login_required
@require_http_methods(["GET", "POST"])
def measure_end(request, case_id, measure_id):
    return _case_action(
        request, case_id, title=_("Maatregel beëindigen"), object_type="maatregel",
        intro=_("Als dit de laatste maatregel is, neemt het lokaal team de regie weer over; daarvoor is eerst een "
                "schone overdracht nodig. Overweeg product 2a voor de afsluitende fase (R016)."),
        form_factory=lambda case, data: MeasureEndForm(data, initial={"ended_on": policy.today()}),
        run=lambda case, form: products.measure_end(actor=request.user, measure=_measure(case, measure_id),
                                                    **form.cleaned_data),
        success=_("De maatregel is beëindigd."))


@login_required
@require_http_methods(["GET", "POST"])
def measure_extend(request, case_id, measure_id):
    return _case_action(
        request, case_id, title=_("Maatregel verlengen"), object_type="maatregel",
        intro=_("Leg het advies van de professionals, het advies van de Raad en de beslissing van de rechter apart "
                "vast (R256)."),
        form_factory=lambda case, data: MeasureExtendForm(data, initial={"decided_on": policy.today()}),
        run=lambda case, form: products.measure_extend(actor=request.user, measure=_measure(case, measure_id),
                                                       **form.cleaned_data),
        success=_("De verlenging is vastgelegd."))


@login_required
@require_http_methods(["GET", "POST"])
def handover_add(request, case_id):
    return _case_action(
        request, case_id, title=_("Overdracht starten"), object_type="overdracht", edit=True,
        intro=_("Een medewerker laat een gezin niet los zonder overdracht: deel minimaal de informatie van de "
                "checklist, houd een warme overdracht met het gezin en laat de ontvanger accepteren."),
        form_factory=lambda case, data: HandoverStartForm(data, case=case),
        run=lambda case, form: handovers.handover_start(actor=request.user, case=case, **form.cleaned_data),
        success=_("De overdracht is gestart. Werk de checklist bij."))


@login_required
@require_http_methods(["GET", "POST"])
def handover_edit(request, case_id, handover_id):
    case, _grant = access_case(request, case_id, action=read_or_write(request), object_type="overdracht",
                               object_id=handover_id)
    handover = case.handovers.filter(pk=handover_id, removed_at__isnull=True).select_related(
        "from_user", "to_user").first()
    if handover is None:
        raise Http404(_("Niet gevonden"))
    form = HandoverForm(request.POST or None, handover=handover)
    if request.method == "POST" and form.is_valid():
        try:
            if "accept" in request.POST:
                handovers.handover_accept(actor=request.user, handover=handover)
                messages.success(request, _("De overdracht is geaccepteerd."))
            else:
                handovers.handover_update(actor=request.user, handover=handover, checklist=form.checklist(),
                                          meeting_on=form.cleaned_data["meeting_on"],
                                          family_present=form.cleaned_data["family_present"])
                messages.success(request, _("De overdracht is bijgewerkt."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/handover.html", {
        "form": form, "case": case, "family": case.family, "handover": handover,
        "gaps": handovers.handover_gaps(handover), "is_receiver": handover.to_user_id == request.user.pk,
    })


@login_required
@require_http_methods(["GET", "POST"])
def work_phase(request, case_id):
    case, _grant = access_case(request, case_id, action=read_or_write(request), object_type="werkfase", edit=True)
    form = WorkPhaseForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            for key in handovers.CHECKLISTS[case.work_phase]:
                handovers.work_phase_check(actor=request.user, case=case, item=key,
                                           done=form.cleaned_data.get(f"item_{key}", False))
            if "next" in request.POST:
                moved = handovers.work_phase_next(actor=request.user, case=case, on=policy.today(),
                                                  reason=form.cleaned_data["reason"])
                for warning in moved.warnings:  # R516
                    messages.warning(request, warning)
        except ValidationError as error:
            _apply(form, error) if hasattr(error, "error_dict") else form.add_error(None, error)
        else:
            messages.success(request, _("De werkfase is bijgewerkt."))
            return redirect("cases:detail", case_id=case.pk)
    warnings = hooks.work_phase_warnings(case, to_phase=case.work_phase + 1) if case.work_phase < 3 else []
    return render(request, "cases/work_phase.html",
                  {"form": form, "case": case, "family": case.family, "warnings": warnings})


@login_required
@require_http_methods(["GET", "POST"])
def transition(request, case_id, trigger):
    """The steps without a form of their own (drang, back to voluntary, products ended, council investigation)."""
    if trigger not in {Trigger.DRANG, Trigger.VOLUNTARY, Trigger.PRODUCTS_ENDED, Trigger.COUNCIL_INVESTIGATION}:
        raise Http404(_("Niet gevonden"))
    return _case_action(
        request, case_id, title=TRIGGER_LABELS[trigger], object_type="fase",
        form_factory=lambda case, data: TransitionForm(data),
        run=lambda case, form: apply_transition(case=case, trigger=trigger, actor=request.user, on=policy.today(),
                                                reason=form.cleaned_data["reason"]),
        success=_("De stap is vastgelegd."))


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request, case_id):
    """R517/R543/R309: a contact with the family, with its safety score; after a visit the plan is updated (R588)."""
    return _case_action(
        request, case_id, title=_("Contact vastleggen"), object_type="contact", edit=True,
        intro=_("Geef bij elk contact een veiligheidsscore. Vraag na of de afspraken en het doel van de hulp helder "
                "zijn. Werk na een bezoek direct het gezinsplan bij."),
        form_factory=lambda case, data: ContactForm(data, case=case, initial={"held_on": policy.today()}),
        run=lambda case, form: casework.contact_record(actor=request.user, case=case, **form.cleaned_data),
        success=_("Het contact is vastgelegd."))


@login_required
@require_http_methods(["GET", "POST"])
def end_2b(request, case_id, indication_id):
    """Product 2b ends through a recorded event with its reason; the lead moves back only after a handover."""
    return _case_action(
        request, case_id, title=_("Product 2b beëindigen"), object_type="productinzet",
        intro=_("Leg vast waarom product 2b eindigt. Gaat de regie terug naar het lokaal team, dan is eerst een "
                "100% schone overdracht nodig."),
        form_factory=lambda case, data: End2bForm(data, initial={"ends_on": policy.today()}),
        run=lambda case, form: products.indication_2b_end(actor=request.user,
                                                          indication=_indication(case, indication_id),
                                                          **form.cleaned_data),
        success=_("Product 2b is beëindigd."))


def _method_page(name, *, title, form_factory, run, success, intro="", object_type="casus"):
    """A page of the method panel on a case: one form, one service."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request, case_id):
        return _case_action(request, case_id, title=title, object_type=object_type, edit=True, intro=intro,
                            form_factory=form_factory, run=lambda case, form: run(request, case, form),
                            success=success)

    view.__name__ = name
    return view


def _contact_person_initial(case) -> dict:
    """The version and id of the contact person the form shows, so a change by someone else is not overwritten."""
    current = casework.current_contact_person(case)
    return {"on": policy.today(), "version": current.version if current else None,
            "current_id": current.pk if current else None}


contact_person = _method_page(
    "contact_person", title=gettext_lazy("Vast contactpersoon"), object_type="contactpersoon",
    intro=gettext_lazy(
        "Een andere medewerker neemt het alleen over als de werkrelatie verstoord is; elke andere "
        "reden is een "
        "uitzondering. Na een wisseling bespreekt de nieuwe contactpersoon eerst de tijdlijn en analyse met het "
        "gezin."),
    form_factory=lambda case, data: ContactPersonForm(data, case=case, initial=_contact_person_initial(case)),
    run=lambda request, case, form: casework.contact_person_assign(actor=request.user, case=case,
                                                                   **form.cleaned_data),
    success=gettext_lazy("De vaste contactpersoon is vastgelegd."))

status = _method_page(
    "status", title=gettext_lazy("Statusindicatoren"),
    intro=gettext_lazy("Onvoldoende medewerking maakt een taak aan: wegen of opschalen naar de Jeugdbeschermingstafel "
                "nodig is."),
    form_factory=lambda case, data: StatusForm(data, initial={
        "cooperation_sufficient": case.cooperation_sufficient, "pattern_breaking": case.pattern_breaking,
        "version": case.version}),
    run=lambda request, case, form: casework.status_set(actor=request.user, case=case, **form.cleaned_data),
    success=gettext_lazy("De statusindicatoren zijn bijgewerkt."))

event_add = _method_page(
    "event_add", title=gettext_lazy("Terugval, stagnatie of nieuw signaal"), object_type="gebeurtenis",
    intro=gettext_lazy("Bij stagnatie: zoek een andere oplossing of schaal op, met wie en wanneer."),
    form_factory=lambda case, data: EventForm(data, case=case, initial={"occurred_on": policy.today()}),
    run=lambda request, case, form: casework.event_record(actor=request.user, case=case, **form.cleaned_data),
    success=gettext_lazy("De gebeurtenis is vastgelegd."))

help_add = _method_page(
    "help_add", title=gettext_lazy("Hulp voorstellen"), object_type="hulp",
    intro=gettext_lazy(
        "Hulp voor het kind, voor een ouder of voor het hele gezin, ook volwassenenzorg, "
        "schuldhulp of Wmo. "
        "Voorgestelde hulp wordt bekrachtigd in de casuïstiekbespreking (MDO)."),
    form_factory=lambda case, data: HelpForm(data, case=case),
    run=lambda request, case, form: casework.help_propose(actor=request.user, case=case, **form.cleaned_data),
    success=gettext_lazy("De hulp is voorgesteld."))


refusal_explained = _method_page(
    "refusal_explained", title=gettext_lazy("Uitleg: wat het weigeren van hulp kan betekenen"),
    form_factory=lambda case, data: RefusalExplainedForm(data, initial={"on": policy.today(),
                                                                        "version": case.version}),
    run=lambda request, case, form: casework.refusal_explained(actor=request.user, case=case, **form.cleaned_data),
    success=gettext_lazy("De uitleg is vastgelegd."))

plan_agree = _method_page(
    "plan_agree", title=gettext_lazy("Gezinsplan afspreken met het gezin"), object_type="gezinsplan",
    intro=gettext_lazy("Professionals bepalen niet voor, maar beslissen met het gezin."),
    form_factory=lambda case, data: PlanAgreeForm(data, initial={"decided_on": policy.today()}),
    run=lambda request, case, form: casework.plan_agree(actor=request.user, case=case, **form.cleaned_data),
    success=gettext_lazy("Het gezinsplan is met het gezin afgesproken."))


offence_add = _method_page(
    "offence_add", title=gettext_lazy("Strafbaar feit vastleggen"), object_type="strafbaar feit",
    intro=gettext_lazy(
        "Jeugdreclassering volgt op een feit dat de straf- of kinderrechter als zodanig heeft "
        "beoordeeld, "
                "bijvoorbeeld schoolverzuim. Leg ook nieuwe delicten tijdens de casus vast."),
    form_factory=lambda case, data: OffenceForm(data, case=case, initial={"committed_on": policy.today()}),
    run=lambda request, case, form: casework.offence_record(actor=request.user, case=case, **form.cleaned_data),
    success=gettext_lazy("Het strafbare feit is vastgelegd."))


@login_required
@require_http_methods(["GET", "POST"])
def measure_evaluation(request, case_id, measure_id):
    """R540: write the evaluation (GI), the team leader reviews it, then it is submitted with the extension request."""
    forms_by_step = {"write": EvaluationForm, "review": EvaluationReviewForm, "submit": EvaluationSubmitForm}

    def latest(case):
        measure = _measure(case, measure_id)
        return measure, measure.evaluations.filter(removed_at__isnull=True).order_by("-created_at").first()

    def form_factory(case, data):
        # A POST is bound to the form it came from (step), so a step someone else took meanwhile does not swap
        # the form and drop the typed text; the service refuses the stale save.
        if data is not None and data.get("step") in forms_by_step:
            return forms_by_step[data["step"]](data)
        _measure_row, evaluation = latest(case)
        if evaluation is None or evaluation.submitted_on:
            return EvaluationForm(data)
        shown = {"evaluation_id": evaluation.pk, "version": evaluation.version}
        if evaluation.reviewed_by_id is None:
            return EvaluationReviewForm(data, initial=shown)
        return EvaluationSubmitForm(data, initial={"on": policy.today(), **shown})

    def run(case, form):
        measure, _latest = latest(case)
        if isinstance(form, EvaluationForm):
            values = {k: v for k, v in form.cleaned_data.items() if k != "step"}
            return casework.evaluation_write(actor=request.user, measure=measure, **values)
        evaluation = measure.evaluations.filter(pk=form.cleaned_data["evaluation_id"], removed_at__isnull=True).first()
        if evaluation is None:
            raise Http404(_("Niet gevonden"))
        if isinstance(form, EvaluationReviewForm):
            return casework.evaluation_review(actor=request.user, evaluation=evaluation, on=policy.today(),
                                              comment=form.cleaned_data["comment"],
                                              version=form.cleaned_data["version"])
        return casework.evaluation_submit(actor=request.user, evaluation=evaluation, on=form.cleaned_data["on"])

    def extra(case):
        _measure_row, evaluation = latest(case)
        if evaluation is None or evaluation.submitted_on:
            return {}
        text = _("Evaluatie: %(text)s Nog niet goed genoeg: %(why)s") % {
            "text": evaluation.evaluation, "why": evaluation.not_good_enough}
        if evaluation.reviewed_by_id:
            text += " " + _("Beoordeeld: %(comment)s") % {"comment": evaluation.review_comment}
        return {"intro": text}

    return _case_action(request, case_id, title=_("Evaluatie voor verlenging van de OTS"), object_type="maatregel",
                        form_factory=form_factory, run=run, extra=extra,
                        intro=_("De leidinggevende beoordeelt de evaluatie voordat het verzoek naar de rechter gaat."),
                        success=_("De evaluatie is bijgewerkt."))


@login_required
@require_http_methods(["GET", "POST"])
def contact_feedback(request, case_id, case_contact_id):
    """R680: the team leader reads the case note and adds feedback."""
    def contact(case):
        row = case.contacts.filter(pk=case_contact_id, removed_at__isnull=True).select_related("by_user").first()
        if row is None:
            raise Http404(_("Niet gevonden"))
        return row

    return _case_action(
        request, case_id, title=_("Feedback op het verslag"), object_type="contact",
        form_factory=lambda case, data: FeedbackForm(data, initial={"feedback": contact(case).feedback,
                                                                    "version": contact(case).version}),
        extra=lambda case: {"intro": _("Verslag van %(who)s op %(day)s: %(text)s") % {
            "who": contact(case).by_user, "day": contact(case).held_on.strftime("%d-%m-%Y"),
            "text": contact(case).summary or "—"}},
        run=lambda case, form: casework.contact_feedback(actor=request.user, contact=contact(case),
                                                         feedback=form.cleaned_data["feedback"],
                                                         version=form.cleaned_data["version"]),
        success=_("De feedback is opgeslagen."))


youth_care_request = _method_page(
    "youth_care_request", title=gettext_lazy("Jeugdhulp vragen aan het lokaal team (product 2b)"), object_type="hulp",
    intro=gettext_lazy(
        "Tijdens product 2b zet het lokaal team op verzoek van de GI jeugdhulp in, in "
        "overeenstemming met "
                "het gezin en het lokaal team."),
    form_factory=lambda case, data: YouthCareRequestForm(data, case=case),
    run=lambda request, case, form: casework.help_request_youth_care(actor=request.user, case=case,
                                                                     on=policy.today(), **form.cleaned_data),
    success=gettext_lazy("Het verzoek is naar het lokaal team gestuurd."))


@login_required
@require_http_methods(["GET", "POST"])
def help_step(request, case_id, case_help_id):
    """The next step of a help row: the LT refers on a GI request (R021, R220), or it is confirmed in the MDO
    (R680)."""
    from gezinsplan.cases.models import HelpStatus

    def row(case):
        found = case.help.filter(pk=case_help_id, removed_at__isnull=True).first()
        # a POST on help confirmed meanwhile still reaches the service, which refuses it with the text kept
        if found is None or (found.status == HelpStatus.CONFIRMED and request.method != "POST"):
            raise Http404(_("Niet gevonden"))
        return found

    def form_factory(case, data):
        step = data.get("step") if data is not None else None  # the form that was posted, not the next step's
        if step == "refer" or (step != "confirm" and row(case).status == HelpStatus.REQUESTED):
            return HelpReferForm(data, initial={"version": row(case).version})
        return HelpConfirmForm(data, case=case)

    def run(case, form):
        if isinstance(form, HelpReferForm):
            return casework.help_refer(
                actor=request.user, help_=row(case), family_agreed_on=form.cleaned_data["family_agreed_on"],
                lt_agrees=form.cleaned_data["lt_agrees"], provider=form.cleaned_data["provider"],
                version=form.cleaned_data["version"])
        return casework.help_confirm(actor=request.user, help_=row(case), meeting=form.cleaned_data["meeting"])

    return _case_action(request, case_id, title=_("Hulp"), object_type="hulp", edit=True,
                        form_factory=form_factory, run=run, success=_("De hulp is bijgewerkt."),
                        extra=lambda case: {"intro": f"{row(case).description} ({row(case).get_status_display()})"})


@login_required
@require_http_methods(["GET", "POST"])
def work_phase_labels(request):
    """Issue 4 item 6, R682: a team leader or functional administrator names the work phases of the organisation."""
    from gezinsplan.cases.models import WorkPhaseLabels

    if request.user.role not in {"team_lead", "functional_admin"} or request.user.organisation_id is None:
        raise PermissionDenied
    current = WorkPhaseLabels.objects.filter(organisation_id=request.user.organisation_id).first()
    form = WorkPhaseLabelsForm(request.POST or None, initial={
        f"phase_{n}": current.label(n) if current else casework.work_phase_label(n) for n in (1, 2, 3)})
    if request.method == "POST" and form.is_valid():
        try:
            casework.work_phase_labels_set(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De namen van de werkfasen zijn opgeslagen."))
            return redirect("cases:work_phase_labels")
    return render(request, "cases/settings_form.html", {"form": form, "title": _("Namen van de werkfasen")})


@login_required
@require_http_methods(["GET", "POST"])
def plan_update(request, case_id, case_contact_id):
    """R588: right after a visit, the plan: concerns, strengths and goals confirmed or edited."""
    def contact(case):
        row = case.contacts.filter(pk=case_contact_id, removed_at__isnull=True).first()
        if row is None:
            raise Http404(_("Niet gevonden"))
        return row

    return _case_action(
        request, case_id, title=_("Gezinsplan bijwerken na het bezoek"), object_type="contact", edit=True,
        intro=_("De veiligheidsscore is met het bezoek vastgelegd. Loop nu de zorgen, krachten en doelen na."),
        form_factory=lambda case, data: PlanUpdateForm(data, initial={"version": contact(case).version}),
        run=lambda case, form: casework.contact_plan_update(
            actor=request.user, contact=contact(case), note=form.cleaned_data["note"],
            version=form.cleaned_data["version"],
            reviewed={k: form.cleaned_data[k] for k in ("concerns", "strengths", "goals")}),
        success=_("Het gezinsplan is bijgewerkt."))


@login_required
@require_http_methods(["GET", "POST"])
def task_done(request, case_id, task_id):
    """GET asks to confirm; POST marks the task done."""
    case, _grant = access_case(request, case_id, action=read_or_write(request), object_type="taak",
                               object_id=task_id, edit=True)
    task = case.tasks.filter(pk=task_id, removed_at__isnull=True, done_on__isnull=True).first()
    if task is None:
        raise Http404(_("Niet gevonden"))
    if request.method == "GET":
        return render(request, "cases/form.html", {
            "form": django_forms.Form(), "family": case.family, "case": case, "confirm": True,
            "title": _("Taak afronden"), "intro": task.get_kind_display()})
    try:
        casework.task_done(actor=request.user, task=task, on=policy.today())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De taak is afgerond."))
    return redirect("cases:detail", case_id=case.pk)


@login_required
def hours_export(request, case_id):
    """Hours of this case as CSV (per entry, with totals per product, organisation and month)."""
    case, _grant = access_case(request, case_id, action=AccessAction.DOWNLOAD, object_type="urenexport")
    entries = HourEntry.objects.filter(indication__case=case, removed_at__isnull=True).select_related(
        "indication", "professional", "organisation").order_by("worked_on", "created_at")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="uren-{case.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Datum", "Product", "Professional", "Organisatie", "Activiteit", "Uren", "Omschrijving"])
    for e in entries:
        writer.writerow([e.worked_on.isoformat(), e.indication.kind, e.professional.get_full_name(),
                         e.organisation.name, e.get_activity_display(), str(e.hours).replace(".", ","),
                         e.description])
    totals = products.hour_totals(entries=entries)
    writer.writerow([])
    for label, group in (("Product", totals["per_product"]), ("Organisatie", totals["per_organisation"]),
                         ("Maand", totals["per_month"])):
        for key, value in group.items():
            writer.writerow([f"Totaal {label.lower()}", key, "", "", "", str(value).replace(".", ","), ""])
    writer.writerow(["Totaal", "", "", "", "", str(totals["total"]).replace(".", ","), ""])
    return response



class TransitionForm(django_forms.Form):
    reason = django_forms.CharField(label=gettext_lazy("Toelichting"), max_length=2000,
                                    widget=django_forms.Textarea(attrs={"rows": 3}))


NINE_PRINCIPLES = (
    gettext_lazy("We praten altijd met het kind."),
    gettext_lazy("1 gezin, 1 plan, 1 jeugdbeschermer."),
    gettext_lazy("Maatwerk: we doen wat er voor de cliënt toe doet."),
    gettext_lazy("We doen alleen wat waarde toevoegt."),
    gettext_lazy("We werken als één team."),
    # Translators: a plain percentage sign, not a format placeholder.
    # xgettext:no-python-format
    gettext_lazy("100% schone overdracht."),
    gettext_lazy("Expertise op de juiste plek en het juiste moment."),
    gettext_lazy("Continue flow."),
    gettext_lazy("Pull, niet push."),
)


@login_required
def method(request):
    """The method on one screen (R594): the nine principles, table 2 and the phase table, from the code's data."""
    from gezinsplan.cases.models import Phase, ProductKind
    from gezinsplan.cases.responsibility import derive

    combinations = [(Phase.LT, ()), (Phase.LT_GI, (ProductKind.P2A,)), (Phase.LT_GI, (ProductKind.P2B,)),
                    (Phase.MEASURE, ()), (Phase.LT_AFTER, ())]
    table2 = [(Phase(phase).label, ", ".join(products_), derive(phase=phase, active_products=frozenset(products_)))
              for phase, products_ in combinations]
    return render(request, "cases/method.html", {"principles": NINE_PRINCIPLES, "table2": table2,
                                                 "transitions": TRANSITIONS,
                                                 "end_state_definition": casework.END_STATE_DEFINITION})


REPORT_ROLES = frozenset({"team_lead", "policy_officer", "regional_contact", "functional_admin"})


@login_required
def region_report(request):
    """R337: per region, the share of families that came in via Veilig Thuis without registered help. Counts only,
    no personal data."""
    if request.user.role not in REPORT_ROLES:
        raise PermissionDenied
    return render(request, "cases/region_report.html", {"rows": casework.region_without_help_after_vt()})
