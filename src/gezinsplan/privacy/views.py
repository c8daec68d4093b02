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
from gezinsplan.privacy import retention, selectors, services
from gezinsplan.privacy.forms import (
    BreachForm,
    ConsentForm,
    ConsultationForm,
    DestructionDecisionForm,
    DestructionRequestForm,
    DisclosureForm,
    EmergencyForm,
    FollowUpForm,
    LearningMaterialForm,
    LegalHoldForm,
    LiftHoldForm,
    LogFilterForm,
    LogSearchForm,
    OtpForm,
    ReviewForm,
    RevokeForm,
)
from gezinsplan.privacy.models import (
    AccessAction,
    Consent,
    DestructionRequest,
    EmergencyAccess,
    LegalHold,
    PrivacyFollowUp,
)


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
def consent_edit(request, family_id, consent_id):
    """Correct a consent that has not been used or revoked (the service refuses otherwise)."""
    family, _grant = access_family(
        request, family_id, action=read_or_write(request), object_type="toestemming", object_id=consent_id, edit=True
    )
    consent = Consent.objects.filter(family=family, pk=consent_id, removed_at__isnull=True).first()
    if consent is None:
        raise Http404(_("Niet gevonden"))
    form = ConsentForm(request.POST or None, instance=consent, family=family)
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        try:
            services.consent_update(
                actor=request.user, consent=consent, version=form.cleaned_data.get("version"), **values
            )
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("De toestemming is gewijzigd."))
            return redirect(reverse("families:detail", kwargs={"family_id": family.pk}) + "#privacy")
    return render(
        request, "privacy/consent_form.html", {"form": form, "family": family, "title": _("Toestemming wijzigen")}
    )


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


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_complete(request, family_id):
    """The follow-ups of refusals (R038, R089, R160): GET lists them, POST records an outcome."""
    family, grant = access_family(
        request,
        family_id,
        action=read_or_write(request),
        object_type="opvolging toestemming",
        edit=request.method == "POST",
    )
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            follow_up = get_object_or_404(PrivacyFollowUp, family=family, pk=data["follow_up_id"])
            try:
                services.follow_up_complete(
                    actor=request.user,
                    follow_up=follow_up,
                    outcome=data["outcome"],
                    forced_framework_needed=data["forced_framework_needed"],
                    still_refused=data["still_refused"],
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("De uitkomst is vastgelegd."))
        return redirect("privacy:follow_up_complete", family_id=family.pk)
    register = selectors.family_register(family=family)
    return render(
        request,
        "privacy/follow_ups.html",
        {
            "family": family,
            "register": register,
            "can_edit": policy.can(request.user, policy.Action.EDIT_FAMILY, grant=grant),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def learning_material(request, family_id):
    """R545: pseudonymise a piece of the case file for learning or publication. Shown, not stored."""
    action = AccessAction.DOWNLOAD if request.method == "POST" else AccessAction.VIEW
    family, _grant = access_family(request, family_id, action=action, object_type="leermateriaal (gepseudonimiseerd)")
    form = LearningMaterialForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.pseudonymise(family=family, text=form.cleaned_data["text"])
        form = LearningMaterialForm()  # the original is not echoed back
    return render(request, "privacy/learning_material.html", {"family": family, "form": form, "result": result})


# --- Retention: legal holds and requests for earlier destruction --------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def retention_page(request, family_id):
    """The family's destruction date, its legal holds and the written requests for earlier destruction.

    One page, four POST operations (`op`): place a hold, lift one (team lead), record a request, decide on one
    (team lead; a hold or an open case blocks granting)."""
    family, grant = access_family(request, family_id, action=read_or_write(request), object_type="bewaartermijn")
    op = request.POST.get("op") if request.method == "POST" else None
    hold_form = LegalHoldForm(request.POST if op == "hold" else None)
    request_form = DestructionRequestForm(
        request.POST if op == "request" else None, family=family, initial={"received_on": policy.today()}
    )
    decision_form = DestructionDecisionForm(request.POST if op == "decide" else None)
    if op is not None and not policy.can(request.user, policy.Action.EDIT_FAMILY, grant=grant):
        raise PolicyDenied(policy.Action.EDIT_FAMILY)
    try:
        if op == "hold" and hold_form.is_valid():
            retention.legal_hold_place(actor=request.user, family=family, reason=hold_form.cleaned_data["reason"])
            messages.success(request, _("De bewaarplicht is vastgelegd: het dossier wordt niet vernietigd."))
            return redirect("privacy:retention", family_id=family.pk)
        if op == "lift":
            lift = LiftHoldForm(request.POST)
            hold = (
                get_object_or_404(LegalHold, family=family, pk=lift.cleaned_data["hold_id"])
                if lift.is_valid()
                else None
            )
            if hold is not None:
                retention.legal_hold_lift(actor=request.user, hold=hold)
                messages.success(request, _("De bewaarplicht is opgeheven."))
            return redirect("privacy:retention", family_id=family.pk)
        if op == "request" and request_form.is_valid():
            retention.destruction_request_record(actor=request.user, family=family, **request_form.cleaned_data)
            messages.success(request, _("Het verzoek om vernietiging is vastgelegd. De teamleider besluit."))
            return redirect("privacy:retention", family_id=family.pk)
        if op == "decide" and decision_form.is_valid():
            data = decision_form.cleaned_data
            pending = get_object_or_404(DestructionRequest, family=family, pk=data["request_id"])
            retention.destruction_request_decide(
                actor=request.user, request=pending, grant=data["decision"] == "grant", note=data["note"]
            )
            messages.success(request, _("Het besluit over het verzoek is vastgelegd."))
            return redirect("privacy:retention", family_id=family.pk)
    except ValidationError as error:
        target = {"hold": hold_form, "request": request_form}.get(op)
        if target is not None:
            target.apply_error(error)
        else:
            for message in error.messages:
                messages.error(request, message)
    page = retention.retention_page(family=family)
    return render(
        request,
        "privacy/retention.html",
        {
            "family": family,
            "page": page,
            "hold_form": hold_form,
            "request_form": request_form,
            "can_edit": policy.can(request.user, policy.Action.EDIT_FAMILY, grant=grant),
            "is_team_lead": request.user.role == Role.TEAM_LEAD,
        },
    )


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


OFFICER_PURPOSE = "controle op rechtmatig gebruik (NEN 7513)"


def _log_officer_reads(request, family_ids) -> None:
    for family_id in family_ids:
        log_access(
            request,
            family_id=family_id,
            action=AccessAction.SEARCH,
            object_type="toegangslog (controle)",
            reason=_("controle toegangslog door de privacyfunctionaris"),
            purpose=OFFICER_PURPOSE,
        )


def _log_csv(request, entries) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="toegangslog.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            "Volgnummer",
            "Tijdstip",
            "Gebruiker",
            "Rol",
            "Organisatie",
            "Gezin",
            "Actie",
            "Gegeven",
            "Kanaal",
            "Grondslag",
            "Doel van gebruik",
            "Noodtoegang",
        ]
    )
    seen = set()
    for e in entries.iterator(chunk_size=1000):
        writer.writerow(
            [
                e.seq,
                e.occurred_at.isoformat(),
                e.username,
                e.role,
                e.organisation,
                e.family_id or "",
                e.get_action_display(),
                e.object_type,
                e.channel,
                e.reason,
                e.purpose,
                "ja" if e.emergency else "nee",
            ]
        )
        if e.family_id:
            seen.add(e.family_id)
    for family_id in seen:
        log_access(
            request,
            family_id=family_id,
            action=AccessAction.DOWNLOAD,
            object_type="toegangslog (export)",
            reason=_("controle toegangslog door de privacyfunctionaris"),
            purpose=OFFICER_PURPOSE,
        )
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
