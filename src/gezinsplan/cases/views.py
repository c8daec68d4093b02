from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gezinsplan.cases import selectors, services
from gezinsplan.cases.forms import CaseCloseForm, CaseOpenForm, InvolvementEndForm, InvolvementForm
from gezinsplan.cases.models import Involvement
from gezinsplan.core import policy
from gezinsplan.core.access import access_case, access_family
from gezinsplan.core.policy import Action
from gezinsplan.core.sections import render_case_sections
from gezinsplan.core.views import handle_form_error, read_or_write
from gezinsplan.privacy.models import AccessAction


@login_required
def detail(request, case_id):
    case, grant = access_case(request, case_id)
    return render(request, "cases/detail.html", {
        "case": case, "page": selectors.case_page(case=case), "grant": grant,
        "sections": render_case_sections(request=request, case=case, grant=grant),
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
