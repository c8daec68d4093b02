"""Safety screens: thin views over access_case → one service → render. Every view logs its access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gezinsplan.cases.responsibility import case_responsibility, is_safety_responsible
from gezinsplan.core import policy
from gezinsplan.core.access import access_case, log_listed_families
from gezinsplan.core.pdf import pdf_response
from gezinsplan.core.policy import Action, PolicyDenied
from gezinsplan.core.versioning import StaleVersion, diff
from gezinsplan.privacy.models import AccessAction
from gezinsplan.safety import forms, plan_content, selectors, services
from gezinsplan.safety.models import SafetyAssessment, SafetyPlan, SafetyPlanVersion

PLAN = "veiligheidsplan"


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


def _record_form(request, case_id, *, object_type, form_class, service, title, success, needs_family=True,
                 responsible_only=False, intro=""):
    """The shared shape of the create forms: access (write on POST), the form, one service call, redirect."""
    case, grant = access_case(request, case_id, action=_write_action(request), object_type=object_type, edit=True)
    if responsible_only and not is_safety_responsible(user=request.user, case=case):
        raise PolicyDenied(services.NOT_RESPONSIBLE % {"party": case_responsibility(case).safety.label})
    kwargs = {"family": case.family} if needs_family else {}
    form = form_class(request.POST or None, initial={"held_on": policy.today(), "assessed_on": policy.today(),
                                                     "scored_on": policy.today()}, **kwargs)
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
    return _record_form(request, case_id, object_type="weging", form_class=forms.WeighingForm,
                        service=services.weighing_record, title=_("Weging met de wegingskaart"),
                        success=_("De weging is vastgelegd."), needs_family=False,
                        intro=_("De weging wordt genomen in de casuïstiekbespreking (MDO) met een "
                                "gedragswetenschapper, bij de start, bij elke wisseling van regie en bij "
                                "(ernstige) signalen."))


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request, case_id):
    return _record_form(request, case_id, object_type="veiligheidstaxatie", form_class=forms.AssessmentForm,
                        service=services.assessment_record, title=_("Veiligheidstaxatie"),
                        success=_("De veiligheidstaxatie is vastgelegd."), responsible_only=True,
                        intro=_("Beoordeel per item de afgelopen drie maanden: veilig, onveilig of direct "
                                "veiligstellen."))


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request, case_id):
    return _record_form(request, case_id, object_type="risicotaxatie", form_class=forms.RiskAssessmentForm,
                        service=services.risk_assessment_record, title=_("Risicotaxatie (stabiele veiligheid)"),
                        success=_("De risicotaxatie is vastgelegd."), responsible_only=True)


@login_required
@require_http_methods(["GET", "POST"])
def score_create(request, case_id):
    return _record_form(request, case_id, object_type="veiligheidsschaal", form_class=forms.ScoreForm,
                        service=services.score_record, title=_("Score op de veiligheidsschaal"),
                        success=_("De score is vastgelegd."),
                        intro=_("Na elk contact of belangrijk moment: hoe veilig is het kind, van 1 tot en met 10?"))


@login_required
@require_http_methods(["GET", "POST"])
def ban_create(request, case_id):
    return _record_form(request, case_id, object_type="verbod", form_class=forms.BanForm,
                        service=services.ban_record, title=_("Contactverbod of huisverbod vastleggen"),
                        success=_("Het verbod is vastgelegd; het staat als veiligheidsmelding bij de casus."))


@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request, assessment_id):
    case_id = SafetyAssessment.objects.filter(pk=assessment_id).values_list("case_id", flat=True).first()
    if case_id is None:
        raise Http404(_("Niet gevonden"))
    case, grant = access_case(request, case_id, action=_write_action(request), object_type="veiligheidstaxatie",
                              object_id=assessment_id)
    assessment = (SafetyAssessment.objects.select_related("child", "assessed_by")
                  .prefetch_related("advice__created_by").get(pk=assessment_id))
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
    return render(request, "safety/assessment.html", {"case": case, "assessment": assessment, "form": form,
                                                      "can_advise": can_advise})


# --- The safety plan -----------------------------------------------------------------------------------------------


def _plan(case) -> SafetyPlan | None:
    return SafetyPlan.objects.filter(case=case).select_related("current", "current__author").first()


def _version(plan, number) -> SafetyPlanVersion:
    version = (SafetyPlanVersion.objects.filter(document=plan, number=number).select_related("author").first()
               if plan else None)
    if version is None:
        raise Http404(_("Niet gevonden"))
    return version


def _shown_changes(changes) -> list[dict]:
    return [{"label": plan_content.path_label(c.path), "old": plan_content.show(c.old),
             "new": plan_content.show(c.new)} for c in plan_content.visible_changes(changes)]


@login_required
def plan_detail(request, case_id):
    case, grant = access_case(request, case_id, object_type=PLAN)
    plan = _plan(case)
    versions = list(plan.versions.select_related("author")) if plan else []
    breaches = list(plan.breaches.order_by("-occurred_on", "-created_at")) if plan else []
    content = plan.current.content if plan and plan.current else {}
    return render(request, "safety/plan.html", {
        "case": case, "plan": plan, "version": plan.current if plan else None, "content": content,
        "versions": versions, "breaches": breaches, "missing": plan_content.missing_parts(content) if content else [],
        "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant),
    })


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, case_id):
    case, _grant = access_case(request, case_id, action=read_or_create(request, case_id), object_type=PLAN,
                               edit=True)
    plan = _plan(case)
    current = plan.current if plan else None
    stale_changes = None
    if request.method == "POST":
        form = forms.PlanForm(request.POST)
        formsets = {key: cls(request.POST, prefix=key) for key, cls in forms.LISTS}
        if form.is_valid() and all(f.is_valid() for f in formsets.values()):
            try:
                version = services.plan_save(actor=request.user, case=case, content=form.content(formsets),
                                             based_on=form.cleaned_data["based_on"], note=form.cleaned_data["note"])
            except StaleVersion as error:
                form.add_error(None, error)
                stale_changes = _shown_changes(error.changes)
                data = form.data.copy()
                data["based_on"] = error.current.number  # saving again now deliberately replaces that version
                form.data = data
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Versie %(n)s van het veiligheidsplan is opgeslagen.")
                                 % {"n": version.number})
                return redirect("safety:plan", case_id=case.pk)
    else:
        initial, lists = forms.plan_initial(current.content if current else {"made_with_parents": True})
        initial["based_on"] = current.number if current else None
        form = forms.PlanForm(initial=initial)
        formsets = {key: cls(initial=lists[key], prefix=key) for key, cls in forms.LISTS}
    list_titles = {"agreements": _("Veiligheidsafspraken"), "bottom_lines": _("Bodemeisen"),
                   "parties": _("Wie zijn aan het plan gebonden?")}
    return render(request, "safety/plan_form.html", {
        "case": case, "form": form, "current": current, "stale_changes": stale_changes,
        "lists": [(key, list_titles[key], formsets[key]) for key, _cls in forms.LISTS],
    })


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
    breaches = list(plan.breaches.filter(in_version=version.number)) + list(plan.breaches.filter(
        adjusted_in=version.number))
    return render(request, "safety/plan_version.html", {
        "case": case, "plan": plan, "version": version, "content": version.content, "previous": previous,
        "changes": changes, "breaches": breaches, "is_current": plan.current_id == version.pk,
    })


@login_required
def plan_pdf(request, case_id, plan_version):
    case, _grant = access_case(request, case_id, action=AccessAction.DOWNLOAD, object_type=PLAN)
    plan = _plan(case)
    version = _version(plan, plan_version)
    persons = list(case.family.persons.all())
    return pdf_response(template_name="safety/plan_pdf.html", request=request,
                        filename=f"veiligheidsplan-{plan.pk}-v{version.number}.pdf", context={
                            "case": case, "family": case.family, "version": version, "content": version.content,
                            "persons": persons, "is_current": plan.current_id == version.pk,
                            "breaches": list(plan.breaches.filter(in_version__lte=version.number)),
                        })


@login_required
@require_http_methods(["GET", "POST"])
def breach_create(request, case_id):
    case, _grant = access_case(request, case_id, action=_write_action(request), object_type="schending", edit=True)
    plan = _plan(case)
    if plan is None or plan.current is None:
        messages.warning(request, _("Er is nog geen veiligheidsplan: leg eerst de afspraken vast."))
        return render(request, "safety/form.html", {"form": None, "case": case,
                                                    "title": _("Schending van een afspraak vastleggen")})
    form = forms.BreachForm(request.POST or None, content=plan.current.content,
                            initial={"occurred_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.breach_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.warning(request, _("De schending is vastgelegd. Pas het veiligheidsplan aan en maak een nieuwe "
                                        "veiligheidstaxatie."))
            return redirect("safety:plan", case_id=case.pk)
    return render(request, "safety/form.html", {"form": form, "case": case,
                                                "title": _("Schending van een afspraak vastleggen")})


# --- Caseload --------------------------------------------------------------------------------------------------------


@login_required
def attention(request):
    """'Veiligheid: wat vraagt aandacht' for the user's own caseload: derived, never stored (R546, R548, R126)."""
    rows = selectors.caseload_attention(user=request.user)
    log_listed_families(request, [row.case.family for row in rows])
    return render(request, "safety/attention.html", {"rows": rows})
