"""Pages: consent, disclosures, weighings, the family's access log, emergency access, product 1, the log search of the
privacy officer and two-factor setup. Thin: the choke point, one service call, a template."""

import csv

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gezinsplan.accounts.constants import Role
from gezinsplan.core import policy
from gezinsplan.core.access import access_family, log_access
from gezinsplan.core.policy import PolicyDenied
from gezinsplan.core.views import handle_form_error, paginate, querystring_without_page, read_or_write
from gezinsplan.privacy import selectors, services
from gezinsplan.privacy.forms import (
    BreachForm,
    ConsentForm,
    ConsultationForm,
    DisclosureForm,
    EmergencyForm,
    LogFilterForm,
    LogSearchForm,
    OtpForm,
    ReviewForm,
    RevokeForm,
)
from gezinsplan.privacy.models import AccessAction, Consent, EmergencyAccess


def _family_form(request, family_id, *, form_class, object_type, service, title, success, template=None):
    action = AccessAction.CREATE if request.method == "POST" else AccessAction.VIEW
    family, _grant = access_family(request, family_id, action=action, object_type=object_type, edit=True)
    form = form_class(request.POST or None, family=family) if form_class is not BreachForm else form_class(
        request.POST or None, initial={"decided_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        try:
            service(actor=request.user, family=family, **values)
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, success)
            return redirect(reverse("families:detail", kwargs={"family_id": family.pk}) + "#privacy")
    return render(request, template or "privacy/family_form.html", {"form": form, "family": family, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request, family_id):
    return _family_form(request, family_id, form_class=ConsentForm, object_type="toestemming",
                        service=services.consent_record, title=_("Toestemming vastleggen"),
                        success=_("De toestemming is vastgelegd."), template="privacy/consent_form.html")


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_create(request, family_id):
    return _family_form(request, family_id, form_class=DisclosureForm, object_type="gegevensverstrekking",
                        service=services.disclosure_record, title=_("Gegevensverstrekking vastleggen"),
                        success=_("De gegevensverstrekking is vastgelegd."), template="privacy/disclosure_form.html")


@login_required
@require_http_methods(["GET", "POST"])
def breach_create(request, family_id):
    return _family_form(request, family_id, form_class=BreachForm, object_type="afweging beroepsgeheim",
                        service=services.breach_record, title=_("Afweging doorbreken beroepsgeheim"),
                        success=_("De afweging is vastgelegd."))


@login_required
@require_http_methods(["GET", "POST"])
def consent_revoke(request, family_id, consent_id):
    family, _grant = access_family(request, family_id, action=read_or_write(request), object_type="toestemming",
                                   object_id=consent_id, edit=True)
    consent = Consent.objects.filter(family=family, pk=consent_id, removed_at__isnull=True).first()
    if consent is None:
        raise Http404(_("Niet gevonden"))
    form = RevokeForm(request.POST or None, initial={"revoked_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_revoke(actor=request.user, consent=consent, revoked_on=form.cleaned_data["revoked_on"],
                                    note=form.cleaned_data["note"])
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("De toestemming is ingetrokken: er wordt niets meer onder gedeeld."))
            return redirect(reverse("families:detail", kwargs={"family_id": family.pk}) + "#privacy")
    return render(request, "privacy/consent_revoke.html", {"form": form, "family": family, "consent": consent})


# --- Access log -------------------------------------------------------------------------------------------

def _log_needs_verification(request, *, always: bool) -> bool:
    """NEN 7513 ch. 8: the log itself is seen only after two-factor login (for involved professionals not in demo)."""
    if request.user.is_verified():
        return False
    return always or not settings.DEMO_MODE


@login_required
@require_http_methods(["GET", "POST"])
def family_log(request, family_id):
    """Who viewed this family: for the professionals involved, with filters and pages."""
    if _log_needs_verification(request, always=False):
        family, _grant = access_family(request, family_id, object_type="toegangslog (verificatie)")
        return _verify_prompt(request, title=_("Toegangslog van %(name)s") % {"name": family.name}, family=family)
    family, _grant = access_family(request, family_id, object_type="toegangslog")
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, selectors.family_log(family=family, filters=filters), size=50)
    return render(request, "privacy/family_log.html", {"family": family, "form": form, "page_obj": page,
                                                       "querystring": querystring_without_page(request)})


def _verify_prompt(request, *, title, family=None):
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["otp_token"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(request.get_full_path())
        form.add_error("otp_token", _("Deze eenmalige code klopt niet of is verlopen."))
    has_device = any(True for _d in devices_for_user(request.user, confirmed=True))
    return render(request, "privacy/verify_prompt.html", {"form": form, "title": title, "family": family,
                                                          "has_device": has_device})


@login_required
@require_http_methods(["GET", "POST"])
def log_search(request):
    """The privacy officer: who saw which family, which families a user saw; export as CSV. Always 2FA."""
    if request.user.role != Role.PRIVACY_OFFICER:
        raise PolicyDenied("log_search")
    if _log_needs_verification(request, always=True):
        return _verify_prompt(request, title=_("Toegangslog doorzoeken"))
    form = LogSearchForm(request.POST or None)
    page = names = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entries = selectors.log_search(officer=request.user, bsn=data["bsn"], username=data["username"],
                                       filters=data)
        if request.POST.get("export"):
            return _log_csv(request, entries)
        page = paginate_post(request, entries)
        names = selectors.family_names(e.family_id for e in page.object_list if e.family_id)
        for entry in page.object_list:
            entry.family_name = names.get(entry.family_id, "")
        _log_officer_reads(request, names)
    return render(request, "privacy/log_search.html", {"form": form, "page_obj": page})


def paginate_post(request, queryset):
    from django.core.paginator import Paginator

    return Paginator(queryset, 50).get_page(request.POST.get("page"))


def _log_officer_reads(request, family_ids) -> None:
    for family_id in family_ids:
        log_access(request, family_id=family_id, action=AccessAction.SEARCH, object_type="toegangslog (controle)",
                   reason=_("controle toegangslog door de privacyfunctionaris"))


def _log_csv(request, entries) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="toegangslog.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Volgnummer", "Tijdstip", "Gebruiker", "Rol", "Organisatie", "Gezin", "Actie", "Gegeven",
                     "Kanaal", "Grondslag", "Noodtoegang"])
    seen = set()
    for e in entries.iterator(chunk_size=1000):
        writer.writerow([e.seq, e.occurred_at.isoformat(), e.username, e.role, e.organisation, e.family_id or "",
                         e.get_action_display(), e.object_type, e.channel, e.reason, "ja" if e.emergency else "nee"])
        if e.family_id:
            seen.add(e.family_id)
    for family_id in seen:
        log_access(request, family_id=family_id, action=AccessAction.DOWNLOAD, object_type="toegangslog (export)",
                   reason=_("controle toegangslog door de privacyfunctionaris"))
    return response


