"""Pages of the meetings part: thin views over the choke points (core.access) and meetings_services."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gezinsplan.collaboration import forms as f
from gezinsplan.collaboration import meetings_services as ms
from gezinsplan.collaboration.models import Agreement, CoreDecision, Meeting
from gezinsplan.collaboration.views import _case_of, _form_page, _save, _write_action
from gezinsplan.core import policy
from gezinsplan.core.access import access_case, access_record
from gezinsplan.core.views import read_or_write

SECTION = "#taakverdeling"


def _case_page(
    request, case_id, *, object_type: str, form_factory, call, success: str, title: str, intro="", edit: bool = True
):
    case, _grant = access_case(request, case_id, action=_write_action(request), object_type=object_type, edit=edit)
    form = form_factory(case)
    response = _save(
        request,
        form,
        lambda: call(case, form),
        success=success,
        redirect_to=reverse("cases:detail", args=[case.pk]) + SECTION,
    )
    return response or _form_page(request, form=form, case=case, title=title, intro=intro)


def _data(request):
    return request.POST or None


@login_required
@require_http_methods(["GET", "POST"])
def party_add(request, case_id):
    """R231."""
    return _case_page(
        request,
        case_id,
        object_type="betrokken partij",
        form_factory=lambda case: f.PartyForm(_data(request), initial={"active_from": policy.today()}),
        call=lambda case, form: ms.party_add(actor=request.user, case=case, **form.service_values()),
        success=_("De partij is toegevoegd."),
        title=_("Betrokken partij toevoegen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_assign(request, case_id):
    """R229."""
    return _case_page(
        request,
        case_id,
        object_type="aanspreekpunt",
        form_factory=lambda case: f.ContactForm(_data(request), case=case),
        call=lambda case, form: ms.contact_assign(actor=request.user, case=case, **form.service_values()),
        success=_("Het aanspreekpunt is afgesproken."),
        title=_("Aanspreekpunt per gezinslid"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def collaboration_agreement(request, case_id):
    """R061, R068."""
    return _case_page(
        request,
        case_id,
        object_type="samenwerkingsafspraken",
        form_factory=lambda case: f.CollaborationAgreementForm(_data(request), initial={"agreed_on": policy.today()}),
        call=lambda case, form: ms.collaboration_agreement_save(actor=request.user, case=case, **form.service_values()),
        success=_("De samenwerkingsafspraken zijn vastgelegd."),
        title=_("Samenwerkingsafspraken"),
        intro=_(
            "Rollen, taken, verantwoordelijkheden, bereikbaarheid, en welke besluiten in welk forum worden genomen."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lt_participation(request, case_id):
    """R224, R225."""
    return _case_page(
        request,
        case_id,
        object_type="betrokkenheid lokaal team",
        form_factory=lambda case: f.LtParticipationForm(
            _data(request), case=case, initial={"starts_on": policy.today(), "every_weeks": 13}
        ),
        call=lambda case, form: ms.lt_participation_agree(actor=request.user, case=case, **form.service_values()),
        success=_("De afspraak is vastgelegd."),
        title=_("Betrokkenheid lokaal team tijdens de OTS"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def continuing_help(request, case_id):
    """R538."""
    return _case_page(
        request,
        case_id,
        object_type="voortgezette hulp",
        form_factory=lambda case: f.ContinuingHelpForm(_data(request), case=case),
        call=lambda case, form: ms.continuing_help_add(actor=request.user, case=case, **form.service_values()),
        success=_("De voortgezette hulp is vastgelegd."),
        title=_("Hulp die doorloopt na afsluiten"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def internal_discussion(request, case_id):
    """R541: seen only by the own organisation."""
    return _case_page(
        request,
        case_id,
        object_type="interne casuistiekbespreking",
        form_factory=lambda case: f.InternalDiscussionForm(_data(request), initial={"held_on": policy.today()}),
        call=lambda case, form: ms.internal_discussion_record(actor=request.user, case=case, **form.service_values()),
        success=_("De bespreking is vastgelegd."),
        title=_("Interne casuïstiekbespreking"),
        intro=_("Alleen professionals van uw eigen organisatie zien deze bespreking."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_team_link(request, case_id):
    """R656."""
    return _case_page(
        request,
        case_id,
        object_type="koppeling lokaal team",
        form_factory=lambda case: f.LocalTeamLinkForm(_data(request), case=case, initial={"linked_on": policy.today()}),
        call=lambda case, form: ms.local_team_link(actor=request.user, **form.service_values()),
        success=_("De koppeling met het lokaal team is vastgelegd."),
        title=_("Lokaal team koppelen na de beschikking"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def introduction_plan(request, case_id):
    """R227."""
    return _case_page(
        request,
        case_id,
        object_type="overleg",
        form_factory=lambda case: f.DateForm(_data(request), initial={"on": policy.today()}),
        call=lambda case, form: ms.introduction_plan(actor=request.user, case=case, planned_on=form.cleaned_data["on"]),
        success=_("De gezamenlijke kennismaking is gepland."),
        title=_("Gezamenlijke kennismaking plannen"),
        intro=_("Lokaal team, jeugdbeschermer en gezin: geen overdracht, maar samen verder (R227)."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_assign(request, case_id):
    """R573."""
    return _case_page(
        request,
        case_id,
        object_type="opdracht bij doel",
        form_factory=lambda case: f.GoalAssignForm(_data(request), case=case),
        call=lambda case, form: ms.goal_assign(actor=request.user, **form.service_values()),
        success=_("De opdracht is vastgelegd."),
        title=_("Doel toewijzen aan een aanbieder"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_update(request, case_id):
    """R573/R666: the provider's own 'how' and execution plan (a read-only role may write only this)."""
    return _case_page(
        request,
        case_id,
        object_type="uitvoeringsplan",
        edit=False,
        form_factory=lambda case: f.AssignmentUpdateForm(_data(request), case=case, user=request.user),
        call=lambda case, form: ms.assignment_update(
            actor=request.user,
            assignment=form.cleaned_data["assignment"],
            version=form.cleaned_data["version"],
            approach=form.cleaned_data["approach"],
            execution_plan=form.cleaned_data["execution_plan"],
        ),
        success=_("De aanpak is vastgelegd."),
        title=_("Aanpak en uitvoeringsplan"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def arrangements(request, case_id):
    """R270: the social map and the municipal arrangements; the JB asks, the LT records the result."""
    case, grant = access_case(request, case_id, action=_write_action(request), object_type="gemeentelijke regeling")
    is_gi = getattr(request.user.organisation, "type", None) == "gi"
    form = (
        f.ArrangementRequestForm(
            _data(request), arrangements=ms.municipal_arrangements(), initial={"requested_on": policy.today()}
        )
        if is_gi
        else f.ArrangementResolveForm(_data(request), case=case, initial={"resolved_on": policy.today()})
    )
    if is_gi:
        call = lambda: ms.arrangement_request(actor=request.user, case=case, **form.service_values())  # noqa: E731
    else:
        call = lambda: ms.arrangement_resolve(actor=request.user, **form.service_values())  # noqa: E731
    response = _save(
        request, form, call, success=_("Vastgelegd."), redirect_to=reverse("collaboration:arrangements", args=[case.pk])
    )
    return response or render(
        request,
        "collaboration/arrangements.html",
        {
            "case": case,
            "family": case.family,
            "form": form,
            "is_gi": is_gi,
            "arrangements": ms.municipal_arrangements(),
            "requests": case.arrangement_requests.filter(removed_at__isnull=True),
            "can_write": is_gi or policy.can(request.user, policy.Action.EDIT_CASE, grant=grant),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_review(request, meeting_id):
    """R063: progress per goal at the network meeting."""
    meeting, _grant = access_record(
        request, Meeting, meeting_id, action=_write_action(request), object_type="overleg", edit=True
    )
    case = _case_of(meeting)
    form = f.GoalReviewForm(_data(request), meeting=meeting)
    response = _save(
        request,
        form,
        lambda: ms.meeting_goal_review(actor=request.user, meeting=meeting, **form.service_values()),
        success=_("De voortgang is vastgelegd."),
        redirect_to=reverse("collaboration:meeting", args=[meeting.pk]),
    )
    return response or _form_page(request, form=form, case=case, title=_("Voortgang op een doel"))


@login_required
@require_http_methods(["GET", "POST"])
def decision_confirm(request, decision_id):
    """R069."""
    decision, _grant = access_record(
        request, CoreDecision, decision_id, action=_write_action(request), object_type="kernbesluit", edit=True
    )
    case = _case_of(decision)
    form = f.DateForm(_data(request), initial={"on": policy.today()})
    response = _save(
        request,
        form,
        lambda: ms.decision_confirm(actor=request.user, decision=decision, confirmed_on=form.cleaned_data["on"]),
        success=_("U heeft het besluit bevestigd."),
        redirect_to=reverse("collaboration:decision", args=[decision.pk]),
    )
    return response or _form_page(
        request, form=form, case=case, title=_("Besluit over aanvullende hulp bevestigen"), intro=decision.decision
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_not_kept(request, agreement_id):
    """R527."""
    from gezinsplan.collaboration.services import agreement_not_kept as not_kept

    agreement, _grant = access_record(
        request, Agreement, agreement_id, action=read_or_write(request), object_type="afspraak", edit=True
    )
    case = _case_of(agreement)
    form = f.NotKeptForm(_data(request), initial={"on": policy.today(), "version": agreement.version})
    response = _save(
        request,
        form,
        lambda: not_kept(
            actor=request.user,
            agreement=agreement,
            version=form.cleaned_data["version"],
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
        ),
        success=_("De afspraak staat op niet nagekomen."),
        redirect_to=reverse("cases:detail", args=[case.pk]) + "#samenwerking",
    )
    return response or _form_page(
        request, form=form, case=case, title=_("Afspraak niet nagekomen"), intro=agreement.what
    )
