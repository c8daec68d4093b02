"""Safety screens: thin views over access_case → one service → render. Every view logs its access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gezinsplan.cases.responsibility import case_responsibility, is_safety_responsible
from gezinsplan.core import policy
from gezinsplan.core.access import access_case, log_listed_families
from gezinsplan.core.pdf import pdf_response
from gezinsplan.core.policy import Action, PolicyDenied
from gezinsplan.core.versioning import StaleVersion, diff
from gezinsplan.core.views import read_or_write
from gezinsplan.privacy.models import AccessAction
from gezinsplan.safety import checks, forms, plan_content, selectors, services
from gezinsplan.safety.models import SafetyAssessment, SafetyPlan, SafetyPlanVersion

PLAN = "veiligheidsplan"
DATE_FIELDS = (
    "held_on",
    "assessed_on",
    "scored_on",
    "noticed_on",
    "changed_on",
    "occurred_on",
    "decided_on",
    "management_notified_on",
)


def _write_action(request) -> str:
    return AccessAction.CREATE if request.method == "POST" else AccessAction.VIEW


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _case_url(case) -> str:
    return reverse("cases:detail", kwargs={"case_id": case.pk}) + "#veiligheid"


def _record_form(
    request,
    case_id,
    *,
    object_type,
    form_class,
    service,
    title,
    success,
    needs_family=True,
    responsible_only=False,
    intro="",
):
    """The shared shape of the create forms: access (write on POST), the form, one service call, redirect."""
    case, grant = access_case(request, case_id, action=_write_action(request), object_type=object_type, edit=True)
    if responsible_only and not is_safety_responsible(user=request.user, case=case):
        raise PolicyDenied(services.NOT_RESPONSIBLE % {"party": case_responsibility(case).safety.label})
    kwargs = {"family": case.family} if needs_family else {}
    today = policy.today()
    form = form_class(request.POST or None, initial=dict.fromkeys(DATE_FIELDS, today), **kwargs)
    if request.method == "POST" and form.is_valid():
        values = form.service_values() if hasattr(form, "service_values") else form.cleaned_data
        try:
            service(actor=request.user, case=case, **values)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(_case_url(case))
    return render(request, "safety/form.html", {"form": form, "case": case, "title": title, "intro": intro})


@login_required
@require_http_methods(["GET", "POST"])
def weighing_create(request, case_id):
    return _record_form(
        request,
        case_id,
        object_type="weging",
        form_class=forms.WeighingForm,
        service=services.weighing_record,
        title=_("Weging met de wegingskaart"),
        success=_("De weging is vastgelegd."),
        needs_family=False,
        intro=_(
            "De weging wordt genomen in de casuïstiekbespreking (MDO) met een "
            "gedragswetenschapper, bij de start, bij elke wisseling van regie en bij "
            "(ernstige) signalen."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request, case_id):
    return _record_form(
        request,
        case_id,
        object_type="veiligheidstaxatie",
        form_class=forms.AssessmentForm,
        service=services.assessment_record,
        title=_("Veiligheidstaxatie"),
        success=_("De veiligheidstaxatie is vastgelegd."),
        responsible_only=True,
        intro=_("Beoordeel per item de afgelopen drie maanden: veilig, onveilig of direct veiligstellen."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request, case_id):
    return _record_form(
        request,
        case_id,
        object_type="risicotaxatie",
        form_class=forms.RiskAssessmentForm,
        service=services.risk_assessment_record,
        title=_("Risicotaxatie (stabiele veiligheid)"),
        success=_("De risicotaxatie is vastgelegd."),
        responsible_only=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def score_create(request, case_id):
    return _record_form(
        request,
        case_id,
        object_type="veiligheidsschaal",
        form_class=forms.ScoreForm,
        service=services.score_record,
        title=_("Score op de veiligheidsschaal"),
        success=_("De score is vastgelegd."),
        intro=_("Na elk contact of belangrijk moment: hoe veilig is het kind, van 1 tot en met 10?"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ban_create(request, case_id):
    return _record_form(
        request,
        case_id,
        object_type="verbod",
        form_class=forms.BanForm,
        service=services.ban_record,
        title=_("Contactverbod of huisverbod vastleggen"),
        success=_("Het verbod is vastgelegd; het staat als veiligheidsmelding bij de casus."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request, assessment_id):
    case_id = SafetyAssessment.objects.filter(pk=assessment_id).values_list("case_id", flat=True).first()
    if case_id is None:
        raise Http404(_("Niet gevonden"))
    case, grant = access_case(
        request, case_id, action=_write_action(request), object_type="veiligheidstaxatie", object_id=assessment_id
    )
    assessment = (
        SafetyAssessment.objects.select_related("child", "assessed_by")
        .prefetch_related("advice__created_by")
        .get(pk=assessment_id)
    )
    can_advise = policy.can(request.user, Action.EDIT_CASE, grant=grant)
    form = forms.AdviceForm(request.POST or None)
    if request.method == "POST":
        if not can_advise:
            raise PolicyDenied(Action.EDIT_CASE)
        if form.is_valid():
            try:
                services.assessment_advise(actor=request.user, assessment=assessment, text=form.cleaned_data["text"])
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Uw advies is toegevoegd."))
                return redirect("safety:assessment", assessment_id=assessment.pk)
    return render(
        request,
        "safety/assessment.html",
        {"case": case, "assessment": assessment, "form": form, "can_advise": can_advise},
    )


# --- The safety plan -----------------------------------------------------------------------------------------------


def _plan(case) -> SafetyPlan | None:
    return SafetyPlan.objects.filter(case=case).select_related("current", "current__author").first()


def _version(plan, number) -> SafetyPlanVersion:
    version = (
        SafetyPlanVersion.objects.filter(document=plan, number=number).select_related("author").first()
        if plan
        else None
    )
    if version is None:
        raise Http404(_("Niet gevonden"))
    return version


def _shown_changes(changes) -> list[dict]:
    return [
        {"label": plan_content.path_label(c.path), "old": plan_content.show(c.old), "new": plan_content.show(c.new)}
        for c in plan_content.visible_changes(changes)
    ]


@login_required
def plan_detail(request, case_id):
    case, grant = access_case(request, case_id, object_type=PLAN)
    plan = _plan(case)
    versions = list(plan.versions.select_related("author")) if plan else []
    breaches = list(plan.breaches.order_by("-occurred_on", "-created_at")) if plan else []
    content = plan.current.content if plan and plan.current else {}
    return render(
        request,
        "safety/plan.html",
        {
            "case": case,
            "plan": plan,
            "version": plan.current if plan else None,
            "content": content,
            "versions": versions,
            "breaches": breaches,
            "missing": plan_content.missing_parts(content) if content else [],
            "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant),
            "acute": checks.acute_safety(case),
            "vague": plan_content.vague_warnings(content),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, case_id):
    case, _grant = access_case(request, case_id, action=read_or_create(request, case_id), object_type=PLAN, edit=True)
    plan = _plan(case)
    current = plan.current if plan else None
    stale_changes = None
    if request.method == "POST":
        form = forms.PlanForm(request.POST)
        formsets = {key: cls(request.POST, prefix=key) for key, cls in _lists(case)}
        if form.is_valid() and all(f.is_valid() for f in formsets.values()):
            try:
                version = services.plan_save(
                    actor=request.user,
                    case=case,
                    content=form.content(formsets),
                    based_on=form.cleaned_data["based_on"],
                    note=form.cleaned_data["note"],
                )
            except StaleVersion as error:
                form.add_error(None, error)
                stale_changes = _shown_changes(error.changes)
                data = form.data.copy()
                data["based_on"] = error.current.number  # saving again now deliberately replaces that version
                form.data = data
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(
                    request, _("Versie %(n)s van het veiligheidsplan is opgeslagen.") % {"n": version.number}
                )
                for warning in plan_content.vague_warnings(version.content):  # R579: warn, not refuse
                    messages.warning(request, warning)
                return redirect("safety:plan", case_id=case.pk)
    else:
        initial, lists = forms.plan_initial(current.content if current else {"made_with_parents": True})
        initial["based_on"] = current.number if current else None
        form = forms.PlanForm(initial=initial)
        formsets = {key: cls(initial=lists[key], prefix=key) for key, cls in _lists(case)}
    list_titles = {
        "agreements": _("Veiligheidsafspraken"),
        "bottom_lines": _("Bodemeisen en voorwaarden"),
        "parties": _("Wie zijn aan het plan gebonden?"),
        "behaviours": _("Concreet onveilig gedrag en het effect op de kinderen"),
        "supporters": _("Wie steunt de veiligheid van de kinderen?"),
        "probation_conditions": _("Voorwaarden jeugdreclassering"),
    }
    return render(
        request,
        "safety/plan_form.html",
        {
            "case": case,
            "form": form,
            "current": current,
            "stale_changes": stale_changes,
            "lists": [(key, list_titles[key], formsets[key]) for key, _cls in _lists(case)],
        },
    )


def _lists(case):
    """R558: the youth probation conditions only show when the case has a JR measure."""
    probation = checks.has_probation(case)
    return [(key, cls) for key, cls in forms.LISTS if key != "probation_conditions" or probation]


def read_or_create(request, case_id) -> str:
    if request.method != "POST":
        return AccessAction.VIEW
    exists = SafetyPlan.objects.filter(case_id=case_id, current__isnull=False).exists()
    return AccessAction.UPDATE if exists else AccessAction.CREATE


@login_required
def plan_version(request, case_id, plan_version):
    case, _grant = access_case(request, case_id, object_type=PLAN)
    plan = _plan(case)
    version = _version(plan, plan_version)
    previous = SafetyPlanVersion.objects.filter(document=plan, number=plan_version - 1).first()
    changes = _shown_changes(diff(previous.content if previous else {}, version.content)) if previous else None
    breaches = list(plan.breaches.filter(in_version=version.number)) + list(
        plan.breaches.filter(adjusted_in=version.number)
    )
    return render(
        request,
        "safety/plan_version.html",
        {
            "case": case,
            "plan": plan,
            "version": version,
            "content": version.content,
            "previous": previous,
            "changes": changes,
            "breaches": breaches,
            "is_current": plan.current_id == version.pk,
        },
    )


@login_required
def plan_pdf(request, case_id, plan_version):
    case, _grant = access_case(request, case_id, action=AccessAction.DOWNLOAD, object_type=PLAN)
    plan = _plan(case)
    version = _version(plan, plan_version)
    persons = list(case.family.persons.all())
    return pdf_response(
        template_name="safety/plan_pdf.html",
        request=request,
        filename=f"veiligheidsplan-{plan.pk}-v{version.number}.pdf",
        context={
            "case": case,
            "family": case.family,
            "version": version,
            "content": version.content,
            "persons": persons,
            "is_current": plan.current_id == version.pk,
            "breaches": list(plan.breaches.filter(in_version__lte=version.number)),
            "assessments": checks.acute_safety(case).assessments,  # R550: the ARIJ in the plan
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def breach_create(request, case_id):
    case, _grant = access_case(request, case_id, action=_write_action(request), object_type="schending", edit=True)
    plan = _plan(case)
    if plan is None or plan.current is None:
        messages.warning(request, _("Er is nog geen veiligheidsplan: leg eerst de afspraken vast."))
        return render(
            request,
            "safety/form.html",
            {"form": None, "case": case, "title": _("Schending van een afspraak vastleggen")},
        )
    form = forms.BreachForm(request.POST or None, content=plan.current.content, initial={"occurred_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.breach_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.warning(
                request,
                _("De schending is vastgelegd. Pas het veiligheidsplan aan en maak een nieuwe veiligheidstaxatie."),
            )
            return redirect("safety:plan", case_id=case.pk)
    return render(
        request, "safety/form.html", {"form": form, "case": case, "title": _("Schending van een afspraak vastleggen")}
    )


# --- Caseload --------------------------------------------------------------------------------------------------------


@login_required
def attention(request):
    """'Veiligheid: wat vraagt aandacht' for the user's own caseload: derived, never stored (R546, R548, R126)."""
    rows = selectors.caseload_attention(user=request.user)
    log_listed_families(request, [row.case.family for row in rows])
    return render(request, "safety/attention.html", {"rows": rows})


