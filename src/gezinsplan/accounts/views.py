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
from gezinsplan.accounts.forms import ContactForm, DirectoryFilterForm, LoginForm
from gezinsplan.accounts.models import Contact, User
from gezinsplan.core import policy
from gezinsplan.core.policy import Action, PolicyDenied
from gezinsplan.core.records import StaleEdit
from gezinsplan.core.views import paginate, querystring_without_page


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