# --- Emergency access ---------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def emergency(request):
    """Noodknop: find a family by exact BSN and birth date (POSTed, never in the URL), give a reason, get access."""
    if not policy.sees_personal_data(request.user):
        raise PolicyDenied("emergency_access")
    form = EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        family = services.emergency_find_family(bsn=data["bsn"], birth_date=data["birth_date"])
        if family is None:
            form.add_error(None, _("Geen gezin gevonden met deze combinatie van BSN en geboortedatum."))
        else:
            try:
                access = services.emergency_access_open(actor=request.user, family=family, reason=data["reason"])
            except ValidationError as error:
                for field, errors in (error.message_dict.items() if hasattr(error, "error_dict")
                                      else [(None, error.messages)]):
                    form.add_error(field if field in form.fields else None, errors)
            else:
                access_family(request, family.pk, object_type="noodtoegang")
                messages.warning(request, _("Noodtoegang geopend tot %(time)s. Uw teamleider beoordeelt deze toegang.")
                                 % {"time": access.expires_at.astimezone().strftime("%H:%M")})
                return redirect("families:detail", family_id=family.pk)
    return render(request, "privacy/emergency.html", {"form": form, "hours": services.emergency_hours()})


@login_required
@require_http_methods(["GET"])
def emergency_reviews(request):
    if request.user.role != Role.TEAM_LEAD:
        raise PolicyDenied("emergency_review")
    page = paginate(request, services.emergency_reviewable(request.user))
    return render(request, "privacy/emergency_reviews.html", {"page_obj": page, "form": ReviewForm()})


@login_required
@require_http_methods(["POST"])
def emergency_review(request, access_id):
    access = get_object_or_404(EmergencyAccess, pk=access_id)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        services.emergency_access_review(actor=request.user, access=access, note=form.cleaned_data.get("note", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("De noodtoegang is beoordeeld."))
    return redirect("privacy:emergency_reviews")


# --- Product 1 -------------------------------------------------------------------------------------------------

CONSULTING_ROLES = frozenset({Role.LT_PROFESSIONAL, Role.GI_PROTECTOR})


@login_required
@require_http_methods(["GET", "POST"])
def consultations(request):
    if request.user.role not in CONSULTING_ROLES:
        raise PolicyDenied("anonymous_consultation")
    form = ConsultationForm(request.POST or None, user=request.user, initial={"held_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.anonymous_consultation_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("De anonieme consultatie is vastgelegd."))
            return redirect("privacy:consultations")
    page = paginate(request, selectors.my_consultations(request.user))
    return render(request, "privacy/consultations.html", {"form": form, "page_obj": page})


@login_required
def consultation_counts(request):
    if request.user.role not in (Role.POLICY_OFFICER, Role.TEAM_LEAD):
        raise PolicyDenied("monitoring")
    return render(request, "privacy/consultation_counts.html", {"rows": selectors.consultation_counts()})


# --- Two-factor login --------------------------------------------------------------------------------------

def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("families:caseload")


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    if any(True for _d in devices_for_user(request.user, confirmed=True)):
        return redirect(f"{reverse('privacy:otp_verify')}?next={_next_url(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or TOTPDevice.objects.create(
        user=request.user, name=_("Authenticator-app"), confirmed=False)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Tweestapsverificatie is ingesteld."))
            return redirect(_next_url(request))
        form.add_error("otp_token", _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer opnieuw."))
    uri = device.config_url
    qr_svg = segno.make(uri, error="m").svg_inline(scale=4, title=_("QR-code voor de authenticator-app"))
    return render(request, "privacy/otp_setup.html", {"form": form, "uri": uri, "qr_svg": qr_svg,
                                                      "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["otp_token"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("otp_token", _("Deze eenmalige code klopt niet of is verlopen."))
    return render(request, "privacy/otp_verify.html", {"form": form, "next": _next_url(request)})