# --- Safety track, conversations, calamities, network plans, relapse plan -------------------------------------------

RECORD_PAGES = {
    "signal": (
        forms.SignalForm,
        services.signal_record,
        gettext_lazy("Nieuw signaal over de directe veiligheid"),
        gettext_lazy("Het signaal is vastgelegd: het veiligheidsplan staat weer centraal."),
        False,
        gettext_lazy("Een nieuw signaal zet de casus terug naar directe veiligheid; het veranderplan wacht."),
    ),
    "good_enough": (
        forms.GoodEnoughForm,
        services.good_enough_record,
        gettext_lazy("Is de veiligheid goed genoeg?"),
        gettext_lazy("Het oordeel is vastgelegd."),
        False,
        gettext_lazy("Acute veiligheid is voldoende of niet; blijvende veiligheid is 'goed genoeg'."),
    ),
    "first_conversation": (
        forms.FirstConversationForm,
        services.first_conversation_record,
        gettext_lazy("Eerste gesprek met het gezin"),
        gettext_lazy("Het eerste gesprek is vastgelegd."),
        False,
        gettext_lazy(
            "Elk traject begint met de uitleg waarom wij in het gezin komen, en we "
            "benoemen concreet wat de onveiligheid is."
        ),
    ),
    "talk_exception": (
        forms.TalkExceptionForm,
        services.talk_exception_record,
        gettext_lazy("Besluit: (nog) niet spreken met ouders of jeugdige"),
        gettext_lazy("Het besluit staat in het dossier."),
        True,
        "",
    ),
    "calamity": (
        forms.CalamityForm,
        services.calamity_record,
        gettext_lazy("Calamiteit registreren"),
        gettext_lazy("De calamiteit is geregistreerd."),
        False,
        "",
    ),
    "recurrence": (
        forms.RecurrenceRiskForm,
        services.recurrence_risk_record,
        gettext_lazy("Risico op herhaling bij afsluiten"),
        gettext_lazy("Het herhalingsrisico is vastgelegd."),
        False,
        gettext_lazy(
            "Het risico op langdurige herhaling is groot: spreek zo nodig een moment af om "
            "de vinger aan de pols te houden."
        ),
    ),
    "proposal": (
        forms.ProposalForm,
        services.proposal_record,
        gettext_lazy("Plan uit een netwerkberaad"),
        gettext_lazy("Het plan is vastgelegd als voorstel; de jeugdbeschermer keurt het goed."),
        False,
        "",
    ),
    "responder": (
        forms.ResponderForm,
        services.responder_record,
        gettext_lazy("Borgingsplan: wie grijpt in bij terugval?"),
        gettext_lazy("Vastgelegd."),
        False,
        "",
    ),
}


