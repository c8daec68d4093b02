import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from gezinsplan.accounts import selectors, services
from gezinsplan.accounts.constants import Role
from gezinsplan.accounts.forms import (
    AnswerForm,
    AttendanceForm,
    CaseSupportForm,
    ContactForm,
    DirectoryFilterForm,
    ExpertConsultationForm,
    LoginForm,
)
from gezinsplan.accounts.models import Contact, ExpertConsultation, FixedProtector, IntakeStep, User
from gezinsplan.core import policy
from gezinsplan.core.access import access_case, log_listed_families
from gezinsplan.core.policy import Action, PolicyDenied
from gezinsplan.core.records import StaleEdit
from gezinsplan.core.views import paginate, querystring_without_page
from gezinsplan.privacy.models import AccessAction


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEMO_MODE:
            context["demo_users"] = User.objects.filter(is_active=True).select_related("organisation").order_by(
                "role", "username")[:40]
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
        return response


def _directory_access(user, action: Action) -> None:
    if not policy.can(user, action):
        raise PolicyDenied(action)


@login_required
def directory(request):
    _directory_access(request.user, Action.VIEW_DIRECTORY)
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    contacts = selectors.directory(q=filters.get("q", ""), municipality=filters.get("municipality"),
                                   organisation=filters.get("organisation"))
    if request.GET.get("export") == "csv":
        return _directory_csv(contacts)
    page = paginate(request, contacts, size=50)
    for contact in page.object_list:
        contact.stale = selectors.is_stale(contact)
    return render(request, "accounts/directory.html", {
        "form": form, "page_obj": page, "querystring": querystring_without_page(request),
        "can_manage": policy.can(request.user, Action.MANAGE_DIRECTORY),
    })


def _directory_csv(contacts) -> HttpResponse:
    """R322: the directory is exportable per municipality and per organisation (professional contact data only)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="contactgids.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Gemeente", "Organisatie", "Naam", "Functie", "Telefoon", "E-mail", "Bereikbaarheid",
                     "Laatst gecontroleerd"])
    for c in contacts.iterator(chunk_size=1000):
        writer.writerow([c.municipality.name, c.organisation.name, c.name, c.function_title, c.phone, c.email,
                         c.availability, c.last_verified.isoformat()])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def contact_form(request, contact_id=None):
    _directory_access(request.user, Action.MANAGE_DIRECTORY)
    contact = get_object_or_404(Contact, pk=contact_id) if contact_id else None
    form = ContactForm(request.POST or None, instance=contact,
                       initial=None if contact else {"last_verified": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_save(actor=request.user, contact=contact, version=form.cleaned_data["version"],
                                  **form.service_values())
        except StaleEdit as error:
            form.add_error(None, error)
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, _("De contactgegevens zijn opgeslagen."))
            return redirect("accounts:directory")
    return render(request, "accounts/contact_form.html", {"form": form, "contact": contact})


# --- Support and expert consultations on a case (R267, R542, R599) -----------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def case_support_create(request, case_id):
    case, _grant = access_case(request, case_id, action=AccessAction.CREATE if request.method == "POST"
                               else AccessAction.VIEW, object_type="ondersteuning", edit=True)
    form = CaseSupportForm(request.POST or None, initial={"since": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_support_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, _("De ondersteuning is vastgelegd."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "accounts/case_form.html", {"form": form, "case": case,
                                                       "title": _("Ondersteuning toevoegen")})


@login_required
@require_http_methods(["GET", "POST"])
def expert_consultation_create(request, case_id):
    case, _grant = access_case(request, case_id, action=AccessAction.CREATE if request.method == "POST"
                               else AccessAction.VIEW, object_type="consult deskundige", edit=True)
    form = ExpertConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_consultation_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, _("Het consult is vastgelegd."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "accounts/case_form.html", {"form": form, "case": case,
                                                       "title": _("Deskundige raadplegen")})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_hour(request):
    """R599: the expert's own list of questions (pull, not push), answered here."""
    if request.user.role not in (Role.LAWYER, Role.BEHAVIOURAL_SCIENTIST):
        raise PolicyDenied("consultation_hour")
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            consultation = get_object_or_404(ExpertConsultation, pk=form.cleaned_data["consultation_id"],
                                             expert=request.user, removed_at__isnull=True)
            access_case(request, consultation.case_id, action=AccessAction.UPDATE, object_type="consult deskundige")
            try:
                services.expert_consultation_answer(actor=request.user, consultation=consultation,
                                                    advice=form.cleaned_data["advice"],
                                                    still_to_gather=form.cleaned_data["still_to_gather"])
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Het advies is vastgelegd."))
        return redirect("accounts:consultation_hour")
    page = paginate(request, selectors.open_questions(expert=request.user))
    log_listed_families(request, [c.case.family for c in page.object_list], object_type="spreekuurvraag")
    return render(request, "accounts/consultation_hour.html", {"page_obj": page})


# --- Training and reflection (R282) ----------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def team_training(request):
    if request.user.role != Role.TEAM_LEAD or not request.user.team_id:
        raise PolicyDenied("training")
    members = User.objects.filter(team_id=request.user.team_id, is_active=True).order_by("last_name", "first_name")
    form = AttendanceForm(request.POST or None, team_members=members, initial={"held_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            count = services.training_attendance_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, _("Aanwezigheid vastgelegd voor %(n)s medewerkers.") % {"n": count})
            return redirect("accounts:team_training")
    return render(request, "accounts/team_training.html", {
        "form": form, "overdue": services.training_overdue(users=members)})


# --- The method and how this organisation works (R037, R115, R168) -------------------------------------------

@login_required
def method(request):
    organisation = request.user.organisation
    return render(request, "accounts/method.html", {
        "version": services.current_method_version(),
        "intake_steps": IntakeStep.objects.filter(organisation=organisation) if organisation else [],
        "protectors": FixedProtector.objects.select_related("protector__organisation", "municipality")
        .order_by("municipality__name", "on_site_weekday"),
        "on_duty": services.on_duty(organisation=organisation) if organisation else None,
    })
