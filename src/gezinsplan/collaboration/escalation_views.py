"""Pages of escalation, partners and network (family data, through core.access) and of learning together
(organisation level, no family data)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gezinsplan.accounts.models import Region
from gezinsplan.collaboration import learning_services, network_selectors, network_services, services
from gezinsplan.collaboration.escalation_forms import (
    CaseReflectionForm,
    CollaborationMeetingForm,
    CollaborationRecordForm,
    ConferenceOfferForm,
    CoreValueForm,
    DecisionEscalateForm,
    EscalationRaiseForm,
    EscalationResolveForm,
    EscalationStep1Form,
    ExpertConsultationForm,
    GiModeForm,
    LearningGroupForm,
    LearningSessionForm,
    MeetingSetupForm,
    NetworkTaskForm,
    PartnerForm,
    PartnerUpdateForm,
    ProviderViewForm,
    ReflectionActivityForm,
    RegionLearningForm,
    ReliabilityCheckForm,
    StakeholderForm,
    SubregionForm,
    TableSessionForm,
)
from gezinsplan.collaboration.learning import (
    CaseReflection,
    CollaborationMeeting,
    LearningGroup,
    ReflectionActivity,
    Subregion,
)
from gezinsplan.collaboration.models import CoreDecision, Escalation, EscalationLevel, Meeting
from gezinsplan.collaboration.partners import MeetingSetup
from gezinsplan.collaboration.reference import CORE_VALUE_PROMPTS, TABLES, CoreValue, shared_vocabulary
from gezinsplan.collaboration.views import _case_of, _form_page, _save, _write_action
from gezinsplan.core import policy
from gezinsplan.core.access import access_case, access_record
from gezinsplan.core.policy import Action
from gezinsplan.core.views import handle_form_error, read_or_write

# --- case pages: one form each ----------------------------------------------------------------------------------

# url name: (form, service, service kwarg for the case, title, intro, object type in the access log)
CASE_FORMS = {
    "partner_add": (PartnerForm, network_services.partner_add, gettext_lazy("Netwerkpartner toevoegen"),
                    gettext_lazy(
                        "Iedere partner met haar deel in het plan (R572). Bij risico's voor de bestaanszekerheid: "
                        "schuldhulp, Wmo of huisvestingsbemiddeling (R586)."), "netwerkpartner"),
    "expert_add": (ExpertConsultationForm, network_services.expert_consultation_record,
                   gettext_lazy("Specialist geconsulteerd"),
                   gettext_lazy(
                       "Expertise op verslaving, psychiatrie, trauma, hechting of LVB, voor jeugdigen en "
                       "volwassenen (R338)."), "consultatie specialist"),
    "gi_mode": (GiModeForm, network_services.gi_mode_start, gettext_lazy("Vorm van betrokkenheid GI"),
                gettext_lazy("Consultatie: het wijkteam houdt de regie. Invoegen: de GI neemt de regie tijdelijk over "
                  "(R623)."), "betrokkenheid GI"),
    "conference": (ConferenceOfferForm, network_services.conference_offer_record,
                   gettext_lazy("Eigen Kracht-conferentie aangeboden"),
                   gettext_lazy("Ieder gezin krijgt een Eigen Kracht-conferentie aangeboden (R678)."), "eigen kracht"),
    "reliability": (ReliabilityCheckForm, network_services.reliability_check_record,
                    gettext_lazy("Betrouwbaarheid van een netwerklid checken"),
                    gettext_lazy("Voordat een netwerklid een taak in de veiligheidsafspraken krijgt (R688)."),
                    "betrouwbaarheidscheck"),
    "network_task": (NetworkTaskForm, network_services.network_task_assign, gettext_lazy("Taak voor het netwerk"),
                     gettext_lazy("Het netwerk blijft aangevuld met een professional (R684)."), "taak netwerk"),
    "stakeholders": (StakeholderForm, network_services.stakeholder_approach_record,
                     gettext_lazy("Wie betrekken en hoe"),
                     gettext_lazy("Na het vaststellen van de haalbare eindsituatie (R151)."), "wie betrekken"),
    "table_add": (TableSessionForm, network_services.table_session_record, gettext_lazy("Bespreking aan een tafel"),
                  "", "tafelbespreking"),
}


def _case_form_view(name):
    form_class, service, title, intro, object_type = CASE_FORMS[name]

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request, case_id):
        case, _grant = access_case(request, case_id, action=_write_action(request), object_type=object_type,
                                   edit=True)
        form = form_class(request.POST or None, case=case, initial={
            f: policy.today() for f in ("consulted_on", "starts_on", "offered_on", "checked_on", "held_on")})
        response = _save(request, form, lambda: service(actor=request.user, case=case, **form.service_values()),
                         success=_("Vastgelegd."), redirect_to=reverse("cases:detail", args=[case.pk]) + "#netwerk")
        if response:
            return response
        if name == "table_add":
            return render(request, "collaboration/table_form.html", {
                "form": form, "case": case, "family": case.family, "title": title, "tables": TABLES})
        return _form_page(request, form=form, case=case, title=title, intro=intro)

    view.__name__ = name
    return view


partner_add = _case_form_view("partner_add")
expert_add = _case_form_view("expert_add")
gi_mode = _case_form_view("gi_mode")
conference = _case_form_view("conference")
reliability = _case_form_view("reliability")
network_task = _case_form_view("network_task")
stakeholders = _case_form_view("stakeholders")
table_add = _case_form_view("table_add")


@login_required
@require_http_methods(["GET", "POST"])
def partner_update(request, case_id):
    """R589: a partner posts an update on its own part (read-only partners too, for their own organisation)."""
    case, grant = access_case(request, case_id, action=_write_action(request), object_type="update partner")
    form = PartnerUpdateForm(request.POST or None, case=case, initial={"posted_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            network_services.partner_post_update(actor=request.user, **form.service_values())
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("De update staat bij de casus."))
            return redirect(reverse("cases:detail", args=[case.pk]) + "#netwerk")
    return _form_page(request, form=form, case=case, title=_("Update van een partner"),
                      intro=_("Een update over het eigen deel van de partner; iedereen die bij het gezin betrokken "
                              "is ziet hem (R589)."))


@login_required
@require_http_methods(["GET", "POST"])
def provider_view_add(request, case_id):
    case, _grant = access_case(request, case_id, action=_write_action(request), object_type="gesprek met kind",
                               edit=True)
    form = ProviderViewForm(request.POST or None, case=case)
    response = _save(request, form, lambda: network_services.provider_view_add(
        actor=request.user, conversation=form.cleaned_data["conversation"], **form.service_values()),
        success=_("Vastgelegd."), redirect_to=reverse("cases:detail", args=[case.pk]) + "#netwerk")
    return response or _form_page(request, form=form, case=case, title=_("Wat de jeugdige vindt van de hulp"),
                                  intro=_("Per zorgaanbieder: is er een klik, en past de hulp bij wat de jeugdige "
                                          "wil (R156)?"))


@login_required
def shared_picture(request, case_id):
    """R580: one shared picture for every involved partner, with the date of each part."""
    case, _grant = access_case(request, case_id, object_type="gedeeld beeld")
    picture = network_selectors.shared_picture(case=case)
    network_selectors.mark_changed_since(picture, network_selectors.last_seen(
        user=request.user, family_id=case.family_id, object_type="gedeeld beeld"))
    return render(request, "collaboration/shared_picture.html", {
        "case": case, "family": case.family, "picture": picture})


# --- network meeting set-up ------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def meeting_setup(request, meeting_id):
    meeting, _grant = access_record(request, Meeting, meeting_id, action=read_or_write(request),
                                    object_type="overleg", edit=True)
    case = _case_of(meeting)
    existing = MeetingSetup.objects.filter(meeting=meeting).first()
    form = MeetingSetupForm(request.POST or None, instance=existing, meeting=meeting)
    response = _save(request, form, lambda: network_services.meeting_setup_save(
        actor=request.user, meeting=meeting, version=form.cleaned_data.get("version"), **form.service_values()),
        success=_("De opzet van het netwerkberaad is vastgelegd."),
        redirect_to=reverse("collaboration:meeting", args=[meeting.pk]))
    return response or _form_page(request, form=form, case=case, title=_("Methode en voorzitter"),
                                  intro=_("Familieberaad: voorgezeten door de jeugdbeschermer of een onafhankelijke "
                                          "facilitator. Rondetafel: geleid door de jeugdbescherming. Teamtafel: "
                                          "geleid door de casusregisseur (R618, R697)."))


# --- R100: a disputed core decision to the managers ------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def decision_escalate(request, decision_id):
    decision, _grant = access_record(request, CoreDecision, decision_id, action=_write_action(request),
                                     object_type="kernbesluit", edit=True)
    case = _case_of(decision)
    form = DecisionEscalateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            escalation = network_services.decision_escalate(actor=request.user, decision=decision,
                                                            **form.service_values())
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("Het kernbesluit ligt nu bij de managers van beide organisaties."))
            return redirect("collaboration:escalation", escalation_id=escalation.pk)
    return _form_page(request, form=form, case=case, title=_("Omstreden kernbesluit opschalen"),
                      intro=_("De managers van beide organisaties beslissen; de uitkomst komt bij het besluit "
                              "(R100)."))


# --- escalation between organisations --------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def escalation_detail(request, escalation_id):
    escalation, grant = access_record(request, Escalation, escalation_id, action=read_or_write(request),
                                      object_type="escalatie", edit=request.method == "POST")
    case = _case_of(escalation)
    action = request.POST.get("action", "")
    data = request.POST if request.method == "POST" else None
    # Not bound to the instance (validation would overwrite the escalation in memory); the version is carried
    # explicitly, so a save on top of someone else's change is refused and the typed text kept.
    step1 = EscalationStep1Form(data if action == "step1" else None, actor=request.user,
                                initial={"joint_meeting_on": policy.today(), "version": escalation.version})
    raise_form = EscalationRaiseForm(data if action == "raise" else None,
                                     initial={"level": min(escalation.level + 1, EscalationLevel.ADMINISTRATORS),
                                              "version": escalation.version})
    resolve = EscalationResolveForm(data if action == "resolve" else None,
                                    initial={"resolved_on": policy.today(), "version": escalation.version})
    here = reverse("collaboration:escalation", args=[escalation.pk])
    calls = {
        "step1": (step1, lambda: services.escalation_step1(
            actor=request.user, escalation=escalation, result=step1.cleaned_data["result"],
            solution=step1.cleaned_data["solution"], version=step1.cleaned_data.get("version"),
            **step1.service_values())),
        "raise": (raise_form, lambda: services.escalation_raise(
            actor=request.user, escalation=escalation, reason=raise_form.cleaned_data["reason"],
            version=raise_form.cleaned_data.get("version"), **raise_form.service_values())),
        "resolve": (resolve, lambda: services.escalation_resolve(
            actor=request.user, escalation=escalation, **resolve.cleaned_data)),
    }
    if action in calls:
        form, call = calls[action]
        response = _save(request, form, call, success=_("Vastgelegd."), redirect_to=here)
        if response:
            return response
    escalation = (Escalation.objects.select_related("other_organisation", "own_scientist", "decision", "case")
                  .prefetch_related("moves__escalated_by", "civil_servants", "mediators").get(pk=escalation.pk))
    return render(request, "collaboration/escalation_detail.html", {
        "escalation": escalation, "case": case, "family": case.family, "step1": step1, "raise_form": raise_form,
        "resolve": resolve, "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant)
        and not escalation.resolved_on,
    })


# --- learning together (organisation level) --------------------------------------------------------------------

def _professional(request) -> None:
    policy.require(request.user, Action.VIEW_DIRECTORY)


@login_required
@require_http_methods(["GET", "POST"])
def regional_meetings(request):
    """R326, R328, R330: collaboration meetings per subregion and the yearly target."""
    _professional(request)
    organiser = request.user.role in learning_services.ORGANISER_ROLES
    action = request.POST.get("action", "meeting")
    data = request.POST if request.method == "POST" else None
    form = CollaborationMeetingForm(data if action == "meeting" else None, initial={"planned_on": policy.today()})
    group_form = LearningGroupForm(data if action == "group" else None) if organiser else None
    if request.method == "POST":
        if not organiser:
            raise policy.PolicyDenied("organise_learning")
        here = reverse("collaboration:regional_meetings")
        if action == "group":
            response = _save(request, group_form, lambda: learning_services.learning_group_create(
                actor=request.user, **group_form.service_values()), success=_("De leergroep is aangemaakt."),
                redirect_to=here)
        else:
            response = _save(request, form, lambda: learning_services.collaboration_meeting_plan(
                actor=request.user, invitees=form.cleaned_data["invitees"], **form.service_values()),
                success=_("De bijeenkomst is gepland."), redirect_to=here)
        if response:
            return response
    year = policy.today().year
    meetings = CollaborationMeeting.objects.select_related("subregion__region")[:100]
    groups = LearningGroup.objects.select_related("subregion__region")[:100]
    return render(
        request,
        "collaboration/regional_meetings.html",
        {
            "form": form if organiser else None,
            "group_form": group_form,
            "meetings": meetings,
            "groups": groups,
            "year": year,
            "progress": learning_services.yearly_progress(year=year),
            "can_manage": policy.can(request.user, Action.MANAGE_DIRECTORY),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def regional_meeting(request, collab_meeting_id):
    _professional(request)
    meeting = get_object_or_404(CollaborationMeeting.objects.select_related("subregion__region"),
                                pk=collab_meeting_id)
    organiser = request.user.role in learning_services.ORGANISER_ROLES
    action = request.POST.get("action", "")
    record = CollaborationRecordForm(request.POST if action == "record" else None, instance=meeting)
    value = CoreValueForm(request.POST if action == "value" else None)
    here = reverse("collaboration:regional_meeting", args=[meeting.pk])
    if request.method == "POST":
        if not organiser:
            raise policy.PolicyDenied("organise_learning")
        if action == "record":
            response = _save(request, record, lambda: learning_services.collaboration_meeting_record(
                actor=request.user, meeting=meeting, attended=record.cleaned_data["attended"],
                **record.service_values()), success=_("De bijeenkomst is vastgelegd."), redirect_to=here)
        else:
            response = _save(request, value, lambda: learning_services.core_value_discuss(
                actor=request.user, meeting=meeting, **value.service_values()),
                success=_("De bespreking van de kernwaarde is vastgelegd."), redirect_to=here)
        if response:
            return response
    invitees = list(meeting.invitees.select_related("user__organisation"))
    overview = learning_services.invitee_overview(meeting, [i.user for i in invitees])
    return render(request, "collaboration/regional_meeting.html", {
        "meeting": meeting, "invitees": invitees, "overview": overview, "record": record if organiser else None,
        "value_form": value if organiser else None, "discussions": list(meeting.value_discussions.all()),
        "prompts": CORE_VALUE_PROMPTS})


@login_required
def core_values(request):
    """R305, R306: the four core values, and per region how often each was discussed with staff."""
    _professional(request)
    return render(request, "collaboration/core_values.html", {
        "values": CoreValue.choices, "prompts": CORE_VALUE_PROMPTS,
        "report": learning_services.core_values_report()})


@login_required
def vocabulary(request):
    """R302: one shared vocabulary for every organisation."""
    _professional(request)
    return render(request, "collaboration/vocabulary.html", {"lists": shared_vocabulary(), "tables": TABLES})


@login_required
@require_http_methods(["GET", "POST"])
def learning_group(request, group_id):
    """R325: the sessions of one local learning group; members and organisers record them."""
    _professional(request)
    group = get_object_or_404(LearningGroup.objects.select_related("subregion__region"), pk=group_id)
    members = list(group.members.select_related("organisation"))
    if request.user not in members and request.user.role not in learning_services.ORGANISER_ROLES:
        raise Http404
    form = LearningSessionForm(request.POST or None, group=group, initial={"held_on": policy.today()})
    response = _save(request, form, lambda: learning_services.learning_session_record(
        actor=request.user, group=group, **form.service_values()),
        success=_("De bijeenkomst van de leergroep is vastgelegd."),
        redirect_to=reverse("collaboration:learning_group", args=[group.pk]))
    return response or render(request, "collaboration/learning_group.html", {
        "group": group, "members": members, "form": form,
        "blockers": learning_services.learning_groups_blockers(group.subregion, policy.today()),
        "sessions": group.sessions.prefetch_related("attendees")[:50]})


@login_required
@require_http_methods(["GET", "POST"])
def skj_reflection(request):
    """R318, R167: my reflection activities, the SKJ export, and the three levels of reflection."""
    _professional(request)
    form = ReflectionActivityForm(request.POST or None, initial={"held_on": policy.today()})
    response = _save(request, form, lambda: learning_services.reflection_activity_log(
        actor=request.user, **form.service_values()), success=_("De reflectie is vastgelegd."),
        redirect_to=reverse("collaboration:skj"))
    activities = ReflectionActivity.objects.filter(professional=request.user)[:100]
    return response or render(request, "collaboration/skj.html", {
        "form": form, "activities": activities,
        "levels": learning_services.reflection_levels(organisation_id=request.user.organisation_id)})


@login_required
def skj_export(request):
    _professional(request)
    response = HttpResponse(learning_services.skj_export_csv(professional=request.user),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reflectie-skj.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def case_reflections(request):
    """R319: reflection on pseudonymised cases with professionals of several organisations."""
    _professional(request)
    form = CaseReflectionForm(request.POST or None, initial={"held_on": policy.today()})
    response = _save(request, form, lambda: learning_services.case_reflection_record(
        actor=request.user, organisations=form.cleaned_data["organisations"],
        **{k: v for k, v in form.service_values().items() if k != "organisations"}),
        success=_("De reflectie is vastgelegd."), redirect_to=reverse("collaboration:case_reflections"))
    entries = CaseReflection.objects.filter(recorded_by__organisation_id=request.user.organisation_id) \
        .prefetch_related("organisations")[:50]
    return response or render(request, "collaboration/case_reflections.html", {"form": form, "entries": entries})


# --- R325, R326: subregions and regional learning switches (functional administrators) ---------------------


def _admin(request) -> None:
    policy.require(request.user, Action.MANAGE_DIRECTORY)


@login_required
def subregions(request):
    """The subregions per region with their municipalities, and per region the learning-group switch."""
    _admin(request)
    regions = list(
        Region.objects.select_related("learning").prefetch_related(
            Prefetch("subregions", queryset=Subregion.objects.prefetch_related("municipalities"))
        )
    )
    for region in regions:
        switch = getattr(region, "learning", None)  # RelatedObjectDoesNotExist is an AttributeError
        region.learning_form = RegionLearningForm(
            prefix=f"r{region.pk}", initial={"enabled": bool(switch and switch.learning_groups_enabled)}
        )
        region.learning_form.fields["enabled"].label = _("Lokale leergroepen aan in %(r)s") % {"r": region.name}
    return render(request, "collaboration/subregions.html", {"regions": regions})


@login_required
@require_http_methods(["GET", "POST"])
def subregion_form(request, subregion_id=None):
    _admin(request)
    subregion = get_object_or_404(Subregion, pk=subregion_id) if subregion_id else None
    initial = (
        {"region": subregion.region_id, "name": subregion.name, "municipalities": list(subregion.municipalities.all())}
        if subregion
        else {}
    )
    form = SubregionForm(request.POST or None, initial=initial)
    response = _save(
        request,
        form,
        lambda: learning_services.subregion_save(actor=request.user, subregion=subregion, **form.service_values()),
        success=_("De subregio is opgeslagen."),
        redirect_to=reverse("collaboration:subregions"),
    )
    return response or render(
        request,
        "collaboration/subregion_form.html",
        {
            "form": form,
            "subregion": subregion,
            "title": _("Subregio wijzigen") if subregion else _("Subregio toevoegen"),
        },
    )


@login_required
@require_http_methods(["POST"])
def region_learning(request, region_id):
    """R325: switch the local learning groups of one region on or off."""
    _admin(request)
    region = get_object_or_404(Region, pk=region_id)
    form = RegionLearningForm(request.POST, prefix=f"r{region.pk}")
    form.is_valid()
    learning_services.region_learning_set(
        actor=request.user, region=region, enabled=form.cleaned_data.get("enabled", False)
    )
    if form.cleaned_data.get("enabled"):
        messages.success(request, _("Lokale leergroepen staan aan voor regio %(r)s.") % {"r": region.name})
    else:
        messages.success(request, _("Lokale leergroepen staan uit voor regio %(r)s.") % {"r": region.name})
    return redirect("collaboration:subregions")