def _record_page(kind):
    form_class, service, title, success, needs_family, intro = RECORD_PAGES[kind]

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request, case_id):
        return _record_form(
            request,
            case_id,
            object_type=str(title),
            form_class=form_class,
            service=service,
            title=title,
            success=success,
            needs_family=needs_family,
            intro=intro,
        )

    view.__name__ = f"{kind}_create"
    return view


signal_create = _record_page("signal")
good_enough_create = _record_page("good_enough")
first_conversation_create = _record_page("first_conversation")
talk_exception_create = _record_page("talk_exception")
calamity_create = _record_page("calamity")
recurrence_create = _record_page("recurrence")
proposal_create = _record_page("proposal")
responder_create = _record_page("responder")


@login_required
@require_http_methods(["GET", "POST"])
def stage_advance(request, case_id):
    """R301/R123/R578: the next stage of the safety track, or the Dutch reasons why not yet."""
    case, _grant = access_case(
        request, case_id, action=_write_action(request), object_type="veiligheidsfase", edit=True
    )
    form = forms.StageForm(request.POST or None, initial={"changed_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            _change, warnings = services.stage_advance(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De volgende fase van het veiligheidstraject is gestart."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(_case_url(case))
    return render(
        request,
        "safety/form.html",
        {
            "form": form,
            "case": case,
            "title": _("Volgende fase van het veiligheidstraject"),
            "intro": _(
                "Eerst de brand blussen, dan de oorzaken zoeken, dan branden blijvend voorkomen. De acute "
                "veiligheid is voldoende of niet: daar doen we geen concessies."
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def safe_enough_confirm(request, case_id):
    """R677: confirm the child is safe enough after the first conversation."""
    case, _grant = access_case(request, case_id, action=read_or_write(request), object_type="eerste gesprek", edit=True)
    if request.method != "POST":
        return render(
            request,
            "safety/form.html",
            {
                "form": forms.forms.Form(),
                "case": case,
                "title": _("Bevestig: het kind is veilig genoeg"),
                "intro": _(
                    "Na de uitleg waarom wij in het gezin komen: is het kind veilig genoeg om de krachten van het "
                    "gezin te verkennen?"
                ),
            },
        )
    try:
        services.safe_enough_confirm(actor=request.user, case=case, on=policy.today())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Bevestigd: het kind is veilig genoeg. De krachten van het gezin verkennen kan nu.")
        )
    return redirect(_case_url(case))
